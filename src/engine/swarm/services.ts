/**
 * The manager's control API for services (swarmkit manager/controlapi/service.go): validate,
 * allocate, write. Every write first asks for a quorum; without one docker's error comes back
 * and nothing changes. Errors are the text after `Error response from daemon: `.
 */
import { storedServiceSpec } from './daemon-convert';
import { allocatePorts, allocateVips, networkByName } from './allocator';
import { parseConstraints } from './constraints';
import { validImageReference } from './image-reference';
import {
	SWARM_NETWORKS,
	SWARM_SERVICES,
	SWARM_TASKS,
	type SwarmNetwork,
	type SwarmService,
	type SwarmTask
} from './objects';
import { apiTime, type SwarmRuntime } from './runtime';
import type { Mount, ServiceSpec } from './spec';
import { newObjectId, setDesired } from './tasks';

/**
 * moby/moby daemon/cluster/helpers.go / swarm.go: a manager without a leader answers every
 * request with this (seen verbatim in user transcripts; cli-formats.md §6.9).
 */
export const NO_LEADER_ERROR =
	"rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.";

export type Written = { ok: true; service: SwarmService } | { ok: false; error: string };

/** A name or ID prefix lookup, as the daemon resolves service references. */
export function findService(rt: SwarmRuntime, ref: string): SwarmService | undefined {
	const all = rt.kernel.store.list<SwarmService>(SWARM_SERVICES);
	return (
		all.find((s) => s.ID === ref) ??
		all.find((s) => s.Spec.Name === ref) ??
		(ref.length > 0 ? onlyOne(all.filter((s) => s.ID.startsWith(ref))) : undefined)
	);
}

function onlyOne<T>(list: T[]): T | undefined {
	return list.length === 1 ? list[0] : undefined;
}

// controlapi/service.go validateAnnotations: a DNS label, at most 63 characters.
const NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;

function validate(spec: ServiceSpec): string | undefined {
	if (spec.Name === '' || spec.Name.length > 63 || !NAME.test(spec.Name)) {
		return 'rpc error: code = InvalidArgument desc = name must be valid as a DNS name component';
	}
	const restart = restartPolicyError(spec);
	if (restart !== undefined) return restart;
	const image = spec.TaskTemplate.ContainerSpec.Image;
	if (image === '') {
		return 'rpc error: code = InvalidArgument desc = ContainerSpec: image reference must be provided';
	}
	if (!validImageReference(image)) {
		return `rpc error: code = InvalidArgument desc = ContainerSpec: ${JSON.stringify(image)} is not a valid repository/tag`;
	}
	const mountError = duplicateMountError(spec.TaskTemplate.ContainerSpec.Mounts ?? []);
	if (mountError !== undefined) return mountError;
	const constraints = parseConstraints(spec.TaskTemplate.Placement?.Constraints ?? []);
	if (typeof constraints === 'string') return `rpc error: code = Unknown desc = ${constraints}`;
	// validateServiceSpec checks the update config of services, not of jobs; RollbackConfig is
	// not checked at all, so a negative --rollback-delay is stored as given.
	const job = 'ReplicatedJob' in spec.Mode || 'GlobalJob' in spec.Mode;
	const update = job ? undefined : updateConfigError(spec);
	if (update !== undefined) return update;
	const mode = spec.EndpointSpec?.Mode ?? 'vip';
	const ingress = (spec.EndpointSpec?.Ports ?? []).some(
		(p) => (p.PublishMode ?? 'ingress') === 'ingress'
	);
	if (mode === 'dnsrr' && ingress) {
		return "rpc error: code = InvalidArgument desc = EndpointSpec: port published with ingress mode can't be used with dnsrr mode";
	}
	// validateEndpointSpec: two ports may not publish the same port and protocol (a port left
	// for the manager to pick conflicts with none).
	const published = new Set<string>();
	for (const p of spec.EndpointSpec?.Ports ?? []) {
		if ((p.PublishedPort ?? 0) === 0) continue;
		const key = `${p.PublishedPort}/${p.Protocol ?? 'tcp'}`;
		if (published.has(key)) return `${INVALID}EndpointSpec: duplicate published ports provided`;
		published.add(key);
	}
	return undefined;
}

const INVALID = 'rpc error: code = InvalidArgument desc = ';

/** controlapi/service.go validateRestartPolicy (inside validateTaskSpec). */
function restartPolicyError(spec: ServiceSpec): string | undefined {
	const rp = spec.TaskTemplate.RestartPolicy;
	if ((rp?.Delay ?? 0) < 0) return `${INVALID}TaskSpec: restart-delay cannot be negative`;
	if ((rp?.Window ?? 0) < 0) return `${INVALID}TaskSpec: restart-window cannot be negative`;
	return undefined;
}

/** controlapi/service.go validateUpdate: delay and monitor not negative, ratio within 0..1. */
function updateConfigError(spec: ServiceSpec): string | undefined {
	const uc = spec.UpdateConfig;
	if (uc === undefined) return undefined;
	if ((uc.Delay ?? 0) < 0) return `${INVALID}TaskSpec: update-delay cannot be negative`;
	if ((uc.Monitor ?? 0) < 0) return `${INVALID}TaskSpec: update-monitor cannot be negative`;
	const ratio = uc.MaxFailureRatio ?? 0;
	if (ratio < 0 || ratio > 1) {
		return `${INVALID}TaskSpec: update-maxfailureratio cannot be less than 0 or bigger than 1`;
	}
	return undefined;
}

/**
 * controlapi validateMounts (after validateImage in validateContainerSpec): two mounts on one
 * target are refused, e.g. a compose file listing `./data:/data` and `data:/data`.
 */
export function duplicateMountError(mounts: readonly Mount[]): string | undefined {
	const targets = new Set<string>();
	for (const m of mounts) {
		if (targets.has(m.Target)) {
			return `rpc error: code = InvalidArgument desc = invalid duplicate mount point: ${m.Target}`;
		}
		targets.add(m.Target);
	}
	return undefined;
}

/**
 * moby daemon/cluster populateNetworkID, before the spec goes to swarmkit: each attachment's
 * target (name, ID or ID prefix, as getNetwork looks it up) becomes the network's ID, which is
 * what `inspect` then shows. A network only the local daemon has is refused as Forbidden; the
 * predefined `host` and `bridge` names pass as they are.
 */
function attachNetworks(rt: SwarmRuntime, spec: ServiceSpec): ServiceSpec | string {
	const attachments = spec.TaskTemplate.Networks;
	if (attachments === undefined) return spec;
	const all = rt.kernel.store.list<SwarmNetwork>(SWARM_NETWORKS);
	const resolved = [];
	for (const a of attachments) {
		const byPrefix = all.filter((n) => a.Target !== '' && n.ID.startsWith(a.Target));
		const net = networkByName(rt, a.Target) ?? (byPrefix.length === 1 ? byPrefix[0] : undefined);
		if (net === undefined) {
			if (PREDEFINED_NETWORKS.includes(a.Target)) {
				resolved.push(a);
				continue;
			}
			return `network ${a.Target} not found`;
		}
		if (net.Spec.Scope === 'local') {
			return `The network ${net.Spec.Name} cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver.`;
		}
		resolved.push({ ...a, Target: net.ID });
	}
	return { ...spec, TaskTemplate: { ...spec.TaskTemplate, Networks: resolved } };
}

/** The daemon's own networks a service may name (runconfig.IsPreDefinedNetwork). */
const PREDEFINED_NETWORKS: readonly string[] = ['host', 'bridge'];

export function createService(rt: SwarmRuntime, given: ServiceSpec): Written {
	if (!rt.quorum()) return { ok: false, error: NO_LEADER_ERROR };
	const attached = attachNetworks(rt, given);
	if (typeof attached === 'string') return { ok: false, error: attached };
	const spec = storedServiceSpec(attached);
	if (typeof spec === 'string') return { ok: false, error: spec };
	const invalid = validate(spec);
	if (invalid !== undefined) return { ok: false, error: invalid };
	if (findServiceByName(rt, spec.Name) !== undefined) {
		return {
			ok: false,
			error: `rpc error: code = AlreadyExists desc = name conflicts with an existing object: service ${spec.Name} already exists`
		};
	}
	const ports = allocatePorts(rt, spec);
	if (!ports.ok) return ports;
	const id = newObjectId(rt);
	const k = rt.kernel;
	const now = apiTime(k.now);
	const vips = allocateVips(rt, spec, ports.ports);
	const service = k.store.put<SwarmService>(SWARM_SERVICES, id, (rv) => ({
		ID: id,
		Version: { Index: rv },
		CreatedAt: now,
		UpdatedAt: now,
		Spec: spec,
		Endpoint: {
			Spec: spec.EndpointSpec ?? { Mode: 'vip' },
			...(ports.ports.length > 0 ? { Ports: ports.ports } : {}),
			...(vips.length > 0 ? { VirtualIPs: vips } : {})
		}
	}));
	k.emit('swarm.service.created', `service/${spec.Name}`, `Service ${spec.Name} created.`);
	rt.requestReconcile();
	return { ok: true, service };
}

function findServiceByName(rt: SwarmRuntime, name: string): SwarmService | undefined {
	return rt.kernel.store.list<SwarmService>(SWARM_SERVICES).find((s) => s.Spec.Name === name);
}

export function notFound(ref: string): string {
	return `service ${ref} not found`;
}

/** UpdateService: the new spec replaces the old, which becomes PreviousSpec. */
export function updateService(rt: SwarmRuntime, ref: string, given: ServiceSpec): Written {
	if (!rt.quorum()) return { ok: false, error: NO_LEADER_ERROR };
	const current = findService(rt, ref);
	if (current === undefined) return { ok: false, error: notFound(ref) };
	const attached = attachNetworks(rt, given);
	if (typeof attached === 'string') return { ok: false, error: attached };
	const spec = storedServiceSpec(attached);
	if (typeof spec === 'string') return { ok: false, error: spec };
	const invalid = validate(spec);
	if (invalid !== undefined) return { ok: false, error: invalid };
	if (spec.Name !== current.Spec.Name) {
		return {
			ok: false,
			error: 'rpc error: code = Unimplemented desc = renaming services is not supported'
		};
	}
	if ('Global' in spec.Mode !== 'Global' in current.Spec.Mode) {
		return {
			ok: false,
			error: 'rpc error: code = Unimplemented desc = service mode change is not allowed'
		};
	}
	return write(rt, current, spec, current.Spec, undefined);
}

/** A manual rollback: Spec and PreviousSpec swap (controlapi UpdateService, Rollback PREVIOUS). */
export function rollbackService(rt: SwarmRuntime, ref: string): Written {
	if (!rt.quorum()) return { ok: false, error: NO_LEADER_ERROR };
	const current = findService(rt, ref);
	if (current === undefined) return { ok: false, error: notFound(ref) };
	if (current.PreviousSpec === undefined) {
		return {
			ok: false,
			error: `rpc error: code = FailedPrecondition desc = service ${current.ID} does not have a previous spec`
		};
	}
	return write(rt, current, current.PreviousSpec, current.Spec, 'manually requested rollback');
}

/** Writes a new spec; `rollbackMessage` marks a rollback (UpdateStatus rollback_started). */
export function write(
	rt: SwarmRuntime,
	current: SwarmService,
	spec: ServiceSpec,
	previous: ServiceSpec,
	rollbackMessage: string | undefined
): Written {
	const ports = allocatePorts(rt, spec, current);
	if (!ports.ok) return ports;
	const k = rt.kernel;
	const now = apiTime(k.now);
	const vips = allocateVips(rt, spec, ports.ports, current);
	const service = k.store.put<SwarmService>(SWARM_SERVICES, current.ID, (rv) => {
		const next: SwarmService = {
			ID: current.ID,
			Version: { Index: rv },
			CreatedAt: current.CreatedAt,
			UpdatedAt: now,
			Spec: spec,
			PreviousSpec: previous,
			Endpoint: {
				Spec: spec.EndpointSpec ?? { Mode: 'vip' },
				...(ports.ports.length > 0 ? { Ports: ports.ports } : {}),
				...(vips.length > 0 ? { VirtualIPs: vips } : {})
			}
		};
		if (rollbackMessage !== undefined) {
			next.UpdateStatus = { State: 'rollback_started', StartedAt: now, Message: rollbackMessage };
		}
		return next;
	});
	const what = rollbackMessage !== undefined ? 'rolled back' : 'updated';
	k.emit(
		`swarm.service.${what === 'updated' ? 'updated' : 'rollback'}`,
		`service/${spec.Name}`,
		`Service ${spec.Name} ${what}.`
	);
	rt.requestReconcile();
	return { ok: true, service };
}

/** RemoveService: the service goes at once; its tasks are told to stop and then deleted. */
export function removeService(rt: SwarmRuntime, ref: string): Written {
	if (!rt.quorum()) return { ok: false, error: NO_LEADER_ERROR };
	const current = findService(rt, ref);
	if (current === undefined) return { ok: false, error: notFound(ref) };
	const k = rt.kernel;
	k.store.delete(SWARM_SERVICES, current.ID);
	for (const t of k.store.list<SwarmTask>(SWARM_TASKS)) {
		if (t.ServiceID === current.ID) setDesired(rt, t, 'remove');
	}
	delete rt.state.updates[current.ID];
	k.emit(
		'swarm.service.removed',
		`service/${current.Spec.Name}`,
		`Service ${current.Spec.Name} removed.`
	);
	rt.requestReconcile();
	return { ok: true, service: current };
}
