/**
 * Pods the cluster booted with: the add-ons and static pods a kubeadm cluster runs before anyone
 * types a command (../system-addons). The kubelet takes them as running since the lab began,
 * without setting them up, pulling or recording events: that history came before the lab.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { type PodIpCode, podCidrIpCode } from '../api/pod-ip-code';
import type { ProbeStarter } from './container-lifecycle';
import { nextContainerPhase } from './container.machine';
import type { RunView, RuntimeState } from './runtime-state';
import { internContainers, setContainer } from './shared-containers';

/**
 * The pod's IP once its sandbox is up: the node's own address for a hostNetwork pod, else the
 * next address of the node's pod CIDR (10.244.<node>.0/24; .1 is the bridge).
 */
export function podIp(state: RuntimeState, run: RunView, pod: Pod, nodeIndex: number): PodIpCode {
	if (pod.spec?.hostNetwork === true) return run.hostIP;
	const n = (state.nextIp.get(run.node) ?? 1) + 1;
	state.nextIp.set(run.node, n);
	return podCidrIpCode(nodeIndex, n);
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
	for (const c of pod.spec?.containers ?? []) if (c.image) state.addImage(run.node, c.image);
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
