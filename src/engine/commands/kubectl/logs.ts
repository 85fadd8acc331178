/**
 * `kubectl logs POD [-c CONTAINER] [-p] [--tail N]` (kubectl pkg/cmd/logs, logsforobject.go; the
 * kubelet's validateContainerLogStatus): the simulated lines of the container's current run —
 * or, in a crash loop, of its last one — or of the run before (`--previous`), with kubectl's
 * and the API server's errors. `-f` prints what is there so far (the lab does not stream).
 */
import type { Container, ContainerStatus, Node, Pod } from 'kubernetes-types/core/v1';
import { programFor } from '../../kubernetes/kubelet/container-program';
import { LAB_EPOCH_MS } from '../../core/time';
import { PODS, key } from '../../kubernetes/api/collections';
import { containerLogs } from '../../kubernetes/kubelet/container-logs';
import { warnedFirst } from '../terminal';
import { clientOutput, clientOutputKey } from '../../kubernetes/kubelet/container-clients';
import { logContext } from '../../kubernetes/kubelet/short-commands';
import { NODES } from '../../kubernetes/node-object';
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags, type FlagSpec } from '../flags';
import { notFound, notSimulated, unknownFlag } from './errors';
import { logsTarget } from './logs-target';
import { contextNamespace } from './kubeconfig-state';

const LOGS_FLAGS: readonly FlagSpec[] = [
	{ long: 'namespace', short: 'n' },
	{ long: 'container', short: 'c' },
	{ long: 'previous', short: 'p', bool: true },
	{ long: 'follow', short: 'f', bool: true },
	{ long: 'tail' },
	// Real kubectl flags the lab does not simulate: recognised, so they are not called unknown.
	{ long: 'selector', short: 'l' },
	{ long: 'all-containers', bool: true },
	{ long: 'timestamps', bool: true },
	{ long: 'since' },
	{ long: 'since-time' }
];

const NOT_SIMULATED = ['selector', 'all-containers', 'timestamps', 'since', 'since-time'];

const USAGE =
	"error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n" +
	'POD or TYPE/NAME is a required argument for the logs command\n' +
	"See 'kubectl logs -h' for help and examples\n";

const badRequest = (message: string) => fail(`Error from server (BadRequest): ${message}\n`);

export function logs(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, LOGS_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'logs'));
	const unsupported = NOT_SIMULATED.find((f) => parsed.flags.has(f));
	if (unsupported !== undefined) return fail(notSimulated(`logs --${unsupported}`));
	const tailText = flag(parsed.flags, 'tail') ?? '-1';
	const tail = Number(tailText);
	if (!/^-?\d+$/.test(tailText))
		return fail(
			`error: invalid argument ${JSON.stringify(tailText)} for "--tail" flag: strconv.ParseInt: parsing ${JSON.stringify(tailText)}: invalid syntax\nSee 'kubectl logs --help' for usage.\n`
		);
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
	if (!pod.spec?.nodeName) return badRequest(`pod ${podName} does not have a host assigned`);
	const status =
		pod.status?.containerStatuses?.find((s) => s.name === name) ??
		pod.status?.initContainerStatuses?.find((s) => s.name === name);
	const run = runToShow(status, boolFlag(parsed.flags, 'previous'), ctx.kernel.now);
	if (typeof run === 'string')
		return badRequest(
			run.replace('%c', JSON.stringify(name)).replace('%p', JSON.stringify(podName))
		);
	const node = ctx.kernel.store.get<Node>(NODES, pod.spec.nodeName);
	const cpus = Number(node?.status?.capacity?.cpu ?? 1) || 1;
	const world = logContext(ctx.kernel.store, pod, container, run.start);
	let lines = containerLogs(container, { ...run, cpus }, world);
	// What network clients printed in that run was recorded as they ran (container-clients.ts).
	const recorded =
		run.id === undefined ? undefined : clientOutput(ctx.kernel, clientOutputKey(pod, name, run.id));
	// A program that is one client (a bare `wget`, or a script run whole) printed only that;
	// otherwise the clients' lines follow the rest (their order among a script's sleeps is lost).
	if (recorded !== undefined)
		lines = wholeClient(container) ? [...recorded] : [...lines, ...recorded];
	if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
	const output = lines.map((l) => `${l}\n`).join('');
	// The notice goes to stderr before the logs stream (logsforobject.go prints it first).
	return warnedFirst({ ok: true, output }, warning);
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
