/**
 * The Swarm API other parts of the lab call (`docker stack deploy`, views, exercises): the
 * Engine API's service, network, secret and config endpoints. Every function answers
 * `{ ok: true, … }` or `{ ok: false, error }` where `error` is the Go client's error text
 * (`Error response from daemon: …`), so a caller prints it as docker does
 * (`failed to create service vote_web: Error response from daemon: …`).
 * A failed call changes nothing. Signatures are kept stable.
 */
import type { IpamConfig } from './ipam';
import type { Kernel } from '../core/kernel';
import type { SwarmCluster } from './cluster';
import type { SwarmNetwork, SwarmSecret, SwarmService, SwarmTask } from './objects';
import { SWARM_NETWORKS, SWARM_SERVICES, SWARM_TASKS } from './objects';
import {
	createNamed,
	createNetwork as createNetworkObject,
	findNamed,
	removeNamed,
	removeNetwork as removeNetworkObject
} from './resources';
import { networkByName } from './allocator';
import type { SwarmRuntime } from './runtime';
import {
	createService as create,
	findService as find,
	removeService as remove,
	rollbackService as rollback,
	updateService as update
} from './services';
import type { NetworkSpec, ServiceSpec } from './spec';
import { ownValue } from '../core/own-keys';

/** What the functions need: a lab's command context satisfies it. */
export interface ControlContext {
	readonly kernel: Kernel;
	readonly swarm?: SwarmCluster;
}

export type ControlResult<T extends object = object> =
	({ ok: true } & T) | { ok: false; error: string };

const DAEMON = 'Error response from daemon: ';

/** Not a swarm lab: what docker says on a node outside any swarm (cli-formats §6.9). */
export const NOT_IN_SWARM = `${DAEMON}This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.`;

function runtimeOf(ctx: ControlContext): SwarmRuntime | undefined {
	return ctx.swarm?.runtime;
}

function wrap<T extends object>(
	ctx: ControlContext,
	fn: (rt: SwarmRuntime) => ({ ok: true } & T) | { ok: false; error: string }
): ControlResult<T> {
	const rt = runtimeOf(ctx);
	if (rt === undefined) return { ok: false, error: NOT_IN_SWARM };
	const r = fn(rt);
	return r.ok ? r : { ok: false, error: DAEMON + r.error };
}

export function createService(
	ctx: ControlContext,
	spec: ServiceSpec
): ControlResult<{ id: string; service: SwarmService }> {
	return wrap(ctx, (rt) => {
		const r = create(rt, spec);
		return r.ok ? { ok: true, id: r.service.ID, service: r.service } : r;
	});
}

/** Replaces the spec of the service named (or with the ID) `ref`. */
export function updateService(
	ctx: ControlContext,
	ref: string,
	spec: ServiceSpec
): ControlResult<{ id: string; service: SwarmService }> {
	return wrap(ctx, (rt) => {
		const r = update(rt, ref, spec);
		return r.ok ? { ok: true, id: r.service.ID, service: r.service } : r;
	});
}

export function rollbackService(
	ctx: ControlContext,
	ref: string
): ControlResult<{ id: string; service: SwarmService }> {
	return wrap(ctx, (rt) => {
		const r = rollback(rt, ref);
		return r.ok ? { ok: true, id: r.service.ID, service: r.service } : r;
	});
}

export function removeService(ctx: ControlContext, ref: string): ControlResult<{ id: string }> {
	return wrap(ctx, (rt) => {
		const r = remove(rt, ref);
		return r.ok ? { ok: true, id: r.service.ID } : r;
	});
}

/** The service named (or with the ID, or a unique ID prefix) `ref`. */
export function getService(ctx: ControlContext, ref: string): SwarmService | undefined {
	const rt = runtimeOf(ctx);
	return rt === undefined ? undefined : find(rt, ref);
}

/** Every service, by name; `label` keeps those carrying `key=value` (stack namespaces). */
export function listServices(
	ctx: ControlContext,
	label?: { key: string; value: string }
): SwarmService[] {
	return ctx.kernel.store
		.list<SwarmService>(SWARM_SERVICES)
		.filter((s) => label === undefined || ownValue(s.Spec.Labels, label.key) === label.value)
		.sort((a, b) => (a.Spec.Name < b.Spec.Name ? -1 : a.Spec.Name > b.Spec.Name ? 1 : 0));
}

/** The tasks of one service (all of them, history included). */
export function listTasks(ctx: ControlContext, serviceId: string): SwarmTask[] {
	return ctx.kernel.store.list<SwarmTask>(SWARM_TASKS).filter((t) => t.ServiceID === serviceId);
}

export function createNetwork(
	ctx: ControlContext,
	spec: NetworkSpec,
	ipam?: IpamConfig
): ControlResult<{ id: string }> {
	return wrap(ctx, (rt) => {
		const r = createNetworkObject(rt, spec, ipam);
		return r.ok ? { ok: true, id: r.object.ID } : r;
	});
}

export function networkExists(ctx: ControlContext, nameOrId: string): boolean {
	const rt = runtimeOf(ctx);
	return rt !== undefined && networkByName(rt, nameOrId) !== undefined;
}

export function listNetworks(ctx: ControlContext): SwarmNetwork[] {
	return ctx.kernel.store.list<SwarmNetwork>(SWARM_NETWORKS);
}

export function removeNetwork(
	ctx: ControlContext,
	nameOrId: string
): ControlResult<{ id: string }> {
	return wrap(ctx, (rt) => {
		const r = removeNetworkObject(rt, nameOrId);
		return r.ok ? { ok: true, id: r.object.ID } : r;
	});
}

export interface NamedSpec {
	Name: string;
	Labels?: Record<string, string>;
	/** Base64 of the content, as the Engine API carries it. */
	Data?: string;
}

export function createSecret(ctx: ControlContext, spec: NamedSpec): ControlResult<{ id: string }> {
	return wrap(ctx, (rt) => {
		const r = createNamed(rt, 'secret', spec);
		return r.ok ? { ok: true, id: r.object.ID } : r;
	});
}

export function secretExists(ctx: ControlContext, nameOrId: string): boolean {
	const rt = runtimeOf(ctx);
	return rt !== undefined && findNamed(rt, 'secret', nameOrId) !== undefined;
}

export function removeSecret(ctx: ControlContext, nameOrId: string): ControlResult<{ id: string }> {
	return wrap(ctx, (rt) => {
		const r = removeNamed(rt, 'secret', nameOrId);
		return r.ok ? { ok: true, id: r.object.ID } : r;
	});
}

export function createConfig(ctx: ControlContext, spec: NamedSpec): ControlResult<{ id: string }> {
	return wrap(ctx, (rt) => {
		const r = createNamed(rt, 'config', spec);
		return r.ok ? { ok: true, id: r.object.ID } : r;
	});
}

export function configExists(ctx: ControlContext, nameOrId: string): boolean {
	const rt = runtimeOf(ctx);
	return rt !== undefined && findNamed(rt, 'config', nameOrId) !== undefined;
}

export function removeConfig(ctx: ControlContext, nameOrId: string): ControlResult<{ id: string }> {
	return wrap(ctx, (rt) => {
		const r = removeNamed(rt, 'config', nameOrId);
		return r.ok ? { ok: true, id: r.object.ID } : r;
	});
}

/** The secrets or configs by name (for `docker stack rm`). */
export function listNamed(ctx: ControlContext, kind: 'secret' | 'config'): SwarmSecret[] {
	return ctx.kernel.store.list<SwarmSecret>(kind === 'secret' ? 'swarm/secrets' : 'swarm/configs');
}
