/**
 * Secret and config references as the docker CLI sends them: `--secret`/`--config` values
 * (docker/cli opts/secret.go, opts/config.go) and the name → ID resolution that
 * `service create`, `service update` and `stack deploy` do before calling the daemon
 * (cli/command/service/parse.go ParseSecrets / ParseConfigs). The daemon stores what it is
 * sent, so `{{json .Spec.TaskTemplate.ContainerSpec.Secrets}}` shows the IDs, in the Go
 * structs' field order: `File`, `SecretID`, `SecretName` (`File`, `ConfigID`, `ConfigName`).
 */
import { listNamed, type ControlContext } from '../../swarm/control';
import type { ReferenceSpec } from '../../swarm/spec';
import { numError, parseGoUint } from '../go-int';

export type ReferenceKind = 'secret' | 'config';

/** opts.SecretOpt / opts.ConfigOpt: a file readable by all, owned by root. */
const DEFAULT_MODE = 0o444;

function nameOf(ref: ReferenceSpec, kind: ReferenceKind): string {
	return (kind === 'secret' ? ref.SecretName : ref.ConfigName) ?? '';
}

function reference(kind: ReferenceKind, name: string, file: ReferenceSpec['File'], id?: string) {
	return kind === 'secret'
		? { File: file, ...(id !== undefined ? { SecretID: id } : {}), SecretName: name }
		: { File: file, ...(id !== undefined ? { ConfigID: id } : {}), ConfigName: name };
}

/**
 * One `--secret`/`--config` value: `name`, or CSV `source=…,target=…,uid=…,gid=…,mode=…`
 * (mode parsed with base prefix, so `0400` is octal). The error is pflag's value error text.
 */
export function parseReferenceOpt(value: string, kind: ReferenceKind): ReferenceSpec | string {
	const flagName = kind === 'secret' ? '--secret' : '--config';
	const invalid = (why: string) => `invalid argument "${value}" for "${flagName}" flag: ${why}`;
	const fields = value.split(',');
	const file = { Name: '', UID: '0', GID: '0', Mode: DEFAULT_MODE };
	if (fields.length === 1 && !value.includes('=')) {
		return reference(kind, value, { ...file, Name: value });
	}
	let source = '';
	for (const field of fields) {
		const eq = field.indexOf('=');
		const key = eq < 0 ? '' : field.slice(0, eq);
		const val = field.slice(eq + 1);
		if (key === '') return invalid(`invalid field '${field}' must be a key=value pair`);
		switch (key.toLowerCase()) {
			case 'source':
			case 'src':
				source = val;
				break;
			case 'target':
				file.Name = val;
				break;
			case 'uid':
				file.UID = val;
				break;
			case 'gid':
				file.GID = val;
				break;
			case 'mode': {
				// opts/secret.go: strconv.ParseUint(value, 0, 32).
				const mode = parseGoUint(val, 32);
				if (typeof mode === 'string')
					return invalid(`invalid mode specified: ${numError('ParseUint', val, mode)}`);
				file.Mode = mode;
				break;
			}
			default:
				return invalid(`invalid field in ${kind} request: ${key}`);
		}
	}
	if (source === '') return invalid('source is required');
	if (file.Name === '') file.Name = source;
	return reference(kind, source, file);
}

/**
 * ParseSecrets / ParseConfigs: one reference per target file, every name existing; the
 * references come back with the object's ID. The error is the CLI's own text
 * (`secret not found: x`, `duplicate secret target for x not allowed`).
 */
export function resolveReferences(
	ctx: ControlContext,
	refs: readonly ReferenceSpec[],
	kind: ReferenceKind
): { ok: true; refs: ReferenceSpec[] } | { ok: false; error: string } {
	const targets = new Set<string>();
	for (const ref of refs) {
		const target = ref.File?.Name ?? '';
		if (targets.has(target)) {
			return {
				ok: false,
				error: `duplicate ${kind} target for ${nameOf(ref, kind)} not allowed`
			};
		}
		targets.add(target);
	}
	const ids = new Map(listNamed(ctx, kind).map((o) => [o.Spec.Name, o.ID]));
	const resolved: ReferenceSpec[] = [];
	for (const ref of refs) {
		const name = nameOf(ref, kind);
		const id = ids.get(name);
		if (id === undefined) return { ok: false, error: `${kind} not found: ${name}` };
		resolved.push(reference(kind, name, ref.File, id));
	}
	return { ok: true, refs: resolved };
}

/**
 * The values of a `--secret`/`--config` (or `--secret-add`/`--config-add`) flag, parsed and
 * resolved. A value error is pflag's (`invalid argument …`); a resolution error is ParseSecrets'.
 */
export function referencesFromFlag(
	ctx: ControlContext,
	values: readonly string[],
	kind: ReferenceKind,
	flagName: string
): { ok: true; refs: ReferenceSpec[] } | { ok: false; error: string } {
	const refs: ReferenceSpec[] = [];
	for (const value of values) {
		const ref = parseReferenceOpt(value, kind);
		if (typeof ref === 'string') {
			return { ok: false, error: ref.replace(`"--${kind}" flag`, `"--${flagName}" flag`) };
		}
		refs.push(ref);
	}
	return refs.length === 0 ? { ok: true, refs } : resolveReferences(ctx, refs, kind);
}
