/**
 * Image pulls, by the container's imagePullPolicy: time by size over the node's bandwidth, one
 * at a time per node (queued), the image on the node once its pull is done. A reference the
 * registries refuse fails after a round trip (ErrImagePull), then waits with the image back-off
 * (ImagePullBackOff) and tries again (facts.md §1.2).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { labRegistry, type LabRegistry } from '../../registry/lab-registry';
import { resolveImage, type Resolution } from '../../registry/registries';
import {
	CONTAINER_START_MS,
	IMAGE_RESOLVE_MS,
	POD_SYNC_MS,
	PRESENT_IMAGE_PULL_MS,
	PULL_BYTES_PER_MS
} from '../defaults';
import { imageTag } from '../../manifests/defaults';
import { formatGoDuration } from '../../commands/durations';
import { imageBytes } from '../images';
import { podName } from '../pods';
import type { ApiChannel } from './api-channel';
import { programFor } from './container-program';
import { nextContainerPhase } from './container.machine';
import { imagePullDelay } from './crash-backoff';
import { allSpecs, initCount, isRegularInit } from './init-containers';
import type { PullTime, Ref, RunView, RuntimeState } from './runtime-state';
import { ensureSandboxIp } from './settled-pods';
import { setContainer } from './shared-containers';

/** Queue entry kind: the pod's images are on the node and its containers are created. */
export const PULLED = 'runtime.started';

/** Queue entry kind: one container's image pull is done (PullDone). */
const PULL_DONE = 'runtime.pulldone';

/** A pull queued on the node's puller, for its Pulled event: the container, image and times. */
interface PullDone extends Ref, PullTime {
	name: string;
	image: string;
}

/**
 * Resolutions that do not depend on the lab's registry, by image: those of every image not in
 * it (a public registry's, an unknown host's, an invalid reference). Parsing a reference is a
 * regular expression, and a big cluster's kubelets pull for every pod.
 */
const PURE = new Map<string, Resolution>();

/** `resolveImage(image, lab)`, kept when the lab's registry was not asked. */
function resolve(image: string, lab: LabRegistry): Resolution {
	const known = PURE.get(image);
	if (known !== undefined) return known;
	let asked = false;
	const resolution = resolveImage(image, {
		has: (key) => {
			asked = true;
			return lab.has(key);
		}
	});
	if (!asked) {
		// Bounded: a lab uses a handful of images, unless somebody makes thousands.
		if (PURE.size >= 1024) PURE.clear();
		PURE.set(image, resolution);
	}
	return resolution;
}

export class ImagePulls {
	constructor(
		private readonly kernel: Kernel,
		private readonly state: RuntimeState,
		private readonly channel: ApiChannel,
		private readonly nodeIndex: (node: string) => number
	) {
		kernel.on('runtime.pull', (a) => this.pull(a as Ref));
		kernel.on('runtime.pullfailed', (a) => this.pullFailed(a as Ref));
		kernel.on('runtime.pullbackoff', (a) => this.pullBackOff(a as Ref));
		kernel.on(PULL_DONE, (a) => this.pullDone(a as PullDone));
	}

	/** Pulls the pod's images (what the node lacks), or fails for references nobody serves. */
	pull(ref: Ref): void {
		const found = this.channel.current(ref);
		if (found === undefined || found.run.phase !== 'starting') return;
		const { pod, run } = found;
		const lab = labRegistry(this.kernel);
		// Every image is checked now; only the first to start is pulled now (the first init
		// container's, else the app containers'): the others when their turn comes
		// (./init-containers, ./init-sequence).
		const specs = allSpecs(pod);
		const first = initCount(pod) === 0 ? specs : specs.slice(0, 1);
		let ok = true;
		let fromLab = false;
		for (const c of specs) {
			const image = c.image ?? '';
			if (!resolve(image, lab).ok) ok = false;
			if (!PURE.has(image)) fromLab = true;
		}
		if (ok) {
			// An image built in the lab runs its Dockerfile's ENTRYPOINT/CMD, known once pulled.
			// (Any other image has no config there: the list stays as it is.)
			if (fromLab)
				run.containers = run.containers.map((rc, i) => {
					const config = lab.configOf(rc.image);
					const spec = specs[i];
					return config === undefined || spec === undefined
						? rc
						: { ...rc, program: programFor(spec, config, isRegularInit(pod, i)) };
				});
			let wait = 0;
			for (const c of first) {
				const present = this.state.hasImage(run, c.image ?? '', this.kernel.now);
				if (shouldPull(c, present))
					wait = Math.max(wait, askPull(this.kernel, this.state, this.channel, pod, run, c));
				else if (present) this.channel.alreadyPresent(pod, run, c.name, c.image);
				// Never and not on the node: its start fails with ErrImageNeverPull
				// (./container-lifecycle.ts).
			}
			this.kernel.after(wait + CONTAINER_START_MS, PULLED, ref);
			return;
		}
		// The image manager announces every attempt, the ones that will fail too (kubelet
		// images/image_manager.go EnsureImageExists: `Pulling image %q`, then the pull).
		for (const c of specs) {
			if (resolve(c.image ?? '', lab).ok) continue;
			this.channel.pulling(pod, run, c.name, c.image);
		}
		this.kernel.after(IMAGE_RESOLVE_MS, 'runtime.pullfailed', ref);
	}

	/** A queued pull is done: the image manager's Pulled event, when the pull returns. */
	private pullDone(done: PullDone): void {
		const found = this.channel.current(done);
		if (found === undefined) return;
		const message = pulledMessage(this.kernel, done.image, done);
		this.channel.event(found.pod, found.run, done.name, 'Normal', 'Pulled', message);
	}

	private pullFailed(ref: Ref): void {
		const found = this.channel.current(ref);
		if (found === undefined || found.run.phase !== 'starting') return;
		const { pod, run } = found;
		run.pullAttempts += 1;
		allSpecs(pod).forEach((c, i) => {
			const r = resolveImage(c.image ?? '', labRegistry(this.kernel));
			if (r.ok) return;
			const failed = `Failed to pull image ${JSON.stringify(c.image)}: ${r.message}`;
			const c0 = run.containers[i]!;
			const state = nextContainerPhase(c0.state, { type: 'PULL_FAILED' });
			setContainer(run, i, { ...c0, state, message: failed });
			this.channel.event(pod, run, c.name, 'Warning', 'Failed', failed);
			this.channel.event(pod, run, c.name, 'Warning', 'Failed', 'Error: ErrImagePull');
			this.kernel.emit(
				'image.pullfailed',
				`pod/${podName(pod)}`,
				`Failed to pull image ${JSON.stringify(c.image)}: ${r.reason === 'not-found' ? 'not found' : r.reason}.`
			);
		});
		ensureSandboxIp(this.state, run, pod, this.nodeIndex);
		this.channel.write(pod, run);
		this.kernel.after(POD_SYNC_MS, 'runtime.pullbackoff', ref);
		this.kernel.after(imagePullDelay(run.pullAttempts), 'runtime.pull', ref);
	}

	private pullBackOff(ref: Ref): void {
		const found = this.channel.current(ref);
		if (found === undefined || found.run.phase !== 'starting') return;
		const { pod, run } = found;
		run.containers = run.containers.map((c) => {
			if (c.state !== 'pullerror') return c;
			const backOff = `Back-off pulling image ${JSON.stringify(c.image)}`;
			this.channel.event(pod, run, c.name, 'Normal', 'BackOff', backOff);
			this.channel.event(pod, run, c.name, 'Warning', 'Failed', 'Error: ImagePullBackOff');
			return { ...c, state: nextContainerPhase(c.state, { type: 'BACK_OFF' }), message: backOff };
		});
		this.channel.write(pod, run);
	}
}

/**
 * Whether the kubelet pulls a container's image (images/image_manager.go shouldPullImage):
 * always under `Always` — the default for `:latest` or no tag (manifests/defaults.ts), so such
 * a container never finds its image "already present" — under `IfNotPresent` when the node
 * lacks it, and never under `Never` (a missing image is then ErrImageNeverPull).
 */
export function shouldPull(c: Container, present: boolean): boolean {
	const policy =
		c.imagePullPolicy ?? (imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent');
	if (policy === 'Never') return false;
	return policy === 'Always' || !present;
}

/**
 * The Pulled event's message (images/image_manager.go EnsureImageExists, v1.33+): the pull's
 * own time, then the time since it was asked for, the queue on the node's puller included.
 */
function pulledMessage(kernel: Kernel, image: string, time: PullTime): string {
	const own = formatGoDuration(time.ms);
	const total = formatGoDuration(time.total);
	return `Successfully pulled image ${JSON.stringify(image)} in ${own} (${total} including waiting). Image size: ${imageBytes(image, labRegistry(kernel))} bytes.`;
}

/**
 * The image manager pulling container `spec`'s image for the run (EnsureImageExists): `Pulling
 * image` now, the pull queued on the node's serial puller (RuntimeState.queuePull), `Pulled` when
 * it is done. Returns the time until then.
 */
export function askPull(
	kernel: Kernel,
	state: RuntimeState,
	channel: ApiChannel,
	pod: Pod,
	run: RunView,
	spec: Container
): number {
	const image = spec.image ?? '';
	channel.pulling(pod, run, spec.name, image);
	const fetchMs = Math.round(imageBytes(image, labRegistry(kernel)) / PULL_BYTES_PER_MS);
	const time = state.queuePull(run, image, kernel.now, fetchMs, PRESENT_IMAGE_PULL_MS);
	// Fields named rather than spread: the same object, without copying another's properties.
	const done: PullDone = {
		slot: run.slot,
		gen: run.gen,
		name: spec.name,
		image,
		ms: time.ms,
		total: time.total
	};
	kernel.after(time.total, PULL_DONE, done);
	return time.total;
}
