/**
 * Tab completion for the console: programs, their verbs, resource types and the names of the
 * objects in the current snapshot. A small fixed tree, not the engine's parser: it only has to
 * help a learner type, never to decide what a line means.
 */
import type { LabSnapshot } from '$engine/types';

type Names = (snapshot: LabSnapshot) => string[];

const nodeNames: Names = (s) => s.nodes.map((n) => n.name);
const podNames: Names = (s) => s.units.map((u) => u.name);
/** A swarm's services, from their tasks' owners (`Service/web`). */
const serviceNames: Names = (s) => [
	...new Set(
		s.units.flatMap((u) =>
			u.owner?.startsWith('Service/') ? [u.owner.slice('Service/'.length)] : []
		)
	)
];
const deploymentNames: Names = (s) => [
	...new Set(
		s.units.flatMap((u) => {
			// ReplicaSet names are the Deployment's name plus a pod-template hash.
			const rs = u.owner?.startsWith('ReplicaSet/') ? u.owner.slice('ReplicaSet/'.length) : '';
			const dash = rs.lastIndexOf('-');
			return dash > 0 ? [rs.slice(0, dash)] : [];
		})
	)
];

const RESOURCES = [
	'nodes',
	'pods',
	'deployments',
	'replicasets',
	'services',
	'endpoints',
	'endpointslices',
	'ingress',
	'events',
	'namespaces',
	'daemonsets',
	'statefulsets',
	'jobs',
	'controllerrevisions',
	'all'
];

const NAMES_OF: Record<string, Names> = {
	node: nodeNames,
	nodes: nodeNames,
	no: nodeNames,
	pod: podNames,
	pods: podNames,
	po: podNames,
	deployment: deploymentNames,
	deployments: deploymentNames,
	deploy: deploymentNames
};

export const PROGRAMS = ['kubectl', 'docker', 'sim', 'help', 'clear'];

const KUBECTL_VERBS = [
	'get',
	'describe',
	'apply',
	'create',
	'expose',
	'scale',
	'delete',
	'set',
	'rollout',
	'cordon',
	'uncordon',
	'drain',
	'taint',
	'label',
	'logs',
	'exec',
	'run',
	'patch',
	'wait',
	'version',
	'cluster-info',
	'api-resources',
	'top'
];
const DOCKER_VERBS = ['swarm', 'node', 'service', 'stack', 'build', 'push'];
const SIM_VERBS = [
	'advance',
	'time',
	'node',
	'crash',
	'unhealthy',
	'partition',
	'heal',
	'latency',
	'loss',
	'events',
	'raft',
	'traffic',
	'kube-proxy',
	'addon',
	'seed'
];

/** The words that may come next after `words` (already typed, complete words). */
function nextWords(words: readonly string[], snapshot: LabSnapshot): string[] {
	const [program, verb, third] = words;
	if (program === undefined) return PROGRAMS;
	if (program === 'kubectl') {
		if (verb === undefined) return KUBECTL_VERBS;
		if (['get', 'describe', 'delete', 'label', 'patch'].includes(verb)) {
			if (third === undefined) return RESOURCES;
			return words.length === 3 ? (NAMES_OF[third]?.(snapshot) ?? []) : [];
		}
		if (['cordon', 'uncordon', 'drain', 'taint'].includes(verb)) {
			return words.length === 2 ? nodeNames(snapshot) : [];
		}
		if (verb === 'logs' || verb === 'exec') return words.length === 2 ? podNames(snapshot) : [];
		if (verb === 'scale' || verb === 'rollout') {
			if (verb === 'rollout' && words.length === 2) {
				return ['status', 'history', 'undo', 'restart'];
			}
			const at = verb === 'rollout' ? 3 : 2;
			return words.length === at ? deploymentNames(snapshot).map((d) => `deployment/${d}`) : [];
		}
		if (verb === 'create' && words.length === 2)
			return ['deployment', 'namespace', 'configmap', 'secret'];
		return [];
	}
	if (program === 'docker') {
		if (verb === undefined) return DOCKER_VERBS;
		if (verb === 'node') {
			if (third === undefined) {
				return ['ls', 'ps', 'inspect', 'update', 'promote', 'demote', 'rm'];
			}
			return words.length === 3 ? nodeNames(snapshot) : [];
		}
		if (verb === 'service') {
			if (third === undefined) {
				return ['create', 'ls', 'ps', 'inspect', 'scale', 'update', 'rollback', 'rm', 'logs'];
			}
			return words.length === 3 && third !== 'create' && third !== 'ls'
				? serviceNames(snapshot)
				: [];
		}
		if (verb === 'swarm' && third === undefined) return ['init', 'join', 'leave'];
		if (verb === 'stack' && third === undefined) return ['deploy', 'ls', 'ps', 'services', 'rm'];
		return [];
	}
	if (program === 'sim') {
		if (verb === undefined) return SIM_VERBS;
		if (verb === 'node') {
			if (third === undefined) return ['stop', 'start', 'restart'];
			return words.length === 3 ? nodeNames(snapshot) : [];
		}
		if (verb === 'crash' || verb === 'unhealthy') {
			// A Kubernetes lab crashes pods, a swarm lab tasks (their `service.slot` names).
			if (third === undefined) return [snapshot.flavor === 'swarm' ? 'task' : 'pod'];
			return words.length === 3 ? [...new Set(podNames(snapshot))] : [];
		}
		if (verb === 'traffic' && third === undefined) {
			return ['stop', ...(snapshot.flavor === 'swarm' ? serviceNames(snapshot) : [])];
		}
		return [];
	}
	return [];
}

export interface Completion {
	/** The line with its last word completed as far as every candidate agrees. */
	line: string;
	/** Every candidate for the last word (shown when there are several). */
	candidates: string[];
}

/** Completes the last word of `line`; undefined when nothing fits. */
export function complete(line: string, snapshot: LabSnapshot): Completion | undefined {
	// Only simple lines: a quote or an escape means the learner is typing something we should not guess.
	if (/["'\\]/.test(line)) return undefined;
	const words = line.split(/\s+/).filter((w) => w !== '');
	const endsWithSpace = line === '' || /\s$/.test(line);
	const partial = endsWithSpace ? '' : (words.pop() ?? '');
	// Flags are skipped when finding the position; they are not completed.
	if (partial.startsWith('-')) return undefined;
	const candidates = nextWords(
		words.filter((w) => !w.startsWith('-')),
		snapshot
	).filter((w) => w.startsWith(partial));
	if (candidates.length === 0) return undefined;
	let common = candidates[0]!;
	for (const c of candidates) {
		while (!c.startsWith(common)) common = common.slice(0, -1);
	}
	const head = line.slice(0, line.length - partial.length);
	const done = candidates.length === 1;
	return { line: head + (done ? common + ' ' : common), candidates };
}
