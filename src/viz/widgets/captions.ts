/**
 * The captions of narrated mode, per scenario and flavour: written by the author as data, with
 * every default quoted from the engine's defaults modules (never retyped), and every measured
 * duration filled in from the lab's own moments (`{since:ID}`).
 */
import type { Flavor } from '$engine/types';
import {
	DEFAULT_TOLERATION_SECONDS,
	NODE_LEASE_RENEW_INTERVAL_MS,
	NODE_MONITOR_GRACE_PERIOD_MS,
	NODE_MONITOR_PERIOD_MS,
	TAINT_UNREACHABLE
} from '$engine/kubernetes/defaults';
import {
	DISPATCHER_HEARTBEAT_PERIOD_MS,
	GRACE_PERIOD_MULTIPLIER,
	HEARTBEAT_EPSILON_MS,
	RESTART_DELAY_MS
} from '$engine/swarm/defaults';
import type { ScenarioId } from '$viz/scenarios';
import type { Caption } from './narration-steps';

const s = (ms: number) => ms / 1000;

const GRACE = s(NODE_MONITOR_GRACE_PERIOD_MS);
const LEASE = s(NODE_LEASE_RENEW_INTERVAL_MS);
const MONITOR = s(NODE_MONITOR_PERIOD_MS);
const TOLERATION = DEFAULT_TOLERATION_SECONDS;

const BEAT = s(DISPATCHER_HEARTBEAT_PERIOD_MS);
const EPSILON = HEARTBEAT_EPSILON_MS;
const TTL = GRACE_PERIOD_MULTIPLIER * BEAT;
const RESTART = s(RESTART_DELAY_MS);

/** A Kubernetes worker fails under a three-pod Deployment (scenario `node-failure`). */
const KUBERNETES_NODE_FAILURE: readonly Caption[] = [
	{
		id: 'start',
		at: { time: 0 },
		text: {
			en: 'A Deployment asked for three nginx pods, and the scheduler put one on each worker. Press Next to run the clock: the story stops at each moment that matters.',
			zh: '一个 Deployment 要求运行三个 nginx Pod，调度器把它们分别放到了三个工作节点上。按“下一步”让时钟走起来：每到关键时刻，讲解都会停下来。'
		}
	},
	{
		id: 'running',
		at: { event: 'pod.running', count: 3 },
		text: {
			en: `All three pods are Running. Every ${LEASE} s each kubelet renews its node's Lease: that is the heartbeat the control plane watches. Press Next to power node-2 off.`,
			zh: `三个 Pod 都已 Running。每个 kubelet 每 ${LEASE} 秒续约一次自己节点的 Lease：这就是控制平面盯着的心跳。按“下一步”关掉 node-2 的电源。`
		},
		then: ['sim node stop node-2']
	},
	{
		id: 'quiet',
		at: { after: 10_000 },
		text: {
			en: `node-2 has been off for {since:running} s, yet it still says Ready: the control plane only knows that no heartbeat came lately. The node lifecycle controller looks every ${MONITOR} s, and waits ${GRACE} s after the last heartbeat (--node-monitor-grace-period) before it gives up on a node.`,
			zh: `node-2 已经关机 {since:running} 秒，却仍显示 Ready：控制平面只知道最近没收到心跳。节点生命周期控制器每 ${MONITOR} 秒检查一次，要等最后一次心跳之后 ${GRACE} 秒（--node-monitor-grace-period）才放弃这个节点。`
		}
	},
	{
		id: 'notready',
		at: { event: 'node.notready', subject: 'node/node-2' },
		text: {
			en: `NotReady, {since:running} s after node-2 went off: ${GRACE} s without a heartbeat, noticed at the controller's next check. It taints node-2 ${TAINT_UNREACHABLE}, so nothing new goes there, and marks its pod not ready, so the Service stops sending it requests. The pod itself stays on node-2 for now.`,
			zh: `node-2 关机 {since:running} 秒后变为 NotReady：${GRACE} 秒没有心跳，在控制器的下一次检查时被发现。控制器给 node-2 打上污点 ${TAINT_UNREACHABLE}，新的 Pod 不会再调度过去；并把其上的 Pod 标记为未就绪，Service 不再把请求发给它。但这个 Pod 暂时还留在 node-2 上。`
		}
	},
	{
		id: 'evicted',
		at: { event: 'pod.terminating' },
		text: {
			en: `{since:notready} s later the pod's toleration of that taint ran out (${TOLERATION} s by default), and it was evicted. Its ReplicaSet counts two pods for three wanted, and creates a replacement.`,
			zh: `又过了 {since:notready} 秒，Pod 对这个污点的容忍期（默认 ${TOLERATION} 秒）到了，它被驱逐。它的 ReplicaSet 发现想要三个却只剩两个，于是创建一个替代的 Pod。`
		}
	},
	{
		id: 'replaced',
		at: { event: 'pod.running' },
		text: {
			en: 'The replacement is Running on a healthy worker: three pods serve again, {since:running} s after node-2 went off. The old pod stays Terminating: only the kubelet on node-2, which is off, can confirm it has stopped. Press Next to power node-2 on.',
			zh: '替代的 Pod 已在健康的工作节点上 Running：node-2 关机 {since:running} 秒后，又有三个 Pod 在提供服务。旧 Pod 仍是 Terminating：只有 node-2 上的 kubelet 能确认它已停止，而 node-2 关着。按“下一步”打开 node-2 的电源。'
		},
		then: ['sim node start node-2']
	},
	{
		id: 'back',
		at: { event: 'node.ready', subject: 'node/node-2' },
		text: {
			en: 'node-2 is Ready again: its kubelet confirmed the old pod is gone, and its heartbeat is back. node-2 now runs no pod: the scheduler places new pods only, and never moves running ones back.',
			zh: 'node-2 重新 Ready：它的 kubelet 确认旧 Pod 已删除，心跳也恢复了。现在 node-2 上没有 Pod：调度器只安置新 Pod，从不把运行中的 Pod 挪回来。'
		}
	}
];

/** A Swarm worker fails under a three-replica service (scenario `node-failure-both`). */
const SWARM_NODE_FAILURE: readonly Caption[] = [
	{
		id: 'start',
		at: { time: 0 },
		text: {
			en: 'A service asked for three nginx tasks; the manager is drained, so one runs on each worker. Press Next to run the clock: the story stops at each moment that matters.',
			zh: '一个服务要求运行三个 nginx 任务；管理节点已设为 drain，所以每个工作节点各运行一个。按“下一步”让时钟走起来：每到关键时刻，讲解都会停下来。'
		}
	},
	{
		id: 'running',
		at: { event: 'swarm.task.running', count: 3 },
		text: {
			en: `All three tasks are running. Each node sends the manager a heartbeat every ${BEAT} s (± ${EPSILON} ms). Press Next to power worker-2 off.`,
			zh: `三个任务都在运行。每个节点每 ${BEAT} 秒（± ${EPSILON} 毫秒）向管理节点发送一次心跳。按“下一步”关掉 worker-2 的电源。`
		},
		then: ['sim node stop worker-2']
	},
	{
		id: 'down',
		at: { event: 'swarm.node.down', subject: 'node/worker-2' },
		text: {
			en: `Down, {since:running} s after worker-2 went off: a node's time to live is ${GRACE_PERIOD_MULTIPLIER} heartbeat periods (about ${TTL} s) after its last heartbeat. The orchestrator at once creates a new task for the slot worker-2 had.`,
			zh: `worker-2 关机 {since:running} 秒后变为 Down：节点在最后一次心跳之后只有 ${GRACE_PERIOD_MULTIPLIER} 个心跳周期（约 ${TTL} 秒）的存活期。编排器立即为 worker-2 上那个槽位创建一个新任务。`
		}
	},
	{
		id: 'replaced',
		at: { event: 'swarm.task.running' },
		text: {
			en: `The new task is running on another worker, {since:down} s after Down: the restart delay (${RESTART} s by default) and the container's start. Three tasks serve again, {since:running} s after worker-2 went off.`,
			zh: `新任务已在另一个工作节点上运行，距 Down {since:down} 秒：默认 ${RESTART} 秒的重启延迟，加上容器启动。worker-2 关机 {since:running} 秒后，又有三个任务在提供服务。`
		}
	}
];

export const NARRATIVES: Partial<Record<ScenarioId, Partial<Record<Flavor, readonly Caption[]>>>> =
	{
		'node-failure': { kubernetes: KUBERNETES_NODE_FAILURE },
		'node-failure-both': { kubernetes: KUBERNETES_NODE_FAILURE, swarm: SWARM_NODE_FAILURE }
	};

export function narrative(scenario: ScenarioId, flavor: Flavor): readonly Caption[] | undefined {
	return NARRATIVES[scenario]?.[flavor];
}
