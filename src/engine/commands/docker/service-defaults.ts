/**
 * `docker service inspect` asks for the service with InsertDefaults=true (docker/cli
 * cli/command/service/inspect.go), and the manager fills what the stored spec leaves unset
 * (moby/swarmkit api/defaults/service.go InterpolateService): the container's stop grace period
 * and DNS config, resources, restart policy (or only its delay), placement, and the update and
 * rollback configs (or only their monitor). Only the returned copy changes; PreviousSpec is
 * returned as stored (controlapi/service.go GetService interpolates Spec only).
 */
import {
	RESTART_CONDITION,
	RESTART_DELAY_MS,
	RESTART_MAX_ATTEMPTS,
	STOP_GRACE_PERIOD_MS,
	UPDATE_FAILURE_ACTION,
	UPDATE_MAX_FAILURE_RATIO,
	UPDATE_MONITOR_MS,
	UPDATE_ORDER,
	UPDATE_PARALLELISM
} from '../../swarm/defaults';
import type { SwarmService } from '../../swarm/objects';
import { msToNs } from '../../swarm/service-spec';
import type { RestartPolicy, ServiceSpec, UpdateConfig } from '../../swarm/spec';
import type { GoType } from './go-template';
import { SERVICE_TYPE } from './go-types';

/** The fields of the struct at `path` below swarm.Service, in Go's order (the JSON order). */
function fieldsAt(path: readonly string[]): string[] {
	let t: GoType = SERVICE_TYPE;
	for (const step of path) {
		while (t.kind === 'ptr') t = t.elem;
		if (t.kind !== 'struct') return [];
		t = t.fields[step]!;
	}
	while (t.kind === 'ptr') t = t.elem;
	return t.kind === 'struct' ? Object.keys(t.fields) : [];
}

/** The object with its keys in the Go struct's field order (unknown keys last). */
function inGoOrder<T extends object>(value: T, path: readonly string[]): T {
	const order = fieldsAt(path);
	const entries = Object.entries(value);
	const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
	entries.sort(([a], [b]) => rank(a) - rank(b));
	return Object.fromEntries(entries) as T;
}

/** api/defaults/service.go Service.Update and .Rollback, as updateConfigFromGRPC reads them. */
export function defaultUpdateConfig(): UpdateConfig {
	// Parallelism and MaxFailureRatio always show; a zero Delay is omitted.
	return {
		Parallelism: UPDATE_PARALLELISM,
		FailureAction: UPDATE_FAILURE_ACTION,
		Monitor: msToNs(UPDATE_MONITOR_MS),
		MaxFailureRatio: UPDATE_MAX_FAILURE_RATIO,
		Order: UPDATE_ORDER
	};
}

/** api/defaults/service.go Service.Task.Restart: any, 5 s, unlimited attempts. */
export function defaultRestartPolicy(): RestartPolicy {
	return {
		Condition: RESTART_CONDITION,
		Delay: msToNs(RESTART_DELAY_MS),
		MaxAttempts: RESTART_MAX_ATTEMPTS
	};
}

function updateDefaults(config: UpdateConfig | undefined): UpdateConfig {
	if (config === undefined) return defaultUpdateConfig();
	return config.Monitor === undefined ? { ...config, Monitor: msToNs(UPDATE_MONITOR_MS) } : config;
}

export function interpolateService(spec: ServiceSpec): ServiceSpec {
	const task = spec.TaskTemplate;
	const c = { ...task.ContainerSpec };
	c.StopGracePeriod ??= msToNs(STOP_GRACE_PERIOD_MS);
	c.DNSConfig ??= {};
	const restart =
		task.RestartPolicy === undefined
			? defaultRestartPolicy()
			: {
					// restartPolicyFromGRPC: an unknown condition reads as any; MaxAttempts always shows.
					...task.RestartPolicy,
					Condition: task.RestartPolicy.Condition ?? RESTART_CONDITION,
					Delay: task.RestartPolicy.Delay ?? msToNs(RESTART_DELAY_MS),
					MaxAttempts: task.RestartPolicy.MaxAttempts ?? RESTART_MAX_ATTEMPTS
				};
	const path = ['Spec', 'TaskTemplate'];
	const template = inGoOrder(
		{
			...task,
			ContainerSpec: inGoOrder(c, [...path, 'ContainerSpec']),
			Resources: task.Resources ?? {},
			RestartPolicy: inGoOrder(restart, [...path, 'RestartPolicy']),
			Placement: task.Placement ?? {}
		},
		path
	);
	return inGoOrder(
		{
			...spec,
			TaskTemplate: template,
			UpdateConfig: inGoOrder(updateDefaults(spec.UpdateConfig), ['Spec', 'UpdateConfig']),
			RollbackConfig: inGoOrder(updateDefaults(spec.RollbackConfig), ['Spec', 'RollbackConfig'])
		},
		['Spec']
	);
}

/** The service as `docker service inspect` receives it. */
export function withInsertedDefaults(s: SwarmService): SwarmService {
	return { ...s, Spec: interpolateService(s.Spec) };
}
