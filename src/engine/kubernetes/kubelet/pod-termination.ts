/**
 * Deleting a pod on its node: the kubelet stops its containers (Killing events), and once they
 * are gone confirms the deletion to the API server, which removes the object.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { PODS, key, splitKey } from '../api/collections';
import { CONTAINER_STOP_MS } from '../defaults';
import { podName, podNamespace } from '../pods';
import type { ApiChannel } from './api-channel';
import type { PodRun } from './container-state';
import type { Ref, RuntimeState } from './runtime-state';

export class PodTermination {
	constructor(
		private readonly kernel: Kernel,
		private readonly state: RuntimeState,
		private readonly channel: ApiChannel
	) {
		kernel.on('runtime.stopped', (a) => this.stopped(a as Ref));
	}

	/** The pod is being deleted: stop its containers (once), then confirm. */
	stop(pod: Pod, run: PodRun | undefined, fresh: () => PodRun): void {
		if (run?.phase === 'stopping') return;
		for (const c of run?.containers ?? []) {
			if (c.state === 'running')
				this.channel.event(pod, run!, c.name, 'Normal', 'Killing', `Stopping container ${c.name}`);
		}
		const podKey = key(podNamespace(pod), podName(pod));
		const gen = (run?.gen ?? 0) + 1;
		this.state.pods.set(podKey, { ...(run ?? fresh()), gen, phase: 'stopping' });
		this.kernel.after(run === undefined ? 0 : CONTAINER_STOP_MS, 'runtime.stopped', {
			podKey,
			gen
		});
	}

	private stopped(ref: Ref): void {
		const run = this.state.pods.get(ref.podKey);
		if (run === undefined || run.gen !== ref.gen) return;
		this.state.pods.delete(ref.podKey);
		const { namespace, name } = splitKey(ref.podKey);
		if (this.channel.reachable(run.node)) {
			this.channel.api.remove(PODS, namespace, name);
			this.kernel.emit('pod.deleted', `pod/${name}`, `Pod ${name} deleted.`);
		}
	}
}
