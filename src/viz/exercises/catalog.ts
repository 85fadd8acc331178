/**
 * The interview exercises: each starts a scenario's lab in trouble (src/viz/scenarios.ts) and
 * names the goals that say it is fixed, checked on the live lab after every change (check.ts).
 * The text around them (the question, hints, why it matters) is the exercise's markdown in
 * src/lessons/exercises/{en,zh}/, which names its exercise by id.
 *
 * Goals judge the lab's state, not the commands typed: any way a real cluster would accept
 * passes. `solution` is one such way, shown on request and run by the tests.
 */
import type { Flavor } from '$engine/types';
import type { Lang, ScenarioId } from '../scenario-catalog';
import type { GoalCheck } from './check';

export interface Goal extends GoalCheck {
	label: Record<Lang, string>;
}

export interface Exercise {
	id: string;
	scenario: ScenarioId;
	flavor: Flavor;
	goals: readonly Goal[];
	/** One answer, as command lines (the lab's clock moved with `sim advance`). */
	solution: readonly string[];
}

const WEB_HEALTHY: Goal = {
	label: {
		en: 'No web pod is stuck pulling an image',
		zh: '没有 web Pod 卡在拉取镜像上'
	},
	line: 'kubectl get pods -l app=web',
	match: /Running/,
	notMatch: /ErrImagePull|ImagePullBackOff/
};

export const EXERCISES = {
	'roll-back': {
		id: 'roll-back',
		scenario: 'bad-rollout',
		flavor: 'kubernetes',
		goals: [
			WEB_HEALTHY,
			{
				label: {
					en: 'The Deployment runs nginx:1.27 again',
					zh: 'Deployment 重新运行 nginx:1.27'
				},
				line: 'kubectl get deployment web -o jsonpath={.spec.template.spec.containers[0].image}',
				match: /^nginx:1\.27$/
			},
			{
				label: {
					en: 'All 3 replicas are up to date and available, and no others remain',
					zh: '3 个副本全部是最新的并且可用，没有多余的副本'
				},
				line: "kubectl get deployment web -o jsonpath='{.status.replicas} {.status.updatedReplicas} {.status.availableReplicas}'",
				match: /^3 3 3$/
			}
		],
		solution: ['kubectl rollout undo deployment/web', 'sim advance 1m']
	},
	'drain-with-budget': {
		id: 'drain-with-budget',
		scenario: 'node-maintenance',
		flavor: 'kubernetes',
		goals: [
			{
				label: {
					en: 'A PodDisruptionBudget keeps at least 3 web pods available (minAvailable: 3)',
					zh: '一个 PodDisruptionBudget 保证至少 3 个 web Pod 可用（minAvailable: 3）'
				},
				line: `kubectl get pdb -o jsonpath='{range .items[*]}{.spec.minAvailable} {.spec.selector.matchLabels.app}{"\\n"}{end}'`,
				match: /^3 web$/m
			},
			{
				label: {
					en: 'node-2 takes no new pods',
					zh: 'node-2 不再接收新的 Pod'
				},
				line: 'kubectl get node node-2 -o jsonpath={.spec.unschedulable}',
				match: /^true$/
			},
			{
				label: {
					en: 'No web pod runs on node-2',
					zh: 'node-2 上没有 web Pod'
				},
				line: 'kubectl get pods -l app=web -o wide --no-headers',
				match: /Running/,
				notMatch: /\snode-2\s/
			},
			{
				label: {
					en: 'All 4 web pods are available',
					zh: '4 个 web Pod 全部可用'
				},
				line: 'kubectl get deployment web -o jsonpath={.status.availableReplicas}',
				match: /^4$/
			}
		],
		solution: [
			'kubectl create poddisruptionbudget web --selector=app=web --min-available=3',
			'kubectl drain node-2 --ignore-daemonsets',
			'sim advance 1m'
		]
	},
	'swarm-maintenance': {
		id: 'swarm-maintenance',
		scenario: 'swarm-maintenance',
		flavor: 'swarm',
		goals: [
			{
				label: {
					en: 'The web service runs 5 tasks',
					zh: 'web 服务运行 5 个任务'
				},
				line: "docker service ls --filter name=web --format '{{.Replicas}}'",
				match: /^5\/5$/
			},
			{
				label: {
					en: 'worker-2 is drained',
					zh: 'worker-2 已排空（drain）'
				},
				line: "docker node inspect worker-2 --format '{{.Spec.Availability}}'",
				match: /^drain$/
			},
			{
				label: {
					en: 'No web task runs on worker-2',
					zh: 'worker-2 上没有运行中的 web 任务'
				},
				line: "docker service ps web --filter desired-state=running --format '{{.Node}}'",
				match: /\S/,
				notMatch: /^worker-2$/m
			}
		],
		solution: [
			'docker service scale web=5',
			'docker node update --availability drain worker-2',
			'sim advance 1m'
		]
	},
	'replace-lost-manager': {
		id: 'replace-lost-manager',
		scenario: 'lost-manager',
		flavor: 'swarm',
		goals: [
			{
				label: {
					en: 'Three managers, every one of them reachable',
					zh: '三个管理节点，每一个都可达'
				},
				line: "docker node ls --filter role=manager --format '{{.ManagerStatus}}'",
				match: /^(?:Leader|Reachable)\n(?:Leader|Reachable)\n(?:Leader|Reachable)\n?$/
			},
			{
				label: {
					en: 'The lost machine, manager-2, is no longer a manager',
					zh: '丢失的机器 manager-2 不再是管理节点'
				},
				line: "docker node ls --filter role=manager --format '{{.Hostname}}'",
				match: /\S/,
				notMatch: /^manager-2$/m
			},
			{
				label: {
					en: 'The web service still runs its 3 tasks',
					zh: 'web 服务仍然运行着它的 3 个任务'
				},
				line: "docker service ls --filter name=web --format '{{.Replicas}}'",
				match: /^3\/3$/
			}
		],
		solution: ['docker node demote manager-2', 'docker node promote worker-1', 'sim advance 30s']
	},
	'stuck-pending': {
		id: 'stuck-pending',
		scenario: 'ssd-only',
		flavor: 'kubernetes',
		goals: [
			{
				label: {
					en: 'node-1 and node-3, and only they, are labelled disktype=ssd',
					zh: '只有 node-1 和 node-3 带有 disktype=ssd 标签'
				},
				line: 'kubectl get nodes -l disktype=ssd -o name',
				match: /^node\/node-1\nnode\/node-3$/
			},
			{
				label: {
					en: 'The Deployment still requires SSD nodes (a nodeSelector or required node affinity)',
					zh: 'Deployment 仍然要求 SSD 节点（nodeSelector 或必需的节点亲和性）'
				},
				line: "kubectl get deployment web -o jsonpath='{.spec.template.spec.nodeSelector.disktype} {.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[*].matchExpressions[*].key}'",
				match: /^ssd\b|\bdisktype\b/
			},
			{
				label: {
					en: 'Every web pod runs on node-1 or node-3',
					zh: '每个 web Pod 都运行在 node-1 或 node-3 上'
				},
				line: `kubectl get pods -l app=web -o jsonpath='{range .items[*]}{.spec.nodeName}{"\\n"}{end}'`,
				match: /^(?:node-[13]\n?)+$/
			},
			{
				label: {
					en: 'All 3 web pods are running and ready',
					zh: '3 个 web Pod 全部运行并就绪'
				},
				line: "kubectl get deployment web -o jsonpath='{.status.replicas} {.status.readyReplicas}'",
				match: /^3 3$/
			}
		],
		solution: ['kubectl label nodes node-1 node-3 disktype=ssd', 'sim advance 1m']
	},
	'no-endpoints': {
		id: 'no-endpoints',
		scenario: 'wrong-selector',
		flavor: 'kubernetes',
		goals: [
			{
				label: {
					en: 'The web Service has a ready endpoint for each of the 3 pods',
					zh: 'web Service 为 3 个 Pod 各有一个就绪的端点'
				},
				line: `kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{range .items[*].endpoints[*]}{.conditions.ready}{"\\n"}{end}'`,
				match: /^true\ntrue\ntrue$/
			},
			{
				label: {
					en: 'The Deployment still has 3 available replicas',
					zh: 'Deployment 仍然有 3 个可用副本'
				},
				line: 'kubectl get deployment web -o jsonpath={.status.availableReplicas}',
				match: /^3$/
			},
			{
				label: {
					en: 'Exactly 3 pods made from its template, all running: none orphaned',
					zh: '由它的模板创建的 Pod 正好 3 个，全部在运行：没有孤儿 Pod'
				},
				line: 'kubectl get pods -l pod-template-hash --no-headers',
				match: /^(?:web-\S+ +1\/1 +Running .*(?:\n|$)){3}$/
			}
		],
		solution: ['kubectl set selector service web app=web', 'sim advance 10s']
	},
	placement: {
		id: 'placement',
		scenario: 'east-only',
		flavor: 'swarm',
		goals: [
			{
				label: {
					en: 'worker-1 and worker-2, and only they, are labelled zone=east',
					zh: '只有 worker-1 和 worker-2 带有 zone=east 标签'
				},
				line: "docker node ls --filter node.label=zone=east --format '{{.Hostname}}'",
				match: /^worker-1\nworker-2$/
			},
			{
				label: {
					en: 'The service still runs only in zone east',
					zh: '服务仍然只在 east 区域运行'
				},
				line: "docker service inspect web --format '{{.Spec.TaskTemplate.Placement.Constraints}}'",
				match: /^\[.*node\.labels\.zone *== *east.*\]$/
			},
			{
				label: {
					en: 'Both web tasks run',
					zh: '两个 web 任务都在运行'
				},
				line: "docker service ls --filter name=web --format '{{.Replicas}}'",
				match: /^2\/2$/
			}
		],
		solution: [
			'docker node update --label-add zone=east worker-1',
			'docker node update --label-add zone=east worker-2',
			'sim advance 30s'
		]
	}
} as const satisfies Record<string, Exercise>;

export type ExerciseId = keyof typeof EXERCISES;

export function isExerciseId(value: string): value is ExerciseId {
	return Object.prototype.hasOwnProperty.call(EXERCISES, value);
}
