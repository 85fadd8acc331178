/**
 * The network model: every message between components (heartbeats, RPCs, requests) crosses it,
 * so latency, loss and partitions are injected in one place.
 *
 * A partition is a set of groups: a link between two hosts in different groups is cut; hosts
 * named in no group keep all their links. A stopped host neither sends nor receives.
 */
import type { RandomStream } from './rng';

export interface NetworkSettings {
	/** One-way latency in ms before jitter. */
	latencyMs: number;
	/** Extra random delay, uniform in [0, jitterMs). */
	jitterMs: number;
	/** Probability in [0, 1] that a message is lost. */
	loss: number;
}

export interface NetworkState {
	settings: NetworkSettings;
	groups: string[][];
	down: string[];
	sent: number;
	dropped: number;
}

/** What `send` answers for a message that will never arrive. */
export const LOST = -1;

export class Network {
	private settings: NetworkSettings;
	private groupOf = new Map<string, number>();
	private groups: string[][] = [];
	private downHosts = new Set<string>();
	sent = 0;
	dropped = 0;

	constructor(
		private readonly random: RandomStream,
		settings: NetworkSettings
	) {
		this.settings = { ...settings };
	}

	get current(): Readonly<NetworkSettings> {
		return this.settings;
	}

	configure(patch: Partial<NetworkSettings>): void {
		this.settings = { ...this.settings, ...patch };
	}

	/** Cuts every link between hosts of different groups (replaces any earlier partition). */
	partition(groups: readonly (readonly string[])[]): void {
		this.groups = groups.map((g) => [...g]);
		this.groupOf.clear();
		this.groups.forEach((g, i) => g.forEach((host) => this.groupOf.set(host, i)));
	}

	heal(): void {
		this.partition([]);
	}

	get partitions(): readonly (readonly string[])[] {
		return this.groups;
	}

	setHostUp(host: string, up: boolean): void {
		if (up) this.downHosts.delete(host);
		else this.downHosts.add(host);
	}

	isHostUp(host: string): boolean {
		return !this.downHosts.has(host);
	}

	/** Whether a link exists between two hosts right now (ignoring loss). */
	connected(from: string, to: string): boolean {
		if (from === to) return true;
		const a = this.groupOf.get(from);
		const b = this.groupOf.get(to);
		return a === undefined || b === undefined || a === b;
	}

	/**
	 * Decides the fate of one message sent now: its delay in ms, or LOST (the sender is down,
	 * the link is cut, or loss struck). Draws from the network's random stream only for messages
	 * that could travel, so faults elsewhere do not shift these numbers. A plain number, because
	 * heartbeats make this the hottest call of a big cluster. A busy consumer (Raft) may pass its
	 * own stream, so that its traffic does not shift the numbers everyone else draws.
	 */
	send(from: string, to: string, random: RandomStream = this.random): number {
		this.sent++;
		if (this.downHosts.has(from) || !this.connected(from, to)) return this.drop();
		const { latencyMs, jitterMs, loss } = this.settings;
		if (loss > 0 && random.next() < loss) return this.drop();
		const jitter = jitterMs > 0 ? Math.floor(random.next() * jitterMs) : 0;
		return latencyMs + jitter;
	}

	/**
	 * Called when a message arrives: a host that went down, or a link cut, while the message
	 * was on the wire loses it.
	 */
	canDeliver(from: string, to: string): boolean {
		if (this.downHosts.has(to) || !this.connected(from, to)) {
			this.dropped++;
			return false;
		}
		return true;
	}

	private drop(): number {
		this.dropped++;
		return LOST;
	}

	save(): NetworkState {
		return {
			settings: { ...this.settings },
			groups: this.groups.map((g) => [...g]),
			down: [...this.downHosts].sort(),
			sent: this.sent,
			dropped: this.dropped
		};
	}

	load(state: NetworkState): void {
		this.settings = { ...state.settings };
		this.partition(state.groups);
		this.downHosts = new Set(state.down);
		this.sent = state.sent;
		this.dropped = state.dropped;
	}
}
