/**
 * The network as a swarm task's container meets it: Docker's embedded DNS (127.0.0.11) names
 * the services that share an overlay network with it — the service's VIP, or `tasks.NAME` its
 * tasks' addresses (docker/docs engine/swarm/networking.md "Service discovery"); a connection to
 * a VIP goes through the node's IPVS, the path `sim traffic --via vip` takes
 * (swarm/routing-mesh.ts), to one running task, which answers only if its program listens.
 * With no task behind the VIP, IPVS answers ICMP port unreachable (ip_vs_leave): refused.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { programFor } from '../../kubernetes/kubelet/container-program';
import { labRegistry } from '../../registry/lab-registry';
import {
	SWARM_SERVICES,
	SWARM_TASKS,
	type SwarmService,
	type SwarmTask
} from '../../swarm/objects';
import type { SwarmCluster } from '../../swarm/cluster';
import { SWARM_NODES, type SwarmNode } from '../../swarm/node-object';
import { trafficOf } from '../../traffic/generator';
import type { Answer } from '../kubectl/exec-dns';
import type { Connection, ContainerNetwork, HostLookup } from '../kubectl/exec-network';
import { NotSimulated } from '../kubectl/exec-tools';
import { SECRETS_DIR } from './task-files';

/** Docker's embedded DNS server, in every container on a user-defined network. */
const EMBEDDED_DNS = '127.0.0.11';

const addressOf = (cidr: string) => cidr.split('/')[0] ?? '';

/** A task's container as the shared tools see one: a pod-shaped stand-in. */
export function taskContainer(
	task: SwarmTask,
	hostname: string
): { pod: Pod; container: Container } {
	const spec = task.Spec.ContainerSpec;
	// /run/secrets is where the daemon mounts secrets (./task-files.ts): told to the shared
	// tools as a Secret volume, a file missing there is missing, not unknown to the lab.
	const secrets = 'swarm-secrets';
	return {
		pod: {
			metadata: { name: hostname },
			spec: { hostname, containers: [], volumes: [{ name: secrets, secret: {} }] }
		},
		container: {
			name: 'task',
			image: spec.Image,
			...(spec.Command !== undefined ? { command: spec.Command } : {}),
			...(spec.Args !== undefined ? { args: spec.Args } : {}),
			volumeMounts: [{ name: secrets, mountPath: SECRETS_DIR, readOnly: true }]
		}
	};
}

/** The container's hostname: the spec's, else its container ID's first 12 digits (moby). */
export function taskHostname(task: SwarmTask): string {
	return (
		task.Spec.ContainerSpec.Hostname ??
		task.Status.ContainerStatus?.ContainerID.slice(0, 12) ??
		task.ID.slice(0, 12)
	);
}

export class TaskNetwork implements ContainerNetwork {
	usedProxy = false;
	readonly conf = { nameservers: [EMBEDDED_DNS], search: [], ndots: 0 };

	constructor(
		private readonly kernel: Kernel,
		private readonly swarm: SwarmCluster,
		private readonly task: SwarmTask
	) {}

	dnsReachable(): boolean {
		return true;
	}

	/** Networks this task is attached to (the ingress network does no service discovery). */
	private networks(): Set<string> {
		return new Set(
			(this.task.NetworksAttachments ?? [])
				.filter((a) => a.Network.Spec.Name !== 'ingress')
				.map((a) => a.Network.ID)
		);
	}

	private services(): SwarmService[] {
		return this.kernel.store.list<SwarmService>(SWARM_SERVICES);
	}

	private running(service: SwarmService): SwarmTask[] {
		return this.kernel.store
			.list<SwarmTask>(SWARM_TASKS)
			.filter((t) => t.ServiceID === service.ID && t.Status.State === 'running');
	}

	lookup(name: string): HostLookup {
		if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return { ok: true, fqdn: name, ip: name };
		const nets = this.networks();
		const wanted = name.replace(/\.$/, '');
		const tasksOf = wanted.startsWith('tasks.') ? wanted.slice('tasks.'.length) : undefined;
		const service = this.services().find((s) => s.Spec.Name === (tasksOf ?? wanted));
		if (service !== undefined) {
			const vip = (service.Endpoint.VirtualIPs ?? []).find((v) => nets.has(v.NetworkID));
			if (tasksOf === undefined && vip !== undefined)
				return { ok: true, fqdn: wanted, ip: addressOf(vip.Addr) };
			const address = this.running(service)
				.flatMap((t) => t.NetworksAttachments ?? [])
				.find((a) => nets.has(a.Network.ID))?.Addresses[0];
			if (address !== undefined) return { ok: true, fqdn: wanted, ip: addressOf(address) };
			return { ok: false, reason: 'nxdomain' };
		}
		// Other names go to the host's resolvers, which the lab does not have.
		return { ok: false, reason: wanted.includes('.') ? 'upstream' : 'nxdomain' };
	}

	query(): Answer | undefined {
		throw new NotSimulated("nslookup against Docker's embedded DNS");
	}

	connect(ip: string, port: number): Connection {
		const k = this.kernel;
		const vipOf = this.services().find((s) =>
			(s.Endpoint.VirtualIPs ?? []).some((v) => addressOf(v.Addr) === ip)
		);
		if (vipOf !== undefined) {
			const target = trafficOf(k)?.target;
			const resolved = target?.resolve(vipOf.Spec.Name, 'vip', '');
			if (target === undefined || resolved === undefined || !resolved.ok)
				return { ok: false, reason: 'timeout' };
			this.usedProxy = true;
			const self = this.swarm.self;
			const outcome = target.route(
				{ ...resolved.target, entries: [self] },
				{ seq: 0, t: k.now, client: ip, entry: self, host: '', path: '/' }
			);
			if (!outcome.ok)
				return {
					ok: false,
					reason:
						outcome.reason === 'no endpoints' || outcome.reason === 'connection refused'
							? 'refused'
							: 'timeout'
				};
			const [, slot] = /\.([^.]+)$/.exec(outcome.backend) ?? [];
			const task = this.running(vipOf).find(
				(t) => String(t.Slot ?? t.NodeID) === slot && this.hostOf(t) === outcome.node
			);
			return task === undefined ? { ok: false, reason: 'refused' } : this.accept(task, port);
		}
		const task = k.store
			.list<SwarmTask>(SWARM_TASKS)
			.find((t) =>
				(t.NetworksAttachments ?? []).some((a) => a.Addresses.some((x) => addressOf(x) === ip))
			);
		if (task === undefined) return { ok: false, reason: 'outside' };
		const host = this.hostOf(task);
		if (!this.swarm.runtime.isRunning(host) || !k.network.connected(this.swarm.self, host))
			return { ok: false, reason: 'timeout' };
		return this.accept(task, port);
	}

	private hostOf(task: SwarmTask): string {
		return (
			this.kernel.store.list<SwarmNode>(SWARM_NODES).find((n) => n.ID === task.NodeID)?.Description
				.Hostname ?? ''
		);
	}

	/** The task's container, if it runs and its program listens on `port`. */
	private accept(task: SwarmTask, port: number): Connection {
		const run = this.swarm.runtime.state.runs[this.hostOf(task)]?.[task.ID];
		if (run === undefined || run.state !== 'running' || run.stopping === true)
			return { ok: false, reason: 'refused' };
		const { pod, container } = taskContainer(task, taskHostname(task));
		const config = labRegistry(this.kernel).configOf(container.image ?? '');
		const listens = programFor(container, config).listens;
		if (listens !== undefined && !listens.includes(port)) return { ok: false, reason: 'refused' };
		const service = this.kernel.store.get<SwarmService>(SWARM_SERVICES, task.ServiceID);
		const label = `task ${service?.Spec.Name ?? task.ServiceID}.${task.Slot ?? task.NodeID}`;
		return { ok: true, pod, container, port, label };
	}
}
