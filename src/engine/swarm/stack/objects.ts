/**
 * Top-level `networks:`, `volumes:`, `secrets:` and `configs:`, as docker/cli
 * cli/compose/loader/loader.go (LoadNetworks, LoadVolumes, LoadSecrets, LoadConfigObjs,
 * loadFileObjectConfig) reads them, with the names cli/compose/convert/compose.go gives them:
 * `<stack>_<key>` unless `name:` or `external` says otherwise.
 */
import { STACK_NAMESPACE_LABEL } from '../spec';
import { absPath } from './paths';
import {
	StackError,
	isDict,
	type Dict,
	type StackFileObject,
	type StackVolume,
	type Value
} from './types';
import { labels, str, versionAtLeast } from './values';

/** A declared network before conversion (types.NetworkConfig). */
export interface NetworkConfig {
	/** `name:`, or the external name; empty means `<stack>_<key>`. */
	name: string;
	external: boolean;
	driver: string;
	driverOpts?: Record<string, string>;
	internal: boolean;
	attachable: boolean;
	labels?: Record<string, string>;
	/** `ipam.config[].subnet` (the v3 schema allows only the subnet). */
	subnets: string[];
}

/** transformExternal: `true` or `{ name }`. */
function external(value: Value | undefined): { external: boolean; name: string } {
	if (typeof value === 'boolean') return { external: value, name: '' };
	if (isDict(value)) return { external: true, name: str(value.name) };
	return { external: false, name: '' };
}

/** logrus.Warnf as the docker CLI prints it on stderr. */
const warn = (message: string) => `WARN[0000] ${message}\n`;

export function loadNetworks(
	section: Dict,
	version: string,
	warnings: string[]
): Map<string, NetworkConfig> {
	const networks = new Map<string, NetworkConfig>();
	for (const [key, raw] of Object.entries(section)) {
		const dict = isDict(raw) ? raw : {};
		const ext = external(dict.external);
		let name = str(dict.name);
		if (ext.external) {
			if (ext.name !== '') {
				if (name !== '') {
					throw new StackError(
						`network ${key}: network.external.name and network.name conflict; only use network.name`
					);
				}
				if (versionAtLeast(version, '3.5')) {
					warnings.push(
						warn(`network ${key}: network.external.name is deprecated in favor of network.name`)
					);
				}
				name = ext.name;
			} else if (name === '') name = key;
		}
		networks.set(key, {
			name,
			external: ext.external,
			driver: str(dict.driver),
			driverOpts: labels(dict.driver_opts),
			internal: dict.internal === true,
			attachable: dict.attachable === true,
			labels: labels(dict.labels),
			subnets: ipamSubnets(dict.ipam)
		});
	}
	return networks;
}

function ipamSubnets(ipam: Value | undefined): string[] {
	const config = isDict(ipam) ? ipam.config : undefined;
	return Array.isArray(config) ? config.map((c) => str(isDict(c) ? c.subnet : undefined)) : [];
}

export function loadVolumes(
	section: Dict,
	version: string,
	stack: string,
	warnings: string[]
): Map<string, StackVolume> {
	const volumes = new Map<string, StackVolume>();
	for (const [key, raw] of Object.entries(section)) {
		const dict = isDict(raw) ? raw : {};
		const ext = external(dict.external);
		let name = str(dict.name);
		const driver = str(dict.driver);
		const driverOpts = labels(dict.driver_opts);
		const volumeLabels = labels(dict.labels);
		if (ext.external) {
			const conflict = (what: string) =>
				new StackError(
					`conflicting parameters "external" and "${what}" specified for volume "${key}"`
				);
			if (driver !== '') throw conflict('driver');
			if (driverOpts !== undefined) throw conflict('driver_opts');
			if (volumeLabels !== undefined) throw conflict('labels');
			if (ext.name !== '') {
				if (name !== '') {
					throw new StackError(
						`volume ${key}: volume.external.name and volume.name conflict; only use volume.name`
					);
				}
				if (versionAtLeast(version, '3.4')) {
					warnings.push(
						warn(`volume ${key}: volume.external.name is deprecated in favor of volume.name`)
					);
				}
				name = ext.name;
			} else if (name === '') name = key;
		}
		volumes.set(key, {
			Key: key,
			Name: name !== '' ? name : `${stack}_${key}`,
			...(ext.external ? { External: true } : {}),
			...(driver !== '' ? { Driver: driver } : {}),
			...(driverOpts !== undefined ? { DriverOpts: driverOpts } : {}),
			...(volumeLabels !== undefined ? { Labels: volumeLabels } : {})
		});
	}
	return volumes;
}

export interface FileObjectContext {
	kind: 'secret' | 'config';
	version: string;
	stack: string;
	workingDir: string;
	readFile?: (path: string) => string | undefined;
	warnings: string[];
}

/** LoadSecrets / LoadConfigObjs + loadFileObjectConfig, then convert.Secrets' naming. */
export function loadFileObjects(
	section: Dict,
	context: FileObjectContext
): Map<string, StackFileObject> {
	const { kind } = context;
	const objects = new Map<string, StackFileObject>();
	for (const [key, raw] of Object.entries(section)) {
		const dict = isDict(raw) ? raw : {};
		const ext = external(dict.external);
		let name = str(dict.name);
		const driver = kind === 'secret' ? str(dict.driver) : '';
		let file = str(dict.file);
		if (ext.external) {
			if (ext.name !== '') {
				if (name !== '') {
					throw new StackError(
						`${kind} ${key}: ${kind}.external.name and ${kind}.name conflict; only use ${kind}.name`
					);
				}
				if (versionAtLeast(context.version, '3.5')) {
					context.warnings.push(
						warn(`${kind} ${key}: ${kind}.external.name is deprecated in favor of ${kind}.name`)
					);
				}
				name = ext.name;
			} else if (name === '') name = key;
		} else if (driver !== '') {
			if (file !== '') {
				throw new StackError(
					`${kind} ${key}: ${kind}.driver and ${kind}.file conflict; only use ${kind}.driver`
				);
			}
		} else file = absPath(context.workingDir, file);
		const object: StackFileObject = {
			Key: key,
			Name: name !== '' ? name : `${context.stack}_${key}`
		};
		if (ext.external) object.External = true;
		else {
			object.Labels = { ...labels(dict.labels), [STACK_NAMESPACE_LABEL]: context.stack };
			if (driver !== '') object.Driver = driver;
			else {
				object.File = file;
				// convert.Secrets reads the file at deploy time; a missing one fails there.
				const data = context.readFile?.(file);
				if (data !== undefined) object.Data = data;
			}
		}
		objects.set(key, object);
	}
	return objects;
}
