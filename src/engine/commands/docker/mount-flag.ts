/**
 * `--mount` (docker/cli opts/mount.go MountOpt.Set): one CSV record of `key=value` fields, the
 * type `volume` unless given, a target required; `readonly`/`ro` and `volume-nocopy` may stand
 * alone. Returns the mount, or the error text pflag puts after `invalid argument "…" for
 * "--mount" flag: `.
 */
import type { Mount } from '../../swarm/spec';
import { duplicateMountError } from '../../swarm/services';
import { ownValue, putOwn } from '../../core/own-keys';

const BOOLS: Record<string, boolean> = {
	'1': true,
	t: true,
	T: true,
	true: true,
	TRUE: true,
	True: true,
	'0': false,
	f: false,
	F: false,
	false: false,
	FALSE: false,
	False: false
};

/** encoding/csv's reading of one record: commas split, double quotes group. */
function csvFields(value: string): string[] | string {
	const fields: string[] = [];
	let field = '';
	let quoted = false;
	let start = true;
	for (let i = 0; i < value.length; i++) {
		const c = value.charAt(i);
		if (quoted) {
			if (c === '"' && value.charAt(i + 1) === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"' && start) {
			quoted = true;
		} else if (c === ',') {
			fields.push(field);
			field = '';
			start = true;
			continue;
		} else field += c;
		start = false;
	}
	if (quoted)
		return `parse error on line 1, column ${value.length + 1}: extraneous or missing " in quoted-field`;
	fields.push(field);
	return fields;
}

export function parseMount(value: string): Mount | string {
	const fields = csvFields(value);
	if (typeof fields === 'string') return fields;
	let type = 'volume';
	let source: string | undefined;
	let target = '';
	let readOnly = false;
	const volume: {
		labels?: Record<string, string>;
		driver?: string;
		opts?: Record<string, string>;
		noCopy?: boolean;
	} = {};
	let volumeOptions = false;
	let bindOptions = false;
	let tmpfsOptions = false;
	for (const field of fields) {
		const eq = field.indexOf('=');
		if (eq < 0) {
			if (field === 'readonly' || field === 'ro') readOnly = true;
			else if (field === 'volume-nocopy') {
				volume.noCopy = true;
				volumeOptions = true;
			} else if (field === 'bind-nonrecursive') bindOptions = true;
			else return `invalid field '${field}' must be a key=value pair`;
			continue;
		}
		const key = field.slice(0, eq);
		const val = field.slice(eq + 1);
		const kv = (into: Record<string, string>) => {
			const e = val.indexOf('=');
			const k = e < 0 ? val : val.slice(0, e);
			if (k !== '') putOwn(into, k, e < 0 ? '' : val.slice(e + 1));
		};
		switch (key) {
			case 'type':
				type = val.toLowerCase();
				break;
			case 'source':
			case 'src':
				source = val;
				break;
			case 'target':
			case 'dst':
			case 'destination':
				target = val;
				break;
			case 'readonly':
			case 'ro': {
				// strconv.ParseBool's words, own keys only (`constructor` is no boolean).
				const on = ownValue(BOOLS, val);
				if (on === undefined) return `invalid value for ${key}: ${val}`;
				readOnly = on;
				break;
			}
			case 'volume-nocopy': {
				const on = ownValue(BOOLS, val);
				if (on === undefined) return `invalid value for volume-nocopy: ${val}`;
				volume.noCopy = on;
				volumeOptions = true;
				break;
			}
			case 'volume-label':
				kv((volume.labels ??= {}));
				volumeOptions = true;
				break;
			case 'volume-driver':
				volume.driver = val;
				volumeOptions = true;
				break;
			case 'volume-opt':
				kv((volume.opts ??= {}));
				volumeOptions = true;
				break;
			case 'consistency':
				break;
			case 'bind-propagation':
			case 'bind-nonrecursive':
				bindOptions = true;
				break;
			case 'tmpfs-size':
			case 'tmpfs-mode':
				tmpfsOptions = true;
				break;
			default:
				return `unexpected key '${key}' in '${field}'`;
		}
	}
	if (type === '') return 'type is required';
	if (target === '') return 'target is required';
	if (volumeOptions && type !== 'volume')
		return `cannot mix 'volume-*' options with mount type '${type}'`;
	if (bindOptions && type !== 'bind')
		return `cannot mix 'bind-*' options with mount type '${type}'`;
	if (tmpfsOptions && type !== 'tmpfs')
		return `cannot mix 'tmpfs-*' options with mount type '${type}'`;
	const mount: Mount = { Type: type as Mount['Type'], Target: target };
	if (source !== undefined && source !== '') mount.Source = source;
	if (readOnly) mount.ReadOnly = true;
	if (volumeOptions) {
		mount.VolumeOptions = {
			...(volume.noCopy === true ? { NoCopy: true } : {}),
			...(volume.labels !== undefined ? { Labels: volume.labels } : {}),
			...(volume.driver !== undefined || volume.opts !== undefined
				? {
						DriverConfig: {
							...(volume.driver !== undefined ? { Name: volume.driver } : {}),
							...(volume.opts !== undefined ? { Options: volume.opts } : {})
						}
					}
				: {})
		};
	}
	return mount;
}

const MOUNT_TYPES = ['bind', 'volume', 'tmpfs', 'npipe', 'cluster'];

/**
 * What the daemon refuses in a service's mounts: an unknown type (moby
 * daemon/cluster/convert/container.go) and two mounts on one target (swarmkit controlapi
 * validateMounts). The error line, or undefined.
 */
export function mountsError(mounts: readonly Mount[]): string | undefined {
	for (const m of mounts) {
		if (!MOUNT_TYPES.includes(m.Type))
			return `Error response from daemon: invalid MountType: "${m.Type}"`;
	}
	const duplicate = duplicateMountError(mounts);
	return duplicate === undefined ? undefined : `Error response from daemon: ${duplicate}`;
}

/** Every value of a repeatable mount flag, or the first refusal as pflag words it. */
export function parseMountValues(
	values: readonly string[],
	flagName: string
): { ok: true; mounts: Mount[] } | { ok: false; error: string } {
	const mounts: Mount[] = [];
	for (const v of values) {
		const mount = parseMount(v);
		if (typeof mount === 'string') {
			return { ok: false, error: `invalid argument "${v}" for "--${flagName}" flag: ${mount}` };
		}
		mounts.push(mount);
	}
	return { ok: true, mounts };
}
