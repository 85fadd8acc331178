/**
 * `kubectl drain NODE` (pkg/drain, cmd/drain): cordon, refuse or warn about pods it must not
 * simply delete, evict the rest through the eviction API — which honours PodDisruptionBudgets,
 * retrying every 5 s — and wait until they are gone. The lab's clock runs while it waits, as a
 * real drain blocks the terminal.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { formatGoDuration, parseDuration } from '../durations';
import { requestPodDeletion } from '../../kubernetes/pod-deletion';
import { isReady, podName, podNamespace, selectorMatches } from '../../kubernetes/pods';
import { resolveIntOrPercent } from '../../kubernetes/controllers/int-or-percent';
import { PODS } from '../../kubernetes/api/collections';
import { collectionFor } from './apply';
import { cordon } from './node-commands';
import { notFound, unknownFlag } from './errors';

/** pkg/drain: a refused eviction is tried again after 5 s. */
const EVICTION_RETRY_MS = 5_000;
/** The lab stops waiting after this long at most (kubectl's --timeout defaults to forever). */
const MAX_WAIT_MS = 10 * 60_000;

export function drain(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'ignore-daemonsets', bool: true },
		{ long: 'force', bool: true },
		{ long: 'delete-emptydir-data', bool: true },
		{ long: 'grace-period' },
		{ long: 'timeout' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'drain'));
	const [name, ...extra] = parsed.args;
	if (name === undefined || extra.length > 0)
		return fail("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
	const api = ctx.kubernetes!.apiServer;
	if (ctx.kubernetes!.node(name) === undefined) return fail(notFound('nodes', name));
	let out = cordon(ctx, [name], true).output;
	const pods = api.pods
		.onNode(name)
		.filter(
			(p) =>
				!p.metadata?.deletionTimestamp &&
				p.status?.phase !== 'Succeeded' &&
				p.status?.phase !== 'Failed'
		);
	const list = (ps: Pod[]) => ps.map((p) => `${podNamespace(p)}/${podName(p)}`).join(', ');
	const owner = (p: Pod) => p.metadata?.ownerReferences?.find((r) => r.controller === true);
	const daemon = pods.filter((p) => owner(p)?.kind === 'DaemonSet');
	const bare = pods.filter((p) => owner(p) === undefined);
	const local = pods.filter(
		(p) => (p.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined) && !daemon.includes(p)
	);
	const fatal: string[] = [];
	const warn: string[] = [];
	if (daemon.length > 0) {
		if (boolFlag(parsed.flags, 'ignore-daemonsets'))
			warn.push(`ignoring DaemonSet-managed Pods: ${list(daemon)}`);
		else
			fatal.push(
				`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${list(daemon)}`
			);
	}
	if (bare.length > 0) {
		if (boolFlag(parsed.flags, 'force'))
			warn.push(`deleting Pods that declare no controller: ${list(bare)}`);
		else
			fatal.push(
				`cannot delete Pods that declare no controller (use --force to override): ${list(bare)}`
			);
	}
	if (local.length > 0) {
		if (boolFlag(parsed.flags, 'delete-emptydir-data'))
			warn.push(`deleting Pods with local storage: ${list(local)}`);
		else
			fatal.push(
				`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${list(local)}`
			);
	}
	if (fatal.length > 0) {
		// v1.30–v1.35 print "cannot delete" twice (cli-formats.md §4.3).
		const errs = fatal.map((f) => `cannot delete ${f}`);
		const first = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
		const error = `error: unable to drain node "${name}" due to error: ${first}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${errs.join('\n')}\n`;
		return { ok: false, output: out, error, mutates: true };
	}
	const timeout = flag(parsed.flags, 'timeout');
	const limit = timeout === undefined ? undefined : parseDuration(timeout);
	if (limit !== undefined && !limit.ok)
		return fail(`error: invalid argument "${timeout}" for "--timeout" flag: ${limit.error}\n`);
	let stderr = warn.length > 0 ? `Warning: ${warn.join('; ')}\n` : '';
	const toEvict = pods.filter((p) => !daemon.includes(p));
	const pending = new Map(toEvict.map((p) => [`${podNamespace(p)}/${podName(p)}`, p]));
	const evicted = new Set<string>();
	const wait = limit?.ok && limit.ms > 0 ? Math.min(limit.ms, MAX_WAIT_MS) : MAX_WAIT_MS;
	const deadline = ctx.kernel.now + wait;
	let nextTry = ctx.kernel.now;
	while ((pending.size > 0 || evicted.size > 0) && ctx.kernel.now < deadline) {
		if (ctx.kernel.now >= nextTry) {
			for (const [key, pod] of pending) {
				out += `evicting pod ${key}\n`;
				const current = api.get<Pod>(PODS, podNamespace(pod), podName(pod));
				if (current === undefined) {
					pending.delete(key);
					evicted.add(key);
					continue;
				}
				if (!evictionAllowed(ctx, current)) {
					stderr += `error when evicting pods/"${podName(pod)}" -n "${podNamespace(pod)}" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
					continue;
				}
				requestPodDeletion(ctx.kernel, api, current, ' (evicted by kubectl drain)');
				pending.delete(key);
				evicted.add(key);
			}
			nextTry = ctx.kernel.now + EVICTION_RETRY_MS;
		}
		ctx.advance(1_000);
		for (const key of [...evicted]) {
			const [ns, pod] = key.split('/') as [string, string];
			if (api.get<Pod>(PODS, ns, pod) === undefined) {
				out += `pod/${pod} evicted\n`;
				evicted.delete(key);
			}
		}
	}
	if (pending.size > 0 || evicted.size > 0) {
		const error = `error: unable to drain node "${name}" due to error: global timeout reached: ${formatGoDuration(wait)}, continuing command...\nThere are pending nodes to be drained:\n ${name}\nerror: global timeout reached: ${formatGoDuration(wait)}\n`;
		return { ok: false, output: out, error: stderr + error, mutates: true };
	}
	out += `node/${name} drained\n`;
	return { ok: true, output: out, ...(stderr ? { error: stderr } : {}), mutates: true };
}

/** The eviction API's PodDisruptionBudget check (disruptionsAllowed > 0 for every matching PDB). */
function evictionAllowed(ctx: CommandContext, pod: Pod): boolean {
	const api = ctx.kubernetes!.apiServer;
	const ns = podNamespace(pod);
	const pdbs = api.list<PodDisruptionBudget>(collectionFor('PodDisruptionBudget')!, ns);
	for (const pdb of pdbs) {
		if (!selectorMatches(pdb.spec?.selector, pod.metadata?.labels)) continue;
		const matching = api
			.list<Pod>(PODS, ns)
			.filter(
				(p) =>
					!p.metadata?.deletionTimestamp && selectorMatches(pdb.spec?.selector, p.metadata?.labels)
			);
		const healthy = matching.filter(isReady).length;
		const expected = matching.length;
		const desired =
			pdb.spec?.minAvailable !== undefined
				? resolveIntOrPercent(pdb.spec.minAvailable, expected, true)
				: expected - resolveIntOrPercent(pdb.spec?.maxUnavailable ?? 0, expected, true);
		if (healthy - desired <= 0) return false;
	}
	return true;
}
