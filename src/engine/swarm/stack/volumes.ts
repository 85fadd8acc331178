/**
 * Service `volumes:` → mounts. Short syntax through docker/cli cli/compose/loader/volume.go
 * ParseVolume (`[source:]target[:mode]`; a source starting with `.`, `/` or `~` is a bind
 * mount), relative bind sources resolved by loader.go resolveVolumePaths, and the conversion
 * in cli/compose/convert/volume.go (named volumes get the stack prefix and labels).
 */
import type { Mount } from '../spec';
import { STACK_NAMESPACE_LABEL } from '../spec';
import { byteLength } from '../../manifests/field-errors';
import { hookError } from './decode';
import { absPath, isAbsolute } from './paths';
import { StackError, isDict, type Dict, type StackVolume, type Value } from './types';

/** The compose form of one volume entry (types.ServiceVolumeConfig). */
interface VolumeConfig {
	type: string;
	source: string;
	target: string;
	readOnly: boolean;
	bind?: { propagation?: string };
	volume?: { nocopy?: boolean };
	tmpfs?: { size?: number };
}

// mount.Propagations.
const PROPAGATIONS = ['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave'];

function isLetter(c: string): boolean {
	return /^\p{L}$/u.test(c);
}

function isFilePath(source: string): boolean {
	const first = source[0] ?? '';
	if (first === '.' || first === '/' || first === '~') return true;
	if ([...source].length === 1) return false;
	if (source.startsWith('\\\\')) return true;
	const chars = [...source];
	return isLetter(chars[0] ?? '') && chars[1] === ':';
}

/** ParseVolume. */
export function parseVolume(spec: string): VolumeConfig {
	const volume: VolumeConfig = { type: '', source: '', target: '', readOnly: false };
	const bytes = byteLength(spec);
	if (bytes === 0) throw new Error('invalid empty volume spec');
	if (bytes <= 2) return { ...volume, target: spec, type: 'volume' };
	let buffer: string[] = [];
	const end = '\u0000';
	for (const char of [...spec, end]) {
		if (char === ':' && buffer.length === 1 && isLetter(buffer[0] ?? '')) {
			buffer.push(char);
		} else if (char === ':' || char === end) {
			try {
				populate(char === end, buffer.join(''), volume);
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				throw new Error(`invalid spec: ${spec}: ${message}`, { cause: error });
			}
			buffer = [];
		} else buffer.push(char);
	}
	volume.type = volume.source === '' || !isFilePath(volume.source) ? 'volume' : 'bind';
	return volume;
}

function populate(atEnd: boolean, text: string, volume: VolumeConfig): void {
	if (text === '') throw new Error('empty section between colons');
	if (volume.source === '' && atEnd) {
		volume.target = text;
		return;
	}
	if (volume.source === '') {
		volume.source = text;
		return;
	}
	if (volume.target === '') {
		volume.target = text;
		return;
	}
	if (!atEnd) throw new Error('too many colons');
	for (const option of text.split(',')) {
		if (option === 'ro') volume.readOnly = true;
		else if (option === 'rw') volume.readOnly = false;
		else if (option === 'nocopy') volume.volume = { nocopy: true };
		else if (PROPAGATIONS.includes(option)) volume.bind = { propagation: option };
	}
}

function fromLongSyntax(entry: Dict): VolumeConfig {
	const str = (v: Value | undefined) => (typeof v === 'string' ? v : '');
	const volume: VolumeConfig = {
		type: str(entry.type),
		source: str(entry.source),
		target: str(entry.target),
		readOnly: entry.read_only === true
	};
	if (isDict(entry.bind)) volume.bind = { propagation: str(entry.bind.propagation) };
	if (isDict(entry.volume)) volume.volume = { nocopy: entry.volume.nocopy === true };
	if (isDict(entry.tmpfs)) {
		const size = entry.tmpfs.size;
		volume.tmpfs = typeof size === 'number' ? { size } : {};
	}
	return volume;
}

/** Reads the entries and resolves bind paths (LoadService: Transform, resolveVolumePaths). */
export function loadServiceVolumes(
	volumes: Value | undefined,
	workingDir: string,
	home: string | undefined,
	warnings: string[]
): VolumeConfig[] {
	if (!Array.isArray(volumes)) return [];
	return volumes.map((entry, i) => {
		let volume: VolumeConfig;
		if (isDict(entry)) volume = fromLongSyntax(entry);
		else {
			try {
				volume = parseVolume(typeof entry === 'string' ? entry : '');
			} catch (error) {
				throw hookError(`Volumes[${i}]`, error instanceof Error ? error.message : String(error));
			}
		}
		if (volume.type !== 'bind') return volume;
		if (volume.source === '') {
			throw new StackError('invalid mount config for type "bind": field Source must not be empty');
		}
		let source = volume.source;
		// expandUser: without HOME docker warns and keeps the `~`.
		if (source.startsWith('~')) {
			if (home !== undefined) source = source.replace('~', home);
			else warnings.push("WARN[0000] cannot expand '~', because the environment lacks HOME\n");
		}
		if (!isAbsolute(source)) source = absPath(workingDir, source);
		return { ...volume, source };
	});
}

function incompatible(option: string, type: string): Error {
	return new Error(`${option} options are incompatible with type ${type}`);
}

/** convertVolumeToMount. */
function toMount(
	volume: VolumeConfig,
	stackVolumes: ReadonlyMap<string, StackVolume>,
	stack: string
): Mount {
	const base: Mount = { Type: 'volume', Target: volume.target };
	if (volume.source !== '') base.Source = volume.source;
	if (volume.readOnly) base.ReadOnly = true;
	switch (volume.type) {
		case 'volume':
		case '': {
			if (volume.tmpfs) throw incompatible('tmpfs', 'volume');
			if (volume.bind) throw incompatible('bind', 'volume');
			if (volume.source === '') return base;
			const declared = stackVolumes.get(volume.source);
			if (declared === undefined) throw new Error(`undefined volume "${volume.source}"`);
			const mount: Mount = { ...base, Source: declared.Name, VolumeOptions: {} };
			if (volume.volume?.nocopy) mount.VolumeOptions = { NoCopy: true };
			if (declared.External) return mount;
			mount.VolumeOptions = {
				...mount.VolumeOptions,
				Labels: { ...declared.Labels, [STACK_NAMESPACE_LABEL]: stack }
			};
			if (declared.Driver !== undefined || declared.DriverOpts !== undefined) {
				mount.VolumeOptions.DriverConfig = {
					...(declared.Driver !== undefined ? { Name: declared.Driver } : {}),
					...(declared.DriverOpts !== undefined ? { Options: declared.DriverOpts } : {})
				};
			}
			return mount;
		}
		case 'bind':
			if (volume.source === '') throw new Error('invalid bind source, source cannot be empty');
			if (volume.volume) throw incompatible('volume', 'bind');
			if (volume.tmpfs) throw incompatible('tmpfs', 'bind');
			return {
				...base,
				Type: 'bind',
				...(volume.bind ? { BindOptions: { Propagation: volume.bind.propagation ?? '' } } : {})
			};
		case 'tmpfs':
			if (volume.source !== '') throw new Error('invalid tmpfs source, source must be empty');
			if (volume.bind) throw incompatible('bind', 'tmpfs');
			if (volume.volume) throw incompatible('volume', 'tmpfs');
			return {
				...base,
				Type: 'tmpfs',
				...(volume.tmpfs?.size !== undefined
					? { TmpfsOptions: { SizeBytes: volume.tmpfs.size } }
					: {})
			};
		case 'npipe':
			if (volume.source === '') throw new Error('invalid npipe source, source cannot be empty');
			if (volume.volume) throw incompatible('volume', 'npipe');
			if (volume.tmpfs) throw incompatible('tmpfs', 'npipe');
			return { ...base, Type: 'npipe' };
		case 'cluster': {
			if (volume.source === '') throw new Error('invalid cluster source, source cannot be empty');
			if (volume.tmpfs) throw incompatible('tmpfs', 'cluster');
			if (volume.bind) throw incompatible('bind', 'cluster');
			if (volume.volume) throw incompatible('volume', 'cluster');
			const mount: Mount = { ...base, Type: 'cluster' };
			if (!volume.source.startsWith('group:')) {
				const declared = stackVolumes.get(volume.source);
				if (declared === undefined) throw new Error(`undefined volume "${volume.source}"`);
				mount.Source = declared.Name;
			}
			return mount;
		}
		default:
			throw new Error('volume type must be volume, bind, tmpfs, npipe, or cluster');
	}
}

export function convertVolumes(
	volumes: readonly VolumeConfig[],
	stackVolumes: ReadonlyMap<string, StackVolume>,
	stack: string
): Mount[] {
	return volumes.map((volume) => toMount(volume, stackVolumes, stack));
}
