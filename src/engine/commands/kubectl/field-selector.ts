/**
 * `kubectl get --field-selector` (kubectl hands the text to the API server, which parses it
 * with apimachinery fields.ParseSelector and converts each field with the kind's field label
 * conversion function).
 *
 * - Pods, Nodes, Events and Jobs have their own fields (kubernetes pkg/apis/core/v1/
 *   conversion.go addConversionFuncs, AddFieldLabelConversionsForEvent; pkg/apis/batch/v1/
 *   conversion.go); an unknown one is refused with `field label not supported: <field>`.
 * - Every other kind knows only metadata.name and metadata.namespace
 *   (apimachinery runtime DefaultMetaV1FieldSelectorConversion:
 *   `"x" is not a known field selector: only "metadata.name", "metadata.namespace"`).
 * - cli-runtime wraps the API's BadRequest as `Unable to find "<group>/<version>, Resource=<r>"
 *   that match label selector "<l>", field selector "<f>": <message>` (resource selector.go
 *   Visit; the GroupVersionResource prints through its String method).
 */
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { ResourceType } from './resources';
import { hasOwnKey } from '../../core/own-keys';

export interface FieldRequirement {
	field: string;
	/** `=` and `==` are the same operator. */
	equal: boolean;
	value: string;
}

interface Obj {
	metadata?: ObjectMeta;
}

type Getter = (o: Obj) => string;

const meta: Record<string, Getter> = {
	'metadata.name': (o) => o.metadata?.name ?? '',
	'metadata.namespace': (o) => o.metadata?.namespace ?? ''
};

const pod =
	(f: (p: Pod) => string | undefined): Getter =>
	(o) =>
		f(o as Pod) ?? '';
const event =
	(f: (e: Event) => string | undefined): Getter =>
	(o) =>
		f(o as Event) ?? '';

/** Kinds with their own field label conversion (core/v1 conversion.go). */
const FIELDS: Record<string, Record<string, Getter>> = {
	pods: {
		...meta,
		'spec.nodeName': pod((p) => p.spec?.nodeName),
		// Old v1 clients' name for spec.nodeName, still converted.
		'spec.host': pod((p) => p.spec?.nodeName),
		'spec.restartPolicy': pod((p) => p.spec?.restartPolicy),
		'spec.schedulerName': pod((p) => p.spec?.schedulerName),
		'spec.serviceAccountName': pod((p) => p.spec?.serviceAccountName),
		'status.phase': pod((p) => p.status?.phase),
		'status.podIP': pod((p) => p.status?.podIP),
		'status.nominatedNodeName': pod((p) => p.status?.nominatedNodeName)
	},
	nodes: {
		'metadata.name': meta['metadata.name']!,
		'spec.unschedulable': (o) => String((o as Node).spec?.unschedulable === true)
	},
	// batch/v1 conversion.go: a Job's successful count (status.succeeded) is selectable.
	jobs: {
		...meta,
		'status.successful': (o) => String((o as Job).status?.succeeded ?? 0)
	},
	events: {
		...meta,
		'involvedObject.kind': event((e) => e.involvedObject.kind),
		'involvedObject.namespace': event((e) => e.involvedObject.namespace),
		'involvedObject.name': event((e) => e.involvedObject.name),
		'involvedObject.uid': event((e) => e.involvedObject.uid),
		'involvedObject.apiVersion': event((e) => e.involvedObject.apiVersion),
		'involvedObject.resourceVersion': event((e) => e.involvedObject.resourceVersion),
		'involvedObject.fieldPath': event((e) => e.involvedObject.fieldPath),
		reason: event((e) => e.reason),
		source: event((e) => e.source?.component),
		type: event((e) => e.type)
	}
};

/**
 * fields.ParseSelector: terms split on commas, each `field!=value`, `field==value` or
 * `field=value` (checked in that order). An empty text selects everything.
 */
export function parseFieldSelector(text: string): FieldRequirement[] | { error: string } {
	const trimmed = text.trim();
	if (trimmed === '') return [];
	const out: FieldRequirement[] = [];
	for (const part of trimmed.split(',')) {
		if (part === '') continue;
		let m: RegExpMatchArray | null;
		if ((m = part.match(/^(.*?)!=(.*)$/))) out.push({ field: m[1]!, equal: false, value: m[2]! });
		else if ((m = part.match(/^(.*?)==(.*)$/)))
			out.push({ field: m[1]!, equal: true, value: m[2]! });
		else if ((m = part.match(/^(.*?)=(.*)$/)))
			out.push({ field: m[1]!, equal: true, value: m[2]! });
		else return { error: `invalid selector: '${trimmed}'; can't understand '${part}'` };
	}
	return out;
}

/** The server's refusal of a field this kind does not index, or undefined when all are known. */
export function unknownField(
	type: ResourceType,
	reqs: readonly FieldRequirement[]
): string | undefined {
	const known = FIELDS[type.plural];
	for (const r of reqs) {
		if (known === undefined) {
			if (!hasOwnKey(meta, r.field))
				return `"${r.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
		} else if (!hasOwnKey(known, r.field)) return `field label not supported: ${r.field}`;
	}
	return undefined;
}

export function fieldsMatch(
	type: ResourceType,
	reqs: readonly FieldRequirement[],
	o: Obj
): boolean {
	const known = FIELDS[type.plural] ?? meta;
	return reqs.every((r) => (known[r.field]!(o) === r.value) === r.equal);
}

/** cli-runtime's wrapping of a BadRequest from a list call with selectors. */
export function selectorError(
	type: ResourceType,
	labelSelector: string,
	fieldSelector: string,
	message: string
): string {
	const gvr = `${type.group}/v1, Resource=${type.plural}`;
	// Go's %q: JSON's quoting for the texts a learner types.
	const q = (s: string) => JSON.stringify(s.trim());
	return `Error from server (BadRequest): Unable to find ${q(gvr)} that match label selector ${q(labelSelector)}, field selector ${q(fieldSelector)}: ${message}\n`;
}
