/**
 * What the Docker daemon stores for a service spec: it converts the API's spec to swarmkit's
 * protobuf and back (moby daemon/cluster/convert/service.go), and enums left empty come back as
 * their zero values. So a stack's service, whose compose file set only `parallelism` and `delay`,
 * reads back with `FailureAction: pause`, `Order: stop-first` and endpoint mode `vip`, exactly as
 * one made by `docker service create` (whose CLI flags carry those defaults) does.
 */
import type { EndpointSpec, RestartPolicy, ServiceSpec, UpdateConfig } from './spec';

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
	return {
		...c,
		FailureAction: c.FailureAction ?? 'pause',
		Order: c.Order ?? 'stop-first'
	};
}

/** restartPolicyToGRPC: an empty condition is RestartOnAny; anything else unknown is refused. */
function storedRestartPolicy(p: RestartPolicy): RestartPolicy | string {
	const condition: string = p.Condition ?? '';
	if (condition !== '' && !CONDITIONS.includes(condition)) {
		return `invalid RestartCondition: "${condition}"`;
	}
	return { ...p, Condition: p.Condition ?? 'any' };
}

/** serviceSpecToGRPC: the resolution mode's zero value is VIP. */
function storedEndpointSpec(e: EndpointSpec): EndpointSpec | string {
	const mode: string = e.Mode ?? '';
	if (mode !== '' && mode !== 'vip' && mode !== 'dnsrr')
		return `invalid resolution mode: "${mode}"`;
	return { ...e, Mode: e.Mode ?? 'vip' };
}

/** The spec as the daemon stores it, or the daemon's error for a value it cannot convert. */
export function storedServiceSpec(spec: ServiceSpec): ServiceSpec | string {
	const out: ServiceSpec = { ...spec };
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
	return out;
}
