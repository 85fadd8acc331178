/**
 * What `kubectl attach` (and `kubectl run -i`, which attaches) prints around a session, kept
 * apart from the command so that the console, which plays the terminal, can print the same
 * lines without loading the command.
 */

/** Printed on stderr as attach starts, unless -q (kubectl v1.35 attach.go Run). */
export const ATTACH_BANNER =
	'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n' +
	"If you don't see a command prompt, try pressing enter.\n";

/** Printed when an attached TTY session ends, unless -q (attach.go reattachMessage). */
export function reattachMessage(pod: string, container: string, namespace: string): string {
	return `Session ended, resume using 'kubectl attach ${pod} -c ${container} -n ${namespace} -i -t' command`;
}
