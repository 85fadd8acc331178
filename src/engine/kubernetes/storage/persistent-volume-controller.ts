/**
 * The PersistentVolume controller's side of an unbound claim
 * (pkg/controller/volume/persistentvolume/pv_controller.go syncUnboundClaim). The lab has no
 * PersistentVolumes and no StorageClass, so nothing ever binds: a claim without a class gets
 * `FailedBinding: no persistent volumes available for this claim and no storage class is set`,
 * a claim naming a class gets `ProvisioningFailed: storageclass.storage.k8s.io "<name>" not
 * found`, and both are repeated on every periodic resync (--pvclaimbinder-sync-period, 15 s),
 * which is how `kubectl describe pvc` shows `(x42 over 10m)`. It also releases claims deleted
 * while in use once their last pod is gone (./claim-protection).
 */
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { Component, Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { PODS, PVCS } from '../api/collections';
import { PV_CLAIM_BINDER_SYNC_PERIOD_MS } from '../defaults';
import { isBound } from './claims';
import { releaseUnusedClaims } from './claim-protection';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import {
	defaultClassOf,
	PROVISIONER_ANNOTATIONS,
	STORAGECLASSES,
	waitingForClass
} from './storage-classes';

const SOURCE = 'persistentvolume-controller';
const TICK = 'persistentvolume-controller.resync';

export class PersistentVolumeController implements Component {
	readonly name = 'persistentvolume-controller';
	/** Whether a resync is queued (saved: the queue entry itself is in the kernel's queue). */
	private ticking = false;

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer
	) {
		kernel.on(TICK, () => {
			this.ticking = false;
			this.resync();
		});
		kernel.store.watch<PersistentVolumeClaim>(PVCS, (e) => {
			if (e.type === 'ADDED') this.syncClaim(e.object);
			this.keepTicking();
		});
		// The pvc-protection controller's half: a pod that ends or goes may free a claim.
		kernel.store.watch<Pod>(PODS, (e) => {
			const gone =
				e.type === 'DELETED' ||
				e.object.status?.phase === 'Succeeded' ||
				e.object.status?.phase === 'Failed';
			if (gone && (e.object.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim))
				releaseUnusedClaims(kernel, api, e.object.metadata?.namespace ?? 'default');
		});
		kernel.register(this);
	}

	private resync(): void {
		for (const claim of this.api.list<PersistentVolumeClaim>(PVCS)) this.syncClaim(claim);
		this.keepTicking();
	}

	private keepTicking(): void {
		if (this.ticking) return;
		const unbound = this.api
			.list<PersistentVolumeClaim>(PVCS)
			.some((c) => !isBound(c) && c.metadata?.deletionTimestamp === undefined);
		if (!unbound) return;
		this.ticking = true;
		this.kernel.after(PV_CLAIM_BINDER_SYNC_PERIOD_MS, TICK);
	}

	private syncClaim(claim: PersistentVolumeClaim): void {
		if (isBound(claim) || claim.metadata?.deletionTimestamp !== undefined) return;
		claim = this.withDefaultClass(claim);
		const className = claim.spec?.storageClassName;
		const storageClass = className
			? this.kernel.store.get<StorageClass>(STORAGECLASSES, className)
			: undefined;
		const ref = {
			kind: 'PersistentVolumeClaim',
			name: claim.metadata!.name!,
			namespace: claim.metadata!.namespace,
			uid: claim.metadata!.uid,
			apiVersion: 'v1'
		};
		if (storageClass !== undefined) {
			// ./storage-classes.ts: no provisioner runs, so the claim waits.
			const { external, ...event } = waitingForClass(storageClass);
			if (external !== undefined) this.markProvisioner(claim, external);
			this.api.events.record(ref, { ...event, source: SOURCE });
		} else if (className) {
			this.api.events.record(ref, {
				type: 'Warning',
				reason: 'ProvisioningFailed',
				message: `storageclass.storage.k8s.io ${JSON.stringify(className)} not found`,
				source: SOURCE
			});
		} else {
			this.api.events.record(ref, {
				type: 'Normal',
				reason: 'FailedBinding',
				message: 'no persistent volumes available for this claim and no storage class is set',
				source: SOURCE
			});
		}
	}

	/**
	 * Retroactive default StorageClass assignment (GA in v1.28): an unbound claim whose
	 * storageClassName is unset (not "") gets the default class once there is one.
	 */
	private withDefaultClass(claim: PersistentVolumeClaim): PersistentVolumeClaim {
		if (claim.spec?.storageClassName !== undefined) return claim;
		const name = defaultClassOf(this.kernel.store.list<StorageClass>(STORAGECLASSES));
		if (name === undefined) return claim;
		return this.api.update<PersistentVolumeClaim>(PVCS, {
			...claim,
			spec: { ...claim.spec, storageClassName: name }
		});
	}

	/** setClaimProvisioner: the claim names the external provisioner it waits for. */
	private markProvisioner(claim: PersistentVolumeClaim, provisioner: string): void {
		const annotations = claim.metadata?.annotations ?? {};
		if (PROVISIONER_ANNOTATIONS.every((a) => annotations[a] === provisioner)) return;
		const marked = { ...annotations };
		for (const a of PROVISIONER_ANNOTATIONS) marked[a] = provisioner;
		this.api.update<PersistentVolumeClaim>(PVCS, {
			...claim,
			metadata: { ...claim.metadata, annotations: marked }
		});
	}

	save(): boolean {
		return this.ticking;
	}

	load(state: unknown): void {
		this.ticking = state === true;
	}
}
