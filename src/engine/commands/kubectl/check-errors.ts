/**
 * How kubectl prints the errors a command gathered while visiting several objects (kubectl
 * pkg/cmd/util/helpers.go checkErr): an aggregate of one error prints as that error alone
 * (`error: …`, or `Error from server (…): …`); several print one a line through
 * MultipleErrors, which uses StandardErrorMessage or the bare message, so a plain error loses
 * its `error: ` prefix there.
 */

/** The errors, each as it prints on its own (`error: …\n` or `Error from server …\n`). */
export function checkErrors(errors: readonly string[]): string {
	if (errors.length === 1) return errors[0]!;
	return errors.map((e) => e.replace(/^error: /, '')).join('');
}
