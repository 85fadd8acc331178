/**
 * The kubelet's line to the API server: the pod status it posts and the events it records,
 * both only while its node can reach the API server (a partitioned kubelet keeps running its
 * containers, but nobody hears about it).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { PODS } from '../api/collections';
import { podRef, type Involved } from '../api/events';
import type { ApiServerLocator } from '../kubelets';
import { podStatus, type PodRun } from './container-state';
import type { Ref, RunView, RuntimeState } from './runtime-state';

export class ApiChannel {
	constructor(
		private readonly kernel: Kernel,
		readonly api: ApiServer,
		private readonly locator: ApiServerLocator,
		private readonly state: RuntimeState
	) {}

	/** The pod and its run for a queue entry, or undefined when the entry is stale. */
	current(ref: Ref): { pod: Pod; run: RunView } | undefined {
		const run = this.state.get(ref.slot);
		if (run === undefined || run.gen !== ref.gen) return undefined;
		// A run's pod is in the store: its DELETED event ends the run.
		const pod = this.kernel.store.atSlot<Pod>(PODS, ref.slot);
		return pod === undefined ? undefined : { pod, run };
	}

	reachable(node: string): boolean {
		const api = this.locator.apiHost();
		return api !== undefined && this.kernel.network.connected(node, api);
	}

	/** A kubelet event about one of the pod's containers (only while the API server is reachable). */
	event(
		pod: Pod,
		run: PodRun,
		container: string,
		type: 'Normal' | 'Warning',
		reason: string,
		message: string
	): void {
		// Read once: a run view reads its node from the runtime's arrays.
		const node = run.node;
		if (!this.reachable(node)) return;
		this.api.events.record(
			isInitContainer(pod, container) ? initRef(pod, container) : podRef(pod, container),
			{ type, reason, message, source: 'kubelet', host: node },
			run
		);
	}

	/** A kubelet event about the pod itself (no container: FailedMount). */
	podEvent(
		pod: Pod,
		run: PodRun,
		type: 'Normal' | 'Warning',
		reason: string,
		message: string
	): void {
		if (!this.reachable(run.node)) return;
		const spec = { type, reason, message, source: 'kubelet', host: run.node };
		this.api.events.record(podRef(pod), spec, run);
	}

	/** The Pulled event for an image the node already has (v1.33+ wording; cli-formats.md §3.7). */
	alreadyPresent(pod: Pod, run: PodRun, container: string, image: string | undefined): void {
		this.event(pod, run, container, 'Normal', 'Pulled', imageMessage(PRESENT, image));
	}

	/**
	 * The image manager's Pulling event, as it starts a pull (images/image_manager.go
	 * EnsureImageExists: `Pulling image %q`).
	 */
	pulling(pod: Pod, run: PodRun, container: string, image: string | undefined): void {
		this.event(pod, run, container, 'Normal', 'Pulling', imageMessage(PULLING, image));
	}

	/** Posts the pod's status as the kubelet sees it now. */
	write(pod: Pod, run: RunView): void {
		if (!this.reachable(run.node)) return;
		// By the run's slot, which is the pod's in the store (no key built for the read or the write).
		const store = this.kernel.store;
		const seed = this.kernel.rng.seed;
		const latest = store.atSlot<Pod>(PODS, run.slot);
		if (latest === undefined) {
			this.api.update<Pod>(PODS, { ...pod, status: podStatus(pod, run, this.kernel.now, seed) });
			return;
		}
		const next = { ...latest, status: podStatus(latest, run, this.kernel.now, seed) };
		this.api.updateAt<Pod>(PODS, store.keysOf(PODS)[run.slot]!, next, false, latest);
	}
}

/** An event message about an image, and the one string made for each image so far. */
interface ImageMessages {
	readonly text: (quoted: string | undefined) => string;
	readonly known: Map<string | undefined, string>;
}

/**
 * An image's message, one string per image: every pod of a Deployment records one (Pulling
 * for each pod a node's serial puller queues, already present after that), and the event log
 * hashes and compares the text each time.
 */
function imageMessage(messages: ImageMessages, image: string | undefined): string {
	const known = messages.known.get(image);
	if (known !== undefined) return known;
	const message = messages.text(JSON.stringify(image));
	// Bounded: a lab uses a handful of images, unless somebody makes thousands.
	if (messages.known.size >= 1024) messages.known.clear();
	messages.known.set(image, message);
	return message;
}

const PRESENT: ImageMessages = {
	text: (quoted) =>
		`Container image ${quoted} already present on machine and can be accessed by the pod`,
	known: new Map()
};

const PULLING: ImageMessages = { text: (quoted) => `Pulling image ${quoted}`, known: new Map() };

/** Whether `name` is one of the pod's init containers (most pods have none: no search). */
function isInitContainer(pod: Pod, name: string): boolean {
	const inits = pod.spec?.initContainers;
	if (inits === undefined) return false;
	for (const c of inits) if (c.name === name) return true;
	return false;
}

/** The involved object of an init container's event: `spec.initContainers{<name>}`. */
function initRef(pod: Pod, name: string): Involved {
	let path = INIT_PATHS.get(name);
	if (path === undefined) {
		// Bounded: a cluster's few init container names, unless somebody makes thousands.
		if (INIT_PATHS.size >= 1024) INIT_PATHS.clear();
		INIT_PATHS.set(name, (path = `spec.initContainers{${name}}`));
	}
	return { ...podRef(pod), fieldPath: path };
}

const INIT_PATHS = new Map<string, string>();
