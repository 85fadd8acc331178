/**
 * `kubectl logs POD|-l SELECTOR [-c CONTAINER|--all-containers] [-p] [--tail N] [--since D|--since-time T]
 * [--timestamps] [--prefix] [--limit-bytes N]` (kubectl pkg/cmd/logs, logsforobject.go; the
 * kubelet's validateContainerLogStatus): the simulated lines of the container's current run —
 * or, in a crash loop, of its last one — or of the run before (`--previous`), with kubectl's
 * and the API server's errors. `-f` prints what is there so far (the lab does not stream).
 */
import type { Container, ContainerStatus, Node, Pod } from 'kubernetes-types/core/v1';
import { programFor } from '../../kubernetes/kubelet/container-program';
import { LAB_EPOCH_MS, rfc3339 } from '../../core/time';
import { PODS, key } from '../../kubernetes/api/collections';
import { containerLogLines } from '../../kubernetes/kubelet/container-logs';
import type { TimedLine } from '../../kubernetes/kubelet/container-script';
import { parseDuration } from '../durations';
import { TerminalWriter, terminalChunks, warnedFirst } from '../terminal';
import { clientOutputKey, clientOutputLines } from '../../kubernetes/kubelet/container-clients';
import { logContext } from '../../kubernetes/kubelet/short-commands';
import { NODES } from '../../kubernetes/node-object';
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags, type FlagSpec, type FlagValues } from '../flags';
import { notFound, unknownFlag } from './errors';
import { parseGoInt } from '../go-int';
import { intFlag, intFlagError } from './int-flag';
import { logsTarget } from './logs-target';
import { contextNamespace } from './kubeconfig-state';
import { matches, parseSelector } from './selector';

const LOGS_FLAGS: readonly FlagSpec[] = [
	{ long: 'namespace', short: 'n' },
	{ long: 'container', short: 'c' },
	{ long: 'previous', short: 'p', bool: true },
	{ long: 'follow', short: 'f', bool: true },
	{ long: 'tail' },
	{ long: 'selector', short: 'l' },
	{ long: 'prefix', bool: true },
	{ long: 'max-log-requests' },
	{ long: 'all-containers', bool: true },
	{ long: 'timestamps', bool: true },
	{ long: 'since' },
	{ long: 'since-time' },
	{ long: 'limit-bytes' }
];

const USAGE =
	"error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n" +
	'POD or TYPE/NAME is a required argument for the logs command\n' +
	"See 'kubectl logs -h' for help and examples\n";

export function logs(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, LOGS_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'logs'));
	const tailText = flag(parsed.flags, 'tail') ?? '-1';
	const tail = parseGoInt(tailText, 64);
	if (typeof tail === 'string') return fail(intFlagError(tailText, '--tail', tail, 'logs'));
	const most = intFlag(parsed.flags, 'max-log-requests', 5, 'logs');
	if (typeof most === 'string') return fail(most);
	const limit = limitBytes(parsed.flags);
	if (typeof limit === 'string') return fail(limit);
	// logs.go Validate.
	if (limit < 0) return fail('error: --limit-bytes must be greater than 0\n');
	if (tail < -1) return fail('error: --tail must be greater than or equal to -1\n');
	const window = logWindow(ctx, parsed.flags);
	if (typeof window === 'string') return fail(window);
	const selector = flag(parsed.flags, 'selector');
	if (selector !== undefined) return logsBySelector(ctx, parsed.flags, parsed.args, selector);
	const [target, containerArg, ...extra] = parsed.args;
	if (target === undefined) return fail(USAGE);
	// `kubectl logs POD CONTAINER` is the old form of -c, still accepted.
	const containerFlag = flag(parsed.flags, 'container');
	if (extra.length > 0 || (containerArg !== undefined && containerFlag !== undefined))
		return fail(USAGE);
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	let podName = target;
	let found = '';
	if (target.includes('/')) {
		const slash = target.indexOf('/');
		const chosen = logsTarget(ctx, target.slice(0, slash), target.slice(slash + 1), namespace);
		if (!chosen.ok) return fail(chosen.error);
		podName = chosen.pod;
		found = chosen.note;
	}
	const pod = ctx.kernel.store.get<Pod>(PODS, key(namespace, podName));
	if (pod === undefined) return fail(notFound('pods', podName));
	const containers = pod.spec?.containers ?? [];
	let warning = found;
	let name = containerFlag ?? containerArg;
	if (boolFlag(parsed.flags, 'all-containers')) {
		// logs.go Validate, then every container in turn: init, regular (logsforobject.go).
		if (name !== undefined)
			return fail(
				`error: --all-containers=true should not be specified with container name ${name}\n`
			);
		const term = new TerminalWriter();
		if (warning !== '') term.err(warning);
		for (const c of [...(pod.spec?.initContainers ?? []), ...containers]) {
			const one = containerLogsOf(ctx, pod, c, parsed.flags, window, tail);
			if (typeof one !== 'string')
				return fail(`${term.result(true).error ?? ''}${one.error}`, term.result(true).output);
			term.out(one);
		}
		return term.result(true);
	}
	if (name === undefined) {
		// logsforobject.go: default to the first container, and say so when there is a choice.
		name = containers[0]?.name ?? '';
		const all = [
			...containers.map((c) => c.name),
			...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`)
		];
		if (all.length > 1) warning += `Defaulted container "${name}" out of: ${all.join(', ')}\n`;
	}
	// Init containers have logs too (the "Debug Init Containers" task: `kubectl logs POD -c INIT`).
	const container =
		containers.find((c) => c.name === name) ??
		pod.spec?.initContainers?.find((c) => c.name === name);
	if (container === undefined)
		return fail(`${warning}error: container ${name} is not valid for pod ${podName}\n`);
	const output = containerLogsOf(ctx, pod, container, parsed.flags, window, tail);
	if (typeof output !== 'string') return fail(output.error);
	// The notice goes to stderr before the logs stream (logsforobject.go prints it first).
	return warnedFirst({ ok: true, output }, warning);
}

/**
 * One container's log as the kubelet serves it (kuberuntime logs.go ReadLogs): the run asked
 * for, its last `tail` lines, those at or after the `--since` cutoff, each led by its time with
 * `--timestamps` (RFC3339Nano), and by its source with `--prefix`.
 */
function containerLogsOf(
	ctx: CommandContext,
	pod: Pod,
	container: Container,
	flags: FlagValues,
	since: number | undefined,
	tail: number
): string | { error: string } {
	const name = container.name;
	const podName = pod.metadata?.name ?? '';
	if (!pod.spec?.nodeName)
		return {
			error: `Error from server (BadRequest): pod ${podName} does not have a host assigned\n`
		};
	const status =
		pod.status?.containerStatuses?.find((s) => s.name === name) ??
		pod.status?.initContainerStatuses?.find((s) => s.name === name);
	const run = runToShow(status, boolFlag(flags, 'previous'), ctx.kernel.now);
	if (typeof run === 'string')
		return {
			error: `Error from server (BadRequest): ${run.replace('%c', JSON.stringify(name)).replace('%p', JSON.stringify(podName))}\n`
		};
	const node = ctx.kernel.store.get<Node>(NODES, pod.spec.nodeName);
	const cpus = Number(node?.status?.capacity?.cpu ?? 1) || 1;
	const world = logContext(ctx.kernel.store, pod, container, run.start);
	let lines = containerLogLines(container, { ...run, cpus }, world);
	// What network clients printed in that run was recorded as they ran (container-clients.ts).
	const recorded =
		run.id === undefined
			? undefined
			: clientOutputLines(ctx.kernel, clientOutputKey(pod, name, run.id));
	// A program that is one client (a bare `wget`, or a script run whole) printed only that;
	// otherwise the clients' lines take their places among the rest by the time they were written.
	if (recorded !== undefined)
		lines = wholeClient(container) ? [...recorded] : mergeByTime(lines, recorded);
	if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
	if (since !== undefined) lines = lines.filter((l) => l.t >= since);
	const stamp = boolFlag(flags, 'timestamps');
	let output = lines.map((l) => `${stamp ? `${rfc3339Nano(l.t)} ` : ''}${l.text}\n`).join('');
	// The kubelet cuts the stream it writes (timestamps included) after LimitBytes bytes;
	// kubectl adds its prefixes to what arrives.
	const limit = limitBytes(flags);
	if (typeof limit === 'number' && limit > 0) output = firstBytes(output, limit);
	return boolFlag(flags, 'prefix') ? prefixed(output, pod, name) : output;
}

/** `--limit-bytes N` (0, the default: no limit), or pflag's error for a value not an int64. */
function limitBytes(flags: FlagValues): number | string {
	const text = flag(flags, 'limit-bytes');
	if (text === undefined) return 0;
	const value = parseGoInt(text, 64);
	return typeof value === 'string' ? intFlagError(text, '--limit-bytes', value, 'logs') : value;
}

/** The first `limit` bytes of `text` in UTF-8 (a character cut in two shows as U+FFFD). */
function firstBytes(text: string, limit: number): string {
	let used = 0;
	let out = '';
	for (const ch of text) {
		const cp = ch.codePointAt(0)!;
		const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		if (used + size > limit) return used < limit ? out + '\ufffd' : out;
		used += size;
		out += ch;
	}
	return out;
}

/** Two time-ordered lists as one, the first list's line first at equal times. */
function mergeByTime(a: readonly TimedLine[], b: readonly TimedLine[]): TimedLine[] {
	const out: TimedLine[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length)
		out.push(j >= b.length || (i < a.length && a[i]!.t <= b[j]!.t) ? a[i++]! : b[j++]!);
	return out;
}

/** Go's RFC3339Nano (trailing zeros of the fraction dropped), at the lab's millisecond. */
function rfc3339Nano(t: number): string {
	const ms = ((t % 1000) + 1000) % 1000;
	const whole = rfc3339(t);
	return ms === 0
		? whole
		: `${whole.slice(0, -1)}.${String(ms).padStart(3, '0').replace(/0+$/, '')}Z`;
}

/**
 * `--since DURATION` / `--since-time RFC3339`: the lab time logs start from, undefined for all
 * of them, or kubectl's error (logs.go ToLogOptions, then Validate).
 */
function logWindow(ctx: CommandContext, flags: FlagValues): number | undefined | string {
	const sinceText = flag(flags, 'since');
	const sinceTime = flag(flags, 'since-time');
	let since = 0;
	if (sinceText !== undefined) {
		const d = parseDuration(sinceText);
		if (!d.ok)
			return `error: invalid argument ${JSON.stringify(sinceText)} for "--since" flag: ${d.error}\nSee 'kubectl logs --help' for usage.\n`;
		since = d.ms;
	}
	// ToLogOptions sends whole seconds: the duration rounded to the second.
	const seconds = Math.sign(since) * Math.round(Math.abs(since) / 1000);
	const at = sinceTime === undefined ? NaN : Date.parse(sinceTime);
	if (sinceTime !== undefined && (!RFC3339.test(sinceTime) || Number.isNaN(at)))
		return `error: parsing time ${JSON.stringify(sinceTime)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(sinceTime)} as "2006"\n`;
	if (sinceTime !== undefined && since !== 0)
		return 'error: at most one of `sinceTime` or `sinceSeconds` may be specified\n';
	if (seconds < 0) return 'error: --since must be greater than 0\n';
	if (seconds > 0) return ctx.kernel.now - seconds * 1000;
	return sinceTime === undefined ? undefined : at - LAB_EPOCH_MS;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** `--prefix`: each line led by its source (logs.go addPrefixIfNeeded). */
function prefixed(output: string, pod: Pod, container: string): string {
	const prefix = `[pod/${pod.metadata?.name ?? ''}/${container}] `;
	return output.replace(/^(?=.)/gm, prefix);
}

/**
 * `kubectl logs -l SELECTOR`: every matching pod's logs in turn (logs.go: a PodList, one
 * request per pod, consumed one after another), the last 10 lines of each unless --tail says
 * otherwise; none matching is "No resources found" on stderr. The lab goes through the pods in
 * name order (kubectl's own order is a Go map's).
 */
function logsBySelector(
	ctx: CommandContext,
	flags: FlagValues,
	args: readonly string[],
	selectorText: string
): CommandResult {
	if (args.length > 0)
		return fail(
			"error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n"
		);
	const selector = parseSelector(selectorText);
	if (!selector.ok) return fail(`error: ${selector.error}\n`);
	const namespace = flag(flags, 'namespace') ?? contextNamespace(ctx);
	const pods = ctx.kernel.store
		.list<Pod>(PODS)
		.filter((p) => (p.metadata?.namespace ?? 'default') === namespace)
		.filter((p) => matches(selector.selector, p.metadata?.labels ?? {}))
		.map((p) => p.metadata?.name ?? '')
		.sort();
	if (pods.length === 0)
		return { ok: true, output: '', error: `No resources found in ${namespace} namespace.\n` };
	// With -f, more streams than --max-log-requests (5) are refused before any is read.
	const most = intFlag(flags, 'max-log-requests', 5, 'logs');
	if (typeof most === 'string') return fail(most);
	if (boolFlag(flags, 'follow') && pods.length > 1 && pods.length > most)
		return fail(
			`error: you are attempting to follow ${pods.length} log streams, but maximum allowed concurrency is ${most}, use --max-log-requests to increase the limit\n`
		);
	const pass = (name: string): string[] => {
		const value = flag(flags, name);
		return value === undefined ? [] : [`--${name}`, value];
	};
	const term = new TerminalWriter();
	for (const pod of pods) {
		const one = logs(ctx, [
			pod,
			'-n',
			namespace,
			'--tail',
			flag(flags, 'tail') ?? '10',
			...pass('container'),
			...pass('since'),
			...pass('since-time'),
			...(boolFlag(flags, 'previous') ? ['--previous'] : []),
			...(boolFlag(flags, 'prefix') ? ['--prefix'] : []),
			...(boolFlag(flags, 'timestamps') ? ['--timestamps'] : []),
			...(boolFlag(flags, 'all-containers') ? ['--all-containers'] : [])
		]);
		for (const chunk of terminalChunks(one))
			if (chunk.stream === 'stdout') term.out(chunk.text);
			else term.err(chunk.text);
		// sequentialConsumeRequest stops at the first request that fails.
		if (!one.ok) return term.result(false);
	}
	return term.result(true);
}

/**
 * Which run of the container the kubelet reads (validateContainerLogStatus), as lab times, or
 * the kubelet's error with %c/%p for the container and pod names.
 */
function runToShow(
	status: ContainerStatus | undefined,
	previous: boolean,
	now: number
): { start: number; end: number; id?: string } | string {
	if (status === undefined) return 'container %c in pod %p is not available';
	const last = status.lastState?.terminated;
	const state = status.state;
	const at = (t: string | undefined) => (t === undefined ? now : Date.parse(t) - LAB_EPOCH_MS);
	if (previous) {
		if (last === undefined || !last.containerID)
			return 'previous terminated container %c in pod %p not found';
		return { start: at(last.startedAt), end: at(last.finishedAt), id: last.containerID };
	}
	if (state?.running)
		return { start: at(state.running.startedAt), end: now, id: status.containerID };
	if (state?.terminated)
		return {
			start: at(state.terminated.startedAt),
			end: at(state.terminated.finishedAt),
			id: state.terminated.containerID
		};
	if (last !== undefined)
		return { start: at(last.startedAt), end: at(last.finishedAt), id: last.containerID };
	const reason = state?.waiting?.reason;
	if (reason === 'ErrImagePull')
		return "container %c in pod %p is waiting to start: image can't be pulled";
	if (reason === 'ImagePullBackOff')
		return 'container %c in pod %p is waiting to start: trying and failing to pull image';
	if (reason) return `container %c in pod %p is waiting to start: ${reason}`;
	return 'container %c in pod %p is waiting to start - no logs yet';
}

/** Whether the container's program is a single network client (kubelet/container-program.ts). */
function wholeClient(container: Container): boolean {
	const steps = programFor(container).steps;
	return steps.length === 1 && steps[0]!.op === 'client';
}
