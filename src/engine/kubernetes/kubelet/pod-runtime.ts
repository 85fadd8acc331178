/**
 * The kubelets' pod lifecycle. A pod bound to a running node is set up (ContainerCreating): its
 * volumes mounted (./volume-mounts), its images pulled (./image-pulls), its containers started
 * and restarted (./container-lifecycle), probed (./probes), and stopped when the pod is deleted
 * (./pod-termination). Containers die with their machine; when it boots again the kubelet
 * starts its pods anew. This module watches the pods and wires those parts together.
 */
import type { ClusterCidr } from '../pod-network';
import type { ContainerImage, Pod } from 'kubernetes-types/core/v1';
import { imageBytes } from '../images';
import { labRegistry } from '../../registry/lab-registry';
import { nodeStatusImages } from './node-status-images';
import type { Component, Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { PODS, key } from '../api/collections';
import type { ApiServerLocator } from '../kubelets';
import { isTerminating, podName, podNamespace } from '../pods';
import { ApiChannel } from './api-channel';
import { ContainerLifecycle } from './container-lifecycle';
import { ImagePulls } from './image-pulls';
import { initCount, isRegularInit } from './init-containers';
import { newPodRun } from './new-pod-run';
import { adoptRunning } from './settled-pods';
import { replaceMirror } from './mirror-pods';
import { isMirrorPod } from '../system-addons/static-pods';
import { PodTermination } from './pod-termination';
import { Probes } from './probes';
import { RuntimeState, type RunView, type SavedRuntime } from './runtime-state';
import { VolumeMounts } from './volume-mounts';

export class PodRuntime implements Component {
	readonly name = 'pod-runtime';
	private readonly state = new RuntimeState();
	private readonly channel: ApiChannel;
	private readonly pulls: ImagePulls;
	private readonly mounts: VolumeMounts;
	private readonly lifecycle: ContainerLifecycle;
	private readonly termination: PodTermination;
	private readonly probes: Probes;
	/** Whether the pods being stored have run since the cluster booted (`settled`). */
	private settling = false;

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer,
		locator: ApiServerLocator,
		private readonly isUp: (node: string) => boolean,
		private readonly nodeIndex: (node: string) => number,
		podCidr: ClusterCidr
	) {
		this.state.podCidr = podCidr;
		this.channel = new ApiChannel(kernel, api, locator, this.state);
		kernel.on('runtime.boot', (a) => this.resume(a as string));
		kernel.on('runtime.remirror', (a) => this.remirror(a as string));
		this.pulls = new ImagePulls(kernel, this.state, this.channel, nodeIndex);
		this.mounts = new VolumeMounts(kernel, this.channel, (ref) => this.pulls.pull(ref));
		// Killed after failing its liveness probe: SIGTERM, then SIGKILL — exit 137.
		const probes = (this.probes = new Probes(
			kernel,
			this.channel,
			(pod, run, i, grace) => this.lifecycle.kill(pod, run, i, grace),
			(pod, run, i) => this.lifecycle.startupPassed(pod, run, i)
		));
		this.lifecycle = new ContainerLifecycle(kernel, this.state, this.channel, probes, nodeIndex);
		this.termination = new PodTermination(kernel, this.state, this.channel);
		kernel.store.watch<Pod>(PODS, (e) => {
			if (e.type !== 'DELETED') this.observe(e.object, e.slot!);
			else this.state.delete(e.slot!);
		});
		kernel.register(this);
	}

	/** The kubelet starts (once the machine is up): every pod bound to the node is set up again. */
	boot(node: string): void {
		this.kernel.after(0, 'runtime.boot', node);
	}

	/**
	 * The pods `store` stores, bound to their nodes, have been running there since the cluster
	 * booted (the add-ons kubeadm installs, ../system-addons): the kubelet takes them as they are.
	 */
	settled<T>(store: () => T): T {
		this.settling = true;
		try {
			return store();
		} finally {
			this.settling = false;
		}
	}

	/** The machine stops: its containers are gone; the API server does not know yet. */
	halt(node: string): void {
		for (const slot of this.state.slotsOn(node)) this.state.delete(slot);
	}

	/** `sim crash pod`: every container of the pod exits with status 1 now. */
	crash(pod: Pod): boolean {
		const run = this.runOf(podNamespace(pod), podName(pod));
		if (run === undefined || run.phase !== 'running') return false;
		if (!run.containers.some((c) => c.state === 'running')) return false;
		run.containers.forEach((c, i) => {
			if (c.state === 'running') this.lifecycle.exit(pod, run, i, 1, 'Error');
		});
		this.channel.write(pod, run);
		return true;
	}

	/**
	 * Whether the pod's containers are running on its machine right now: what decides if a
	 * request that reaches the pod's IP is answered (read by services/ for `sim traffic`).
	 */
	/** node.status.images of `node` as its image list stood at `t` (./node-status-images). */
	statusImages(node: string, t: number): readonly ContainerImage[] {
		const registry = labRegistry(this.kernel);
		return nodeStatusImages(this.state.imagesAt(node, t), (image) => imageBytes(image, registry));
	}

	isServing(namespace: string, name: string): boolean {
		const run = this.runOf(namespace, name);
		if (run === undefined || run.phase === 'starting' || !this.isUp(run.node)) return false;
		const pod = this.kernel.store.atSlot<Pod>(PODS, run.slot);
		// Regular init containers have done their job: the app containers and sidecars serve.
		const n = pod === undefined ? 0 : initCount(pod);
		return (
			run.containers.length > n &&
			run.containers.every((c, i) => c.state === 'running' || (i < n && isRegularInit(pod!, i)))
		);
	}

	/** `sim unhealthy pod`: from now on the pod's probes fail. */
	makeUnhealthy(pod: Pod): boolean {
		const run = this.runOf(podNamespace(pod), podName(pod));
		if (run === undefined) return false;
		run.containers = run.containers.map((c) => ({ ...c, unhealthy: true }));
		return true;
	}

	/** The run of a pod, by name. */
	private runOf(namespace: string, name: string): RunView | undefined {
		const slot = this.kernel.store.slotOf(PODS, key(namespace, name));
		return slot === undefined ? undefined : this.state.get(slot);
	}

	/** A static pod's mirror is being deleted: the kubelet posts a new one (./mirror-pods.ts). */
	private remirror(podKey: string): void {
		const pod = this.kernel.store.get<Pod>(PODS, podKey);
		if (pod === undefined || !isTerminating(pod) || !isMirrorPod(pod)) return;
		const fresh = replaceMirror(this.api, pod);
		this.settled(() => this.api.create<Pod>(PODS, fresh));
	}

	private resume(node: string): void {
		for (const pod of this.api.pods.onNode(node)) {
			const slot = this.kernel.store.slotOf(PODS, key(podNamespace(pod), podName(pod)));
			if (slot !== undefined) this.observe(pod, slot);
		}
	}

	/** `slot`: the pod's slot in the store (where its run is kept). */
	private observe(pod: Pod, slot: number): void {
		const terminating = isTerminating(pod);
		// Most writes are to a pod the kubelet already runs (its own status posts among them):
		// nothing to do, so no node lookup and no run view.
		if (!terminating && this.state.has(slot)) return;
		const node = pod.spec?.nodeName;
		if (!node || !this.isUp(node)) return;
		const run = this.state.get(slot);
		if (terminating) {
			if (isMirrorPod(pod)) {
				this.kernel.after(0, 'runtime.remirror', key(podNamespace(pod), podName(pod)));
				return;
			}
			this.termination.stop(pod, slot, run, () =>
				newPodRun(pod, node, this.nodeIndex(node), this.kernel.now)
			);
			return;
		}
		if (run !== undefined || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
			return;
		const index = this.nodeIndex(node);
		const fresh = this.state.create(slot, newPodRun(pod, node, index, this.kernel.now), index);
		if (this.settling) {
			adoptRunning(this.state, this.probes, pod, fresh, index, this.kernel.now);
			this.channel.write(pod, fresh);
			return;
		}
		this.channel.write(pod, fresh);
		// Volumes first, then images (kubelet.go SyncPod: WaitForAttachAndMount, then SyncPod).
		this.mounts.mount(pod, fresh);
	}

	save(): SavedRuntime {
		return this.state.save();
	}

	load(state: unknown): void {
		this.state.load(state as SavedRuntime);
	}
}
