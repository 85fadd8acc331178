/**
 * The routing mesh and service load balancing (facts §2.8; docs: docker/docs engine/swarm
 * ingress.md, networking.md; moby/moby daemon/libnetwork/service_linux.go uses IPVS with
 * `ipvs.RoundRobin`). The choice logic is plain functions; `SwarmTrafficTarget` plugs them into
 * `sim traffic` (../traffic/target.ts).
 *
 * - `mesh`: a request to a published ingress port on ANY node goes through that node's IPVS to
 *   one of the service's tasks, round-robin, wherever it runs. A host-mode port answers only
 *   on nodes that run a task, from that task.
 * - `vip`: a client container on a node connects to the service's virtual IP; the node's IPVS
 *   balances round-robin. With `endpoint_mode: dnsrr` there is no VIP: DNS hands out the task
 *   addresses in turn and the client connects directly.
 * Each node has its own IPVS table, so each keeps its own round-robin position. The backends
 * are the tasks the managers' store says run (and should): a task on a node that has just died
 * is still among them until the node is marked down.
 */
import type { Component, Kernel } from '../core/kernel';
import type {
	Resolution,
	ResolvedTarget,
	RouteOutcome,
	TrafficRequest,
	TrafficTarget,
	Via
} from '../traffic/target';
import { naturalCompare } from './natural';
import { SWARM_NODES, type SwarmNode } from './node-object';
import {
	SWARM_SERVICES,
	SWARM_TASKS,
	stateValue,
	type SwarmService,
	type SwarmTask
} from './objects';
import type { SwarmRuntime } from './runtime';

/** The tasks IPVS balances over: running, and meant to run, in slot/node order. */
export function meshBackends(kernel: Kernel, service: SwarmService): SwarmTask[] {
	return kernel.store
		.list<SwarmTask>(SWARM_TASKS)
		.filter(
			(t) =>
				t.ServiceID === service.ID &&
				t.Status.State === 'running' &&
				stateValue(t.DesiredState) <= stateValue('running')
		)
		.sort(
			(a, b) =>
				(a.Slot ?? 0) - (b.Slot ?? 0) || (a.NodeID < b.NodeID ? -1 : a.NodeID > b.NodeID ? 1 : 0)
		);
}

/** IPVS round-robin: the backend after the one this table chose last. */
export function roundRobin<T>(
	backends: readonly T[],
	cursor: number
): { pick: T; next: number } | undefined {
	if (backends.length === 0) return undefined;
	const i = ((cursor % backends.length) + backends.length) % backends.length;
	return { pick: backends[i]!, next: i + 1 };
}

export function publishesIngress(service: SwarmService): boolean {
	return (service.Endpoint.Ports ?? []).some((p) => p.PublishMode !== 'host');
}

export function publishesHost(service: SwarmService): boolean {
	return (service.Endpoint.Ports ?? []).some((p) => p.PublishMode === 'host');
}

interface MeshState {
	cursors: Record<string, number>;
}

export class SwarmTrafficTarget implements TrafficTarget, Component {
	readonly name = 'swarm-routing-mesh';
	readonly vias: readonly Via[] = ['mesh', 'vip'];
	private state: MeshState = { cursors: {} };

	constructor(private readonly rt: SwarmRuntime) {
		rt.kernel.register(this);
	}

	private nodes(): SwarmNode[] {
		return this.rt.kernel.store
			.list<SwarmNode>(SWARM_NODES)
			.sort((a, b) => naturalCompare(a.Description.Hostname, b.Description.Hostname));
	}

	private service(name: string): SwarmService | undefined {
		const all = this.rt.kernel.store.list<SwarmService>(SWARM_SERVICES);
		return all.find((s) => s.Spec.Name === name) ?? all.find((s) => s.ID === name);
	}

	resolve(name: string, via: Via): Resolution {
		if (via !== 'mesh' && via !== 'vip') {
			return { ok: false, error: `--via ${via} is for kubernetes labs: use mesh or vip` };
		}
		const service = this.service(name);
		if (service === undefined) return { ok: false, error: `service ${name} not found` };
		const hosts = this.nodes().map((n) => n.Description.Hostname);
		if (via === 'mesh') {
			if (publishesIngress(service)) {
				return {
					ok: true,
					target: { key: `mesh/${service.ID}`, label: `service/${name}`, via, entries: hosts }
				};
			}
			if (publishesHost(service)) {
				// Host-mode ports listen only where a task runs, so requests enter there.
				const running = new Set(meshBackends(this.rt.kernel, service).map((t) => t.NodeID));
				const entries = this.nodes()
					.filter((n) => running.has(n.ID))
					.map((n) => n.Description.Hostname);
				return {
					ok: true,
					target: { key: `host/${service.ID}`, label: `service/${name}`, via, entries }
				};
			}
			return {
				ok: false,
				error: `service ${name} publishes no port: use --via vip, or publish one`
			};
		}
		return {
			ok: true,
			target: { key: `vip/${service.ID}`, label: `service/${name}`, via, entries: hosts }
		};
	}

	route(target: ResolvedTarget, incoming: TrafficRequest): RouteOutcome {
		const k = this.rt.kernel;
		// A VIP client is a container in the swarm: one on a machine that is off does not exist,
		// so its requests come from the next running node. A published port's client is outside
		// and keeps dialling the node it was given: that node being off is a failure it sees.
		const request = target.key.startsWith('vip/') ? this.fromRunning(target, incoming) : incoming;
		if (!this.rt.isRunning(request.entry)) return { ok: false, reason: 'unreachable' };
		const serviceId = target.key.slice(target.key.indexOf('/') + 1);
		const service = k.store.get<SwarmService>(SWARM_SERVICES, serviceId);
		if (service === undefined) return { ok: false, reason: 'unreachable' };
		const nodes = new Map(this.nodes().map((n) => [n.ID, n]));
		let backends = meshBackends(k, service);
		if (target.key.startsWith('host/')) {
			// A host-mode port is the local task's own port: no forwarding to other nodes.
			backends = backends.filter(
				(t) => nodes.get(t.NodeID)?.Description.Hostname === request.entry
			);
			if (backends.length === 0) return { ok: false, reason: 'connection refused' };
		}
		const cursorKey = `${target.key}@${request.entry}`;
		const chosen = roundRobin(backends, this.state.cursors[cursorKey] ?? 0);
		if (chosen === undefined) return { ok: false, reason: 'no endpoints' };
		this.state.cursors[cursorKey] = chosen.next;
		return this.answer(chosen.pick, nodes.get(chosen.pick.NodeID), request.entry, service);
	}

	private fromRunning(target: ResolvedTarget, request: TrafficRequest): TrafficRequest {
		const list = target.entries;
		const start = Math.max(0, list.indexOf(request.entry));
		for (let i = 0; i < list.length; i++) {
			const entry = list[(start + i) % list.length]!;
			if (this.rt.isRunning(entry))
				return entry === request.entry ? request : { ...request, entry };
		}
		return request;
	}

	/** Whether the chosen task answers: its machine up and reachable, its container running. */
	private answer(
		task: SwarmTask,
		node: SwarmNode | undefined,
		entry: string,
		service: SwarmService
	): RouteOutcome {
		const host = node?.Description.Hostname ?? '';
		const backend =
			task.Slot !== undefined
				? `${service.Spec.Name}.${task.Slot}`
				: `${service.Spec.Name}.${task.NodeID}`;
		if (!this.rt.isRunning(host) || !this.rt.kernel.network.connected(entry, host)) {
			return { ok: false, reason: 'timeout', backend, node: host, stale: true };
		}
		const run = this.rt.state.runs[host]?.[task.ID];
		if (run === undefined || run.state !== 'running' || run.stopping === true) {
			return { ok: false, reason: 'connection refused', backend, node: host, stale: true };
		}
		return { ok: true, backend, node: host };
	}

	save(): MeshState {
		return { cursors: { ...this.state.cursors } };
	}

	load(state: unknown): void {
		this.state = { cursors: { ...(state as MeshState).cursors } };
	}
}
