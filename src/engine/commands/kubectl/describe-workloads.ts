/**
 * `kubectl describe deployment` and `kubectl describe replicaset` (describe.go
 * describeDeployment, describeReplicaSet; cli-formats.md §3.4, §3.6).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { PODS, REPLICASETS } from '../../kubernetes/api/collections';
import { podTemplateHash } from '../../kubernetes/api/names';
import { POD_TEMPLATE_HASH_LABEL } from '../../kubernetes/defaults';
import { controllerOf, formatSelector } from '../../kubernetes/pods';
import { writePodTemplate } from './describe-containers';
import { eventsFor, writeEvents } from './describe-events';
import { DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './describe-writer';

export function describeDeployment(kernel: Kernel, d: Deployment, showEvents = true): string {
	const w = new DescribeWriter();
	const meta = d.metadata!;
	const status = d.status;
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Namespace:\t${meta.namespace ?? 'default'}\n`);
	w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	w.write(0, `Selector:\t${formatSelector(d.spec?.selector)}\n`);
	w.write(
		0,
		`Replicas:\t${d.spec?.replicas ?? 1} desired | ${status?.updatedReplicas ?? 0} updated | ${status?.replicas ?? 0} total | ${status?.availableReplicas ?? 0} available | ${status?.unavailableReplicas ?? 0} unavailable\n`
	);
	const strategy = d.spec?.strategy;
	w.write(0, `StrategyType:\t${strategy?.type ?? 'RollingUpdate'}\n`);
	w.write(0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
	if (strategy?.rollingUpdate !== undefined) {
		const ru = strategy.rollingUpdate;
		w.write(
			0,
			`RollingUpdateStrategy:\t${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge\n`
		);
	}
	writePodTemplate(w, d.spec?.template);
	writeConditions(w, status?.conditions);
	const owned = kernel.store
		.list<ReplicaSet>(REPLICASETS)
		.filter((rs) => controllerOf(rs) === meta.uid && meta.uid !== undefined)
		// findNewReplicaSet sorts the list by creation time, name as tie-breaker
		// (kubectl pkg/util/deployment replicaSetsByCreationTimestamp), and the old sets keep that order.
		.sort((a, b) => {
			const byTime =
				Date.parse(a.metadata!.creationTimestamp!) - Date.parse(b.metadata!.creationTimestamp!);
			return byTime !== 0 ? byTime : a.metadata!.name! < b.metadata!.name! ? -1 : 1;
		});
	// FindNewReplicaSet: the set whose template is the Deployment's (its pod-template-hash);
	// none while a paused Deployment holds a template change back.
	const hash = d.spec?.template === undefined ? undefined : podTemplateHash(d.spec.template);
	const newRs = owned.find((rs) => rs.metadata?.labels?.[POD_TEMPLATE_HASH_LABEL] === hash);
	if (owned.length > 0) {
		const list = (sets: ReplicaSet[]) =>
			sets.length === 0
				? '<none>'
				: sets
						.map(
							(rs) =>
								`${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`
						)
						.join(', ');
		w.write(0, `OldReplicaSets:\t${list(owned.filter((rs) => rs !== newRs))}\n`);
		w.write(0, `NewReplicaSet:\t${list(newRs === undefined ? [] : [newRs])}\n`);
	}
	writeEvents(
		w,
		showEvents &&
			eventsFor(kernel, {
				kind: 'Deployment',
				name: meta.name!,
				namespace: meta.namespace,
				uid: meta.uid
			}),
		kernel.now
	);
	return w.toString();
}

export function describeReplicaSet(kernel: Kernel, rs: ReplicaSet, showEvents = true): string {
	const w = new DescribeWriter();
	const meta = rs.metadata!;
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Namespace:\t${meta.namespace ?? 'default'}\n`);
	w.write(0, `Selector:\t${formatSelector(rs.spec?.selector)}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	const owner = meta.ownerReferences?.find((r) => r.controller === true);
	if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
	w.write(
		0,
		`Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`
	);
	// getPodStatusForController: the replica set's own pods, counted by phase.
	const pods = kernel.store
		.list<Pod>(PODS)
		.filter((p) => meta.uid !== undefined && controllerOf(p) === meta.uid);
	const count = (phase: string) =>
		pods.filter((p) => (p.status?.phase ?? 'Pending') === phase).length;
	w.write(
		0,
		`Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed\n`
	);
	writePodTemplate(w, rs.spec?.template);
	writeConditions(w, rs.status?.conditions);
	writeEvents(
		w,
		showEvents &&
			eventsFor(kernel, {
				kind: 'ReplicaSet',
				name: meta.name!,
				namespace: meta.namespace,
				uid: meta.uid
			}),
		kernel.now
	);
	return w.toString();
}

function writeConditions(
	w: DescribeWriter,
	conditions: readonly { type: string; status: string; reason?: string }[] | undefined
): void {
	if ((conditions ?? []).length === 0) return;
	w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
	w.write(1, '----\t------\t------\n');
	for (const c of conditions!) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}
