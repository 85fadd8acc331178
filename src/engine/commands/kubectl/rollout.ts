/**
 * `kubectl rollout status|history|undo|restart` (rollout_status.go, history.go, rollback.go;
 * cli-formats.md §4.4–4.5): Deployments here, DaemonSets and StatefulSets in
 * ./rollout-workloads. `status` watches as the real one does (./rollout-watch): the lab's clock
 * runs until the rollout finishes (or, for a Deployment, its progress deadline passes).
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags, type FlagValues } from '../flags';
import { KUBECTL_DESCRIBE, tabwrite } from '../tabwriter';
import { DEPLOYMENTS, REPLICASETS } from '../../kubernetes/api/collections';
import { POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION } from '../../kubernetes/defaults';
import { controllerOf } from '../../kubernetes/pods';
import { parseDuration } from '../durations';
import { unknownFlag, unknownSubcommand } from './errors';
import {
	daemonSetStatus,
	statefulSetStatus,
	workloadHistory,
	workloadUndo,
	type WorkloadTarget
} from './rollout-workloads';
import { deploymentRevision, parseRevision, workloadRevision } from './rollout-revision';
import { patchEach, refusePausedUndo } from './rollout-pause';
import {
	rolloutTargets,
	unsupportedRollout,
	type RolloutObject,
	type RolloutTarget
} from './rollout-targets';
import { checkErrors } from './check-errors';
import { splitResourceArgument } from './resource-args';
import { LAB_WAIT_LIMIT_MS } from './lab-wait';
import { watchRollout, type StatusLine, type WatchedRollout } from './rollout-watch';
import type { KubeObject } from '../../kubernetes/api/api-server';
import { contextNamespace } from './kubeconfig-state';
import { intFlag } from './int-flag';
import { NOT_COPIED } from '../../kubernetes/controllers/deployment-controller';

/** DaemonSets and StatefulSets: the same subcommands over their ControllerRevisions. */
function rolloutWorkload(
	ctx: CommandContext,
	sub: string,
	t: WorkloadTarget,
	flags: FlagValues
): CommandResult {
	if (sub === 'history') return workloadHistory(ctx, t);
	if (sub === 'undo') return workloadUndo(ctx, t, flag(flags, 'to-revision'));
	const view =
		t.kind === 'DaemonSet'
			? (o: KubeObject) => daemonSetStatus(o as DaemonSet)
			: (o: KubeObject) => statefulSetStatus(o as StatefulSet);
	return rolloutStatus(ctx, { collection: t.collection, object: t.object, view }, flags);
}

/**
 * `rollout status`: the watch of ./rollout-watch until the rollout is done, `--timeout` passes
 * or, with none (kubectl's 0, for ever), the lab's own limit. A Deployment that cannot progress
 * fails on its own once the controller marks it ProgressDeadlineExceeded, so the lab waits at
 * least a minute past that deadline before giving up.
 */
function rolloutStatus(
	ctx: CommandContext,
	target: Omit<WatchedRollout, 'watch'>,
	flags: FlagValues,
	labLimitMs = LAB_WAIT_LIMIT_MS
): CommandResult {
	const timeout = flag(flags, 'timeout');
	const limit = timeout === undefined ? undefined : parseDuration(timeout);
	if (limit !== undefined && !limit.ok)
		return fail(`error: invalid argument "${timeout}" for "--timeout" flag: ${limit.error}\n`);
	const own = limit?.ok === true && limit.ms > 0;
	const giveUp = ctx.kernel.now + (own ? limit.ms : labLimitMs);
	const watch = flag(flags, 'watch') === undefined || boolFlag(flags, 'watch');
	// Without --timeout kubectl waits until interrupted: the lab's stop is its own note.
	const stopped = own
		? undefined
		: `lab: the rollout is still not done after ${Math.round(labLimitMs / 60_000)} simulated minutes; the console stops waiting here (kubectl would wait until interrupted)\n`;
	return watchRollout(ctx, { ...target, watch }, giveUp, stopped);
}

function revisions(ctx: CommandContext, d: Deployment): ReplicaSet[] {
	return ctx
		.kubernetes!.apiServer.list<ReplicaSet>(REPLICASETS, d.metadata!.namespace)
		.filter((rs) => controllerOf(rs) === d.metadata!.uid)
		.sort((x, y) => revisionOf(x) - revisionOf(y));
}

function revisionOf(rs: ReplicaSet): number {
	return Number(rs.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0);
}

/** DeploymentStatusViewer.Status */
function statusLine(d: Deployment): StatusLine {
	const name = d.metadata!.name!;
	const s = d.status ?? {};
	const want = d.spec?.replicas ?? 1;
	if ((d.metadata?.generation ?? 0) > (s.observedGeneration ?? 0)) {
		return { done: false, text: 'Waiting for deployment spec update to be observed...' };
	}
	const progressing = s.conditions?.find((c) => c.type === 'Progressing');
	if (progressing?.reason === 'ProgressDeadlineExceeded') {
		return {
			done: false,
			text: '',
			error: `error: deployment "${name}" exceeded its progress deadline\n`
		};
	}
	const updated = s.updatedReplicas ?? 0;
	if (updated < want) {
		return {
			done: false,
			text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`
		};
	}
	if ((s.replicas ?? 0) > updated) {
		return {
			done: false,
			text: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...`
		};
	}
	if ((s.availableReplicas ?? 0) < updated) {
		return {
			done: false,
			text: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`
		};
	}
	return { done: true, text: `deployment "${name}" successfully rolled out` };
}

const ROLLOUT_SUBCOMMANDS = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];

export function rollout(ctx: CommandContext, words: readonly string[]): CommandResult {
	const [sub, ...rest] = words;
	const parsed = parseFlags(rest, [
		{ long: 'namespace', short: 'n' },
		{ long: 'to-revision' },
		{ long: 'timeout' },
		{ long: 'revision' },
		{ long: 'watch', short: 'w', bool: true },
		{ long: 'selector', short: 'l' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, `rollout ${sub ?? ''}`.trim()));
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	// rollout.go: these six are every subcommand; any other word is unknown (DefaultSubCommandRun).
	if (sub !== undefined && !sub.startsWith('-') && !ROLLOUT_SUBCOMMANDS.includes(sub))
		return fail(unknownSubcommand('rollout', [sub, ...parsed.args]));
	if (!ROLLOUT_SUBCOMMANDS.includes(sub ?? '')) {
		return fail(
			`error: "kubectl rollout ${sub ?? ''}" is not simulated in this lab yet: status, history, undo, restart, pause, resume\n`
		);
	}
	// pflag rejects a bad --revision before anything is looked up.
	const revision = parseRevision(flag(parsed.flags, 'revision'));
	if (typeof revision === 'string') return fail(revision);
	// --to-revision too (Int64Var: strconv.ParseInt(s, 0, 64)).
	const toRevision = intFlag(parsed.flags, 'to-revision', 0, `rollout ${sub}`);
	if (typeof toRevision === 'string') return fail(toRevision);
	const selector = flag(parsed.flags, 'selector');
	// rollout status: SingleResourceType, so `deployments,daemonsets` is refused before any lookup.
	const first = parsed.args[0];
	if (
		sub === 'status' &&
		first !== undefined &&
		!first.includes('/') &&
		splitResourceArgument(first).length > 1
	)
		return fail('error: you may only specify a single resource type\n');
	const targets = rolloutTargets(ctx, `rollout ${sub}`, parsed.args, namespace, selector);
	if (typeof targets === 'string') return fail(targets);
	if (sub === 'pause' || sub === 'resume' || sub === 'restart')
		return patchEach(ctx, sub, targets, namespace);
	if (sub === 'status') return statusOfOne(ctx, targets, parsed.flags);
	// history and undo visit each object in turn (ContinueOnError): the outputs in order, the
	// errors (NotFound and each object's own) gathered after them as checkErr prints them.
	let output = '';
	let changed = false;
	const errors: string[] = [];
	for (const t of targets) {
		if ('missing' in t) {
			errors.push(t.missing);
			continue;
		}
		if ('unsupported' in t) {
			errors.push(unsupportedRollout(sub ?? '', t.unsupported));
			continue;
		}
		const r =
			sub === 'history'
				? historyOf(ctx, t.object, parsed.flags, revision)
				: undoOf(ctx, t.object, parsed.flags, toRevision);
		output += r.output;
		changed ||= r.mutates === true;
		if (!r.ok) errors.push(r.error ?? '');
	}
	if (errors.length === 0) return ok(output, changed);
	return fail(checkErrors(errors), output, changed);
}

/**
 * rollout_status.go Run: the builder without ContinueOnError stops at the first missing object,
 * and the status of exactly one object is watched.
 */
function statusOfOne(
	ctx: CommandContext,
	targets: readonly RolloutTarget[],
	flags: FlagValues
): CommandResult {
	const missing = targets.find((t) => 'missing' in t);
	if (missing !== undefined && 'missing' in missing) return fail(missing.missing);
	if (targets.length !== 1)
		return fail(
			`error: rollout status is only supported on individual resources and resource collections - ${targets.length} resources were found\n`
		);
	const only = targets[0]!;
	if ('unsupported' in only) return fail(unsupportedRollout('status', only.unsupported));
	const d = (only as { object: RolloutObject }).object;
	if ('collection' in d) return rolloutWorkload(ctx, 'status', d, flags);
	const view = (o: KubeObject) => statusLine(o as Deployment);
	const pastDeadlineMs = ((d.spec?.progressDeadlineSeconds ?? 600) + 60) * 1000;
	return rolloutStatus(
		ctx,
		{ collection: DEPLOYMENTS, object: d, view },
		flags,
		Math.max(LAB_WAIT_LIMIT_MS, pastDeadlineMs)
	);
}

/** history.go: one object's revisions, or with `--revision` that revision's template. */
function historyOf(
	ctx: CommandContext,
	d: RolloutObject,
	flags: FlagValues,
	revision: number
): CommandResult {
	if (revision > 0)
		return 'collection' in d
			? workloadRevision(ctx, d, revision)
			: deploymentRevision(ctx, d, revision);
	if ('collection' in d) return rolloutWorkload(ctx, 'history', d, flags);
	const all = revisions(ctx, d);
	if (all.length === 0) return ok('No rollout history found.\n');
	const rows = all.map(
		(rs) =>
			`${revisionOf(rs)}\t${rs.metadata?.annotations?.['kubernetes.io/change-cause'] ?? '<none>'}\n`
	);
	return ok(
		`deployment.apps/${d.metadata!.name} \n${tabwrite(['REVISION\tCHANGE-CAUSE\n', ...rows].join(''), KUBECTL_DESCRIBE)}\n`
	);
}

/** rollback.go: one object back to the revision before its newest, or to `--to-revision`. */
function undoOf(
	ctx: CommandContext,
	d: RolloutObject,
	flags: FlagValues,
	toRevision: number
): CommandResult {
	if ('collection' in d) return rolloutWorkload(ctx, 'undo', d, flags);
	const refused = refusePausedUndo(d);
	if (refused !== undefined) return refused;
	const name = d.metadata!.name!;
	const all = revisions(ctx, d);
	if (all.length < 2) return fail(`error: no rollout history found for deployment "${name}"\n`);
	const to =
		toRevision === 0 ? all[all.length - 2]! : all.find((rs) => revisionOf(rs) === toRevision);
	if (to === undefined)
		return fail(`error: unable to find specified revision ${toRevision} in history\n`);
	const labels = { ...to.spec!.template!.metadata?.labels };
	delete labels[POD_TEMPLATE_HASH_LABEL];
	const template = {
		...to.spec!.template!,
		metadata: { ...to.spec!.template!.metadata, labels }
	};
	if (JSON.stringify(template) === JSON.stringify(d.spec!.template)) {
		return ok(
			`deployment.apps/${name} skipped rollback (current template already matches revision ${revisionOf(to)})\n`
		);
	}
	// The patch replaces the annotations too: the Deployment keeps only its own bookkeeping
	// ones and takes the rest (change-cause…) from the revision it goes back to.
	const annotations = rollbackAnnotations(d, to);
	ctx.kubernetes!.apiServer.update<Deployment>(
		DEPLOYMENTS,
		{ ...d, metadata: { ...d.metadata, annotations }, spec: { ...d.spec!, template } },
		true
	);
	return ok(`deployment.apps/${name} rolled back\n`, true);
}

/**
 * DeploymentRollbacker.Rollback's annotations: the Deployment keeps its own bookkeeping ones
 * (rollback.go annotationsToSkip, the controller's list) and takes the revision's others.
 */
function rollbackAnnotations(d: Deployment, to: ReplicaSet): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(d.metadata?.annotations ?? {}))
		if (NOT_COPIED.has(k)) out[k] = v;
	for (const [k, v] of Object.entries(to.metadata?.annotations ?? {}))
		if (!NOT_COPIED.has(k)) out[k] = v;
	return out;
}
