/**
 * `kubectl describe daemonset` and `kubectl describe statefulset` (kubectl pkg/describe/
 * describe.go describeDaemonSet, describeStatefulSet, describeVolumeClaimTemplates): the
 * controller's counts, its pods by phase (getPodStatusForController), the pod template, then
 * events.
 */
import type { DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { DAEMONSETS, PODS, STATEFULSETS } from '../../kubernetes/api/collections';
import { controllerOf, formatSelector } from '../../kubernetes/pods';
import { writePodTemplate } from './describe-containers';
import { eventsFor, writeEvents } from './describe-events';
import { DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './describe-writer';
import { claimClass } from './describe-claims';

export function describeDaemonSet(kernel: Kernel, ds: DaemonSet, showEvents = true): string {
	const w = new DescribeWriter();
	const meta = ds.metadata!;
	const status = ds.status;
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Namespace:\t${meta.namespace ?? 'default'}\n`);
	w.write(0, `Selector:\t${formatSelector(ds.spec?.selector)}\n`);
	w.write(0, `Node-Selector:\t${formatLabels(ds.spec?.template.spec?.nodeSelector)}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	// These five have no tab: kubectl prints them as they are, outside the aligned block.
	w.write(0, `Desired Number of Nodes Scheduled: ${status?.desiredNumberScheduled ?? 0}\n`);
	w.write(0, `Current Number of Nodes Scheduled: ${status?.currentNumberScheduled ?? 0}\n`);
	w.write(
		0,
		`Number of Nodes Scheduled with Up-to-date Pods: ${status?.updatedNumberScheduled ?? 0}\n`
	);
	w.write(0, `Number of Nodes Scheduled with Available Pods: ${status?.numberAvailable ?? 0}\n`);
	w.write(0, `Number of Nodes Misscheduled: ${status?.numberMisscheduled ?? 0}\n`);
	w.write(0, `Pods Status:\t${podStatusCounts(kernel, meta.uid)}\n`);
	writePodTemplate(w, ds.spec?.template);
	writeEvents(
		w,
		showEvents &&
			eventsFor(kernel, {
				kind: 'DaemonSet',
				name: meta.name!,
				namespace: meta.namespace,
				uid: meta.uid
			}),
		kernel.now
	);
	return w.toString();
}

export function describeStatefulSet(kernel: Kernel, sts: StatefulSet, showEvents = true): string {
	const w = new DescribeWriter();
	const meta = sts.metadata!;
	const spec = sts.spec;
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Namespace:\t${meta.namespace ?? 'default'}\n`);
	w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
	w.write(0, `Selector:\t${formatSelector(spec?.selector)}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	w.write(0, `Replicas:\t${spec?.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`);
	const strategy = spec?.updateStrategy;
	const type = strategy?.type ?? 'RollingUpdate';
	w.write(0, `Update Strategy:\t${type}\n`);
	// apps/v1 SetDefaults_StatefulSet: a RollingUpdate strategy gets rollingUpdate.partition 0.
	const rolling =
		strategy?.rollingUpdate ?? (type === 'RollingUpdate' ? { partition: 0 } : undefined);
	if (rolling?.partition !== undefined) {
		w.write(1, `Partition:\t${rolling.partition}\n`);
		if (rolling.maxUnavailable !== undefined)
			w.write(1, `MaxUnavailable:\t${rolling.maxUnavailable}\n`);
	}
	w.write(0, `Pods Status:\t${podStatusCounts(kernel, meta.uid)}\n`);
	writePodTemplate(w, spec?.template);
	writeVolumeClaimTemplates(w, spec?.volumeClaimTemplates);
	writeEvents(
		w,
		showEvents &&
			eventsFor(kernel, {
				kind: 'StatefulSet',
				name: meta.name!,
				namespace: meta.namespace,
				uid: meta.uid
			}),
		kernel.now
	);
	return w.toString();
}

/**
 * describeVolumeClaimTemplates. Labels and annotations both print as `k=v`
 * (printLabelsMultilineWithIndent with a two-space indent), and the access modes as Go prints
 * a slice: `[ReadWriteOnce]`.
 */
function writeVolumeClaimTemplates(
	w: DescribeWriter,
	templates: readonly PersistentVolumeClaim[] | undefined
): void {
	if ((templates ?? []).length === 0) {
		w.write(0, 'Volume Claims:\t<none>\n');
		return;
	}
	w.write(0, 'Volume Claims:\n');
	for (const pvc of templates!) {
		w.write(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
		w.write(1, `StorageClass:\t${claimClass(pvc)}\n`);
		writeIndentedLabels(w, 'Labels', pvc.metadata?.labels);
		writeIndentedLabels(w, 'Annotations', pvc.metadata?.annotations);
		w.write(1, `Capacity:\t${pvc.spec?.resources?.requests?.storage ?? '<default>'}\n`);
		w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
	}
}

/** printLabelsMultilineWithIndent(w, "  ", title, "\t", …): continuation lines start "  \t". */
function writeIndentedLabels(
	w: DescribeWriter,
	title: string,
	labels: Readonly<Record<string, string>> | undefined
): void {
	const keys = Object.keys(labels ?? {}).sort();
	w.write(1, `${title}:\t`);
	if (keys.length === 0) {
		w.write(0, '<none>\n');
		return;
	}
	keys.forEach((k, i) => w.write(i === 0 ? 0 : 1, `${i === 0 ? '' : '\t'}${k}=${labels![k]}\n`));
}

/**
 * getPodStatusForController: the pods the object controls, counted by phase, as
 * `1 Running / 0 Waiting / 0 Succeeded / 0 Failed`.
 */
export function podStatusCounts(kernel: Kernel, uid: string | undefined): string {
	const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
	if (uid !== undefined) {
		for (const pod of kernel.store.list<Pod>(PODS)) {
			if (controllerOf(pod) !== uid) continue;
			const phase = pod.status?.phase ?? 'Pending';
			if (phase in counts) counts[phase as keyof typeof counts]++;
		}
	}
	return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
	const keys = Object.keys(labels ?? {}).sort();
	return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** describe.ts registry entries. */
export const DAEMONSET_DESCRIBER = {
	collection: DAEMONSETS,
	describe: (kernel: Kernel, object: object, showEvents: boolean) =>
		describeDaemonSet(kernel, object as DaemonSet, showEvents)
};

export const STATEFULSET_DESCRIBER = {
	collection: STATEFULSETS,
	describe: (kernel: Kernel, object: object, showEvents: boolean) =>
		describeStatefulSet(kernel, object as StatefulSet, showEvents)
};
