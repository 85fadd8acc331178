/**
 * The PersistentVolume controller (pkg/controller/volume/persistentvolume/pv_controller.go):
 * - syncVolume: a new volume turns Available; a bound volume whose claim is deleted is
 *   Released and reclaimed (./volume-reclaim.ts); a Terminating volume that is not Bound any
 *   more loses its pv-protection finalizer and goes (./volume-protection.ts).
 * - syncUnboundClaim: a claim naming a volume (spec.volumeName) binds to it if it fits
 *   (VolumeMismatch event otherwise); any other claim binds to the best Available volume
 *   (./volume-matching.ts) — `bind` sets the volume's claimRef and phase Bound, the claim's
 *   volumeName, phase Bound, capacity and access modes, and the `pv.kubernetes.io/
 *   bind-completed` and `bound-by-controller` annotations. With no volume to bind, a claim
 *   without a class gets `FailedBinding: no persistent volumes available for this claim and no
 *   storage class is set`, a claim naming a missing class `ProvisioningFailed: storageclass.
 *   storage.k8s.io "<name>" not found`, a claim of an existing class the class's waiting event
 *   (./storage-classes.ts; a WaitForFirstConsumer class is never bound here), each repeated on
 *   every periodic resync (--pvclaimbinder-sync-period, 15 s), which is how `kubectl describe
 *   pvc` shows `(x42 over 10m)`. A volume made after its claim is found on the next resync.
 * It also releases claims deleted while in use once their last pod is gone (./claim-protection).
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { Component, Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { PODS, PVCS, PVS } from '../api/collections';
import { PV_CLAIM_BINDER_SYNC_PERIOD_MS } from '../defaults';
import { isBound } from './claims';
import { releaseUnusedClaims } from './claim-protection';
import { findBestMatch, isVolumeBoundToClaim, volumeMismatch } from './volume-matching';
import { reclaimVolume } from './volume-reclaim';
import { releaseUnprotectedVolume } from './volume-protection';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import {
	defaultClassOf,
	PROVISIONER_ANNOTATIONS,
	STORAGECLASSES,
	waitingForClass
} from './storage-classes';

const SOURCE = 'persistentvolume-controller';
/** storagehelpers.AnnBoundByController and AnnBindCompleted. */
const BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
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
			else if (e.type === 'DELETED') this.claimGone(e.object);
			this.keepTicking();
		});
		kernel.store.watch<PersistentVolume>(PVS, (e) => {
			if (e.type !== 'DELETED') this.syncVolume(e.object);
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
		if (claim.spec?.volumeName) {
			this.syncPreboundClaim(claim, claim.spec.volumeName, ref);
			return;
		}
		// IsDelayBindingMode: the scheduler, not this controller, binds such claims.
		if (storageClass?.volumeBindingMode !== 'WaitForFirstConsumer') {
			const volume = findBestMatch(this.api.list<PersistentVolume>(PVS), claim);
			if (volume !== undefined) {
				this.bind(volume, claim);
				return;
			}
		}
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
	 * A claim that names its volume: it waits while the volume does not exist, binds when the
	 * volume is free and fits or is already meant for it, and says why not otherwise.
	 */
	private syncPreboundClaim(
		claim: PersistentVolumeClaim,
		volumeName: string,
		ref: Parameters<ApiServer['events']['record']>[0]
	): void {
		const volume = this.api.get<PersistentVolume>(PVS, '', volumeName);
		if (volume === undefined) return;
		if (volume.spec?.claimRef === undefined) {
			const mismatch = volumeMismatch(volume, claim);
			if (mismatch === undefined) this.bind(volume, claim);
			else
				this.api.events.record(ref, {
					type: 'Warning',
					reason: 'VolumeMismatch',
					message: `Cannot bind to requested volume ${JSON.stringify(volumeName)}: ${mismatch}`,
					source: SOURCE
				});
		} else if (isVolumeBoundToClaim(volume, claim)) this.bind(volume, claim);
		else if (claim.metadata?.annotations?.[BOUND_BY_CONTROLLER] === undefined)
			this.api.events.record(ref, {
				type: 'Warning',
				reason: 'FailedBinding',
				message: `volume ${JSON.stringify(volumeName)} already bound to a different claim.`,
				source: SOURCE
			});
	}

	/**
	 * bind: bindVolumeToClaim, updateVolumePhase(Bound), bindClaimToVolume,
	 * updateClaimStatus(Bound). `bound-by-controller` marks what the controller chose rather
	 * than the user (a volume without claimRef, a claim without volumeName).
	 */
	private bind(volume: PersistentVolume, claim: PersistentVolumeClaim): void {
		const meta = claim.metadata!;
		const volumeAnnotations = { ...volume.metadata?.annotations };
		if (volume.spec?.claimRef === undefined) volumeAnnotations[BOUND_BY_CONTROLLER] = 'yes';
		this.api.update<PersistentVolume>(PVS, {
			...volume,
			metadata: { ...volume.metadata, annotations: volumeAnnotations },
			spec: {
				...volume.spec,
				claimRef: {
					kind: 'PersistentVolumeClaim',
					namespace: meta.namespace ?? 'default',
					name: meta.name,
					uid: meta.uid,
					apiVersion: 'v1',
					resourceVersion: meta.resourceVersion
				}
			},
			status: { ...volume.status, phase: 'Bound' }
		});
		const claimAnnotations: Record<string, string> = {
			...meta.annotations,
			[BIND_COMPLETED]: 'yes'
		};
		if (!claim.spec?.volumeName) claimAnnotations[BOUND_BY_CONTROLLER] = 'yes';
		this.api.update<PersistentVolumeClaim>(PVCS, {
			...claim,
			metadata: { ...meta, annotations: claimAnnotations },
			spec: { ...claim.spec, volumeName: volume.metadata!.name },
			status: {
				...claim.status,
				phase: 'Bound',
				accessModes: [...(volume.spec?.accessModes ?? [])],
				capacity: { ...volume.spec?.capacity }
			}
		});
	}

	/** syncVolume for a volume that is new, or whose deletion waits on its phase. */
	private syncVolume(volume: PersistentVolume): void {
		if (volume.status?.phase === 'Pending' && volume.spec?.claimRef?.uid === undefined) {
			this.api.update<PersistentVolume>(PVS, {
				...volume,
				status: { ...volume.status, phase: 'Available' }
			});
			return;
		}
		releaseUnprotectedVolume(this.kernel, this.api, volume);
	}

	/** syncVolume once a bound volume's claim is gone: Released, then reclaimed. */
	private claimGone(claim: PersistentVolumeClaim): void {
		for (const volume of this.api.list<PersistentVolume>(PVS)) {
			const ref = volume.spec?.claimRef;
			if (ref?.uid === undefined || ref.uid !== claim.metadata?.uid) continue;
			if (volume.status?.phase === 'Released' || volume.status?.phase === 'Failed') continue;
			const doomed = reclaimVolume(this.api, volume);
			if (doomed === undefined) continue;
			// deleteVolumeOperation deletes the PersistentVolume object itself; its finalizer no
			// longer holds it, the volume being Released (if it was Terminating, the pv-protection
			// half of the watch above has already removed it).
			if (this.api.get<PersistentVolume>(PVS, '', doomed) === undefined) continue;
			this.api.remove(PVS, '', doomed);
			this.kernel.emit(
				'object.deleted',
				`persistentvolume/${doomed}`,
				`PersistentVolume ${doomed} deleted.`
			);
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
