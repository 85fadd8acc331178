/**
 * The kubelet stepping a pod through its init containers (./init-containers): once the
 * previous step is done (a regular init container exited 0, a sidecar started), the next
 * container's image is pulled when the node lacks it — the kubelet pulls each container's image
 * right before creating it (kuberuntime_container.go startContainer → EnsureImageExists) — and
 * the container is created and started, or, after the last init container, every app container.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { CONTAINER_START_MS } from '../defaults';
import type { ApiChannel } from './api-channel';
import { askPull, shouldPull } from './image-pulls';
import { nextContainerPhase } from './container.machine';
import { graceSeconds, reasonOf, stopOf } from './container-stop';
import { allSpecs, initCount, isSidecar, nextInitAction } from './init-containers';
import type { ContainerRef, RunView, RuntimeState } from './runtime-state';
import { setContainer } from './shared-containers';

/** A step due: its first container's run, and the containers whose image it pulled. */
interface StepRef extends ContainerRef {
	pulled: string[];
}

/** A sidecar being stopped, and the exit code its stop ends with. */
interface StopRef extends ContainerRef {
	code: number;
}

/** Starts run container `i` (ContainerLifecycle's own start). */
type Start = (pod: Pod, run: RunView, i: number, write: boolean) => void;

export class InitSequence {
	constructor(
		private readonly kernel: Kernel,
		private readonly state: RuntimeState,
		private readonly channel: ApiChannel,
		private readonly start: Start
	) {
		kernel.on('runtime.initstep', (a) => this.due(a as StepRef));
		kernel.on('runtime.sidecarstop', (a) => this.sidecarStopped(a as StopRef));
	}

	/** The containers a step starts: one init container, or every app container. */
	private stepOf(pod: Pod, first: number): number[] {
		const n = initCount(pod);
		if (first < n) return [first];
		return allSpecs(pod)
			.map((_, i) => i)
			.slice(n);
	}

	/** Starts the step whose images were pulled with the pod's (the first init container). */
	startFirst(pod: Pod, run: RunView): void {
		this.start(pod, run, 0, false);
	}

	/** The previous step may be done: schedule the next one (computeInitContainerActions). */
	advance(pod: Pod, run: RunView): void {
		if (initCount(pod) === 0) return;
		const action = nextInitAction(pod, run.containers);
		if (action.kind === 'failed') this.stopSidecars(pod, run);
		if (action.kind !== 'start') return;
		const specs = allSpecs(pod);
		const step = this.stepOf(pod, action.start);
		const pulled: string[] = [];
		let wait = 0;
		for (const i of step) {
			const spec = specs[i]!;
			const present = this.state.hasImage(run, spec.image ?? '', this.kernel.now);
			if (!shouldPull(spec, present)) continue; // said when it starts
			wait = Math.max(wait, askPull(this.kernel, this.state, this.channel, pod, run, spec));
			pulled.push(spec.name);
		}
		const ref: StepRef = {
			slot: run.slot,
			gen: run.gen,
			c: action.start,
			run: run.containers[action.start]!.run,
			pulled
		};
		this.kernel.after(wait + CONTAINER_START_MS, 'runtime.initstep', ref);
	}

	/** An app container ended for good: when all have, the sidecars are stopped too. */
	appEnded(pod: Pod, run: RunView): void {
		const cs = run.containers;
		for (let i = initCount(pod); i < cs.length; i++) if (cs[i]!.state !== 'terminated') return;
		this.stopSidecars(pod, run);
	}

	/**
	 * The pod is done (its app containers ended, or an init container failed under
	 * restartPolicy Never): its running sidecars are stopped, last one first
	 * (kuberuntime_termination_order.go), each by SIGTERM then SIGKILL after the pod's grace
	 * period (./container-stop.ts): one that handles SIGTERM exits 0 at once; one that cannot
	 * (./container-program `stopsOnTerm`) runs until the SIGKILL — 137 — holding the pod's end.
	 */
	private stopSidecars(pod: Pod, run: RunView): void {
		const inits = pod.spec!.initContainers!;
		const grace = graceSeconds(pod);
		for (let i = inits.length - 1; i >= 0; i--) {
			const c = run.containers[i]!;
			if (!isSidecar(inits[i]!) || c.state !== 'running') continue;
			this.channel.event(pod, run, c.name, 'Normal', 'Killing', `Stopping container ${c.name}`);
			const stop = stopOf(c.program, pod, grace);
			const ref: StopRef = { slot: run.slot, gen: run.gen, c: i, run: c.run, code: stop.exitCode };
			this.kernel.after(stop.ms, 'runtime.sidecarstop', ref);
		}
	}

	private sidecarStopped(ref: StopRef): void {
		const found = this.channel.current(ref);
		const c = found?.run.containers[ref.c];
		if (found === undefined || c === undefined || c.run !== ref.run || c.state !== 'running')
			return;
		const ended = {
			exitCode: ref.code,
			reason: reasonOf(ref.code),
			startedAt: c.startedAt,
			finishedAt: this.kernel.now
		};
		const state = nextContainerPhase(c.state, { type: 'FINISHED' });
		setContainer(found.run, ref.c, { ...c, state, ended, ready: false, run: c.run + 1 });
		this.channel.write(found.pod, found.run);
	}

	private due(ref: StepRef): void {
		const found = this.channel.current(ref);
		const c = found?.run.containers[ref.c];
		if (found === undefined || c === undefined || c.run !== ref.run || c.state !== 'creating')
			return;
		const { pod, run } = found;
		const specs = allSpecs(pod);
		for (const i of this.stepOf(pod, ref.c)) {
			const spec = specs[i]!;
			// A pulled image's Pulled event came when its pull was done (./image-pulls).
			if (!ref.pulled.includes(spec.name))
				this.channel.alreadyPresent(pod, run, spec.name, spec.image);
			this.start(pod, run, i, false);
		}
		this.channel.write(pod, run);
	}
}
