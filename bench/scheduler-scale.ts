/**
 * `node --expose-gc --import tsx bench/scheduler-scale.ts [--json] [--zones N] [--interleave]`:
 * the scheduler's decision logic at scale. 5,000 kind-like nodes (4 CPU, ~8 GiB, 110 pods; one
 * tainted control plane), then 150,000 pods from 150 ReplicaSets (1,000 replicas each, half
 * asking nothing and half small requests), each through schedulePod (every filter and score,
 * the adaptive percentageOfNodesToScore, default topology spreading through the same ReplicaSet
 * lister the engine's adapter passes) and cache.addNewPod, Deployment by Deployment as the
 * controllers create them (--interleave: round-robin over the templates instead). --zones N
 * labels the nodes with N zones, so the zone half of the default spreading counts too.
 *
 * Throughput is reported by wall time and by this process's CPU time (on a shared machine the
 * wall clock also counts other processes' turns). The placement checksum (FNV-1a over every
 * chosen node name) must not change with an optimisation: it is the decisions, not their speed.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod, PodSpec } from 'kubernetes-types/core/v1';
import { RandomStream } from '../src/engine/core/rng';
import { createSchedulerCache, schedulePod } from '../src/engine/kubernetes/scheduler/index';
import { gc, heapMb, report, wallMs } from './report';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(name);
	return i < 0 ? fallback : Number(process.argv[i + 1]);
}

const NODES = arg('--nodes', 5000);
const TEMPLATES = arg('--templates', 150);
const REPLICAS = arg('--replicas', 1000);
const ZONES = arg('--zones', 0);
const INTERLEAVE = process.argv.includes('--interleave');

function buildNode(i: number): Node {
	const name = i === 0 ? 'control-plane' : `worker-${i}`;
	const labels: Record<string, string> = {
		'beta.kubernetes.io/arch': 'amd64',
		'beta.kubernetes.io/os': 'linux',
		'kubernetes.io/arch': 'amd64',
		'kubernetes.io/hostname': name,
		'kubernetes.io/os': 'linux'
	};
	if (ZONES > 0) labels['topology.kubernetes.io/zone'] = `zone-${i % ZONES}`;
	if (i === 0) labels['node-role.kubernetes.io/control-plane'] = '';
	const resources = {
		cpu: '4',
		'ephemeral-storage': '102350356Ki',
		'hugepages-1Gi': '0',
		'hugepages-2Mi': '0',
		memory: '8148340Ki',
		pods: '110'
	};
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: { name, labels },
		spec:
			i === 0
				? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }
				: {},
		status: { allocatable: { ...resources }, capacity: { ...resources } }
	};
}

interface Template {
	rs: ReplicaSet;
	labels: Record<string, string>;
	spec: PodSpec;
}

function buildTemplate(i: number): Template {
	const hash = (0x5f3759df ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
	const labels = { app: `deploy-${i}`, 'pod-template-hash': hash.toString(36) };
	const name = `deploy-${i}-${labels['pod-template-hash']}`;
	const spec: PodSpec = {
		containers: [
			{
				name: 'app',
				image: 'nginx:1.27',
				...(i % 2 === 1 ? { resources: { requests: { cpu: '10m', memory: '16Mi' } } } : {})
			}
		],
		restartPolicy: 'Always',
		schedulerName: 'default-scheduler'
	};
	const rs: ReplicaSet = {
		apiVersion: 'apps/v1',
		kind: 'ReplicaSet',
		metadata: { name, namespace: 'default', uid: `rs-${i}`, labels },
		spec: {
			replicas: REPLICAS,
			selector: { matchLabels: { ...labels } },
			template: { metadata: { labels }, spec }
		}
	};
	return { rs, labels, spec };
}

const cache = createSchedulerCache();
for (let i = 0; i < NODES; i++) cache.addNode(buildNode(i));
const templates = Array.from({ length: TEMPLATES }, (_, i) => buildTemplate(i));
const replicaSets = new Map(templates.map((t) => [`default/${t.rs.metadata?.name}`, t.rs]));
const random = new RandomStream(42);
const state = {
	next: () => random.next(),
	pick: (count: number) => random.reservoir(count),
	nextStartNodeIndex: 0,
	explain: false,
	listers: {
		replicaSet: (ns: string, name: string) => replicaSets.get(`${ns}/${name}`)
	}
};

gc();
const heapBefore = heapMb();
const total = TEMPLATES * REPLICAS;
let checksum = 0x811c9dc5;
let unscheduled = 0;
const t0 = wallMs();
const cpu0 = process.cpuUsage();
for (let k = 0; k < total; k++) {
	const ti = INTERLEAVE ? k % TEMPLATES : Math.floor(k / REPLICAS);
	const t = templates[ti] as Template;
	const rsName = t.rs.metadata?.name ?? '';
	const name = `${rsName}-${k.toString(36)}`;
	const pod: Pod = {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name,
			namespace: 'default',
			uid: `pod-${k}`,
			labels: { ...t.labels },
			ownerReferences: [
				{
					apiVersion: 'apps/v1',
					kind: 'ReplicaSet',
					name: rsName,
					uid: `rs-${ti}`,
					controller: true
				}
			]
		},
		spec: t.spec,
		status: { phase: 'Pending', qosClass: 'BestEffort' }
	};
	const r = schedulePod(pod, cache, state);
	if (r.node === undefined) {
		unscheduled++;
		continue;
	}
	for (let i = 0; i < r.node.length; i++)
		checksum = Math.imul(checksum ^ r.node.charCodeAt(i), 0x01000193);
	// A new pod: the cache need not look for an earlier version of it (as the lab's adapter).
	cache.addNewPod({ ...pod, spec: { ...t.spec, nodeName: r.node } });
}
const wall = wallMs() - t0;
// CPU time as well: on a shared machine wall time also counts the other processes' turns.
const cpuUsed = process.cpuUsage(cpu0);
const cpu = (cpuUsed.user + cpuUsed.system) / 1000;
gc();
const heapAfter = heapMb();

const label = `${NODES} nodes, ${total} pods${ZONES > 0 ? `, ${ZONES} zones` : ''}`;
report(`scheduler scale (${label}): throughput`, total / (wall / 1000), 'pods/s');
report(`scheduler scale (${label}): per CPU second`, total / (cpu / 1000), 'pods/s');
report('scheduler scale: wall time', wall / 1000, 's');
report('scheduler scale: CPU time', cpu / 1000, 's');
report('scheduler scale: heap after, gc', heapAfter, 'MB');
report('scheduler scale: heap per pod', ((heapAfter - heapBefore) * 2 ** 20) / total, 'bytes');
report('scheduler scale: unscheduled pods', unscheduled, 'pods');
report('scheduler scale: placement checksum (FNV-1a)', checksum >>> 0, 'hash');
// Keep the cache alive until the heap is measured.
if (cache.nodes().length !== NODES) throw new Error('cluster shape changed');
