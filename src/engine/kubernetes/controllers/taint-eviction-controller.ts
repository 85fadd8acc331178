/**
 * The taint eviction controller (pkg/controller/tainteviction): pods on a node with NoExecute
 * taints they do not tolerate are deleted at once; pods that tolerate them for
 * `tolerationSeconds` are deleted when that time has passed since the taint was added — 300 s
 * for the default not-ready/unreachable tolerations. A taint that goes away in time cancels it.
 */
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { Component, Kernel } from '../../core/kernel';
import { LAB_EPOCH_MS } from '../../core/time';
import type { ApiServer } from '../api/api-server';
import { PODS, key, splitKey } from '../api/collections';
import { NODE_MONITOR_PERIOD_MS } from '../defaults';
import type { ApiServerLocator } from '../kubelets';
import { NODES } from '../node-object';
import { requestPodDeletion } from '../pod-deletion';
import { isTerminating, podName, podNamespace } from '../pods';
import { podRef } from '../api/events';

interface Due {
	podKey: string;
	at: number;
}

/** v1helper.TolerationsTolerateTaint: operator Exists/Equal, empty key with Exists, any effect. */
export function tolerates(t: Toleration, taint: Taint): boolean {
	if (t.effect && t.effect !== taint.effect) return false;
	if (t.operator === 'Exists') return !t.key || t.key === taint.key;
	return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

/** When the pod must go, in ms of lab time: now, later, or never (undefined). */
export function evictionTime(pod: Pod, taints: readonly Taint[], now: number): number | undefined {
	let at: number | undefined;
	for (const taint of taints) {
		if (taint.effect !== 'NoExecute') continue;
		const matching = (pod.spec?.tolerations ?? []).filter((t) => tolerates(t, taint));
		if (matching.length === 0) return now;
		// The shortest tolerationSeconds among the tolerations that match wins; none: forever.
		const seconds = matching.map((t) => t.tolerationSeconds).filter((s): s is number => s != null);
		if (seconds.length === 0) continue;
		const added = taint.timeAdded ? Date.parse(taint.timeAdded) - LAB_EPOCH_MS : now;
		const t = added + Math.max(0, Math.min(...seconds)) * 1000;
		at = at === undefined ? t : Math.min(at, t);
	}
	return at;
}

function hasNoExecute(node: Node): boolean {
	return node.spec?.taints?.some((t) => t.effect === 'NoExecute') ?? false;
}

export class TaintEvictionController implements Component {
	readonly name = 'taint-eviction-controller';
	private due = new Map<string, number>();
	/**
	 * The nodes with a NoExecute taint, kept by the node watcher: every pod write is considered,
	 * and on a node without one (nearly always) nothing can be due, which this answers without
	 * reading the node. Exact while every node write so far has reached the watcher: `base`
	 * writes when it was last learnt whole, `seen` since.
	 */
	private noExecute = new Set<string>();
	private base = 0;
	private seen = 0;

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer,
		private readonly locator: ApiServerLocator
	) {
		kernel.on('taint-eviction.due', (a) => this.fire(a as Due));
		this.learnNodes();
		kernel.store.watch<Node>(NODES, (e) => {
			this.seen++;
			if (e.type !== 'DELETED' && hasNoExecute(e.object)) this.noExecute.add(e.key);
			else this.noExecute.delete(e.key);
			if (e.type === 'DELETED') return;
			for (const pod of this.api.pods.onNode(e.key)) this.consider(pod);
		});
		kernel.store.watch<Pod>(PODS, (e) => {
			if (e.type !== 'DELETED') this.consider(e.object, e.key);
		});
		kernel.register(this);
	}

	private learnNodes(): void {
		this.noExecute.clear();
		for (const node of this.kernel.store.list<Node>(NODES))
			if (hasNoExecute(node)) this.noExecute.add(node.metadata!.name!);
		this.base = this.kernel.store.writesTo(NODES);
		this.seen = 0;
	}

	/**
	 * Whether the node may have a NoExecute taint (false: surely none). While a node write is
	 * still being told to the watchers before this one, the set may be behind: then maybe.
	 */
	private mayEvictOn(nodeName: string): boolean {
		return (
			this.noExecute.has(nodeName) || this.kernel.store.writesTo(NODES) !== this.base + this.seen
		);
	}

	private consider(pod: Pod, podKey = key(podNamespace(pod), podName(pod))): void {
		const nodeName = pod.spec?.nodeName;
		if (!nodeName || isTerminating(pod) || !this.mayEvictOn(nodeName)) {
			this.due.delete(podKey);
			return;
		}
		const node = this.kernel.store.get<Node>(NODES, nodeName);
		const at = evictionTime(pod, node?.spec?.taints ?? [], this.kernel.now);
		if (at === undefined) {
			this.due.delete(podKey);
			return;
		}
		if (this.due.get(podKey) === at) return;
		this.due.set(podKey, at);
		this.kernel.at(at, 'taint-eviction.due', { podKey, at });
	}

	private fire(d: Due): void {
		if (this.due.get(d.podKey) !== d.at) return;
		if (this.locator.apiHost() === undefined) {
			// The controller runs on the control plane; it acts once that is back.
			this.kernel.after(NODE_MONITOR_PERIOD_MS, 'taint-eviction.due', d);
			return;
		}
		this.due.delete(d.podKey);
		const { namespace, name } = splitKey(d.podKey);
		const pod = this.api.get<Pod>(PODS, namespace, name);
		if (pod === undefined) return;
		this.api.events.record(podRef(pod), {
			type: 'Normal',
			reason: 'TaintManagerEviction',
			message: `Marking for deletion Pod ${namespace}/${name}`,
			source: 'taint-eviction-controller'
		});
		requestPodDeletion(
			this.kernel,
			this.api,
			pod,
			` (evicted by the taint eviction controller from ${pod.spec?.nodeName})`
		);
	}

	save(): Map<string, number> {
		return new Map(this.due);
	}

	load(state: unknown): void {
		this.due = new Map(state as Map<string, number>);
		this.learnNodes();
	}
}
