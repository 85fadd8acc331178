/**
 * Service keys that swarm ignores or refuses, with docker's texts: docker/cli
 * cli/compose/types/types.go (UnsupportedProperties, DeprecatedProperties, ForbiddenProperties),
 * reported by cli/command/stack/loader/loader.go and cli/compose/loader/loader.go.
 */
import { goCompare } from '../../manifests/json';
import { StackError, isDict, type Dict } from './types';

export const UNSUPPORTED_PROPERTIES = [
	'build',
	'cgroupns_mode',
	'cgroup_parent',
	'devices',
	'domainname',
	'external_links',
	'ipc',
	'links',
	'mac_address',
	'network_mode',
	'pid',
	'privileged',
	'restart',
	'security_opt',
	'shm_size',
	'userns_mode'
];

export const DEPRECATED_PROPERTIES: Readonly<Record<string, string>> = {
	container_name: 'Setting the container name is not supported.',
	expose:
		"Exposing ports is unnecessary - services on the same network can access each other's containers on any port."
};

export const FORBIDDEN_PROPERTIES: Readonly<Record<string, string>> = {
	extends: 'Support for `extends` is not implemented yet.',
	volume_driver:
		'Instead of setting the volume driver on the service, define a volume using the top-level `volumes` option and specify the driver there.',
	volumes_from:
		'To share a volume between services, define it using the top-level `volumes` option and reference it from each service that shares it using the service-level `volumes` option.',
	cpu_quota: 'Set resource limits using deploy.resources',
	cpu_shares: 'Set resource limits using deploy.resources',
	cpuset: 'Set resource limits using deploy.resources',
	mem_limit: 'Set resource limits using deploy.resources',
	memswap_limit: 'Set resource limits using deploy.resources'
};

function services(config: Dict): Dict[] {
	const section = config.services;
	if (!isDict(section)) return [];
	return Object.values(section).filter(isDict);
}

function present(configs: readonly Dict[], table: Readonly<Record<string, string>>): string[] {
	const found = new Set<string>();
	for (const config of configs) {
		for (const service of services(config)) {
			for (const key of Object.keys(table)) if (key in service) found.add(key);
		}
	}
	return [...found];
}

/** propertyWarnings: `key: text` lines, sorted, joined by a blank line. */
function propertyWarnings(keys: readonly string[], table: Readonly<Record<string, string>>) {
	return keys
		.map((key) => `${key}: ${table[key] ?? ''}`)
		.sort(goCompare)
		.join('\n\n');
}

/** validateForbidden + LoadComposefile's rewording of ForbiddenPropertiesError. */
export function checkForbidden(config: Dict): void {
	const keys = present([config], FORBIDDEN_PROPERTIES);
	if (keys.length > 0) {
		throw new StackError(
			`Compose file contains unsupported options:\n\n${propertyWarnings(keys, FORBIDDEN_PROPERTIES)}\n`
		);
	}
}

/** The stderr lines LoadComposefile prints after a successful load. */
export function propertyNotices(configs: readonly Dict[]): string[] {
	const notices: string[] = [];
	const unsupported = new Set<string>();
	for (const config of configs) {
		for (const service of services(config)) {
			for (const key of UNSUPPORTED_PROPERTIES) if (key in service) unsupported.add(key);
		}
	}
	if (unsupported.size > 0) {
		notices.push(
			`Ignoring unsupported options: ${[...unsupported].sort(goCompare).join(', ')}\n\n`
		);
	}
	const deprecated = present(configs, DEPRECATED_PROPERTIES);
	if (deprecated.length > 0) {
		notices.push(
			`Ignoring deprecated options:\n\n${propertyWarnings(deprecated, DEPRECATED_PROPERTIES)}\n\n`
		);
	}
	return notices;
}
