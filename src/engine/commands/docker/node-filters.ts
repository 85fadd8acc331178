/**
 * `docker node ls --filter` (moby daemon/cluster/filters.go newListNodesFilters; swarmkit
 * manager/controlapi/node.go ListNodes): `name` and `id` match by prefix, `role` and
 * `membership` by value, `label` the engine's labels and `node.label` the node's own.
 */
import type { SwarmNode } from '../../swarm/node-object';
import { anyOf, labelsMatch, parseFilters } from './filters';

export type NodeFilter =
	{ ok: true; keep: (node: SwarmNode) => boolean } | { ok: false; error: string };

const KEYS = ['name', 'id', 'label', 'role', 'membership', 'node.label'];

export function nodeFilter(values: readonly string[]): NodeFilter {
	const parsed = parseFilters(values, KEYS, 'docker node ls');
	if (!parsed.ok) return parsed;
	const f = parsed.filters;
	for (const r of f.get('role') ?? []) {
		if (r !== '' && !['manager', 'worker'].includes(r.toLowerCase())) {
			return { ok: false, error: `Error response from daemon: Invalid role filter: '${r}'\n` };
		}
	}
	for (const m of f.get('membership') ?? []) {
		if (m !== '' && !['accepted', 'pending'].includes(m.toLowerCase())) {
			return {
				ok: false,
				error: `Error response from daemon: Invalid membership filter: '${m}'\n`
			};
		}
	}
	const roles = (f.get('role') ?? []).filter((r) => r !== '').map((r) => r.toLowerCase());
	const memberships = (f.get('membership') ?? [])
		.filter((m) => m !== '')
		.map((m) => m.toLowerCase());
	return {
		ok: true,
		keep: (node) =>
			anyOf(f, 'name', (v) => node.Description.Hostname.startsWith(v)) &&
			anyOf(f, 'id', (v) => node.ID.startsWith(v)) &&
			(roles.length === 0 || roles.includes(node.Spec.Role)) &&
			// The lab's nodes are all accepted: a join is accepted at once (no manual approval).
			(memberships.length === 0 || memberships.includes('accepted')) &&
			// The lab's engines carry no labels of their own (daemon.json `labels`).
			labelsMatch(f, 'label', {}) &&
			labelsMatch(f, 'node.label', node.Spec.Labels)
	};
}
