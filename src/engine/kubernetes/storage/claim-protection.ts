/**
 * Storage object in-use protection for claims (pkg/controller/volume/pvcprotection): a claim
 * carries the `kubernetes.io/pvc-protection` finalizer, so deleting it while a pod still uses
 * it only marks it (STATUS `Terminating`); the claim goes once no pod that is not finished
 * mounts it any more.
 */
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { rfc3339 } from '../../core/time';
import type { ApiServer } from '../api/api-server';
import { PODS, PVCS } from '../api/collections';
import { PVC_PROTECTION_FINALIZER } from './claims';

/** Pods of the namespace that are not finished and mount the claim. */
export function claimUsers(api: ApiServer, namespace: string, claim: string): Pod[] {
	return api
		.list<Pod>(PODS, namespace)
		.filter(
			(p) =>
				p.status?.phase !== 'Succeeded' &&
				p.status?.phase !== 'Failed' &&
				(p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim)
		);
}

/** `kubectl delete pvc`: gone at once when unused, otherwise Terminating until it is. */
export function requestClaimDeletion(
	kernel: Kernel,
	api: ApiServer,
	ns: string,
	name: string
): void {
	const claim = api.get<PersistentVolumeClaim>(PVCS, ns, name);
	if (claim === undefined || claim.metadata?.deletionTimestamp !== undefined) return;
	const protectedNow =
		(claim.metadata?.finalizers ?? []).includes(PVC_PROTECTION_FINALIZER) &&
		claimUsers(api, ns, name).length > 0;
	if (!protectedNow) {
		api.remove(PVCS, ns, name);
		kernel.emit(
			'object.deleted',
			`persistentvolumeclaim/${name}`,
			`PersistentVolumeClaim ${name} deleted.`
		);
		return;
	}
	api.update<PersistentVolumeClaim>(PVCS, {
		...claim,
		metadata: {
			...claim.metadata,
			deletionTimestamp: rfc3339(kernel.now),
			deletionGracePeriodSeconds: 0
		}
	});
	kernel.emit(
		'pvc.terminating',
		`persistentvolumeclaim/${name}`,
		`PersistentVolumeClaim ${name} is terminating: a pod still uses it.`
	);
}

/** The pvc-protection controller: releases Terminating claims that no pod uses any more. */
export function releaseUnusedClaims(kernel: Kernel, api: ApiServer, namespace: string): void {
	for (const claim of api.list<PersistentVolumeClaim>(PVCS, namespace)) {
		if (claim.metadata?.deletionTimestamp === undefined) continue;
		if (claimUsers(api, namespace, claim.metadata!.name!).length > 0) continue;
		api.remove(PVCS, namespace, claim.metadata!.name!);
		kernel.emit(
			'object.deleted',
			`persistentvolumeclaim/${claim.metadata!.name}`,
			`PersistentVolumeClaim ${claim.metadata!.name} deleted.`
		);
	}
}
