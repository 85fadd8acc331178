/**
 * When the kubelet's pod worker syncs a pod again after a sync that failed: after backOffPeriod
 * with up to 50 % jitter (pod_workers.go completeWork: wait.Jitter(backOffPeriod, 0.5)).
 */
import { fnv1a32 } from '../../core/rng';
import { POD_SYNC_RETRY_JITTER, POD_SYNC_RETRY_MS } from '../defaults';

/**
 * The back-off after the pod's sync that failed at `at`. The draw hangs on the lab's seed, the
 * run and the time alone — no random stream to checkpoint, and the containers that failed in
 * one sync retry together, as the pod's one next sync does.
 */
export function syncRetryMs(seed: number, slot: number, gen: number, at: number): number {
	const draw = fnv1a32(`${seed}/${slot}/${gen}/${at}`) / 2 ** 32;
	return Math.round(POD_SYNC_RETRY_MS * (1 + POD_SYNC_RETRY_JITTER * draw));
}
