/**
 * The container options of `docker service create|update` beyond the basics: DNS, init, a
 * read-only root, capabilities, sysctls, ulimits, the log driver and the pids limit (docker/cli
 * v28 cli/command/service/opts.go addServiceFlags and ToService, create.go, update.go
 * updateService). Where each lands in the spec is where ToService puts it; update's `-add` /
 * `-rm` forms follow updateDNSConfig, updateSysCtls, updateUlimits, updateCapabilities and
 * updateLogDriver.
 */
import type { FlagSpec, FlagValues } from '../flags';
import { boolFlag, flag } from '../flags';
import { addKeyValues, keyValues } from './key-values';
import type { ContainerSpec, ResourceSpec, ServiceSpec, TaskSpec, Ulimit } from '../../swarm/spec';
import {
	parseInt64,
	parseUlimit,
	validateDNSSearch,
	validateEnv,
	validateIPAddress,
	type Checked
} from './service-flag-values';

const list = (long: string): FlagSpec => ({ long, repeatable: true });

/** opts.go addServiceFlags: both commands take these. */
export const CONTAINER_SHARED_FLAGS: FlagSpec[] = [
	{ long: 'init', bool: true },
	{ long: 'read-only', bool: true },
	list('cap-add'),
	list('cap-drop'),
	{ long: 'limit-pids' },
	{ long: 'log-driver' },
	list('log-opt')
];

/** create.go newCreateCommand. */
export const CONTAINER_CREATE_FLAGS: FlagSpec[] = [
	list('dns'),
	list('dns-option'),
	list('dns-search'),
	list('env-file'),
	list('sysctl'),
	list('ulimit')
];

/** update.go newUpdateCommand. */
export const CONTAINER_UPDATE_FLAGS: FlagSpec[] = [
	'dns',
	'dns-option',
	'dns-search',
	'sysctl',
	'ulimit'
].flatMap((name) => [list(`${name}-add`), list(`${name}-rm`)]);

/** The flags whose values a validator checks while pflag parses, and that validator. */
function validators(update: boolean): [string, (v: string) => Checked<unknown>][] {
	const add = update ? '-add' : '';
	return [
		[`dns${add}`, validateIPAddress],
		[`dns-search${add}`, validateDNSSearch],
		[`ulimit${add}`, parseUlimit],
		// The client's environment only fills a value in; the check is the name.
		['log-opt', (v) => validateEnv(v, {})],
		['limit-pids', (v) => parseInt64(v, true)]
	];
}

/** The first value pflag refuses, as its `invalid argument` error; undefined when all pass. */
export function containerFlagValueError(flags: FlagValues, update: boolean): string | undefined {
	for (const [name, check] of validators(update)) {
		for (const v of flags.get(name) ?? []) {
			const r = check(v);
			if (!r.ok) return `invalid argument "${v}" for "--${name}" flag: ${r.why}`;
		}
	}
	return undefined;
}

/** The values a flag kept once its validator ran (parsed already, so each passes). */
function checkedValues<T>(flags: FlagValues, name: string, check: (v: string) => Checked<T>): T[] {
	return (flags.get(name) ?? []).flatMap((v) => {
		const r = check(v);
		return r.ok ? [r.value] : [];
	});
}

const ALL = 'ALL';
const RESET = 'RESET';

/** opts.NormalizeCapability: upper case, trimmed, `CAP_` prefixed (ALL and RESET stay). */
function normalizeCapability(cap: string): string {
	const c = cap.trim().toUpperCase();
	return c === ALL || c === RESET || c.startsWith('CAP_') ? c : `CAP_${c}`;
}

const capSet = (caps: readonly string[] | undefined) =>
	new Set((caps ?? []).map(normalizeCapability));
const sorted = (values: Iterable<string>) =>
	[...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** update.go capsList: ALL stands alone; otherwise sorted; an empty set is no list. */
function capsList(caps: Set<string>): string[] | undefined {
	if (caps.size === 0) return undefined;
	return caps.has(ALL) ? [ALL] : sorted(caps);
}

function setList<K extends 'CapabilityAdd' | 'CapabilityDrop'>(
	c: ContainerSpec,
	key: K,
	value: string[] | undefined
): void {
	if (value === undefined || value.length === 0) delete c[key];
	else c[key] = value;
}

/**
 * opts.EffectiveCapAddCapDrop (create): ALL trumps the rest of its list, adding wins over
 * dropping, RESET is ignored, both lists sorted.
 */
function effectiveCapabilities(c: ContainerSpec, flags: FlagValues): void {
	let add = capSet(flags.get('cap-add'));
	let drop = capSet(flags.get('cap-drop'));
	if (add.has(ALL)) add = new Set([ALL]);
	if (drop.has(ALL)) drop = new Set([ALL]);
	add.delete(RESET);
	drop.delete(RESET);
	setList(c, 'CapabilityAdd', sorted(add));
	setList(c, 'CapabilityDrop', sorted([...drop].filter((cap) => !add.has(cap))));
}

/**
 * update.go updateCapabilities: RESET clears the service's list first; dropping a capability
 * the service adds only un-adds it (and the other way round); adding wins over dropping.
 */
function updateCapabilities(c: ContainerSpec, flags: FlagValues): void {
	let capAdd = capSet(c.CapabilityAdd);
	let capDrop = capSet(c.CapabilityDrop);
	const toAdd = capSet(flags.get('cap-add'));
	const toDrop = capSet(flags.get('cap-drop'));
	if (toAdd.delete(RESET)) capAdd = new Set();
	if (toDrop.delete(RESET)) capDrop = new Set();
	for (const cap of toDrop) {
		if (toAdd.has(cap)) continue;
		if (!capAdd.delete(cap)) capDrop.add(cap);
	}
	for (const cap of toAdd) {
		if (!capDrop.delete(cap)) capAdd.add(cap);
	}
	setList(c, 'CapabilityDrop', capsList(capDrop));
	setList(c, 'CapabilityAdd', capsList(capAdd));
}

/** ulimits by name, sorted by name (UlimitOpt.GetList, updateUlimits). */
function ulimitList(byName: Map<string, Ulimit>): Ulimit[] | undefined {
	if (byName.size === 0) return undefined;
	return sorted(byName.keys()).map((name) => byName.get(name)!);
}

const RESOURCE_FLAGS = ['limit-cpu', 'limit-memory', 'limit-pids', 'reserve-cpu', 'reserve-memory'];

/** swarm.Limit's and swarm.Resources' JSON order: NanoCPUs, MemoryBytes, then Pids. */
function inResourceOrder(r: ResourceSpec): ResourceSpec {
	const out: ResourceSpec = {};
	if (r.NanoCPUs !== undefined) out.NanoCPUs = r.NanoCPUs;
	if (r.MemoryBytes !== undefined) out.MemoryBytes = r.MemoryBytes;
	if (r.Pids !== undefined) out.Pids = r.Pids;
	return out;
}

/**
 * `--limit-pids` (an Int64Var, so 0 is unlimited and omitted: swarm.Limit Pids is omitempty),
 * then, after any resource flag, the limits and reservations in their fields' order whatever
 * flag came first.
 */
function applyPidsLimit(task: TaskSpec, flags: FlagValues): void {
	const v = flag(flags, 'limit-pids');
	if (v !== undefined) {
		const pids = parseInt64(v, true);
		const limits: ResourceSpec = { ...(task.Resources?.Limits ?? {}) };
		if (pids.ok && pids.value !== 0) limits.Pids = pids.value;
		else delete limits.Pids;
		task.Resources = { ...(task.Resources ?? {}), Limits: limits };
	}
	const r = task.Resources;
	if (r === undefined || !RESOURCE_FLAGS.some((n) => flags.has(n))) return;
	// update.go taskResources (and create's ToResourceRequirements) make both parts.
	task.Resources = {
		Limits: inResourceOrder(r.Limits ?? {}),
		Reservations: inResourceOrder(r.Reservations ?? {})
	};
}

/** opts.go logDriverOptions.toLogDriver: only with a driver name; options replace any before. */
function logDriver(task: TaskSpec, flags: FlagValues, clientEnv: Record<string, string>): void {
	const name = flag(flags, 'log-driver');
	if (name === undefined || name === '') return;
	const options = keyValues(checkedValues(flags, 'log-opt', (v) => validateEnv(v, clientEnv)));
	task.LogDriver = {
		Name: name,
		...(Object.keys(options).length > 0 ? { Options: options } : {})
	};
}

/** The DNS config in swarm.DNSConfig's field order, empty lists left out. */
function dnsConfig(nameservers: string[], search: string[], options: string[]) {
	return {
		...(nameservers.length > 0 ? { Nameservers: nameservers } : {}),
		...(search.length > 0 ? { Search: search } : {}),
		...(options.length > 0 ? { Options: options } : {})
	};
}

/**
 * opts.go ToService: the container options `docker service create` sends. Init is always sent
 * (`Init: &options.init`), and so is a DNSConfig, empty without `--dns*` flags.
 */
function createFlags(task: TaskSpec, flags: FlagValues, clientEnv: Record<string, string>): void {
	const c = task.ContainerSpec;
	c.Init = boolFlag(flags, 'init');
	if (boolFlag(flags, 'read-only')) c.ReadOnly = true;
	c.DNSConfig = dnsConfig(
		checkedValues(flags, 'dns', validateIPAddress),
		checkedValues(flags, 'dns-search', validateDNSSearch),
		flags.get('dns-option') ?? []
	);
	const sysctls = keyValues(flags.get('sysctl') ?? []);
	if (Object.keys(sysctls).length > 0) c.Sysctls = sysctls;
	effectiveCapabilities(c, flags);
	const ulimits = ulimitList(
		new Map(checkedValues(flags, 'ulimit', parseUlimit).map((u) => [u.Name, u]))
	);
	if (ulimits !== undefined) c.Ulimits = ulimits;
	applyPidsLimit(task, flags);
	logDriver(task, flags, clientEnv);
}

/** update.go removeDuplicates, then the `-rm` values dropped and the rest sorted. */
function updatedList(current: readonly string[] | undefined, added: string[], removed: string[]) {
	const gone = new Set(removed);
	return sorted(new Set([...(current ?? []), ...added])).filter((v) => !gone.has(v));
}

/** updateDNSConfig: runs only when a `--dns*-add|rm` flag is given. */
function updateDNS(c: ContainerSpec, flags: FlagValues): void {
	const names = ['dns', 'dns-option', 'dns-search'];
	if (!names.some((n) => flags.has(`${n}-add`) || flags.has(`${n}-rm`))) return;
	const old = c.DNSConfig ?? {};
	const rm = (n: string) => flags.get(`${n}-rm`) ?? [];
	c.DNSConfig = dnsConfig(
		updatedList(old.Nameservers, checkedValues(flags, 'dns-add', validateIPAddress), rm('dns')),
		updatedList(
			old.Search,
			checkedValues(flags, 'dns-search-add', validateDNSSearch),
			rm('dns-search')
		),
		updatedList(old.Options, flags.get('dns-option-add') ?? [], rm('dns-option'))
	);
}

/** updateSysCtls: `--sysctl-rm` names keys (a `k=v` value removes k), `--sysctl-add` sets them. */
function updateSysctls(c: ContainerSpec, flags: FlagValues): void {
	const sysctls = { ...(c.Sysctls ?? {}) };
	for (const key of Object.keys(keyValues(flags.get('sysctl-rm') ?? []))) delete sysctls[key];
	addKeyValues(sysctls, flags.get('sysctl-add') ?? []);
	if (Object.keys(sysctls).length > 0) c.Sysctls = sysctls;
	else delete c.Sysctls;
}

/** updateUlimits: by name, `--ulimit-rm` first, then `--ulimit-add`; sorted by name. */
function updateUlimits(c: ContainerSpec, flags: FlagValues): void {
	const byName = new Map((c.Ulimits ?? []).map((u) => [u.Name, u]));
	for (const key of Object.keys(keyValues(flags.get('ulimit-rm') ?? []))) byName.delete(key);
	for (const u of checkedValues(flags, 'ulimit-add', parseUlimit)) byName.set(u.Name, u);
	const ulimits = ulimitList(byName);
	if (ulimits !== undefined) c.Ulimits = ulimits;
	else delete c.Ulimits;
}

/** update.go updateService for these flags: each changes its field only when given. */
function updateFlags(task: TaskSpec, flags: FlagValues, clientEnv: Record<string, string>): void {
	const c = task.ContainerSpec;
	if (flags.has('init')) c.Init = boolFlag(flags, 'init');
	updateSysctls(c, flags);
	updateUlimits(c, flags);
	applyPidsLimit(task, flags);
	updateDNS(c, flags);
	logDriver(task, flags, clientEnv);
	// swarm.ContainerSpec ReadOnly is omitempty: false reads back as no field.
	if (flags.has('read-only')) {
		if (boolFlag(flags, 'read-only')) c.ReadOnly = true;
		else delete c.ReadOnly;
	}
	if (flags.has('cap-add') || flags.has('cap-drop')) updateCapabilities(c, flags);
}

/**
 * Applies these flags to `spec` (a copy the caller owns), as create or as update does. Their
 * values were checked while parsing (containerFlagValueError), so nothing fails here.
 */
export function applyContainerFlags(
	spec: ServiceSpec,
	flags: FlagValues,
	clientEnv: Record<string, string>,
	update: boolean
): void {
	(update ? updateFlags : createFlags)(spec.TaskTemplate, flags, clientEnv);
}
