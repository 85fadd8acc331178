/**
 * How kubectl shows CustomResourceDefinitions and the objects they define:
 * - `kubectl get crd`: the API server's default table (apiserver pkg/registry/rest
 *   table.go defaultTableConvertor): NAME, CREATED AT (RFC 3339);
 * - `kubectl get <custom>`: the CRD version's table (apiextensions-apiserver
 *   pkg/registry/customresource/tableconvertor): NAME, then the additionalPrinterColumns
 *   (priority > 0 only with -o wide), or AGE when the version declares none
 *   (pkg/apiserver/customresource_handler.go serveDefaultColumnsIfEmpty). kubectl's printTable
 *   upper-cases the headers, prints a missing value as an empty cell and cuts a string at its
 *   first line break with `...`;
 * - `kubectl describe` of both: describe.go's genericDescriber (printUnstructuredContent,
 *   smartLabelFor).
 */
import type { Kernel } from '../../core/kernel';
import type { CustomKind } from '../../manifests/custom-kinds';
import { customVersion } from '../../manifests/custom-kinds';
import { goJson } from '../../manifests/json';
import type { JsonValue } from '../../manifests/types';
import { CRDS } from '../../kubernetes/api/custom-resources';
import { eventsFor, writeEvents } from './describe-events';
import { DescribeWriter, writeAnnotations, writeLabels } from './describe-writer';
import { findResults, parseJsonPath, type Json } from './jsonpath';
import { ageOf } from './node-printer';
import type { ResourceType } from './resources';
import type { Printer } from './workload-printers';

interface Meta {
	metadata?: {
		name?: string;
		namespace?: string;
		uid?: string;
		creationTimestamp?: string;
		labels?: Record<string, string>;
		annotations?: Record<string, string>;
	};
}

export const CRD_PRINTER: Printer<Meta> = {
	columns: ['NAME', 'CREATED AT'],
	wide: [],
	row: (crd) => [crd.metadata?.name ?? '', crd.metadata?.creationTimestamp ?? '']
};

interface Column {
	name: string;
	type: string;
	jsonPath: string;
	priority: number;
}

const AGE_COLUMN: Column = {
	name: 'Age',
	type: 'date',
	jsonPath: '.metadata.creationTimestamp',
	priority: 0
};

/** The table of a custom kind, in its preferred version (what `kubectl get` asks for). */
export function customPrinter(k: CustomKind): Printer<Meta> {
	const declared = customVersion(k, k.served[0] ?? '')?.additionalPrinterColumns ?? [];
	const columns: Column[] =
		declared.length === 0
			? [AGE_COLUMN]
			: declared.map((c) => ({
					name: c.name,
					type: c.type,
					jsonPath: c.jsonPath,
					priority: c.priority ?? 0
				}));
	const header = (c: Column) => c.name.toUpperCase();
	return {
		columns: ['NAME', ...columns.filter((c) => c.priority === 0).map(header)],
		wide: [],
		wideColumns: ['NAME', ...columns.map(header)],
		row: (object, now, wide) => [
			object.metadata?.name ?? '',
			...columns
				.filter((c) => wide || c.priority === 0)
				.map((c) => cell(object as unknown as Json, c, now))
		]
	};
}

/** tableconvertor.go ConvertToTable and cellForJSONValue, then printTable's formatting. */
function cell(object: Json, column: Column, now: number): string {
	const template = parseJsonPath(`{${column.jsonPath}}`);
	if ('error' in template) return '';
	const results = findResults(template, object, true);
	const value = 'error' in results ? undefined : results[0]?.[0];
	if (value === undefined || value === null) return '';
	switch (column.type) {
		case 'string':
			// jsonpath PrintResults: a string as is, anything else as Go prints it.
			return firstLine(typeof value === 'string' ? value : printed(value));
		case 'integer':
			return typeof value === 'number' ? String(Math.trunc(value)) : '';
		case 'number':
			return typeof value === 'number' ? String(value) : '';
		case 'boolean':
			return typeof value === 'boolean' ? String(value) : '';
		case 'date':
			if (typeof value !== 'string') return '';
			return Number.isNaN(Date.parse(value)) ? '<invalid>' : ageOf(value, now);
		default:
			return '';
	}
}

function printed(value: Json): string {
	return typeof value === 'object' ? goJson(value as JsonValue) : String(value);
}

/** printTable: a string cell stops at its first line break, marked with `...`. */
function firstLine(text: string): string {
	const at = text.search(/[\f\n\r]/);
	return at < 0 ? text : `${text.slice(0, at)}...`;
}

/** The get/describe source of a CRD-defined type, or of the CRDs themselves. */
export function customSource(type: ResourceType) {
	if (type.plural === 'customresourcedefinitions')
		return { collection: CRDS, printer: CRD_PRINTER as Printer<Meta> };
	if (type.custom === undefined) return undefined;
	return { collection: type.custom.collection, printer: customPrinter(type.custom) };
}

/**
 * Custom objects as a read returns them: in the kind's preferred version (kubectl asks for it),
 * converted from the stored one by the None strategy, which only rewrites apiVersion.
 */
export function inPreferredVersion<T extends object>(type: ResourceType, objects: T[]): T[] {
	const k = type.custom;
	if (k === undefined || k.served[0] === undefined || k.served[0] === k.storage) return objects;
	const apiVersion = `${k.group}/${k.served[0]}`;
	return objects.map((o) => ({ ...o, apiVersion }));
}

/** describe.go genericDescriber.Describe. */
export function describeGeneric(kernel: Kernel, object: Meta, showEvents: boolean): string {
	const w = new DescribeWriter();
	const meta = object.metadata ?? {};
	w.write(0, `Name:\t${meta.name ?? ''}\n`);
	w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	content(w, 0, object as unknown as Record<string, JsonValue>, '');
	const kind = (object as { kind?: string }).kind ?? '';
	const events = showEvents
		? eventsFor(kernel, {
				kind,
				name: meta.name ?? '',
				namespace: meta.namespace,
				uid: meta.uid
			})
		: false;
	writeEvents(w, events, kernel.now);
	return w.toString();
}

const SKIPPED = new Set([
	'.metadata.name',
	'.metadata.namespace',
	'.metadata.labels',
	'.metadata.annotations'
]);

/** printUnstructuredContent: fields sorted, maps and lists nested a level deeper. */
function content(w: DescribeWriter, level: number, map: Record<string, JsonValue>, at: string) {
	for (const field of Object.keys(map).sort()) {
		const value = map[field]!;
		const path = `${at}.${field}`;
		if (SKIPPED.has(path)) continue;
		if (isMap(value)) {
			w.write(level, `${smartLabel(field)}:\n`);
			content(w, level + 1, value, path);
		} else if (Array.isArray(value)) {
			w.write(level, `${smartLabel(field)}:\n`);
			for (const item of value) {
				if (isMap(item)) content(w, level + 1, item, path);
				else w.write(level + 1, `${goValue(item)}\n`);
			}
		} else w.write(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
	}
}

const isMap = (v: JsonValue): v is Record<string, JsonValue> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's %v of a scalar from unstructured JSON. */
const goValue = (v: JsonValue): string => (v === null ? '<nil>' : printed(v as Json));

const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

/**
 * smartLabelFor: `cronSpec` → `Cron Spec`, `apiVersion` → `API Version`; a name with anything
 * but letters and `-` stays as it is. fatih/camelcase splits where the character class changes,
 * an upper-case run giving its last letter to the word after it.
 */
export function smartLabel(field: string): string {
	if (/[^\p{L}-]/u.test(field)) return field;
	const classOf = (c: string) => (/\p{Lu}/u.test(c) ? 1 : /\p{L}/u.test(c) ? 2 : 3);
	const runs: string[][] = [];
	let last = 0;
	for (const c of field) {
		const k = classOf(c);
		if (k === last) runs[runs.length - 1]!.push(c);
		else runs.push([c]);
		last = k;
	}
	for (let i = 0; i < runs.length - 1; i++) {
		if (classOf(runs[i]![0]!) === 1 && classOf(runs[i + 1]![0]!) === 2)
			runs[i + 1]!.unshift(runs[i]!.pop()!);
	}
	return runs
		.filter((r) => r.length > 0)
		.map((r) => r.join(''))
		.map((part) =>
			ACRONYMS.includes(part.toUpperCase())
				? part.toUpperCase()
				: part.charAt(0).toUpperCase() + part.slice(1)
		)
		.join(' ');
}
