/**
 * Deleting a pod on its node: the kubelet stops its containers (Killing events), and once they
 * are gone confirms the deletion to the API server, which removes the object.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { PODS } from '../api/collections';
import { CONTAINER_STOP_MS } from '../defaults';
import { podName, podNamespace } from '../pods';
import type { ApiChannel } from './api-channel';
import type { PodRun } from './container-state';
import { graceSeconds, stopOf } from './container-stop';
import { initCount } from './init-containers';
import type { Ref, RunView, RuntimeState } from './runtime-state';

export class PodTermination {
	constructor(
		private readonly kernel: Kernel,
		private readonly state: RuntimeState,
		private readonly channel: ApiChannel
	) {
		kernel.on('runtime.stopped', (a) => this.stopped(a as Ref));
	}

	/** The pod is being deleted: stop its containers (once), then confirm. */
	stop(pod: Pod, slot: number, run: RunView | undefined, fresh: () => PodRun): void {
		if (run?.phase === 'stopping') return;
		// App containers first, then sidecars in reverse order (kuberuntime_termination_order.go).
		const list = run?.containers ?? [];
		const n = initCount(pod);
		const order = n === 0 ? list : [...list.slice(n), ...list.slice(0, n).reverse()];
		for (const c of order) {
			if (c.state === 'running')
				this.channel.event(pod, run!, c.name, 'Normal', 'Killing', `Stopping container ${c.name}`);
		}
		// A new generation: the entries queued for the running pod are ignored from now on.
		const stopping = run ?? this.state.create(slot, fresh());
		stopping.gen = this.state.newGen();
		stopping.phase = 'stopping';
		const ref: Ref = { slot, gen: stopping.gen };
		this.kernel.after(run === undefined ? 0 : stopDelayMs(pod, run), 'runtime.stopped', ref);
	}

	private stopped(ref: Ref): void {
		const run = this.state.get(ref.slot);
		if (run === undefined || run.gen !== ref.gen) return;
		const node = run.node;
		const pod = this.kernel.store.atSlot<Pod>(PODS, ref.slot)!;
		this.state.delete(ref.slot);
		const namespace = podNamespace(pod);
		const name = podName(pod);
		if (this.channel.reachable(node)) {
			this.channel.api.remove(PODS, namespace, name);
			this.kernel.emit('pod.deleted', `pod/${name}`, `Pod ${name} deleted.`);
		}
	}
}

/**
 * From SIGTERM to the pod's containers all gone (./container-stop.ts): a container whose main
 * process handles SIGTERM stops at once; one that cannot receive it (PID 1 without a handler,
 * ./container-program.ts) is killed when the grace period ends (the delete's, else the pod's,
 * 30 s by default; at least 2 s). The kubelet stops them all at once (killContainersWithSyncResult).
 */
function stopDelayMs(pod: Pod, run: RunView): number {
	const grace = graceSeconds(pod);
	// Even a pod with nothing running has its sandbox torn down.
	let ms = Math.min(CONTAINER_STOP_MS, grace * 1000);
	for (const c of run.containers)
		if (c.state === 'running') ms = Math.max(ms, stopOf(c.program, pod, grace).ms);
	return ms;
}
