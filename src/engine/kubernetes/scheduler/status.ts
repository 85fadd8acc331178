/**
 * Filter outcomes (kube-scheduler framework Status, reduced to the rejection codes a Filter
 * may return). Statuses are interned: a node that fails allocates nothing, which matters when
 * thousands of full nodes are rejected per cycle.
 */

/** fwk.Unschedulable: preemption may help. */
export const UNSCHEDULABLE = 1;
/** fwk.UnschedulableAndUnresolvable: preemption cannot help. */
export const UNRESOLVABLE = 2;

export type Code = typeof UNSCHEDULABLE | typeof UNRESOLVABLE;

export interface Status {
	readonly code: Code;
	readonly reasons: readonly string[];
	/** The plugin that rejected the node. */
	readonly plugin: string;
}

const interned = new Map<string, Status>();

export function status(plugin: string, code: Code, ...reasons: string[]): Status {
	const key = `${plugin}\0${code}\0${reasons.join('\0')}`;
	let s = interned.get(key);
	if (!s) {
		if (interned.size > 10_000) interned.clear(); // taint values are the only open-ended part
		s = Object.freeze({ code, reasons: Object.freeze(reasons), plugin });
		interned.set(key, s);
	}
	return s;
}
