/**
 * Image pulls: time by size over the node's bandwidth, serialised, cached per node. A reference
 * the registries refuse fails after a round trip (ErrImagePull), then waits with the image
 * back-off (ImagePullBackOff) and tries again (facts.md §1.2).
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { labRegistry, type LabRegistry } from '../../registry/lab-registry';
import { resolveImage, type Resolution } from '../../registry/registries';
import { CONTAINER_START_MS, IMAGE_RESOLVE_MS, POD_SYNC_MS, PULL_BYTES_PER_MS } from '../defaults';
import { formatGoDuration } from '../../commands/durations';
import { imageBytes } from '../images';
import { podName } from '../pods';
import type { ApiChannel } from './api-channel';
import { programFor } from './container-program';
import { nextContainerPhase } from './container.machine';
import { imagePullDelay } from './crash-backoff';
import { allSpecs, initCount, isRegularInit } from './init-containers';
import type { Ref, RuntimeState } from './runtime-state';
import { setContainer } from './shared-containers';

/** Queue entry kind: the pod's images are on the node and its containers are created. */
export const PULLED = 'runtime.started';

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
		private readonly channel: ApiChannel
	) {
		kernel.on('runtime.pull', (a) => this.pull(a as Ref));
		kernel.on('runtime.pullfailed', (a) => this.pullFailed(a as Ref));
		kernel.on('runtime.pullbackoff', (a) => this.pullBackOff(a as Ref));
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
			// The run's node, read once (a view reads it from the runtime's arrays).
			const node = run.node;
			let pulled: string[] | undefined;
			let rechecked = false;
			for (const c of first) {
				const present = this.state.hasImage(node, c.image ?? '');
				if (present && !pullsAlways(c)) {
					this.channel.alreadyPresent(pod, run, c.name, c.image);
					continue;
				}
				if (present) rechecked = true;
				const image = JSON.stringify(c.image);
				this.channel.event(pod, run, c.name, 'Normal', 'Pulling', `Pulling image ${image}`);
				(pulled ??= []).push(c.name);
			}
			// Most pods find their images there: then nothing is pulled and nothing kept. An
			// image pulled Always that the node holds costs the registry's answer, no layers.
			const ms =
				pulled === undefined
					? 0
					: pullImages(this.kernel, this.state, node, first) + (rechecked ? IMAGE_RESOLVE_MS : 0);
			this.state.setPull(run.slot, pulled, ms);
			this.kernel.after(ms + CONTAINER_START_MS, PULLED, ref);
			return;
		}
		// The image manager announces every attempt, the ones that will fail too (kubelet
		// images/image_manager.go EnsureImageExists: `Pulling image %q`, then the pull).
		for (const c of specs) {
			if (resolve(c.image ?? '', lab).ok) continue;
			this.channel.event(
				pod,
				run,
				c.name,
				'Normal',
				'Pulling',
				`Pulling image ${JSON.stringify(c.image)}`
			);
		}
		this.kernel.after(IMAGE_RESOLVE_MS, 'runtime.pullfailed', ref);
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
 * Whether the kubelet pulls the container's image even when the node holds it: pull policy
 * Always, the default for `:latest` or no tag (kubelet images/image_manager.go
 * shouldPullImage: Always pulls every time a container is started).
 */
export function pullsAlways(c: Container): boolean {
	return c.imagePullPolicy === 'Always';
}

/** The Pulled event's message (kuberuntime image puller, v1.33+ wording with the image size). */
export function pulledMessage(kernel: Kernel, image: string, ms: number): string {
	const took = formatGoDuration(ms);
	return `Successfully pulled image ${JSON.stringify(image)} in ${took} (${took} including waiting). Image size: ${imageBytes(image, labRegistry(kernel))} bytes.`;
}

/** Pull time for the images the node does not have yet (pulls are serialised); it has them then. */
export function pullImages(
	kernel: Kernel,
	state: RuntimeState,
	node: string,
	specs: readonly Container[]
): number {
	let bytes = 0;
	for (const c of specs) {
		if (c.image && !state.hasImage(node, c.image)) {
			bytes += imageBytes(c.image, labRegistry(kernel));
			state.addImage(node, c.image);
		}
	}
	return Math.round(bytes / PULL_BYTES_PER_MS);
}
