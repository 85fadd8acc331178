/**
 * What the Docker daemon stores for a service spec: it converts the API's spec to swarmkit's
 * protobuf and back (moby daemon/cluster/convert/service.go), and enums left empty come back as
 * their zero values. So a stack's service, whose compose file set only `parallelism` and `delay`,
 * reads back with `FailureAction: pause`, `Order: stop-first` and endpoint mode `vip`, exactly as
 * one made by `docker service create` (whose CLI flags carry those defaults) does.
 */
import { sortedMap } from '../manifests/json';
import type {
	ContainerSpec,
	EndpointSpec,
	Mount,
	PortConfig,
	RestartPolicy,
	ServiceSpec,
	UpdateConfig
} from './spec';

const FAILURE_ACTIONS: readonly string[] = ['pause', 'continue', 'rollback'];
const ORDERS: readonly string[] = ['stop-first', 'start-first'];
const CONDITIONS: readonly string[] = ['none', 'on-failure', 'any'];

/** updateConfigToGRPC → updateConfigFromGRPC: "" is PAUSE and STOP_FIRST, the enums' zeros. */
function storedUpdateConfig(c: UpdateConfig): UpdateConfig | string {
	const action: string = c.FailureAction ?? '';
	if (action !== '' && !FAILURE_ACTIONS.includes(action)) {
		return `unrecognized update failure action ${action}`;
	}
	const order: string = c.Order ?? '';
	if (order !== '' && !ORDERS.includes(order)) return `unrecognized update order ${order}`;
	// moby api/types/swarm UpdateConfig: Parallelism and MaxFailureRatio have no omitempty, so
	// they always read back (0 when unset), in the struct's field order.
	return ordered(
		{
			...c,
			Parallelism: c.Parallelism ?? 0,
			FailureAction: c.FailureAction ?? 'pause',
			MaxFailureRatio: c.MaxFailureRatio ?? 0,
			Order: c.Order ?? 'stop-first'
		},
		['Parallelism', 'Delay', 'FailureAction', 'Monitor', 'MaxFailureRatio', 'Order']
	);
}

/** restartPolicyToGRPC: an empty condition is RestartOnAny; anything else unknown is refused. */
function storedRestartPolicy(p: RestartPolicy): RestartPolicy | string {
	const condition: string = p.Condition ?? '';
	if (condition !== '' && !CONDITIONS.includes(condition)) {
		return `invalid RestartCondition: "${condition}"`;
	}
	// restartPolicyFromGRPC: MaxAttempts always reads back (0 when unset), in the struct's order.
	return ordered({ ...p, Condition: p.Condition ?? 'any', MaxAttempts: p.MaxAttempts ?? 0 }, [
		'Condition',
		'Delay',
		'MaxAttempts',
		'Window'
	]);
}

/**
 * swarmPortConfigToAPIPortConfig: a port reads back with its protocol and publish mode even when
 * the request left them out (their enums' zeros are TCP and INGRESS), in the Go struct's field
 * order (Name, Protocol, TargetPort, PublishedPort, PublishMode), so
 * `{{json .Endpoint.Spec.Ports}}` prints `[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"}]`
 * as docker/docs engine/swarm/ingress.md shows.
 */
function storedPort(p: PortConfig): PortConfig {
	return {
		...(p.Name !== undefined && p.Name !== '' ? { Name: p.Name } : {}),
		Protocol: p.Protocol ?? 'tcp',
		TargetPort: p.TargetPort,
		...(p.PublishedPort !== undefined ? { PublishedPort: p.PublishedPort } : {}),
		PublishMode: p.PublishMode ?? 'ingress'
	};
}

/** serviceSpecToGRPC: the resolution mode's zero value is VIP. */
function storedEndpointSpec(e: EndpointSpec): EndpointSpec | string {
	const mode: string = e.Mode ?? '';
	if (mode !== '' && mode !== 'vip' && mode !== 'dnsrr')
		return `invalid resolution mode: "${mode}"`;
	const ports = (e.Ports ?? []).map(storedPort);
	// endpointSpecFromGRPC builds the struct afresh: Mode, then Ports only if there are any.
	return { Mode: e.Mode ?? 'vip', ...(ports.length > 0 ? { Ports: ports } : {}) };
}

/** The keys of `value` in the order given, then any others: a Go struct's JSON field order. */
function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): T {
	const out: Partial<T> = {};
	for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
	return Object.assign(out, value);
}

/**
 * containerSpecFromGRPC rebuilds each mount, so its JSON follows moby's mount.Mount (Type,
 * Source, Target, ReadOnly, …, BindOptions, VolumeOptions, TmpfsOptions) and VolumeOptions'
 * own order (NoCopy, Labels, Subpath, DriverConfig) whichever order the request had.
 */
function storedMount(m: Mount): Mount {
	const mount = ordered(m, [
		'Type',
		'Source',
		'Target',
		'ReadOnly',
		'BindOptions',
		'VolumeOptions',
		'TmpfsOptions'
	]);
	if (m.VolumeOptions !== undefined) {
		mount.VolumeOptions = ordered(m.VolumeOptions, ['NoCopy', 'Labels', 'DriverConfig']);
	}
	return mount;
}

/**
 * containerSpecFromGRPC: the fields in swarm.ContainerSpec's order, labels sorted, and
 * `Isolation: default` for a spec that asked for none (IsolationFromGRPC).
 */
function storedContainerSpec(c: ContainerSpec): ContainerSpec {
	const out = ordered({ ...c, Isolation: c.Isolation ?? 'default' }, [
		'Image',
		'Labels',
		'Command',
		'Args',
		'Hostname',
		'Env',
		'Dir',
		'User',
		'Privileges',
		'Init',
		'StopSignal',
		'TTY',
		'OpenStdin',
		'ReadOnly',
		'Mounts',
		'StopGracePeriod',
		'Healthcheck',
		'Hosts',
		'DNSConfig',
		'Secrets',
		'Configs',
		'Isolation',
		'Sysctls',
		'CapabilityAdd',
		'CapabilityDrop',
		'Ulimits',
		'OomScoreAdj'
	]);
	if (c.Sysctls !== undefined) out.Sysctls = sortedMap(c.Sysctls);
	if (c.Labels !== undefined) out.Labels = sortedMap(c.Labels);
	if (c.Mounts !== undefined) out.Mounts = c.Mounts.map(storedMount);
	return out;
}

/**
 * serviceFromGRPC / taskSpecFromGRPC: the fields in the Go structs' order, the service labels
 * always a (sorted) map, ForceUpdate always present and the runtime `container` (real
 * `docker service inspect` output of a docker 28 stack service shows exactly these).
 */
function storedLayout(spec: ServiceSpec): ServiceSpec {
	const task = spec.TaskTemplate;
	const taskTemplate = ordered(
		{
			...task,
			ContainerSpec: storedContainerSpec(task.ContainerSpec),
			ForceUpdate: task.ForceUpdate ?? 0,
			Runtime: 'container' as const
		},
		[
			'ContainerSpec',
			'Resources',
			'RestartPolicy',
			'Placement',
			'Networks',
			'LogDriver',
			'ForceUpdate',
			'Runtime'
		]
	);
	return ordered({ ...spec, Labels: sortedMap(spec.Labels ?? {}), TaskTemplate: taskTemplate }, [
		'Name',
		'Labels',
		'TaskTemplate',
		'Mode',
		'UpdateConfig',
		'RollbackConfig',
		'EndpointSpec'
	]);
}

/** The spec as the daemon stores it, or the daemon's error for a value it cannot convert. */
export function storedServiceSpec(spec: ServiceSpec): ServiceSpec | string {
	const out: ServiceSpec = { ...spec };
	// serviceModeToGRPC: a replicated service without a count gets 1 replica.
	if ('Replicated' in spec.Mode && spec.Mode.Replicated.Replicas === undefined) {
		out.Mode = { Replicated: { Replicas: 1 } };
	}
	if (spec.UpdateConfig !== undefined) {
		const c = storedUpdateConfig(spec.UpdateConfig);
		if (typeof c === 'string') return c;
		out.UpdateConfig = c;
	}
	if (spec.RollbackConfig !== undefined) {
		const c = storedUpdateConfig(spec.RollbackConfig);
		if (typeof c === 'string') return c;
		out.RollbackConfig = c;
	}
	if (spec.EndpointSpec !== undefined) {
		const e = storedEndpointSpec(spec.EndpointSpec);
		if (typeof e === 'string') return e;
		out.EndpointSpec = e;
	}
	const restart = spec.TaskTemplate.RestartPolicy;
	if (restart !== undefined) {
		const r = storedRestartPolicy(restart);
		if (typeof r === 'string') return r;
		out.TaskTemplate = { ...spec.TaskTemplate, RestartPolicy: r };
	}
	return storedLayout(out);
}
