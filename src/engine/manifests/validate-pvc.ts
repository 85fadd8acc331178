/**
 * A PersistentVolumeClaim sent on its own (not from a StatefulSet's claim templates): core/v1
 * SetDefaults_PersistentVolumeClaim (phase Pending) and SetDefaults_PersistentVolumeClaimSpec
 * (volumeMode Filesystem), and pkg/apis/core/validation ValidatePersistentVolumeClaimSpec's
 * checks of the two fields every claim needs: its access modes and its storage request.
 *
 * What happens next is storage/persistent-volume-controller.ts's: kubeadm installs no
 * StorageClass and no provisioner, so the claim stays Pending with FailedBinding events.
 */
import type { PersistentVolumeClaim, PersistentVolumeClaimStatus } from 'kubernetes-types/core/v1';
import type { ErrorList } from './field-errors';
import { invalid, isDNS1123Subdomain, notSupported, required } from './field-errors';
import { validateObjectMeta } from './validate-meta';
import { compareQuantities, parseQuantity } from './quantity';

/** supportedAccessModes, as the error lists them (sets.List: sorted). */
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/** storageobjectinuseprotection admission: every new claim carries this finalizer. */
const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';

export function defaultClaim(claim: PersistentVolumeClaim): void {
	const spec = (claim.spec ??= {});
	spec.volumeMode ||= 'Filesystem';
	const meta = (claim.metadata ??= {});
	const finalizers = meta.finalizers ?? [];
	if (!finalizers.includes(PVC_PROTECTION_FINALIZER))
		meta.finalizers = [...finalizers, PVC_PROTECTION_FINALIZER];
	const mutable = claim as { status?: PersistentVolumeClaimStatus };
	mutable.status = { phase: 'Pending' };
}

export function validateClaim(claim: PersistentVolumeClaim, namespaced: boolean): ErrorList {
	const errs = validateObjectMeta(claim.metadata, namespaced, isDNS1123Subdomain);
	const spec = claim.spec ?? {};
	const modes = spec.accessModes ?? [];
	if (modes.length === 0)
		errs.push(required('spec.accessModes', 'at least 1 access mode is required'));
	for (const mode of modes)
		if (!ACCESS_MODES.includes(mode))
			errs.push(notSupported('spec.accessModes', mode, ACCESS_MODES));
	const storage = spec.resources?.requests?.storage;
	if (storage === undefined) errs.push(required('spec.resources[storage]'));
	else if (!('error' in parseQuantity(storage)) && compareQuantities(storage, '0') <= 0)
		// ValidatePositiveQuantityValue.
		errs.push(invalid('spec.resources[storage]', storage, 'must be greater than zero'));
	return errs;
}
