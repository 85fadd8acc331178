/**
 * The scenarios a lesson or an embed may ask for, by id: each one's flavours and title, and the
 * views a lab can show. This list is the whitelist the `/embed/[scenario]` route and the
 * `<orchestra-lab>` element check what they are asked for against: nothing outside it is ever run.
 *
 * Why apart from ./scenarios.ts (each scenario's cluster, set-up lines and files): the pages
 * and the element's loader check ids and print titles before any lab is wanted, and should not
 * download every scenario's set-up and manifests to do so (issue 5: JavaScript per page). Only
 * the code that builds a lab imports ./scenarios.ts.
 */
import type { Flavor } from '$engine/types';

export type Lang = 'en' | 'zh';

export interface ScenarioEntry {
	id: string;
	/** The flavours it runs on; the first is the default. */
	flavors: readonly [Flavor, ...Flavor[]];
	title: Record<Lang, string>;
	/**
	 * A swarm lab with Docker on every machine but no swarm yet (`docker swarm init` is the
	 * learner's). Here, not with the set-up: the embed's checks must know it (no side-by-side).
	 */
	swarm?: 'uninitialized';
}

export const CATALOG = {
	'node-failure': {
		id: 'node-failure',
		flavors: ['kubernetes'],
		title: {
			en: 'A node fails under a Deployment of three pods',
			zh: '一个节点在三副本 Deployment 下发生故障'
		}
	},
	'node-failure-both': {
		id: 'node-failure-both',
		flavors: ['kubernetes', 'swarm'],
		title: {
			en: 'A worker fails under three replicas, on Kubernetes and on Swarm',
			zh: '三副本下一个工作节点发生故障：Kubernetes 与 Swarm 对照'
		}
	},
	'control-plane-ha': {
		id: 'control-plane-ha',
		flavors: ['kubernetes'],
		title: {
			en: 'Three control-plane nodes with stacked etcd, three workers',
			zh: '三个控制平面节点（各带一个 etcd 成员）和三个工作节点'
		}
	},
	scheduling: {
		id: 'scheduling',
		flavors: ['kubernetes'],
		title: {
			en: 'Why did each pod land where it did?',
			zh: '每个 Pod 为什么落在那个节点上？'
		}
	},
	'rolling-update-traffic': {
		id: 'rolling-update-traffic',
		flavors: ['kubernetes'],
		title: {
			en: 'Requests through a NodePort during a rolling update',
			zh: '滚动更新期间经由 NodePort 的请求'
		}
	},
	'ingress-traffic': {
		id: 'ingress-traffic',
		flavors: ['kubernetes'],
		title: {
			en: 'Requests through an Ingress to two Services',
			zh: '经由 Ingress 到两个 Service 的请求'
		}
	},
	'routing-mesh': {
		id: 'routing-mesh',
		flavors: ['swarm'],
		title: {
			en: 'Requests through the Swarm routing mesh',
			zh: '经由 Swarm 路由网格的请求'
		}
	},
	'raft-election': {
		id: 'raft-election',
		flavors: ['swarm'],
		title: {
			en: 'Raft among five swarm managers: heartbeats, elections, partitions',
			zh: '五个 Swarm 管理节点之间的 Raft：心跳、选举与网络分区'
		}
	},
	'large-cluster': {
		id: 'large-cluster',
		flavors: ['kubernetes'],
		title: {
			en: 'A large cluster: 100 workers, 1,000 pods',
			zh: '大型集群：100 个工作节点，1,000 个 Pod'
		}
	},
	'big-cluster': {
		id: 'big-cluster',
		flavors: ['kubernetes'],
		title: {
			en: 'A big cluster: 150 workers, 1,500 pods',
			zh: '大集群：150 个工作节点，1,500 个 Pod'
		}
	},
	'very-large-cluster': {
		id: 'very-large-cluster',
		flavors: ['kubernetes'],
		title: {
			en: 'A very large cluster: 500 workers, 10,000 pods',
			zh: '超大型集群：500 个工作节点，10,000 个 Pod'
		}
	},
	'swarm-managers': {
		id: 'swarm-managers',
		flavors: ['swarm'],
		title: {
			en: 'Three managers and three workers: lose the leader, then the quorum',
			zh: '三个管理节点和三个工作节点：先失去领导者，再失去法定多数'
		}
	},
	'five-steps': {
		id: 'five-steps',
		flavors: ['kubernetes', 'swarm'],
		swarm: 'uninitialized',
		title: {
			en: 'Build, push, cluster, workload, service: the five steps',
			zh: '制作镜像、上传、搭建集群、添加工作负载、设置服务：五个步骤'
		}
	},
	'self-healing': {
		id: 'self-healing',
		flavors: ['kubernetes'],
		title: {
			en: 'Replicas that heal themselves, and a database that waits for its disk',
			zh: '会自愈的副本，和一个等待磁盘的数据库'
		}
	},
	'bad-rollout': {
		id: 'bad-rollout',
		flavors: ['kubernetes'],
		title: {
			en: 'A rollout stuck on an image that does not exist',
			zh: '卡在一个不存在的镜像上的滚动更新'
		}
	},
	'node-maintenance': {
		id: 'node-maintenance',
		flavors: ['kubernetes'],
		title: {
			en: 'Four replicas on three workers, one of which needs maintenance',
			zh: '三个工作节点上的四个副本，其中一个节点需要维护'
		}
	},
	'swarm-maintenance': {
		id: 'swarm-maintenance',
		flavors: ['swarm'],
		title: {
			en: 'A service of three tasks, and a worker that needs maintenance',
			zh: '一个三任务的服务，和一个需要维护的工作节点'
		}
	},
	'lost-manager': {
		id: 'lost-manager',
		flavors: ['swarm'],
		title: {
			en: 'Three managers, one of them gone for good',
			zh: '三个管理节点，其中一个再也回不来了'
		}
	},
	'ssd-only': {
		id: 'ssd-only',
		flavors: ['kubernetes'],
		title: {
			en: 'A Deployment that asks for SSD nodes, and no node says it has one',
			zh: '一个要求 SSD 节点的 Deployment，而没有一个节点声明自己有 SSD'
		}
	},
	'wrong-selector': {
		id: 'wrong-selector',
		flavors: ['kubernetes'],
		title: {
			en: 'A Service whose selector matches no pod',
			zh: '一个选择器匹配不到任何 Pod 的 Service'
		}
	},
	'east-only': {
		id: 'east-only',
		flavors: ['swarm'],
		title: {
			en: 'A service confined to a zone no node is labelled with',
			zh: '一个被限定在某个区域的服务，而没有节点带着这个区域的标签'
		}
	},
	'empty-cluster': {
		id: 'empty-cluster',
		flavors: ['kubernetes', 'swarm'],
		title: { en: 'An empty cluster to try commands in', zh: '一个空集群，用来试命令' }
	}
} as const satisfies Record<string, ScenarioEntry>;

export type ScenarioId = keyof typeof CATALOG;

export const SCENARIO_IDS = Object.keys(CATALOG) as ScenarioId[];

export function isScenarioId(value: string): value is ScenarioId {
	return Object.prototype.hasOwnProperty.call(CATALOG, value);
}

/** A scenario's flavours and title (its set-up: ./scenarios.ts). */
export function catalogEntry(id: ScenarioId): ScenarioEntry {
	return CATALOG[id];
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
