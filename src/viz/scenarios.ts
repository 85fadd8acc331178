/**
 * The scenarios a lesson or an embed may ask for, by id. This list is the whitelist the
 * `/embed/[scenario]` route checks its URL against: nothing outside it is ever run.
 */
import type { Flavor } from '$engine/types';

export type Lang = 'en' | 'zh';

export interface Scenario {
	id: string;
	/** The flavours it runs on; the first is the default. */
	flavors: readonly [Flavor, ...Flavor[]];
	seed: number;
	workers: number;
	/** Swarm managers, or Kubernetes control-plane nodes (each with an etcd member); 1 if unset. */
	managers?: number;
	/** Command lines run at time 0, before the learner arrives. */
	setup: Readonly<Record<Flavor, readonly string[]>>;
	/** Files the set-up lines (and the learner) may name, e.g. in `kubectl apply -f FILE`. */
	files?: Readonly<Record<string, string>>;
	title: Record<Lang, string>;
}

/** The `scheduling` scenario's pods, one per scheduling story (see the scenario). */
const SCHEDULING_PODS = `apiVersion: v1
kind: Pod
metadata:
  name: batch
spec:
  nodeSelector:
    kubernetes.io/hostname: node-2
  containers:
    - name: batch
      image: busybox:1.36
      command: ["sleep", "86400"]
      resources:
        requests:
          cpu: "2"
          memory: 4Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      resources:
        requests:
          cpu: 500m
          memory: 512Mi
---
apiVersion: v1
kind: Pod
metadata:
  name: trainer
spec:
  tolerations:
    - key: dedicated
      operator: Equal
      value: gpu
      effect: NoSchedule
  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 50
          preference:
            matchExpressions:
              - key: accelerator
                operator: In
                values: ["gpu"]
  containers:
    - name: trainer
      image: busybox:1.36
      command: ["sleep", "86400"]
      resources:
        requests:
          cpu: "1"
          memory: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  nodeSelector:
    disktype: ssd
  containers:
    - name: db
      image: redis:7
      resources:
        requests:
          cpu: 250m
          memory: 256Mi
---
apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
    - name: huge
      image: nginx:1.27
      resources:
        requests:
          cpu: "6"
          memory: 2Gi
`;

export const SCENARIOS = {
	'node-failure': {
		id: 'node-failure',
		flavors: ['kubernetes'],
		seed: 7,
		workers: 3,
		setup: {
			kubernetes: ['kubectl create deployment web --image=nginx --replicas=3'],
			swarm: []
		},
		title: {
			en: 'A node fails under a Deployment of three pods',
			zh: '一个节点在三副本 Deployment 下发生故障'
		}
	},
	// The same workload on both orchestrators, for the side-by-side widget: three nginx replicas,
	// one per worker, and in-cluster clients sending 10 requests/s. The Swarm manager is drained
	// so that, like kubeadm's tainted control plane, it runs no tasks.
	'node-failure-both': {
		id: 'node-failure-both',
		flavors: ['kubernetes', 'swarm'],
		seed: 7,
		workers: 3,
		setup: {
			kubernetes: [
				'kubectl create deployment web --image=nginx --replicas=3',
				'kubectl expose deployment web --port=80',
				'sim traffic web 10/s'
			],
			swarm: [
				'docker node update --availability drain manager-1',
				'docker service create --name web --replicas 3 nginx',
				'sim traffic web 10/s --via vip'
			]
		},
		title: {
			en: 'A worker fails under three replicas, on Kubernetes and on Swarm',
			zh: '三副本下一个工作节点发生故障：Kubernetes 与 Swarm 对照'
		}
	},
	// Why each pod landed where it did (the scheduler view): node-1 has a disktype=ssd label,
	// node-2 a PreferNoSchedule taint, node-3 a NoSchedule taint and an accelerator=gpu label,
	// and the batch pod pinned to node-2 leaves it the least room. web goes by score, trainer
	// tolerates the taint and prefers the gpu node, db fits only the ssd node, huge (6 CPUs)
	// fits nowhere, and the api Deployment's pods are spread by the default topology spread.
	scheduling: {
		id: 'scheduling',
		flavors: ['kubernetes'],
		seed: 3,
		workers: 3,
		setup: {
			kubernetes: [
				'kubectl label nodes node-1 disktype=ssd',
				'kubectl label nodes node-3 accelerator=gpu',
				'kubectl taint nodes node-3 dedicated=gpu:NoSchedule',
				'kubectl taint nodes node-2 maintenance=soon:PreferNoSchedule',
				'kubectl apply -f pods.yaml',
				'kubectl create deployment api --image=nginx:1.27 --replicas=2'
			],
			swarm: []
		},
		files: { 'pods.yaml': SCHEDULING_PODS },
		title: {
			en: 'Why did each pod land where it did?',
			zh: '每个 Pod 为什么落在那个节点上？'
		}
	},
	// The load balancer at work (the traffic view): 50 requests/s from outside through every
	// node's NodePort to a Deployment of three, 30 s in, as `kubectl set image` starts a rolling
	// update: old pods drain, new ones take their share. Stop a node to see requests time out.
	'rolling-update-traffic': {
		id: 'rolling-update-traffic',
		flavors: ['kubernetes'],
		seed: 7,
		workers: 3,
		setup: {
			kubernetes: [
				'kubectl create deployment web --image=nginx:1.26 --replicas=3',
				'kubectl expose deployment web --port=80 --type=NodePort',
				'sim advance 20s',
				'sim traffic web 50/s --via nodeport',
				'sim advance 10s',
				'kubectl set image deployment/web nginx=nginx:1.27'
			],
			swarm: []
		},
		title: {
			en: 'Requests through a NodePort during a rolling update',
			zh: '滚动更新期间经由 NodePort 的请求'
		}
	},
	// Swarm's routing mesh: a published port answers on every node, whose IPVS picks a task
	// round-robin wherever it runs.
	'routing-mesh': {
		id: 'routing-mesh',
		flavors: ['swarm'],
		seed: 7,
		workers: 3,
		setup: {
			kubernetes: [],
			swarm: [
				'docker service create --name web --replicas 3 --publish 8080:80 nginx:1.27',
				'sim advance 20s',
				'sim traffic web 50/s --via mesh'
			]
		},
		title: {
			en: 'Requests through the Swarm routing mesh',
			zh: '经由 Swarm 路由网格的请求'
		}
	},
	// Raft among five swarm managers (the Raft view). One-way latency is raised to 50 ms, as
	// between distant data centres, so that messages stay on screen long enough to follow; two
	// client writes are in the leader's log, not yet committed, when the learner arrives.
	'raft-election': {
		id: 'raft-election',
		flavors: ['swarm'],
		seed: 5,
		workers: 0,
		managers: 5,
		setup: {
			kubernetes: [],
			swarm: [
				'sim latency 50ms',
				'sim raft propose create-service-web',
				'sim raft propose scale-web-3'
			]
		},
		title: {
			en: 'Raft among five swarm managers: heartbeats, elections, partitions',
			zh: '五个 Swarm 管理节点之间的 Raft：心跳、选举与网络分区'
		}
	},
	'empty-cluster': {
		id: 'empty-cluster',
		flavors: ['kubernetes', 'swarm'],
		seed: 1,
		workers: 3,
		setup: { kubernetes: [], swarm: [] },
		title: { en: 'An empty cluster to try commands in', zh: '一个空集群，用来试命令' }
	}
} as const satisfies Record<string, Scenario>;

export type ScenarioId = keyof typeof SCENARIOS;

export const SCENARIO_IDS = Object.keys(SCENARIOS) as ScenarioId[];

export function isScenarioId(value: string): value is ScenarioId {
	return Object.prototype.hasOwnProperty.call(SCENARIOS, value);
}

export function scenario(id: ScenarioId): Scenario {
	return SCENARIOS[id];
}

/** The views a lab widget can show, in the order it shows them. */
export const VIEWS = [
	'cluster',
	'traffic',
	'raft',
	'scheduler',
	'timeline',
	'console',
	'kubectl'
] as const;
export type ViewName = (typeof VIEWS)[number];

export function isViewName(value: string): value is ViewName {
	return (VIEWS as readonly string[]).includes(value);
}
