/**
 * An interactive shell in the console: `kubectl exec -it POD -- sh` (or `docker exec -it C sh`)
 * cannot run in the lab itself (a command line gets no keystrokes), so the console plays the
 * terminal: it checks the shell starts (`… -- sh -c true`), then sends each line typed as its
 * own `kubectl exec POD -- sh -c 'LINE'` until `exit`. What runs is the lab's exec; the console
 * only writes the lines for the learner, as the view's buttons do.
 */
import { tokenize } from '$engine/commands/tokenizer';
import { isShell } from '$engine/commands/kubectl/exec-session';
import { reattachMessage } from '$engine/commands/kubectl/attach-messages';
import { defaultShell } from '$engine/images/executables';

export interface ShellTarget {
	/** The exec line without stdin/tty flags and without the shell: `kubectl exec web -n x`. */
	readonly base: string;
	/** How the CLI separates the command: `--` for kubectl, nothing for docker. */
	readonly dash: string;
	readonly shell: string;
	/** The pod or container, for the prompt and the note. */
	readonly target: string;
	readonly prompt: string;
	/** For `kubectl run -it`: the pod it made, and whether --rm deletes it when the shell ends. */
	readonly run?: {
		/** The namespace words as typed (`-n x`), for the lines the console sends. */
		readonly namespace: string[];
		readonly remove: boolean;
		/** -q: attach and delete print no messages. */
		readonly quiet: boolean;
	};
}

/** `kubectl run -it NAME … -- sh`: the lines the console sends, and the shell it then plays. */
export interface RunShell {
	/** Creates the pod with stdin and a TTY, unattached (the console attaches). */
	readonly create: string;
	/** Waits until it runs (kubectl's attach waits for running and ready). */
	readonly wait: string;
	readonly shell: ShellTarget;
}

const STDIN = new Set(['-i', '--stdin', '--interactive']);
const TTY = new Set(['-t', '--tty']);
const BOTH = new Set(['-it', '-ti']);

/** POSIX single quoting: the lab's tokenizer reads it back as one word, unchanged. */
export function shellQuote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The shell a line asks for, when it asks for one with stdin attached; else undefined. */
export function interactiveShell(line: string): ShellTarget | undefined {
	const parsed = tokenize(line);
	if (!parsed.ok) return undefined;
	const words = parsed.words;
	const docker = words[0] === 'docker';
	if (!(words[0] === 'kubectl' || docker)) return undefined;
	const at = docker && words[1] === 'container' ? 2 : 1;
	if (words[at] !== 'exec') return undefined;
	let before: string[];
	let command: string[];
	if (docker) {
		// docker exec [OPTIONS] CONTAINER COMMAND: the first word that is no option (nor an
		// option's value: only -e/-u/-w take one) is the container.
		let i = at + 1;
		while (i < words.length && words[i]!.startsWith('-')) {
			if (/^(-e|--env|-u|--user|-w|--workdir)$/.test(words[i]!)) i++;
			i++;
		}
		before = words.slice(0, i + 1);
		command = words.slice(i + 1);
	} else {
		const dash = words.indexOf('--');
		if (dash < 0) return undefined;
		before = words.slice(0, dash);
		command = words.slice(dash + 1);
	}
	if (command.length !== 1 || !isShell(command[0]!)) return undefined;
	const stdin = before.some((w) => STDIN.has(w) || BOTH.has(w));
	if (!stdin) return undefined;
	const kept = before.filter((w) => !STDIN.has(w) && !TTY.has(w) && !BOTH.has(w));
	const target = docker
		? (kept[kept.length - 1] ?? '')
		: (kept.slice(at + 1).find((w, i, all) => !w.startsWith('-') && !isValue(all, i)) ?? '');
	const shell = command[0]!;
	const name = shell.split('/').pop() ?? shell;
	return {
		base: kept.map(shellQuote).join(' '),
		dash: docker ? '' : ' --',
		shell,
		target,
		// busybox ash as root prints `/ # `; bash prints user@host:dir#.
		prompt: name === 'bash' ? `root@${target.split('/').pop() ?? target}:/# ` : '/ # '
	};
}

/** Whether words[i] is the value of the flag before it (`-n NS`, `-c C`). */
function isValue(words: readonly string[], i: number): boolean {
	return i > 0 && /^(-n|--namespace|-c|--container|--context)$/.test(words[i - 1]!);
}

/** The lab line that runs `line` in the shell. */
export function shellLine(t: ShellTarget, line: string): string {
	return `${t.base}${t.dash} ${shellQuote(t.shell)} -c ${shellQuote(line)}`;
}

/** The lab line that checks the shell can start there. */
export function probeLine(t: ShellTarget): string {
	return shellLine(t, 'true');
}

/** `exit` or `exit N` (N's low byte), or undefined for any other line. */
export function exitCode(line: string): number | undefined {
	const m = /^\s*(?:exit|logout)(?:\s+(\d+))?\s*$/.exec(line);
	return m === null ? undefined : Number(m[1] ?? 0) & 255;
}

/** An interactive shell prints no `command terminated with exit code N` after each command. */
export function withoutExitNote(stderr: string): string {
	return stderr.replace(/^command terminated with exit code \d+\n?/m, '');
}

/** Flags of `kubectl run` that take the next word as their value. */
const RUN_VALUE_FLAGS =
	/^(-n|--namespace|--image|--restart|-l|--labels|--env|--port|--overrides|--override-type|--image-pull-policy|--annotations|-o|--output|--pod-running-timeout)$/;

/**
 * `kubectl run -it [--rm] NAME --image=I [--restart=R] … [-- sh]`: a shell in a new pod. The
 * console creates it with `--stdin --tty --attach=false` (the Pod kubectl would create: stdin,
 * stdinOnce, tty, OnFailure by default), waits for it to be ready, then plays the terminal.
 */
export function interactiveRun(line: string): RunShell | undefined {
	const parsed = tokenize(line);
	if (!parsed.ok) return undefined;
	const words = parsed.words;
	if (words[0] !== 'kubectl' || words[1] !== 'run') return undefined;
	const dash = words.indexOf('--');
	const before = dash < 0 ? words : words.slice(0, dash);
	const command = dash < 0 ? [] : words.slice(dash + 1);
	const stdin = before.some((w) => STDIN.has(w) || BOTH.has(w));
	if (!stdin) return undefined;
	let name: string | undefined;
	let image = '';
	const namespace: string[] = [];
	for (let i = 2; i < before.length; i++) {
		const w = before[i]!;
		if (RUN_VALUE_FLAGS.test(w)) {
			if (w === '--image') image = before[i + 1] ?? '';
			if (w === '-n' || w === '--namespace') namespace.push(w, before[i + 1] ?? '');
			i++;
		} else if (w.startsWith('--image=')) image = w.slice('--image='.length);
		else if (w.startsWith('--namespace=')) namespace.push(w);
		else if (!w.startsWith('-') && name === undefined) name = w;
	}
	const shell = command.length === 0 ? defaultShell(image) : command[0];
	if (name === undefined || shell === undefined || command.length > 1 || !isShell(shell))
		return undefined;
	const remove = before.includes('--rm');
	const quiet = before.some((w) => w === '-q' || w === '--quiet' || w === '--quiet=true');
	const kept = before.filter(
		(w) =>
			!STDIN.has(w) &&
			!TTY.has(w) &&
			!BOTH.has(w) &&
			w !== '--rm' &&
			!w.startsWith('--attach') &&
			!w.startsWith('--quiet') &&
			w !== '-q'
	);
	const create = [...kept, '--stdin', '--tty', '--attach=false', '--', shell]
		.map(shellQuote)
		.join(' ');
	const ns = namespace.map(shellQuote).join(' ');
	const exec = ['kubectl', 'exec', name, ...namespace].map(shellQuote).join(' ');
	const shellName = shell.split('/').pop() ?? shell;
	return {
		create,
		wait: `kubectl wait --for=condition=Ready pod/${shellQuote(name)} --timeout=60s${ns ? ` ${ns}` : ''}`,
		shell: {
			base: exec,
			dash: ' --',
			shell,
			target: name,
			prompt: shellName === 'bash' ? `root@${name}:/# ` : '/ # ',
			run: { namespace, remove, quiet }
		}
	};
}

/**
 * What kubectl prints when the attached TTY session ends, unless -q (attach.go
 * reattachMessage; kubectl run names the container after the pod).
 */
export function sessionEnded(t: ShellTarget): string | undefined {
	if (t.run === undefined || t.run.quiet) return undefined;
	return reattachMessage(t.target, t.target, namespaceOf(t.run.namespace));
}

/** The namespace the namespace words name, else the context's (`default` in the lab). */
function namespaceOf(words: readonly string[]): string {
	const w = words[0];
	if (w === undefined) return 'default';
	return w.startsWith('--namespace=') ? w.slice('--namespace='.length) : (words[1] ?? 'default');
}

/** The line --rm runs once the shell ends. */
export function removeLine(t: ShellTarget): string | undefined {
	if (t.run === undefined || !t.run.remove) return undefined;
	return ['kubectl', 'delete', 'pod', t.target, ...t.run.namespace, '--wait=false']
		.map(shellQuote)
		.join(' ');
}
