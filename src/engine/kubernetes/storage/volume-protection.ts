/**
 * Storage object in-use protection for volumes (pkg/controller/volume/pvprotection
 * pv_protection_controller.go): a PersistentVolume carries the `kubernetes.io/pv-protection`
 * finalizer, so deleting it while it is Bound only marks it (STATUS `Terminating`); the
 * controller removes the finalizer, and the volume goes, once it is no longer Bound
 * (isBeingUsed looks at status.phase only).
 */
import type { PersistentVolume } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { rfc3339 } from '../../core/time';
import type { ApiServer } from '../api/api-server';
import { PVS } from '../api/collections';
import { PV_PROTECTION_FINALIZER } from '../../manifests/persistent-volume-kind';

function isProtected(pv: PersistentVolume): boolean {
	return (
		(pv.metadata?.finalizers ?? []).includes(PV_PROTECTION_FINALIZER) &&
		pv.status?.phase === 'Bound'
	);
}

function removeVolume(kernel: Kernel, api: ApiServer, name: string): void {
	api.remove(PVS, '', name);
	kernel.emit('object.deleted', `persistentvolume/${name}`, `PersistentVolume ${name} deleted.`);
}

/** `kubectl delete pv`: gone at once when not Bound, otherwise Terminating until it is not. */
export function requestVolumeDeletion(kernel: Kernel, api: ApiServer, name: string): void {
	const pv = api.get<PersistentVolume>(PVS, '', name);
	if (pv === undefined || pv.metadata?.deletionTimestamp !== undefined) return;
	if (!isProtected(pv)) {
		removeVolume(kernel, api, name);
		return;
	}
	api.update<PersistentVolume>(PVS, {
		...pv,
		metadata: {
			...pv.metadata,
			deletionTimestamp: rfc3339(kernel.now),
			deletionGracePeriodSeconds: 0
		}
	});
	kernel.emit(
		'pv.terminating',
		`persistentvolume/${name}`,
		`PersistentVolume ${name} is terminating: it is bound to a claim.`
	);
}

/** The pv-protection controller's sync: a Terminating volume that is not Bound any more goes. */
export function releaseUnprotectedVolume(
	kernel: Kernel,
	api: ApiServer,
	pv: PersistentVolume
): void {
	if (pv.metadata?.deletionTimestamp === undefined || isProtected(pv)) return;
	removeVolume(kernel, api, pv.metadata!.name!);
}
