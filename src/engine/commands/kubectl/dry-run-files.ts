/**
 * `kubectl apply -f` and `kubectl create -f` with `--dry-run` or `-o` (apply.go, create.go with
 * ./dry-run.ts's flag and printer). A real run goes through ./apply.ts and then prints what was
 * stored; a dry run reads the same documents but stores nothing.
 *
 * A client dry run sends nothing: it prints each object as read from the file, with the
 * namespace the builder gives it (and for apply the last-applied-configuration annotation
 * apply.go adds before a create). apply still reads the live object, so an existing object is
 * `configured` (or `unchanged` when the file is what was last applied). A server dry run is
 * answered as a create would be: namespace, AlreadyExists (create) and Service admission, but
 * nothing is stored.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { kubectlJson, kubectlYaml } from '../json';
import { TerminalWriter } from '../terminal';
import type { KubeObject as StoredObject } from '../../kubernetes/api/api-server';
import { admitServiceObject } from '../../kubernetes/services/index';
import {
	describeError,
	resourceForKind,
	validateObject,
	type KubeObject
} from '../../manifests/index';
import type { JsonObject, JsonValue } from '../../manifests/types';
import {
	applyMerge,
	applyOrCreate,
	collectionFor,
	immutableChange,
	lastApplied,
	namespaceExists,
	readManifestFiles,
	terminatingRefusal
} from './apply';
import { createAdmission } from './create-admission';
import { resolveType } from './resources';
import { priorityClassCreateRefusal } from './priority-class-admission';
import {
	PRINT_FLAGS,
	printed,
	printingFor,
	serverDryRunObject,
	withBareDryRun,
	withoutRandomness,
	type Printing
} from './dry-run';
import { contextNamespace } from './kubeconfig-state';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const FILE_FLAGS = [
	{ long: 'filename', short: 'f', repeatable: true },
	{ long: 'recursive', short: 'R', bool: true },
	{ long: 'namespace', short: 'n' },
	...PRINT_FLAGS
];

/** What one object of the files came to: its printed line or object, or an error. */
export interface Outcome {
	what: string;
	operation: string;
	object: unknown;
	error?: string;
}

/**
 * Runs `apply`/`create -f` when `--dry-run` or `-o` is given; undefined otherwise, for
 * ./apply.ts to run the line as it is.
 */
export function applyOrCreatePrinting(
	ctx: CommandContext,
	words: readonly string[],
	verb: 'apply' | 'create'
): CommandResult | undefined {
	const parsed = parseFlags(withBareDryRun(words), FILE_FLAGS);
	if (!parsed.ok) return undefined;
	if (flag(parsed.flags, 'dry-run') === undefined && flag(parsed.flags, 'output') === undefined)
		return undefined;
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return fail(printing.error);
	const files = parsed.flags.get('filename') ?? [];
	if (files.length === 0) return fail('error: must specify one of -f and -k\n');
	const namespace = flag(parsed.flags, 'namespace');
	const reads = readManifestFiles(ctx, files, namespace, boolFlag(parsed.flags, 'recursive'));
	if (typeof reads === 'string') return fail(reads);
	if (printing.strategy === 'none') {
		// Where each object went, to find it once stored.
		const namespaces = new Map(
			reads.flatMap(({ read }) =>
				read.entries.flatMap((e) =>
					e.object === undefined ? [] : [[whatOf(e.object), e.object.metadata?.namespace ?? '']]
				)
			)
		);
		return storedThenPrinted(ctx, verb, files, namespace, printing, namespaces);
	}
	const term = new TerminalWriter();
	let errors = '';
	const outcomes: Outcome[] = [];
	for (const { file, read } of reads) {
		for (const entry of read.entries) {
			if (entry.object === undefined) continue;
			const outcome = dryRunOne(ctx, verb, printing, entry.object as StoredObject, entry.raw, file);
			if (outcome.error !== undefined) errors += outcome.error;
			else outcomes.push(outcome);
		}
		if (!read.ok) errors += read.error;
	}
	term.out(printAll(printing, outcomes));
	term.err(printing.warning + errors);
	return { ...term.result(errors === ''), mutates: false };
}

/** `<kind>[.<group>]/<name>`, as kubectl's printers name an object. */
function whatOf(object: StoredObject): string {
	const kind = object.kind ?? '';
	const group = resourceForKind(kind)?.group;
	return `${group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase()}/${object.metadata?.name ?? ''}`;
}

/** One object under a dry run: what kubectl prints for it, or the server's refusal (also diff's merged object of a new one). */
export function dryRunOne(
	ctx: CommandContext,
	verb: 'apply' | 'create',
	printing: Printing,
	object: StoredObject,
	raw: JsonValue,
	file: string
): Outcome {
	const kind = object.kind ?? '';
	const resource = resourceForKind(kind);
	const collection = collectionFor(kind);
	const name = object.metadata?.name ?? '';
	const what = whatOf(object);
	const none = { what, operation: '', object: undefined };
	if (resource === undefined || collection === undefined)
		return { ...none, error: `error: kind ${kind} is not simulated in this lab yet\n` };
	const ns = resource.namespaced ? (object.metadata?.namespace ?? 'default') : '';
	const existing = resource.namespaced
		? ctx.kubernetes!.apiServer.get<StoredObject>(collection, ns, name)
		: ctx.kernel.store.get<StoredObject>(collection, name);
	const applied = lastApplied(raw, ns);
	// apply reads the live object even in a client dry run; create sends (or not) blindly.
	if (verb === 'apply' && existing !== undefined) {
		const same = existing.metadata?.annotations?.[LAST_APPLIED] === applied;
		if (same || printing.strategy === 'client')
			return { what, operation: same ? 'unchanged' : 'configured', object: existing };
		const answer = serverApplyAnswer(ctx, kind, existing, object as KubeObject, raw, ns, file);
		if (typeof answer === 'string') return { ...none, error: answer };
		return { what, operation: 'configured', object: answer };
	}
	const sent = asSent(raw, ns, verb === 'apply' ? applied : undefined);
	if (printing.strategy === 'client') return { what, operation: 'created', object: sent };
	const creating = `error when creating ${JSON.stringify(file)}`;
	if (resource.namespaced && !namespaceExists(ctx, ns))
		return {
			...none,
			error: `Error from server (NotFound): ${creating}: namespaces "${ns}" not found\n`
		};
	const plural = resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
	if (existing !== undefined) {
		return {
			...none,
			error: `Error from server (AlreadyExists): ${creating}: ${plural} "${name}" already exists\n`
		};
	}
	// The same admission as a real create: NamespaceLifecycle, then the plugins
	// ./create-admission.ts runs; a dry run skips only the write.
	const terminating = resource.namespaced ? terminatingRefusal(ctx, ns, plural, name) : undefined;
	const refused = terminating ?? createAdmission(ctx, object);
	if (refused !== undefined)
		return { ...none, error: `Error from server (Forbidden): ${creating}: ${refused}\n` };
	const classRefused = priorityClassCreateRefusal(ctx, object as KubeObject, verb, file);
	if (classRefused !== undefined) return { ...none, error: classRefused };
	const annotated =
		verb === 'apply'
			? {
					...object,
					metadata: {
						...object.metadata,
						annotations: { ...object.metadata?.annotations, [LAST_APPLIED]: applied }
					}
				}
			: object;
	const admitted =
		kind === 'Service'
			? withoutRandomness(ctx, () => admitServiceObject(ctx.kernel, annotated, undefined, file))
			: { ok: true as const, object: annotated };
	if (!admitted.ok) return { ...none, error: admitted.error };
	const answer = serverDryRunObject(ctx, admitted.object, resource.namespaced ? ns : undefined);
	const status = 'status' in answer ? undefined : NEW_STATUS[kind];
	return {
		what,
		operation: 'created',
		object: status === undefined ? answer : { ...answer, status }
	};
}

/**
 * The status a new object is created with where the lab's store leaves it to a controller:
 * each strategy's PrepareForCreate resets it to the zero struct, which prints its fields
 * without omitempty (ReplicaSetStatus.Replicas is `json:"replicas"`).
 */
const NEW_STATUS: Readonly<Record<string, object>> = {
	Deployment: {},
	ReplicaSet: { replicas: 0 },
	Job: {},
	CronJob: {}
};

/**
 * The document as kubectl sends it: as written, with the namespace the builder sets on a
 * namespaced object, and for apply the last-applied annotation (apply.go
 * CreateApplyAnnotation before the create).
 */
function asSent(raw: JsonValue, ns: string, applied: string | undefined): JsonObject {
	const doc = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as {
		metadata?: JsonObject;
	};
	const metadata: JsonObject = { ...doc.metadata };
	if (ns !== '') metadata.namespace = ns;
	if (applied !== undefined)
		metadata.annotations = {
			...(metadata.annotations as JsonObject | undefined),
			[LAST_APPLIED]: applied
		};
	return { ...doc, metadata } as JsonObject;
}

/**
 * A real run with `-o`: ./apply.ts stores the objects and reports them; instead of its lines,
 * each stored object is printed as -o asks.
 */
function storedThenPrinted(
	ctx: CommandContext,
	verb: 'apply' | 'create',
	files: readonly string[],
	namespace: string | undefined,
	printing: Printing,
	namespaces: ReadonlyMap<string, string>
): CommandResult {
	const plain = [
		...files.flatMap((f) => ['-f', f]),
		...(namespace !== undefined ? ['-n', namespace] : [])
	];
	const result = applyOrCreate(ctx, plain, verb);
	// Each line ./apply.ts printed names one object it stored: `<what> <operation>`.
	const outcomes = result.output
		.split('\n')
		.filter((line) => line !== '')
		.map((line): Outcome => {
			const [what = '', operation = ''] = line.split(' ');
			const ns = namespaces.get(what) ?? namespace ?? contextNamespace(ctx);
			return { what, operation, object: storedObject(ctx, what, ns) };
		});
	const output = printAll(printing, outcomes);
	return {
		ok: result.ok,
		output,
		...(result.error !== undefined ? { error: result.error } : {}),
		...(result.mutates !== undefined ? { mutates: result.mutates } : {})
	};
}

/** The stored object a `<kind>[.<group>]/<name>` line names. */
function storedObject(ctx: CommandContext, what: string, namespace: string): unknown {
	const [qualifiedKind = '', name = ''] = what.split('/');
	const type = resolveType(qualifiedKind);
	const collection = type === undefined ? undefined : collectionFor(type.kind);
	if (type === undefined || collection === undefined) return undefined;
	return type.namespaced
		? ctx.kubernetes!.apiServer.get(collection, namespace, name)
		: ctx.kernel.store.get(collection, name);
}

/** The printer over every object: one yaml document each (`---` between), or json objects. */
function printAll(printing: Printing, outcomes: readonly Outcome[]): string {
	if (printing.format === 'yaml') return outcomes.map((o) => kubectlYaml(o.object)).join('---\n');
	if (printing.format === 'json') return outcomes.map((o) => kubectlJson(o.object)).join('');
	return outcomes
		.map((o) => printed({ ...printing, warning: '' }, o.object, o.what, o.operation).output)
		.join('');
}

/**
 * The API server's answer to a dry run of apply's patch on a live object (apply --dry-run=server,
 * diff's MERGED): the merge, defaulted, validated and admitted, with the live status; generation
 * moves on when the spec changes, and the resourceVersion stays, as nothing is written. Or the
 * server's refusal.
 */
export function serverApplyAnswer(
	ctx: CommandContext,
	kind: string,
	existing: StoredObject,
	object: KubeObject,
	raw: JsonValue,
	ns: string,
	file: string
): StoredObject | string {
	const name = existing.metadata?.name ?? '';
	const resource = resourceForKind(kind)!;
	const immutable = immutableChange(kind, name, existing, object);
	if (immutable !== undefined) return immutable;
	const { merged } = applyMerge(kind, existing, raw, ns, resource.namespaced);
	const causes = validateObject(merged as KubeObject, resource.namespaced);
	if (causes.length > 0)
		return describeError(
			{ stage: 'invalid', kind, group: resource.group ?? '', name, causes },
			file,
			'patching'
		).standalone;
	const live = existing as { spec?: unknown; status?: unknown };
	const withStatus = { ...merged, ...('status' in existing ? { status: live.status } : {}) };
	const admitted =
		kind === 'Service'
			? withoutRandomness(ctx, () => admitServiceObject(ctx.kernel, withStatus, existing, file))
			: { ok: true as const, object: withStatus };
	if (!admitted.ok) return admitted.error;
	const answer = admitted.object;
	// A spec change moves generation on (each strategy's PrepareForUpdate); a dry run writes
	// nothing, so the resourceVersion is the live one.
	const specChanged = JSON.stringify(live.spec) !== JSON.stringify((answer as typeof live).spec);
	const generation = existing.metadata?.generation;
	if (specChanged && generation !== undefined)
		return { ...answer, metadata: { ...answer.metadata, generation: generation + 1 } };
	return answer;
}
