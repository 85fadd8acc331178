/**
 * The allocator's part that users see (swarmkit manager/allocator): published ports (a free one
 * from 30000–32767 when none is given), the service's virtual IPs, and task addresses on the
 * overlay networks (10.0.N.0/24 per network unless the user gave a subnet; ingress is 10.0.0.0/24).
 */
import { DYNAMIC_PORT_END, DYNAMIC_PORT_START } from './defaults';
import { addressAt } from './ipam';
import { SWARM_NETWORKS, SWARM_SERVICES, type SwarmNetwork, type SwarmService } from './objects';
import type { PortConfig, ServiceSpec } from './spec';
import type { SwarmRuntime } from './runtime';

export const INGRESS = 'ingress';

export function networkByName(rt: SwarmRuntime, nameOrId: string): SwarmNetwork | undefined {
	const all = rt.kernel.store.list<SwarmNetwork>(SWARM_NETWORKS);
	return all.find((n) => n.ID === nameOrId) ?? all.find((n) => n.Spec.Name === nameOrId);
}

/**
 * The next address of a network, as `ADDR/BITS` (`10.0.N.x/24` by default), from its ip-range
 * when it has one, never the network address or the gateway.
 */
export function nextAddress(rt: SwarmRuntime, network: SwarmNetwork): string {
	const pool = network.IPAM ?? { Subnet: network.Subnet };
	const { addr, next } = addressAt(pool, rt.state.nextAddr[network.ID] ?? 0);
	rt.state.nextAddr[network.ID] = next;
	return addr;
}

function ingressPortsInUse(rt: SwarmRuntime, exceptServiceId?: string): Map<string, SwarmService> {
	const used = new Map<string, SwarmService>();
	for (const s of rt.kernel.store.list<SwarmService>(SWARM_SERVICES)) {
		if (s.ID === exceptServiceId) continue;
		for (const p of s.Endpoint.Ports ?? []) {
			if (p.PublishMode !== 'host') used.set(`${p.Protocol ?? 'tcp'}/${p.PublishedPort}`, s);
		}
	}
	return used;
}

/**
 * Fills in published ports: a given ingress port must be free in the whole swarm (every node
 * listens on it); an absent one gets the lowest free port from 30000 (portallocator.go). A port
 * the service already had keeps its number across updates.
 */
export function allocatePorts(
	rt: SwarmRuntime,
	spec: ServiceSpec,
	current?: SwarmService
): { ok: true; ports: PortConfig[] } | { ok: false; error: string } {
	const used = ingressPortsInUse(rt, current?.ID);
	const out: PortConfig[] = [];
	const taken = new Set(used.keys());
	for (const p of spec.EndpointSpec?.Ports ?? []) {
		const protocol = p.Protocol ?? 'tcp';
		const mode = p.PublishMode ?? 'ingress';
		let published = p.PublishedPort;
		if (published === undefined || published === 0) {
			if (mode === 'host') {
				out.push({ Protocol: protocol, TargetPort: p.TargetPort, PublishMode: mode });
				continue;
			}
			const before = current?.Endpoint.Ports?.find(
				(q) => q.TargetPort === p.TargetPort && (q.Protocol ?? 'tcp') === protocol
			)?.PublishedPort;
			published = before;
			if (published === undefined || taken.has(`${protocol}/${published}`)) {
				published = DYNAMIC_PORT_START;
				while (published <= DYNAMIC_PORT_END && taken.has(`${protocol}/${published}`)) published++;
			}
		} else if (mode === 'ingress') {
			const owner = used.get(`${protocol}/${published}`);
			if (owner !== undefined) {
				return {
					ok: false,
					error: `rpc error: code = InvalidArgument desc = port '${published}' is already in use by service '${owner.Spec.Name}' (${owner.ID}) as an ingress port`
				};
			}
		}
		if (mode === 'ingress') taken.add(`${protocol}/${published}`);
		out.push({
			...(p.Name !== undefined ? { Name: p.Name } : {}),
			Protocol: protocol,
			TargetPort: p.TargetPort,
			PublishedPort: published,
			PublishMode: mode
		});
	}
	return { ok: true, ports: out };
}

/** The virtual IPs of a `vip` service: one on ingress when it publishes, one per network. */
export function allocateVips(
	rt: SwarmRuntime,
	spec: ServiceSpec,
	ports: readonly PortConfig[],
	current?: SwarmService
): { NetworkID: string; Addr: string }[] {
	if ((spec.EndpointSpec?.Mode ?? 'vip') !== 'vip') return [];
	const wanted: SwarmNetwork[] = [];
	const ingress = networkByName(rt, INGRESS);
	if (ingress !== undefined && ports.some((p) => p.PublishMode === 'ingress')) wanted.push(ingress);
	for (const n of spec.TaskTemplate.Networks ?? []) {
		const net = networkByName(rt, n.Target);
		if (net !== undefined && !wanted.includes(net)) wanted.push(net);
	}
	return wanted.map((net) => {
		const had = current?.Endpoint.VirtualIPs?.find((v) => v.NetworkID === net.ID);
		return had ?? { NetworkID: net.ID, Addr: nextAddress(rt, net) };
	});
}
