/**
 * How a pod's STATUS word is drawn: a tone (colour) and an icon shape, so that no state is told
 * by colour alone, plus a short phrase for screen readers. Shapes are SVG paths in a 14×14 box.
 */
import type { UnitView } from '$engine/types';

export type UnitTone = 'ok' | 'starting' | 'bad' | 'ending' | 'done';

/** Waiting reasons of a container that is still on its way up (kubelet's own words). */
// …and swarmkit's task states on the way to RUNNING (facts.md §2.4).
const STARTING = new Set([
	'Pending',
	'ContainerCreating',
	'PodInitializing',
	'NotReady',
	'New',
	'Assigned',
	'Accepted',
	'Preparing',
	'Ready',
	'Starting'
]);
const ENDING = new Set(['Terminating', 'Unknown', 'Shutdown', 'Remove']);
const DONE = new Set(['Completed', 'Succeeded', 'Complete']);

export function unitTone(unit: Pick<UnitView, 'status' | 'ready'>): UnitTone {
	const s = unit.status;
	if (s === 'Running') return unit.ready ? 'ok' : 'starting';
	// `Init:1/2` is progress; `Init:CrashLoopBackOff` (or any reason) is that reason's tone.
	if (s.startsWith('Init:'))
		return /^Init:\d+\/\d+$/.test(s) ? 'starting' : unitTone({ status: s.slice(5), ready: false });
	if (STARTING.has(s)) return 'starting';
	if (ENDING.has(s)) return 'ending';
	if (DONE.has(s)) return 'done';
	// CrashLoopBackOff, Error, ErrImagePull, ImagePullBackOff, OOMKilled, Failed, Evicted, …
	return 'bad';
}

/**
 * Filled circle (running), ring with its left half filled (starting), triangle (failing),
 * crossed square outline (ending), filled square (done). Drawn with the even-odd fill rule.
 */
export const UNIT_SHAPES: Record<UnitTone, string> = {
	ok: 'M7 1a6 6 0 1 0 0 12a6 6 0 1 0 0-12z',
	starting:
		'M7 1a6 6 0 1 0 0 12a6 6 0 1 0 0-12zM7 2.5a4.5 4.5 0 1 0 0 9a4.5 4.5 0 1 0 0-9zM7 4v6a3 3 0 0 1 0-6z',
	bad: 'M7 .8L13.4 12.6H.6z',
	ending: 'M1.5 1.5h11v11h-11zM4 4l6 6M10 4l-6 6',
	done: 'M1.5 1.5h11v11h-11z'
};

/** Names end in a random suffix; cards show it so that pods of one Deployment stay apart. */
export function shortName(name: string): string {
	const parts = name.split('-');
	return parts.length > 2 ? parts[parts.length - 1]! : name;
}

const WORDS = {
	en: {
		ready: 'ready',
		notReady: 'not ready',
		restarts: (n: number) => (n === 1 ? '1 restart' : `${n} restarts`)
	},
	zh: {
		ready: '就绪',
		notReady: '未就绪',
		restarts: (n: number) => `重启 ${n} 次`
	}
};

/** `web-…-x8htg: Running, ready, 0 restarts` — the whole state in words. */
export function describeUnit(unit: UnitView, lang: 'en' | 'zh'): string {
	const w = WORDS[lang];
	const sep = lang === 'zh' ? '，' : ', ';
	return [
		`${unit.name}: ${unit.status}`,
		unit.ready ? w.ready : w.notReady,
		w.restarts(unit.restarts)
	].join(sep);
}

/**
 * The colours of each tone, as the names of the theme's CSS variables (src/app.css), so that
 * the SVG cards (inline custom properties) and the canvas (read with getComputedStyle) paint a
 * state alike in light and dark: `fg` for the icon, outline and words, `bg` for the fill behind.
 */
export const TONE_VARS: Record<UnitTone | NodeTone, { fg: string; bg: string }> = {
	ok: { fg: '--ok-fg', bg: '--ok-bg' },
	starting: { fg: '--warn-fg', bg: '--warn-bg' },
	bad: { fg: '--bad-fg', bg: '--bad-bg' },
	ending: { fg: '--off-fg', bg: '--off-bg' },
	done: { fg: '--muted', bg: '--surface' },
	warn: { fg: '--warn-fg', bg: '--warn-bg' }
};

/** What the orchestrator believes about a node: Ready, NotReady, or anything else. */
export type NodeTone = 'ok' | 'bad' | 'warn';

export function nodeTone(status: string): NodeTone {
	return status === 'Ready' ? 'ok' : status === 'NotReady' ? 'bad' : 'warn';
}

/** A node's status icon in a 20×20 box: circle + tick, triangle + bar, diamond + dot. */
export const NODE_SHAPES: Record<NodeTone, { shape: string; mark: string }> = {
	ok: { shape: 'M10 1a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', mark: 'M5.5 10.2l3 3l6-6.4' },
	bad: { shape: 'M10 1.5L19 18H1z', mark: 'M10 7v5.5M10 14.6v.9' },
	warn: { shape: 'M10 .8L19.2 10L10 19.2L.8 10z', mark: 'M10 6v5M10 13.6v.9' }
};

/**
 * A node's Stop/Start button's icon in a 12×12 box, shown for the verb on a narrow card: the
 * media players' stop square and start (play) triangle.
 */
export const NODE_BUTTON_ICONS = { stop: 'M2 2h8v8H2z', start: 'M3 1.5v9L10.5 6z' } as const;

/** The ending square is an outline with a cross: stroked, where the other shapes are filled. */
export const STROKED_TONES: ReadonlySet<UnitTone> = new Set(['ending']);

/** Inline `color` and `--pill-bg` for a tone, for the SVG and HTML that draw it. */
export function toneStyle(tone: UnitTone | NodeTone): string {
	return `color: var(${TONE_VARS[tone].fg}); --pill-bg: var(${TONE_VARS[tone].bg})`;
}
