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
	if (STARTING.has(s) || s.startsWith('Init:')) return 'starting';
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
