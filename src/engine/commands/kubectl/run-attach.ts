/**
 * `kubectl run -i|--attach [--rm] …` once the Pod is created (kubectl pkg/cmd/run/run.go Run,
 * handleAttachPod, waitForPod): wait until the Pod runs and is ready, or has already finished,
 * within --pod-running-timeout (1 minute); show what its container prints; with restart policy
 * Never or OnFailure wait again for the end that counts (any end, or success) and report a
 * failure with the container's exit code; with --rm, delete the Pod whatever happened. Nothing
 * is printed for the creation itself: attached, run prints no `pod/NAME created`.
 *
 * The console is no terminal: a command's output is shown once it has ended (a real attach
 * streams it), and an interactive shell is refused before anything is created (exec does the
 * same, ./exec-session.ts).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { PODS } from '../../kubernetes/api/collections';
import { isReady } from '../../kubernetes/pods';
import type { CommandContext, CommandResult } from '../context';
import { TerminalWriter } from '../terminal';
import { deleteCommand } from './delete';
import { LAB_WAIT_LIMIT_MS, runUntilDone } from './lab-wait';
import { logs } from './logs';
import { isShell } from './exec-session';
import { ATTACH_BANNER } from './attach-messages';
import { defaultShell } from '../../images/executables';

/** run.go's --pod-running-timeout default, 1m0s: for the start and for the end. */
const POD_RUNNING_TIMEOUT_MS = 60_000;

export interface Attach {
	namespace: string;
	name: string;
	restartPolicy: string;
	remove: boolean;
	/** -i with -t: kubectl says the console is no terminal, and goes on without one. */
	ttyNote: boolean;
	/** -q: no prompt messages, no deletion message (run.go Complete: DeleteOptions.Quiet). */
	quiet: boolean;
}

/** Whether the Pod's one container would be an interactive shell waiting for keystrokes. */
export function interactiveShell(argv: readonly string[], image: string): boolean {
	if (argv.length === 0) return defaultShell(image) !== undefined;
	return isShell(argv[0]!) && argv.length === 1;
}

export const INTERACTIVE_NOTE =
	'lab: interactive shells are not simulated: the console sends no keystrokes to the container.\n' +
	'     Run one command instead, e.g. kubectl run tmp --rm -i --image=busybox --restart=Never -- wget -qO- http://SERVICE\n';

export function attachToPod(ctx: CommandContext, a: Attach): CommandResult {
	const term = new TerminalWriter();
	const current = () => ctx.kubernetes!.apiServer.get<Pod>(PODS, a.namespace, a.name);
	const phase = () => current()?.status?.phase;
	const finished = () => phase() === 'Succeeded' || phase() === 'Failed';
	// waitForPod's conditions answer a deleted pod with NotFound for an unnamed pod.
	const gone = 'Error from server (NotFound): pods "" not found\n';
	let error = '';
	// handleAttachPod: running and ready, or already completed (then its logs are shown).
	const started = runUntilDone(
		ctx,
		() => current() === undefined || finished() || (phase() === 'Running' && isReady(current()!)),
		ctx.kernel.now + POD_RUNNING_TIMEOUT_MS
	);
	if (!started) error = 'error: timed out waiting for the condition\n';
	else if (current() === undefined) error = gone;
	else {
		if (!finished()) {
			// Attached: SetupTTY speaks first; the stream lasts as long as the container's run.
			if (a.ttyNote)
				term.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
			if (!a.quiet) term.err(ATTACH_BANNER);
			const run = runOf(current()!);
			const ended = runUntilDone(
				ctx,
				() => current() === undefined || finished() || runOf(current()!) !== run,
				ctx.kernel.now + LAB_WAIT_LIMIT_MS
			);
			if (!ended) {
				term.out(logs(ctx, [a.name, '-n', a.namespace]).output);
				term.err(
					`lab: the container still runs after ${LAB_WAIT_LIMIT_MS / 60_000} simulated minutes; the console detaches (a real attach would stream on)\n`
				);
				return finish(ctx, term, a, '');
			}
		}
		const waitForExit = a.restartPolicy === 'Never' || a.restartPolicy === 'OnFailure';
		term.out(logs(ctx, [a.name, '-n', a.namespace, ...(finished() ? [] : ['--previous'])]).output);
		if (waitForExit) {
			const exited = runUntilDone(
				ctx,
				() =>
					current() === undefined ||
					(a.restartPolicy === 'Never' ? finished() : phase() === 'Succeeded'),
				ctx.kernel.now + POD_RUNNING_TIMEOUT_MS
			);
			if (!exited) error = 'error: timed out waiting for the condition\n';
			else error = current() === undefined ? gone : exitError(current()!, a);
		}
	}
	return finish(ctx, term, a, error);
}

/** The container's run: its restart count, and whether that run has ended. */
function runOf(pod: Pod): string {
	const s = pod.status?.containerStatuses?.[0];
	return `${s?.restartCount ?? 0}/${s?.state?.terminated !== undefined}`;
}

/** removeCreatedObjects (deferred: before run's error is printed), then the error. */
function finish(
	ctx: CommandContext,
	term: TerminalWriter,
	a: Attach,
	error: string
): CommandResult {
	if (a.remove) {
		const deleted = deleteCommand(ctx, [
			'pod',
			a.name,
			'-n',
			a.namespace,
			'--wait=false',
			'--ignore-not-found'
		]);
		if (!a.quiet) term.out(deleted.output);
		term.err(deleted.error ?? '');
	}
	term.err(error);
	return { ...term.result(error === ''), mutates: true };
}

/** run.go Run's switch on the final phase; kubectl prints an exit error's text as it is. */
function exitError(pod: Pod, a: Attach): string {
	const where = `${a.namespace}/${a.name}`;
	switch (pod.status?.phase) {
		case 'Succeeded':
			return '';
		case 'Failed': {
			const t = pod.status.containerStatuses?.[0]?.state?.terminated;
			if (t === undefined || t.exitCode === 0)
				return `error: pod ${where} failed with unknown exit code\n`;
			// fatal() ends the message with a newline when it has none.
			const text = `pod ${where} terminated (${t.reason ?? ''})\n${t.message ?? ''}`;
			return text.endsWith('\n') ? text : `${text}\n`;
		}
		default:
			return `error: pod ${where} left in phase ${pod.status?.phase ?? ''}\n`;
	}
}
