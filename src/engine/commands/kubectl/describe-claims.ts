/**
 * `kubectl describe persistentvolumeclaim` (kubectl pkg/describe/describe.go
 * describePersistentVolumeClaim, printPersistentVolumeClaim, getPodsForPVC): the claim's class,
 * status and volume, what it was given once bound, the pods that use it, its conditions and
 * events.
 */
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { PODS, PVCS } from '../../kubernetes/api/collections';
import { eventsFor, writeEvents } from './describe-events';
import {
	DescribeWriter,
	rfc1123z,
	writeAnnotations,
	writeLabels,
	writeList
} from './describe-writer';
import { ageOf } from './node-printer';

/** The class annotation older claims carry (v1.BetaStorageClassAnnotation). */
const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** storageutil.GetPersistentVolumeClaimClass: the beta annotation first, then the spec field. */
export function claimClass(pvc: PersistentVolumeClaim): string {
	return pvc.metadata?.annotations?.[BETA_CLASS_ANNOTATION] ?? pvc.spec?.storageClassName ?? '';
}

/** storageutil.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, each once. */
export function accessModesString(modes: readonly string[] | undefined): string {
	const abbreviations: [string, string][] = [
		['ReadWriteOnce', 'RWO'],
		['ReadOnlyMany', 'ROX'],
		['ReadWriteMany', 'RWX'],
		['ReadWriteOncePod', 'RWOP']
	];
	return abbreviations
		.filter(([mode]) => (modes ?? []).includes(mode))
		.map(([, short]) => short)
		.join(',');
}

export function describeClaim(
	kernel: Kernel,
	pvc: PersistentVolumeClaim,
	showEvents = true
): string {
	const w = new DescribeWriter();
	const meta = pvc.metadata!;
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Namespace:\t${meta.namespace ?? 'default'}\n`);
	w.write(0, `StorageClass:\t${claimClass(pvc)}\n`);
	if (meta.deletionTimestamp !== undefined)
		w.write(0, `Status:\tTerminating (lasts ${ageOf(meta.deletionTimestamp, kernel.now)})\n`);
	else w.write(0, `Status:\t${pvc.status?.phase ?? ''}\n`);
	const volume = pvc.spec?.volumeName ?? '';
	w.write(0, `Volume:\t${volume}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	// Go's %v of a string slice: `[kubernetes.io/pvc-protection]`, `[]` when there is none.
	w.write(0, `Finalizers:\t[${(meta.finalizers ?? []).join(' ')}]\n`);
	// Capacity and access modes are the volume's, so they show only once the claim is bound.
	const bound = volume !== '';
	w.write(0, `Capacity:\t${bound ? (pvc.status?.capacity?.storage ?? '0') : ''}\n`);
	w.write(0, `Access Modes:\t${bound ? accessModesString(pvc.status?.accessModes) : ''}\n`);
	if (pvc.spec?.volumeMode !== undefined) w.write(0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
	const source = pvc.spec?.dataSource;
	if (source !== undefined) {
		w.write(0, 'DataSource:\n');
		if (source.apiGroup !== undefined) w.write(1, `APIGroup:\t${source.apiGroup}\n`);
		w.write(1, `Kind:\t${source.kind}\n`);
		w.write(1, `Name:\t${source.name}\n`);
	}
	writeList(w, 'Used By', podsUsing(kernel, pvc));
	const conditions = pvc.status?.conditions ?? [];
	if (conditions.length > 0) {
		w.write(0, 'Conditions:\n');
		w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
		w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
		for (const c of conditions)
			w.write(
				1,
				`${c.type} \t${c.status} \t${goZeroOr(c.lastProbeTime)} \t${goZeroOr(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`
			);
	}
	writeEvents(
		w,
		showEvents &&
			eventsFor(kernel, {
				kind: 'PersistentVolumeClaim',
				name: meta.name!,
				namespace: meta.namespace,
				uid: meta.uid
			}),
		kernel.now
	);
	return w.toString();
}

/** A time in RFC 1123Z, or Go's zero time as that format prints it. */
function goZeroOr(timestamp: string | undefined): string {
	return timestamp === undefined ? 'Mon, 01 Jan 0001 00:00:00 +0000' : rfc1123z(timestamp);
}

/**
 * getPodsForPVC: the namespace's pods with a volume that names the claim, and pods that own it
 * (a generic ephemeral volume's claim), by name.
 */
function podsUsing(kernel: Kernel, pvc: PersistentVolumeClaim): string[] {
	const namespace = pvc.metadata?.namespace ?? 'default';
	const owners = new Set(
		(pvc.metadata?.ownerReferences ?? []).filter((r) => r.kind === 'Pod').map((r) => r.uid)
	);
	return kernel.store
		.list<Pod>(PODS)
		.filter((pod) => (pod.metadata?.namespace ?? 'default') === namespace)
		.filter(
			(pod) =>
				(pod.spec?.volumes ?? []).some(
					(v) => v.persistentVolumeClaim?.claimName === pvc.metadata?.name
				) || owners.has(pod.metadata?.uid ?? '')
		)
		.map((pod) => pod.metadata!.name!)
		.sort();
}

/** describe.ts registry entry. */
export const CLAIM_DESCRIBER = {
	collection: PVCS,
	describe: (kernel: Kernel, object: object, showEvents: boolean) =>
		describeClaim(kernel, object as PersistentVolumeClaim, showEvents)
};
