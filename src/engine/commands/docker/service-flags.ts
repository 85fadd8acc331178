/**
 * The flags `docker service create` and `docker service update` share, and how they change a
 * ServiceSpec (docker/cli cli/command/service/opts.go, update.go). Values use docker's units:
 * Go durations, CPUs as decimals (`0.5`), memory as `512M` / `1G` (binary multiples).
 */
import { parseDuration } from '../durations';
import { numError, parseGoUint } from '../go-int';
import type { FlagSpec, FlagValues } from '../flags';
import { flag } from '../flags';
import { unknownFlag } from './errors';
import {
	CONTAINER_CREATE_FLAGS,
	CONTAINER_SHARED_FLAGS,
	CONTAINER_UPDATE_FLAGS,
	containerFlagValueError
} from './service-container-flags';
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
import { putOwn } from '../../core/own-keys';
import { natPortSpec, parsePortRange } from '../../swarm/stack/ports';

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
	...CONTAINER_SHARED_FLAGS,
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
	list('config'),
	...CONTAINER_CREATE_FLAGS
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
	list('config-rm'),
	...CONTAINER_UPDATE_FLAGS
];

type Result = string | undefined;

/**
 * How a refused flag value is printed. A value a pflag.Value rejects while the flags are parsed
 * (`invalid argument "x" for "--replicas" flag: …`) goes through cli.FlagErrorFunc, which adds
 * the usage line (docker/cli cli/cobra.go); other refusals come later and stand alone.
 */
export function flagValueError(message: string, command: string, usage: string): string {
	return message.startsWith('invalid argument "')
		? unknownFlag(withShorthand(message), command, usage)
		: `${message}\n`;
}

const SHORTHANDS = new Map(
	[...CREATE_FLAGS, ...UPDATE_FLAGS].flatMap((s) => (s.short ? [[s.long, s.short] as const] : []))
);

/**
 * pflag (flag.go FlagSet.set) names a flag that has a shorthand as `-p, --publish` in the
 * `invalid argument` error, whichever spelling was typed.
 */
function withShorthand(message: string): string {
	return message.replace(
		/^(invalid argument "(?:[^"\\]|\\.)*" for ")--([\w-]+)(" flag:)/,
		(all, a, name, b) => {
			const short = SHORTHANDS.get(name as string);
			return short === undefined
				? all
				: `${a as string}-${short}, --${name as string}${b as string}`;
		}
	);
}

/**
 * The values pflag checks while it parses, before the command runs (so before ToServiceMode or
 * any request): `--env` through opts.ValidateEnv (a name is required: `=x` is refused),
 * `--publish` through opts.PortOpt, `--network` through opts.NetworkOpt, `--placement-pref`
 * through placementPrefOpts; the container flags' values (./service-container-flags.ts).
 */
export function parseTimeValueError(flags: FlagValues, update: boolean): Result {
	const suffix = update ? '-add' : '';
	for (const v of flags.get(`env${suffix}`) ?? []) {
		if (v.split('=')[0] === '') {
			return invalid(v, `env${suffix}`, `invalid environment variable: ${v}`);
		}
	}
	for (const v of flags.get(`publish${suffix}`) ?? []) {
		const port = parsePublish(v, `publish${suffix}`);
		if (typeof port === 'string') return port;
	}
	for (const v of flags.get(`network${suffix}`) ?? []) {
		const net = parseNetwork(v, `network${suffix}`);
		if (typeof net === 'string') return net;
	}
	const prefs = update ? ['placement-pref-add', 'placement-pref-rm'] : ['placement-pref'];
	for (const name of prefs) {
		for (const v of flags.get(name) ?? []) {
			const pref = placementPref(v, name);
			if (typeof pref === 'string') return pref;
		}
	}
	return containerFlagValueError(flags, update);
}

const invalid = (v: string, name: string, why: string) =>
	`invalid argument "${v}" for "--${name}" flag: ${why}`;

/** strconv.ParseFloat's decimal syntax (and inf / nan); undefined when it refuses the text. */
function goParseFloat(v: string): number | undefined {
	const m = /^([+-]?)(?:(inf(?:inity)?)|(nan)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))$/i.exec(v);
	if (m === null) return undefined;
	if (m[3] !== undefined) return NaN;
	const sign = m[1] === '-' ? -1 : 1;
	return m[2] !== undefined ? sign * Infinity : Number(v);
}

/** pflag's Uint64 and opts.Uint64Opt: strconv.ParseUint(v, 0, 64). */
export function uint(v: string, name: string): number | string {
	const n = parseGoUint(v, 64);
	return typeof n === 'string' ? invalid(v, name, numError('ParseUint', v, n)) : n;
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

/**
 * One `--publish` value, as opts/port.go PortOpt.Set parses it (docker/cli v28): the long syntax
 * (`published=8080,target=80,mode=host,protocol=udp`, any value matching `\w+=\w+`) field by
 * field, each port through strconv.ParseUint(v, 10, 16), so a port past 65535 is refused
 * (`strconv.ParseUint: parsing "70000": value out of range`); the short syntax (`8080:80`,
 * `80/udp`, `8080-8081:80-81`) through go-connections nat.ParsePortSpecs (`invalid hostPort:
 * 70000`, `invalid containerPort: 70000`) and ConvertPortToPortConfig, one PortConfig per
 * published port. The error is pflag's `invalid argument "…" for "--publish" flag: …`.
 */
export function parsePublish(v: string, name = 'publish'): PortConfig[] | string {
	if (/\w+=\w+/.test(v)) {
		const port: PortConfig = { TargetPort: 0 };
		// csv.Reader.Read of one line: the fields between commas.
		for (const field of v.split(',')) {
			// "TODO(thaJeztah): these options should not be case-insensitive."
			const lower = field.toLowerCase();
			const eq = lower.indexOf('=');
			if (eq <= 0) return invalid(v, name, `invalid field ${field}`);
			const key = lower.slice(0, eq);
			const val = lower.slice(eq + 1);
			if (key === 'protocol') {
				if (val !== 'tcp' && val !== 'udp' && val !== 'sctp')
					return invalid(v, name, `invalid protocol value ${val}`);
				port.Protocol = val;
			} else if (key === 'mode') {
				if (val !== 'ingress' && val !== 'host')
					return invalid(v, name, `invalid publish mode value ${val}`);
				port.PublishMode = val;
			} else if (key === 'target' || key === 'published') {
				const n = parseGoUint(val, 16, 10);
				if (typeof n === 'string') return invalid(v, name, numError('ParseUint', val, n));
				if (key === 'target') port.TargetPort = n;
				else port.PublishedPort = n;
			} else return invalid(v, name, `invalid field key ${key}`);
		}
		if (port.TargetPort === 0) return invalid(v, name, 'missing mandatory field "target"');
		return [
			{ ...port, PublishMode: port.PublishMode ?? 'ingress', Protocol: port.Protocol ?? 'tcp' }
		];
	}
	const mappings = natPortSpec(v);
	if (typeof mappings === 'string') return invalid(v, name, mappings);
	if (mappings.some((m) => m.hostIp !== '')) return invalid(v, name, 'hostip is not supported');
	// ParsePortSpecs gives a map by container port (Go ranges over it in random order): the lab
	// takes them in the order the value names them.
	const configs: PortConfig[] = [];
	for (const m of mappings) {
		const range = parsePortRange(m.hostPort) ?? { start: 0, end: 0 };
		for (let published = range.start; published <= range.end; published++)
			configs.push({
				Protocol: m.proto as PortConfig['Protocol'],
				TargetPort: m.container,
				...(m.hostPort !== '' ? { PublishedPort: published } : {}),
				PublishMode: 'ingress'
			});
	}
	return configs;
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
	// The failure action and order are plain string flags in docker/cli v28 (opts.go
	// addServiceFlags): the daemon refuses a word it does not know (swarm/daemon-convert.ts).
	const action = get('failure-action');
	if (action !== undefined) {
		config.FailureAction = action as FailureAction;
		touched = true;
	}
	const ratio = get('max-failure-ratio');
	if (ratio !== undefined) {
		// opts.go floatValue.Set is strconv.ParseFloat(s, 32) alone: the range is the daemon's
		// check (controlapi validateUpdate), made for the update config only.
		const r = goParseFloat(ratio);
		if (r === undefined) {
			return invalid(
				ratio,
				`${prefix}-max-failure-ratio`,
				`strconv.ParseFloat: parsing ${JSON.stringify(ratio)}: invalid syntax`
			);
		}
		config.MaxFailureRatio = r;
		touched = true;
	}
	const order = get('order');
	if (order !== undefined) {
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
	// A plain string flag too (lower-cased by ToEndpointSpec); the daemon checks the mode.
	const mode = flag(flags, 'endpoint-mode');
	if (mode !== undefined) {
		spec.EndpointSpec = {
			...(spec.EndpointSpec ?? {}),
			Mode: mode.toLowerCase() as 'vip' | 'dnsrr'
		};
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
	// A plain string flag; the daemon refuses an unknown condition (swarm/daemon-convert.ts).
	const condition = flag(flags, 'restart-condition');
	if (condition !== undefined) {
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

export interface NetworkAttachment {
	Target: string;
	Aliases?: string[];
	DriverOpts?: Record<string, string>;
}

/**
 * One `--network` value (docker/cli opts/network.go NetworkOpt.Set): a name or ID, or the long
 * syntax `name=NET,alias=A,driver-opt=K=V` (a CSV line, each field lower-cased; ip, ip6,
 * mac-address and link-local-ip are read too, which services do not use). The service keeps
 * the target, aliases and driver options (service/opts.go convertNetworks).
 */
export function parseNetwork(v: string, name = 'network'): NetworkAttachment | string {
	if (!/\w+=\w+(,\w+=\w+)*/.test(v)) return { Target: v };
	const out: NetworkAttachment = { Target: '' };
	const aliases: string[] = [];
	const driverOpts: Record<string, string> = {};
	for (const field of v.split(',')) {
		const lower = field.toLowerCase();
		const eq = lower.indexOf('=');
		if (eq <= 0) return invalid(v, name, `invalid field ${field}`);
		const key = lower.slice(0, eq).trim();
		const val = lower.slice(eq + 1).trim();
		if (key === 'name') out.Target = val;
		else if (key === 'alias') aliases.push(val);
		else if (key === 'driver-opt') {
			const cut = val.indexOf('=');
			if (cut <= 0) return invalid(v, name, 'invalid key value pair format in driver options');
			putOwn(driverOpts, val.slice(0, cut).trim(), val.slice(cut + 1).trim());
		} else if (!['ip', 'ip6', 'mac-address', 'link-local-ip'].includes(key)) {
			return invalid(v, name, `invalid field key ${key}`);
		}
	}
	if (out.Target === '') return invalid(v, name, 'network name/id is not specified');
	if (aliases.length > 0) out.Aliases = aliases;
	if (Object.keys(driverOpts).length > 0) out.DriverOpts = driverOpts;
	return out;
}

/** opts.go placementPrefOpts.Set: `<strategy>=<arg>`, and the only strategy is spread. */
export function placementPref(
	v: string,
	name = 'placement-pref'
): { Spread: { SpreadDescriptor: string } } | string {
	const eq = v.indexOf('=');
	if (eq <= 0) {
		return invalid(v, name, 'placement preference must be of the format "<strategy>=<arg>"');
	}
	const strategy = v.slice(0, eq);
	if (strategy !== 'spread') {
		return invalid(
			v,
			name,
			`unsupported placement preference ${strategy} (only spread is supported)`
		);
	}
	return { Spread: { SpreadDescriptor: v.slice(eq + 1) } };
}
