/**
 * `docker stack config`: the merged (and, unless --skip-interpolation, interpolated) compose
 * file as the loader's typed config, encoded by gopkg.in/yaml.v3 with an indent of 2
 * (docker/cli cli/command/stack/config.go outputConfig). The shape is cli/compose/types
 * types.go: struct fields in declaration order, each under its yaml tag and left out when
 * empty (`omitempty`), maps with sorted keys, `x-` extensions inlined after the fields; the
 * loader's transforms normalise the values (short port and volume syntax to the long form,
 * commands split like a shell, lists of `KEY=VALUE` to maps, durations as Go prints them,
 * sizes in bytes). Reference output: cli/compose/loader/testdata/full-example.yaml.golden.
 */
import { stringify } from 'yaml';
import { formatGoDuration } from '../../commands/durations';
import { durationNanos } from './duration-ns';
import { absPath } from './paths';
import { environmentMap, memoryBytes, shellCommand, type LoadContext } from './services';
import { isDict, type Dict, type Value } from './types';
import { loadServiceVolumes } from './volumes';
import { goSprint, mappingOrList, stringList, str } from './values';
import { shortPortSyntax } from './ports';

type Out = Map<string, unknown>;

/** One struct field: its yaml key and how the loader decodes, then yaml.v3 encodes, it. */
type Field = [key: string, encode: (value: Value, ctx: LoadContext) => unknown];

const omitted = undefined;

// --- scalar and list kinds (omitempty: '' / false / 0 / empty are left out) ---

const string = (v: Value): unknown => {
	const s = v === null || v === undefined ? '' : goSprint(v);
	return s === '' ? omitted : s;
};
const bool = (v: Value): unknown => (v === true ? true : omitted);
const number = (v: Value): unknown => (typeof v === 'number' && v !== 0 ? v : omitted);
/** A pointer field (`*uint64`): present whenever the file sets it, zero included. */
const numberPtr = (v: Value): unknown => (typeof v === 'number' ? v : omitted);
const list = (v: Value): unknown => {
	const items = stringList(v);
	return items.length > 0 ? items : omitted;
};
const stringOrNumberList = (v: Value): unknown => {
	const items = (Array.isArray(v) ? v : [v]).map((x) => goSprint(x));
	return items.length > 0 ? items : omitted;
};
const command = (field: string) => (v: Value) => shellCommand(v, field) ?? omitted;
/** Labels / Mapping: `KEY=VALUE` lists become maps; values are strings. */
const mapping = (v: Value): unknown => {
	const map = mappingOrList(v, '=', false);
	return map.size > 0 ? sorted(map) : omitted;
};
const stringMap = (v: Value): unknown => (isDict(v) ? mapping(v) : omitted);
/** types.Duration: what time.Duration's String() prints. */
const duration = (v: Value): unknown => {
	const ns = typeof v === 'string' ? durationNanos(v) : undefined;
	if (ns === undefined) return omitted;
	return ns % 1_000_000 === 0 ? formatGoDuration(ns / 1_000_000) : `${ns}ns`;
};
/** UnitBytes marshals as its decimal string (so yaml.v3 quotes it). */
const unitBytes = (field: string) => (v: Value) => {
	const bytes = memoryBytes(v, field);
	return bytes === undefined || bytes === 0 ? omitted : String(bytes);
};

function struct(fields: readonly Field[], extras = false) {
	return (v: Value, ctx: LoadContext): unknown =>
		isDict(v) ? encode(v, fields, ctx, extras) : omitted;
}

/** A pointer to a struct: present (maybe `{}`) whenever the file has the key. */
function structPtr(fields: readonly Field[]) {
	return (v: Value, ctx: LoadContext): unknown =>
		isDict(v) ? encode(v, fields, ctx, false) : omitted;
}

function structList(fields: readonly Field[]) {
	return (v: Value, ctx: LoadContext): unknown =>
		Array.isArray(v) && v.length > 0
			? v.map((item) => encode(isDict(item) ? item : {}, fields, ctx, false))
			: omitted;
}

function encode(dict: Dict, fields: readonly Field[], ctx: LoadContext, extras: boolean): Out {
	const out: Out = new Map();
	for (const [key, fn] of fields) {
		if (!(key in dict)) continue;
		const value = fn(dict[key]!, ctx);
		if (value !== omitted) out.set(key, value);
	}
	if (extras) {
		for (const key of Object.keys(dict)
			.filter((k) => k.startsWith('x-'))
			.sort(yamlKeyLess)) {
			out.set(key, plain(dict[key]!));
		}
	}
	return out;
}

/** An extension's value as it was decoded (map[string]interface{}), maps sorted. */
function plain(v: Value): unknown {
	if (Array.isArray(v)) return v.map(plain);
	if (isDict(v))
		return new Map(
			Object.keys(v)
				.sort(yamlKeyLess)
				.map((k) => [k, plain(v[k]!)])
		);
	return v;
}

function sorted(map: ReadonlyMap<string, unknown>): Out {
	return new Map([...map.keys()].sort(yamlKeyLess).map((k) => [k, map.get(k)]));
}

/**
 * yaml.v3's keyList.Less: letters before digits, and runs of digits compared as numbers
 * (`a2` before `a10`).
 */
function yamlKeyLess(a: string, b: string): number {
	const ar = [...a];
	const br = [...b];
	for (let i = 0; i < ar.length && i < br.length; i++) {
		if (ar[i] === br[i]) continue;
		const al = /\p{L}/u.test(ar[i]!);
		const bl = /\p{L}/u.test(br[i]!);
		if (al && bl) return ar[i]! < br[i]! ? -1 : 1;
		if (al || bl) return bl ? -1 : 1;
		// Digits: compare the whole runs numerically, from where they start.
		let start = i;
		while (start > 0 && /\d/.test(ar[start - 1]!)) start--;
		const an = digitsFrom(ar, start);
		const bn = digitsFrom(br, start);
		if (an !== undefined && bn !== undefined && an !== bn) return an < bn ? -1 : 1;
		return ar[i]! < br[i]! ? -1 : 1;
	}
	return ar.length - br.length;
}

function digitsFrom(chars: readonly string[], start: number): number | undefined {
	let s = '';
	for (let i = start; i < chars.length && /\d/.test(chars[i]!); i++) s += chars[i];
	return s === '' ? undefined : Number(s);
}

// --- the loader's special transforms ---

/** transformServicePort: short syntax to {mode, target, published, protocol}. */
function ports(v: Value): unknown {
	if (!Array.isArray(v) || v.length === 0) return omitted;
	const out: Out[] = [];
	v.forEach((entry) => {
		if (isDict(entry)) {
			out.push(encode(entry, PORT_FIELDS, NO_CONTEXT, false));
			return;
		}
		for (const p of shortPortSyntax(entry)) {
			const port: Out = new Map<string, unknown>([['mode', 'ingress']]);
			port.set('target', p.TargetPort);
			if (p.PublishedPort !== undefined) port.set('published', p.PublishedPort);
			port.set('protocol', p.Protocol);
			out.push(port);
		}
	});
	return out;
}

const PORT_FIELDS: readonly Field[] = [
	['mode', string],
	['target', number],
	['published', number],
	['protocol', string]
];

const NO_CONTEXT: LoadContext = { workingDir: '.', lookup: () => undefined, warnings: [] };

/** Service volumes in the long form, bind sources made absolute (resolveVolumePaths). */
function volumes(v: Value, ctx: LoadContext): unknown {
	const loaded = loadServiceVolumes(v, ctx.workingDir, ctx.lookup('HOME'), []);
	if (loaded.length === 0) return omitted;
	return loaded.map((volume) => {
		const out: Out = new Map();
		if (volume.type !== '') out.set('type', volume.type);
		if (volume.source !== '') out.set('source', volume.source);
		if (volume.target !== '') out.set('target', volume.target);
		if (volume.readOnly) out.set('read_only', true);
		if (volume.bind !== undefined) {
			out.set(
				'bind',
				new Map(volume.bind.propagation ? [['propagation', volume.bind.propagation]] : [])
			);
		}
		if (volume.volume !== undefined) {
			out.set('volume', new Map(volume.volume.nocopy ? [['nocopy', true]] : []));
		}
		if (volume.tmpfs !== undefined) {
			out.set('tmpfs', new Map(volume.tmpfs.size ? [['size', volume.tmpfs.size]] : []));
		}
		return out;
	});
}

/** transformStringSourceMap: a secret or config named by a string is `{source: name}`. */
function fileReferences(v: Value): unknown {
	if (!Array.isArray(v) || v.length === 0) return omitted;
	return v.map((entry) =>
		isDict(entry)
			? encode(entry, FILE_REFERENCE_FIELDS, NO_CONTEXT, false)
			: new Map([['source', goSprint(entry)]])
	);
}

const FILE_REFERENCE_FIELDS: readonly Field[] = [
	['source', string],
	['target', string],
	['uid', string],
	['gid', string],
	['mode', numberPtr]
];

/** transformServiceNetworkMap: a list names networks with no settings (null). */
function serviceNetworks(v: Value): unknown {
	const out: Out = new Map();
	if (Array.isArray(v)) for (const name of v) out.set(goSprint(name), null);
	else if (isDict(v)) {
		for (const [name, config] of Object.entries(v)) {
			out.set(
				name,
				isDict(config) ? encode(config, SERVICE_NETWORK_FIELDS, NO_CONTEXT, false) : null
			);
		}
	}
	return out.size > 0 ? sorted(out) : omitted;
}

const SERVICE_NETWORK_FIELDS: readonly Field[] = [
	['aliases', list],
	['ipv4_address', string],
	['ipv6_address', string]
];

/** MappingWithEquals after resolveEnvironment: env files merged in, `KEY` alone is null. */
function environmentField(service: Dict, ctx: LoadContext): unknown {
	const env = environmentMap(service, ctx);
	return env.size > 0 ? sorted(env) : omitted;
}

/** UlimitsConfig marshals a single value as the number itself. */
function ulimits(v: Value): unknown {
	if (!isDict(v)) return omitted;
	const out: Out = new Map();
	for (const key of Object.keys(v).sort(yamlKeyLess)) {
		const limit = v[key];
		if (typeof limit === 'number') out.set(key, limit);
		else if (isDict(limit)) out.set(key, encode(limit, ULIMIT_FIELDS, NO_CONTEXT, false));
	}
	return out.size > 0 ? out : omitted;
}

const ULIMIT_FIELDS: readonly Field[] = [
	['soft', number],
	['hard', number]
];

const UPDATE_FIELDS: readonly Field[] = [
	['parallelism', numberPtr],
	['delay', duration],
	['failure_action', string],
	['monitor', duration],
	['max_failure_ratio', number],
	['order', string]
];

const RESOURCE_FIELDS = (what: string): readonly Field[] => [
	['cpus', string],
	['memory', unitBytes(`Deploy.Resources.${what}.memory`)],
	['pids', number]
];

const DEPLOY_FIELDS: readonly Field[] = [
	['mode', string],
	['replicas', numberPtr],
	['labels', mapping],
	['update_config', structPtr(UPDATE_FIELDS)],
	['rollback_config', structPtr(UPDATE_FIELDS)],
	[
		'resources',
		struct([
			['limits', structPtr(RESOURCE_FIELDS('Limits'))],
			['reservations', structPtr(RESOURCE_FIELDS('Reservations'))]
		])
	],
	[
		'restart_policy',
		structPtr([
			['condition', string],
			['delay', duration],
			['max_attempts', numberPtr],
			['window', duration]
		])
	],
	[
		'placement',
		struct([
			['constraints', list],
			['preferences', structList([['spread', string]])],
			['max_replicas_per_node', number]
		])
	],
	['endpoint_mode', string]
];

const HEALTHCHECK_FIELDS: readonly Field[] = [
	['test', (v) => (typeof v === 'string' ? ['CMD-SHELL', v] : list(v))],
	['timeout', duration],
	['interval', duration],
	['retries', numberPtr],
	['start_period', duration],
	['start_interval', duration],
	['disable', bool]
];

/** types.ServiceConfig, in declaration order. */
const SERVICE_FIELDS: readonly Field[] = [
	[
		'build',
		(v) =>
			typeof v === 'string'
				? new Map([['context', v]])
				: struct([
						['context', string],
						['dockerfile', string],
						['args', mapping],
						['labels', mapping],
						['cache_from', list],
						['extra_hosts', list],
						['network', string],
						['target', string]
					])(v, NO_CONTEXT)
	],
	['cap_add', list],
	['cap_drop', list],
	['cgroupns_mode', string],
	['cgroup_parent', string],
	['command', command('Command')],
	['configs', fileReferences],
	['container_name', string],
	[
		'credential_spec',
		struct([
			['config', string],
			['file', string],
			['registry', string]
		])
	],
	['depends_on', list],
	['deploy', struct(DEPLOY_FIELDS)],
	['devices', list],
	['dns', list],
	['dns_search', list],
	['domainname', string],
	['entrypoint', command('Entrypoint')],
	['environment', () => omitted],
	['env_file', list],
	['expose', stringOrNumberList],
	['external_links', list],
	['extra_hosts', list],
	['hostname', string],
	['healthcheck', structPtr(HEALTHCHECK_FIELDS)],
	['image', string],
	['init', (v) => (typeof v === 'boolean' ? v : omitted)],
	['ipc', string],
	['isolation', string],
	['labels', mapping],
	['links', list],
	[
		'logging',
		structPtr([
			['driver', string],
			['options', stringMap]
		])
	],
	['mac_address', string],
	['network_mode', string],
	['networks', serviceNetworks],
	['pid', string],
	['ports', ports],
	['privileged', bool],
	['read_only', bool],
	['restart', string],
	['secrets', fileReferences],
	['security_opt', list],
	['shm_size', string],
	['stdin_open', bool],
	['stop_grace_period', duration],
	['stop_signal', string],
	['sysctls', mapping],
	['tmpfs', list],
	['tty', bool],
	['ulimits', ulimits],
	['user', string],
	['userns_mode', string],
	['volumes', volumes],
	['working_dir', string]
];

function service(dict: Dict, ctx: LoadContext): Out {
	const out = encode(dict, SERVICE_FIELDS, ctx, true);
	// resolveEnvironment runs on every service, env_file or not; the field keeps its place.
	const env = environmentField(dict, ctx);
	if (env === omitted) return out;
	const entries = [...out];
	const at = entries.findIndex(([key]) => fieldIndex(key) > fieldIndex('environment'));
	entries.splice(at < 0 ? entries.length : at, 0, ['environment', env]);
	return new Map(entries);
}

function fieldIndex(key: string): number {
	const i = SERVICE_FIELDS.findIndex(([k]) => k === key);
	return i < 0 ? SERVICE_FIELDS.length : i;
}

// --- top-level objects ---

/** External marshals as the bool, or `{name}` for the deprecated form. */
function externalOf(dict: Dict): boolean {
	const ext = dict.external;
	return ext === true || isDict(ext);
}

/** LoadNetworks/LoadVolumes/loadFileObjectConfig: an external object is named after its key. */
function objectName(key: string, dict: Dict): string {
	const name = str(dict.name);
	if (!externalOf(dict)) return name;
	const ext = dict.external;
	if (isDict(ext) && str(ext.name) !== '') return str(ext.name);
	return name !== '' ? name : key;
}

function topLevel(
	section: Value,
	ctx: LoadContext,
	fields: readonly Field[],
	file: boolean
): unknown {
	if (!isDict(section) || Object.keys(section).length === 0) return omitted;
	const out: Out = new Map();
	for (const key of Object.keys(section).sort(yamlKeyLess)) {
		const dict = isDict(section[key]) ? (section[key] as Dict) : {};
		const obj: Out = new Map();
		const name = objectName(key, dict);
		if (name !== '') obj.set('name', name);
		if (file && str(dict.file) !== '') obj.set('file', absPath(ctx.workingDir, str(dict.file)));
		for (const [k, v] of encode(dict, fields, ctx, false)) obj.set(k, v);
		if (externalOf(dict)) {
			// External sits after name/driver fields: rebuild in declaration order.
			obj.set('external', true);
		}
		out.set(key, reorder(obj, file ? FILE_ORDER : OBJECT_ORDER));
		for (const x of Object.keys(dict)
			.filter((k) => k.startsWith('x-'))
			.sort(yamlKeyLess)) {
			(out.get(key) as Out).set(x, plain(dict[x]!));
		}
	}
	return out;
}

const OBJECT_ORDER = [
	'name',
	'driver',
	'driver_opts',
	'ipam',
	'external',
	'internal',
	'attachable',
	'labels'
];
const FILE_ORDER = [
	'name',
	'file',
	'external',
	'labels',
	'driver',
	'driver_opts',
	'template_driver'
];

function reorder(obj: Out, order: readonly string[]): Out {
	return new Map(order.filter((k) => obj.has(k)).map((k) => [k, obj.get(k)]));
}

const NETWORK_FIELDS: readonly Field[] = [
	['driver', string],
	['driver_opts', stringMap],
	[
		'ipam',
		struct([
			['driver', string],
			['config', structList([['subnet', string]])]
		])
	],
	['internal', bool],
	['attachable', bool],
	['labels', mapping]
];

const VOLUME_FIELDS: readonly Field[] = [
	['driver', string],
	['driver_opts', stringMap],
	['labels', mapping]
];

const FILE_OBJECT_FIELDS: readonly Field[] = [
	['labels', mapping],
	['driver', string],
	['driver_opts', stringMap],
	['template_driver', string]
];

/** The whole config: version, services (always), the object sections, top-level extensions. */
export function composeConfigYaml(config: Dict, version: string, ctx: LoadContext): string {
	const out: Out = new Map<string, unknown>([['version', version]]);
	const services = isDict(config.services) ? config.services : {};
	out.set(
		'services',
		new Map(
			Object.keys(services)
				.sort(yamlKeyLess)
				.map((name) => [name, service(isDict(services[name]) ? (services[name] as Dict) : {}, ctx)])
		)
	);
	const sections: [string, readonly Field[], boolean][] = [
		['networks', NETWORK_FIELDS, false],
		['volumes', VOLUME_FIELDS, false],
		['secrets', FILE_OBJECT_FIELDS, true],
		['configs', FILE_OBJECT_FIELDS, true]
	];
	for (const [key, fields, file] of sections) {
		const value = topLevel(config[key]!, ctx, fields, file);
		if (value !== omitted) out.set(key, value);
	}
	for (const key of Object.keys(config)
		.filter((k) => k.startsWith('x-'))
		.sort(yamlKeyLess)) {
		out.set(key, plain(config[key]!));
	}
	return yamlV3(out);
}

/**
 * yaml.v3's encoder with SetIndent(2): block style, sequences indented under their key, YAML
 * 1.1 look-alikes (`yes`, `on`, numbers, timestamps) double-quoted, long lines never folded.
 */
function yamlV3(value: unknown): string {
	return stringify(value, {
		version: '1.1',
		indentSeq: true,
		lineWidth: 0,
		customTags: (tags) =>
			tags.filter((t) => {
				const tag = typeof t === 'string' ? t : t.tag;
				return !tag.endsWith(':omap') && !tag.endsWith(':set');
			})
	});
}
