/**
 * What becomes of a bound volume once its claim is gone (pv_controller.go syncVolume: the claim
 * was deleted → phase Released, then reclaimVolume by persistentVolumeReclaimPolicy):
 * - Retain: nothing more; the volume stays Released, still naming its old claim, until an
 *   administrator deletes it or clears spec.claimRef.
 * - Delete: deleteVolumeOperation asks the volume's plugin to delete the storage, then deletes
 *   the PersistentVolume. Of the in-tree plugins only hostPath can delete, and only under /tmp
 *   (pkg/volume/hostpath/host_path.go hostPathDeleter.Delete); any other source has no deleter
 *   (VolumePluginMgr.FindDeletablePluginBySpec), so the volume turns Failed with a
 *   VolumeFailedDelete warning (updateVolumePhaseWithEvent) — no CSI driver runs on a bare
 *   kubeadm cluster either.
 * - Recycle (deprecated): the recycler pod is not simulated; the volume stays Released.
 */
import type { PersistentVolume } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/api-server';
import { PVS } from '../api/collections';

const SOURCE = 'persistentvolume-controller';

/** Why the volume's storage cannot be deleted, or undefined when its plugin can delete it. */
export function deleteFailure(pv: PersistentVolume): string | undefined {
	const path = pv.spec?.hostPath?.path;
	if (path !== undefined)
		return /\/tmp\/.+/.test(path)
			? undefined
			: `host_path deleter only supports /tmp/.+ but received provided ${path}`;
	return `error getting deleter volume plugin for volume ${JSON.stringify(pv.metadata?.name)}: no deletable volume plugin matched`;
}

function withPhase(pv: PersistentVolume, phase: string, message?: string): PersistentVolume {
	const status = { ...pv.status, phase };
	if (message === undefined) delete status.message;
	else status.message = message;
	return { ...pv, status };
}

/** Releases and reclaims a volume whose claim was deleted. Returns the volume to delete, if any. */
export function reclaimVolume(api: ApiServer, pv: PersistentVolume): string | undefined {
	const name = pv.metadata!.name!;
	const released = api.update<PersistentVolume>(PVS, withPhase(pv, 'Released'));
	if (released.spec?.persistentVolumeReclaimPolicy !== 'Delete') return undefined;
	const failure = deleteFailure(released);
	if (failure === undefined) return name;
	api.update<PersistentVolume>(PVS, withPhase(released, 'Failed', failure));
	api.events.record(
		{ kind: 'PersistentVolume', name, uid: pv.metadata?.uid, apiVersion: 'v1' },
		{ type: 'Warning', reason: 'VolumeFailedDelete', message: failure, source: SOURCE }
	);
	return undefined;
}
