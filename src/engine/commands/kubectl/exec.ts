/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`
 * (kubectl pkg/cmd/exec/exec.go): kubectl's own checks, then the API server's
 * (pkg/registry/core/pod/strategy.go ExecLocation), the kubelet's (GetExec: only a running
 * container) and the runtime's (containerd/runc: the program must exist), then the command
 * runs in the container (./exec-shell.ts). A non-zero exit ends in kubectl's
 * `command terminated with exit code N`.
 */
import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import { PODS, key } from '../../kubernetes/api/collections';
import { KUBELET_PORT } from '../../kubernetes/defaults';
import { logContext, type LogContext } from '../../kubernetes/kubelet/short-commands';
import { NODES } from '../../kubernetes/node-object';
import { LAB_EPOCH_MS } from '../../core/time';
import { imageTools } from '../../images/executables';
import { sha256Hex } from '../../images/sha256';
import { labRegistry } from '../../registry/lab-registry';
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags, type FlagSpec } from '../flags';
import { notFound, notSimulated, unknownFlag } from './errors';
import { podFile } from './exec-files';
import { PodNetwork, type ClusterContext } from './exec-network';
import { httpReply } from '../../images/http-replies';
import type { ShellWorld } from './exec-shell';
import { runSession } from './exec-session';
import { execTarget } from './exec-target';
import type { ToolWorld } from './exec-tools';
import { contextNamespace } from './kubeconfig-state';

const EXEC_FLAGS: readonly FlagSpec[] = [
	{ long: 'namespace', short: 'n' },
	{ long: 'container', short: 'c' },
	{ long: 'stdin', short: 'i', bool: true },
	{ long: 'tty', short: 't', bool: true },
	{ long: 'quiet', short: 'q', bool: true },
	{ long: 'pod-running-timeout' },
	{ long: 'filename', short: 'f', repeatable: true },
	{ long: 'help', short: 'h', bool: true }
];

/** `kubectl exec --help` (exec.go's Long, Example and flags, kubectl's usage template). */
const EXEC_HELP = `Execute a command in a container.

Examples:
  # Get output from running the 'date' command from pod mypod, using the first container by default
  kubectl exec mypod -- date

  # Get output from running the 'date' command in ruby-container from pod mypod
  kubectl exec mypod -c ruby-container -- date

  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kubectl exec mypod -c ruby-container -i -t -- bash -il

  # List contents of /usr from the first container of pod mypod and sort by modification time
  # If the command you want to execute in the pod has any flags in common (e.g. -i),
  # you must use two dashes (--) to separate your command's flags/arguments
  # Also note, do not surround your command and its flags/arguments with quotes
  # unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")
  kubectl exec mypod -i -t -- ls -t /usr

  # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
  kubectl exec deploy/mydeployment -- date

  # Get output from running 'date' command from the first pod of the service myservice, using the first container by default
  kubectl exec svc/myservice -- date

Options:
    -c, --container='':
	Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the
	container to be attached or the first container in the pod will be chosen

    -f, --filename=[]:
	to use to exec into the resource

    --pod-running-timeout=1m0s:
	The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running

    -q, --quiet=false:
	Only print output from the remote session

    -i, --stdin=false:
	Pass stdin to the container

    -t, --tty=false:
	Stdin is a TTY

Usage:
  kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const usage = (message: string) =>
	fail(`error: ${message}\nSee 'kubectl exec -h' for help and examples\n`);

export function exec(ctx: CommandContext, words: readonly string[]): CommandResult {
	// cobra's ArgsLenAtDash: what follows `--` is the command, never flags.
	const dash = words.indexOf('--');
	const before = dash < 0 ? words : words.slice(0, dash);
	const parsed = parseFlags(before, EXEC_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'exec'));
	if (boolFlag(parsed.flags, 'help')) return { ok: true, output: EXEC_HELP };
	if (parsed.flags.has('filename')) return fail(notSimulated('exec -f'));
	const args = parsed.args;
	let command: string[];
	if (dash >= 0) command = words.slice(dash + 1);
	else if (args.length > 1)
		return usage(
			'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead'
		);
	else command = [];
	const resource = args[0];
	if (resource === undefined)
		return fail('error: pod, type/name or --filename must be specified\n');
	if (command.length === 0)
		return fail('error: you must specify at least one command for the container\n');
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	const target = execTarget(ctx, resource, namespace);
	if (!target.ok) return fail(target.error);
	const pod = ctx.kernel.store.get<Pod>(PODS, key(namespace, target.pod));
	if (pod === undefined) return fail(notFound('pods', target.pod));
	const podName = target.pod;
	const phase = pod.status?.phase;
	if (phase === 'Succeeded' || phase === 'Failed')
		return fail(
			`error: cannot exec into a container in a completed pod; current phase is ${phase}\n`
		);
	const quiet = boolFlag(parsed.flags, 'quiet');
	let notes = '';
	let name = flag(parsed.flags, 'container');
	if (name === undefined) {
		const chosen = defaultContainer(pod);
		name = chosen.name;
		if (!quiet && chosen.note !== '') notes += chosen.note;
	}
	const failing = (text: string) => fail(notes + text);
	const container = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find(
		(c) => c.name === name
	);
	// The API server's checks (ExecLocation → streamLocation), as kubectl prints a Status.
	if (container === undefined)
		return failing(
			`Error from server (BadRequest): container ${name} is not valid for pod ${podName}\n`
		);
	const nodeName = pod.spec?.nodeName;
	if (!nodeName)
		return failing(
			`Error from server (BadRequest): pod ${podName} does not have a host assigned\n`
		);
	// The API server dials the node's kubelet: a stopped or cut-off node never answers.
	const api = ctx.kubernetes?.apiServerHost();
	const reachable =
		(ctx.kubernetes?.hosts.isRunning(nodeName) ?? false) &&
		(api === undefined || ctx.kernel.network.connected(api, nodeName));
	if (!reachable) {
		const node = ctx.kernel.store.get<Node>(NODES, nodeName);
		const ip = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? nodeName;
		return failing(
			`Error from server: error dialing backend: dial tcp ${ip}:${KUBELET_PORT}: i/o timeout\n`
		);
	}
	// The kubelet execs only in a running container (kubelet.go GetExec → findContainer).
	const status = [
		...(pod.status?.containerStatuses ?? []),
		...(pod.status?.initContainerStatuses ?? [])
	].find((s) => s.name === name);
	const running = status?.state?.running;
	if (running === undefined)
		return failing(`error: unable to upgrade connection: container not found ("${name}")\n`);
	// -t without -i is dropped silently; with -i the console's stdin is no terminal.
	const stdin = boolFlag(parsed.flags, 'stdin');
	if (stdin && boolFlag(parsed.flags, 'tty') && !quiet)
		notes += 'Unable to use a TTY - input is not a terminal or the right kind of file\n';
	const startedAt = Date.parse(running.startedAt ?? '') - LAB_EPOCH_MS;
	const world = shellWorld(
		ctx,
		pod,
		container,
		Number.isFinite(startedAt) ? startedAt : ctx.kernel.now
	);
	return runSession(
		command,
		world,
		{
			example: 'kubectl exec POD --',
			stdin,
			notSimulated: (what) => notSimulated(`exec … -- ${what}`),
			runtimeError: (reason) => runtimeNotFound(pod, name, reason, ctx.kernel.now),
			exitMessage: (code) => `command terminated with exit code ${code}\n`
		},
		notes
	);
}

/**
 * podcmd.FindOrDefaultContainerByName: the annotation's container, else the first, with a note
 * when the pod has others (init and ephemeral containers count).
 */
function defaultContainer(pod: Pod): { name: string; note: string } {
	const containers = pod.spec?.containers ?? [];
	const wanted = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
	if (wanted !== undefined && containers.some((c) => c.name === wanted))
		return { name: wanted, note: '' };
	const first = containers[0]?.name ?? '';
	const all = [
		...containers.map((c) => c.name),
		...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
		...(pod.spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`)
	];
	const note = all.length > 1 ? `Defaulted container "${first}" out of: ${all.join(', ')}\n` : '';
	return { name: first, note };
}

/**
 * runc's refusal of a program the image lacks, through containerd's Exec and the API server
 * (the exec id is the runtime's random one; the lab derives it from the request).
 */
function runtimeNotFound(pod: Pod, container: string, reason: string, now: number): string {
	const id = sha256Hex(`${pod.metadata?.uid ?? ''}/${container}/${now}/${reason}`);
	return (
		'error: Internal error occurred: Internal error occurred: error executing command in container: ' +
		`failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: ` +
		`exec failed: unable to start container process: ${reason}: unknown\n`
	);
}

/** What a process exec'd into `container` sees: its environment, files and network. */
export function shellWorld(
	ctx: ClusterContext,
	pod: Pod,
	container: Container,
	startedAt: number
): ShellWorld & { net: ToolWorld } {
	const store = ctx.kernel.store;
	const own = logContext(store, pod, container, startedAt);
	const files: LogContext = {
		...own,
		readFile: (path) => podFile(pod, path) ?? own.readFile(path)
	};
	const net = new PodNetwork(ctx, pod);
	const base =
		labRegistry(ctx.kernel).configOf(container.image ?? '')?.base ?? container.image ?? '';
	const toolWorld: ToolWorld = {
		net,
		image: base,
		reply: (conn, path) => {
			const c = conn.container;
			const image = c.image ?? '';
			const status = conn.pod.status?.containerStatuses?.find((s) => s.name === c.name);
			const started = Date.parse(status?.state?.running?.startedAt ?? '') - LAB_EPOCH_MS;
			const world = logContext(
				store,
				conn.pod,
				c,
				Number.isFinite(started) ? started : ctx.kernel.now
			);
			return httpReply(conn.pod, c, path, {
				readFile: world.readFile,
				base: labRegistry(ctx.kernel).configOf(image)?.base ?? image
			});
		}
	};
	return {
		tools: imageTools(base),
		ctx: files,
		now: ctx.kernel.now,
		net: toolWorld
	};
}
