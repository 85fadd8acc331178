/**
 * The Swarm control plane of a lab: the orchestrators, scheduler and updater that run on the
 * leading manager, and the agents on every node. Their private state is one plain object,
 * copied into checkpoints; their timers are kernel queue entries.
 */
import type { Component, Kernel } from '../core/kernel';
import { Agents } from './agent';
import { ConstraintEnforcer } from './constraint-enforcer';
import {
	SCHEDULER_DEBOUNCE_MS,
	DISPATCHER_HEARTBEAT_PERIOD_MS,
	TASK_HISTORY_LIMIT
} from './defaults';
import { SWARM_NODES, type SwarmNode } from './node-object';
import { SWARM_SERVICES, SWARM_TASKS } from './objects';
import { reconcile } from './orchestrator';
import { createIngress } from './resources';
import { emptyState, type ManagerState, type SwarmRuntime } from './runtime';
import { schedulePending } from './scheduling';
import { SwarmTrafficTarget } from './routing-mesh';
import { attachTraffic } from '../traffic/generator';

export interface ManagerHooks {
	leader(): string | undefined;
	quorum(): boolean;
	isRunning(host: string): boolean;
	/** The node ID the host's daemon holds in the swarm, undefined outside it (membership.ts). */
	nodeIdOf?(host: string): string | undefined;
	/** Finished tasks kept per slot: the cluster's TaskHistoryRetentionLimit (membership.ts). */
	taskHistoryLimit?(): number;
}

export class SwarmManager implements Component {
	readonly name = 'swarm-manager';
	readonly runtime: SwarmRuntime;
	readonly agents: Agents;
	/** Rejects the tasks of a node that no longer fits them (./constraint-enforcer.ts). */
	readonly enforcer: ConstraintEnforcer;
	private hostById = new Map<string, string>();

	constructor(kernel: Kernel, hooks: ManagerHooks, hosts: readonly string[]) {
		const requestReconcile = () => {
			if (this.runtime.state.reconcileQueued) return;
			this.runtime.state.reconcileQueued = true;
			kernel.after(0, 'swarm.reconcile', null);
		};
		const requestSchedule = () => {
			if (this.runtime.state.scheduleQueued) return;
			this.runtime.state.scheduleQueued = true;
			kernel.after(SCHEDULER_DEBOUNCE_MS, 'swarm.schedule', null);
		};
		this.runtime = {
			kernel,
			state: emptyState(),
			leader: hooks.leader,
			quorum: hooks.quorum,
			isRunning: hooks.isRunning,
			taskHistoryLimit: hooks.taskHistoryLimit ?? (() => TASK_HISTORY_LIMIT),
			requestReconcile,
			requestSchedule
		};
		this.agents = new Agents(
			this.runtime,
			hooks.nodeIdOf ?? ((host) => kernel.store.get<SwarmNode>(SWARM_NODES, host)?.ID),
			(id) => this.hostOf(id)
		);
		kernel.on('swarm.reconcile', () => {
			this.runtime.state.reconcileQueued = false;
			reconcile(this.runtime);
		});
		kernel.on('swarm.reconcile.at', () => requestReconcile());
		kernel.on('swarm.schedule', () => {
			this.runtime.state.scheduleQueued = false;
			schedulePending(this.runtime);
		});
		// A slow safety net: a pass every heartbeat period picks up anything a lost message or a
		// lost quorum held back.
		kernel.on('swarm.tick', () => {
			kernel.after(DISPATCHER_HEARTBEAT_PERIOD_MS, 'swarm.tick', null);
			if (kernel.store.size(SWARM_SERVICES) > 0 || kernel.store.size(SWARM_TASKS) > 0) {
				this.agents.tickAll(hosts);
				requestReconcile();
				requestSchedule();
			}
		});
		const poke = () => {
			if (kernel.store.size(SWARM_SERVICES) > 0 || kernel.store.size(SWARM_TASKS) > 0)
				requestReconcile();
		};
		kernel.store.watch(SWARM_TASKS, poke);
		kernel.store.watch(SWARM_NODES, poke);
		kernel.store.watch(SWARM_SERVICES, poke);
		// Watches the nodes after the orchestrator does, so a node update's orchestrator pass runs
		// before the enforcer's check of that node, and the rejections it writes get a pass of
		// their own.
		this.enforcer = new ConstraintEnforcer(this.runtime);
		kernel.register(this);
		createIngress(this.runtime);
		// `sim traffic` reaches swarm services through the routing mesh.
		attachTraffic(kernel, new SwarmTrafficTarget(this.runtime));
		for (const host of hosts) this.agents.boot(host);
		kernel.after(DISPATCHER_HEARTBEAT_PERIOD_MS, 'swarm.tick', null);
	}

	private hostOf(nodeId: string): string | undefined {
		let host = this.hostById.get(nodeId);
		if (host === undefined) {
			this.hostById.clear();
			for (const n of this.runtime.kernel.store.list<SwarmNode>(SWARM_NODES)) {
				this.hostById.set(n.ID, n.Description.Hostname);
			}
			host = this.hostById.get(nodeId);
		}
		return host;
	}

	boot(host: string): void {
		this.agents.boot(host);
	}

	halt(host: string): void {
		this.agents.halt(host);
	}

	/**
	 * A new swarm starts (`docker swarm init` after the last manager erased the old one): the
	 * orchestrators start empty and the swarm gets its `ingress` network. What the machines hold
	 * (running containers, pulled images) stays.
	 */
	startNewSwarm(): void {
		const old = this.runtime.state;
		this.runtime.state = {
			...emptyState(),
			runs: old.runs,
			images: old.images,
			hostGen: old.hostGen,
			syncPending: old.syncPending
		};
		createIngress(this.runtime);
	}

	save(): ManagerState {
		return clonePlain(this.runtime.state);
	}

	load(state: unknown): void {
		this.runtime.state = clonePlain(state as ManagerState);
	}
}

/** The state is plain data (records, arrays, strings, numbers, booleans): JSON copies it. */
function clonePlain<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
