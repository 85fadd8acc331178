/**
 * StorageClasses as kubectl v1.35 shows them:
 * - `kubectl get storageclasses|sc` (pkg/printers/internalversion/printers.go
 *   storageClassColumnDefinitions / printStorageClass): NAME PROVISIONER RECLAIMPOLICY
 *   VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE, the default class named `NAME (default)`;
 * - `kubectl describe sc` (kubectl pkg/describe/describe.go describeStorageClass): annotations
 *   and parameters on one line each (labels.FormatLabels), AllowVolumeExpansion `<unset>` when
 *   not given (printBoolPtr).
 */
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { Kernel } from '../../core/kernel';
import { isDefaultClass, STORAGECLASSES } from '../../kubernetes/storage/storage-classes';
import { eventsFor, writeEvents } from './describe-events';
import { DescribeWriter } from './describe-writer';
import { ageOf } from './node-printer';
import type { Printer } from './workload-printers';

export { STORAGECLASSES };

export const STORAGECLASS_PRINTER: Printer<StorageClass> = {
	columns: [
		'NAME',
		'PROVISIONER',
		'RECLAIMPOLICY',
		'VOLUMEBINDINGMODE',
		'ALLOWVOLUMEEXPANSION',
		'AGE'
	],
	wide: [],
	row: (sc, now) => [
		`${sc.metadata?.name ?? ''}${isDefaultClass(sc) ? ' (default)' : ''}`,
		sc.provisioner ?? '',
		sc.reclaimPolicy ?? 'Delete',
		sc.volumeBindingMode ?? 'Immediate',
		String(sc.allowVolumeExpansion === true),
		ageOf(sc.metadata?.creationTimestamp, now)
	]
};

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
function formatLabels(map: Readonly<Record<string, string>> | undefined): string {
	const keys = Object.keys(map ?? {}).sort();
	return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${map![k]}`).join(',');
}

export function describeStorageClass(
	kernel: Kernel,
	sc: StorageClass,
	showEvents: boolean
): string {
	const w = new DescribeWriter();
	const meta = sc.metadata ?? {};
	w.write(0, `Name:\t${meta.name}\n`);
	// storageutil.IsDefaultAnnotationText: Yes, No, or Unknown.
	w.write(0, `IsDefaultClass:\t${isDefaultClass(sc) ? 'Yes' : 'No'}\n`);
	w.write(0, `Annotations:\t${formatLabels(meta.annotations)}\n`);
	w.write(0, `Provisioner:\t${sc.provisioner}\n`);
	w.write(0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
	const expansion = sc.allowVolumeExpansion;
	w.write(
		0,
		`AllowVolumeExpansion:\t${expansion === undefined ? '<unset>' : expansion ? 'True' : 'False'}\n`
	);
	const options = sc.mountOptions ?? [];
	if (options.length === 0) w.write(0, 'MountOptions:\t<none>\n');
	else {
		w.write(0, 'MountOptions:\n');
		for (const option of options) w.write(1, `${option}\n`);
	}
	if (sc.reclaimPolicy !== undefined) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
	if (sc.volumeBindingMode !== undefined)
		w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
	const events = showEvents && eventsFor(kernel, { kind: 'StorageClass', name: meta.name ?? '' });
	writeEvents(w, events, kernel.now);
	return w.toString();
}

/** describe.ts's entry for the type. */
export const STORAGECLASS_DESCRIBER = {
	collection: STORAGECLASSES,
	describe: (kernel: Kernel, object: object, showEvents: boolean) =>
		describeStorageClass(kernel, object as StorageClass, showEvents)
};
