/**
 * A machine's Docker daemon entering and leaving the swarm (moby daemon/cluster/swarm.go Init,
 * Join, Leave; swarmkit node/, ca/, manager/state/raft). Every function answers `{ ok: true … }`
 * or `{ ok: false, error }` with the daemon's text, and a failed call changes nothing.
 *
 * - `leave`: the agent drops its assignments and the daemon removes the task containers, but
 *   nobody tells the managers (swarmkit agent/agent.go `run`: "TODO(stevvooe): Signal to the
 *   manager that the node is leaving"). The node stays listed and turns Down when its heartbeat
 *   TTL runs out (about 15 s, facts §2.3); the orchestrator then replaces its tasks. A manager
 *   that leaves with `--force` stays a Raft member (docker/cli docs swarm_leave.md: "this does
 *   not reconfigure the swarm"), so the others may lose their quorum.
 * - `join`: the token says the role (swarmkit ca/server.go IssueNodeCertificate); the node gets a
 *   new ID every time (identity.NewID); a manager joins Raft as a new voter.
 * - `init`: a new swarm with this machine as its only manager, or with `--force-new-cluster`
 *   the surviving manager's state as a single-voter cluster (raft group `forceNewCluster`).
 * - The last manager leaving erases the swarm: its services, tasks, networks, secrets, configs
 *   and nodes. Workers that were in it keep their old identity until they leave.
 */
import { swarmTlsInfo } from './root-ca';
import type { Hosts } from '../core/hosts';
import { base36Id } from '../core/ids';
import type { Kernel } from '../core/kernel';
import { nodeAddress } from '../core/addresses';
import { rfc3339 } from '../core/time';
import type { RaftGroup } from '../raft/group';
import { NODE_ID_LENGTH, SWARM_PORT, UNLOCK_KEY_PREFIX } from './defaults';
import type { Dispatcher } from './dispatcher';
import type { SwarmManager } from './manager';
import type { Role, SwarmMembership } from './membership';
import { buildSwarmNode, SWARM_NODES, type SwarmNode } from './node-object';
import {
	SWARM_CONFIGS,
	SWARM_NETWORKS,
	SWARM_SECRETS,
	SWARM_SERVICES,
	SWARM_TASKS
} from './objects';
import { digestHex, parseJoinToken } from './tokens';

const DAEMON = 'Error response from daemon: ';

/** moby daemon/cluster/errors.go. */
export const SWARM_EXISTS = `${DAEMON}This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.`;
export const NO_SWARM = `${DAEMON}This node is not part of a swarm`;
export const NOT_MANAGER = `${DAEMON}This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.`;
export const JOIN_TIMEOUT = `${DAEMON}Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.`;
/** swarmkit ca/server.go IssueNodeCertificate. */
export const INVALID_TOKEN = `${DAEMON}rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster`;
/** swarmkit ca/config.go errInvalidJoinToken. */
export const MALFORMED_TOKEN = `${DAEMON}invalid join token`;
/** moby daemon/cluster/listen_addr.go errBadAdvertiseAddr. */
export const BAD_ADVERTISE_ADDR = `${DAEMON}advertise address must be a non-zero IP address or network interface (with optional port number)`;

const LEAVE_MANAGER =
	'You are attempting to leave the swarm on a node that is participating as a manager. ';
const LEAVE_CONSENSUS =
	'The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.';

export type Result<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

export interface LifecycleParts {
	readonly kernel: Kernel;
	readonly hosts: Hosts;
	readonly raft: RaftGroup;
	readonly dispatcher: Dispatcher;
	readonly manager: SwarmManager;
	readonly membership: SwarmMembership;
	/** MANAGER STATUS of a node now (./manager-status.ts), for the leave warnings. */
	readonly managerStatus: (node: SwarmNode) => string;
}

export class SwarmLifecycle {
	constructor(private readonly p: LifecycleParts) {}

	private get kernel(): Kernel {
		return this.p.kernel;
	}

	/** The machine's newest node (stored under the machine's name). */
	private node(host: string): SwarmNode | undefined {
		return this.kernel.store.get<SwarmNode>(SWARM_NODES, host);
	}

	isManagerHost(host: string): boolean {
		return this.p.membership.inSwarm(host) && this.node(host)?.Spec.Role === 'manager';
	}

	/** The address a manager advertises (`<ip>:2377`), as join commands print it. */
	advertisedAddr(host: string): string {
		const node = this.node(host);
		return node?.ManagerStatus?.Addr ?? `${this.ipOf(host)}:${SWARM_PORT}`;
	}

	private ipOf(host: string): string {
		return nodeAddress(this.p.hosts.names.indexOf(host));
	}

	// ─── init ──────────────────────────────────────────────────────────────────────────────────

	init(
		host: string,
		options: { advertiseAddr?: string; forceNewCluster: boolean; availability?: string }
	): Result<{ nodeId: string }> {
		const m = this.p.membership;
		const status = m.status(host);
		if (status !== 'none') {
			if (!options.forceNewCluster) return { ok: false, error: SWARM_EXISTS };
			if (status === 'stale' || !this.isManagerHost(host)) return { ok: false, error: NOT_MANAGER };
			return this.forceNewCluster(host);
		}
		const addr = this.resolveAdvertise(host, options.advertiseAddr);
		if (!addr.ok) return addr;
		if (m.exists) {
			return {
				ok: false,
				error: `"docker swarm init" of a second swarm is not simulated in this lab (it holds one swarm): join the existing one with "docker swarm join"`
			};
		}
		m.create();
		this.p.manager.startNewSwarm();
		const id = base36Id(this.kernel.rng.stream('swarm/ids'), NODE_ID_LENGTH);
		this.putNode(host, id, 'manager', addr.addr, options.availability, true);
		m.enter(host, id);
		this.p.raft.resetMember(host);
		this.p.raft.forceNewCluster(host);
		this.p.dispatcher.register(host);
		this.kernel.emit(
			'swarm.init',
			`node/${host}`,
			`${host} initialised a new swarm and is its only manager.`
		);
		return { ok: true, nodeId: id };
	}

	/**
	 * `docker swarm init --force-new-cluster` on a manager: Raft restarts with this manager as
	 * its only voter and keeps its state (services, tasks, nodes, join tokens). The other
	 * managers are cut off; their nodes stay listed with their manager role but without a
	 * MANAGER STATUS, as they are no longer Raft members (docs: admin_guide.md "Recover from
	 * losing the quorum"). `--advertise-addr` is ignored here as the daemon ignores it
	 * (docker/for-linux#523): the join command keeps the old address.
	 */
	private forceNewCluster(host: string): Result<{ nodeId: string }> {
		const node = this.node(host)!;
		const r = this.p.raft.forceNewCluster(host);
		if (!r.ok)
			return { ok: false, error: `${DAEMON}rpc error: code = Unknown desc = raft: ${r.error}` };
		for (const other of this.kernel.store.list<SwarmNode>(SWARM_NODES)) {
			if (other.ID === node.ID || other.ManagerStatus === undefined) continue;
			this.rewrite(other, (n) => {
				const next = { ...n };
				delete next.ManagerStatus;
				return next;
			});
		}
		this.kernel.emit(
			'swarm.force-new-cluster',
			`node/${host}`,
			`${host} forced a new cluster from its state: it is the only manager in Raft now.`
		);
		return { ok: true, nodeId: node.ID };
	}

	private resolveAdvertise(
		host: string,
		given: string | undefined
	): { ok: true; addr: string } | { ok: false; error: string } {
		if (given === undefined || given === '') return { ok: true, addr: this.ipOf(host) };
		const m = /^(.*?)(?::(\d+))?$/.exec(given)!;
		const name = m[1]!;
		const port = m[2] !== undefined ? `:${m[2]}` : '';
		// The lab's machines have one interface, eth0, with the node address.
		if (name === 'eth0') return { ok: true, addr: `${this.ipOf(host)}${port}` };
		if (!/^(\d{1,3})(\.\d{1,3}){3}$/.test(name) || name === '0.0.0.0') {
			return { ok: false, error: BAD_ADVERTISE_ADDR };
		}
		return { ok: true, addr: `${name}${port}` };
	}

	// ─── join ──────────────────────────────────────────────────────────────────────────────────

	join(host: string, token: string, remote: string, availability?: string): Result<{ role: Role }> {
		const m = this.p.membership;
		if (m.status(host) !== 'none') return { ok: false, error: SWARM_EXISTS };
		const parsed = token === '' ? undefined : parseJoinToken(token);
		if (token !== '' && parsed === undefined) return { ok: false, error: MALFORMED_TOKEN };
		const target = this.resolveRemote(remote);
		if (!target.ok) return target;
		const t = target.host;
		const reachable =
			this.p.hosts.isRunning(t) &&
			this.kernel.network.connected(host, t) &&
			this.p.raft.member(t)?.role !== 'stopped';
		if (!reachable) return { ok: false, error: JOIN_TIMEOUT };
		if (parsed !== undefined && parsed.digest !== m.digest) {
			return {
				ok: false,
				error: `${DAEMON}remote CA does not match fingerprint. Expected: ${digestHex(parsed.digest)}`
			};
		}
		// The CA issues the certificate through a Raft write: without a quorum the join hangs.
		if (!this.p.raft.hasQuorum()) return { ok: false, error: JOIN_TIMEOUT };
		const role = m.roleOfToken(token);
		if (role === undefined) return { ok: false, error: INVALID_TOKEN };
		if (this.p.raft.voters().includes(host) && !this.p.raft.isRemoved(host)) {
			return {
				ok: false,
				error: `"docker swarm join" is not simulated in this lab for a machine whose old node is still a Raft member: demote and remove the old node first (docker node demote, docker node rm)`
			};
		}
		if (role === 'manager') {
			// One voter at a time (Raft thesis §4.1); a refused change leaves everything as it was.
			const existed = this.p.raft.has(host);
			const added = this.p.raft.addMember(host);
			if (!added.ok) {
				return {
					ok: false,
					error: `${DAEMON}rpc error: code = Unknown desc = raft: ${added.error}`
				};
			}
			// The machine's Raft state was wiped when it left: it starts empty.
			if (existed) this.p.raft.resetMember(host);
		}
		const id = base36Id(this.kernel.rng.stream('swarm/ids'), NODE_ID_LENGTH);
		const old = this.node(host);
		if (old !== undefined) {
			// The old node stays listed (Down) under its ID until `docker node rm`.
			this.kernel.store.delete(SWARM_NODES, host);
			this.kernel.store.put<SwarmNode>(SWARM_NODES, old.ID, (rv) => ({
				...old,
				Version: { Index: rv }
			}));
			this.p.dispatcher.retire(host, old.ID);
		}
		this.putNode(host, id, role, this.ipOf(host), availability, false);
		m.enter(host, id);
		this.p.dispatcher.register(host);
		this.kernel.emit(
			'swarm.node.joined',
			`node/${host}`,
			`${host} joined the swarm as a ${role} (node ${id}).`
		);
		return { ok: true, role };
	}

	/**
	 * The manager a join dials: an IP or a machine name, with an optional port. undefined host:
	 * nothing answers there (the join times out); a machine that runs no manager refuses.
	 */
	private resolveRemote(remote: string): { ok: true; host: string } | { ok: false; error: string } {
		const m = /^(.*?)(?::(\d+))?$/.exec(remote)!;
		const name = m[1]!;
		const port = Number(m[2] ?? SWARM_PORT);
		const hostByAddr = this.p.hosts.names.find((h) => {
			const node = this.node(h);
			const advertised = node?.ManagerStatus?.Addr.split(':')[0];
			return h === name || this.ipOf(h) === name || advertised === name;
		});
		if (hostByAddr === undefined) return { ok: false, error: JOIN_TIMEOUT };
		const advertisedPort = Number(
			this.node(hostByAddr)?.ManagerStatus?.Addr.split(':')[1] ?? SWARM_PORT
		);
		if (!this.isManagerHost(hostByAddr) || port !== advertisedPort) {
			if (!this.p.hosts.isRunning(hostByAddr)) return { ok: false, error: JOIN_TIMEOUT };
			const ip = /^\d/.test(name) ? name : this.ipOf(hostByAddr);
			return {
				ok: false,
				error: `${DAEMON}rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${ip}:${port}: connect: connection refused"`
			};
		}
		return { ok: true, host: hostByAddr };
	}

	// ─── leave ─────────────────────────────────────────────────────────────────────────────────

	leave(host: string, force: boolean): Result {
		const m = this.p.membership;
		const status = m.status(host);
		if (status === 'none') return { ok: false, error: NO_SWARM };
		const manager = status === 'current' && this.isManagerHost(host);
		if (manager && !force) return { ok: false, error: DAEMON + this.leaveWarning(host) };
		this.p.dispatcher.halt(host);
		this.p.manager.halt(host);
		this.p.raft.crash(host);
		m.leave(host);
		this.kernel.emit('swarm.node.left', `node/${host}`, `${host} left the swarm.`);
		if (manager && !m.members().some((h) => this.isManagerHost(h))) this.erase();
		return { ok: true };
	}

	/** moby daemon/cluster/swarm.go Leave: the warning a manager gets without `--force`. */
	private leaveWarning(host: string): string {
		let msg = LEAVE_MANAGER;
		if (this.p.raft.leader() === undefined) return msg + LEAVE_CONSENSUS;
		let reachable = 0;
		let unreachable = 0;
		let active = false;
		for (const node of this.kernel.store.list<SwarmNode>(SWARM_NODES)) {
			const s = this.p.managerStatus(node);
			if (s === 'Leader' || s === 'Reachable') {
				reachable++;
				if (node.ID === this.node(host)?.ID) active = true;
			} else if (s === 'Unreachable') unreachable++;
		}
		// removingManagerCausesLossOfQuorum and isLastManager (daemon/cluster/utils.go).
		if (active && reachable - 2 <= unreachable) {
			if (reachable === 1 && unreachable === 0) {
				// The daemon returns this one early, with its trailing space.
				return `${msg}Removing the last manager erases all current state of the swarm. Use \`--force\` to ignore this message. `;
			}
			msg += `Removing this node leaves ${reachable - 1} managers out of ${reachable + unreachable}. Without a Raft quorum your swarm will be inaccessible. `;
		}
		return msg + LEAVE_CONSENSUS;
	}

	/** No manager holds the swarm's state any more: it is gone. */
	private erase(): void {
		const k = this.kernel;
		for (const node of k.store.list<SwarmNode>(SWARM_NODES)) {
			k.store.delete(SWARM_NODES, node.Description.Hostname);
			k.store.delete(SWARM_NODES, node.ID);
		}
		for (const collection of [
			SWARM_TASKS,
			SWARM_SERVICES,
			SWARM_NETWORKS,
			SWARM_SECRETS,
			SWARM_CONFIGS
		]) {
			for (const object of k.store.list<{ ID: string }>(collection)) {
				k.store.delete(collection, object.ID);
			}
		}
		this.p.membership.erase();
		k.emit('swarm.erased', 'swarm', 'The last manager left: the swarm and all its state are gone.');
	}

	// ─── join tokens ───────────────────────────────────────────────────────────────────────────

	rotate(role: Role): void {
		this.p.membership.rotate(role);
		this.kernel.emit('swarm.token.rotated', 'swarm', `The ${role} join token was rotated.`);
	}

	// ─── autolock ──────────────────────────────────────────────────────────────────────────────

	/**
	 * `docker swarm unlock` on a locked manager (moby daemon/cluster/swarm.go UnlockSwarm): the key
	 * must parse (encryption.ParseHumanReadableKey: `SWMKEY-1-` and unpadded base64, else
	 * "invalid key string") and be the swarm's; then the manager's swarm node starts as a boot
	 * would have started it.
	 */
	unlock(host: string, key: string): Result {
		const m = this.p.membership;
		const body = key.startsWith(`${UNLOCK_KEY_PREFIX}-`)
			? key.slice(UNLOCK_KEY_PREFIX.length + 1)
			: '';
		if (!/^[A-Za-z0-9+/]*$/.test(body) || body === '' || body.length % 4 === 1) {
			return { ok: false, error: `${DAEMON}invalid key string` };
		}
		if (key !== m.unlockKey) {
			return { ok: false, error: `${DAEMON}swarm could not be unlocked: invalid key provided` };
		}
		m.unlock(host);
		this.p.raft.restart(host);
		this.p.dispatcher.boot(host);
		this.p.manager.boot(host);
		this.kernel.emit('swarm.unlocked', `node/${host}`, `The manager on ${host} was unlocked.`);
		return { ok: true };
	}

	// ─── helpers ───────────────────────────────────────────────────────────────────────────────

	private putNode(
		host: string,
		id: string,
		role: Role,
		addr: string,
		availability: string | undefined,
		leader: boolean
	): void {
		const k = this.kernel;
		const index = this.p.hosts.names.indexOf(host);
		const now = rfc3339(k.now);
		k.store.put<SwarmNode>(SWARM_NODES, host, (rv) => {
			const node = buildSwarmNode(
				id,
				host,
				role,
				index,
				leader,
				rv,
				swarmTlsInfo(this.p.membership.digest)
			);
			node.CreatedAt = now;
			node.UpdatedAt = now;
			if (availability !== undefined) node.Spec.Availability = availability;
			const ip = addr.split(':')[0]!;
			node.Status = { ...node.Status, Addr: this.ipOf(host) };
			if (node.ManagerStatus !== undefined) {
				node.ManagerStatus = {
					...node.ManagerStatus,
					Addr: addr.includes(':') ? addr : `${ip}:${SWARM_PORT}`
				};
			}
			return node;
		});
	}

	private rewrite(node: SwarmNode, change: (n: SwarmNode) => SwarmNode): void {
		const k = this.kernel;
		const key =
			this.node(node.Description.Hostname)?.ID === node.ID ? node.Description.Hostname : node.ID;
		k.store.put<SwarmNode>(SWARM_NODES, key, (rv) => ({
			...change(node),
			Version: { Index: rv },
			UpdatedAt: rfc3339(k.now)
		}));
	}
}
