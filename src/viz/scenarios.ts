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
	/** Command lines run at time 0, before the learner arrives. */
	setup: Readonly<Record<Flavor, readonly string[]>>;
	title: Record<Lang, string>;
}

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
export const VIEWS = ['cluster', 'timeline', 'console', 'kubectl'] as const;
export type ViewName = (typeof VIEWS)[number];

export function isViewName(value: string): value is ViewName {
	return (VIEWS as readonly string[]).includes(value);
}
