/**
 * `kubectl get TYPE[,TYPE…] [NAME…]` and `kubectl get all` with `-o wide|json|yaml|name`, `-l`,
 * `--field-selector`, `-L`, `-n`, `-A`, `--show-labels`, `--no-headers` (kubectl
 * pkg/cmd/get/get.go Run; cli-runtime pkg/printers/tableprinter.go decorateTable).
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { warnedFirst } from '../terminal';
import { boolFlag, flag, parseFlags, type FlagSpec, type FlagValues } from '../flags';
import { kubectlJson, kubectlList, kubectlYaml } from '../json';
import { KUBECTL_GET, tabwrite } from '../tabwriter';
import {
	DAEMONSETS,
	DEPLOYMENTS,
	ENDPOINTSLICES,
	EVENTS,
	INGRESSCLASSES,
	INGRESSES,
	JOBS,
	CRONJOBS,
	PDBS,
	PODS,
	PVCS,
	REPLICASETS,
	SERVICES,
	STATEFULSETS
} from '../../kubernetes/api/collections';
import { NODES } from '../../kubernetes/node-object';
import { notFound, notSimulated, unknownFlag } from './errors';
import { CONTROLLER_REVISIONS } from '../../kubernetes/controllers/controller-revisions';
import { CONTROLLER_REVISION_PRINTER } from './controller-revision-printer';
import { CRONJOB_PRINTER } from './cronjob-printer';
import { fieldsMatch, parseFieldSelector, selectorError, unknownField } from './field-selector';
import { NODE_PRINTER } from './node-printer';
import { CONFIGMAP_PRINTER, SECRET_PRINTER } from './config-printers';
import {
	CONFIGMAPS,
	NAMESPACES,
	NAMESPACE_PRINTER,
	SECRETS,
	withVirtualObjects
} from './namespaces';
import { sortByPath } from './sort-by';
import {
	CLUSTERROLEBINDINGS,
	CLUSTERROLES,
	NETWORKPOLICIES,
	NETWORKPOLICY_PRINTER,
	ROLEBINDINGS,
	ROLEBINDING_PRINTER,
	ROLES,
	ROLE_PRINTER,
	SERVICEACCOUNTS,
	SERVICEACCOUNT_PRINTER
} from './builtin-kind-printers';
import { unmodeledListing } from './service-accounts';
import { PRIORITYCLASSES, PRIORITYCLASS_PRINTER } from './priority-class-printer';
import { HPAS, HPA_PRINTER } from './hpa-printer';
import { STORAGECLASSES, STORAGECLASS_PRINTER } from './storage-class-printer';
import { PVS, PV_PRINTER } from './pv-printer';
import { QUOTAS, QUOTA_PRINTER } from './quota-printer';
import { LIMITRANGES, LIMITRANGE_PRINTER } from './limit-range-printer';
import {
	asJson,
	parseTemplateOutput,
	printTemplateOutput,
	type TemplateOutput
} from './template-output';
import { fileSections } from './get-files';
import { qualifiedPlural, qualifiedSingular, resolveType, type ResourceType } from './resources';
import { matches, parseSelector } from './selector';
import {
	ENDPOINTSLICE_PRINTER,
	ENDPOINTS_PRINTER,
	ENDPOINTS_WARNING,
	INGRESSCLASS_PRINTER,
	INGRESS_PRINTER,
	SERVICE_PRINTER
} from './service-printers';
import { ENDPOINTS } from '../../kubernetes/services/endpointslice-controller';
import {
	DAEMONSET_PRINTER,
	DEPLOYMENT_PRINTER,
	EVENT_PRINTER,
	JOB_PRINTER,
	PDB_PRINTER,
	POD_PRINTER,
	PVC_PRINTER,
	REPLICASET_PRINTER,
	STATEFULSET_PRINTER,
	type Printer
} from './workload-printers';
import { contextNamespace } from './kubeconfig-state';
import { customSource, inPreferredVersion } from './custom-resource-printers';
import { customKinds } from '../../manifests/custom-kinds';
import { ownValue } from '../../core/own-keys';
import {
	APISERVICES,
	MUTATING_WEBHOOKS,
	VALIDATING_WEBHOOKS
} from '../../kubernetes/api/collections';
import {
	APISERVICE_PRINTER,
	WEBHOOK_CONFIGURATION_PRINTER
} from './admission-registration-printers';

export const GET_FLAGS: readonly FlagSpec[] = [
	{ long: 'output', short: 'o' },
	{ long: 'namespace', short: 'n' },
	{ long: 'all-namespaces', short: 'A', bool: true },
	{ long: 'selector', short: 'l' },
	{ long: 'show-labels', bool: true },
	// HumanPrintFlags.ShowKind: NAME as TYPE/NAME even for one kind (get/humanreadable_flags.go).
	{ long: 'show-kind', bool: true },
	{ long: 'no-headers', bool: true },
	{ long: 'label-columns', short: 'L', repeatable: true },
	{ long: 'field-selector' },
	{ long: 'sort-by' },
	{ long: 'template' },
	{ long: 'allow-missing-template-keys', bool: true },
	{ long: 'filename', short: 'f', repeatable: true },
	{ long: 'recursive', short: 'R', bool: true },
	{ long: 'ignore-not-found', bool: true },
	// Parsed so that a watch is answered as not simulated rather than as an unknown flag.
	{ long: 'watch', short: 'w', bool: true },
	{ long: 'watch-only', bool: true }
];

/**
 * The `all` category: the types whose discovery entry lists "all" (pods, replicationcontrollers,
 * services, daemonsets, deployments, replicasets, statefulsets, horizontalpodautoscalers,
 * cronjobs, jobs), in discovery order (core, apps, autoscaling, batch), less those the lab does
 * not model (replication controllers).
 */
export const ALL_CATEGORY = [
	'pods',
	'services',
	'daemonsets',
	'deployments',
	'replicasets',
	'statefulsets',
	'horizontalpodautoscalers',
	'cronjobs',
	'jobs'
];

/** `all`, with the CRD-defined kinds whose names list the category (after the built-ins). */
function allCategory(): string[] {
	const custom = customKinds().filter((k) => k.categories.includes('all'));
	return custom.length === 0
		? ALL_CATEGORY
		: [...ALL_CATEGORY, ...custom.map((k) => `${k.plural}.${k.group}`)];
}

interface Obj {
	metadata?: ObjectMeta;
}

/** Where each simulated type's objects live and how kubectl prints them. */
const SOURCES: Record<string, { collection: string; printer: Printer<Obj> }> = {
	nodes: { collection: NODES, printer: NODE_PRINTER as Printer<Obj> },
	pods: { collection: PODS, printer: POD_PRINTER as Printer<Obj> },
	deployments: { collection: DEPLOYMENTS, printer: DEPLOYMENT_PRINTER as Printer<Obj> },
	replicasets: { collection: REPLICASETS, printer: REPLICASET_PRINTER as Printer<Obj> },
	events: { collection: EVENTS, printer: EVENT_PRINTER as Printer<Obj> },
	services: { collection: SERVICES, printer: SERVICE_PRINTER as Printer<Obj> },
	endpoints: { collection: ENDPOINTS, printer: ENDPOINTS_PRINTER as Printer<Obj> },
	endpointslices: { collection: ENDPOINTSLICES, printer: ENDPOINTSLICE_PRINTER as Printer<Obj> },
	ingresses: { collection: INGRESSES, printer: INGRESS_PRINTER as Printer<Obj> },
	ingressclasses: { collection: INGRESSCLASSES, printer: INGRESSCLASS_PRINTER as Printer<Obj> },
	daemonsets: { collection: DAEMONSETS, printer: DAEMONSET_PRINTER as Printer<Obj> },
	statefulsets: { collection: STATEFULSETS, printer: STATEFULSET_PRINTER as Printer<Obj> },
	jobs: { collection: JOBS, printer: JOB_PRINTER as Printer<Obj> },
	cronjobs: { collection: CRONJOBS, printer: CRONJOB_PRINTER as Printer<Obj> },
	poddisruptionbudgets: { collection: PDBS, printer: PDB_PRINTER as Printer<Obj> },
	persistentvolumeclaims: { collection: PVCS, printer: PVC_PRINTER as Printer<Obj> },
	controllerrevisions: {
		collection: CONTROLLER_REVISIONS,
		printer: CONTROLLER_REVISION_PRINTER as Printer<Obj>
	},
	namespaces: { collection: NAMESPACES, printer: NAMESPACE_PRINTER as Printer<Obj> },
	configmaps: { collection: CONFIGMAPS, printer: CONFIGMAP_PRINTER as Printer<Obj> },
	secrets: { collection: SECRETS, printer: SECRET_PRINTER as Printer<Obj> },
	serviceaccounts: { collection: SERVICEACCOUNTS, printer: SERVICEACCOUNT_PRINTER as Printer<Obj> },
	roles: { collection: ROLES, printer: ROLE_PRINTER as Printer<Obj> },
	clusterroles: { collection: CLUSTERROLES, printer: ROLE_PRINTER as Printer<Obj> },
	rolebindings: { collection: ROLEBINDINGS, printer: ROLEBINDING_PRINTER as Printer<Obj> },
	clusterrolebindings: {
		collection: CLUSTERROLEBINDINGS,
		printer: ROLEBINDING_PRINTER as Printer<Obj>
	},
	networkpolicies: { collection: NETWORKPOLICIES, printer: NETWORKPOLICY_PRINTER as Printer<Obj> },
	priorityclasses: { collection: PRIORITYCLASSES, printer: PRIORITYCLASS_PRINTER as Printer<Obj> },
	horizontalpodautoscalers: { collection: HPAS, printer: HPA_PRINTER as Printer<Obj> },
	storageclasses: { collection: STORAGECLASSES, printer: STORAGECLASS_PRINTER as Printer<Obj> },
	persistentvolumes: { collection: PVS, printer: PV_PRINTER as Printer<Obj> },
	resourcequotas: { collection: QUOTAS, printer: QUOTA_PRINTER as Printer<Obj> },
	limitranges: { collection: LIMITRANGES, printer: LIMITRANGE_PRINTER as Printer<Obj> },
	validatingwebhookconfigurations: {
		collection: VALIDATING_WEBHOOKS,
		printer: WEBHOOK_CONFIGURATION_PRINTER as Printer<Obj>
	},
	mutatingwebhookconfigurations: {
		collection: MUTATING_WEBHOOKS,
		printer: WEBHOOK_CONFIGURATION_PRINTER as Printer<Obj>
	},
	apiservices: { collection: APISERVICES, printer: APISERVICE_PRINTER as Printer<Obj> }
};

/** A built-in type's source, else a CRD-defined type's (./custom-resource-printers.ts). */
function sourceFor(plural: string, type = resolveType(plural)) {
	return SOURCES[plural] ?? (type === undefined ? undefined : customSource(type));
}

const OUTPUTS = ['', 'wide', 'json', 'yaml', 'name'];

const PRINTER_ERROR =
	'error: unable to match a printer suitable for the output format "%s", allowed formats are: ' +
	'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,' +
	'jsonpath-file,name,template,templatefile,wide,yaml\n';

const GET_USAGE =
	'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
	'error: Required resource not specified.\n' +
	'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
	"See 'kubectl get -h' for help and examples\n";

export function kubectlGet(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, GET_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'get'));
	// A watch prints until Ctrl-C; a console that runs one line at a time cannot hold one open.
	if (boolFlag(parsed.flags, 'watch') || boolFlag(parsed.flags, 'watch-only'))
		return fail(notSimulated('get --watch'));
	const output = flag(parsed.flags, 'output') ?? '';
	// -o jsonpath=…, custom-columns=… and go-template=… pick fields (./template-output.ts).
	const allowMissing = flag(parsed.flags, 'allow-missing-template-keys');
	const template = parseTemplateOutput(
		output,
		{
			template: flag(parsed.flags, 'template'),
			allowMissingKeys:
				allowMissing === undefined || boolFlag(parsed.flags, 'allow-missing-template-keys')
		},
		(path) => ctx.readFile(path)
	);
	if (template !== undefined && 'error' in template) return fail(template.error);
	if (template === undefined && !OUTPUTS.includes(output))
		return fail(PRINTER_ERROR.replace('%s', output));
	const sortBy = flag(parsed.flags, 'sort-by') ?? '';
	const selector = parseSelector(flag(parsed.flags, 'selector') ?? '');
	if (!selector.ok) return fail(`error: ${selector.error}\n`);
	const fieldText = flag(parsed.flags, 'field-selector') ?? '';
	const fields = parseFieldSelector(fieldText);
	const fromFiles = fileSections(
		ctx,
		'get',
		parsed.flags,
		parsed.args,
		selector.selector,
		(plural) => sourceFor(plural)?.collection
	);
	if (typeof fromFiles === 'string') return fail(fromFiles);
	// --ignore-not-found: the builder drops NotFound errors (get.go r.IgnoreErrors(IsNotFound)).
	const ignoreNotFound = boolFlag(parsed.flags, 'ignore-not-found');
	if (fromFiles !== undefined)
		// builder.go visitByPaths: one file (not a directory) implies a single item.
		return printSections(
			ctx,
			parsed.flags,
			template,
			fromFiles.sections,
			ignoreNotFound ? '' : fromFiles.errors,
			(parsed.flags.get('filename') ?? []).length === 1
		);
	const requests = parseRequests(parsed.args);
	if (typeof requests === 'string') return fail(requests);
	// cli-runtime builder.go visitBySelector: a selector lists, it does not look names up.
	const selecting = (flag(parsed.flags, 'selector') ?? '').trim() !== '' || fieldText.trim() !== '';
	if (selecting && requests.some((r) => r.names.length > 0))
		return fail(
			parsed.args[0]!.includes('/')
				? 'error: selectors and the all flag cannot be used when passing resource/name arguments\n'
				: 'error: name cannot be provided when a selector is specified\n'
		);
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	const all = boolFlag(parsed.flags, 'all-namespaces');
	const sections: Section[] = [];
	let errors = '';
	for (const { typeWord, names } of requests) {
		const type = resolveType(typeWord);
		if (type === undefined)
			return fail(`error: the server doesn't have a resource type "${typeWord}"\n`);
		const source = sourceFor(type.plural, type);
		if (source === undefined && !type.alwaysEmpty) return fail(notSimulated(`get ${type.plural}`));
		// kubeadm's own RBAC objects and controller ServiceAccounts are not modelled (service-accounts.ts).
		const unmodeled = unmodeledListing(type.plural, namespace, all, names);
		if (unmodeled !== undefined) return fail(notSimulated(unmodeled));
		// The API server refuses a field selector it cannot serve; the other types still print.
		const refused = 'error' in fields ? fields.error : unknownField(type, fields);
		if (refused !== undefined) {
			errors += selectorError(type, flag(parsed.flags, 'selector') ?? '', fieldText, refused);
			continue;
		}
		const reqs = 'error' in fields ? [] : fields;
		const stored =
			source === undefined
				? []
				: inPreferredVersion(type, ctx.kernel.store.list<Obj>(source.collection));
		const inScope = withVirtualObjects(ctx, type.plural, stored)
			.filter((o) => !type.namespaced || all || (o.metadata?.namespace ?? 'default') === namespace)
			.filter((o) => matches(selector.selector, o.metadata?.labels ?? {}))
			.filter((o) => fieldsMatch(type, reqs, o));
		const found: Obj[] = [];
		if (names.length === 0) found.push(...inScope);
		for (const name of names) {
			const o = inScope.find((x) => x.metadata?.name === name);
			if (o !== undefined) found.push(o);
			else if (!ignoreNotFound) errors += notFound(qualifiedPlural(type), name);
		}
		// --sort-by orders each table on its own (get.go, TableSorter per table).
		const sorted = sortBy === '' ? found : sortByPath(found, sortBy, asJson);
		if ('error' in sorted) return fail(`error: ${sorted.error}\n`);
		sections.push({ type, objects: sorted, listed: names.length === 0 });
	}
	const single = requests.length === 1 && requests[0]!.names.length === 1;
	return printSections(ctx, parsed.flags, template, sections, errors, single);
}

/** What `get` prints for the objects found (tables, -o, or a template) and the errors met. */
function printSections(
	ctx: CommandContext,
	flags: FlagValues,
	template: TemplateOutput | undefined,
	sections: readonly Section[],
	errors: string,
	single: boolean
): CommandResult {
	const output = flag(flags, 'output') ?? '';
	const namespace = flag(flags, 'namespace') ?? contextNamespace(ctx);
	const all = boolFlag(flags, 'all-namespaces');
	// The API server's deprecation warning for Endpoints arrives with the response: on stderr,
	// before anything kubectl prints from it.
	const warning = sections.some((s) => s.type.plural === 'endpoints') ? ENDPOINTS_WARNING : '';
	// One name asked for and not found: the error alone, never an empty List (get.go
	// printGeneric returns the builder's error at once when a single item is implied).
	const none = sections.every((s) => s.objects.length === 0);
	if (single && errors !== '' && none)
		return warnedFirst({ ok: false, output: '', error: errors }, warning);
	// With --ignore-not-found nothing found prints nothing at all: no empty List from
	// printGeneric, no "No resources found" (get.go).
	const ignoreNotFound = boolFlag(flags, 'ignore-not-found');
	if (ignoreNotFound && none && errors === '') return warnedFirst(ok(''), warning);
	if (template !== undefined) {
		// printGeneric: one object, or every object in one List; no "No resources found".
		const objects = sections.flatMap((s) => s.objects);
		const object = asJson(single && objects.length === 1 ? objects[0] : kubectlList(objects));
		const printed = printTemplateOutput(template, object, boolFlag(flags, 'no-headers'));
		if ('error' in printed)
			return warnedFirst(
				{ ok: false, output: printed.output ?? '', error: printed.error },
				warning
			);
		if (errors !== '')
			return warnedFirst({ ok: false, output: printed.output, error: errors }, warning);
		return warnedFirst(ok(printed.output), warning);
	}
	// -L takes a comma-separated list and may be repeated (a pflag StringSlice).
	const labelColumns = (flags.get('label-columns') ?? []).flatMap((v) =>
		v.split(',').filter((k) => k !== '')
	);
	const text = render(ctx, sections, output, single, {
		showLabels: boolFlag(flags, 'show-labels'),
		labelColumns,
		noHeaders: boolFlag(flags, 'no-headers'),
		namespaceColumn: all,
		showKind: multipleKinds(sections) || boolFlag(flags, 'show-kind')
	});
	if (errors !== '') return warnedFirst({ ok: false, output: text, error: errors }, warning);
	if (none && output !== 'json' && output !== 'yaml') {
		const namespaced = sections.some((s) => s.type.namespaced);
		const empty =
			all || !namespaced ? 'No resources found' : `No resources found in ${namespace} namespace.`;
		return warnedFirst({ ok: true, output: '', error: empty + '\n' }, warning);
	}
	return warnedFirst(ok(text), warning);
}

interface Section {
	type: ResourceType;
	objects: readonly Obj[];
	/** A list request (no names): the server answers with one table, even an empty one. */
	listed: boolean;
}

interface TableOptions {
	showLabels: boolean;
	labelColumns: readonly string[];
	noHeaders: boolean;
	namespaceColumn: boolean;
	showKind: boolean;
}

/**
 * get.go multipleGVKsRequested: names carry their kind when the answers (one per listed type,
 * one per object found by name) are of more than one kind, so `get deploy,svc` shows
 * `deployment.apps/web` even when it finds no Service.
 */
function multipleKinds(sections: readonly Section[]): boolean {
	const kinds = new Set(
		sections.filter((s) => s.listed || s.objects.length > 0).map((s) => s.type.plural)
	);
	return kinds.size > 1;
}

/** `TYPE [NAME…]`, `TYPE1,TYPE2`, or `TYPE/NAME…` (resource.Builder's argument forms). */
function parseRequests(args: readonly string[]): { typeWord: string; names: string[] }[] | string {
	const [first, ...rest] = args;
	if (first === undefined) return GET_USAGE;
	if (first.includes('/')) {
		const out: { typeWord: string; names: string[] }[] = [];
		for (const arg of args) {
			const slash = arg.indexOf('/');
			if (slash <= 0 || slash === arg.length - 1) {
				return `error: arguments in resource/name form must have a single resource and name\n`;
			}
			const typeWord = arg.slice(0, slash);
			const last = out[out.length - 1];
			if (last?.typeWord === typeWord) last.names.push(arg.slice(slash + 1));
			else out.push({ typeWord, names: [arg.slice(slash + 1)] });
		}
		return out;
	}
	const words = first.split(',').filter((t) => t !== '');
	if (words.length === 0) return GET_USAGE;
	// `all` expands to its category in place; a type named twice is listed once.
	const types = [
		...new Set(words.flatMap((t) => (t.toLowerCase() === 'all' ? allCategory() : [t])))
	];
	return types.map((typeWord) => ({ typeWord, names: [...rest] }));
}

function render(
	ctx: CommandContext,
	sections: readonly Section[],
	output: string,
	single: boolean,
	opts: TableOptions
): string {
	const objects = sections.flatMap((s) => s.objects);
	if (output === 'json')
		return kubectlJson(single && objects.length === 1 ? objects[0] : kubectlList(objects));
	if (output === 'yaml')
		return kubectlYaml(single && objects.length === 1 ? objects[0] : kubectlList(objects));
	if (output === 'name') {
		return sections
			.flatMap((s) => s.objects.map((o) => `${qualifiedSingular(s.type)}/${o.metadata?.name}\n`))
			.join('');
	}
	// Each type is its own table, with its own widths; a blank line separates them, but only
	// when headers are printed (get.go separatorWriter).
	return sections
		.filter((s) => s.objects.length > 0)
		.map((s) => table(ctx, s, output === 'wide', opts))
		.join(opts.noHeaders ? '' : '\n');
}

function table(ctx: CommandContext, section: Section, wide: boolean, opts: TableOptions): string {
	const printer = sourceFor(section.type.plural, section.type)!.printer;
	const namespaceColumn = opts.namespaceColumn && section.type.namespaced;
	const header =
		wide && printer.wideColumns
			? [...printer.wideColumns]
			: [...printer.columns, ...(wide ? printer.wide : [])];
	if (namespaceColumn) header.unshift('NAMESPACE');
	// formatLabelHeaders: the last path segment of each -L key, upper-cased.
	header.push(...opts.labelColumns.map((k) => k.split('/').pop()!.toUpperCase()));
	if (opts.showLabels) header.push('LABELS');
	const rows = section.objects.map((o) => {
		const row = printer.row(o, ctx.kernel.now, wide);
		if (opts.showKind) row[0] = `${qualifiedSingular(section.type)}/${row[0]}`;
		if (namespaceColumn) row.unshift(o.metadata?.namespace ?? 'default');
		// An -L column is empty for an object without that label.
		row.push(...opts.labelColumns.map((k) => ownValue(o.metadata?.labels, k) ?? ''));
		if (opts.showLabels) row.push(labelsCell(o.metadata?.labels));
		return row;
	});
	const lines = opts.noHeaders ? rows : [header, ...rows];
	return tabwrite(lines.map((cells) => cells.join('\t') + '\n').join(''), KUBECTL_GET);
}

function labelsCell(labels: Record<string, string> | undefined): string {
	const keys = Object.keys(labels ?? {}).sort();
	return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}
