/** Node and Lease objects in their real v1 API shapes, as a kubeadm/kind cluster has them. */
import { nodeAddress } from '../core/addresses';
import type { Node, NodeCondition, Taint } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { rfc3339, rfc3339Micro } from '../core/time';
import {
	CONTROL_PLANE_ROLE_LABEL,
	CONTROL_PLANE_TAINT,
	EVICTION_HARD_MEMORY_AVAILABLE,
	EVICTION_HARD_NODEFS_AVAILABLE_PERCENT,
	KUBELET_VERSION,
	MAX_PODS,
	NODE_CONTAINER_RUNTIME,
	NODE_CPU,
	NODE_EPHEMERAL_STORAGE,
	NODE_KERNEL_VERSION,
	NODE_LEASE_DURATION_SECONDS,
	NODE_MEMORY,
	NODE_OS_IMAGE
} from './defaults';
import { formatQuantity, parseQuantity } from '../manifests/quantity';

export const NODES = 'core/v1/nodes';
export const LEASES = 'coordination.k8s.io/v1/leases/kube-node-lease';

export interface NodeIdentity {
	name: string;
	controlPlane: boolean;
	/** 0-based position in the cluster: decides the node's IP (../core/addresses.ts). */
	index: number;
	/** The /24 the range allocator gave the node (./pod-network.ts). */
	podCidr: string;
	uid: string;
	bootID: string;
	machineID: string;
}

/** The kubelet's healthy conditions (kubelet_node_status.go texts): type, status, reason, message. */
const HEALTHY: readonly (readonly [string, string, string, string])[] = [
	[
		'MemoryPressure',
		'False',
		'KubeletHasSufficientMemory',
		'kubelet has sufficient memory available'
	],
	['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
	['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
	['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status']
];

/**
 * The kubelet's healthy conditions, posted at time t. A condition whose status is unchanged
 * from `previous` keeps its transition time; any other transitions at `since`.
 */
export function healthyConditions(
	t: number,
	since: number,
	previous?: readonly NodeCondition[]
): NodeCondition[] {
	const at = rfc3339(t);
	const from = rfc3339(since);
	const list: NodeCondition[] = [];
	for (const [type, status, reason, message] of HEALTHY) {
		const old = previous?.find((p) => p.type === type);
		const transition =
			old?.lastTransitionTime !== undefined && old.status === status
				? old.lastTransitionTime
				: from;
		list.push(condition(type, status, reason, message, at, transition));
	}
	if (list.every((c, i) => c === lastHealthy[i])) return lastHealthy;
	lastHealthy = list;
	return list;
}

/**
 * The last healthy list made, and the last condition of each type: nodes posting in the same
 * second share them (5,000 nodes × 4 conditions would otherwise each hold their own). Stored
 * objects are never changed in place, so sharing is safe.
 */
let lastHealthy: NodeCondition[] = [];
const LAST_CONDITION = new Map<string, NodeCondition>();

function condition(
	type: string,
	status: string,
	reason: string,
	message: string,
	heartbeat: string,
	transition: string
): NodeCondition {
	const last = LAST_CONDITION.get(type);
	if (
		last !== undefined &&
		last.lastHeartbeatTime === heartbeat &&
		last.lastTransitionTime === transition
	)
		return last;
	const made = {
		type,
		status,
		reason,
		message,
		lastHeartbeatTime: heartbeat,
		lastTransitionTime: transition
	};
	LAST_CONDITION.set(type, made);
	return made;
}

/** A quantity's value in milli-units (the lab's node sizes always parse). */
function milli(text: string): bigint {
	const q = parseQuantity(text);
	return 'error' in q ? 0n : q.milli;
}

/**
 * Capacity less the hard eviction thresholds (kubelet hardEvictionReservation): memory less
 * 100Mi, ephemeral-storage less 10 % of itself. The percentage is a float32 (evictionapi
 * ParsePercentage) and the product is truncated to whole bytes (GetThresholdQuantity), so the
 * result is rarely a whole number of Ki and prints in bytes, as on real nodes.
 */
function allocatableOf(capacity: Record<string, string>): Record<string, string> {
	const memory = milli(capacity.memory!) - milli(EVICTION_HARD_MEMORY_AVAILABLE);
	const storageBytes = milli(capacity['ephemeral-storage']!) / 1000n;
	const fraction = Math.fround(Math.fround(EVICTION_HARD_NODEFS_AVAILABLE_PERCENT) / 100);
	const reserved = BigInt(Math.trunc(Number(storageBytes) * fraction));
	return {
		...capacity,
		memory: formatQuantity({ milli: memory, format: 'BinarySI' }),
		'ephemeral-storage': formatQuantity({
			milli: (storageBytes - reserved) * 1000n,
			format: 'BinarySI'
		})
	};
}

/**
 * Every node's capacity, allocatable and annotations: the lab's nodes are all one machine, so
 * they share these objects (stored objects are never changed in place).
 */
const NODE_CAPACITY: Record<string, string> = {
	cpu: NODE_CPU,
	'ephemeral-storage': NODE_EPHEMERAL_STORAGE,
	'hugepages-1Gi': '0',
	'hugepages-2Mi': '0',
	memory: NODE_MEMORY,
	pods: String(MAX_PODS)
};
const NODE_ALLOCATABLE = allocatableOf(NODE_CAPACITY);
const NODE_ANNOTATIONS: Record<string, string> = {
	'node.alpha.kubernetes.io/ttl': '0',
	'volumes.kubernetes.io/controller-managed-attach-detach': 'true'
};
/** Every kubelet listens on 10250: one frozen object for all nodes (64 B a node otherwise). */
const DAEMON_ENDPOINTS = Object.freeze({ kubeletEndpoint: Object.freeze({ Port: 10250 }) });

export function buildNode(id: NodeIdentity, t: number, resourceVersion: number): Node {
	const labels: Record<string, string> = {
		'beta.kubernetes.io/arch': 'amd64',
		'beta.kubernetes.io/os': 'linux',
		'kubernetes.io/arch': 'amd64',
		'kubernetes.io/hostname': id.name,
		'kubernetes.io/os': 'linux'
	};
	const taints: Taint[] = [];
	if (id.controlPlane) {
		labels[CONTROL_PLANE_ROLE_LABEL] = '';
		labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
		taints.push({ key: CONTROL_PLANE_TAINT, effect: 'NoSchedule' });
	}
	const cidr = id.podCidr;
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {
			name: id.name,
			uid: id.uid,
			resourceVersion: String(resourceVersion),
			creationTimestamp: rfc3339(t),
			labels,
			annotations: NODE_ANNOTATIONS
		},
		spec: {
			podCIDR: cidr,
			podCIDRs: [cidr],
			providerID: `kind://docker/lab/${id.name}`,
			...(taints.length > 0 ? { taints } : {})
		},
		status: {
			addresses: [
				{ type: 'InternalIP', address: nodeAddress(id.index) },
				{ type: 'Hostname', address: id.name }
			],
			allocatable: NODE_ALLOCATABLE,
			capacity: NODE_CAPACITY,
			conditions: healthyConditions(t, t),
			daemonEndpoints: DAEMON_ENDPOINTS,
			nodeInfo: {
				architecture: 'amd64',
				bootID: id.bootID,
				containerRuntimeVersion: NODE_CONTAINER_RUNTIME,
				kernelVersion: NODE_KERNEL_VERSION,
				kubeProxyVersion: '',
				kubeletVersion: KUBELET_VERSION,
				machineID: id.machineID,
				operatingSystem: 'linux',
				osImage: NODE_OS_IMAGE,
				systemUUID: id.machineID
			}
		}
	};
}

export function buildLease(
	node: string,
	renewT: number,
	uid: string,
	rv: number,
	t0: number
): Lease {
	return {
		apiVersion: 'coordination.k8s.io/v1',
		kind: 'Lease',
		metadata: {
			name: node,
			namespace: 'kube-node-lease',
			uid,
			resourceVersion: String(rv),
			creationTimestamp: rfc3339(t0)
		},
		spec: {
			holderIdentity: node,
			leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS,
			renewTime: renewTimeText(renewT)
		}
	};
}

let lastRenewAt = NaN;
let lastRenewText = '';

/**
 * A Lease's renewTime text at t. Leases renewed in the same millisecond (every node's first
 * renewal, at boot, matches the one it was created with) share one string: a MicroTime is a
 * 48-byte string, and a checkpoint keeps the old version of every node's Lease.
 */
export function renewTimeText(t: number): string {
	if (t !== lastRenewAt) {
		lastRenewAt = t;
		lastRenewText = rfc3339Micro(t);
	}
	return lastRenewText;
}

/** The node's Ready condition, if it has one. */
export function readyCondition(node: Node): NodeCondition | undefined {
	return node.status?.conditions?.find((c) => c.type === 'Ready');
}

/** kubectl's STATUS word for the node (printers.go printNode). */
export function nodeStatusWord(node: Node): string {
	const ready = readyCondition(node);
	let word = ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
	if (node.spec?.unschedulable) word += ',SchedulingDisabled';
	return word;
}
