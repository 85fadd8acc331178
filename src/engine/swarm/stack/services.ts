/**
 * One compose service → one swarm ServiceSpec: the loader's LoadService (mapstructure
 * Transform, resolveEnvironment, resolveVolumePaths; cli/compose/loader/loader.go) and then
 * convert.Service (cli/compose/convert/service.go), whose errors docker wraps as
 * `service <name>: …`.
 */
import { goCompare } from '../../manifests/json';
import {
	STACK_NAMESPACE_LABEL,
	type HealthConfig,
	type ReferenceSpec,
	type ResourceSpec,
	type RestartPolicy,
	type ServiceMode,
	type ServiceSpec,
	type TaskSpec,
	type UpdateConfig
} from '../spec';
import { hookError, toUint } from './decode';
import { durationNanos } from './duration-ns';
import { parseEnvFile } from './envfile';
import type { NetworkConfig } from './objects';
import { absPath } from './paths';
import { convertPorts } from './ports';
import { shlexSplit } from './shlex';
import type { Lookup } from './template';
import {
	StackError,
	isDict,
	type Dict,
	type StackFileObject,
	type StackVolume,
	type Value
} from './types';
import { parseCPUs, ramInBytes } from './units';
import { convertVolumes, loadServiceVolumes } from './volumes';
import { containerOptions, logDriver } from './container-options';
import { labels, mappingOrList, str, stringList } from './values';

/** `com.docker.stack.image` (convert/service.go LabelImage). */
export const STACK_IMAGE_LABEL = 'com.docker.stack.image';

/** What loading a service needs (LoadService). */
export interface LoadContext {
	workingDir: string;
	lookup: Lookup;
	readFile?: (path: string) => string | undefined;
	/** logrus warnings the load prints on stderr. */
	warnings: string[];
}

/** What converting it needs (convert.Service): the stack and its declared objects. */
export interface ServiceContext {
	stack: string;
	networks: ReadonlyMap<string, NetworkConfig>;
	volumes: ReadonlyMap<string, StackVolume>;
	secrets: ReadonlyMap<string, StackFileObject>;
	configs: ReadonlyMap<string, StackFileObject>;
}

/** A Go duration in nanoseconds, as the Engine API keeps it. */
function nanos(value: Value | undefined): number | undefined {
	return typeof value === 'string' ? durationNanos(value) : undefined;
}

/** ShellCommand: a string is split like a shell would, a list is kept. */
export function shellCommand(value: Value | undefined, field: string): string[] | undefined {
	if (value === undefined || value === null) return undefined;
	if (Array.isArray(value)) return value.map((v) => str(v));
	if (typeof value !== 'string') return undefined;
	const split = shlexSplit(value);
	if (!split.ok) throw hookError(field, split.error);
	return split.words;
}

/** resolveEnvironment: env_file entries, then `environment:`, empty values from the client. */
export function environmentMap(service: Dict, context: LoadContext): Map<string, string | null> {
	const env = new Map<string, string | null>();
	const update = (vars: Map<string, string | null>) => {
		for (const [key, value] of vars) {
			const fromClient = context.lookup(key);
			env.set(
				key,
				(value === null || value === '') && fromClient !== undefined ? fromClient : value
			);
		}
	};
	const files = stringList(service.env_file);
	if (files.length > 0) {
		const lines: string[] = [];
		for (const file of files) {
			const path = absPath(context.workingDir, file);
			const text = context.readFile?.(path);
			if (text === undefined) throw new StackError(`open ${path}: no such file or directory`);
			const parsed = parseEnvFile(text, context.lookup);
			if (!parsed.ok) throw new StackError(parsed.error);
			lines.push(...parsed.lines);
		}
		update(mappingOrList(lines, '=', true));
	}
	update(mappingOrList(service.environment, '=', true));
	return env;
}

function environment(service: Dict, context: LoadContext): string[] | undefined {
	const env = environmentMap(service, context);
	if (env.size === 0) return undefined;
	return [...env].map(([k, v]) => (v === null ? k : `${k}=${v}`)).sort(goCompare);
}

export function memoryBytes(value: Value | undefined, field: string): number | undefined {
	if (typeof value !== 'string') return typeof value === 'number' ? value : undefined;
	const parsed = ramInBytes(value);
	if (!parsed.ok) throw hookError(field, parsed.error);
	return parsed.value;
}

/** transformSize happens at load time; convertResources parses CPUs later. */
function loadResources(deploy: Dict) {
	const resources = isDict(deploy.resources) ? deploy.resources : {};
	const limits = isDict(resources.limits) ? resources.limits : undefined;
	const reservations = isDict(resources.reservations) ? resources.reservations : undefined;
	return {
		limits: limits && {
			cpus: str(limits.cpus),
			memory: memoryBytes(limits.memory, 'Deploy.Resources.Limits.memory')
		},
		reservations: reservations && {
			cpus: str(reservations.cpus),
			memory: memoryBytes(reservations.memory, 'Deploy.Resources.Reservations.memory')
		}
	};
}

function convertResource(source: { cpus: string; memory?: number }): ResourceSpec {
	const spec: ResourceSpec = {};
	if (source.cpus !== '') {
		const cpus = parseCPUs(source.cpus);
		if (!cpus.ok) throw new Error(cpus.error);
		spec.NanoCPUs = cpus.value;
	}
	if (source.memory !== undefined) spec.MemoryBytes = source.memory;
	return spec;
}

/** convertRestartPolicy: deploy.restart_policy, else the (unsupported) `restart:` key. */
function restartPolicy(service: Dict, deploy: Dict): RestartPolicy | undefined {
	const source = deploy.restart_policy;
	if (isDict(source)) {
		const policy: RestartPolicy = {};
		if (typeof source.condition === 'string')
			policy.Condition = source.condition as RestartPolicy['Condition'];
		const delay = nanos(source.delay);
		if (delay !== undefined) policy.Delay = delay;
		const attempts = toUint('Deploy.restart_policy.max_attempts', source.max_attempts);
		if (attempts !== undefined) policy.MaxAttempts = attempts;
		const window = nanos(source.window);
		if (window !== undefined) policy.Window = window;
		return policy;
	}
	const restart = str(service.restart);
	const colon = restart.indexOf(':');
	const name = colon < 0 ? restart : restart.slice(0, colon);
	const count = colon < 0 ? '' : restart.slice(colon + 1);
	if (colon >= 0 && name === '') {
		throw new Error('invalid restart policy format: no policy provided before colon');
	}
	if (count !== '' && !/^[+-]?[0-9]+$/.test(count)) {
		throw new Error('invalid restart policy format: maximum retry count must be an integer');
	}
	switch (name) {
		case '':
		case 'no':
			return undefined;
		case 'always':
		case 'unless-stopped':
			return { Condition: 'any' };
		case 'on-failure':
			return { Condition: 'on-failure', MaxAttempts: count === '' ? 0 : Number(count) };
		default:
			throw new Error(`unknown restart policy: ${restart}`);
	}
}

function updateConfig(value: Value | undefined, key: string): UpdateConfig | undefined {
	if (!isDict(value)) return undefined;
	const config: UpdateConfig = {
		Parallelism: toUint(`Deploy.${key}.Parallelism`, value.parallelism) ?? 1
	};
	const delay = nanos(value.delay);
	if (delay !== undefined) config.Delay = delay;
	if (typeof value.failure_action === 'string' && value.failure_action !== '') {
		config.FailureAction = value.failure_action as UpdateConfig['FailureAction'];
	}
	const monitor = nanos(value.monitor);
	if (monitor !== undefined) config.Monitor = monitor;
	if (typeof value.max_failure_ratio === 'number') config.MaxFailureRatio = value.max_failure_ratio;
	if (typeof value.order === 'string' && value.order !== '') {
		config.Order = value.order as UpdateConfig['Order'];
	}
	return config;
}

/** convertDeployMode. */
function serviceMode(mode: string, replicas: number | undefined): ServiceMode {
	const onlyReplicated = () =>
		new Error('replicas can only be used with replicated or replicated-job mode');
	switch (mode) {
		case 'global-job':
			if (replicas !== undefined) throw onlyReplicated();
			return { GlobalJob: {} };
		case 'global':
			if (replicas !== undefined) throw onlyReplicated();
			return { Global: {} };
		case 'replicated-job':
			return { ReplicatedJob: { MaxConcurrent: replicas, TotalCompletions: replicas } };
		case 'replicated':
		case '':
			return { Replicated: replicas === undefined ? {} : { Replicas: replicas } };
		default:
			throw new Error(`Unknown mode: ${mode}`);
	}
}

/** convertHealthcheck. */
function healthcheck(value: Value | undefined): HealthConfig | undefined {
	if (!isDict(value)) return undefined;
	const test =
		typeof value.test === 'string'
			? ['CMD-SHELL', value.test]
			: Array.isArray(value.test)
				? value.test.map((v) => str(v))
				: undefined;
	const retries = toUint('HealthCheck.Retries', value.retries);
	if (value.disable === true) {
		if (test !== undefined && test.length > 0) {
			throw new Error("test and disable can't be set at the same time");
		}
		return { Test: ['NONE'] };
	}
	const config: HealthConfig = {};
	if (test !== undefined) config.Test = test;
	const fields: [keyof HealthConfig, string][] = [
		['Interval', 'interval'],
		['Timeout', 'timeout'],
		['StartPeriod', 'start_period'],
		['StartInterval', 'start_interval']
	];
	for (const [target, source] of fields) {
		const ns = nanos(value[source]);
		if (ns !== undefined) (config as Record<string, unknown>)[target] = ns;
	}
	if (retries !== undefined) config.Retries = retries;
	return config;
}

/** Reference entries (`secrets:` / `configs:` of a service), read at load time. */
interface Reference {
	source: string;
	target: string;
	uid: string;
	gid: string;
	mode?: number;
}

function loadReferences(value: Value | undefined, field: string): Reference[] {
	if (!Array.isArray(value)) return [];
	return value.map((entry, i) => {
		if (typeof entry === 'string') return { source: entry, target: '', uid: '', gid: '' };
		const dict = isDict(entry) ? entry : {};
		return {
			source: str(dict.source),
			target: str(dict.target),
			uid: str(dict.uid),
			gid: str(dict.gid),
			mode: toUint(`${field}[${i}].Mode`, dict.mode)
		};
	});
}

/** convertFileObject: the swarm name and the file the task sees. */
function convertReferences(
	references: readonly Reference[],
	declared: ReadonlyMap<string, StackFileObject>,
	kind: 'secret' | 'config'
): ReferenceSpec[] {
	const specs = references.map((ref) => {
		const object = declared.get(ref.source);
		if (object === undefined) throw new Error(`undefined ${kind} "${ref.source}"`);
		const file = {
			Name: ref.target === '' ? ref.source : ref.target,
			UID: ref.uid === '' ? '0' : ref.uid,
			GID: ref.gid === '' ? '0' : ref.gid,
			Mode: ref.mode ?? 0o444
		};
		return kind === 'secret'
			? { File: file, SecretName: object.Name }
			: { File: file, ConfigName: object.Name };
	});
	const name = (s: ReferenceSpec) => s.SecretName ?? s.ConfigName ?? '';
	return specs.sort((a, b) => goCompare(name(a), name(b)));
}

/** Service networks: a list, or a map whose values may carry aliases. */
function serviceNetworks(value: Value | undefined): Map<string, string[]> {
	const networks = new Map<string, string[]>();
	if (Array.isArray(value)) for (const name of value) networks.set(str(name), []);
	else if (isDict(value)) {
		for (const [name, config] of Object.entries(value)) {
			networks.set(name, isDict(config) ? stringList(config.aliases) : []);
		}
	}
	return networks;
}

/** The network keys a service uses (deploy_composefile.go getServicesDeclaredNetworks). */
export function networkKeys(service: Dict): string[] {
	const networks = serviceNetworks(service.networks);
	return networks.size === 0 ? ['default'] : [...networks.keys()];
}

const BUILTIN_NETWORK_MODES = ['default', 'bridge', 'host', 'none'];

/** convertServiceNetworks. */
function convertNetworks(
	service: Dict,
	name: string,
	context: ServiceContext
): NonNullable<TaskSpec['Networks']> {
	let networks = serviceNetworks(service.networks);
	if (networks.size === 0) networks = new Map([['default', []]]);
	const attachments = [...networks].map(([key, aliases]) => {
		const declared = context.networks.get(key);
		if (declared === undefined && key !== 'default') throw new Error(`undefined network "${key}"`);
		const target =
			declared !== undefined && declared.name !== '' ? declared.name : `${context.stack}_${key}`;
		// Only user-defined networks take the service name as an alias.
		const userDefined = !BUILTIN_NETWORK_MODES.includes(target) && !target.startsWith('container:');
		const all = userDefined ? [...aliases, name] : aliases;
		return all.length > 0 ? { Target: target, Aliases: all } : { Target: target };
	});
	return attachments.sort((a, b) => goCompare(a.Target, b.Target));
}

function withStackLabel(value: Value | undefined, stack: string): Record<string, string> {
	return { ...labels(value), [STACK_NAMESPACE_LABEL]: stack };
}

/**
 * Loads and converts one service. Errors of the load step (mapstructure, env files) come
 * unwrapped and come first; those of the conversion (the returned function) are wrapped
 * `service <name>: …`, as convert.Services does.
 */
export function loadService(
	name: string,
	service: Dict,
	loading: LoadContext
): (context: ServiceContext) => ServiceSpec {
	const deploy = isDict(service.deploy) ? service.deploy : {};
	// --- LoadService: Transform and the resolve steps ---
	const replicas = toUint('Deploy.Replicas', deploy.replicas);
	const placement = isDict(deploy.placement) ? deploy.placement : {};
	const maxReplicas = toUint(
		'Deploy.Placement.max_replicas_per_node',
		placement.max_replicas_per_node
	);
	const update = updateConfig(deploy.update_config, 'update_config');
	const rollback = updateConfig(deploy.rollback_config, 'rollback_config');
	const resources = loadResources(deploy);
	const ports = convertPorts(service.ports);
	const command = shellCommand(service.command, 'Command');
	const entrypoint = shellCommand(service.entrypoint, 'Entrypoint');
	const secrets = loadReferences(service.secrets, 'Secrets');
	const configs = loadReferences(service.configs, 'Configs');
	const volumes = loadServiceVolumes(
		service.volumes,
		loading.workingDir,
		loading.lookup('HOME'),
		loading.warnings
	);
	const env = environment(service, loading);

	// --- convert.Services / convert.Service, once every section is loaded ---
	return (context) => {
		try {
			const secretRefs = convertReferences(secrets, context.secrets, 'secret');
			const configRefs = convertReferences(configs, context.configs, 'config');
			const mode = serviceMode(str(deploy.mode), replicas);
			const mounts = convertVolumes(volumes, context.volumes, context.stack);
			const limits = resources.limits && convertResource(resources.limits);
			const reservations = resources.reservations && convertResource(resources.reservations);
			const restart = restartPolicy(service, deploy);
			const health = healthcheck(service.healthcheck);
			const networks = convertNetworks(service, name, context);

			const image = str(service.image);
			const containerSpec: TaskSpec['ContainerSpec'] = {
				Image: image,
				Labels: withStackLabel(service.labels, context.stack)
			};
			if (entrypoint !== undefined) containerSpec.Command = entrypoint;
			if (command !== undefined) containerSpec.Args = command;
			if (env !== undefined) containerSpec.Env = env;
			if (str(service.hostname) !== '') containerSpec.Hostname = str(service.hostname);
			if (str(service.user) !== '') containerSpec.User = str(service.user);
			if (str(service.working_dir) !== '') containerSpec.Dir = str(service.working_dir);
			// convert.Service always sends Privileges (its credential spec and SELinux context
			// unset), which `inspect` shows on every stack service.
			containerSpec.Privileges = {
				CredentialSpec: null,
				SELinuxContext: null,
				NoNewPrivileges: false
			};
			Object.assign(containerSpec, containerOptions(service));
			const grace = nanos(service.stop_grace_period);
			if (grace !== undefined) containerSpec.StopGracePeriod = grace;
			if (mounts.length > 0) containerSpec.Mounts = mounts;
			if (health !== undefined) containerSpec.Healthcheck = health;
			if (secretRefs.length > 0) containerSpec.Secrets = secretRefs;
			if (configRefs.length > 0) containerSpec.Configs = configRefs;

			// convertResources always returns a (maybe empty) ResourceRequirements, so a stack's
			// service has one and `inspect --pretty` prints its Resources: line.
			const taskTemplate: TaskSpec = {
				ContainerSpec: containerSpec,
				Networks: networks,
				Resources: {
					...(limits !== undefined ? { Limits: limits } : {}),
					...(reservations !== undefined ? { Reservations: reservations } : {})
				}
			};
			if (restart !== undefined) taskTemplate.RestartPolicy = restart;
			const logging = logDriver(service);
			if (logging !== undefined) taskTemplate.LogDriver = logging;
			const constraints = stringList(placement.constraints);
			const preferences = Array.isArray(placement.preferences)
				? placement.preferences.map((p) => ({
						Spread: { SpreadDescriptor: isDict(p) ? str(p.spread) : '' }
					}))
				: [];
			taskTemplate.Placement = {
				...(constraints.length > 0 ? { Constraints: constraints } : {}),
				...(preferences.length > 0 ? { Preferences: preferences } : {}),
				...(maxReplicas !== undefined && maxReplicas > 0 ? { MaxReplicas: maxReplicas } : {})
			};

			const spec: ServiceSpec = {
				Name: `${context.stack}_${name}`,
				Labels: { ...withStackLabel(deploy.labels, context.stack), [STACK_IMAGE_LABEL]: image },
				TaskTemplate: taskTemplate,
				Mode: mode,
				EndpointSpec: {
					...(str(deploy.endpoint_mode) !== ''
						? { Mode: str(deploy.endpoint_mode).toLowerCase() as 'vip' | 'dnsrr' }
						: {}),
					Ports: ports
				}
			};
			if (update !== undefined) spec.UpdateConfig = update;
			if (rollback !== undefined) spec.RollbackConfig = rollback;
			return spec;
		} catch (error) {
			if (error instanceof StackError) throw error;
			const message = error instanceof Error ? error.message : String(error);
			throw new StackError(`service ${name}: ${message}`);
		}
	};
}
