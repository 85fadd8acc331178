/**
 * Which PersistentVolume a claim may bind to, as the PV controller decides it:
 * - component-helpers/storage/volume/pv_helpers.go FindMatchingVolume: a volume bound (or
 *   pre-bound) to the claim wins; otherwise an Available, unclaimed, not-terminating volume of
 *   the same class ("" matches ""), volume mode and selector, big enough, the smallest one;
 * - pkg/controller/volume/persistentvolume/index.go findByClaim: volumes are tried by access-mode
 *   set, the sets with fewest modes first, so a claim for RWO prefers a RWO volume to a RWO+RWX
 *   one (a volume's modes must contain all the claim's);
 * - pv_controller.go checkVolumeSatisfyClaim: why a volume the claim names (spec.volumeName)
 *   does not fit, in the controller's words.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { compareQuantities } from '../../manifests/quantity';
import { asSelector, selectorMatches } from '../../manifests/validate-meta';

/** v1.BetaStorageClassAnnotation: older objects name their class here, and it wins. */
const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** storagehelpers.GetPersistentVolumeClaimClass. */
export function claimClassOf(claim: PersistentVolumeClaim): string {
	return claim.metadata?.annotations?.[BETA_CLASS] ?? claim.spec?.storageClassName ?? '';
}

/** storagehelpers.GetPersistentVolumeClass. */
export function volumeClassOf(pv: PersistentVolume): string {
	return pv.metadata?.annotations?.[BETA_CLASS] ?? pv.spec?.storageClassName ?? '';
}

/** IsVolumeBoundToClaim: the claimRef names the claim (and its uid, once one is recorded). */
export function isVolumeBoundToClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
	const ref = pv.spec?.claimRef;
	if (ref === undefined) return false;
	if (ref.name !== claim.metadata?.name) return false;
	if ((ref.namespace ?? '') !== (claim.metadata?.namespace ?? 'default')) return false;
	return !ref.uid || ref.uid === claim.metadata?.uid;
}

const storageOf = (pv: PersistentVolume): string => pv.spec?.capacity?.['storage'] ?? '0';
const requestOf = (claim: PersistentVolumeClaim): string =>
	claim.spec?.resources?.requests?.['storage'] ?? '0';

/** CheckVolumeModeMismatches: both default to Filesystem. */
function modeMismatch(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
	return (pv.spec?.volumeMode ?? 'Filesystem') !== (claim.spec?.volumeMode ?? 'Filesystem');
}

/** CheckAccessModes: every mode the claim asks for is one the volume offers. */
function offersModes(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
	const offered = pv.spec?.accessModes ?? [];
	return (claim.spec?.accessModes ?? []).every((m) => offered.includes(m));
}

/** checkVolumeSatisfyClaim: undefined when the named volume fits the claim. */
export function volumeMismatch(
	pv: PersistentVolume,
	claim: PersistentVolumeClaim
): string | undefined {
	if (pv.metadata?.deletionTimestamp !== undefined)
		return `the volume is marked for deletion ${JSON.stringify(pv.metadata.name)}`;
	if (compareQuantities(storageOf(pv), requestOf(claim)) < 0) return 'requested PV is too small';
	if (volumeClassOf(pv) !== claimClassOf(claim)) return 'storageClassName does not match';
	if (modeMismatch(pv, claim)) return 'incompatible volumeMode';
	if (!offersModes(pv, claim)) return 'incompatible accessMode';
	return undefined;
}

/** findBestMatchForClaim without a node (the PV controller's call), or undefined. */
export function findBestMatch(
	volumes: readonly PersistentVolume[],
	claim: PersistentVolumeClaim
): PersistentVolume | undefined {
	const selector = claim.spec?.selector ? asSelector(claim.spec.selector) : undefined;
	let best: PersistentVolume | undefined;
	for (const pv of volumes) {
		if (!offersModes(pv, claim)) continue;
		if (compareQuantities(storageOf(pv), requestOf(claim)) < 0) continue;
		if (modeMismatch(pv, claim) || pv.metadata?.deletionTimestamp !== undefined) continue;
		if (isVolumeBoundToClaim(pv, claim)) return pv;
		if (pv.status?.phase !== 'Available' || pv.spec?.claimRef !== undefined) continue;
		if (selector !== undefined && !selectorMatches(selector, pv.metadata?.labels)) continue;
		if (volumeClassOf(pv) !== claimClassOf(claim)) continue;
		if (best === undefined || better(pv, best)) best = pv;
	}
	return best;
}

/** index.go: fewer access modes first, then the smaller volume; then by name, for a fixed order. */
function better(a: PersistentVolume, b: PersistentVolume): boolean {
	const modes = (a.spec?.accessModes ?? []).length - (b.spec?.accessModes ?? []).length;
	if (modes !== 0) return modes < 0;
	const size = compareQuantities(storageOf(a), storageOf(b));
	if (size !== 0) return size < 0;
	return (a.metadata?.name ?? '') < (b.metadata?.name ?? '');
}
