/**
 * `kubectl apply -f FILE` / `kubectl create -f FILE` up to the moment an object reaches
 * storage. kubectl first reads the whole file (cli-runtime builder: parse, check apiVersion
 * and kind, map to a resource), then sends the objects one by one; the API server decodes
 * strictly, defaults, admits and validates each. Good objects are stored even when others
 * fail, and kubectl prints all errors at the end (kubectl apply.go Run, helpers.go checkErr).
 */
import type { JsonValue, KubeObject, ManifestDocument, ManifestError, ResourceInfo } from './types';
import { parseManifests } from './parse';
import { checkTypeMeta, kindMissingError, lookupResource, mappingError } from './registry';
import { schemaForKind } from './schema';
import { decodeStrict } from './decode';
import { applyDefaults } from './defaults';
import { admitPod } from './admission';
import { defaultBuiltinKind } from './builtin-kinds';
import { validateObject } from './validate';
import type { PriorityClasses } from './priority-classes';
import { hpaFromV1, hpaSchema } from './hpa-kind';
import { describeError, renderKubectlErrors } from './render';
import { serveCustom } from './custom-schema';
import { goQuote, isObject } from './json';

export type { JsonValue, KubeObject, ManifestDocument, ManifestError, ResourceInfo } from './types';
export type { FieldError, KubeKind } from './types';
export { parseManifests } from './parse';
export { RESOURCES, lookupResource, resourceForKind } from './registry';
export { applyDefaults, defaultPodSpec, imageTag } from './defaults';
export { admitPod, generateJobSelector } from './admission';
export { validateObject } from './validate';
export { describeError, renderKubectlErrors } from './render';
export type { KubectlError, Verb } from './render';
export { canonicalQuantity, compareQuantities, parseQuantity } from './quantity';

export interface ReadOptions {
	/** The namespace kubectl fills in (`-n`, else the context's, else `default`). */
	namespace?: string;
	/** `-n` was given: an object naming another namespace is refused, as kubectl does. */
	enforceNamespace?: boolean;
	/** The cluster's PriorityClasses, for the Priority admission of pods (else the system two). */
	priorityClasses?: PriorityClasses;
}

export interface ManifestEntry {
	/** Position among the file's documents (List items count one by one). */
	index: number;
	/** 1-based line where the document starts. */
	line: number;
	kind: string;
	name: string;
	/** The namespace as the file gives it ('' when absent). */
	namespace: string;
	/** The document as read: what apply saves as last-applied-configuration. */
	raw: JsonValue;
	resource?: ResourceInfo;
	/** Decoded, defaulted and admitted; present when the document is valid. */
	object?: KubeObject;
	error?: ManifestError;
}

export type ReadManifestsResult =
	| { ok: true; objects: KubeObject[]; entries: ManifestEntry[] }
	/** `objects` still holds the valid documents: kubectl applies those. */
	| { ok: false; error: string; objects: KubeObject[]; entries: ManifestEntry[] };

const text = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '');

function describeDocument(doc: ManifestDocument): ManifestEntry {
	const value = doc.value;
	const meta = isObject(value) && isObject(value.metadata) ? value.metadata : {};
	const kind = isObject(value) ? text(value.kind) : '';
	return {
		index: doc.index,
		line: doc.line,
		kind,
		name: text(meta.name),
		namespace: text(meta.namespace),
		raw: value
	};
}

/** kubectl's REST mapping of one object (cli-runtime mapper.go infoForData). */
function mapDocument(
	entry: ManifestEntry,
	doc: ManifestDocument,
	file: string,
	options: ReadOptions
) {
	const value = doc.value;
	const apiVersion = isObject(value) ? text(value.apiVersion) : '';
	if (entry.kind === '') {
		entry.error = { stage: 'mapping', message: kindMissingError(value, file) };
		return;
	}
	const resource = lookupResource(apiVersion, entry.kind);
	if (!resource) {
		const message = mappingError(entry.kind, apiVersion, entry.name, entry.namespace, file);
		entry.error = { stage: 'mapping', message };
		return;
	}
	entry.resource = resource;
	const wanted = options.namespace ?? 'default';
	if (
		options.enforceNamespace &&
		resource.namespaced &&
		entry.namespace &&
		entry.namespace !== wanted
	) {
		// cli-runtime visitor.go RequireNamespace.
		const message =
			`the namespace from the provided object ${goQuote(entry.namespace)} does not match the ` +
			`namespace ${goQuote(wanted)}. You must pass '--namespace=${entry.namespace}' to ` +
			'perform this operation.';
		entry.error = { stage: 'mapping', message };
	}
}

/**
 * kubectl checks apiVersion and kind of each document, and of each item of a List, before it
 * maps anything in that document; a failure ends the stream (StreamVisitor returns).
 */
function readDocuments(documents: ManifestDocument[], file: string, options: ReadOptions) {
	const entries: ManifestEntry[] = [];
	for (let start = 0; start < documents.length;) {
		const source = documents[start]?.source;
		const group = documents.filter((d) => d.source === source);
		start += group.length;
		for (const doc of group) {
			const message = checkTypeMeta(doc.value, file);
			if (message === undefined) continue;
			entries.push({ ...describeDocument(doc), error: { stage: 'schema', message } });
			return { entries, stopped: true };
		}
		for (const doc of group) {
			const entry = describeDocument(doc);
			mapDocument(entry, doc, file, options);
			entries.push(entry);
		}
	}
	return { entries, stopped: false };
}

/** The API server's side: decode, default, admit, validate. */
function serve(entry: ManifestEntry, resource: ResourceInfo, options: ReadOptions): void {
	if (resource.readOnly) {
		entry.error = { stage: 'method' };
		return;
	}
	// List items may take their kind from the list (`DeploymentList`).
	const raw = isObject(entry.raw) ? { ...entry.raw, kind: resource.kind } : {};
	if (resource.custom !== undefined) {
		const served = serveCustom(raw, resource, options.namespace ?? 'default');
		if ('error' in served) entry.error = served.error;
		else entry.object = served.object as unknown as KubeObject;
		return;
	}
	// autoscaling/v1 has its own shape; its objects are converted to the stored v2 (hpa-kind.ts).
	const hpa = resource.kind === 'HorizontalPodAutoscaler';
	const schema = hpa ? hpaSchema(resource.version) : schemaForKind(resource.kind);
	const decoded = decodeStrict(raw, schema, resource.kind, resource.version);
	if (!decoded.ok) {
		entry.error = {
			stage: 'decode',
			kind: resource.kind,
			version: resource.version,
			message: decoded.message
		};
		return;
	}
	const object = decoded.value as unknown as KubeObject;
	if (hpa && resource.version === 'v1') hpaFromV1(object);
	serverDefaults(object, options.namespace ?? 'default', resource.namespaced);
	if (object.kind === 'Pod') admitPod(object, options.priorityClasses);
	const causes = validateObject(object, resource.namespaced);
	if (causes.length > 0) {
		const name = object.metadata?.name ?? '';
		entry.error = { stage: 'invalid', kind: resource.kind, group: resource.group, name, causes };
		return;
	}
	entry.object = object;
}

/** The API server's defaulting of an object it is about to store (create, patch or apply). */
export function serverDefaults(object: KubeObject, namespace: string, namespaced: boolean): void {
	applyDefaults(object, namespace, namespaced);
	defaultBuiltinKind(object);
}

export function readManifests(
	text: string,
	fileName: string,
	options: ReadOptions = {}
): ReadManifestsResult {
	const parsed = parseManifests(text, fileName);
	const { entries, stopped } = readDocuments(parsed.documents, fileName, options);
	let streamError: ManifestError | undefined;
	if (!parsed.ok && !stopped)
		streamError = { stage: 'parse', message: parsed.error.replace(/^error: /, '') };
	for (const entry of entries) {
		if (!entry.error && entry.resource) serve(entry, entry.resource, options);
	}
	const readErrors = entries.flatMap((e) => (isReadError(e.error) ? [e.error] : []));
	if (streamError) readErrors.push(streamError);
	const objectErrors = entries.flatMap((e) => (e.error && !isReadError(e.error) ? [e.error] : []));
	const objects = entries.flatMap((e) => (e.object ? [e.object] : []));
	if (readErrors.length + objectErrors.length === 0) return { ok: true, objects, entries };
	const error = renderKubectlErrors(
		readErrors.map((e) => describeError(e, fileName)),
		objectErrors.map((e) => describeError(e, fileName))
	);
	return { ok: false, error, objects, entries };
}

/** Errors kubectl meets while reading the file, before it sends anything. */
export function isReadError(error: ManifestError | undefined): error is ManifestError {
	return error !== undefined && ['parse', 'schema', 'mapping'].includes(error.stage);
}
