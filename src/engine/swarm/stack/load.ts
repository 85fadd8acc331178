/**
 * `loadStack`: a stack's compose file(s) → swarm specs, or docker's error text and nothing
 * else. The steps and their order follow docker/cli:
 * - cli/command/stack/loader/loader.go LoadComposefile: ParseYAML each file, Load, then the
 *   `Ignoring unsupported options` / `Ignoring deprecated options` notices;
 * - cli/compose/loader/loader.go Load: per file the version (schema.Version), the forbidden
 *   keys, interpolation, schema validation, then services, networks, volumes, secrets and
 *   configs;
 * - cli/compose/convert: names `<stack>_<name>`, the stack labels, the default network, and
 *   the services' conversion (errors `service <name>: …`).
 * Services come out sorted by name (docker's map order is random; the lab picks one).
 */
import { goCompare } from '../../manifests/json';
import { STACK_NAMESPACE_LABEL, type NetworkSpec, type ServiceSpec } from '../spec';
import { interpolateConfig } from './interpolate';
import { mergeDicts } from './merge';
import { loadFileObjects, loadNetworks, loadVolumes, type NetworkConfig } from './objects';
import { dirname } from './paths';
import { checkForbidden, propertyNotices } from './properties';
import { validateSchema } from './schema';
import { loadService, networkKeys, type ServiceContext } from './services';
import type { Lookup } from './template';
import {
	StackError,
	isDict,
	type Dict,
	type LoadOptions,
	type LoadResult,
	type StackFile
} from './types';
import { parseComposeYaml } from './yaml';
import { goSprint } from './values';
import { composeConfigYaml } from './config-output';

/** schema.go defaultVersion: the newest 3.x schema docker 28 ships. */
export const DEFAULT_COMPOSE_VERSION = '3.13';

/** The schemas docker 28 embeds (cli/compose/schema/data/config_schema_v3.*.json). */
const KNOWN_VERSIONS = new Set(Array.from({ length: 14 }, (_, i) => `3.${i}`));

/** The network driver stack deploy creates networks with (deploy_composefile.go). */
export const DEFAULT_NETWORK_DRIVER = 'overlay';

/**
 * schema.Version + normalizeVersion: absent, `""` and `3` mean the newest 3.x. docker 28 has
 * no separate Compose Specification schema: a file without `version` (the compose-spec style)
 * is validated against config_schema_v3.13.json, so keys newer than v3 are refused as
 * `Additional property … is not allowed`. The version is read with `%v`, so an unquoted
 * `version: 3.10` is the float 3.1, and the schema then wants a string
 * (`version must be a string`).
 */
export function composeVersion(config: Dict): string {
	if (!('version' in config)) return DEFAULT_COMPOSE_VERSION;
	const version = goSprint(config.version);
	return version === '' || version === '3' ? DEFAULT_COMPOSE_VERSION : version;
}

function section(config: Dict, key: string): Dict {
	const value = config[key];
	return isDict(value) ? value : {};
}

/** convert.Networks for the networks the services use (getServicesDeclaredNetworks). */
function usedNetworks(
	services: Dict,
	declared: ReadonlyMap<string, NetworkConfig>,
	stack: string
): NetworkSpec[] {
	const keys = new Set<string>();
	for (const service of Object.values(services)) {
		if (isDict(service)) for (const key of networkKeys(service)) keys.add(key);
	}
	const specs = [...keys].map((key): NetworkSpec => {
		const network = declared.get(key);
		if (network?.external) return { Name: network.name, Driver: '', External: true };
		const spec: NetworkSpec = {
			Name: network !== undefined && network.name !== '' ? network.name : `${stack}_${key}`,
			Driver:
				network !== undefined && network.driver !== '' ? network.driver : DEFAULT_NETWORK_DRIVER,
			Labels: { ...network?.labels, [STACK_NAMESPACE_LABEL]: stack }
		};
		if (network?.driverOpts !== undefined) spec.Options = network.driverOpts;
		if (network?.attachable) spec.Attachable = true;
		if (network?.internal) spec.Internal = true;
		// convert.Networks: each ipam.config entry becomes an IPAMConfig with its subnet.
		if (network !== undefined && network.subnets.length > 0)
			spec.IPAM = network.subnets.map((Subnet) => ({ Subnet }));
		return spec;
	});
	return specs.sort((a, b) => goCompare(a.Name, b.Name));
}

/** One parsed file through the forbidden keys, interpolation and the schema. */
function checkFile(
	raw: Dict,
	lookup: Lookup,
	version: { value?: string },
	interpolate = true
): { raw: Dict; config: Dict } {
	const fileVersion = composeVersion(raw);
	version.value ??= fileVersion;
	if (version.value !== fileVersion) {
		throw new StackError(
			`version mismatched between two composefiles : ${version.value} and ${fileVersion}`
		);
	}
	checkForbidden(raw);
	const config = interpolate ? interpolateConfig(raw, lookup) : raw;
	if (!KNOWN_VERSIONS.has(version.value)) {
		throw new StackError(`unsupported Compose file version: ${version.value}`);
	}
	validateSchema(config, version.value);
	return { raw, config };
}

/** The files read, checked and merged: what loader.Load works from. Throws StackError. */
function mergeFiles(
	files: readonly StackFile[],
	options: Omit<LoadOptions, 'stackName'>,
	interpolate = true
) {
	if (files.length === 0)
		throw new StackError('Please specify a Compose file (with --compose-file)');
	const env = options.env ?? {};
	const lookup: Lookup = (name) => (Object.hasOwn(env, name) ? env[name] : undefined);
	const workingDir = dirname(files[0]?.path ?? '.');
	const version: { value?: string } = {};
	// GetConfigDetails parses every file before Load looks at any of them.
	const parsed = files.map((file) => parseComposeYaml(file.text));
	const read = parsed.map((raw) => checkFile(raw, lookup, version, interpolate));
	const config = read.map((r) => r.config).reduce((a, b) => mergeDicts(a, b));
	return { read, config, lookup, workingDir, version: version.value ?? DEFAULT_COMPOSE_VERSION };
}

/**
 * `docker stack config`: the merged config as YAML (config-output.ts), or the loader's error.
 * With `interpolate` false (--skip-interpolation) `${VAR}` stays as written.
 */
export function stackConfigYaml(
	files: readonly StackFile[],
	options: Omit<LoadOptions, 'stackName'>,
	interpolate: boolean
): { ok: true; yaml: string } | { ok: false; error: string } {
	try {
		const merged = mergeFiles(files, options, interpolate);
		const context = {
			workingDir: merged.workingDir,
			lookup: merged.lookup,
			readFile: options.readFile,
			warnings: []
		};
		return { ok: true, yaml: composeConfigYaml(merged.config, merged.version, context) };
	} catch (error) {
		if (error instanceof StackError) return { ok: false, error: error.message };
		return { ok: false, error: `lab: could not load the stack: ${String(error)}` };
	}
}

export function loadStackFiles(files: readonly StackFile[], options: LoadOptions): LoadResult {
	try {
		const { read, config, lookup, workingDir, version: fileVersion } = mergeFiles(files, options);
		const stack = options.stackName;
		const warnings: string[] = [];

		const services = section(config, 'services');
		const loaded = Object.keys(services)
			.sort(goCompare)
			.map((name) => {
				const service = services[name];
				return loadService(name, isDict(service) ? service : {}, {
					workingDir,
					lookup,
					readFile: options.readFile,
					warnings
				});
			});
		const networks = loadNetworks(section(config, 'networks'), fileVersion, warnings);
		const volumes = loadVolumes(section(config, 'volumes'), fileVersion, stack, warnings);
		const objectContext = {
			version: fileVersion,
			stack,
			workingDir,
			readFile: options.readFile,
			warnings
		};
		const secrets = loadFileObjects(section(config, 'secrets'), {
			...objectContext,
			kind: 'secret'
		});
		const configs = loadFileObjects(section(config, 'configs'), {
			...objectContext,
			kind: 'config'
		});

		const notices = propertyNotices(read.map((r) => r.raw));
		const context: ServiceContext = { stack, networks, volumes, secrets, configs };
		const specs: ServiceSpec[] = loaded.map((convert) => convert(context));
		const byName = (a: { Name: string }, b: { Name: string }) => goCompare(a.Name, b.Name);
		return {
			ok: true,
			services: specs,
			networks: usedNetworks(services, networks, stack),
			secrets: [...secrets.values()].sort(byName),
			configs: [...configs.values()].sort(byName),
			volumes: [...volumes.values()].sort(byName),
			warnings: [...warnings, ...notices]
		};
	} catch (error) {
		if (error instanceof StackError) return { ok: false, error: error.message };
		// Anything else is a lab bug; still answer instead of throwing at the console.
		return { ok: false, error: `lab: could not load the stack: ${String(error)}` };
	}
}

/** One compose file's text; `path` (for relative paths) defaults to the current folder. */
export function loadStack(text: string, options: LoadOptions & { path?: string }): LoadResult {
	return loadStackFiles([{ path: options.path ?? 'docker-compose.yml', text }], options);
}
