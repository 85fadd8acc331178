/**
 * The node lifecycle controller (kube-controller-manager): every node-monitor-period it looks
 * at each node's Lease and status; a node whose heartbeats stopped for node-monitor-grace-period
 * gets Ready=Unknown and the `unreachable` taints. Like the real controller it times heartbeats
 * by when *it* saw them change (probe timestamps), so it forgets them when it restarts.
 */
import type { Node, NodeCondition, Taint } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Component, Kernel } from '../core/kernel';
import { rfc3339 } from '../core/time';
import {
	NODE_MONITOR_GRACE_PERIOD_MS,
	NODE_MONITOR_PERIOD_MS,
	NODE_STARTUP_GRACE_PERIOD_MS,
	TAINT_NOT_READY,
	TAINT_UNREACHABLE
} from './defaults';
import { TAINT_NODE_UNSCHEDULABLE as TAINT_UNSCHEDULABLE } from './scheduler/defaults';
import type { ApiServerLocator } from './kubelets';
import { LEASES, NODES, readyCondition } from './node-object';
import { guaranteedUpdate } from './api/unchanged';

/** What the controller last saw of each node (arrays indexed like the node names). */
interface Health {
	/** When the controller last saw a heartbeat change; NaN: never looked yet. */
	probe: number[];
	renewTime: (string | undefined)[];
	heartbeat: (string | undefined)[];
	/**
	 * The revisions of the Node and Lease last looked at (-1: none). The store replaces an
	 * object on every write, so a new revision is a new object: numbers, not the objects, or
	 * each node's and lease's previous version would stay on the heap until the next look.
	 */
	node: number[];
	lease: number[];
}

const isConditionTaint = (t: Taint) => t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY;

const isUnschedulableTaint = (t: Taint) =>
	t.key === TAINT_UNSCHEDULABLE && t.effect === 'NoSchedule';

/** Whether a node's spec.unschedulable and its `unschedulable` taint disagree. */
const cordonOutOfStep = (node: Node) =>
	(node.spec?.unschedulable === true) !== (node.spec?.taints ?? []).some(isUnschedulableTaint);

const TAINT_FOR: Record<string, string | undefined> = {
	Unknown: TAINT_UNREACHABLE,
	False: TAINT_NOT_READY,
	True: undefined
};

export class NodeLifecycleController implements Component {
	readonly name = 'node-lifecycle-controller';
	private health: Health;

	constructor(
		private readonly kernel: Kernel,
		private readonly api: ApiServerLocator,
		private readonly nodeNames: readonly string[],
		private readonly onNotReady: (node: string) => void = () => {}
	) {
		this.health = this.forget();
		kernel.on('nlc.monitor', () => this.monitor());
		// doNoScheduleTaintingPass also runs from the node-update queue, not only on the monitor's
		// period: a cordon or uncordon gets or loses its taint at once.
		kernel.on('nlc.cordon', (name) => this.cordonTaint(name as string));
		kernel.store.watch<Node>(NODES, (e) => {
			if (e.type === 'MODIFIED' && cordonOutOfStep(e.object)) kernel.after(0, 'nlc.cordon', e.key);
		});
		// The controller starts with the cluster and sees the nodes' first heartbeats at once.
		kernel.after(0, 'nlc.monitor');
		kernel.register(this);
	}

	private monitor(): void {
		const k = this.kernel;
		k.after(NODE_MONITOR_PERIOD_MS, 'nlc.monitor');
		if (this.api.apiHost() === undefined) {
			// The controller runs on the control plane: down with it, and amnesiac when it returns.
			this.health = this.forget();
			return;
		}
		for (let i = 0; i < this.nodeNames.length; i++) this.check(i);
	}

	private forget(): Health {
		return {
			probe: this.nodeNames.map(() => NaN),
			renewTime: this.nodeNames.map(() => undefined),
			heartbeat: this.nodeNames.map(() => undefined),
			node: this.nodeNames.map(() => -1),
			lease: this.nodeNames.map(() => -1)
		};
	}

	private check(i: number): void {
		const name = this.nodeNames[i]!;
		const k = this.kernel;
		const h = this.health;
		const node = k.store.get<Node>(NODES, name);
		if (node === undefined) return;
		const lease = k.store.get<Lease>(LEASES, name);
		const nodeRevision = k.store.revisionOf(NODES, name) ?? -1;
		const leaseRevision = k.store.revisionOf(LEASES, name) ?? -1;
		// Objects are replaced on write, so the same revisions mean nothing new to look at.
		const nodeChanged = nodeRevision !== h.node[i];
		if (nodeChanged || leaseRevision !== h.lease[i]) {
			const renewTime = lease?.spec?.renewTime;
			const heartbeat = readyCondition(node)?.lastHeartbeatTime;
			if (
				Number.isNaN(h.probe[i]) ||
				h.renewTime[i] !== renewTime ||
				h.heartbeat[i] !== heartbeat
			) {
				h.probe[i] = k.now;
				h.renewTime[i] = renewTime;
				h.heartbeat[i] = heartbeat;
			}
			h.node[i] = nodeRevision;
			h.lease[i] = leaseRevision;
		}
		if (k.now > h.probe[i]! + NODE_MONITOR_GRACE_PERIOD_MS) {
			const ready = readyCondition(node);
			const grace =
				ready === undefined ? NODE_STARTUP_GRACE_PERIOD_MS : NODE_MONITOR_GRACE_PERIOD_MS;
			if (k.now > h.probe[i]! + grace && ready?.status !== 'Unknown') {
				this.reconcileTaints(this.markUnknown(node));
				return;
			}
		}
		if (nodeChanged) this.reconcileTaints(node);
	}

	/** The `unschedulable` NoSchedule taint brought in step with spec.unschedulable. */
	private cordonTaint(name: string): void {
		const node = this.kernel.store.get<Node>(NODES, name);
		if (node === undefined || this.api.apiHost() === undefined || !cordonOutOfStep(node)) return;
		const k = this.kernel;
		const taints = node.spec?.taints ?? [];
		const cordoned = node.spec?.unschedulable === true;
		const next = cordoned
			? [...taints, { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: rfc3339(k.now) }]
			: taints.filter((t) => !isUnschedulableTaint(t));
		const spec = { ...node.spec };
		if (next.length > 0) spec.taints = next;
		else delete spec.taints;
		guaranteedUpdate<Node>(k.store, NODES, name, { ...node, spec });
		if (cordoned)
			k.emit('node.tainted', `node/${name}`, `Node ${name} tainted ${TAINT_UNSCHEDULABLE}.`);
		else k.emit('node.untainted', `node/${name}`, `Node ${name} no longer tainted.`);
	}

	/** nodelifecycle tryUpdateNodeHealth: every condition becomes Unknown. */
	private markUnknown(node: Node): Node {
		const k = this.kernel;
		const name = node.metadata!.name!;
		const now = rfc3339(k.now);
		const conditions: NodeCondition[] = (node.status?.conditions ?? []).map((c) => ({
			...c,
			status: 'Unknown',
			reason: 'NodeStatusUnknown',
			message: 'Kubelet stopped posting node status.',
			lastTransitionTime: c.status === 'Unknown' ? c.lastTransitionTime : now
		}));
		const updated = guaranteedUpdate<Node>(k.store, NODES, name, {
			...node,
			status: { ...node.status, conditions }
		});
		k.emit('node.notready', `node/${name}`, `Node ${name} status is now: NodeNotReady`);
		this.onNotReady(name);
		return updated;
	}

	/**
	 * Keeps the condition taints (NoSchedule and NoExecute) in step with the Ready status, and
	 * the `unschedulable` NoSchedule taint with spec.unschedulable (TaintNodesByCondition:
	 * node_lifecycle_controller.go doNoScheduleTaintingPass), so a cordoned node shows it.
	 */
	private reconcileTaints(node: Node): void {
		const k = this.kernel;
		const name = node.metadata!.name!;
		const status = readyCondition(node)?.status ?? 'Unknown';
		const wanted = TAINT_FOR[status];
		const taints = node.spec?.taints ?? [];
		const cordoned = node.spec?.unschedulable === true;
		const hasUnschedulable = taints.some(isUnschedulableTaint);
		if (wanted === undefined && !taints.some(isConditionTaint) && cordoned === hasUnschedulable)
			return;
		const kept = taints.filter(
			(t) => (!isConditionTaint(t) || t.key === wanted) && (cordoned || !isUnschedulableTaint(t))
		);
		const missing = wanted !== undefined && !kept.some((t) => t.key === wanted);
		const cordon = cordoned && !hasUnschedulable;
		if (!missing && !cordon && kept.length === taints.length) return;
		const added: Taint[] = [];
		if (cordon)
			added.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: rfc3339(k.now) });
		if (missing) {
			added.push(
				{ key: wanted!, effect: 'NoSchedule', timeAdded: rfc3339(k.now) },
				{ key: wanted!, effect: 'NoExecute', timeAdded: rfc3339(k.now) }
			);
		}
		const next = [...kept, ...added];
		const spec = { ...node.spec };
		if (next.length > 0) spec.taints = next;
		else delete spec.taints;
		guaranteedUpdate<Node>(k.store, NODES, name, { ...node, spec });
		if (missing) k.emit('node.tainted', `node/${name}`, `Node ${name} tainted ${wanted}.`);
		else if (cordon)
			k.emit('node.tainted', `node/${name}`, `Node ${name} tainted ${TAINT_UNSCHEDULABLE}.`);
		else k.emit('node.untainted', `node/${name}`, `Node ${name} no longer tainted.`);
	}

	save(): Health {
		return copyHealth(this.health);
	}

	load(state: unknown): void {
		this.health = copyHealth(state as Health);
	}
}

function copyHealth(h: Health): Health {
	return {
		probe: h.probe.slice(),
		renewTime: h.renewTime.slice(),
		heartbeat: h.heartbeat.slice(),
		node: h.node.slice(),
		lease: h.lease.slice()
	};
}
