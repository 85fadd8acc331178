/**
 * The flags `docker service create` and `docker service update` share, and how they change a
 * ServiceSpec (docker/cli cli/command/service/opts.go, update.go). Values use docker's units:
 * Go durations, CPUs as decimals (`0.5`), memory as `512M` / `1G` (binary multiples).
 */
import { parseDuration } from '../durations';
import type { FlagSpec, FlagValues } from '../flags';
import { flag } from '../flags';
import { unknownFlag } from './errors';
import type {
	ContainerSpec,
	FailureAction,
	HealthConfig,
	PortConfig,
	RestartCondition,
	ServiceSpec,
	UpdateConfig,
	UpdateOrder
} from '../../swarm/spec';

const value = (long: string, short?: string): FlagSpec => ({ long, ...(short ? { short } : {}) });
const list = (long: string, short?: string): FlagSpec => ({
	long,
	repeatable: true,
	...(short ? { short } : {})
});
const bool = (long: string, short?: string): FlagSpec => ({
	long,
	bool: true,
	...(short ? { short } : {})
});

/** Flags both commands take. */
export const SHARED_FLAGS: FlagSpec[] = [
	bool('detach', 'd'),
	bool('quiet', 'q'),
	bool('help'),
	bool('with-registry-auth'),
	bool('no-resolve-image'),
	value('replicas'),
	value('replicas-max-per-node'),
	value('endpoint-mode'),
	value('hostname'),
	value('user', 'u'),
	value('workdir', 'w'),
	value('entrypoint'),
	value('stop-grace-period'),
	value('reserve-cpu'),
	value('reserve-memory'),
	value('limit-cpu'),
	value('limit-memory'),
	value('restart-condition'),
	value('restart-delay'),
	value('restart-max-attempts'),
	value('restart-window'),
	value('health-cmd'),
	value('health-interval'),
	value('health-timeout'),
	value('health-retries'),
	value('health-start-period'),
	value('health-start-interval'),
	bool('no-healthcheck'),
	...['update', 'rollback'].flatMap((p) => [
		value(`${p}-parallelism`),
		value(`${p}-delay`),
		value(`${p}-failure-action`),
		value(`${p}-monitor`),
		value(`${p}-max-failure-ratio`),
		value(`${p}-order`)
	])
];

export const CREATE_FLAGS: FlagSpec[] = [
	...SHARED_FLAGS,
	value('name'),
	value('mode'),
	value('max-concurrent'),
	list('constraint'),
	list('placement-pref'),
	list('publish', 'p'),
	list('env', 'e'),
	list('label', 'l'),
	list('container-label'),
	list('network'),
	list('mount'),
	list('secret'),
	list('config')
];

export const UPDATE_FLAGS: FlagSpec[] = [
	...SHARED_FLAGS,
	value('image'),
	value('args'),
	bool('force'),
	bool('rollback'),
	list('constraint-add'),
	list('constraint-rm'),
	list('placement-pref-add'),
	list('placement-pref-rm'),
	list('publish-add'),
	list('publish-rm'),
	list('env-add'),
	list('env-rm'),
	list('label-add'),
	list('label-rm'),
	list('network-add'),
	list('network-rm'),
	list('mount-add'),
	list('mount-rm'),
	list('secret-add'),
	list('secret-rm'),
	list('config-add'),
	list('config-rm')
];

type Result = string | undefined;

/**
 * How a refused flag value is printed. A value a pflag.Value rejects while the flags are parsed
 * (`invalid argument "x" for "--replicas" flag: …`) goes through cli.FlagErrorFunc, which adds
 * the usage line (docker/cli cli/cobra.go); other refusals come later and stand alone.
 */
export function flagValueError(message: string, command: string, usage: string): string {
	return message.startsWith('invalid argument "')
		? unknownFlag(message, command, usage)
		: `${message}\n`;
}

const invalid = (v: string, name: string, why: string) =>
	`invalid argument "${v}" for "--${name}" flag: ${why}`;

export function uint(v: string, name: string): number | string {
	if (!/^\d+$/.test(v))
		return invalid(v, name, `strconv.ParseUint: parsing "${v}": invalid syntax`);
	return Number(v);
}

function durationNs(v: string, name: string): number | string {
	const d = parseDuration(v);
	if (!d.ok) return invalid(v, name, d.error);
	return d.ms * 1_000_000;
}

/** opts.NanoCPUs: a decimal number of CPUs. */
function nanoCpus(v: string, name: string): number | string {
	if (!/^\d+(\.\d+)?$/.test(v))
		return invalid(v, name, `failed to parse ${v} as a rational number`);
	return Math.round(Number(v) * 1e9);
}

/** opts.MemBytes: go-units RAMInBytes (k, m, g, t with binary multiples). */
export function ramBytes(v: string, name: string): number | string {
	const m = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)i?b?$/i.exec(v);
	if (m === null) return invalid(v, name, `invalid size: '${v}'`);
	const power = ' kmgtp'.indexOf((m[2] || ' ').toLowerCase());
	return Math.round(Number(m[1]) * 1024 ** Math.max(0, power));
}

/** One `--publish` value: `8080:80`, `80`, `8080:80/udp`, or `published=…,target=…,mode=…`. */
export function parsePublish(v: string): PortConfig | string {
	if (v.includes('=')) {
		const port: PortConfig = { TargetPort: 0 };
		for (const part of v.split(',')) {
			const [k, val = ''] = part.split('=');
			if (k === 'target') port.TargetPort = Number(val);
			else if (k === 'published') port.PublishedPort = Number(val);
			else if (k === 'mode' && (val === 'ingress' || val === 'host')) port.PublishMode = val;
			else if (k === 'protocol' && (val === 'tcp' || val === 'udp' || val === 'sctp'))
				port.Protocol = val;
			else return invalid(v, 'publish', `invalid field key ${k}`);
		}
		if (!Number.isInteger(port.TargetPort) || port.TargetPort <= 0) {
			return invalid(v, 'publish', 'missing mandatory field "target"');
		}
		return port;
	}
	const m = /^(?:(\d+):)?(\d+)(?:\/(tcp|udp|sctp))?$/.exec(v);
	if (m === null) return invalid(v, 'publish', `Invalid containerPort: ${v}`);
	return {
		Protocol: (m[3] as PortConfig['Protocol']) ?? 'tcp',
		TargetPort: Number(m[2]),
		...(m[1] !== undefined ? { PublishedPort: Number(m[1]) } : {}),
		PublishMode: 'ingress'
	};
}

function setUpdateConfig(
	spec: ServiceSpec,
	flags: FlagValues,
	prefix: 'update' | 'rollback'
): Result {
	const key = prefix === 'update' ? 'UpdateConfig' : 'RollbackConfig';
	const config: UpdateConfig = { ...(spec[key] ?? {}) };
	let touched = false;
	const get = (name: string) => flag(flags, `${prefix}-${name}`);
	const p = get('parallelism');
	if (p !== undefined) {
		const n = uint(p, `${prefix}-parallelism`);
		if (typeof n === 'string') return n;
		config.Parallelism = n;
		touched = true;
	}
	for (const [name, field] of [
		['delay', 'Delay'],
		['monitor', 'Monitor']
	] as const) {
		const d = get(name);
		if (d === undefined) continue;
		const ns = durationNs(d, `${prefix}-${name}`);
		if (typeof ns === 'string') return ns;
		config[field] = ns;
		touched = true;
	}
	const action = get('failure-action');
	if (action !== undefined) {
		const allowed = prefix === 'update' ? ['pause', 'continue', 'rollback'] : ['pause', 'continue'];
		if (!allowed.includes(action)) {
			return `invalid argument "${action}" for "--${prefix}-failure-action" flag: must be one of ${allowed.join(', ')}`;
		}
		config.FailureAction = action as FailureAction;
		touched = true;
	}
	const ratio = get('max-failure-ratio');
	if (ratio !== undefined) {
		const r = Number(ratio);
		if (!/^\d*\.?\d+$/.test(ratio) || r > 1) {
			return invalid(ratio, `${prefix}-max-failure-ratio`, 'value must be a float between 0 and 1');
		}
		config.MaxFailureRatio = r;
		touched = true;
	}
	const order = get('order');
	if (order !== undefined) {
		if (order !== 'start-first' && order !== 'stop-first') {
			return `invalid argument "${order}" for "--${prefix}-order" flag: must be one of start-first, stop-first`;
		}
		config.Order = order as UpdateOrder;
		touched = true;
	}
	if (touched) spec[key] = config;
	return undefined;
}

const HEALTH_DURATIONS = [
	['health-interval', 'Interval'],
	['health-timeout', 'Timeout'],
	['health-start-period', 'StartPeriod'],
	['health-start-interval', 'StartInterval']
] as const;

/**
 * The `--health-*` and `--no-healthcheck` flags (update.go updateHealthcheck; create's
 * toHealthConfig agrees for the values a user types): the command becomes
 * `["CMD-SHELL", cmd]`, durations are PositiveDurationOpts, `--no-healthcheck` is `["NONE"]`.
 */
function applyHealthFlags(c: ContainerSpec, flags: FlagValues): Result {
	const names = ['health-cmd', 'health-retries', ...HEALTH_DURATIONS.map(([n]) => n)];
	const healthChanged = names.some((n) => flags.has(n));
	const disable = flags.has('no-healthcheck');
	if (!healthChanged && !disable) return undefined;
	if (disable) {
		if (healthChanged) return '--no-healthcheck conflicts with --health-* options';
		c.Healthcheck = { Test: ['NONE'] };
		return undefined;
	}
	const health: HealthConfig = { ...(c.Healthcheck ?? {}) };
	if (health.Test?.[0] === 'NONE') delete health.Test;
	for (const [name, field] of HEALTH_DURATIONS) {
		const v = flag(flags, name);
		if (v === undefined) continue;
		const ns = durationNs(v, name);
		if (typeof ns === 'string') return ns;
		if (ns < 0) return invalid(v, name, 'duration cannot be negative');
		health[field] = ns;
	}
	const retries = flag(flags, 'health-retries');
	if (retries !== undefined) {
		if (!/^[+-]?\d+$/.test(retries)) {
			return invalid(
				retries,
				'health-retries',
				`strconv.ParseInt: parsing "${retries}": invalid syntax`
			);
		}
		health.Retries = Number(retries);
	}
	const cmd = flag(flags, 'health-cmd');
	if (cmd !== undefined) {
		if (cmd !== '') health.Test = ['CMD-SHELL', cmd];
		else delete health.Test;
	}
	// container.HealthConfig's field order: Test, Interval, Timeout, StartPeriod, StartInterval, Retries.
	c.Healthcheck = Object.fromEntries(
		(['Test', 'Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const)
			.filter((k) => health[k] !== undefined)
			.map((k) => [k, health[k]])
	) as HealthConfig;
	return undefined;
}

/** Applies the shared flags to `spec` (a copy the caller owns). Returns an error text or undefined. */
export function applySharedFlags(spec: ServiceSpec, flags: FlagValues): Result {
	const task = spec.TaskTemplate;
	const c = task.ContainerSpec;
	const replicas = flag(flags, 'replicas');
	if (replicas !== undefined) {
		const n = uint(replicas, 'replicas');
		if (typeof n === 'string') return n;
		if ('Global' in spec.Mode)
			return 'replicas can only be used with replicated or replicated-job mode';
		spec.Mode = { Replicated: { Replicas: n } };
	}
	const max = flag(flags, 'replicas-max-per-node');
	if (max !== undefined) {
		const n = uint(max, 'replicas-max-per-node');
		if (typeof n === 'string') return n;
		task.Placement = { ...(task.Placement ?? {}), MaxReplicas: n };
	}
	const mode = flag(flags, 'endpoint-mode');
	if (mode !== undefined) {
		if (mode !== 'vip' && mode !== 'dnsrr')
			return invalid(mode, 'endpoint-mode', 'invalid endpoint mode');
		spec.EndpointSpec = { ...(spec.EndpointSpec ?? {}), Mode: mode };
	}
	const hostname = flag(flags, 'hostname');
	if (hostname !== undefined) c.Hostname = hostname;
	const user = flag(flags, 'user');
	if (user !== undefined) c.User = user;
	const dir = flag(flags, 'workdir');
	if (dir !== undefined) c.Dir = dir;
	const entrypoint = flag(flags, 'entrypoint');
	if (entrypoint !== undefined) c.Command = entrypoint.split(/\s+/).filter((w) => w !== '');
	const grace = flag(flags, 'stop-grace-period');
	if (grace !== undefined) {
		const ns = durationNs(grace, 'stop-grace-period');
		if (typeof ns === 'string') return ns;
		c.StopGracePeriod = ns;
	}
	for (const [name, kind, field] of [
		['reserve-cpu', 'Reservations', 'NanoCPUs'],
		['limit-cpu', 'Limits', 'NanoCPUs'],
		['reserve-memory', 'Reservations', 'MemoryBytes'],
		['limit-memory', 'Limits', 'MemoryBytes']
	] as const) {
		const v = flag(flags, name);
		if (v === undefined) continue;
		const n = field === 'NanoCPUs' ? nanoCpus(v, name) : ramBytes(v, name);
		if (typeof n === 'string') return n;
		const resources = { ...(task.Resources ?? {}) };
		resources[kind] = { ...(resources[kind] ?? {}), [field]: n };
		task.Resources = resources;
	}
	const restart = { ...(task.RestartPolicy ?? {}) };
	let restartTouched = false;
	const condition = flag(flags, 'restart-condition');
	if (condition !== undefined) {
		if (!['none', 'on-failure', 'any'].includes(condition)) {
			return invalid(condition, 'restart-condition', 'invalid restart policy condition');
		}
		restart.Condition = condition as RestartCondition;
		restartTouched = true;
	}
	for (const [name, field] of [
		['restart-delay', 'Delay'],
		['restart-window', 'Window']
	] as const) {
		const v = flag(flags, name);
		if (v === undefined) continue;
		const ns = durationNs(v, name);
		if (typeof ns === 'string') return ns;
		restart[field] = ns;
		restartTouched = true;
	}
	const attempts = flag(flags, 'restart-max-attempts');
	if (attempts !== undefined) {
		const n = uint(attempts, 'restart-max-attempts');
		if (typeof n === 'string') return n;
		restart.MaxAttempts = n;
		restartTouched = true;
	}
	if (restartTouched) task.RestartPolicy = restart;
	const health = applyHealthFlags(c, flags);
	if (health !== undefined) return health;
	return setUpdateConfig(spec, flags, 'update') ?? setUpdateConfig(spec, flags, 'rollback');
}

export function placementPref(v: string): { Spread: { SpreadDescriptor: string } } | string {
	const m = /^spread=(.+)$/.exec(v);
	if (m === null) {
		return `invalid argument "${v}" for "--placement-pref" flag: placement preference must be of the format "<strategy>=<arg>"`;
	}
	return { Spread: { SpreadDescriptor: m[1]! } };
}
