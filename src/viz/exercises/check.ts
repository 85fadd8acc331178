/**
 * Whether an exercise's goals hold in a lab, now. Each goal is checked with a read-only command
 * line, the way a learner would check it by hand (`kubectl get … -o jsonpath=…`, `docker service
 * ls --format …`), and its output tested: the learner can run the very line that judges them.
 * Read-only lines change nothing and are not recorded (Lab.exec), so checking never moves the
 * lab or its history.
 */
import type { Lab } from '$engine/types';

export interface GoalCheck {
	/** A read-only command line. */
	line: string;
	/** Its standard output must match this (no `g` flag: a RegExp with one keeps state)… */
	match?: RegExp;
	/** …and must not match this. */
	notMatch?: RegExp;
}

/** Whether `check` holds in `lab`: its line succeeds and its output is as asked. */
export function holds(lab: Pick<Lab, 'exec'>, check: GoalCheck): boolean {
	const result = lab.exec(check.line);
	if (!result.ok) return false;
	// Lines end in a newline or not (jsonpath prints none): the patterns see neither.
	const out = result.output.trimEnd();
	return (check.match?.test(out) ?? true) && !(check.notMatch?.test(out) ?? false);
}

/** Which of `checks` hold in `lab`, in order. */
export function goalsHeld(lab: Pick<Lab, 'exec'>, checks: readonly GoalCheck[]): boolean[] {
	return checks.map((check) => holds(lab, check));
}
