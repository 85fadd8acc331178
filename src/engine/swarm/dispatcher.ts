/**
 * The dispatcher on the leading manager and the agents' heartbeats. An agent beats every period
 * the dispatcher last gave it (5 s ± 0.5 s); the dispatcher resets the node's TTL to 3 periods
 * on each beat and marks the node DOWN ("heartbeat failure") when the TTL runs out.
 */
import type { Component, Kernel } from '../core/kernel';
import { LOST } from '../core/network';
import { rfc3339 } from '../core/time';
import {
	DISPATCHER_HEARTBEAT_PERIOD_MS,
	GRACE_PERIOD_MULTIPLIER,
	HEARTBEAT_EPSILON_MS,
	HEARTBEAT_FAILURE_MESSAGE
} from './defaults';
import { SWARM_NODES, type SwarmNode, type SwarmNodeState } from './node-object';

interface Beat {
	host: string;
	gen: number;
}

interface Deadline {
	host: string;
	at: number;
}

interface AgentState {
	gen: number;
	period: number;
}

export interface LeaderLocator {
	/** The manager whose dispatcher is serving, or undefined when there is none. */
	leader(): string | undefined;
}

export class Dispatcher implements Component {
	readonly name = 'swarm-dispatcher';
	private agents = new Map<string, AgentState>();
	private deadlines = new Map<string, number>();
	private lastBeat = new Map<string, number>();

	constructor(
		private readonly kernel: Kernel,
		private readonly locate: LeaderLocator,
		/** The cluster's Dispatcher.HeartbeatPeriod in force (`docker swarm update --dispatcher-heartbeat`). */
		private readonly heartbeatPeriod: () => number = () => DISPATCHER_HEARTBEAT_PERIOD_MS
	) {
		kernel.on('agent.heartbeat', (a) => this.beat(a as Beat));
		kernel.on('dispatcher.heartbeat', (a) => this.receive(a as Beat));
		kernel.on('agent.period', (a) => this.setPeriod(a as Beat & { period: number }));
		kernel.on('dispatcher.ttl', (a) => this.expire(a as Deadline));
		kernel.on('dispatcher.ttl.old', (a) => this.expireOld(a as { key: string }));
		kernel.register(this);
	}

	/** The agent starts (or restarts): it opens a session with a first heartbeat at once. */
	boot(host: string): void {
		const gen = (this.agents.get(host)?.gen ?? 0) + 1;
		this.agents.set(host, { gen, period: this.heartbeatPeriod() });
		this.kernel.after(0, 'agent.heartbeat', { host, gen });
	}

	halt(host: string): void {
		const agent = this.agents.get(host);
		if (agent !== undefined) this.agents.set(host, { ...agent, gen: agent.gen + 1 });
	}

	/**
	 * A new dispatcher starts on a manager: it knows no heartbeats yet, so every other node is
	 * UNKNOWN and gets twice the usual grace to report (dispatcher.go markNodesUnknown).
	 */
	takeOver(leader: string, hosts: readonly string[]): void {
		for (const host of hosts) {
			if (host === leader) continue;
			// markNodesUnknown: "do not try to resurrect down nodes".
			const node = this.kernel.store.get<SwarmNode>(SWARM_NODES, host);
			if (node === undefined || node.Status.State === 'down') continue;
			this.setState(
				host,
				'unknown',
				'Node moved to "unknown" state due to leadership change in cluster'
			);
			const ttl = this.heartbeatPeriod() * GRACE_PERIOD_MULTIPLIER * 2;
			this.arm(host, this.kernel.now + ttl);
		}
	}

	/** At cluster start every node is registered and READY: each gets one TTL to first beat. */
	armAll(hosts: readonly string[]): void {
		const ttl = this.heartbeatPeriod() * GRACE_PERIOD_MULTIPLIER;
		for (const host of hosts) this.arm(host, this.kernel.now + ttl);
	}

	/**
	 * A node joined (`docker swarm join`, `init`): its agent opens a session at once and the
	 * dispatcher gives it one TTL, as for every registered node.
	 */
	register(host: string): void {
		this.boot(host);
		this.arm(host, this.kernel.now + this.heartbeatPeriod() * GRACE_PERIOD_MULTIPLIER);
	}

	/**
	 * The machine joined again under a new node ID: its old node, stored under `oldKey`, gets
	 * no more heartbeats and turns Down when the TTL it had runs out.
	 */
	retire(host: string, oldKey: string): void {
		const at = this.deadlines.get(host);
		if (at === undefined) return;
		this.kernel.at(Math.max(at, this.kernel.now), 'dispatcher.ttl.old', { key: oldKey });
	}

	/** When the dispatcher last heard from the host (0 before any heartbeat). */
	lastHeartbeat(host: string): number {
		return this.lastBeat.get(host) ?? 0;
	}

	private beat(beat: Beat): void {
		const agent = this.agents.get(beat.host);
		if (agent === undefined || agent.gen !== beat.gen) return;
		const k = this.kernel;
		k.after(agent.period, 'agent.heartbeat', beat);
		const leader = this.locate.leader();
		if (leader === undefined) return;
		const delay = k.network.send(beat.host, leader);
		if (delay !== LOST) k.after(delay, 'dispatcher.heartbeat', beat);
	}

	private receive(beat: Beat): void {
		const k = this.kernel;
		const leader = this.locate.leader();
		if (leader === undefined || !k.network.canDeliver(beat.host, leader)) return;
		const node = k.store.get<SwarmNode>(SWARM_NODES, beat.host);
		this.lastBeat.set(beat.host, k.now);
		if (node !== undefined && node.Status.State !== 'ready') this.setState(beat.host, 'ready');
		// period.go Choose: the period in force plus a uniform epsilon in [-ε, +ε).
		const random = k.rng.stream(`dispatcher/${beat.host}`);
		// At least a millisecond: a period shorter than ε can come out negative, which a real
		// agent's timer fires at once and the lab's clock could not move past.
		const period = Math.max(
			1,
			Math.round(
				this.heartbeatPeriod() + random.uniform(-HEARTBEAT_EPSILON_MS, HEARTBEAT_EPSILON_MS)
			)
		);
		this.arm(beat.host, k.now + period * GRACE_PERIOD_MULTIPLIER);
		const reply = k.network.send(leader, beat.host);
		if (reply !== LOST) k.after(reply, 'agent.period', { ...beat, period });
	}

	private setPeriod(reply: Beat & { period: number }): void {
		const agent = this.agents.get(reply.host);
		if (agent === undefined || agent.gen !== reply.gen) return;
		this.agents.set(reply.host, { ...agent, period: reply.period });
	}

	private arm(host: string, at: number): void {
		this.deadlines.set(host, at);
		this.kernel.at(at, 'dispatcher.ttl', { host, at });
	}

	private expire(deadline: Deadline): void {
		if (this.deadlines.get(deadline.host) !== deadline.at) return;
		if (this.locate.leader() === undefined) return;
		const node = this.kernel.store.get<SwarmNode>(SWARM_NODES, deadline.host);
		if (node === undefined || node.Status.State === 'down') return;
		this.setState(deadline.host, 'down', HEARTBEAT_FAILURE_MESSAGE);
	}

	private expireOld(arg: { key: string }): void {
		if (this.locate.leader() === undefined) return;
		const node = this.kernel.store.get<SwarmNode>(SWARM_NODES, arg.key);
		if (node === undefined || node.Status.State === 'down') return;
		this.setState(arg.key, 'down', HEARTBEAT_FAILURE_MESSAGE);
	}

	/** `key`: where the node is stored (its machine's name, or an old node's ID). */
	private setState(key: string, state: SwarmNodeState, message?: string): void {
		const k = this.kernel;
		const node = k.store.get<SwarmNode>(SWARM_NODES, key);
		if (node === undefined || node.Status.State === state) return;
		const host = node.Description.Hostname;
		k.store.put<SwarmNode>(SWARM_NODES, key, (rv) => {
			const status: SwarmNode['Status'] = { State: state, Addr: node.Status.Addr };
			if (message !== undefined) status.Message = message;
			return { ...node, Version: { Index: rv }, UpdatedAt: rfc3339(k.now), Status: status };
		});
		const why = message !== undefined ? ` (${message})` : '';
		k.emit(`swarm.node.${state}`, `node/${host}`, `Node ${host} is now ${state}${why}.`);
	}

	save(): {
		agents: Map<string, AgentState>;
		deadlines: Map<string, number>;
		lastBeat: Map<string, number>;
	} {
		return {
			agents: new Map(this.agents),
			deadlines: new Map(this.deadlines),
			lastBeat: new Map(this.lastBeat)
		};
	}

	load(state: unknown): void {
		const s = state as ReturnType<Dispatcher['save']>;
		this.agents = new Map(s.agents);
		this.deadlines = new Map(s.deadlines);
		this.lastBeat = new Map(s.lastBeat);
	}
}
