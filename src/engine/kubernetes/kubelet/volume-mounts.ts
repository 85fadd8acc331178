/**
 * The kubelet's volume manager for the volumes that can fail to set up in the lab: ConfigMap,
 * Secret and projected volumes whose object (or an `items` key) is missing (./config-refs).
 * The pod worker waits for every volume to be mounted before it creates the pod's sandbox and
 * pulls its images (kubelet.go SyncPod → volumeManager.WaitForAttachAndMount), so the pod stays
 * Pending, its containers ContainerCreating.
 *
 * Each failure is a Warning FailedMount event, `MountVolume.SetUp failed for volume "V" : <error>`
 * (operationexecutor/operation_generator.go GenerateMountVolumeFunc → GenerateError), repeated
 * by the event recorder as `(xN over …)`. The reconciler tries again after an exponential
 * back-off (MOUNT_RETRY_*), so an object created later is found at the next try. The pod worker
 * polls the mounts every POD_MOUNT_POLL_MS for at most POD_MOUNT_TIMEOUT_MS; then its sync fails
 * (with no event in v1.35: kubelet.go SyncPod records none when `wait.Interrupted(err)`) and is
 * retried after its back-off (./pod-sync). It goes on at its first poll after the mounts are done.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import {
	MOUNT_RETRY_INITIAL_MS,
	MOUNT_RETRY_MAX_MS,
	POD_MOUNT_POLL_MS,
	POD_MOUNT_TIMEOUT_MS,
	VOLUME_RECONCILER_LOOP_MS
} from '../defaults';
import { podName } from '../pods';
import type { ApiChannel } from './api-channel';
import { mountFailures } from './config-refs';
import { syncRetryMs } from './pod-sync';
import type { Ref, RunView } from './runtime-state';

/** A mount try due: the back-off that follows if it fails again. */
interface MountRef extends Ref {
	backoff: number;
}

const MOUNT = 'runtime.mount';
const MOUNTED = 'runtime.mounted';

export class VolumeMounts {
	constructor(
		private readonly kernel: Kernel,
		private readonly channel: ApiChannel,
		/** The pod's volumes are all set up: the pod worker goes on (image pulls). */
		private readonly mounted: (ref: Ref) => void
	) {
		kernel.on(MOUNT, (a) => this.retry(a as MountRef));
		kernel.on(MOUNTED, (a) => this.mounted(a as Ref));
	}

	/** The kubelet takes the pod on: its volumes are set up, or it waits for them. */
	mount(pod: Pod, run: RunView): void {
		const ref: Ref = { slot: run.slot, gen: run.gen };
		if (this.tried(pod, run, MOUNT_RETRY_INITIAL_MS)) this.mounted(ref);
	}

	private retry(ref: MountRef): void {
		const found = this.channel.current(ref);
		if (found === undefined || found.run.phase !== 'starting') return;
		if (!this.tried(found.pod, found.run, Math.min(2 * ref.backoff, MOUNT_RETRY_MAX_MS))) return;
		const wait = this.workerSees(found.run) - this.kernel.now;
		this.kernel.after(wait, MOUNTED, { slot: ref.slot, gen: ref.gen });
	}

	/**
	 * When the pod worker sees the mounts done now: at its next poll while a sync waits for
	 * them, else when its next sync begins. Its syncs follow from when it took the pod on, each
	 * waiting POD_MOUNT_TIMEOUT_MS, then its back-off.
	 */
	private workerSees(run: RunView): number {
		const now = this.kernel.now;
		const seed = this.kernel.rng.seed;
		let start = run.setUpAt;
		for (;;) {
			const timeout = start + POD_MOUNT_TIMEOUT_MS;
			if (now <= timeout) {
				const polls = Math.ceil((now - start) / POD_MOUNT_POLL_MS);
				return Math.min(start + polls * POD_MOUNT_POLL_MS, timeout);
			}
			const next = timeout + syncRetryMs(seed, run.slot, run.gen, timeout);
			if (now <= next) return next;
			start = next;
		}
	}

	/**
	 * Tries to set up the pod's volumes: true when all are; else a FailedMount event per failed
	 * volume and the next try after `backoff` (SafeToRetry: strictly after it, at the
	 * reconciler's next pass).
	 */
	private tried(pod: Pod, run: RunView, backoff: number): boolean {
		const failures = mountFailures(this.kernel.store, pod);
		if (failures.length === 0) return true;
		for (const f of failures) {
			const message = `MountVolume.SetUp failed for volume ${JSON.stringify(f.volume)} : ${f.error}`;
			this.channel.podEvent(pod, run, 'Warning', 'FailedMount', message);
			this.kernel.emit('volume.mountfailed', `pod/${podName(pod)}`, `${message}.`);
		}
		const ref: MountRef = { slot: run.slot, gen: run.gen, backoff };
		this.kernel.after(backoff + VOLUME_RECONCILER_LOOP_MS, MOUNT, ref);
		return false;
	}
}
