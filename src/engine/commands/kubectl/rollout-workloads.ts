/**
 * `kubectl rollout status|history|undo` for DaemonSets and StatefulSets, whose history
 * is their ControllerRevisions (kubernetes/kubectl pkg/polymorphichelpers: rollout_status.go
 * DaemonSetStatusViewer / StatefulSetStatusViewer, history.go printHistory, rollback.go
 * DaemonSetRollbacker / StatefulSetRollbacker); restart is ./rollout-pause's.
 */
import type { DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { KUBECTL_DESCRIBE, tabwrite } from '../tabwriter';
import { DAEMONSETS, STATEFULSETS } from '../../kubernetes/api/collections';
import { podTemplateHash } from '../../kubernetes/api/names';
import { hashOf, revisionsOf, templateOf } from '../../kubernetes/controllers/controller-revisions';
import type { StatusLine } from './rollout-watch';
import { parseGoInt } from '../go-int';
import { intFlagError } from './int-flag';

export type WorkloadTarget =
	| { kind: 'DaemonSet'; collection: typeof DAEMONSETS; object: DaemonSet }
	| { kind: 'StatefulSet'; collection: typeof STATEFULSETS; object: StatefulSet };

/** The qualified resource name kubectl prints (`daemonset.apps/x`). */
function resourceOf(kind: WorkloadTarget['kind']): string {
	return kind === 'DaemonSet' ? 'daemonset.apps' : 'statefulset.apps';
}

/** rollout_status.go DaemonSetStatusViewer.Status. */
export function daemonSetStatus(ds: DaemonSet): StatusLine {
	const name = ds.metadata!.name!;
	const s = ds.status;
	if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
		// kubectl names RollingUpdateStatefulSetStrategyType here; its value is also "RollingUpdate".
		return {
			done: true,
			text: '',
			error: 'error: rollout status is only available for RollingUpdate strategy type\n'
		};
	}
	if ((ds.metadata?.generation ?? 0) > (s?.observedGeneration ?? 0))
		return { done: false, text: 'Waiting for daemon set spec update to be observed...' };
	const desired = s?.desiredNumberScheduled ?? 0;
	const updated = s?.updatedNumberScheduled ?? 0;
	if (updated < desired) {
		return {
			done: false,
			text: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`
		};
	}
	const available = s?.numberAvailable ?? 0;
	if (available < desired) {
		return {
			done: false,
			text: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`
		};
	}
	return { done: true, text: `daemon set "${name}" successfully rolled out` };
}

/**
 * rollout_status.go StatefulSetStatusViewer.Status. apps/v1 defaults rollingUpdate.partition to
 * 0, so a RollingUpdate set ends with the "partitioned roll out complete" line, as the real
 * kubectl prints it.
 */
export function statefulSetStatus(sts: StatefulSet): StatusLine {
	const strategy = sts.spec?.updateStrategy;
	const s = sts.status;
	if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
		return {
			done: true,
			text: '',
			error: 'error: rollout status is only available for RollingUpdate strategy type\n'
		};
	}
	if (
		(s?.observedGeneration ?? 0) === 0 ||
		(sts.metadata?.generation ?? 0) > s!.observedGeneration!
	)
		return { done: false, text: 'Waiting for statefulset spec update to be observed...' };
	const replicas = sts.spec?.replicas ?? 1;
	const ready = s?.readyReplicas ?? 0;
	if (ready < replicas)
		return { done: false, text: `Waiting for ${replicas - ready} pods to be ready...` };
	const updated = s?.updatedReplicas ?? 0;
	if (strategy?.rollingUpdate !== undefined) {
		const partition = strategy.rollingUpdate.partition;
		if (partition !== undefined && updated < replicas - partition) {
			return {
				done: false,
				text: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`
			};
		}
		return {
			done: true,
			text: `partitioned roll out complete: ${updated} new pods have been updated...`
		};
	}
	if (s?.updateRevision !== s?.currentRevision) {
		return {
			done: false,
			text: `waiting for statefulset rolling update to complete ${updated} pods at revision ${s?.updateRevision}...`
		};
	}
	return {
		done: true,
		text: `statefulset rolling update complete ${s?.currentReplicas ?? 0} pods at revision ${s?.currentRevision}...`
	};
}

/** history.go printHistory: `REVISION  CHANGE-CAUSE` from the ControllerRevisions. */
export function workloadHistory(ctx: CommandContext, target: WorkloadTarget): CommandResult {
	const all = revisionsOf(ctx.kubernetes!.apiServer, target.object);
	if (all.length === 0) return ok('No rollout history found.\n');
	const rows = all.map(
		(r) => `${r.revision}\t${r.metadata?.annotations?.['kubernetes.io/change-cause'] || '<none>'}\n`
	);
	return ok(
		`${resourceOf(target.kind)}/${target.object.metadata!.name} \n${tabwrite(['REVISION\tCHANGE-CAUSE\n', ...rows].join(''), KUBECTL_DESCRIBE)}\n`
	);
}

/**
 * rollback.go DaemonSetRollbacker / StatefulSetRollbacker: back to the revision before the
 * newest (findHistory), or to `--to-revision`; the template is patched back and the controller
 * rolls it out. The skip message names `toRevision` as given, as kubectl's does.
 */
export function workloadUndo(
	ctx: CommandContext,
	target: WorkloadTarget,
	wanted: string | undefined
): CommandResult {
	// Int64Var: strconv.ParseInt(s, 0, 64).
	const toRevision = wanted === undefined ? 0 : parseGoInt(wanted, 64);
	if (typeof toRevision === 'string')
		return fail(intFlagError(wanted!, '--to-revision', toRevision, 'rollout undo'));
	if (toRevision < 0)
		return fail(`error: unable to find specified revision ${toRevision} in history\n`);
	const history = revisionsOf(ctx.kubernetes!.apiServer, target.object);
	if (toRevision === 0 && history.length <= 1)
		return fail('error: no last revision to roll back to\n');
	const to =
		toRevision === 0
			? history[history.length - 2]!
			: history.find((r) => r.revision === toRevision);
	if (to === undefined)
		return fail(`error: unable to find specified revision ${toRevision} in history\n`);
	const object = target.object;
	const prefix = `${resourceOf(target.kind)}/${object.metadata!.name}`;
	if (podTemplateHash(object.spec!.template) === hashOf(to))
		return ok(
			`${prefix} skipped rollback (current template already matches revision ${toRevision})\n`
		);
	ctx.kubernetes!.apiServer.update(
		target.collection,
		{ ...object, spec: { ...object.spec!, template: templateOf(to) } },
		true
	);
	return ok(`${prefix} rolled back\n`, true);
}
