/**
 * PersistentVolumes as kubectl v1.35 shows them:
 * - `kubectl get pv` (pkg/printers/internalversion/printers.go persistentVolumeColumnDefinitions
 *   / printPersistentVolume): NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM
 *   STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE, and VOLUMEMODE with -o wide; STATUS is
 *   `Terminating` once a deletion is pending, CLAIM `namespace/name`, an unset attributes class
 *   or volume mode `<unset>`;
 * - `kubectl describe pv` (kubectl pkg/describe/describe.go describePersistentVolume,
 *   printVolumeNodeAffinity and the print…VolumeSource helpers for the sources people write by
 *   hand: hostPath, local, nfs).
 */
import type { PersistentVolume, PersistentVolumeSpec } from 'kubernetes-types/core/v1';
import type { NodeSelectorRequirement } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { PVS } from '../../kubernetes/api/collections';
import { volumeClassOf } from '../../kubernetes/storage/volume-matching';
import { quantityText } from '../../manifests/quantity';
import { accessModesString } from './describe-claims';
import { eventsFor, writeEvents } from './describe-events';
import { DescribeWriter, writeAnnotations, writeLabels } from './describe-writer';
import { ageOf } from './node-printer';
import type { Printer } from './workload-printers';

export { PVS };

/** Quantity.String() of the storage capacity ("0" when there is none). */
function capacityOf(pv: PersistentVolume): string {
	const text = pv.spec?.capacity?.['storage'];
	return text === undefined ? '0' : quantityText(text);
}

function claimOf(pv: PersistentVolume): string {
	const ref = pv.spec?.claimRef;
	return ref === undefined ? '' : `${ref.namespace ?? ''}/${ref.name ?? ''}`;
}

export const PV_PRINTER: Printer<PersistentVolume> = {
	columns: [
		'NAME',
		'CAPACITY',
		'ACCESS MODES',
		'RECLAIM POLICY',
		'STATUS',
		'CLAIM',
		'STORAGECLASS',
		'VOLUMEATTRIBUTESCLASS',
		'REASON',
		'AGE'
	],
	wide: ['VOLUMEMODE'],
	row(pv, now, wide) {
		const row = [
			pv.metadata?.name ?? '',
			capacityOf(pv),
			accessModesString(pv.spec?.accessModes),
			pv.spec?.persistentVolumeReclaimPolicy ?? '',
			pv.metadata?.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
			claimOf(pv),
			volumeClassOf(pv),
			pv.spec?.volumeAttributesClassName ?? '<unset>',
			pv.status?.reason ?? '',
			ageOf(pv.metadata?.creationTimestamp, now)
		];
		if (wide) row.push(pv.spec?.volumeMode ?? '<unset>');
		return row;
	}
};

/** printNodeSelectorTermsMultilineWithIndent: `key op [v1, v2]`, one requirement a line. */
function writeTerm(w: DescribeWriter, i: number, reqs: readonly NodeSelectorRequirement[]): void {
	w.write(2, `Term ${i}:\t`);
	if (reqs.length === 0) {
		w.write(0, '<none>\n');
		return;
	}
	reqs.forEach((req, j) => {
		if (j !== 0) w.write(2, '\t');
		const values = req.values ?? [];
		const expr = `${req.key} ${req.operator.toLowerCase()}`;
		w.write(0, `${values.length > 0 ? `${expr} [${values.join(', ')}]` : expr}\n`);
	});
}

function writeNodeAffinity(w: DescribeWriter, spec: PersistentVolumeSpec | undefined): void {
	const required = spec?.nodeAffinity?.required;
	if (required === undefined) {
		w.write(0, 'Node Affinity:\t<none>\n');
		return;
	}
	w.write(0, 'Node Affinity:\t\n');
	const terms = required.nodeSelectorTerms ?? [];
	w.write(1, `Required Terms:\t${terms.length === 0 ? '<none>' : ''}\n`);
	terms.forEach((term, i) => writeTerm(w, i, term.matchExpressions ?? []));
}

/** The print…VolumeSource helpers: LEVEL_2 for the first line, four spaces for the rest. */
function writeSource(w: DescribeWriter, spec: PersistentVolumeSpec | undefined): void {
	if (spec?.hostPath) {
		w.write(2, 'Type:\tHostPath (bare host directory volume)\n');
		w.write(2, `Path:\t${spec.hostPath.path}\n`);
		w.write(2, `HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
	} else if (spec?.nfs) {
		w.write(2, 'Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n');
		w.write(2, `Server:\t${spec.nfs.server}\n`);
		w.write(2, `Path:\t${spec.nfs.path}\n`);
		w.write(2, `ReadOnly:\t${spec.nfs.readOnly === true}\n`);
	} else if (spec?.local) {
		w.write(2, 'Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n');
		w.write(2, `Path:\t${spec.local.path}\n`);
	} else w.write(1, '<unknown>\n');
}

export function describePersistentVolume(
	kernel: Kernel,
	pv: PersistentVolume,
	showEvents: boolean
): string {
	const w = new DescribeWriter();
	const meta = pv.metadata ?? {};
	w.write(0, `Name:\t${meta.name}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	// Go's %v of a string slice.
	w.write(0, `Finalizers:\t[${(meta.finalizers ?? []).join(' ')}]\n`);
	w.write(0, `StorageClass:\t${volumeClassOf(pv)}\n`);
	if (meta.deletionTimestamp !== undefined)
		w.write(0, `Status:\tTerminating (lasts ${ageOf(meta.deletionTimestamp, kernel.now)})\n`);
	else w.write(0, `Status:\t${pv.status?.phase ?? ''}\n`);
	w.write(0, `Claim:\t${claimOf(pv)}\n`);
	w.write(0, `Reclaim Policy:\t${pv.spec?.persistentVolumeReclaimPolicy ?? ''}\n`);
	w.write(0, `Access Modes:\t${accessModesString(pv.spec?.accessModes)}\n`);
	if (pv.spec?.volumeMode !== undefined) w.write(0, `VolumeMode:\t${pv.spec.volumeMode}\n`);
	w.write(0, `Capacity:\t${capacityOf(pv)}\n`);
	writeNodeAffinity(w, pv.spec);
	w.write(0, `Message:\t${pv.status?.message ?? ''}\n`);
	w.write(0, 'Source:\n');
	writeSource(w, pv.spec);
	const events =
		showEvents &&
		eventsFor(kernel, { kind: 'PersistentVolume', name: meta.name ?? '', uid: meta.uid });
	writeEvents(w, events, kernel.now);
	return w.toString();
}

/** describe.ts's entry for the type. */
export const PV_DESCRIBER = {
	collection: PVS,
	describe: (kernel: Kernel, object: object, showEvents: boolean) =>
		describePersistentVolume(kernel, object as PersistentVolume, showEvents)
};
