/**
 * `kubectl set env TYPE/NAME KEY=VAL… KEY-…` (kubectl pkg/cmd/set/set_env.go, set/env/
 * env_parse.go, env_resolve.go, set/helper.go updateEnv): adds, replaces and removes the
 * environment variables of a workload's pod template — its containers and init containers that
 * `-c` names (a shell wildcard, `*` by default) — and the controller rolls the new template out.
 *
 * `--from=configmap/NAME|secret/NAME` adds one `valueFrom` reference per key (`--keys` picks
 * them; a key that is not a valid variable name is upper-cased with `_` for the rest, with a
 * warning), `--prefix` goes before every name, `--overwrite=false` refuses to change a value,
 * `--list` prints the environment as it would be (`--resolve` looks references up) and changes
 * nothing, `-e -` reads `KEY=VAL` lines from a pipe. A change that leaves the object as it was
 * sends no patch and prints nothing, as kubectl does. kubectl walks a ConfigMap's keys in Go's
 * random map order; the lab takes them sorted, so a run is repeatable.
 */
import type { Container, EnvVar, EnvVarSource } from 'kubernetes-types/core/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { warnedFirst } from '../terminal';
import { CONFIGMAPS, SECRETS } from '../../kubernetes/api/collections';
import type { KubeObject as StoredObject } from '../../kubernetes/api/api-server';
import { base64Decode } from '../../manifests/base64';
import { validateObject, type KubeObject } from '../../manifests/index';
import { collectionFor } from './apply';
import { PRINT_FLAGS, printed, printingFor, withBareDryRun } from './dry-run';
import { notFound, unknownFlag } from './errors';
import { contextNamespace } from './kubeconfig-state';
import { qualifiedPlural, qualifiedSingular, resolveType } from './resources';
import {
	invalidText,
	TEMPLATE_WORKLOADS,
	templateTargets,
	type Templated
} from './template-workloads';
import { ownValue } from '../../core/own-keys';

/** The workloads whose pod template the lab lets `set env` change, with their kinds. */
const TARGETS = TEMPLATE_WORKLOADS;

const FLAGS = [
	{ long: 'namespace', short: 'n' },
	{ long: 'containers', short: 'c' },
	{ long: 'env', short: 'e', repeatable: true },
	{ long: 'from' },
	{ long: 'prefix' },
	{ long: 'keys', repeatable: true },
	{ long: 'list', bool: true },
	{ long: 'resolve', bool: true },
	{ long: 'all', bool: true },
	{ long: 'selector', short: 'l' },
	{ long: 'overwrite', bool: true },
	{ long: 'field-manager' },
	...PRINT_FLAGS
];

/** env_parse.go argumentEnvironment: anything with an `=` (or a `KEY-` removal) is an env arg. */
const isEnvArgument = (s: string) => /^.+=/s.test(s) || s.endsWith('-');

/** validation.IsEnvVarName, which kubectl checks before sending anything. */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_ERROR =
	"a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

interface EnvChanges {
	env: EnvVar[];
	remove: string[];
}

/** ParseEnv: `KEY=VAL` sets, `KEY-` removes, `-` reads lines from STDIN. */
function parseEnv(ctx: CommandContext, specs: readonly string[]): EnvChanges | string {
	const env: EnvVar[] = [];
	const remove: string[] = [];
	for (const spec of specs) {
		if (spec === '-') {
			const stdin = ctx.readFile('-');
			if (stdin === undefined) return "error: when '-' is used, STDIN must be open\n";
			for (let line of stdin.split('\n')) {
				const hash = line.indexOf('#');
				if (hash >= 0) line = line.slice(0, hash);
				const eq = line.indexOf('=');
				if (eq >= 0) env.push({ name: line.slice(0, eq), value: line.slice(eq + 1) });
			}
		} else if (spec.includes('=')) {
			const name = spec.slice(0, spec.indexOf('='));
			const dotted = name === '.' || name === '..' || name.startsWith('..');
			if (!ENV_NAME.test(name) || dotted) {
				const why = ENV_NAME.test(name) ? `must not start with '..'` : ENV_NAME_ERROR;
				return `error: ${JSON.stringify(name)} is not a valid key name: ${why}\n`;
			}
			env.push({ name, value: spec.slice(spec.indexOf('=') + 1) });
		} else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
		else return `error: unknown environment variable: ${spec}\n`;
	}
	if (remove.some((r) => env.some((e) => e.name === r)))
		return 'error: can not both modify and remove the same environment variable in the same command\n';
	return { env, remove };
}

/** helper.go updateEnv: an added variable replaces every one of its name; removal wins. */
function updateEnv(existing: readonly EnvVar[], env: readonly EnvVar[], remove: string[]) {
	const out: EnvVar[] = [];
	const covered = new Set(remove);
	for (const e of existing) {
		if (covered.has(e.name)) continue;
		const newer = env.find((n) => n.name === e.name);
		if (newer !== undefined) {
			covered.add(e.name);
			out.push(newer);
		} else out.push(e);
	}
	for (const e of env) {
		if (covered.has(e.name)) continue;
		covered.add(e.name);
		out.push(e);
	}
	return out;
}

/** selectContainers: Go's path.Match on the container name (`*`, `?`, `[…]`). */
function globMatches(pattern: string, name: string): boolean {
	const source = pattern
		.replace(/[.+^${}()|\\]/g, '\\$&')
		.replace(/\*/g, '.*')
		.replace(/\?/g, '.');
	try {
		return new RegExp(`^${source}$`, 's').test(name);
	} catch {
		return false;
	}
}

/** env_resolve.go GetEnvVarRefString. */
function refString(from: EnvVarSource): string {
	if (from.configMapKeyRef)
		return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
	if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
	if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
	if (from.resourceFieldRef) {
		const c = from.resourceFieldRef.containerName;
		return `resource field ${c ? `${c}/` : ''}${from.resourceFieldRef.resource}`;
	}
	return 'invalid valueFrom';
}

interface DataObject extends StoredObject {
	data?: Record<string, string>;
}

/** env_resolve.go GetEnvVarRefValue for the references a `--resolve` listing looks up. */
function refValue(ctx: CommandContext, namespace: string, from: EnvVarSource): string | Error {
	const api = ctx.kubernetes!.apiServer;
	const keyRef = from.configMapKeyRef ?? from.secretKeyRef;
	if (keyRef !== undefined) {
		const secret = from.secretKeyRef !== undefined;
		const object = api.get<DataObject>(secret ? SECRETS : CONFIGMAPS, namespace, keyRef.name!);
		const what = secret ? 'secrets' : 'configmaps';
		if (object === undefined) return new Error(`${what} "${keyRef.name}" not found`);
		const value = ownValue(object.data, keyRef.key);
		if (value === undefined)
			return new Error(
				`key ${keyRef.key} not found in ${secret ? 'secret' : 'config map'} ${keyRef.name}`
			);
		return secret ? base64Decode(value) : value;
	}
	return new Error('invalid valueFrom');
}

/** `--from=configmap/NAME|secret/NAME`: one reference per chosen key, with key-name warnings. */
function fromReferences(
	ctx: CommandContext,
	namespace: string,
	from: string,
	keys: readonly string[]
): { env: EnvVar[]; warnings: string } | string {
	const slash = from.indexOf('/');
	const type = resolveType(slash < 0 ? from : from.slice(0, slash));
	if (type === undefined)
		return `error: the server doesn't have a resource type "${slash < 0 ? from : from.slice(0, slash)}"\n`;
	if (slash < 0) return 'error: resource(s) were provided, but no name was specified\n';
	const name = from.slice(slash + 1);
	const collection =
		type.plural === 'configmaps' ? CONFIGMAPS : type.plural === 'secrets' ? SECRETS : undefined;
	const api = ctx.kubernetes!.apiServer;
	if (collection === undefined) {
		const other = collectionFor(type.kind);
		const exists = other !== undefined && api.get(other, namespace, name) !== undefined;
		return exists
			? 'error: unsupported resource specified in --from\n'
			: notFound(qualifiedPlural(type), name);
	}
	const object = api.get<DataObject>(collection, namespace, name);
	if (object === undefined) return notFound(qualifiedPlural(type), name);
	const env: EnvVar[] = [];
	let warnings = '';
	for (const key of Object.keys(object.data ?? {}).sort()) {
		if (keys.length > 0 && !keys.includes(key)) continue;
		const envName = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
		if (envName !== key) warnings += `Warning: key ${key} transferred to ${envName}\n`;
		const ref = { name, key };
		env.push({
			name: envName,
			valueFrom: collection === SECRETS ? { secretKeyRef: ref } : { configMapKeyRef: ref }
		});
	}
	return { env, warnings };
}

/** A stored object's name (the API server always sets it). */
const nameOf = (o: StoredObject): string => o.metadata?.name ?? '';

export function setEnv(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(withBareDryRun(words), FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'set env'));
	const { flags } = parsed;
	const resources: string[] = [];
	const envArgs: string[] = [];
	for (const arg of parsed.args) {
		if (isEnvArgument(arg) || envArgs.length > 0) {
			if (!isEnvArgument(arg))
				return fail(
					`error: all resources must be specified before environment changes: ${parsed.args.join(' ')}\n`
				);
			envArgs.push(arg);
		} else resources.push(arg);
	}
	if (resources.length === 0)
		return fail(
			'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'
		);
	const list = boolFlag(flags, 'list');
	if (list && flag(flags, 'output') !== undefined)
		return fail('error: --list and --output may not be specified together\n');
	const keys = (flags.get('keys') ?? []).flatMap((k) => k.split(','));
	const from = flag(flags, 'from');
	if (keys.length > 0 && from === undefined)
		return fail(
			'error: when specifying --keys, a configmap or secret must be provided with --from\n'
		);
	const printing = printingFor(ctx, flags);
	if ('error' in printing) return fail(printing.error);
	const namespace = flag(flags, 'namespace') ?? contextNamespace(ctx);

	const changes = parseEnv(ctx, [...(flags.get('env') ?? []), ...envArgs]);
	if (typeof changes === 'string') return fail(changes);
	let warnings = '';
	if (from !== undefined) {
		const refs = fromReferences(ctx, namespace, from, keys);
		if (typeof refs === 'string') return fail(refs);
		changes.env.push(...refs.env);
		warnings = refs.warnings;
	}
	const prefix = flag(flags, 'prefix') ?? '';
	const env = changes.env.map((e) => ({ ...e, name: prefix + e.name }));
	const found = templateTargets(ctx, 'set env', resources, namespace, flags);
	if (typeof found === 'string') return fail(found);

	const selector = flag(flags, 'containers') ?? '*';
	const overwrite = flags.has('overwrite') ? boolFlag(flags, 'overwrite') : true;
	let output = '';
	let errors = '';
	const updates: { plural: string; object: Templated }[] = [];
	for (const { plural, object } of found) {
		const { kind } = TARGETS[plural]!;
		const template = object.spec!.template!;
		const spec = template.spec!;
		const chosen = (c: Container) => globMatches(selector, c.name);
		if (!spec.containers.some(chosen) && !(spec.initContainers ?? []).some(chosen)) {
			warnings += `Warning: ${kind}/${nameOf(object)} does not have any containers matching ${JSON.stringify(selector)}\n`;
			continue;
		}
		const changed = (c: Container): Container | string => {
			if (!chosen(c)) return c;
			if (!overwrite)
				for (const e of env) {
					const current = c.env?.find((x) => x.name === e.name);
					if (current !== undefined && current.value !== e.value)
						return `'${current.name}' already has a value (${current.value ?? ''}), and --overwrite is false`;
				}
			const next = updateEnv(c.env ?? [], env, changes.remove);
			const rest = { ...c };
			delete rest.env;
			return next.length === 0 ? rest : { ...c, env: next };
		};
		const containers = spec.containers.map(changed);
		const inits = spec.initContainers?.map(changed);
		const refused = [...containers, ...(inits ?? [])].find((c) => typeof c === 'string');
		if (refused !== undefined) {
			errors += `error: ${plural}/${nameOf(object)} ${refused}\n`;
			continue;
		}
		const nextSpec = { ...spec, containers: containers as Container[] };
		if (inits !== undefined) nextSpec.initContainers = inits as Container[];
		if (list) {
			// kubectl lists the containers it selected, the regular ones first.
			for (const c of [...nextSpec.containers, ...(nextSpec.initContainers ?? [])]) {
				if (!chosen(c)) continue;
				output += `# ${kind} ${nameOf(object)}, container ${c.name}\n`;
				const resolveErrors = new Map<string, string[]>();
				for (const e of c.env ?? []) {
					if (e.valueFrom === undefined) output += `${e.name}=${e.value ?? ''}\n`;
					else if (!boolFlag(flags, 'resolve'))
						output += `# ${e.name} from ${refString(e.valueFrom)}\n`;
					else {
						const value = refValue(ctx, namespace, e.valueFrom);
						if (!(value instanceof Error)) output += `${e.name}=${value}\n`;
						else {
							output += `# ${e.name} from ${refString(e.valueFrom)}\n`;
							resolveErrors.set(value.message, [
								...(resolveErrors.get(value.message) ?? []),
								e.name
							]);
						}
					}
				}
				const lines = [...resolveErrors].map(
					([err, vars]) => `error retrieving reference for ${vars.sort().join(', ')}: ${err}`
				);
				for (const line of lines.sort()) errors += `${line}\n`;
			}
			continue;
		}
		const updated = {
			...object,
			spec: { ...object.spec, template: { ...template, spec: nextSpec } }
		};
		// CalculatePatches: an object the change leaves as it was gets no patch and no line.
		if (JSON.stringify(updated) === JSON.stringify(object)) continue;
		updates.push({ plural, object: updated });
	}
	if (list) {
		const listed =
			errors === ''
				? ok(output)
				: fail(`${errors}error: failed to retrieve valueFrom references\n`, output);
		return warnedFirst(listed, warnings);
	}
	const api = ctx.kubernetes!.apiServer;
	for (const { plural, object } of updates) {
		const { collection, kind } = TARGETS[plural]!;
		const type = resolveType(plural)!;
		const causes = validateObject({ ...object, kind } as unknown as KubeObject, true);
		if (causes.length > 0) {
			// The API server's Invalid error, wrapped by kubectl in a plain error (fmt.Errorf).
			errors += `error: failed to patch env update to pod template: ${invalidText(kind, nameOf(object), causes)}\n`;
			continue;
		}
		const what = `${qualifiedSingular(type)}/${nameOf(object)}`;
		const result = printed(printing, object, what, 'env updated');
		if (!result.ok) return result;
		if (printing.strategy === 'none') api.update(collection, object, true);
		output += result.output;
	}
	const result: CommandResult =
		errors === ''
			? ok(output, updates.length > 0 && printing.strategy === 'none')
			: fail(errors, output, updates.length > 0);
	return warnedFirst(result, warnings);
}
