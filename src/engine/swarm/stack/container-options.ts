/**
 * The container options convert.Service passes on as they are (docker/cli
 * cli/compose/convert/service.go): extra hosts in swarmkit's `IP host` notation, DNS, the
 * effective capability sets, sysctls, ulimits, init, the stop signal, tty/stdin, a read-only
 * root, isolation, the OOM score and the task's log driver.
 */
import type { ContainerSpec, LogDriver, Ulimit } from '../spec';
import { isDict, type Dict, type Value } from './types';
import { goSprint, labels, mappingOrList, stringList } from './values';

/** HostsList (transformListOrMapping with `:`), then convertExtraHosts: `host:ip` → `ip host`. */
function hosts(value: Value | undefined): string[] {
	const entries = isDict(value)
		? [...mappingOrList(value, ':', true)]
				.filter(([, ip]) => ip !== null)
				.map(([host, ip]) => `${host}:${ip}`)
				.sort()
		: stringList(value);
	return entries.flatMap((entry) => {
		const colon = entry.indexOf(':');
		return colon < 0 ? [] : [`${entry.slice(colon + 1)} ${entry.slice(0, colon)}`];
	});
}

/** opts.normalizeCapabilities: upper case, a `CAP_` prefix (except ALL), unique, sorted. */
function capabilities(value: Value | undefined): string[] {
	const out = new Set<string>();
	for (const raw of stringList(value)) {
		const cap = raw.trim().toUpperCase();
		out.add(cap === 'ALL' || cap.startsWith('CAP_') ? cap : `CAP_${cap}`);
	}
	return [...out].sort();
}

/** opts.EffectiveCapAddCapDrop: ALL trumps the rest; an added capability is not dropped. */
function effectiveCapabilities(add: Value | undefined, drop: Value | undefined) {
	let capAdd = capabilities(add);
	let capDrop = capabilities(drop);
	if (capAdd.includes('ALL')) capAdd = ['ALL'];
	if (capDrop.includes('ALL')) capDrop = ['ALL'];
	capDrop = capDrop.filter((c) => !capAdd.includes(c));
	return { capAdd, capDrop };
}

/** convertUlimits: one number sets both limits; sorted by name. */
function ulimits(value: Value | undefined): Ulimit[] {
	if (!isDict(value)) return [];
	return Object.keys(value)
		.sort()
		.map((name) => {
			const limit = value[name];
			if (typeof limit === 'number') return { Name: name, Hard: limit, Soft: limit };
			const dict = isDict(limit) ? limit : {};
			const num = (v: Value | undefined) => (typeof v === 'number' ? v : 0);
			return { Name: name, Hard: num(dict.hard), Soft: num(dict.soft) };
		});
}

function bool(value: Value | undefined): boolean {
	return value === true;
}

/** The ContainerSpec fields these keys set; absent keys set nothing (the JSON omits them). */
export function containerOptions(service: Dict): Partial<ContainerSpec> {
	const out: Partial<ContainerSpec> = {};
	if (typeof service.init === 'boolean') out.Init = service.init;
	if (typeof service.stop_signal === 'string' && service.stop_signal !== '') {
		out.StopSignal = service.stop_signal;
	}
	if (bool(service.tty)) out.TTY = true;
	if (bool(service.stdin_open)) out.OpenStdin = true;
	if (bool(service.read_only)) out.ReadOnly = true;
	const extraHosts = hosts(service.extra_hosts);
	if (extraHosts.length > 0) out.Hosts = extraHosts;
	// convertDNSConfig: only when either list is given.
	const dns = stringList(service.dns);
	const search = stringList(service.dns_search);
	if (service.dns !== undefined || service.dns_search !== undefined) {
		out.DNSConfig = {
			...(dns.length > 0 ? { Nameservers: dns } : {}),
			...(search.length > 0 ? { Search: search } : {})
		};
	}
	if (typeof service.isolation === 'string' && service.isolation !== '') {
		out.Isolation = service.isolation;
	}
	const sysctls = labels(service.sysctls);
	if (sysctls !== undefined) out.Sysctls = sysctls;
	const { capAdd, capDrop } = effectiveCapabilities(service.cap_add, service.cap_drop);
	if (capAdd.length > 0) out.CapabilityAdd = capAdd;
	if (capDrop.length > 0) out.CapabilityDrop = capDrop;
	const limits = ulimits(service.ulimits);
	if (limits.length > 0) out.Ulimits = limits;
	if (typeof service.oom_score_adj === 'number' && service.oom_score_adj !== 0) {
		out.OomScoreAdj = service.oom_score_adj;
	}
	return out;
}

/** The task's log driver: `logging`'s driver and options, when the key is there. */
export function logDriver(service: Dict): LogDriver | undefined {
	const logging = service.logging;
	if (!isDict(logging)) return undefined;
	const options = isDict(logging.options)
		? Object.fromEntries(
				Object.entries(logging.options).map(([k, v]) => [k, v === null ? '' : goSprint(v)])
			)
		: undefined;
	return {
		...(typeof logging.driver === 'string' && logging.driver !== ''
			? { Name: logging.driver }
			: {}),
		...(options !== undefined && Object.keys(options).length > 0 ? { Options: options } : {})
	};
}
