/**
 * The kubelets' pod lifecycle. A pod bound to a running node is set up (ContainerCreating), its
 * images pulled (time by size, cached per node) and its containers started; each container then
 * runs its program (./container-program), is probed (liveness, readiness) and, when it exits,
 * restarted by the restart policy with the real back-off. A pod being deleted has its containers
 * stopped and its deletion confirmed. Containers die with their machine; when it boots again
 * the kubelet starts its pods anew.
 */
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1';
import type { Component, Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { PODS, key, splitKey } from '../api/collections';
import {
	CONTAINER_START_MS,
	CONTAINER_STOP_MS,
	CRASH_BACKOFF_RESET_MS,
	IMAGE_RESOLVE_MS,
	POD_SYNC_MS,
	PROBE_FAILURE_THRESHOLD,
	PROBE_PERIOD_SECONDS,
	PULL_BYTES_PER_MS
} from '../defaults';
import { imageBytes } from '../images';
import type { ApiServerLocator } from '../kubelets';
import { isTerminating, podName, podNamespace } from '../pods';
import { programFor } from './container-program';
import { podStatus, type ContainerRun, type PodRun } from './container-state';
import { imagePullDelay, restartDelay } from './crash-backoff';
import { resolveImage } from '../../registry/registries';
import { podRef } from '../api/events';
import { formatGoDuration } from '../../commands/durations';

interface Ref {
	podKey: string;
	gen: number;
}
interface ContainerRef extends Ref {
	c: number;
	run: number;
}
interface ProbeRef extends ContainerRef {
	kind: 'liveness' | 'readiness';
}

interface State {
	pods: Map<string, PodRun>;
	images: Map<string, string[]>;
	nextIp: Map<string, number>;
}

export class PodRuntime implements Component {
	readonly name = 'pod-runtime';
	private pods = new Map<string, PodRun>();
	private images = new Map<string, Set<string>>();
	private nextIp = new Map<string, number>();

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer,
		private readonly locator: ApiServerLocator,
		private readonly isUp: (node: string) => boolean,
		private readonly nodeIndex: (node: string) => number
	) {
		kernel.on('runtime.boot', (a) => this.resume(a as string));
		kernel.on('runtime.started', (a) => this.started(a as Ref));
		kernel.on('runtime.pull', (a) => this.pull(a as Ref));
		kernel.on('runtime.pullfailed', (a) => this.pullFailed(a as Ref));
		kernel.on('runtime.pullbackoff', (a) => this.pullBackOff(a as Ref));
		kernel.on('runtime.step', (a) => this.step(a as ContainerRef));
		kernel.on('runtime.restart', (a) => this.restart(a as ContainerRef));
		kernel.on('runtime.probe', (a) => this.probe(a as ProbeRef));
		kernel.on('runtime.stopped', (a) => this.stopped(a as Ref));
		kernel.store.watch<Pod>(PODS, (e) => {
			if (e.type !== 'DELETED') this.observe(e.object);
			else this.pods.delete(e.key);
		});
		kernel.register(this);
	}

	/** The kubelet starts (once the machine is up): every pod bound to the node is set up again. */
	boot(node: string): void {
		this.kernel.after(0, 'runtime.boot', node);
	}

	/** The machine stops: its containers are gone; the API server does not know yet. */
	halt(node: string): void {
		for (const [k, run] of this.pods) if (run.node === node) this.pods.delete(k);
	}

	/** `sim crash pod`: every container of the pod exits with status 1 now. */
	crash(pod: Pod): boolean {
		const run = this.pods.get(key(podNamespace(pod), podName(pod)));
		if (run === undefined || run.phase !== 'running') return false;
		if (!run.containers.some((c) => c.state === 'running')) return false;
		run.containers.forEach((c, i) => {
			if (c.state === 'running') this.exit(pod, run, i, 1, 'Error');
		});
		this.write(pod, run);
		return true;
	}

	/** `sim unhealthy pod`: from now on the pod's probes fail. */
	makeUnhealthy(pod: Pod): boolean {
		const run = this.pods.get(key(podNamespace(pod), podName(pod)));
		if (run === undefined) return false;
		run.containers = run.containers.map((c) => ({ ...c, unhealthy: true }));
		return true;
	}

	private resume(node: string): void {
		for (const pod of this.api.pods.onNode(node)) this.observe(pod);
	}

	private observe(pod: Pod): void {
		const node = pod.spec?.nodeName;
		if (!node || !this.isUp(node)) return;
		const podKey = key(podNamespace(pod), podName(pod));
		const run = this.pods.get(podKey);
		if (isTerminating(pod)) {
			if (run?.phase === 'stopping') return;
			for (const c of run?.containers ?? []) {
				if (c.state === 'running')
					this.event(pod, run!, c.name, 'Normal', 'Killing', `Stopping container ${c.name}`);
			}
			const gen = (run?.gen ?? 0) + 1;
			this.pods.set(podKey, { ...(run ?? this.fresh(pod, node)), gen, phase: 'stopping' });
			this.kernel.after(run === undefined ? 0 : CONTAINER_STOP_MS, 'runtime.stopped', {
				podKey,
				gen
			});
			return;
		}
		if (run !== undefined || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
			return;
		const fresh = this.fresh(pod, node);
		this.pods.set(podKey, fresh);
		this.write(pod, fresh);
		this.pull({ podKey, gen: fresh.gen });
	}

	/**
	 * Pulls the pod's images. A reference the registries refuse fails after a round trip
	 * (ErrImagePull), then waits with the image back-off (ImagePullBackOff) and tries again.
	 */
	private pull(ref: Ref): void {
		const found = this.current(ref);
		if (found === undefined || found.run.phase !== 'starting') return;
		const { pod, run } = found;
		const failures = (pod.spec?.containers ?? []).map((c) => resolveImage(c.image ?? ''));
		if (failures.every((f) => f.ok)) {
			const cached = this.images.get(run.node) ?? new Set<string>();
			for (const c of pod.spec?.containers ?? []) {
				const image = JSON.stringify(c.image);
				if (cached.has(c.image ?? '')) this.alreadyPresent(pod, run, c.name, c.image);
				else this.event(pod, run, c.name, 'Normal', 'Pulling', `Pulling image ${image}`);
			}
			run.pulled = (pod.spec?.containers ?? [])
				.filter((c) => !cached.has(c.image ?? ''))
				.map((c) => c.name);
			run.pullMs = this.pullMs(run.node, pod);
			this.kernel.after(run.pullMs + CONTAINER_START_MS, 'runtime.started', ref);
			return;
		}
		this.kernel.after(IMAGE_RESOLVE_MS, 'runtime.pullfailed', ref);
	}

	private pullFailed(ref: Ref): void {
		const found = this.current(ref);
		if (found === undefined || found.run.phase !== 'starting') return;
		const { pod, run } = found;
		run.pullAttempts += 1;
		(pod.spec?.containers ?? []).forEach((c, i) => {
			const r = resolveImage(c.image ?? '');
			if (r.ok) return;
			run.containers[i] = {
				...run.containers[i]!,
				state: 'pullerror',
				message: `Failed to pull image ${JSON.stringify(c.image)}: ${r.message}`
			};
			this.event(
				pod,
				run,
				c.name,
				'Warning',
				'Failed',
				`Failed to pull image ${JSON.stringify(c.image)}: ${r.message}`
			);
			this.event(pod, run, c.name, 'Warning', 'Failed', 'Error: ErrImagePull');
			this.kernel.emit(
				'image.pullfailed',
				`pod/${podName(pod)}`,
				`Failed to pull image ${JSON.stringify(c.image)}: ${r.reason === 'not-found' ? 'not found' : r.reason}.`
			);
		});
		this.write(pod, run);
		this.kernel.after(POD_SYNC_MS, 'runtime.pullbackoff', ref);
		this.kernel.after(imagePullDelay(run.pullAttempts), 'runtime.pull', ref);
	}

	private pullBackOff(ref: Ref): void {
		const found = this.current(ref);
		if (found === undefined || found.run.phase !== 'starting') return;
		const { pod, run } = found;
		run.containers = run.containers.map((c) => {
			if (c.state !== 'pullerror') return c;
			this.event(
				pod,
				run,
				c.name,
				'Normal',
				'BackOff',
				`Back-off pulling image ${JSON.stringify(c.image)}`
			);
			this.event(pod, run, c.name, 'Warning', 'Failed', 'Error: ImagePullBackOff');
			return {
				...c,
				state: 'pullbackoff' as const,
				message: `Back-off pulling image ${JSON.stringify(c.image)}`
			};
		});
		this.write(pod, run);
	}

	private fresh(pod: Pod, node: string): PodRun {
		// A pod whose containers ran before (its node rebooted) gets new ones: attempt + 1.
		const before = pod.status?.containerStatuses ?? [];
		const rebooted = pod.status?.phase === 'Running';
		return {
			node,
			gen: 1,
			phase: 'starting',
			pullAttempts: 0,
			hostIP: `172.18.0.${this.nodeIndex(node) + 2}`,
			containers: (pod.spec?.containers ?? []).map((c: Container, i) => ({
				name: c.name,
				image: c.image ?? '',
				program: programFor(c),
				pc: 0,
				status: 0,
				files: [],
				state: 'creating',
				startedAt: 0,
				restarts: (before[i]?.restartCount ?? 0) + (rebooted ? 1 : 0),
				crashLoop: 0,
				livenessFailures: 0,
				ready: false,
				run: 0,
				unhealthy: false
			}))
		};
	}

	/** Pull time for the images this node does not have yet (pulls are serialised). */
	private pullMs(node: string, pod: Pod): number {
		let cache = this.images.get(node);
		if (cache === undefined) this.images.set(node, (cache = new Set()));
		let bytes = 0;
		for (const c of pod.spec?.containers ?? []) {
			if (c.image && !cache.has(c.image)) {
				bytes += imageBytes(c.image);
				cache.add(c.image);
			}
		}
		return Math.round(bytes / PULL_BYTES_PER_MS);
	}

	private current<T extends Ref>(ref: T): { pod: Pod; run: PodRun } | undefined {
		const run = this.pods.get(ref.podKey);
		if (run === undefined || run.gen !== ref.gen) return undefined;
		const { namespace, name } = splitKey(ref.podKey);
		const pod = this.api.get<Pod>(PODS, namespace, name);
		return pod === undefined ? undefined : { pod, run };
	}

	private started(ref: Ref): void {
		const found = this.current(ref);
		if (found === undefined || found.run.phase !== 'starting') return;
		const { pod, run } = found;
		const n = (this.nextIp.get(run.node) ?? 1) + 1;
		this.nextIp.set(run.node, n);
		run.ip = `10.244.${this.nodeIndex(run.node)}.${n}`;
		run.phase = 'running';
		for (const name of run.pulled ?? []) {
			const image = pod.spec!.containers.find((c) => c.name === name)?.image ?? '';
			const took = formatGoDuration(run.pullMs ?? 0);
			this.event(
				pod,
				run,
				name,
				'Normal',
				'Pulled',
				`Successfully pulled image ${JSON.stringify(image)} in ${took} (${took} including waiting). Image size: ${imageBytes(image)} bytes.`
			);
		}
		this.kernel.emit(
			'pod.running',
			`pod/${podName(pod)}`,
			`Pod ${podName(pod)} is running on ${run.node}.`
		);
		run.containers.forEach((_, i) => this.startContainer(pod, run, i, false));
		this.write(pod, run);
	}

	private startContainer(pod: Pod, run: PodRun, i: number, write = true): void {
		const c = run.containers[i]!;
		const spec = pod.spec!.containers[i]!;
		run.containers[i] = {
			...c,
			state: 'running',
			// restartCount counts containers created after the first (it grows at each restart).
			restarts: c.state === 'backoff' ? c.restarts + 1 : c.restarts,
			startedAt: this.kernel.now,
			pc: 0,
			status: 0,
			files: [],
			livenessFailures: 0,
			ready: spec.readinessProbe === undefined,
			run: c.run + 1,
			ended: undefined,
			backoffUntil: undefined
		};
		const ref: ContainerRef = {
			podKey: key(podNamespace(pod), podName(pod)),
			gen: run.gen,
			c: i,
			run: c.run + 1
		};
		if (c.run > 0) this.alreadyPresent(pod, run, c.name, c.image);
		this.event(pod, run, c.name, 'Normal', 'Created', 'Container created');
		this.event(pod, run, c.name, 'Normal', 'Started', 'Container started');
		this.scheduleProbe(spec.livenessProbe, { ...ref, kind: 'liveness' }, true);
		this.scheduleProbe(spec.readinessProbe, { ...ref, kind: 'readiness' }, true);
		this.runSteps(pod, run, i);
		if (write) this.write(pod, run);
	}

	/** Runs program steps until one takes time (sleep) or the program ends. */
	private runSteps(pod: Pod, run: PodRun, i: number): void {
		const c = run.containers[i]!;
		const steps = c.program.steps;
		while (c.pc < steps.length) {
			const s = steps[c.pc++]!;
			if (s.op === 'sleep') {
				const ref: ContainerRef = {
					podKey: key(podNamespace(pod), podName(pod)),
					gen: run.gen,
					c: i,
					run: c.run
				};
				this.kernel.after(s.ms, 'runtime.step', ref);
				return;
			}
			if (s.op === 'touch') c.files = [...c.files.filter((f) => f !== s.path), s.path];
			else if (s.op === 'rm') c.files = c.files.filter((f) => f !== s.path);
			else if (s.op === 'status') c.status = s.code;
			else if (s.op === 'exit')
				return this.exit(pod, run, i, s.code, s.code === 0 ? 'Completed' : 'Error');
			if (s.op === 'touch' || s.op === 'rm') c.status = 0;
		}
		if (c.program.then === 'exit')
			this.exit(pod, run, i, c.status, c.status === 0 ? 'Completed' : 'Error');
	}

	private step(ref: ContainerRef): void {
		const found = this.current(ref);
		const c = found?.run.containers[ref.c];
		if (found === undefined || c === undefined || c.run !== ref.run || c.state !== 'running')
			return;
		this.runSteps(found.pod, found.run, ref.c);
		this.write(found.pod, found.run);
	}

	/** The container's process ended: the restart policy decides what happens next. */
	private exit(pod: Pod, run: PodRun, i: number, exitCode: number, reason: string): void {
		const c = run.containers[i]!;
		const now = this.kernel.now;
		const ended = { exitCode, reason, startedAt: c.startedAt, finishedAt: now };
		const policy = pod.spec?.restartPolicy ?? 'Always';
		const restart = policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
		if (!restart) {
			run.containers[i] = { ...c, state: 'terminated', ended, ready: false, run: c.run + 1 };
			return;
		}
		// A container that ran long enough without trouble starts its back-off afresh.
		const crashLoop = now - c.startedAt >= CRASH_BACKOFF_RESET_MS ? 1 : c.crashLoop + 1;
		const delay = restartDelay(crashLoop);
		run.containers[i] = {
			...c,
			state: 'backoff',
			ended,
			last: ended,
			ready: false,
			crashLoop,
			backoffUntil: now + delay,
			run: c.run + 1
		};
		const ref: ContainerRef = {
			podKey: key(podNamespace(pod), podName(pod)),
			gen: run.gen,
			c: i,
			run: c.run + 1
		};
		this.kernel.after(delay, 'runtime.restart', ref);
		if (delay > 0) {
			this.event(
				pod,
				run,
				c.name,
				'Warning',
				'BackOff',
				`Back-off restarting failed container ${c.name} in pod ${podName(pod)}_${podNamespace(pod)}(${pod.metadata?.uid ?? ''})`
			);
		}
		this.kernel.emit(
			'container.exited',
			`pod/${podName(pod)}`,
			`Container ${c.name} of ${podName(pod)} exited with status ${exitCode}; restart in ${delay / 1000}s.`
		);
	}

	private restart(ref: ContainerRef): void {
		const found = this.current(ref);
		const c = found?.run.containers[ref.c];
		if (found === undefined || c === undefined || c.run !== ref.run || c.state !== 'backoff')
			return;
		this.startContainer(found.pod, found.run, ref.c);
	}

	private scheduleProbe(probe: Probe | undefined, ref: ProbeRef, first: boolean): void {
		if (probe === undefined) return;
		const period = (probe.periodSeconds ?? PROBE_PERIOD_SECONDS) * 1000;
		const delay = first ? (probe.initialDelaySeconds ?? 0) * 1000 : period;
		this.kernel.after(first && delay === 0 ? period : delay, 'runtime.probe', ref);
	}

	private probe(ref: ProbeRef): void {
		const found = this.current(ref);
		const c = found?.run.containers[ref.c];
		if (found === undefined || c === undefined || c.run !== ref.run || c.state !== 'running')
			return;
		const spec = found.pod.spec!.containers[ref.c]!;
		const probe = ref.kind === 'liveness' ? spec.livenessProbe : spec.readinessProbe;
		if (probe === undefined) return;
		this.scheduleProbe(probe, ref, false);
		const ok = this.passes(c, probe);
		const threshold = probe.failureThreshold ?? PROBE_FAILURE_THRESHOLD;
		if (ref.kind === 'readiness') {
			if (c.ready !== ok) {
				c.ready = ok;
				this.write(found.pod, found.run);
			}
			return;
		}
		c.livenessFailures = ok ? 0 : c.livenessFailures + 1;
		if (!ok)
			this.event(
				found.pod,
				found.run,
				c.name,
				'Warning',
				'Unhealthy',
				`Liveness probe failed: ${probeFailure(probe)}`
			);
		if (c.livenessFailures >= threshold) {
			this.event(
				found.pod,
				found.run,
				c.name,
				'Normal',
				'Killing',
				`Container ${c.name} failed liveness probe, will be restarted`
			);
			this.kernel.emit(
				'container.unhealthy',
				`pod/${podName(found.pod)}`,
				`Container ${c.name} failed liveness probe, will be restarted.`
			);
			// Killed after failing its liveness probe: SIGTERM, then SIGKILL — exit 137.
			this.exit(found.pod, found.run, ref.c, 137, 'Error');
			this.write(found.pod, found.run);
		}
	}

	private passes(c: ContainerRun, probe: Probe): boolean {
		if (c.unhealthy) return false;
		const cmd = probe.exec?.command ?? [];
		if (cmd[0] === 'cat' && cmd[1] !== undefined) return c.files.includes(cmd[1]);
		if (probe.httpGet !== undefined && c.program.http.healthyForMs !== undefined) {
			return this.kernel.now - c.startedAt < c.program.http.healthyForMs;
		}
		return true;
	}

	private stopped(ref: Ref): void {
		const run = this.pods.get(ref.podKey);
		if (run === undefined || run.gen !== ref.gen) return;
		this.pods.delete(ref.podKey);
		const { namespace, name } = splitKey(ref.podKey);
		if (this.reachable(run.node)) {
			this.api.remove(PODS, namespace, name);
			this.kernel.emit('pod.deleted', `pod/${name}`, `Pod ${name} deleted.`);
		}
	}

	/** The Pulled event for an image the node already has (v1.33+ wording; cli-formats.md §3.7). */
	private alreadyPresent(
		pod: Pod,
		run: PodRun,
		container: string,
		image: string | undefined
	): void {
		const message = `Container image ${JSON.stringify(image)} already present on machine and can be accessed by the pod`;
		this.event(pod, run, container, 'Normal', 'Pulled', message);
	}

	/** A kubelet event about one of the pod's containers (only while the API server is reachable). */
	private event(
		pod: Pod,
		run: PodRun,
		container: string,
		type: 'Normal' | 'Warning',
		reason: string,
		message: string
	): void {
		if (!this.reachable(run.node)) return;
		this.api.events.record(podRef(pod, container), {
			type,
			reason,
			message,
			source: 'kubelet',
			host: run.node
		});
	}

	private reachable(node: string): boolean {
		const api = this.locator.apiHost();
		return api !== undefined && this.kernel.network.connected(node, api);
	}

	private write(pod: Pod, run: PodRun): void {
		if (!this.reachable(run.node)) return;
		const latest = this.api.get<Pod>(PODS, podNamespace(pod), podName(pod)) ?? pod;
		this.api.update<Pod>(PODS, { ...latest, status: podStatus(latest, run, this.kernel.now) });
	}

	save(): State {
		const images = new Map<string, string[]>();
		for (const [n, set] of this.images) images.set(n, [...set]);
		// PodRun objects are changed in place: copy them deeply enough.
		const pods = new Map<string, PodRun>();
		for (const [k, r] of this.pods)
			pods.set(k, { ...r, containers: r.containers.map((c) => ({ ...c })) });
		return { pods, images, nextIp: new Map(this.nextIp) };
	}

	load(state: unknown): void {
		const s = state as State;
		this.pods = new Map();
		for (const [k, r] of s.pods)
			this.pods.set(k, { ...r, containers: r.containers.map((c) => ({ ...c })) });
		this.images = new Map([...s.images].map(([n, list]) => [n, new Set(list)]));
		this.nextIp = new Map(s.nextIp);
	}
}

/** What a failed probe reports (the probers' messages for the lab's reasons to fail). */
function probeFailure(probe: Probe): string {
	const cmd = probe.exec?.command ?? [];
	if (cmd[0] === 'cat' && cmd[1] !== undefined)
		return `cat: can't open '${cmd[1]}': No such file or directory`;
	if (probe.httpGet !== undefined) return 'HTTP probe failed with statuscode: 500';
	if (probe.tcpSocket !== undefined) return 'dial tcp: connect: connection refused';
	return 'command terminated with non-zero exit code';
}
