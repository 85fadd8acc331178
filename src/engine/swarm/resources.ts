/**
 * Networks, secrets and configs of the swarm (controlapi network.go, secret.go, config.go): the
 * objects stacks create and services refer to. Each write asks for a quorum first.
 */
import { INGRESS, networkByName } from './allocator';
import {
	SWARM_CONFIGS,
	SWARM_NETWORKS,
	SWARM_SECRETS,
	type SwarmNetwork,
	type SwarmSecret
} from './objects';
import { ipamError, type IpamConfig } from './ipam';
import { apiTime, type SwarmRuntime } from './runtime';
import { NO_LEADER_ERROR } from './services';
import type { NetworkSpec } from './spec';
import { newObjectId } from './tasks';

export type Made<T> = { ok: true; object: T } | { ok: false; error: string };

/** The `ingress` overlay network every swarm starts with (10.0.0.0/24). */
export function createIngress(rt: SwarmRuntime): void {
	if (networkByName(rt, INGRESS) !== undefined) return;
	putNetwork(rt, { Name: INGRESS, Driver: 'overlay' }, '10.0.0.0/24', true);
}

function putNetwork(
	rt: SwarmRuntime,
	spec: NetworkSpec,
	subnet: string,
	ingress: boolean,
	scope: 'swarm' | 'local' = 'swarm',
	ipam?: IpamConfig
): SwarmNetwork {
	const id = newObjectId(rt);
	const now = apiTime(rt.kernel.now);
	const { External: _external, IPAM: _ipam, ...rest } = spec;
	void _external;
	void _ipam;
	return rt.kernel.store.put<SwarmNetwork>(SWARM_NETWORKS, id, (rv) => ({
		ID: id,
		Version: { Index: rv },
		CreatedAt: now,
		UpdatedAt: now,
		Spec: { ...rest, Scope: scope, ...(ingress ? { Ingress: true } : {}) },
		Subnet: subnet,
		...(ipam !== undefined ? { IPAM: { ...ipam } } : {})
	}));
}

/**
 * Drivers whose networks are local to one daemon. The Engine API creates such a network on the
 * daemon it was sent to, even on a manager (moby api/server/router/network postNetworkCreate
 * only hands global-scope drivers to the swarm), so a stack file's `driver: bridge` network is
 * made, and its services are then refused (daemon/cluster populateNetworkID).
 */
export const LOCAL_NETWORK_DRIVERS: readonly string[] = ['bridge', 'macvlan', 'ipvlan'];

/**
 * A local network's subnet: the daemon's default pools give 172.17.0.0/16 to `bridge` and
 * 172.18.0.0/16 to `docker_gwbridge`, then the next free /16 (libnetwork ipamutils).
 */
function localSubnet(rt: SwarmRuntime): string {
	const used = new Set(
		rt.kernel.store
			.list<SwarmNetwork>(SWARM_NETWORKS)
			.filter((n) => n.Spec.Scope === 'local')
			.map((n) => n.Subnet)
	);
	let octet = 19;
	while (used.has(`172.${octet}.0.0/16`)) octet++;
	return `172.${octet}.0.0/16`;
}

export function createNetwork(
	rt: SwarmRuntime,
	spec: NetworkSpec,
	ipam?: IpamConfig
): Made<SwarmNetwork> {
	if (!rt.quorum()) return { ok: false, error: NO_LEADER_ERROR };
	if (networkByName(rt, spec.Name) !== undefined) {
		return { ok: false, error: `network with name ${spec.Name} already exists` };
	}
	let net: SwarmNetwork;
	if (LOCAL_NETWORK_DRIVERS.includes(spec.Driver)) {
		net = putNetwork(rt, spec, localSubnet(rt), false, 'local');
	} else if (ipam !== undefined) {
		// controlapi/network.go validateIPAM, before anything is made.
		const bad = ipamError(ipam);
		if (bad !== undefined)
			return { ok: false, error: `rpc error: code = InvalidArgument desc = ${bad}` };
		net = putNetwork(rt, spec, ipam.Subnet, false, 'swarm', ipam);
	} else {
		const subnet = rt.state.nextSubnet;
		rt.state.nextSubnet = subnet + 1;
		net = putNetwork(rt, spec, `10.0.${subnet}.0/24`, false);
	}
	rt.kernel.emit('swarm.network.created', `network/${spec.Name}`, `Network ${spec.Name} created.`);
	return { ok: true, object: net };
}

export function removeNetwork(rt: SwarmRuntime, ref: string): Made<SwarmNetwork> {
	if (!rt.quorum()) return { ok: false, error: NO_LEADER_ERROR };
	const net = networkByName(rt, ref);
	if (net === undefined) return { ok: false, error: `network ${ref} not found` };
	rt.kernel.store.delete(SWARM_NETWORKS, net.ID);
	return { ok: true, object: net };
}

type Kind = 'secret' | 'config';
const COLLECTION: Record<Kind, string> = { secret: SWARM_SECRETS, config: SWARM_CONFIGS };

export function findNamed(rt: SwarmRuntime, kind: Kind, ref: string): SwarmSecret | undefined {
	const all = rt.kernel.store.list<SwarmSecret>(COLLECTION[kind]);
	return all.find((s) => s.ID === ref) ?? all.find((s) => s.Spec.Name === ref);
}

export function createNamed(
	rt: SwarmRuntime,
	kind: Kind,
	spec: { Name: string; Labels?: Record<string, string>; Data?: string }
): Made<SwarmSecret> {
	if (!rt.quorum()) return { ok: false, error: NO_LEADER_ERROR };
	if (findNamed(rt, kind, spec.Name) !== undefined) {
		return {
			ok: false,
			error: `rpc error: code = AlreadyExists desc = ${kind} ${spec.Name} already exists`
		};
	}
	const id = newObjectId(rt);
	const now = apiTime(rt.kernel.now);
	const object = rt.kernel.store.put<SwarmSecret>(COLLECTION[kind], id, (rv) => ({
		ID: id,
		Version: { Index: rv },
		CreatedAt: now,
		UpdatedAt: now,
		Spec: {
			Name: spec.Name,
			Labels: spec.Labels ?? {},
			...(spec.Data !== undefined ? { Data: spec.Data } : {})
		}
	}));
	return { ok: true, object };
}

export function removeNamed(rt: SwarmRuntime, kind: Kind, ref: string): Made<SwarmSecret> {
	if (!rt.quorum()) return { ok: false, error: NO_LEADER_ERROR };
	const found = findNamed(rt, kind, ref);
	if (found === undefined) {
		return { ok: false, error: `rpc error: code = NotFound desc = ${kind} ${ref} not found` };
	}
	rt.kernel.store.delete(COLLECTION[kind], found.ID);
	return { ok: true, object: found };
}
