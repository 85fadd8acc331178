/**
 * The manager's control API for services (swarmkit manager/controlapi/service.go): validate,
 * allocate, write. Every write first asks for a quorum; without one docker's error comes back
 * and nothing changes. Errors are the text after `Error response from daemon: `.
 */
import { storedServiceSpec } from './daemon-convert';
import { allocatePorts, allocateVips } from './allocator';
import { parseConstraints } from './constraints';
import { SWARM_SERVICES, SWARM_TASKS, type SwarmService, type SwarmTask } from './objects';
import { apiTime, type SwarmRuntime } from './runtime';
import type { ServiceSpec } from './spec';
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
	if (spec.TaskTemplate.ContainerSpec.Image === '') {
		return 'rpc error: code = InvalidArgument desc = ContainerSpec: image reference must be provided';
	}
	const constraints = parseConstraints(spec.TaskTemplate.Placement?.Constraints ?? []);
	if (typeof constraints === 'string') return `rpc error: code = Unknown desc = ${constraints}`;
	const mode = spec.EndpointSpec?.Mode ?? 'vip';
	const ingress = (spec.EndpointSpec?.Ports ?? []).some(
		(p) => (p.PublishMode ?? 'ingress') === 'ingress'
	);
	if (mode === 'dnsrr' && ingress) {
		return "rpc error: code = InvalidArgument desc = EndpointSpec: port published with ingress mode can't be used with dnsrr mode";
	}
	return undefined;
}

export function createService(rt: SwarmRuntime, given: ServiceSpec): Written {
	if (!rt.quorum()) return { ok: false, error: NO_LEADER_ERROR };
	const spec = storedServiceSpec(given);
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
	const spec = storedServiceSpec(given);
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
