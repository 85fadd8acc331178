/**
 * `docker network ls|inspect|rm` (docker/cli cli/command/network/list.go, inspect.go,
 * remove.go, formatter.go; moby daemon/network.go; swarmkit manager/controlapi/network.go).
 * Networks are per daemon: every swarm node has the local `bridge`, `docker_gwbridge`, `host`
 * and `none`; a manager sees every swarm network, a worker only `ingress` and the overlays its
 * tasks are attached to.
 */
import { gatewayOf, type IpamConfig } from '../../swarm/ipam';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { naturalCompare } from '../../swarm/natural';
import { sha256Hex } from '../../images/sha256';
import { rfc3339 } from '../../core/time';
import { WORKSTATION } from '../../images/defaults';
import { swarmDocker } from '../../flavors/registry';
import {
	SWARM_SERVICES,
	SWARM_TASKS,
	type SwarmNetwork,
	type SwarmService,
	type SwarmTask
} from '../../swarm/objects';
import { SWARM_NODES, type SwarmNode } from '../../swarm/node-object';
import { DAEMON_DOWN, unknownFlag } from './errors';
import { managerProblem } from './network-secret-config';
import { anyOf, labelsMatch, parseFilters } from './filters';
import { listOutput } from './list-output';
import { removeEach, type RemoveOutcome } from './remove-each';
import { runInspect } from './inspect-output';
import { ownValue } from '../../core/own-keys';

/** One network as the Engine API's NetworkResource carries it. */
export interface NetworkResource {
	Name: string;
	Id: string;
	Created: string;
	Scope: 'local' | 'swarm';
	Driver: string;
	EnableIPv4: boolean;
	EnableIPv6: boolean;
	IPAM: {
		Driver: string;
		Options: Record<string, string> | null;
		Config: { Subnet: string; IPRange?: string; Gateway: string }[];
	};
	Internal: boolean;
	Attachable: boolean;
	Ingress: boolean;
	ConfigFrom: { Network: string };
	ConfigOnly: boolean;
	Containers: Record<string, never> | null;
	Options: Record<string, string>;
	Labels: Record<string, string>;
}

/**
 * The networks a daemon creates for itself (moby daemon/daemon_unix.go: bridge, host, none;
 * daemon/cluster/executor: docker_gwbridge when the node joins a swarm). Their subnets are
 * docker's defaults: 172.17.0.0/16 for bridge, the next /16 for docker_gwbridge.
 */
const LOCAL_NETWORKS: readonly { name: string; driver: string; subnet?: string }[] = [
	{ name: 'bridge', driver: 'bridge', subnet: '172.17.0.0/16' },
	{ name: 'docker_gwbridge', driver: 'bridge', subnet: '172.18.0.0/16' },
	{ name: 'host', driver: 'host' },
	{ name: 'none', driver: 'null' }
];

/** The pre-defined networks `docker network rm` refuses (moby daemon/network.go). */
const PREDEFINED = new Set(['bridge', 'host', 'none']);

function localNetwork(host: string, n: (typeof LOCAL_NETWORKS)[number]): NetworkResource {
	const subnet = n.subnet;
	return {
		Name: n.name,
		// A daemon's local network IDs are random 64-hex strings; the lab derives them from the
		// machine and the name so that a seed replays the same IDs.
		Id: sha256Hex(`network/${host}/${n.name}`),
		Created: rfc3339(0),
		Scope: 'local',
		Driver: n.driver,
		EnableIPv4: true,
		EnableIPv6: false,
		IPAM: {
			Driver: 'default',
			Options: null,
			Config:
				subnet === undefined
					? []
					: [{ Subnet: subnet, Gateway: subnet.replace(/\.0\.0\/16$/, '.0.1') }]
		},
		Internal: false,
		Attachable: false,
		Ingress: false,
		ConfigFrom: { Network: '' },
		ConfigOnly: false,
		Containers: {},
		Options: {},
		Labels: {}
	};
}

function ipamConfigJson(c: IpamConfig): { Subnet: string; IPRange?: string; Gateway: string } {
	return {
		Subnet: c.Subnet,
		...(c.IPRange !== undefined ? { IPRange: c.IPRange } : {}),
		Gateway: gatewayOf(c)
	};
}

function swarmNetwork(n: SwarmNetwork): NetworkResource {
	return {
		Name: n.Spec.Name,
		Id: n.ID,
		Created: n.CreatedAt,
		Scope: n.Spec.Scope,
		Driver: n.Spec.Driver,
		EnableIPv4: true,
		EnableIPv6: false,
		IPAM: {
			Driver: 'default',
			Options: null,
			// network.IPAMConfig's field order: Subnet, IPRange, Gateway.
			Config: [ipamConfigJson(n.IPAM ?? { Subnet: n.Subnet })]
		},
		Internal: n.Spec.Internal === true,
		Attachable: n.Spec.Attachable === true,
		Ingress: n.Spec.Ingress === true,
		ConfigFrom: { Network: '' },
		ConfigOnly: false,
		Containers: null,
		Options: { ...(n.Spec.Options ?? {}) },
		Labels: { ...(n.Spec.Labels ?? {}) }
	};
}

/** Whether the host is a manager of the current swarm (it then sees every swarm network). */
function isManager(ctx: CommandContext, host: string): boolean {
	const node = ctx.kernel.store.get<SwarmNode>(SWARM_NODES, host);
	return node?.Spec.Role === 'manager';
}

/** The node ID of a host, for the tasks it runs. */
function nodeIdOf(ctx: CommandContext, host: string): string | undefined {
	return ctx.swarm?.membership.nodeIdOf(host);
}

/** The networks the daemon of the console's machine knows. */
export function daemonNetworks(ctx: CommandContext): NetworkResource[] {
	const swarm = ctx.swarm;
	// Outside a swarm lab the CLI talks to the learner's workstation, a plain daemon.
	if (swarm === undefined) {
		return LOCAL_NETWORKS.filter((n) => n.name !== 'docker_gwbridge').map((n) =>
			localNetwork(WORKSTATION, n)
		);
	}
	const host = swarm.self;
	const status = swarm.membership.status(host);
	const local = LOCAL_NETWORKS.filter((n) => status !== 'none' || n.name !== 'docker_gwbridge').map(
		(n) => localNetwork(host, n)
	);
	if (status !== 'current') return local;
	// A swarm exists, so the Swarm flavour that asks its managers is loaded.
	const all = swarmDocker().control.listNetworks(ctx);
	let visible = all;
	if (!isManager(ctx, host)) {
		const nodeId = nodeIdOf(ctx, host);
		const attached = new Set(
			ctx.kernel.store
				.list<SwarmTask>(SWARM_TASKS)
				.filter((t) => t.NodeID === nodeId && t.Status.State === 'running')
				.flatMap((t) => t.Spec.Networks ?? [])
				.map((a) => a.Target)
		);
		visible = all.filter(
			(n) => n.Spec.Ingress === true || attached.has(n.ID) || attached.has(n.Spec.Name)
		);
	}
	return [...local, ...visible.map(swarmNetwork)];
}

/** moby's network lookup: full ID, then exact name, then a unique ID prefix. */
export function findNetwork(
	networks: readonly NetworkResource[],
	ref: string
): NetworkResource | undefined {
	const byId = networks.find((n) => n.Id === ref) ?? networks.find((n) => n.Name === ref);
	if (byId !== undefined) return byId;
	const prefixed = networks.filter((n) => n.Id.startsWith(ref));
	return prefixed.length === 1 ? prefixed[0] : undefined;
}

const LS_USAGE = 'docker network ls [OPTIONS]';
const HEADERS: Record<string, string> = {
	ID: 'NETWORK ID',
	Name: 'NAME',
	Driver: 'DRIVER',
	Scope: 'SCOPE',
	IPv4: 'IPV4',
	IPv6: 'IPV6',
	Internal: 'INTERNAL',
	Labels: 'LABELS',
	CreatedAt: 'CREATED AT'
};

function row(n: NetworkResource, noTrunc: boolean): Record<string, unknown> {
	return {
		ID: noTrunc ? n.Id : n.Id.slice(0, 12),
		Name: n.Name,
		Driver: n.Driver,
		Scope: n.Scope,
		IPv4: String(n.EnableIPv4),
		IPv6: String(n.EnableIPv6),
		Internal: String(n.Internal),
		Labels: Object.entries(n.Labels)
			.map(([k, v]) => `${k}=${v}`)
			.join(','),
		CreatedAt: n.Created
	};
}

/** moby daemon/network/filter.go: the keys `docker network ls --filter` takes. */
const NETWORK_FILTERS = ['dangling', 'driver', 'id', 'label', 'name', 'scope', 'type'];

function networkLs(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'filter', short: 'f', repeatable: true },
		{ long: 'format' },
		{ long: 'quiet', short: 'q', bool: true },
		{ long: 'no-trunc', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker network ls', LS_USAGE));
	if (boolFlag(parsed.flags, 'help')) return ok(`\nUsage:  ${LS_USAGE}\n\nList networks\n`);
	if (parsed.args.length > 0) {
		return fail(
			`"docker network ls" accepts no arguments.\n\nUsage:  ${LS_USAGE}\n\nRun 'docker network ls --help' for more information\n`
		);
	}
	const filtered = parseFilters(
		parsed.flags.get('filter') ?? [],
		NETWORK_FILTERS,
		'docker network ls'
	);
	if (!filtered.ok) return fail(filtered.error);
	const f = filtered.filters;
	if (ctx.swarm !== undefined && !ctx.swarm.hosts.isRunning(ctx.swarm.self))
		return fail(DAEMON_DOWN);
	for (const t of f.get('type') ?? []) {
		if (t !== 'custom' && t !== 'builtin') {
			return fail(`Error response from daemon: invalid filter: 'type'='${t}'\n`);
		}
	}
	const networks = daemonNetworks(ctx)
		.filter(
			(n) =>
				anyOf(f, 'name', (v) => n.Name.includes(v)) &&
				anyOf(f, 'id', (v) => n.Id.includes(v)) &&
				anyOf(f, 'driver', (v) => n.Driver === v) &&
				anyOf(f, 'scope', (v) => n.Scope === v) &&
				anyOf(f, 'type', (v) => (v === 'builtin') === isBuiltin(n)) &&
				labelsMatch(f, 'label', n.Labels)
		)
		.sort((a, b) => naturalCompare(a.Name, b.Name));
	const noTrunc = boolFlag(parsed.flags, 'no-trunc');
	const rows = networks.map((n) => row(n, noTrunc));
	if (boolFlag(parsed.flags, 'quiet')) return ok(rows.map((r) => `${r.ID as string}\n`).join(''));
	const format = flag(parsed.flags, 'format');
	return listOutput(rows, format, 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}', HEADERS);
}

/** The networks docker makes itself (moby: the pre-defined ones and the swarm's ingress). */
function isBuiltin(n: NetworkResource): boolean {
	return n.Scope === 'local' || n.Ingress;
}

const INSPECT_USAGE = 'docker network inspect [OPTIONS] NETWORK [NETWORK...]';

function networkInspect(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'format', short: 'f' },
		{ long: 'verbose', short: 'v', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker network inspect', INSPECT_USAGE));
	if (boolFlag(parsed.flags, 'help')) {
		return ok(
			`\nUsage:  ${INSPECT_USAGE}\n\nDisplay detailed information on one or more networks\n`
		);
	}
	if (parsed.args.length === 0)
		return fail(requiresAtLeastOne('docker network inspect', INSPECT_USAGE));
	if (ctx.swarm !== undefined && !ctx.swarm.hosts.isRunning(ctx.swarm.self))
		return fail(DAEMON_DOWN);
	const networks = daemonNetworks(ctx);
	return runInspect({
		refs: parsed.args,
		find: (ref) => findNetwork(networks, ref),
		missing: (ref) => `Error response from daemon: network ${ref} not found`,
		format: flag(parsed.flags, 'format')
	});
}

const RM_USAGE = 'docker network rm NETWORK [NETWORK...]';

function requiresAtLeastOne(command: string, usage: string): string {
	return `docker: '${command}' requires at least 1 argument\n\nUsage:  ${usage}\n\nSee '${command} --help' for more information\n`;
}

/** The first service whose task spec names the network (swarmkit FindServices ByReferencedNetworkID). */
function serviceUsing(ctx: CommandContext, net: NetworkResource): SwarmService | undefined {
	return ctx.kernel.store
		.list<SwarmService>(SWARM_SERVICES)
		.find((s) =>
			(s.Spec.TaskTemplate.Networks ?? []).some((a) => a.Target === net.Id || a.Target === net.Name)
		);
}

function networkRm(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'force', short: 'f', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker network rm', RM_USAGE));
	if (boolFlag(parsed.flags, 'help')) {
		return ok(
			`\nUsage:  ${RM_USAGE}\n\nRemove one or more networks\n\nAliases:\n  docker network rm, docker network remove\n`
		);
	}
	if (parsed.args.length === 0) return fail(requiresAtLeastOne('docker network rm', RM_USAGE));
	if (ctx.swarm !== undefined && !ctx.swarm.hosts.isRunning(ctx.swarm.self))
		return fail(DAEMON_DOWN);
	const force = boolFlag(parsed.flags, 'force');
	// remove.go: each name in turn; a failure is printed and the next one still tried.
	return removeEach(parsed.args, (ref): RemoveOutcome => {
		const net = findNetwork(daemonNetworks(ctx), ref);
		if (net === undefined) {
			return force ? 'skipped' : { error: `Error response from daemon: network ${ref} not found` };
		}
		if (net.Scope === 'local') {
			return {
				error: PREDEFINED.has(net.Name)
					? `Error response from daemon: ${net.Name} is a pre-defined network and cannot be removed`
					: `"docker network rm ${net.Name}": removing a node's own network is not simulated in this lab`
			};
		}
		if (net.Ingress) {
			// remove.go asks for a confirmation first, which a script cannot give.
			return {
				error: `"docker network rm ${net.Name}": removing the routing-mesh network is not simulated in this lab`
			};
		}
		const problem = managerProblem(ctx);
		if (problem !== undefined) {
			return { error: problem.trimEnd() };
		}
		const user = serviceUsing(ctx, net);
		if (user !== undefined) {
			return {
				error: `Error response from daemon: rpc error: code = FailedPrecondition desc = network ${net.Id} is in use by service ${user.ID}`
			};
		}
		const removed = swarmDocker().control.removeNetwork(ctx, net.Id);
		return removed.ok ? 'removed' : { error: removed.error };
	});
}

const NETWORK_COMMANDS: Record<
	string,
	(ctx: CommandContext, words: readonly string[]) => CommandResult
> = {
	ls: networkLs,
	list: networkLs,
	inspect: networkInspect,
	rm: networkRm,
	remove: networkRm
};

/** `docker network ls|inspect|rm`; undefined for the other subcommands. */
export function dockerNetwork(
	ctx: CommandContext,
	sub: string | undefined,
	rest: readonly string[]
): CommandResult | undefined {
	const run = sub === undefined ? undefined : ownValue(NETWORK_COMMANDS, sub);
	return run === undefined ? undefined : run(ctx, rest);
}
