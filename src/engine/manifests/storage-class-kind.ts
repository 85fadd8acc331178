/**
 * StorageClass (storage.k8s.io/v1, cluster-scoped): its field schema (k8s.io/api storage/v1
 * types.go), defaulting (pkg/apis/storage/v1 defaults.go SetDefaults_StorageClass: reclaimPolicy
 * Delete, volumeBindingMode Immediate) and create/update validation
 * (pkg/apis/storage/validation/validation.go ValidateStorageClass, ValidateStorageClassUpdate).
 *
 * What the cluster does with a class is kubernetes/storage/storage-classes.ts's: kubeadm installs
 * neither a class nor a provisioner, so a claim naming one waits for the provisioner forever.
 */
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { Schema } from './schema-base';
import { arr, bool, open, str, stringMap, strings, topLevel } from './schema-base';
import type { ErrorList } from './field-errors';
import {
	invalid,
	isDNS1123Subdomain,
	isQualifiedName,
	notSupported,
	required
} from './field-errors';
import { validateObjectMeta } from './validate-meta';

export const STORAGE_CLASS_SCHEMAS: Record<'StorageClass', Schema> = {
	StorageClass: topLevel('StorageClass', 'v1', {
		allowVolumeExpansion: bool,
		allowedTopologies: arr(open('v1', 'TopologySelectorTerm')),
		mountOptions: strings,
		parameters: stringMap,
		provisioner: str(),
		reclaimPolicy: str('v1.PersistentVolumeReclaimPolicy'),
		volumeBindingMode: str('v1.VolumeBindingMode')
	})
};

/** supportedReclaimPolicy and supportedVolumeBindingModes, as sets.List() prints them (sorted). */
const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

export function defaultStorageClass(sc: StorageClass): void {
	sc.reclaimPolicy ??= 'Delete';
	sc.volumeBindingMode ??= 'Immediate';
}

export function validateStorageClass(sc: StorageClass): ErrorList {
	// ValidateClassName is NameIsDNSSubdomain.
	const errs = validateObjectMeta(sc.metadata, false, isDNS1123Subdomain);
	const provisioner = sc.provisioner ?? '';
	if (provisioner === '') errs.push(required('provisioner'));
	else
		for (const msg of isQualifiedName(provisioner.toLowerCase()))
			errs.push(invalid('provisioner', provisioner.toLowerCase(), msg));
	for (const key of Object.keys(sc.parameters ?? {}))
		if (key.length < 1) errs.push(invalid('parameters', key, 'field can not be empty.'));
	if (sc.reclaimPolicy && !RECLAIM_POLICIES.includes(sc.reclaimPolicy))
		errs.push(notSupported('reclaimPolicy', sc.reclaimPolicy, RECLAIM_POLICIES));
	if (sc.volumeBindingMode !== undefined && !BINDING_MODES.includes(sc.volumeBindingMode))
		errs.push(notSupported('volumeBindingMode', sc.volumeBindingMode, BINDING_MODES));
	return errs;
}

/**
 * ValidateStorageClassUpdate: parameters, provisioner and reclaimPolicy are Forbidden to change,
 * volumeBindingMode is immutable. Returns kubectl's whole error text, or undefined.
 */
export function storageClassChange(
	kind: string,
	name: string,
	before: object,
	after: object
): string | undefined {
	if (kind !== 'StorageClass') return undefined;
	const a = before as StorageClass;
	const b = after as StorageClass;
	const causes: string[] = [];
	if (JSON.stringify(a.parameters ?? {}) !== JSON.stringify(b.parameters ?? {}))
		causes.push('parameters: Forbidden: updates to parameters are forbidden.');
	if (a.provisioner !== b.provisioner)
		causes.push('provisioner: Forbidden: updates to provisioner are forbidden.');
	if (a.reclaimPolicy !== b.reclaimPolicy)
		causes.push('reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.');
	if (a.volumeBindingMode !== b.volumeBindingMode)
		causes.push(
			`volumeBindingMode: Invalid value: ${JSON.stringify(b.volumeBindingMode)}: field is immutable`
		);
	if (causes.length === 0) return undefined;
	const head = `The StorageClass ${JSON.stringify(name)} is invalid: `;
	if (causes.length === 1) return `${head}${causes[0]}\n`;
	return `${head}\n${causes.map((c) => `* ${c}`).join('\n')}\n`;
}
