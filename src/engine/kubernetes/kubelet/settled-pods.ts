/**
 * Pods the cluster booted with: the add-ons and static pods a kubeadm cluster runs before anyone
 * types a command (../system-addons). The kubelet takes them as running since the lab began,
 * without setting them up, pulling or recording events: that history came before the lab.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { type PodIpCode, podIpCode } from '../api/pod-ip-code';
import { FIRST_POD_HOST, LAST_POD_HOST, nodeBlock } from '../pod-network';
import type { ProbeStarter } from './container-lifecycle';
import { nextContainerPhase } from './container.machine';
import type { RunView, RuntimeState } from './runtime-state';
import { internContainers, setContainer } from './shared-containers';

/**
 * The pod's IP once its sandbox is up: the node's own address for a hostNetwork pod, else the
 * next address of the node's pod CIDR as host-local hands them out (../pod-network.ts): .2 to
 * .254 in turn, then from .2 again, skipping the addresses the node's pods still hold.
 */
export function podIp(state: RuntimeState, run: RunView, pod: Pod, nodeIndex: number): PodIpCode {
	if (pod.spec?.hostNetwork === true) return run.hostIP;
	// Every node a pod runs on is one of the cluster's (a run is made only on a running host).
	if (nodeIndex < 0) throw new Error(`no pod CIDR for node ${run.node}`);
	const block = nodeBlock(state.podCidr, nodeIndex);
	// 0: the node has handed out none (a real entry is at least FIRST_POD_HOST).
	const last = state.nextIp(nodeIndex) || FIRST_POD_HOST - 1;
	let round = last >> 8;
	let n = (last & 255) + 1;
	if (n > LAST_POD_HOST) {
		round++;
		n = FIRST_POD_HOST;
	}
	if (round > 0) {
		const held = new Set(state.slotsOn(run.node).map((s) => state.ip(s)));
		const size = LAST_POD_HOST - FIRST_POD_HOST + 1;
		for (let tried = 1; tried < size && held.has(podIpCode(block + n)); tried++)
			n = n === LAST_POD_HOST ? FIRST_POD_HOST : n + 1;
	}
	state.setNextIp(nodeIndex, round * 256 + n);
	return podIpCode(block + n);
}

/**
 * Gives the pod its sandbox's IP, once per run: kuberuntime's SyncPod creates the sandbox (and
 * CNI its address) before it pulls any image, so a pod whose pull failed has an IP too
 * (`kubectl get pods -o wide` shows one beside ImagePullBackOff). The lab writes it with the
 * first status that follows: the failed pull, or the containers' start.
 */
export function ensureSandboxIp(
	state: RuntimeState,
	run: RunView,
	pod: Pod,
	nodeIndex: (node: string) => number
): void {
	if (run.ip !== undefined) return;
	// The node's index as the run was made with it (no lookup by name), else asked for.
	const index = state.nodeIndexOf(run.slot);
	run.ip = podIp(state, run, pod, index >= 0 ? index : nodeIndex(run.node));
}

/** Makes a fresh run (runtime-state `create`) a pod whose containers have run since `now`. */
export function adoptRunning(
	state: RuntimeState,
	probes: ProbeStarter,
	pod: Pod,
	run: RunView,
	nodeIndex: number,
	now: number
): void {
	for (const c of pod.spec?.containers ?? []) if (c.image) state.addImage(run, c.image);
	run.ip = podIp(state, run, pod, nodeIndex);
	run.phase = 'running';
	run.containers.forEach((c, i) => {
		setContainer(run, i, {
			...c,
			state: nextContainerPhase(c.state, { type: 'STARTED' }),
			startedAt: now,
			started: true,
			ready: true,
			run: 1
		});
	});
	for (let i = 0; i < run.containers.length; i++) probes.containerStarted(pod, run, i);
	// Started alike with the pod before it (same image, program and millisecond): share.
	run.containers = internContainers(run.containers);
}
