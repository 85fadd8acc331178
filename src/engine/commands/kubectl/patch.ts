/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]` (kubernetes/kubectl
 * pkg/cmd/patch/patch.go: Validate, RunPatch, patchOperation). kubectl sends the patch; the
 * API server applies it (./patch-apply), decodes the result strictly, defaults and validates
 * it as `apply` does (../../manifests), and stores it only when it is valid. kubectl prints
 * `<kind>/<name> patched`, or `… patched (no change)` when the object came back unchanged.
 */
import type { Node } from 'kubernetes-types/core/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { flag, parseFlags } from '../flags';
import { NODES } from '../../kubernetes/node-object';
import type { KubeObject as StoredObject } from '../../kubernetes/api/api-server';
import { movesGeneration } from '../../kubernetes/api/unchanged';
import { admitServiceObject } from '../../kubernetes/services/index';
import { describeError, serverDefaults, validateObject } from '../../manifests/index';
import { decodeStrict } from '../../manifests/decode';
import { parseManifests } from '../../manifests/parse';
import { schemaForKind } from '../../manifests/schema';
import { resourceForKind } from '../../manifests/registry';
import { checkCustomUpdate } from '../../manifests/custom-schema';
import { cloneJson, isObject } from '../../manifests/json';
import type { JsonObject, JsonValue, KubeKind, KubeObject } from '../../manifests/types';
import { collectionFor, selectorChange } from './apply';
import { notFound, notSimulated, unknownFlag } from './errors';
import { typeAndName, type NamedTarget } from './mutate';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch-apply';
import { resolveType } from './resources';
import { contextNamespace } from './kubeconfig-state';

const PATCH_TYPES = ['json', 'merge', 'strategic'];

/** The kinds the lab patches, by plural resource name. */
const PATCHABLE = [
	'deployments',
	'replicasets',
	'daemonsets',
	'statefulsets',
	'jobs',
	'cronjobs',
	'services',
	'pods',
	'nodes'
];

/** Fields the API server keeps whatever a patch says (status is reset by PrepareForUpdate). */
const SYSTEM_META = [
	'uid',
	'resourceVersion',
	'creationTimestamp',
	'generation',
	'ownerReferences'
];

export function patch(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'patch', short: 'p' },
		{ long: 'patch-file' },
		{ long: 'type' },
		{ long: 'namespace', short: 'n' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'patch'));
	const patchText = flag(parsed.flags, 'patch') ?? '';
	const patchFile = flag(parsed.flags, 'patch-file') ?? '';
	if (patchText !== '' && patchFile !== '')
		return fail('error: cannot specify --patch and --patch-file together\n');
	if (patchText === '' && patchFile === '')
		return fail(
			'error: must specify --patch or --patch-file containing the contents of the patch\n'
		);
	const type = flag(parsed.flags, 'type') ?? 'strategic';
	if (!PATCH_TYPES.includes(type.toLowerCase()))
		return fail(
			`error: --type must be one of [json merge strategic], not ${JSON.stringify(type)}\n`
		);
	let text = patchText;
	if (patchFile !== '') {
		const read = ctx.readFile(patchFile);
		if (read === undefined)
			return fail(
				`error: unable to read patch file: open ${patchFile}: no such file or directory\n`
			);
		text = read;
	}
	const body = parsePatch(text, patchText);
	if ('error' in body) return fail(body.error);
	if (parsed.args.length === 0)
		return fail(
			"error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"
		);
	const target = typeAndName(parsed.args);
	if ('error' in target) return fail(target.error);
	const custom = resolveType(target.plural)?.custom;
	if (!PATCHABLE.includes(target.plural) && custom === undefined)
		return fail(notSimulated(`patch ${target.plural}`));
	// Custom objects take JSON and merge patches only (apiextensions-apiserver
	// customresource_handler.go: no strategic merge without Go types).
	if (custom !== undefined && type.toLowerCase() === 'strategic')
		return fail(
			'Error from server (UnsupportedMediaType): the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n'
		);
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	const done = patchObject(ctx, target, namespace, type.toLowerCase(), body.value);
	if ('error' in done) return fail(done.error);
	// patch.go: didPatch is false when the server returns the object unchanged.
	if (!done.changed) return ok(`${done.what} patched (no change)\n`);
	return ok(`${done.what} patched\n`, true);
}

/**
 * The stored object a TYPE NAME names and its collection, looked up as the API server does (a
 * cluster-scoped kind by name alone), or undefined when there is none or the lab stores no such
 * kind.
 */
export function storedTarget(
	ctx: CommandContext,
	target: NamedTarget,
	namespace: string
): { object: StoredObject; collection: string } | undefined {
	const resource = resolveType(target.plural);
	const collection = target.plural === 'nodes' ? NODES : collectionFor(target.kind);
	if (resource === undefined || collection === undefined) return undefined;
	const object = resource.namespaced
		? ctx.kubernetes!.apiServer.get<StoredObject>(collection, namespace, target.name)
		: ctx.kernel.store.get<StoredObject>(collection, target.name);
	return object === undefined ? undefined : { object, collection };
}

/**
 * Sends a patch of `type` (json, merge or strategic) for one object and stores the result as
 * the API server does (decoded, defaulted, validated, admitted); `changed` is false when the
 * object came back as it was (nothing stored). Other `kubectl set` verbs patch through it.
 */
export function patchObject(
	ctx: CommandContext,
	target: NamedTarget,
	namespace: string,
	type: string,
	patchValue: JsonValue
): { what: string; changed: boolean } | { error: string } {
	const resource = resolveType(target.plural)!;
	const found = storedTarget(ctx, target, namespace);
	if (found === undefined) return { error: notFound(target.qualifiedPlural, target.name) };
	const { object: existing, collection } = found;
	const original = existing as unknown as JsonObject;
	const applied = applyPatch(type, resource.kind, original, patchValue);
	if ('error' in applied) return { error: applied.error };
	const result = applied.value;
	const resultName = isObject(result.metadata) ? result.metadata.name : undefined;
	if (resultName !== target.name)
		return {
			error: `Error from server (BadRequest): the name of the object (${typeof resultName === 'string' ? resultName : ''}) does not match the name on the URL (${target.name})\n`
		};
	const next = keepSystemFields(original, result);
	const what = `${target.qualifiedSingular}/${target.name}`;
	if (JSON.stringify(next) === JSON.stringify(original)) return { what, changed: false };
	const checked =
		resource.kind === 'Node'
			? checkNode(next)
			: serve(ctx, resource.kind as KubeKind, existing, next, resource.namespaced, patchValue);
	if ('error' in checked) return checked;
	const stored = checked.object;
	const specChanged = movesGeneration(stored as StoredObject, existing as StoredObject);
	if (resource.kind === 'Node') {
		ctx.kernel.store.put<StoredObject>(NODES, target.name, (rv) => ({
			...stored,
			metadata: { ...stored.metadata, resourceVersion: String(rv) }
		}));
	} else ctx.kubernetes!.apiServer.update(collection, stored, specChanged);
	return { what, changed: true };
}

/**
 * util/yaml ToJSON: text that starts like JSON is sent as it is; anything else is read as YAML.
 * kubectl quotes the -p text in its parse error.
 */
function parsePatch(text: string, quoted: string): { value: JsonValue } | { error: string } {
	const trimmed = text.trimStart();
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return { value: JSON.parse(trimmed) as JsonValue };
		} catch {
			// The API server cannot read it (a json.Unmarshal syntax error).
			return { error: 'Error from server (BadRequest): invalid JSON in the patch\n' };
		}
	}
	// go-yaml's reading and its error texts, as for manifests.
	const read = parseManifests(text, 'patch');
	if (!read.ok) {
		const reason = read.error.replace(/^error: error parsing patch: /, '');
		return { error: `error: unable to parse ${JSON.stringify(quoted)}: ${reason}\n` };
	}
	return { value: read.documents[0]?.value ?? null };
}

function applyPatch(
	type: string,
	kind: string,
	original: JsonObject,
	patchValue: JsonValue
): { value: JsonObject } | { error: string } {
	if (type === 'json') {
		const r = jsonPatch(original, patchValue);
		if (!r.ok) return { error: `The request is invalid: ${r.error}\n` };
		return isObject(r.value)
			? { value: r.value }
			: { error: 'The request is invalid: the patch made the object something else\n' };
	}
	if (!isObject(patchValue)) {
		const what = Array.isArray(patchValue) ? 'array' : typeof patchValue;
		return {
			error: `Error from server (BadRequest): json: cannot unmarshal ${what} into Go value of type map[string]interface {}\n`
		};
	}
	const merged =
		type === 'merge'
			? mergePatch(original, patchValue)
			: strategicMergePatch(kind, original, patchValue);
	return { value: merged as JsonObject };
}

/** Status and the server-owned metadata stay as they were. */
function keepSystemFields(original: JsonObject, result: JsonObject): JsonObject {
	const out = cloneJson(result);
	const meta = isObject(out.metadata) ? out.metadata : {};
	const before = isObject(original.metadata) ? original.metadata : {};
	for (const key of SYSTEM_META) {
		if (before[key] === undefined) delete meta[key];
		else meta[key] = cloneJson(before[key]);
	}
	if (before.namespace !== undefined) meta.namespace = before.namespace;
	out.metadata = meta;
	if (original.status === undefined) delete out.status;
	else out.status = cloneJson(original.status);
	return out;
}

/** Go's %v of a decoded JSON value (map keys sorted), as field.Invalid prints the patch. */
function goValue(v: JsonValue): string {
	if (v === null) return '<nil>';
	if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
	if (isObject(v))
		return `map[${Object.keys(v)
			.sort()
			.map((k) => `${k}:${goValue(v[k]!)}`)
			.join(' ')}]`;
	return String(v);
}

/** The API server's update path: strict decoding, defaults, validation, admission. */
function serve(
	ctx: CommandContext,
	kind: KubeKind,
	existing: StoredObject,
	next: JsonObject,
	namespaced: boolean,
	patchValue: JsonValue
): { object: StoredObject } | { error: string } {
	const custom = resourceForKind(kind)?.custom;
	if (custom !== undefined) {
		const checked = checkCustomUpdate(next, custom);
		if ('unknown' in checked) {
			const list = checked.unknown.map((p) => `unknown field ${JSON.stringify(p)}`).join(', ');
			return {
				error: `The request is invalid: patch: Invalid value: ${JSON.stringify(goValue(patchValue))}: strict decoding error: ${list}\n`
			};
		}
		if ('causes' in checked) {
			const name = existing.metadata?.name ?? '';
			const invalid = {
				stage: 'invalid' as const,
				kind,
				group: custom.group,
				name,
				causes: checked.causes
			};
			return { error: describeError(invalid, '', 'patching').standalone };
		}
		return { object: checked.object as unknown as StoredObject };
	}
	const decoded = decodeStrict(next, schemaForKind(kind), kind, 'v1');
	if (!decoded.ok) {
		const strict = decoded.message.indexOf('strict decoding error');
		if (strict >= 0)
			return {
				error: `The request is invalid: patch: Invalid value: ${JSON.stringify(goValue(patchValue))}: ${decoded.message.slice(strict)}\n`
			};
		return { error: `Error from server (BadRequest): ${decoded.message}\n` };
	}
	const object = cloneJson(decoded.value) as unknown as KubeObject;
	const namespace = existing.metadata?.namespace ?? 'default';
	serverDefaults(object, namespace, namespaced);
	const withStatus = { ...object, ...('status' in next ? { status: next.status } : {}) };
	const name = existing.metadata?.name ?? '';
	const forbidden = immutableSpecChange(kind, name, existing, next);
	if (forbidden !== undefined) return { error: forbidden };
	// As apply does: an immutable selector is refused before the rest is validated.
	const immutable = selectorChange(kind, name, existing, withStatus as KubeObject);
	if (immutable !== undefined) return { error: immutable };
	const causes = validateObject(withStatus as KubeObject, namespaced);
	if (causes.length > 0) {
		const group = existing.apiVersion?.includes('/') ? existing.apiVersion.split('/')[0]! : '';
		return {
			error: describeError({ stage: 'invalid', kind, group, name, causes }, '', 'patching')
				.standalone
		};
	}
	if (kind === 'Service') {
		const admitted = admitServiceObject(ctx.kernel, withStatus as StoredObject, existing, '');
		if (!admitted.ok) return { error: admitted.error };
		return { object: admitted.object };
	}
	return { object: withStatus as StoredObject };
}

/** The spec fields of a StatefulSet an update may change (ValidateStatefulSetUpdate). */
const STATEFULSET_MUTABLE = [
	'replicas',
	'ordinals',
	'template',
	'updateStrategy',
	'persistentVolumeClaimRetentionPolicy',
	'minReadySeconds'
];

/**
 * Spec changes the API server refuses whatever their value. A StatefulSet's refusal is
 * kubectl's text (apps validation ValidateStatefulSetUpdate); a Pod's spec (beyond images) and
 * a Job's template are immutable too, but their refusals print Go struct dumps the lab does not
 * reproduce, so it says it does not simulate them.
 */
function immutableSpecChange(
	kind: string,
	name: string,
	existing: StoredObject,
	next: JsonObject
): string | undefined {
	const before = ((existing as { spec?: JsonValue }).spec ?? {}) as JsonObject;
	const after = (isObject(next.spec) ? next.spec : {}) as JsonObject;
	const same = (keys: (k: string) => boolean) =>
		Object.keys({ ...before, ...after })
			.filter(keys)
			.every((k) => JSON.stringify(before[k]) === JSON.stringify(after[k]));
	if (kind === 'StatefulSet' && !same((k) => !STATEFULSET_MUTABLE.includes(k)))
		return `The StatefulSet ${JSON.stringify(name)} is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden\n`;
	// Scheduling gates may only be removed (ValidatePodUpdate); that is how a gated pod is released.
	const gates = (spec: JsonObject) =>
		(Array.isArray(spec.schedulingGates) ? spec.schedulingGates : []).map((g) => JSON.stringify(g));
	const gatesRemoved = gates(after).every((g) => gates(before).includes(g));
	if (kind === 'Pod' && !same((k) => k !== 'schedulingGates' || !gatesRemoved))
		return 'error: "kubectl patch pod" of the pod spec is not simulated in this lab yet (labels and annotations are)\n';
	if (kind === 'Job' && !same((k) => k === 'template' || k === 'selector'))
		return 'error: "kubectl patch job" of the pod template is not simulated in this lab yet (a Job\'s template is immutable)\n';
	return undefined;
}

/** Node updates the lab accepts: metadata, spec.unschedulable (a bool) and spec.taints. */
function checkNode(next: JsonObject): { object: StoredObject } | { error: string } {
	const spec = isObject(next.spec) ? next.spec : {};
	const unschedulable = spec.unschedulable;
	if (unschedulable !== undefined && typeof unschedulable !== 'boolean') {
		const what = Array.isArray(unschedulable) ? 'array' : typeof unschedulable;
		return {
			error: `Error from server (BadRequest): json: cannot unmarshal ${what} into Go struct field NodeSpec.spec.unschedulable of type bool\n`
		};
	}
	if (unschedulable === false) delete spec.unschedulable;
	return { object: next as unknown as Node as StoredObject };
}
