/** Builders for scheduler tests: nodes and pods in their real v1 shapes. */
import type { Container, Node, Pod, PodSpec, Taint } from 'kubernetes-types/core/v1';
import {
	createSchedulerCache,
	type SchedulerCache
} from '../../../../src/engine/kubernetes/scheduler/cache';

export const CONTROL_PLANE_TAINT: Taint = {
	key: 'node-role.kubernetes.io/control-plane',
	effect: 'NoSchedule'
};

export interface NodeOpts {
	cpu?: string;
	memory?: string;
	pods?: string;
	labels?: Record<string, string>;
	taints?: Taint[];
	unschedulable?: boolean;
	images?: { names: string[]; sizeBytes: number }[];
	extra?: Record<string, string>;
}

export function node(name: string, o: NodeOpts = {}): Node {
	const alloc = {
		cpu: o.cpu ?? '4',
		memory: o.memory ?? '8148340Ki',
		pods: o.pods ?? '110',
		...o.extra
	};
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
		spec: {
			...(o.taints ? { taints: o.taints } : {}),
			...(o.unschedulable ? { unschedulable: true } : {})
		},
		status: { allocatable: alloc, capacity: alloc, ...(o.images ? { images: o.images } : {}) }
	};
}

export interface PodOpts {
	ns?: string;
	labels?: Record<string, string>;
	requests?: Record<string, string>;
	image?: string;
	nodeName?: string;
	priority?: number;
	spec?: Partial<PodSpec>;
	container?: Partial<Container>;
	owner?: { kind: string; name: string; apiVersion?: string };
}

let uid = 0;

export function pod(name: string, o: PodOpts = {}): Pod {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name,
			namespace: o.ns ?? 'default',
			uid: `uid-${name}-${uid++}`,
			labels: o.labels,
			...(o.owner
				? {
						ownerReferences: [
							{
								apiVersion: o.owner.apiVersion ?? 'apps/v1',
								kind: o.owner.kind,
								name: o.owner.name,
								uid: 'o',
								controller: true
							}
						]
					}
				: {})
		},
		spec: {
			containers: [
				{
					name: 'c',
					image: o.image ?? 'nginx:1.27',
					...(o.requests ? { resources: { requests: o.requests } } : {}),
					...o.container
				}
			],
			...(o.nodeName ? { nodeName: o.nodeName } : {}),
			...(o.priority !== undefined ? { priority: o.priority } : {}),
			...o.spec
		}
	};
}

/** The corpus cluster (shared/corpus/SOURCES.md): a tainted control plane and 3 workers. */
export function corpusCluster(workers = 3): SchedulerCache {
	const cache = createSchedulerCache();
	cache.addNode(
		node('control-plane', {
			labels: { 'node-role.kubernetes.io/control-plane': '' },
			taints: [CONTROL_PLANE_TAINT]
		})
	);
	for (let i = 1; i <= workers; i++) cache.addNode(node(`node-${i}`));
	return cache;
}

/** Binds a pod to a node in the cache, as the engine does after a successful cycle. */
export function bind(cache: SchedulerCache, p: Pod, nodeName: string): Pod {
	const bound = { ...p, spec: { ...p.spec, containers: p.spec?.containers ?? [], nodeName } };
	cache.addPod(bound);
	return bound;
}

/** A fixed stream for the injected randomness. */
export function fixed(v: number): () => number {
	return () => v;
}
