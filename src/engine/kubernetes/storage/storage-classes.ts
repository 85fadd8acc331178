/**
 * StorageClasses as the cluster's storage components read them: where they live, which one is
 * the default (pkg/apis/storage/util/helpers.go IsDefaultAnnotation: the
 * `storageclass.kubernetes.io/is-default-class` annotation, or its beta twin, set to "true";
 * volume/util GetDefaultClass: the newest such class, then the first by name), and what the
 * PersistentVolume controller says about a claim naming a class it cannot bind
 * (pkg/controller/volume/persistentvolume/pv_controller.go): kubeadm runs no provisioner, so an
 * Immediate class waits on its external provisioner forever (ExternalProvisioning) and a
 * WaitForFirstConsumer class waits for a pod (WaitForFirstConsumer).
 */
import type { StorageClass } from 'kubernetes-types/storage/v1';

/** Same key apply.ts collectionFor derives from the registry (`group/version/resource`). */
export const STORAGECLASSES = 'storage.k8s.io/v1/storageclasses';

const DEFAULT_ANNOTATIONS = [
	'storageclass.kubernetes.io/is-default-class',
	'storageclass.beta.kubernetes.io/is-default-class'
];

export function isDefaultClass(sc: StorageClass): boolean {
	return DEFAULT_ANNOTATIONS.some((a) => sc.metadata?.annotations?.[a] === 'true');
}

/** GetDefaultClass: the most recently created default class, ties broken by name. */
export function defaultClassOf(classes: readonly StorageClass[]): string | undefined {
	let best: StorageClass | undefined;
	for (const sc of classes) {
		if (!isDefaultClass(sc)) continue;
		const t = sc.metadata?.creationTimestamp ?? '';
		const bt = best?.metadata?.creationTimestamp ?? '';
		const name = sc.metadata?.name ?? '';
		if (best === undefined || t > bt || (t === bt && name < (best.metadata?.name ?? ''))) best = sc;
	}
	return best?.metadata?.name;
}

/** The annotations provisionClaimOperationExternal sets on a claim an external provisioner owns. */
export const PROVISIONER_ANNOTATIONS = [
	'volume.beta.kubernetes.io/storage-provisioner',
	'volume.kubernetes.io/storage-provisioner'
];

/**
 * The controller's event for an unbound claim of an existing class with no matching volume
 * (syncUnboundClaim): a delayed-binding class waits for a pod (emitEventForUnboundDelayBindingClaim);
 * a `kubernetes.io/` provisioner names an in-tree plugin, and none is left that provisions
 * (findProvisionablePlugin: "no volume plugin matched name"); any other names an external
 * provisioner, which nobody runs on a kubeadm cluster.
 */
export function waitingForClass(sc: StorageClass): {
	type: 'Normal' | 'Warning';
	reason: string;
	message: string;
	external?: string;
} {
	if (sc.volumeBindingMode === 'WaitForFirstConsumer')
		return {
			type: 'Normal',
			reason: 'WaitForFirstConsumer',
			message: 'waiting for first consumer to be created before binding'
		};
	if (sc.provisioner.startsWith('kubernetes.io/'))
		return {
			type: 'Warning',
			reason: 'ProvisioningFailed',
			message: `no volume plugin matched name: ${sc.provisioner}`
		};
	return {
		type: 'Normal',
		external: sc.provisioner,
		reason: 'ExternalProvisioning',
		message:
			`Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' ` +
			'or manually by the system administrator. If volume creation is delayed, please verify ' +
			'that the provisioner is running and correctly registered.'
	};
}
