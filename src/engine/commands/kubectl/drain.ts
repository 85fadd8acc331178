/**
 * `kubectl drain NODE` (kubectl pkg/cmd/drain, pkg/drain v1.35): cordon; run every pod on the
 * node through the drain filters (below) — refusing DaemonSet pods without
 * --ignore-daemonsets, pods with emptyDir volumes without --delete-emptydir-data and pods
 * without a controller without --force; then evict the others through the Eviction API, which
 * honours PodDisruptionBudgets: a refused eviction (429) is retried every 5 s, printing
 * `evicting pod` again; and wait until each evicted pod is gone (polled every second). The
 * lab's clock runs while it waits, as a real drain blocks the terminal.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { formatGoDuration, parseDuration } from '../durations';
import { PODS } from '../../kubernetes/api/collections';
import { evictPod } from '../../kubernetes/controllers/eviction';
import { EVICTION_RETRY_MS } from '../../kubernetes/defaults';
import { podName, podNamespace } from '../../kubernetes/pods';
import { isMirrorPod } from '../../kubernetes/system-addons/static-pods';
import { cordonNodes, nodeTargets } from './node-commands';
import { TerminalWriter } from '../terminal';
import { unknownFlag } from './errors';
import type { ApiServer } from '../../kubernetes/api/api-server';
import { DAEMONSETS } from '../../kubernetes/api/collections';
import { LAB_WAIT_LIMIT_MS } from './lab-wait';

/** waitForDelete polls every second (wait.PollImmediate(1*time.Second, …)). */
const POLL_MS = 1_000;

interface Eviction {
	pod: Pod;
	/** evicting: asking the Eviction API; waiting: evicted, waiting for the pod to go. */
	state: 'evicting' | 'waiting' | 'done';
	nextTry: number;
}

export function drain(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'ignore-daemonsets', bool: true },
		{ long: 'force', bool: true },
		{ long: 'delete-emptydir-data', bool: true },
		{ long: 'grace-period' },
		{ long: 'timeout' },
		{ long: 'selector', short: 'l' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'drain'));
	const names = nodeTargets(ctx, 'drain', parsed.args, flag(parsed.flags, 'selector'));
	if (typeof names === 'string') return fail(names);
	const timeout = flag(parsed.flags, 'timeout');
	const limit = timeout === undefined ? undefined : parseDuration(timeout);
	if (limit !== undefined && !limit.ok)
		return fail(`error: invalid argument "${timeout}" for "--timeout" flag: ${limit.error}\n`);
	// RunDrain: every node is cordoned first, then drained in turn; a node that cannot be drained
	// is reported (`continuing command...`) and the next one is drained all the same.
	const term = new TerminalWriter();
	const cordoned = cordonNodes(ctx, names, true);
	term.out(cordoned.output);
	const options: DrainOptions = {
		ignoreDaemonSets: boolFlag(parsed.flags, 'ignore-daemonsets'),
		force: boolFlag(parsed.flags, 'force'),
		deleteEmptyDirData: boolFlag(parsed.flags, 'delete-emptydir-data')
	};
	const wait =
		limit?.ok && limit.ms > 0 ? Math.min(limit.ms, LAB_WAIT_LIMIT_MS) : LAB_WAIT_LIMIT_MS;
	const failed: { name: string; failure: DrainFailure }[] = [];
	for (const name of names) {
		const failure = drainNode(ctx, name, options, wait, term);
		if (failure === undefined) {
			term.out(`node/${name} drained\n`);
			continue;
		}
		term.err(
			`error: unable to drain node "${name}" due to error: ${failure.text}, continuing command...\n`
		);
		failed.push({ name, failure });
	}
	if (failed.length === 0) return { ...term.result(true), mutates: names.length > 0 };
	term.err(`There are pending nodes to be drained:\n${failed.map((f) => ` ${f.name}\n`).join('')}`);
	// checkErr over NewAggregate(fatal): one node's error prints as its own lines; several print
	// one line each, each node's error as its Error() text.
	term.err(
		failed.length === 1
			? failed[0]!.failure.lines
			: failed.map((f) => `${f.failure.text}\n`).join('')
	);
	return { ...term.result(false), mutates: true };
}

/**
 * Why a node could not be drained: its error's text (`…` or `[…, …]`) and the lines checkErr
 * prints for it when it is the only one.
 */
interface DrainFailure {
	text: string;
	lines: string;
}

/**
 * deleteOrEvictPodsSimple: the node's pods through the filters, then evicted one by one while
 * the lab's clock runs, each evicted pod waited for; undefined once the node is empty.
 */
function drainNode(
	ctx: CommandContext,
	name: string,
	options: DrainOptions,
	wait: number,
	term: TerminalWriter
): DrainFailure | undefined {
	const api = ctx.kubernetes!.apiServer;
	const list = filterPods(api, api.pods.onNode(name), options);
	if (list.errors.length > 0) {
		const text = list.errors.length === 1 ? list.errors[0]! : `[${list.errors.join(', ')}]`;
		return { text, lines: `${list.errors.join('\n')}\n` };
	}
	if (list.warnings !== '') term.err(`Warning: ${list.warnings}\n`);
	const deadline = ctx.kernel.now + wait;
	const evictions: Eviction[] = list.pods.map((pod) => ({
		pod,
		state: 'evicting',
		nextTry: ctx.kernel.now
	}));
	const errors: string[] = [];
	const quoted = (p: Pod) =>
		`pods/${JSON.stringify(podName(p))} -n ${JSON.stringify(podNamespace(p))}`;
	for (;;) {
		const now = ctx.kernel.now;
		for (const e of evictions) {
			if (e.state !== 'evicting' || e.nextTry > now) continue;
			term.out(`evicting pod ${podNamespace(e.pod)}/${podName(e.pod)}\n`);
			if (now >= deadline) {
				errors.push(
					`error when evicting ${quoted(e.pod)}: global timeout reached: ${formatGoDuration(wait)}`
				);
				e.state = 'done';
				continue;
			}
			const r = evictPod(ctx.kernel, api, podNamespace(e.pod), podName(e.pod));
			if (r.ok) e.state = 'waiting';
			else if (r.code === 404) e.state = 'done';
			else if (r.code === 429) {
				term.err(`error when evicting ${quoted(e.pod)} (will retry after 5s): ${r.message}\n`);
				e.nextTry = now + EVICTION_RETRY_MS;
			} else {
				errors.push(`error when evicting ${quoted(e.pod)}: ${r.message}`);
				e.state = 'done';
			}
		}
		for (const e of evictions) {
			if (e.state !== 'waiting') continue;
			const current = api.get<Pod>(PODS, podNamespace(e.pod), podName(e.pod));
			if (current === undefined || current.metadata?.uid !== e.pod.metadata?.uid) {
				term.out(`pod/${podName(e.pod)} evicted\n`);
				e.state = 'done';
			} else if (now >= deadline) {
				errors.push(
					`error when waiting for pod ${JSON.stringify(podName(e.pod))} in namespace ${JSON.stringify(podNamespace(e.pod))} to terminate: global timeout reached: ${formatGoDuration(wait)}`
				);
				e.state = 'done';
			}
		}
		if (evictions.every((e) => e.state === 'done')) break;
		ctx.advance(POLL_MS);
	}
	if (errors.length === 0) return undefined;
	const all = errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
	return { text: all, lines: `${all}\n` };
}

export interface DrainOptions {
	ignoreDaemonSets: boolean;
	force: boolean;
	deleteEmptyDirData: boolean;
}

type Verdict =
	{ delete: true; warning?: string } | { delete: false; warning?: string; error?: string };

// pkg/drain/filters.go (v1.35). unmanagedFatal already starts with "cannot delete" and
// errors() adds "cannot delete %s: %s" again: the doubled text is real in v1.30–v1.35
// (cli-formats.md §4.3); the other two are not doubled.
const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

function finished(pod: Pod): boolean {
	return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/**
 * The filters in their order (makeFilters: skipDeleted, daemonSet, mirrorPod, localStorage,
 * unreplicated); the first that does not delete the pod ends its chain, and the last verdict
 * is the pod's. A finished pod is always deleted.
 */
function verdict(api: ApiServer, pod: Pod, o: DrainOptions): Verdict {
	const owner = pod.metadata?.ownerReferences?.find((r) => r.controller === true);
	let last: Verdict = { delete: true };
	if (owner?.kind === 'DaemonSet' && !finished(pod)) {
		const ds = api.get(DAEMONSETS, podNamespace(pod), owner.name);
		if (ds === undefined) {
			const missing = `daemonsets.apps ${JSON.stringify(owner.name)} not found`;
			if (!o.force) return { delete: false, error: missing };
			last = { delete: true, warning: missing };
		} else if (!o.ignoreDaemonSets) return { delete: false, error: DAEMONSET_FATAL };
		else return { delete: false, warning: DAEMONSET_WARNING };
	}
	// mirrorPodFilter: a static pod's mirror is the kubelet's to keep; drain passes it by silently.
	if (isMirrorPod(pod)) return { delete: false };
	const local = (pod.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined);
	if (local && !finished(pod)) {
		if (!o.deleteEmptyDirData) return { delete: false, error: LOCAL_STORAGE_FATAL };
		last = { delete: true, warning: LOCAL_STORAGE_WARNING };
	}
	if (owner === undefined && !finished(pod)) {
		if (!o.force) return { delete: false, error: UNMANAGED_FATAL };
		last = { delete: true, warning: UNMANAGED_WARNING };
	}
	return last;
}

export interface PodDeleteList {
	pods: Pod[];
	/** `msg: ns/pod, ns/pod; msg2: …` (PodDeleteList.Warnings), or ''. */
	warnings: string;
	/** One `cannot delete <msg>: ns/pod, …` per message (PodDeleteList.errors). */
	errors: string[];
}

/** GetPodsForDeletion. Messages keep the order in which they first appear. */
export function filterPods(api: ApiServer, pods: readonly Pod[], o: DrainOptions): PodDeleteList {
	const warnings = new Map<string, string[]>();
	const errors = new Map<string, string[]>();
	const out: Pod[] = [];
	for (const pod of pods) {
		const v = verdict(api, pod, o);
		const ref = `${podNamespace(pod)}/${podName(pod)}`;
		if (v.delete) out.push(pod);
		if (v.warning !== undefined) warnings.set(v.warning, [...(warnings.get(v.warning) ?? []), ref]);
		if (!v.delete && v.error !== undefined)
			errors.set(v.error, [...(errors.get(v.error) ?? []), ref]);
	}
	return {
		pods: out,
		warnings: [...warnings].map(([m, ps]) => `${m}: ${ps.join(', ')}`).join('; '),
		errors: [...errors].map(([m, ps]) => `cannot delete ${m}: ${ps.join(', ')}`)
	};
}
