/**
 * What a task's container printed, each line with the lab time it was written: worked out from
 * the container spec and the run's start and end (nothing is stored). Scripts (`sh -c …`),
 * `echo`, short commands and nginx's start-up lines come from the lab's container output model
 * (kubernetes/kubelet/container-logs.ts, which runs scripts in the lab's one shell over
 * simulated time); `ping HOST` from ./ping-output.ts; redis and httpd print their last start-up
 * line. Other programs print nothing here.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { containerLogLines } from '../kubernetes/kubelet/container-logs';
import { SWARM_NODES, type SwarmNode } from './node-object';
import type { SwarmTask } from './objects';
import { pingOutput } from './ping-output';
import type { SwarmRuntime } from './runtime';

export interface LogLine {
	/** Lab ms. */
	t: number;
	text: string;
}

/** The task's container as the output model reads it (as ./container.ts builds it). */
function asContainer(task: SwarmTask): Container {
	const spec = task.Spec.ContainerSpec;
	return {
		name: 'task',
		image: spec.Image,
		...(spec.Command !== undefined ? { command: spec.Command } : {}),
		...(spec.Args !== undefined ? { args: spec.Args } : {}),
		...(spec.Dir !== undefined ? { workingDir: spec.Dir } : {})
	};
}

/** The container's hostname: the spec's, else its container ID's first 12 digits (moby). */
function hostnameOf(task: SwarmTask): string {
	return (
		task.Spec.ContainerSpec.Hostname ??
		task.Status.ContainerStatus?.ContainerID.slice(0, 12) ??
		task.ID.slice(0, 12)
	);
}

/** When the task's container ran: from its start to its end, or to now while it runs. */
function runOf(rt: SwarmRuntime, task: SwarmTask): { start: number; end: number } | undefined {
	const host = rt.kernel.store.list<SwarmNode>(SWARM_NODES).find((n) => n.ID === task.NodeID)
		?.Description.Hostname;
	const run = host === undefined ? undefined : rt.state.runs[host]?.[task.ID];
	if (run?.startedAt === undefined) return undefined;
	const ended = ['complete', 'failed', 'shutdown', 'rejected', 'orphaned', 'remove'].includes(
		run.state
	);
	return { start: run.startedAt, end: ended ? run.at : rt.kernel.now };
}

export function taskLogLines(rt: SwarmRuntime, task: SwarmTask): LogLine[] {
	const run = runOf(rt, task);
	if (run === undefined) return [];
	const spec = task.Spec.ContainerSpec;
	const argv = [...(spec.Command ?? []), ...(spec.Args ?? [])];
	const ping = pingOutput(argv, run.end - run.start);
	if (ping !== undefined) return ping.map((l) => ({ t: run.start + l.t, text: l.text }));
	const server = serverStartLine(spec.Image, argv);
	if (server !== undefined) return [{ t: run.start, text: server }];
	const container = asContainer(task);
	const pod: Pod = {
		metadata: { name: hostnameOf(task) },
		spec: { containers: [container] }
	};
	const env = [`HOSTNAME=${hostnameOf(task)}`, ...(spec.Env ?? [])];
	return containerLogLines(
		container,
		{ start: run.start, end: run.end, cpus: cpusOf(rt, task) },
		{ pod, container, env, readFile: () => undefined }
	);
}

/** redis's and httpd's last start-up line (their images' default command only). */
function serverStartLine(image: string, argv: readonly string[]): string | undefined {
	if (argv.length > 0) return undefined;
	if (/(^|\/)redis[:@]?/.test(image)) return '1:M * Ready to accept connections tcp';
	if (/(^|\/)httpd[:@]?/.test(image)) return "AH00094: Command line: 'httpd -D FOREGROUND'";
	return undefined;
}

/** The node's CPUs (nginx starts one worker each). */
function cpusOf(rt: SwarmRuntime, task: SwarmTask): number {
	const node = rt.kernel.store.list<SwarmNode>(SWARM_NODES).find((n) => n.ID === task.NodeID);
	return Math.max(1, Math.round((node?.Description.Resources.NanoCPUs ?? 1e9) / 1e9));
}
