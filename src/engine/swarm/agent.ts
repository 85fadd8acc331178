/**
 * The agents: on every node, the worker side of swarmkit (agent/, agent/exec/controller.go).
 * An agent takes the tasks assigned to its node and moves each one ACCEPTED → PREPARING (image
 * pull, timed by size; a node keeps what it pulled) → READY → STARTING → RUNNING, never past
 * the task's desired state, then lets the container run its program: a server runs until told
 * to stop, `exit N` fails (FAILED) or completes (COMPLETE), a pull that cannot succeed is
 * REJECTED. Errors before STARTING are REJECTED, at or after it FAILED (controller.go Do).
 *
 * Assignments and status reports cross the kernel's network between the node and the leader:
 * a stopped node or a partition holds them back, and what did not arrive is sent again on the
 * manager's periodic tick (one dispatcher heartbeat period). Containers keep running through a
 * partition and die with their machine.
 */
import { LOST } from '../core/network';
import { localImages } from '../images/local-store';
import { labRegistry } from '../registry/lab-registry';
import { canonical, parseReference, resolveImage } from '../registry/registries';
import { manifestJson } from '../images/image';
import { digestOf, sha256Hex } from '../images/sha256';
import { imageBytes } from '../kubernetes/images';
import { containerOutcome, listensOf, stopMs } from './container';
import { healthcheckOf, probeIntervalMs, probePasses, recordProbe } from './health';
import { localVolumes } from './local-volumes';
import { recordTaskFailure } from './failure-history';
import {
	CONTAINER_START_MS,
	IMAGE_RESOLVE_MS,
	PULL_BYTES_PER_MS,
	UNHEALTHY_CONTAINER_ERROR,
	UNHEALTHY_EXIT_CODE
} from './defaults';
import { SWARM_TASKS, stateValue, wantsToRun, type SwarmTask, type TaskState } from './objects';
import { apiTime, type AgentRun, type SwarmRuntime } from './runtime';
import { STATE_MESSAGES, taskName, updateTask } from './tasks';

interface StepArg {
	host: string;
	taskId: string;
	gen: number;
	to: TaskState;
	code?: number;
	err?: string;
}

interface ProbeArg {
	host: string;
	taskId: string;
	gen: number;
}

interface ReportArg {
	host: string;
	taskId: string;
	run: AgentRun;
}

const RUNNING = stateValue('running');

/**
 * A container the machine lost when it powered off: docker reports it as killed (SIGKILL,
 * exit 137) when the agent comes back and finds it gone — a lab choice, see the report.
 */
const LOST_CONTAINER_EXIT = 137;

export class Agents {
	constructor(
		private readonly rt: SwarmRuntime,
		private readonly nodeIdOf: (host: string) => string | undefined,
		private readonly hostOf: (nodeId: string) => string | undefined
	) {
		const k = rt.kernel;
		k.on('swarm.agent.step', (a) => this.step(a as StepArg));
		k.on('swarm.agent.report', (a) => this.arrive(a as ReportArg));
		k.on('swarm.agent.sync', (a) => this.receiveSync((a as { host: string }).host));
		k.on('swarm.agent.tick', (a) => this.tick(a as { host: string; gen: number }));
		k.on('swarm.agent.probe', (a) => this.probe(a as ProbeArg));
		k.store.watch<SwarmTask>(SWARM_TASKS, (e) => {
			if (e.type !== 'DELETED' && e.object.NodeID !== '') this.notify(e.object.NodeID);
		});
	}

	private get s() {
		return this.rt.state;
	}

	private gen(host: string): number {
		return this.s.hostGen[host] ?? 0;
	}

	/** The machine boots: dockerd starts with no containers, the agent syncs at once. */
	boot(host: string): void {
		const gen = this.gen(host) + 1;
		this.s.hostGen[host] = gen;
		this.s.runs[host] = {};
		this.s.syncPending[host] = false;
		this.rt.kernel.after(0, 'swarm.agent.tick', { host, gen });
	}

	/**
	 * The agents' periodic pass, driven by the manager's tick (one heartbeat period): resend the
	 * reports that did not arrive and look at the assignments again.
	 */
	tickAll(hosts: readonly string[]): void {
		for (const host of hosts) this.tick({ host, gen: this.gen(host) });
	}

	/** The machine powers off: every container on it dies, queued steps are dropped. */
	halt(host: string): void {
		this.s.hostGen[host] = this.gen(host) + 1;
		this.s.runs[host] = {};
		this.s.syncPending[host] = false;
	}

	/** What the agent on `host` currently runs (read-only, for views and routing). */
	runsOn(host: string): Readonly<Record<string, AgentRun>> {
		return this.s.runs[host] ?? {};
	}

	/** The manager wrote a task of this node: the dispatcher tells the agent. */
	private notify(nodeId: string): void {
		const host = this.hostOf(nodeId);
		if (host === undefined || !this.rt.isRunning(host) || this.s.syncPending[host]) return;
		const leader = this.rt.leader();
		if (leader === undefined) return;
		const delay = this.rt.kernel.network.send(leader, host);
		if (delay === LOST) return;
		this.s.syncPending[host] = true;
		this.rt.kernel.after(delay, 'swarm.agent.sync', { host });
	}

	private receiveSync(host: string): void {
		this.s.syncPending[host] = false;
		const leader = this.rt.leader();
		if (leader === undefined || !this.rt.kernel.network.canDeliver(leader, host)) return;
		this.sync(host);
	}

	private tick(arg: { host: string; gen: number }): void {
		if (arg.gen !== this.gen(arg.host) || !this.rt.isRunning(arg.host)) return;
		const leader = this.rt.leader();
		if (leader === undefined || !this.rt.kernel.network.connected(arg.host, leader)) return;
		for (const [taskId, run] of Object.entries(this.s.runs[arg.host] ?? {})) {
			if (run.dirty) this.report(arg.host, taskId);
		}
		this.sync(arg.host);
	}

	/** Compares the node's assignments with what runs, and acts on the differences. */
	private sync(host: string): void {
		if (!this.rt.isRunning(host)) return;
		const nodeId = this.nodeIdOf(host);
		const runs = (this.s.runs[host] ??= {});
		for (const task of this.rt.kernel.store.list<SwarmTask>(SWARM_TASKS)) {
			if (task.NodeID !== nodeId) continue;
			const run = runs[task.ID];
			// A job's task (desired COMPLETE) runs to its end; past that, the task must stop.
			const stop = !wantsToRun(task);
			const desired = stateValue(task.DesiredState);
			if (run === undefined) {
				const observed = stateValue(task.Status.State);
				if (observed > RUNNING) continue;
				if (stop) {
					this.setState(host, task.ID, 'shutdown');
				} else if (task.Status.State === 'assigned') {
					runs[task.ID] = { state: 'assigned', dirty: false, message: '', at: this.rt.kernel.now };
					this.accept(host, task);
				} else if (observed >= stateValue('accepted')) {
					this.setState(host, task.ID, 'failed', {
						code: LOST_CONTAINER_EXIT,
						err: `task: non-zero exit (${LOST_CONTAINER_EXIT})`
					});
				}
				continue;
			}
			if (stateValue(run.state) > RUNNING || run.stopping) continue;
			if (stop) this.stop(host, task, run);
			else if (run.state === 'ready' && desired >= RUNNING)
				this.schedule(host, task.ID, 0, 'starting');
		}
	}

	private accept(host: string, task: SwarmTask): void {
		this.setState(host, task.ID, 'accepted');
		this.setState(host, task.ID, 'preparing');
		const image = task.Spec.ContainerSpec.Image;
		const pulled = this.s.images[host] ?? [];
		if (pulled.includes(image)) return this.schedule(host, task.ID, 0, 'ready');
		// The node's own daemon may hold the image (built there, not pushed): the failed pull is
		// only logged and the container starts from the local image (moby executor adapter.go).
		if (this.localImage(host, image) !== undefined) {
			return this.schedule(host, task.ID, 0, 'ready');
		}
		const lab = labRegistry(this.rt.kernel);
		const resolved = resolveImage(image, lab);
		if (!resolved.ok) {
			// The pull fails, then creating the container finds no image (daemon/cluster/executor).
			return this.schedule(host, task.ID, IMAGE_RESOLVE_MS, 'rejected', {
				err: `No such image: ${image}`
			});
		}
		this.schedule(host, task.ID, Math.round(imageBytes(image, lab) / PULL_BYTES_PER_MS), 'ready');
	}

	private stop(host: string, task: SwarmTask, run: AgentRun): void {
		run.stopping = true;
		const live = run.state === 'running' || run.state === 'starting';
		const spec = task.Spec.ContainerSpec;
		this.schedule(
			host,
			task.ID,
			live ? stopMs(spec, this.imageConfig(host, spec.Image)) : 0,
			'shutdown'
		);
	}

	/** A built image's ENTRYPOINT and CMD: from the node's own daemon, else the lab registry. */
	private imageConfig(host: string, image: string) {
		return (
			this.localImage(host, image)?.image.config ?? labRegistry(this.rt.kernel).configOf(image)
		);
	}

	/**
	 * The image as the node's daemon holds it. A reference the CLI pinned to a digest
	 * (`web:1@sha256:…`) is the local image of that tag whose manifest has that digest: a pushed
	 * image, which a real daemon knows by its RepoDigests.
	 */
	private localImage(host: string, image: string) {
		const store = localImages(this.rt.kernel);
		const found = store.find(host, image);
		const ref = parseReference(image);
		if (found !== undefined || ref?.digest === undefined) return found;
		const tagged = store.find(host, canonical(ref));
		return tagged !== undefined && digestOf(manifestJson(tagged.image)) === ref.digest
			? tagged
			: undefined;
	}

	private schedule(
		host: string,
		taskId: string,
		ms: number,
		to: TaskState,
		extra: { code?: number; err?: string } = {}
	): void {
		this.rt.kernel.after(ms, 'swarm.agent.step', {
			host,
			taskId,
			gen: this.gen(host),
			to,
			...extra
		});
	}

	private step(a: StepArg): void {
		if (a.gen !== this.gen(a.host)) return;
		const run = this.s.runs[a.host]?.[a.taskId];
		if (run === undefined) return;
		if (run.stopping && a.to !== 'shutdown') return;
		const task = this.rt.kernel.store.get<SwarmTask>(SWARM_TASKS, a.taskId);
		if (!this.setState(a.host, a.taskId, a.to, a)) return;
		if (task === undefined) return;
		if (a.to === 'ready') {
			const images = (this.s.images[a.host] ??= []);
			if (!images.includes(task.Spec.ContainerSpec.Image))
				images.push(task.Spec.ContainerSpec.Image);
			this.createVolumes(a.host, task);
			if (stateValue(task.DesiredState) >= RUNNING && wantsToRun(task))
				this.schedule(a.host, a.taskId, 0, 'starting');
		} else if (a.to === 'starting') {
			const spec = task.Spec.ContainerSpec;
			const health = healthcheckOf(spec);
			if (health === undefined) {
				this.schedule(a.host, a.taskId, CONTAINER_START_MS, 'running');
				return;
			}
			// A healthchecked container stays STARTING until a probe passes (the executor's Start
			// waits for health_status: healthy, controller.go); its program runs meanwhile.
			const run = this.s.runs[a.host]![a.taskId]!;
			const startedAt = this.rt.kernel.now + CONTAINER_START_MS;
			run.health = { status: 'starting', streak: 0, startedAt };
			const first = probeIntervalMs(health, run.health, startedAt);
			this.rt.kernel.after(CONTAINER_START_MS + first, 'swarm.agent.probe', {
				host: a.host,
				taskId: a.taskId,
				gen: a.gen
			});
			this.scheduleOutcome(a.host, task, CONTAINER_START_MS);
		} else if (a.to === 'running') {
			if (healthcheckOf(task.Spec.ContainerSpec) === undefined)
				this.scheduleOutcome(a.host, task, 0);
		}
	}

	/** The container's program ends on its own (`exit N`, a finished job) `delay` ms from now. */
	private scheduleOutcome(host: string, task: SwarmTask, delay: number): void {
		const spec = task.Spec.ContainerSpec;
		const outcome = containerOutcome(spec, this.imageConfig(host, spec.Image));
		if (outcome.serve) return;
		const at = delay + outcome.afterMs;
		if (outcome.code === 0) this.schedule(host, task.ID, at, 'complete', { code: 0 });
		else {
			this.schedule(host, task.ID, at, 'failed', {
				code: outcome.code,
				err: `task: non-zero exit (${outcome.code})`
			});
		}
	}

	/**
	 * One healthcheck run (daemon/health.go monitor). The first pass moves a STARTING task to
	 * RUNNING; an unhealthy container is stopped and its task fails with the health error
	 * (controller.go Start/Wait: `task: non-zero exit (137): dockerexec: unhealthy container`).
	 */
	private probe(a: ProbeArg): void {
		if (a.gen !== this.gen(a.host)) return;
		const run = this.s.runs[a.host]?.[a.taskId];
		if (run?.health === undefined || run.stopping || stateValue(run.state) > RUNNING) return;
		const task = this.rt.kernel.store.get<SwarmTask>(SWARM_TASKS, a.taskId);
		const spec = task?.Spec.ContainerSpec;
		const health = spec === undefined ? undefined : healthcheckOf(spec);
		if (spec === undefined || health === undefined) return;
		const now = this.rt.kernel.now;
		const listens = listensOf(spec, this.imageConfig(a.host, spec.Image));
		const passed = probePasses(health.Test ?? [], listens, run.unhealthy === true);
		const next = recordProbe(health, run.health, passed, now);
		run.health = next;
		if (next.status === 'unhealthy') {
			const name = taskName(this.rt, task!);
			this.rt.kernel.emit(
				'swarm.task.unhealthy',
				`task/${name}`,
				`Task ${name}: its container is unhealthy after ${next.streak} failed check${next.streak === 1 ? '' : 's'} in a row and is stopped.`
			);
			this.schedule(
				a.host,
				a.taskId,
				stopMs(spec, this.imageConfig(a.host, spec.Image)),
				'failed',
				{
					code: UNHEALTHY_EXIT_CODE,
					err: `task: non-zero exit (${UNHEALTHY_EXIT_CODE}): ${UNHEALTHY_CONTAINER_ERROR}`
				}
			);
			return;
		}
		if (passed && run.state === 'starting') this.schedule(a.host, a.taskId, 0, 'running');
		this.rt.kernel.after(probeIntervalMs(health, next, now), 'swarm.agent.probe', a);
	}

	/**
	 * `sim unhealthy task`: the task's container fails every healthcheck from now on. False when
	 * no container runs; `no healthcheck` when it has none to fail.
	 */
	makeUnhealthy(host: string, taskId: string): boolean | 'no healthcheck' {
		const run = this.s.runs[host]?.[taskId];
		if (run === undefined || run.stopping || stateValue(run.state) > RUNNING) return false;
		if (stateValue(run.state) < stateValue('starting')) return false;
		if (run.health === undefined) return 'no healthcheck';
		run.unhealthy = true;
		return true;
	}

	/** `sim crash task`: the task's container exits with status 1 now. */
	crash(host: string, taskId: string): boolean {
		const run = this.s.runs[host]?.[taskId];
		if (run === undefined || run.stopping || stateValue(run.state) > RUNNING) return false;
		if (stateValue(run.state) < stateValue('starting')) return false;
		this.schedule(host, taskId, 0, 'failed', { code: 1, err: 'task: non-zero exit (1)' });
		return true;
	}

	/**
	 * The container is created (READY): the named volumes it mounts are made on this machine if
	 * it has none of that name, with the mount's driver and labels. Anonymous volumes (a mount
	 * without a source) are not kept by the lab.
	 */
	private createVolumes(host: string, task: SwarmTask): void {
		for (const m of task.Spec.ContainerSpec.Mounts ?? []) {
			if (m.Type !== 'volume' || m.Source === undefined || m.Source === '') continue;
			const labels = m.VolumeOptions?.Labels;
			const options = m.VolumeOptions?.DriverConfig?.Options;
			localVolumes(this.rt.kernel).ensure(host, {
				Name: m.Source,
				Driver: m.VolumeOptions?.DriverConfig?.Name || 'local',
				Labels: labels !== undefined && Object.keys(labels).length > 0 ? labels : null,
				Options: options !== undefined && Object.keys(options).length > 0 ? options : null,
				createdAt: this.rt.kernel.now
			});
		}
	}

	/** Moves the local run forward (never back) and reports it. False when it did not move. */
	private setState(
		host: string,
		taskId: string,
		to: TaskState,
		extra: { code?: number; err?: string } = {}
	): boolean {
		const runs = (this.s.runs[host] ??= {});
		const run = runs[taskId] ?? { state: 'assigned', dirty: false, message: '', at: 0 };
		if (runs[taskId] !== undefined && stateValue(to) <= stateValue(run.state)) return false;
		// A failure keeps the message of the state it happened in (agent/exec/controller.go fatal).
		const failedIn = run.state === 'starting' ? 'starting' : 'started';
		const message =
			to === 'failed' ? failedIn : to === 'rejected' ? 'preparing' : (STATE_MESSAGES[to] ?? to);
		const next: AgentRun = {
			...run,
			state: to,
			message,
			at: this.rt.kernel.now,
			dirty: false
		};
		if (extra.err !== undefined) next.err = extra.err;
		if (extra.code !== undefined) next.exitCode = extra.code;
		if (to === 'running') next.startedAt = this.rt.kernel.now;
		runs[taskId] = next;
		this.report(host, taskId);
		return true;
	}

	private report(host: string, taskId: string): void {
		const run = this.s.runs[host]?.[taskId];
		if (run === undefined) return;
		const leader = this.rt.leader();
		const delay = leader === undefined ? LOST : this.rt.kernel.network.send(host, leader);
		if (delay === LOST) {
			run.dirty = true;
			return;
		}
		run.dirty = false;
		this.rt.kernel.after(delay, 'swarm.agent.report', { host, taskId, run: { ...run } });
	}

	/** A status report reaches the dispatcher, which writes it (if there is a quorum). */
	private arrive(a: ReportArg): void {
		const leader = this.rt.leader();
		const live = this.s.runs[a.host]?.[a.taskId];
		if (
			leader === undefined ||
			!this.rt.kernel.network.canDeliver(a.host, leader) ||
			!this.rt.quorum()
		) {
			if (live !== undefined && live.state === a.run.state) live.dirty = true;
			return;
		}
		const task = this.rt.kernel.store.get<SwarmTask>(SWARM_TASKS, a.taskId);
		if (task === undefined || stateValue(a.run.state) <= stateValue(task.Status.State)) return;
		const r = a.run;
		// A running task reports the host-mode ports it bound (docker service ps PORTS).
		const hostPorts = (task.Endpoint?.Ports ?? []).filter((p) => p.PublishMode === 'host');
		const written = updateTask(this.rt, task, (t) => ({
			...t,
			Status: {
				Timestamp: apiTime(r.at),
				State: r.state,
				Message: r.message,
				...(r.err !== undefined ? { Err: r.err } : {}),
				...(r.exitCode !== undefined || stateValue(r.state) >= stateValue('starting')
					? {
							ContainerStatus: {
								ContainerID: containerId(t.ID),
								PID: r.state === 'running' ? 1000 + (r.at % 30000) : 0,
								ExitCode: r.exitCode ?? 0
							}
						}
					: {}),
				...(r.state === 'running' && hostPorts.length > 0
					? { PortStatus: { Ports: hostPorts } }
					: {})
			}
		}));
		if (r.state === 'failed' || r.state === 'rejected') recordTaskFailure(this.rt, written);
		const name = taskName(this.rt, written);
		if (['running', 'failed', 'rejected', 'complete', 'shutdown'].includes(r.state)) {
			const why = r.err !== undefined ? `: ${r.err}` : '';
			this.rt.kernel.emit(
				`swarm.task.${r.state}`,
				`task/${name}`,
				`Task ${name} is ${r.state}${why}.`
			);
		}
	}
}

/**
 * A 64-hex container ID, random-looking as docker's (stringid.GenerateRandomID: 32 random bytes,
 * hex): the SHA-256 of the task's ID, itself drawn from the lab's seeded RNG (stable across runs).
 */
function containerId(taskId: string): string {
	return sha256Hex(`container/${taskId}`);
}
