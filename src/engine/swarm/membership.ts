/**
 * Which swarm each machine's Docker daemon belongs to, with which node ID, and the swarm's join
 * tokens. A machine can be outside any swarm (it left, or never joined), in the swarm that
 * exists now, or stale: still holding a swarm whose last manager left and erased it (its
 * daemon keeps the old identity until it leaves too). Plain data, copied into checkpoints.
 */
import type { Component, Kernel } from '../core/kernel';
import { drawDigest, drawSecret, drawUnlockKey, joinToken } from './tokens';
import { DEFAULT_CLUSTER_SETTINGS, type ClusterSettings } from './cluster-settings';

export type Role = 'worker' | 'manager';

export interface HostMembership {
	nodeId: string;
	/** The generation of the swarm the daemon joined. */
	swarm: number;
}

export interface MembershipState {
	/** The generation of the swarm that exists now; 0 when there is none. */
	current: number;
	/** Swarms created so far (a new one gets the next generation). */
	created: number;
	hosts: Record<string, HostMembership>;
	/** The root CA digest part and each role's secret; null when no swarm exists. */
	tokens: { digest: string; worker: string; manager: string } | null;
	/**
	 * The managers' unlock key while autolock is on (swarmkit EncryptionConfig.AutoLockManagers);
	 * absent when it is off.
	 */
	unlockKey?: string;
	/** Managers that restarted while autolock was on and wait for `docker swarm unlock`. */
	locked?: string[];
	/** The swarm's spec as `docker swarm init|update` set it; absent: the defaults. */
	settings?: ClusterSettings;
	/**
	 * The heartbeat period the dispatcher uses: the spec's, once positive (dispatcher.go takes
	 * a cluster update's HeartbeatPeriod only when `period > 0`); absent: the default.
	 */
	dispatcherPeriodMs?: number;
}

export type HostStatus = 'none' | 'current' | 'stale';

export class SwarmMembership implements Component {
	readonly name = 'swarm-membership';
	private state: MembershipState = { current: 0, created: 0, hosts: {}, tokens: null };

	constructor(private readonly kernel: Kernel) {
		kernel.register(this);
	}

	/** Whether a swarm exists (someone initialised it and a manager still holds it). */
	get exists(): boolean {
		return this.state.current !== 0;
	}

	status(host: string): HostStatus {
		const m = this.state.hosts[host];
		if (m === undefined) return 'none';
		return m.swarm === this.state.current ? 'current' : 'stale';
	}

	/** The node ID of the host in the swarm that exists now, if it is in it. */
	nodeIdOf(host: string): string | undefined {
		const m = this.state.hosts[host];
		return m !== undefined && m.swarm === this.state.current ? m.nodeId : undefined;
	}

	inSwarm(host: string): boolean {
		return this.nodeIdOf(host) !== undefined;
	}

	/** The hosts in the swarm that exists now. */
	members(): string[] {
		return Object.keys(this.state.hosts)
			.filter((h) => this.inSwarm(h))
			.sort();
	}

	token(role: Role): string | undefined {
		const t = this.state.tokens;
		return t === null ? undefined : joinToken(t.digest, t[role]);
	}

	/** Which role a token admits to the swarm that exists now (swarmkit ca/server.go). */
	roleOfToken(token: string): Role | undefined {
		if (this.token('manager') === token) return 'manager';
		if (this.token('worker') === token) return 'worker';
		return undefined;
	}

	/** The current root CA digest part (empty when no swarm exists). */
	get digest(): string {
		return this.state.tokens?.digest ?? '';
	}

	/** A new swarm: a new root CA and new secrets, and a new generation. */
	create(): number {
		const random = this.kernel.rng.stream('swarm/tokens');
		delete this.state.unlockKey;
		delete this.state.settings;
		delete this.state.dispatcherPeriodMs;
		this.state.created++;
		this.state.current = this.state.created;
		this.state.tokens = {
			digest: drawDigest(random),
			worker: drawSecret(random),
			manager: drawSecret(random)
		};
		return this.state.current;
	}

	/** `docker swarm join-token --rotate ROLE`: a new secret; the old token stops working. */
	rotate(role: Role): void {
		const t = this.state.tokens;
		if (t === null) return;
		this.state.tokens = { ...t, [role]: drawSecret(this.kernel.rng.stream('swarm/tokens')) };
	}

	/** The swarm's spec in force (a new swarm's: swarmkit's defaults). */
	get settings(): Readonly<ClusterSettings> {
		return this.state.settings ?? DEFAULT_CLUSTER_SETTINGS;
	}

	/** `docker swarm init|update` flags (checked already): they replace those fields only. */
	updateSettings(changes: Partial<ClusterSettings>): void {
		this.state.settings = { ...this.settings, ...changes };
		const period = changes.heartbeatPeriodMs;
		if (period !== undefined && period > 0) this.state.dispatcherPeriodMs = period;
	}

	/** The heartbeat period the dispatcher hands out now. */
	get dispatcherPeriodMs(): number {
		return this.state.dispatcherPeriodMs ?? DEFAULT_CLUSTER_SETTINGS.heartbeatPeriodMs;
	}

	/** The unlock key while autolock is on, else undefined. */
	get unlockKey(): string | undefined {
		return this.state.unlockKey;
	}

	/**
	 * Turns autolock on (a new key, unless it is on already) or off (the key is dropped), as
	 * swarmkit's controlapi UpdateCluster does with EncryptionConfig.AutoLockManagers.
	 */
	setAutolock(on: boolean): void {
		if (!on) delete this.state.unlockKey;
		else this.state.unlockKey ??= drawUnlockKey(this.kernel.rng.stream('swarm/unlock-key'));
	}

	isLocked(host: string): boolean {
		return (this.state.locked ?? []).includes(host);
	}

	/** A manager came up with autolock on: its Raft data stays sealed until unlocked. */
	lock(host: string): void {
		if (!this.isLocked(host)) this.state.locked = [...(this.state.locked ?? []), host];
	}

	unlock(host: string): void {
		this.state.locked = (this.state.locked ?? []).filter((h) => h !== host);
	}

	/** `docker swarm unlock-key --rotate`: a new key. */
	rotateUnlockKey(): void {
		if (this.state.unlockKey === undefined) return;
		this.state.unlockKey = drawUnlockKey(this.kernel.rng.stream('swarm/unlock-key'));
	}

	/** The last manager holding the swarm's state left: the swarm is gone. */
	erase(): void {
		this.state.current = 0;
		this.state.tokens = null;
		delete this.state.unlockKey;
	}

	enter(host: string, nodeId: string): void {
		this.state.hosts[host] = { nodeId, swarm: this.state.current };
	}

	leave(host: string): void {
		delete this.state.hosts[host];
		this.unlock(host);
	}

	/** A lab that starts with a formed swarm: every host is in generation 1. */
	bootstrap(ids: Readonly<Record<string, string>>): void {
		this.create();
		for (const [host, nodeId] of Object.entries(ids)) this.enter(host, nodeId);
	}

	save(): MembershipState {
		return copy(this.state);
	}

	load(state: unknown): void {
		this.state = copy(state as MembershipState);
	}
}

function copy(s: MembershipState): MembershipState {
	const hosts: Record<string, HostMembership> = {};
	for (const [host, m] of Object.entries(s.hosts)) hosts[host] = { ...m };
	return {
		...s,
		hosts,
		tokens: s.tokens === null ? null : { ...s.tokens },
		...(s.settings !== undefined ? { settings: { ...s.settings } } : {}),
		...(s.locked !== undefined ? { locked: [...s.locked] } : {})
	};
}
