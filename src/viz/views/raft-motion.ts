/**
 * What moves in the Raft view between two engine steps, handed to the browser as Web
 * Animations whose clock is simulated time: duration and currentTime in simulated ms,
 * playbackRate the player's speed. Each is started once (a message when it is sent, a member's
 * election timer when it is refilled) and animates only transform or opacity, which Chromium
 * runs off the main thread: frames between two events cost the page nothing. A render only
 * corrects an animation that drifted from the lab's clock. When nothing should move (paused,
 * hidden, motion reduced, or a timer at high speed) there is no animation at all: the element
 * stands at the lab's exact time through its `transform` attribute.
 */
import { along, type Point } from './raft-layout';

export interface Motion {
	/** Simulated time of the snapshot being drawn (ms). */
	t: number;
	/** Animations run at `speed` simulated ms per wall ms; otherwise they hold still at `t`. */
	running: boolean;
	speed: number;
}

/**
 * How far (wall-clock ms) a running animation may be from the lab's clock before a render moves
 * it: the lab is advanced on animation frames and timers, so the two differ by about a frame.
 */
const DRIFT_WALL_MS = 40;

interface Tracked {
	animation: Animation;
	/** What the keyframes or timing were built from: rebuilt when it changes. */
	key: string;
}

const tracked = new WeakMap<Element, Tracked>();

/**
 * Simulated ms a dot's animation holds it at its destination after it arrives. The render at
 * its arrival removes it first: an animation that ends on the compositor hands its effect back
 * to the main thread, which costs a frame of its own.
 */
const HOLD_SIM_MS = 60_000;
/** The same for a streak, in wall ms: it is invisible by then, and removed on a later render. */
const HOLD_WALL_MS = 2_000;

/**
 * Draws `el` standing still: no animation at all (a paused one still has the compositor ask
 * the page for frames), only its `transform` attribute.
 */
function still(el: Element, transform: string): void {
	const known = tracked.get(el);
	if (known !== undefined) {
		known.animation.cancel();
		tracked.delete(el);
	}
	if (el.getAttribute('transform') !== transform) el.setAttribute('transform', transform);
}

/**
 * Ends `el`'s animation, before `el` leaves the page: the animation of a removed element goes
 * on running (unseen, yet asking for frames) until its time is up.
 */
export function stop(el: Element): void {
	tracked.get(el)?.animation.cancel();
	tracked.delete(el);
}

/** Runs `el`'s animation (made once per `key`) at `at` simulated ms into it, at `speed`. */
function run(
	el: Element,
	key: string,
	keyframes: () => Keyframe[],
	duration: number,
	at: number,
	speed: number
): void {
	const known = tracked.get(el);
	if (known === undefined || known.key !== key) {
		known?.animation.cancel();
		const animation = el.animate(keyframes(), { duration, fill: 'both', easing: 'linear' });
		animation.playbackRate = speed;
		animation.currentTime = at;
		tracked.set(el, { animation, key });
		return;
	}
	const { animation } = known;
	// Setting the rate keeps the current time: the animation goes on from where it is.
	if (animation.playbackRate !== speed) animation.playbackRate = speed;
	const now = Number(animation.currentTime);
	if (!(Math.abs(now - at) <= speed * DRIFT_WALL_MS)) animation.currentTime = at;
}

const fixed = (n: number) => n.toFixed(1);

/** A message dot flying from `a` (sent at `sentAt`) to `b` (arriving at `arriveAt`). */
export function fly(
	el: Element,
	a: Point,
	b: Point,
	sentAt: number,
	arriveAt: number,
	motion: Motion
): void {
	const flight = Math.max(1, arriveAt - sentAt);
	if (!motion.running) {
		const p = along(a, b, Math.min(1, Math.max(0, (motion.t - sentAt) / flight)));
		still(el, `translate(${fixed(p.x)} ${fixed(p.y)})`);
		return;
	}
	const from = `translate(${fixed(a.x)}px, ${fixed(a.y)}px)`;
	const to = `translate(${fixed(b.x)}px, ${fixed(b.y)}px)`;
	const duration = flight + HOLD_SIM_MS;
	run(
		el,
		`${from}|${to}|${flight}`,
		() => [{ transform: from }, { transform: to, offset: flight / duration }, { transform: to }],
		duration,
		motion.t - sentAt,
		motion.speed
	);
}

// An election timer's arc, full at the top and emptying anticlockwise, drawn as two half rings
// each clipped to its own half of the member and turned: rotation is all that animates.
// The right half ring stays whole until the timer is half spent, then turns away under its clip.
const RIGHT: Keyframe[] = [
	{ transform: 'rotate(0deg)' },
	{ transform: 'rotate(0deg)', offset: 0.5 },
	{ transform: 'rotate(-180deg)' }
];
// The left half ring turns away first.
const LEFT: Keyframe[] = [
	{ transform: 'rotate(0deg)' },
	{ transform: 'rotate(-180deg)', offset: 0.5 },
	{ transform: 'rotate(-180deg)' }
];

/**
 * A member's election timer: `timeout` ms long, running out at `deadline`. The arc left is
 * `(deadline − t) / timeout` of the ring; `right` and `left` are the two half rings.
 */
export function countDown(
	right: Element,
	left: Element,
	deadline: number,
	timeout: number,
	motion: Motion
): void {
	const duration = Math.max(1, timeout);
	if (!motion.running) {
		const f = Math.min(1, Math.max(0, (deadline - motion.t) / duration));
		still(right, `rotate(${fixed(360 * Math.min(f, 0.5) - 180)})`);
		still(left, `rotate(${fixed(360 * Math.max(f, 0.5) - 360)})`);
		return;
	}
	const at = motion.t - (deadline - duration);
	run(right, String(duration), () => RIGHT, duration, at, motion.speed);
	run(left, String(duration), () => LEFT, duration, at, motion.speed);
}

/**
 * Streaks and dropped marks that go after `ms` of wall-clock time: fading out, or all at once
 * when motion is reduced (still off the main thread). The caller removes `el` on a render once
 * `gone` says so, before the animation itself ends (see HOLD_SIM_MS).
 */
export function fadeAway(el: Element, ms: number, animate: boolean): Animation {
	const end = ms / (ms + HOLD_WALL_MS);
	const keyframes: Keyframe[] = animate
		? [{ opacity: 1 }, { opacity: 0, offset: end }, { opacity: 0 }]
		: [{ opacity: 1 }, { opacity: 1, offset: end }, { opacity: 0, offset: end }, { opacity: 0 }];
	return el.animate(keyframes, { duration: ms + HOLD_WALL_MS, fill: 'forwards' });
}

/** Whether what `fadeAway` started is out of sight (`ms` as given to it). */
export function gone(fade: Animation, ms: number): boolean {
	return fade.playState === 'finished' || Number(fade.currentTime) >= ms;
}
