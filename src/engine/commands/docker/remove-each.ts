/**
 * docker's `rm` of several objects (network, secret, config remove.go): each name is tried in
 * turn; a removed one is printed as it was named, a failure is kept and the next name still
 * tried, and the failures are printed together at the end, failing the line.
 */
import { fail, ok, type CommandResult } from '../context';

/** What removing one name came to: removed, skipped silently (`-f` on a missing one), or an error. */
export type RemoveOutcome = 'removed' | 'skipped' | { error: string };

export function removeEach(
	refs: readonly string[],
	removeOne: (ref: string) => RemoveOutcome
): CommandResult {
	let output = '';
	const errors: string[] = [];
	let changed = false;
	for (const ref of refs) {
		const outcome = removeOne(ref);
		if (outcome === 'skipped') continue;
		if (outcome !== 'removed') {
			errors.push(outcome.error);
			continue;
		}
		changed = true;
		output += `${ref}\n`;
	}
	if (errors.length > 0) return fail(errors.join('\n') + '\n', output, changed);
	return ok(output, changed);
}
