/**
 * The pod garbage collector's orphan sweep (pkg/controller/podgc/gc_controller.go gcOrphaned):
 * every gcCheckPeriod it notes the nodes that pods are bound to but that do not exist, waits
 * quarantineTime for each to show up, and then, for each pod still bound to one that is still
 * missing, marks the pod Failed with the condition DisruptionTarget (reason DeletionByPodGC,
 * "PodGC: node no longer exists") and deletes it with a grace period of 0 — no kubelet will ever
 * confirm its end. A pod created with `nodeName: no-such-node` goes 40 to 60 s later.
 *
 * The controller's loop runs every 20 s from the lab's start; the lab wakes it only at the
 * ticks when a pod is bound to a missing node (the same times, without listing every pod of a
 * big cluster every 20 s). Its other sweeps are not modelled: terminated pods past
 * --terminated-pod-gc-threshold (12,500), pods terminating on out-of-service nodes, and
 * unscheduled terminating pods (the API server deletes those at once in the lab).
 */
import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { Component, Kernel } from '../../core/kernel';
import { rfc3339 } from '../../core/time';
import type { ApiServer } from '../api/api-server';
import { PODS, splitKey } from '../api/collections';
import { POD_GC_CHECK_PERIOD_MS, POD_GC_QUARANTINE_MS } from '../defaults';
import type { ApiServerLocator } from '../kubelets';
import { NODES } from '../node-object';
import { requestPodDeletion } from '../pod-deletion';

const TICK = 'podgc.tick';

interface PodGcState {
	orphans: Map<string, string>;
	quarantine: Map<string, number>;
	nextTick: number | undefined;
}

export class PodGcController implements Component {
	readonly name = 'pod-gc-controller';
	/** Pods bound to a node that did not exist when they were written: pod key → node. */
	private orphans = new Map<string, string>();
	/** Nodes in quarantine: when the sweep may take them as gone. */
	private quarantine = new Map<string, number>();
	/** The tick the lab has queued, if any. */
	private nextTick: number | undefined;

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServer,
		private readonly locator: ApiServerLocator
	) {
		kernel.on(TICK, (t) => this.tick(t as number));
		kernel.store.watch<Pod>(PODS, (e) => {
			const node = e.type === 'DELETED' ? undefined : e.object.spec?.nodeName;
			if (node && !this.nodeExists(node)) {
				this.orphans.set(e.key, node);
				this.wake();
			} else if (this.orphans.size > 0) this.orphans.delete(e.key);
		});
		kernel.register(this);
	}

	private nodeExists(name: string): boolean {
		return this.kernel.store.get<Node>(NODES, name) !== undefined;
	}

	/** Queues the loop's next tick after now (ticks fall on multiples of the period). */
	private wake(): void {
		if (this.nextTick !== undefined) return;
		const at = (Math.floor(this.kernel.now / POD_GC_CHECK_PERIOD_MS) + 1) * POD_GC_CHECK_PERIOD_MS;
		this.nextTick = at;
		this.kernel.at(at, TICK, at);
	}

	private tick(at: number): void {
		if (at !== this.nextTick) return;
		this.nextTick = undefined;
		const now = this.kernel.now;
		// The controller runs on the control plane: while no API server answers it does nothing.
		if (this.locator.apiHost() !== undefined) this.sweep(now);
		if (this.orphans.size > 0 || this.quarantine.size > 0) this.wake();
	}

	private sweep(now: number): void {
		const gone = new Set<string>();
		for (const [node, readyAt] of this.quarantine) {
			if (readyAt > now) continue;
			this.quarantine.delete(node);
			if (!this.nodeExists(node)) gone.add(node);
		}
		for (const [podKey, node] of [...this.orphans]) {
			if (this.nodeExists(node)) {
				this.orphans.delete(podKey);
				continue;
			}
			if (gone.has(node)) this.remove(podKey);
			// AddAfter keeps a node already waiting at its first time.
			else if (!this.quarantine.has(node)) this.quarantine.set(node, now + POD_GC_QUARANTINE_MS);
		}
	}

	/** markFailedAndDeletePodWithCondition: Failed with DisruptionTarget, then deleted at once. */
	private remove(podKey: string): void {
		const { namespace, name } = splitKey(podKey);
		const pod = this.api.get<Pod>(PODS, namespace, name);
		if (pod === undefined) return;
		let failed = pod;
		const phase = pod.status?.phase;
		if (phase !== 'Succeeded' && phase !== 'Failed') {
			const condition: PodCondition = {
				type: 'DisruptionTarget',
				status: 'True',
				lastTransitionTime: rfc3339(this.kernel.now),
				reason: 'DeletionByPodGC',
				message: 'PodGC: node no longer exists'
			};
			const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== condition.type);
			failed = {
				...pod,
				status: { ...pod.status, phase: 'Failed', conditions: [...conditions, condition] }
			};
			this.api.update<Pod>(PODS, failed);
		}
		requestPodDeletion(
			this.kernel,
			this.api,
			failed,
			` (the pod garbage collector: node ${pod.spec?.nodeName} no longer exists)`,
			0
		);
	}

	save(): PodGcState {
		return {
			orphans: new Map(this.orphans),
			quarantine: new Map(this.quarantine),
			nextTick: this.nextTick
		};
	}

	load(state: unknown): void {
		const s = state as PodGcState;
		this.orphans = new Map(s.orphans);
		this.quarantine = new Map(s.quarantine);
		this.nextTick = s.nextTick;
	}
}
