/**
 * What the kubelets' container runtime remembers between queue entries: the pods it runs, the
 * images each node holds, and the last pod IP each node handed out. Plain data, copied into and
 * out of checkpoints; the queue entries that drive it refer to pods by key and generation.
 */
import type { PodRun } from './container-state';
import { share } from './shared-containers';

/** A queue entry's pod: stale entries (an older generation of the pod's run) are ignored. */
export interface Ref {
	podKey: string;
	gen: number;
}

/** One run of one container: entries from an earlier run of it are ignored. */
export interface ContainerRef extends Ref {
	c: number;
	run: number;
}

export interface SavedRuntime {
	pods: Map<string, PodRun>;
	images: Map<string, string[]>;
	nextIp: Map<string, number>;
}

export class RuntimeState {
	pods = new Map<string, PodRun>();
	images = new Map<string, Set<string>>();
	nextIp = new Map<string, number>();

	save(): SavedRuntime {
		const images = new Map<string, string[]>();
		for (const [n, set] of this.images) images.set(n, [...set]);
		// PodRun objects are changed in place: copy them. Their containers are shared with the
		// checkpoint instead, and copied by whoever changes one later (./shared-containers).
		const pods = new Map<string, PodRun>();
		for (const [k, r] of this.pods) pods.set(k, copyRun(r));
		return { pods, images, nextIp: new Map(this.nextIp) };
	}

	load(s: SavedRuntime): void {
		this.pods = new Map();
		for (const [k, r] of s.pods) this.pods.set(k, copyRun(r));
		this.images = new Map([...s.images].map(([n, list]) => [n, new Set(list)]));
		this.nextIp = new Map(s.nextIp);
	}
}

function copyRun(r: PodRun): PodRun {
	share(r.containers);
	return { ...r };
}
