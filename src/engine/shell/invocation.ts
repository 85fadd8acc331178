/**
 * A shell's command line as containers and `kubectl exec` give it: `sh -c SCRIPT [NAME
 * [ARGS…]]` with the options POSIX lets come before or after `-c` — `sh -exc '…'`, `sh -e -c
 * '…'`, `bash -o pipefail -c '…'` (XCU sh: `sh -c [-abCefhimnuvx] [-o option]… command_string
 * [command_name [argument…]]`).
 */
import { OPTION_LETTERS, OPTION_NAMES, type ShellOptions } from './interpreter';

export interface Invocation {
	/** The shell as called (`sh`, `/bin/sh`, `bash`): $0 and its dialect. */
	argv0: string;
	options: Partial<ShellOptions>;
	script: string;
	/** $0 (NAME, else argv0) and $1… */
	positional: string[];
}

const SHELLS = /^(sh|ash|dash|bash)$/;

/** `SHELL [OPTIONS] -c SCRIPT …`, or undefined when argv is no such command line. */
export function shellInvocation(argv: readonly string[]): Invocation | undefined {
	const [argv0, ...rest] = argv;
	if (argv0 === undefined || !SHELLS.test(argv0.split('/').pop() ?? '')) return undefined;
	const options: Partial<ShellOptions> = {};
	let command = false;
	let i = 0;
	for (; i < rest.length; i++) {
		const a = rest[i]!;
		if (a === '--') {
			i++;
			break;
		}
		if (!/^[-+]./.test(a)) break;
		const on = a.startsWith('-');
		for (const c of a.slice(1)) {
			if (c === 'c' && on) command = true;
			else if (c === 'o') {
				const name = rest[++i];
				if (name === undefined || !OPTION_NAMES.has(name)) return undefined;
				options[name as keyof ShellOptions] = on;
			} else if (OPTION_LETTERS[c] !== undefined) options[OPTION_LETTERS[c]] = on;
			else return undefined;
		}
	}
	const script = rest[i];
	if (!command || script === undefined) return undefined;
	const positional = rest.slice(i + 1);
	return { argv0, options, script, positional: [positional[0] ?? argv0, ...positional.slice(1)] };
}
