/**
 * What the reader does to a first paint (the /embed route's, a lesson's) before the live lab takes its place,
 * done again to the live lab once it has: nothing is lost while the lab's code loads and builds.
 * The first paint is the widget's own HTML, inert (src/routes/embed/[scenario]/+page.svelte):
 * it takes no focus and no click, so the page records where the clicks land and which keys are
 * pressed, and the live lab, drawn in the same frames (first-paint.ts), gets them at the same
 * spots: a click on the first paint's Play button presses the live one, a click on the console's
 * prompt then typing puts the text there (and Enter runs it).
 */

type Action = { kind: 'click'; pageX: number; pageY: number } | { kind: 'key'; key: string };

/** What a click on a point means: the control under it. */
const CONTROL = 'button, input, select, textarea, a[href], summary, [tabindex]';
/** At most this many actions are kept (the latest): a reader's first gestures, not a session. */
const KEEP = 200;

export interface InputRecorder {
	/** Stops recording and does what was recorded to the page as it now is (the live lab). */
	replay(): void;
	/** Stops recording and forgets it (the lab failed, or the page is leaving). */
	stop(): void;
}

/** `ignore`: events on these targets are not recorded (a control that only asks for the lab). */
export function recordInput(
	ignore: (target: EventTarget | null) => boolean = () => false
): InputRecorder {
	let actions: Action[] = [];
	const keep = (action: Action) => {
		actions.push(action);
		if (actions.length > KEEP) actions = actions.slice(-KEEP);
	};
	const onClick = (e: MouseEvent) => {
		if (!ignore(e.target)) keep({ kind: 'click', pageX: e.pageX, pageY: e.pageY });
	};
	const onKey = (e: KeyboardEvent) => {
		if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || ignore(e.target)) return;
		keep({ kind: 'key', key: e.key });
	};
	addEventListener('click', onClick, true);
	addEventListener('keydown', onKey, true);
	const stop = () => {
		removeEventListener('click', onClick, true);
		removeEventListener('keydown', onKey, true);
	};
	return {
		stop() {
			stop();
			actions = [];
		},
		replay() {
			stop();
			for (const action of actions) {
				if (action.kind === 'click') click(action.pageX, action.pageY);
				else press(action.key);
			}
			actions = [];
		}
	};
}

/** A click where the reader clicked: the control there takes the focus and the click. */
function click(pageX: number, pageY: number) {
	const control = elementAt(pageX, pageY)?.closest<HTMLElement>(CONTROL);
	if (!control) return;
	// Where the reader is now, not where the control is: they may have scrolled on since.
	control.focus({ preventScroll: true });
	if (!isTextField(control)) control.click();
}

/**
 * The element at a point of the page. `elementFromPoint` sees only the screen: a point the reader
 * has since scrolled away from is brought on screen for the look, and the scroll put back in the
 * same task (nothing is painted in between).
 */
function elementAt(pageX: number, pageY: number): Element | null {
	const onScreen = () => {
		const x = pageX - scrollX;
		const y = pageY - scrollY;
		return x >= 0 && y >= 0 && x < innerWidth && y < innerHeight;
	};
	if (onScreen()) return document.elementFromPoint(pageX - scrollX, pageY - scrollY);
	const [left, top] = [scrollX, scrollY];
	scrollTo({ left: pageX - innerWidth / 2, top: pageY - innerHeight / 2, behavior: 'instant' });
	const hit = onScreen() ? document.elementFromPoint(pageX - scrollX, pageY - scrollY) : null;
	scrollTo({ left, top, behavior: 'instant' });
	return hit;
}

/** A key pressed: text goes into the focused text field; other keys (Enter…) to the focus. */
function press(key: string) {
	const target = document.activeElement;
	if (!(target instanceof HTMLElement) || target === document.body) return;
	if (key.length === 1 && isTextField(target)) {
		target.value += key;
		target.dispatchEvent(new InputEvent('input', { bubbles: true, data: key }));
		return;
	}
	target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
}

function isTextField(element: Element): element is HTMLInputElement | HTMLTextAreaElement {
	if (element instanceof HTMLTextAreaElement) return true;
	return (
		element instanceof HTMLInputElement &&
		['text', 'search', 'url', 'email', 'tel', 'password', ''].includes(element.type)
	);
}
