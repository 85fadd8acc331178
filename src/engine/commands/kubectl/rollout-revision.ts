/**
 * `kubectl rollout history KIND/NAME --revision=N` (kubectl pkg/cmd/rollout/rollout_history.go
 * and pkg/polymorphichelpers/history.go): `<kind>/<name> with revision #N`, then the pod
 * template of that revision as DescribePodTemplate writes it through a bare prefixWriter (no
 * tabwriter, so the tabs stay), then an empty line. A Deployment's revisions are its
 * ReplicaSets (their template keeps the pod-template-hash label, and a change-cause annotation
 * is copied onto it); a DaemonSet's or StatefulSet's are its ControllerRevisions.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { REPLICASETS } from '../../kubernetes/api/collections';
import { controllerOf } from '../../kubernetes/pods';
import { revisionsOf, templateOf } from '../../kubernetes/controllers/controller-revisions';
import { writePodTemplate } from './describe-containers';
import { DescribeWriter } from './describe-writer';
import type { WorkloadTarget } from './rollout-workloads';
import { REVISION_ANNOTATION } from '../../kubernetes/defaults';
import { parseGoInt } from '../go-int';
import { intFlagError } from './int-flag';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** `--revision`'s value: a non-negative int64 (pflag's Int64, then Validate). */
export function parseRevision(text: string | undefined): number | string {
	if (text === undefined) return 0;
	const n = parseGoInt(text, 64);
	if (typeof n === 'string') return intFlagError(text, '--revision', n, 'rollout history');
	if (n < 0) return `error: revision must be a positive integer: ${n}\n`;
	return n;
}

function templateText(template: PodTemplateSpec): string {
	const w = new DescribeWriter();
	writePodTemplate(w, template);
	return w.unaligned();
}

function print(
	prefix: string,
	revision: number,
	template: PodTemplateSpec | undefined,
	none: boolean
): CommandResult {
	const body = none ? 'No rollout history found.' : templateText(template!);
	return ok(`${prefix} with revision #${revision}\n${body}\n`);
}

export function deploymentRevision(
	ctx: CommandContext,
	d: Deployment,
	revision: number
): CommandResult {
	const sets = ctx
		.kubernetes!.apiServer.list<ReplicaSet>(REPLICASETS, d.metadata!.namespace)
		.filter((rs) => controllerOf(rs) === d.metadata!.uid);
	const prefix = `deployment.apps/${d.metadata!.name}`;
	if (sets.length === 0) return print(prefix, revision, undefined, true);
	const rs = sets.find(
		(r) => Number(r.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0) === revision
	);
	if (rs === undefined) return fail('error: unable to find the specified revision\n');
	const template = rs.spec!.template!;
	const cause = rs.metadata?.annotations?.[CHANGE_CAUSE];
	const annotations = {
		...template.metadata?.annotations,
		...(cause ? { [CHANGE_CAUSE]: cause } : {})
	};
	return print(
		prefix,
		revision,
		{ ...template, metadata: { ...template.metadata, annotations } },
		false
	);
}

export function workloadRevision(
	ctx: CommandContext,
	target: WorkloadTarget,
	revision: number
): CommandResult {
	const history = revisionsOf(ctx.kubernetes!.apiServer, target.object);
	const group = target.kind === 'DaemonSet' ? 'daemonset.apps' : 'statefulset.apps';
	const prefix = `${group}/${target.object.metadata!.name}`;
	if (history.length === 0) return print(prefix, revision, undefined, true);
	const r = history.find((h) => h.revision === revision);
	if (r === undefined) return fail('error: unable to find the specified revision\n');
	return print(prefix, revision, templateOf(r), false);
}
