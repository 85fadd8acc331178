/**
 * `kubectl apply -f FILE` and `kubectl create -f FILE` (apply.go, create.go): every valid object
 * of the file is stored in order — created, or for apply configured / unchanged — and every
 * invalid one is reported the way kubectl reports it; an invalid document never reaches the store.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { TerminalWriter } from '../terminal';
import { boolFlag, flag, parseFlags } from '../flags';
import { manifestPaths, readManifestText } from './manifest-paths';
import { isManifestUrl } from './manifest-urls';
import {
	BUILTIN_NAMESPACES,
	DEPLOYMENTS,
	PODS,
	REPLICASETS
} from '../../kubernetes/api/collections';
import type { KubeObject as StoredObject } from '../../kubernetes/api/api-server';
import { movesGeneration } from '../../kubernetes/api/unchanged';
import {
	describeError,
	readManifests,
	resourceForKind,
	type ReadManifestsResult,
	serverDefaults,
	validateObject,
	type KubeObject
} from '../../manifests/index';
import { cloneJson } from '../../manifests/json';
import { threeWayMerge } from './three-way-merge';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { goJson } from '../../manifests/json';
import type { JsonObject, JsonValue } from '../../manifests/types';
import { notSimulated, unknownFlag } from './errors';
import { admitServiceObject } from '../../kubernetes/services/index';
import { roleRefChange } from '../../manifests/builtin-kinds';
import { applyPriorityClass } from '../../manifests/priority-classes';
import { priorityClassChange } from '../../manifests/priority-class-kind';
import { storageClassChange } from '../../manifests/storage-class-kind';
import { ingressClassChange } from '../../manifests/ingress-class-kind';
import { crdImmutableChange } from '../../manifests/custom-kinds';
import { priorityClassCreateRefusal, priorityClassesOf } from './priority-class-admission';
import { createAdmission, webhookAdmission } from './create-admission';
import { contextNamespace } from './kubeconfig-state';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function collectionFor(kind: string): string | undefined {
	if (kind === 'Pod') return PODS;
	if (kind === 'Deployment') return DEPLOYMENTS;
	if (kind === 'ReplicaSet') return REPLICASETS;
	const r = resourceForKind(kind);
	if (r?.custom !== undefined) return r.custom.collection;
	return r === undefined ? undefined : `${r.group || 'core'}/${r.version}/${r.resource}`;
}

function qualified(kind: string): string {
	const r = resourceForKind(kind);
	return r?.group ? `${kind.toLowerCase()}.${r.group}` : kind.toLowerCase();
}

export function applyOrCreate(
	ctx: CommandContext,
	words: readonly string[],
	verb: 'apply' | 'create'
): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'filename', short: 'f', repeatable: true },
		{ long: 'recursive', short: 'R', bool: true },
		{ long: 'namespace', short: 'n' },
		{ long: 'kustomize', short: 'k' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, verb));
	// kubectl's -k builds a kustomization: real, but not part of the lab.
	if (parsed.flags.has('kustomize')) return fail(notSimulated(`${verb} -k`));
	const files = parsed.flags.get('filename') ?? [];
	if (files.length === 0) return fail('error: must specify one of -f and -k\n');
	const reads = readManifestFiles(
		ctx,
		files,
		flag(parsed.flags, 'namespace'),
		boolFlag(parsed.flags, 'recursive')
	);
	if (typeof reads === 'string') return fail(reads);
	return sendEach(reads, (object, file, raw) => store(ctx, object, verb, file, raw));
}

/**
 * `kubectl apply -f FILE` of a manifest the lab holds itself (an addon's install), with the
 * output apply prints for it.
 */
export function applyManifestText(ctx: CommandContext, text: string, file: string): CommandResult {
	const read = readManifests(text, file, {
		namespace: 'default',
		enforceNamespace: false,
		priorityClasses: priorityClassesOf(ctx)
	});
	return sendEach([{ file, read }], (object, f, raw) => store(ctx, object, 'apply', f, raw));
}

/** What sending one object came to: its line, its warning, its error, and whether it wrote. */
export interface Sent {
	output: string;
	error: string;
	warning?: string;
	changed: boolean;
}

/**
 * Sends every valid object of the files in order, then reports the invalid ones: each object's
 * warning is printed as it is sent, before its line; the errors are gathered and printed at the
 * end (apply.go and replace.go return them as one aggregate).
 */
export function sendEach(
	reads: readonly FileRead[],
	send: (object: KubeObject, file: string, raw: JsonValue) => Sent
): CommandResult {
	const term = new TerminalWriter();
	let errors = '';
	let changed = false;
	for (const { file, read } of reads) {
		for (const entry of read.entries) {
			if (entry.object === undefined) continue;
			const r = send(entry.object, file, entry.raw);
			term.err(r.warning ?? '');
			term.out(r.output);
			errors += r.error;
			changed ||= r.changed;
		}
		if (!read.ok) errors += read.error;
	}
	term.err(errors);
	return { ...term.result(errors === ''), mutates: changed };
}

/** One file's documents, read as the API server will decode them. */
export interface FileRead {
	file: string;
	read: ReadManifestsResult;
}

/**
 * The files' documents, each read, defaulted and validated (cli-runtime's resource builder with
 * FilenameParam, then the API server's decoding), as apply, create, replace and diff send them:
 * objects go to `-n`, else to `default`, and with `-n` an object naming another namespace is
 * refused. A path that is not there fails before anything is read.
 */
export function readManifestFiles(
	ctx: CommandContext,
	paths: readonly string[],
	namespace: string | undefined,
	recursive = false
): FileRead[] | string {
	const files = manifestPaths(ctx, paths, recursive);
	if (typeof files === 'string') return files;
	const texts: [string, string | { error: string }][] = [];
	for (const file of files) {
		const text = readManifestText(ctx, file);
		// Local files were found above. A URL fails as the builder visits it: kubectl still
		// sends what the other files hold, then reports it (apply.go gathers the errors).
		if (typeof text !== 'string' && !isManifestUrl(file)) return text.error;
		texts.push([file, text]);
	}
	return texts.map(([file, text]) => ({
		file,
		read:
			typeof text === 'string'
				? // kubectl names the standard input STDIN in what it reports (visitor.go FileVisitor).
					readManifests(text, file === '-' ? 'STDIN' : file, {
						namespace: namespace ?? contextNamespace(ctx),
						enforceNamespace: namespace !== undefined,
						priorityClasses: priorityClassesOf(ctx)
					})
				: { ok: false, error: text.error, objects: [], entries: [] }
	}));
}

/** One object sent as apply or create sends it: its line, warning and error. */
export function store(
	ctx: CommandContext,
	object: KubeObject,
	verb: 'apply' | 'create',
	file: string,
	raw: JsonValue
): Sent & { warning: string } {
	const api = ctx.kubernetes!.apiServer;
	const kind = object.kind ?? '';
	const resource = resourceForKind(kind);
	const collection = collectionFor(kind);
	const none = { output: '', warning: '', changed: false };
	if (resource === undefined || collection === undefined) {
		return { ...none, error: `error: kind ${kind} is not simulated in this lab yet\n` };
	}
	const name = object.metadata?.name ?? '';
	const ns = resource.namespaced ? (object.metadata?.namespace ?? 'default') : '';
	const what = `${qualified(kind)}/${name}`;
	if (resource.namespaced && !namespaceExists(ctx, ns)) {
		return {
			...none,
			error: `Error from server (NotFound): error when creating ${JSON.stringify(file)}: namespaces "${ns}" not found\n`
		};
	}
	const existing = resource.namespaced
		? api.get<StoredObject>(collection, ns, name)
		: ctx.kernel.store.get<StoredObject>(collection, name);
	const terminating =
		resource.namespaced && (verb === 'create' || existing === undefined)
			? terminatingRefusal(
					ctx,
					ns,
					resource.group ? `${resource.resource}.${resource.group}` : resource.resource,
					name
				)
			: undefined;
	if (terminating !== undefined) {
		return {
			...none,
			error: `Error from server (Forbidden): error when creating ${JSON.stringify(file)}: ${terminating}
`
		};
	}
	if (verb === 'create' || existing === undefined) {
		if (existing !== undefined) {
			return {
				...none,
				error: `Error from server (AlreadyExists): error when creating ${JSON.stringify(file)}: ${resource.group ? `${resource.resource}.${resource.group}` : resource.resource} "${name}" already exists\n`
			};
		}
		const refused = createAdmission(ctx, object);
		const classRefused = priorityClassCreateRefusal(ctx, object, verb, file);
		if (classRefused !== undefined) return { ...none, error: classRefused };
		if (refused !== undefined)
			return {
				...none,
				error: `Error from server (Forbidden): error when creating ${JSON.stringify(file)}: ${refused}\n`
			};
		const webhookRefused = webhookAdmission(ctx, object, 'CREATE');
		if (webhookRefused !== undefined)
			return {
				...none,
				error: `Error from server (InternalError): error when creating ${JSON.stringify(file)}: ${webhookRefused}\n`
			};
		// Priority admission runs as each object is created: a class made earlier in the same
		// apply counts, though the documents were read (and defaulted) before it existed.
		if (kind === 'Pod' && (object as Pod).spec !== undefined)
			applyPriorityClass((object as Pod).spec!, priorityClassesOf(ctx));
		const annotated =
			verb === 'apply' ? withAnnotation(object, LAST_APPLIED, lastApplied(raw, ns)) : object;
		const admitted =
			kind === 'Service'
				? admitServiceObject(ctx.kernel, annotated as StoredObject, undefined, file)
				: { ok: true as const, object: annotated as StoredObject };
		if (!admitted.ok) return { ...none, error: admitted.error };
		api.create(collection, admitted.object, resource.namespaced);
		return { output: `${what} created\n`, error: '', warning: '', changed: true };
	}
	// kubectl apply.go warningNoLastAppliedConfigAnnotation, for objects made imperatively: it is
	// printed while the patch is computed, so before any error the server answers.
	const warning =
		existing.metadata?.annotations?.[LAST_APPLIED] === undefined
			? `Warning: resource ${resource.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`
			: '';
	const immutable = immutableChange(kind, name, existing, object);
	if (immutable !== undefined) return { ...none, warning, error: immutable };
	const { merged, current } = applyMerge(kind, existing, raw, ns, resource.namespaced);
	// An empty patch: the live object already is what the file says (`unchanged`). A field the
	// file sets and another command changed since (replicas after `kubectl scale`) is set back.
	if (goJson(merged as unknown as JsonValue, true) === goJson(current, true))
		return { output: `${what} unchanged\n`, error: '', warning: '', changed: false };
	const causes = validateObject(merged as KubeObject, resource.namespaced);
	if (causes.length > 0)
		return {
			...none,
			warning,
			error: describeError(
				{ stage: 'invalid', kind, group: resource.group ?? '', name, causes },
				file,
				'patching'
			).standalone
		};
	const next = {
		...merged,
		...('status' in existing ? { status: (existing as { status?: unknown }).status } : {})
	};
	const specChanged = movesGeneration(next as StoredObject, existing as StoredObject);
	const admitted =
		kind === 'Service'
			? admitServiceObject(ctx.kernel, next as StoredObject, existing, file)
			: { ok: true as const, object: next as StoredObject };
	if (!admitted.ok) return { ...none, warning, error: admitted.error };
	api.update(collection, admitted.object, specChanged);
	return { output: `${what} configured\n`, error: '', warning, changed: true };
}

/**
 * What apply makes of a live object: the three-way merge of the last applied configuration, the
 * file and the live object (without its status), with the new last-applied annotation, then
 * defaulted as the server defaults a patched object. `current` is the live object the merge
 * started from, to tell an empty patch.
 */
export function applyMerge(
	kind: string,
	existing: StoredObject,
	raw: JsonValue,
	ns: string,
	namespaced: boolean
): { merged: StoredObject; current: JsonObject } {
	const applied = lastApplied(raw, ns);
	const current = cloneJson(existing as unknown as JsonValue) as JsonObject;
	delete current.status;
	const merged = threeWayMerge(
		kind,
		parseLastApplied(existing.metadata?.annotations?.[LAST_APPLIED]),
		JSON.parse(applied) as JsonObject,
		current
	) as unknown as StoredObject;
	merged.metadata = {
		...merged.metadata,
		annotations: { ...merged.metadata?.annotations, [LAST_APPLIED]: applied }
	};
	serverDefaults(merged as KubeObject, ns || 'default', namespaced);
	return { merged, current };
}

/**
 * The NamespaceLifecycle admission plugin's refusal of a new object in a namespace that is being
 * deleted (plugin/pkg/admission/namespace/lifecycle: errors.NewForbidden), or undefined.
 * `resource` is the type as API errors name it (`deployments.apps`, `pods`).
 */
export function terminatingRefusal(
	ctx: CommandContext,
	ns: string,
	resource: string,
	name: string
): string | undefined {
	const namespace = ctx.kernel.store.get<{ status?: { phase?: string } }>(
		collectionFor('Namespace')!,
		ns
	);
	if (namespace?.status?.phase !== 'Terminating') return undefined;
	return `${resource} ${JSON.stringify(name)} is forbidden: unable to create new content in namespace ${ns} because it is being terminated`;
}

export function namespaceExists(ctx: CommandContext, ns: string): boolean {
	return (
		BUILTIN_NAMESPACES.includes(ns) ||
		ctx.kernel.store.get(collectionFor('Namespace')!, ns) !== undefined
	);
}

/**
 * What kubectl apply saves as last-applied-configuration: the document as written in the file,
 * with the namespace it went to and an annotations map, encoded by json.Encoder (apply.go
 * GetModifiedConfiguration over an unstructured object: keys sorted, HTML escaped, a newline).
 */
export function lastApplied(raw: JsonValue, namespace: string): string {
	const doc = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as {
		metadata?: Record<string, JsonValue>;
	};
	const metadata = { ...doc.metadata };
	const annotations = { ...(metadata.annotations as Record<string, JsonValue> | undefined) };
	delete annotations[LAST_APPLIED];
	metadata.annotations = annotations;
	if (namespace !== '') metadata.namespace = namespace;
	return goJson({ ...doc, metadata } as JsonObject, true) + '\n';
}

/** The last applied configuration, or nothing (an object made imperatively has none). */
function parseLastApplied(text: string | undefined): JsonObject {
	if (text === undefined) return {};
	try {
		const value = JSON.parse(text) as JsonValue;
		return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
	} catch {
		return {};
	}
}

function withAnnotation(object: KubeObject, key: string, value: string): KubeObject {
	return {
		...object,
		metadata: { ...object.metadata, annotations: { ...object.metadata?.annotations, [key]: value } }
	};
}

/** The update validation of fields that cannot change once set, as kubectl prints it, or undefined. */
export function immutableChange(
	kind: string,
	name: string,
	existing: StoredObject,
	object: KubeObject
): string | undefined {
	return (
		selectorChange(kind, name, existing, object) ??
		roleRefChange(kind, name, existing as object, object as object) ??
		priorityClassChange(kind, name, existing as object, object as object) ??
		storageClassChange(kind, name, existing as object, object as object) ??
		ingressClassChange(kind, name, existing as object, object as object) ??
		crdImmutableChange(kind, name, existing as object, object as object)
	);
}

/** Kinds whose spec.selector cannot change once created (apps/v1 and batch/v1 validation). */
const IMMUTABLE_SELECTOR = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job']);

/**
 * ValidateDeploymentUpdate and its siblings: `spec.selector: Invalid value: …: field is
 * immutable`, the value as JSON since v1.34 (cli-formats.md §4, apimachinery "Nicer value
 * rendering in API errors").
 */
export function selectorChange(
	kind: string,
	name: string,
	existing: StoredObject,
	object: KubeObject
): string | undefined {
	if (!IMMUTABLE_SELECTOR.has(kind)) return undefined;
	const before = (existing as { spec?: { selector?: LabelSelector } }).spec?.selector;
	const after = (object as { spec?: { selector?: LabelSelector } }).spec?.selector;
	// A Job's generated selector is kept when the applied file names none.
	if (after === undefined || selectorJson(before) === selectorJson(after)) return undefined;
	return `The ${kind} ${JSON.stringify(name)} is invalid: spec.selector: Invalid value: ${selectorJson(after)}: field is immutable\n`;
}

function selectorJson(selector: LabelSelector | undefined): string {
	if (selector === undefined) return 'null';
	const out: JsonObject = {};
	const labels = selector.matchLabels;
	if (labels !== undefined && Object.keys(labels).length > 0) {
		// A Go map: its keys print sorted.
		const sorted: JsonObject = {};
		for (const k of Object.keys(labels).sort()) sorted[k] = labels[k] ?? '';
		out.matchLabels = sorted;
	}
	if (selector.matchExpressions !== undefined && selector.matchExpressions.length > 0) {
		// LabelSelectorRequirement's fields in struct order: key, operator, values.
		out.matchExpressions = selector.matchExpressions.map((e) => ({
			key: e.key,
			operator: e.operator,
			...(e.values !== undefined ? { values: [...e.values] } : {})
		}));
	}
	return goJson(out);
}
