/**
 * `kubectl replace -f FILE [--force]` (kubectl pkg/cmd/replace/replace.go).
 *
 * Without --force each object of the files is sent as a PUT (resource.Helper Replace): the file
 * becomes the whole object, so what it leaves out is back to its default, and only what the
 * server owns survives (uid, creationTimestamp, generation unless the spec changed, status:
 * rest.BeforeUpdate and each strategy's PrepareForUpdate; a Service keeps its allocated IPs and
 * ports). An object that is not there is NotFound; a file that names a resourceVersion other
 * than the live one is the optimistic-concurrency Conflict. Errors name the file
 * (AddSourceToErr "replacing") and come after the objects that were replaced.
 *
 * With --force (forceReplace) the objects are deleted (NotFound ignored: "Replace will create a
 * resource if it doesn't exist already"), kubectl waits until they are gone (5 minutes unless
 * --timeout), then creates them from the file, admission and all, and prints them `replaced`.
 */
import { webhookAdmission } from './create-admission';
import type { Pod } from 'kubernetes-types/core/v1';
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags, type FlagValues } from '../flags';
import { parseGoInt } from '../go-int';
import { intFlagError } from './int-flag';
import { parseDuration } from '../durations';
import type { KubeObject as StoredObject } from '../../kubernetes/api/api-server';
import { movesGeneration } from '../../kubernetes/api/unchanged';
import { admitServiceObject } from '../../kubernetes/services/index';
import { resourceForKind, type KubeObject } from '../../manifests/index';
import type { JsonValue } from '../../manifests/types';
import {
	collectionFor,
	immutableChange,
	lastApplied,
	readManifestFiles,
	sendEach,
	store,
	type FileRead,
	type Sent
} from './apply';
import { deleteFromFiles } from './delete-files';
import { notSimulated, unknownFlag } from './errors';

const REPLACE_FLAGS = [
	{ long: 'filename', short: 'f', repeatable: true },
	{ long: 'recursive', short: 'R', bool: true },
	{ long: 'namespace', short: 'n' },
	{ long: 'force', bool: true },
	{ long: 'grace-period' },
	{ long: 'timeout' },
	{ long: 'save-config', bool: true },
	{ long: 'dry-run' },
	{ long: 'output', short: 'o' }
];

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** forceReplace: `timeout = 5 * time.Minute` when --timeout is not given. */
const FORCE_WAIT_MS = 5 * 60_000;

export function replace(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, REPLACE_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'replace'));
	if (parsed.flags.has('dry-run') || parsed.flags.has('output'))
		return fail(notSimulated('replace --dry-run/-o'));
	const force = boolFlag(parsed.flags, 'force');
	const grace = flag(parsed.flags, 'grace-period');
	const timeout = flag(parsed.flags, 'timeout');
	// pflag refuses a bad --grace-period while it parses, before Validate.
	const graceValue = grace === undefined ? -1 : parseGoInt(grace, 64);
	if (typeof graceValue === 'string')
		return fail(intFlagError(grace!, '--grace-period', graceValue, 'replace'));
	// Validate, in its order.
	if (graceValue >= 0 && !force) return fail('error: --grace-period must have --force specified\n');
	if (timeout !== undefined && !force)
		return fail('error: --timeout must have --force specified\n');
	const files = parsed.flags.get('filename') ?? [];
	if (files.length === 0)
		return fail(
			"error: Must specify --filename to replace\nSee 'kubectl replace -h' for help and examples\n"
		);
	const namespace = flag(parsed.flags, 'namespace');
	const saveConfig = boolFlag(parsed.flags, 'save-config');
	if (force) return forceReplace(ctx, files, namespace, parsed.flags, saveConfig);
	const reads = readManifestFiles(ctx, files, namespace, boolFlag(parsed.flags, 'recursive'));
	if (typeof reads === 'string') return fail(reads);
	return sendEach(reads, (object, file, raw) =>
		replaceOne(ctx, saveConfig ? withLastApplied(object, raw) : object, file)
	);
}

/** `--save-config`: CreateOrUpdateAnnotation, the object as sent, kept for a later apply. */
function withLastApplied(object: KubeObject, raw: JsonValue): KubeObject {
	const ns = object.metadata?.namespace ?? '';
	return {
		...object,
		metadata: {
			...object.metadata,
			annotations: { ...object.metadata?.annotations, [LAST_APPLIED]: lastApplied(raw, ns) }
		}
	} as KubeObject;
}

/** One PUT: `<kind>[.<group>]/<name> replaced`, or the server's refusal. */
function replaceOne(ctx: CommandContext, object: KubeObject, file: string): Sent {
	const kind = object.kind ?? '';
	const resource = resourceForKind(kind);
	const collection = collectionFor(kind);
	const none = { output: '', changed: false };
	if (resource === undefined || collection === undefined)
		return { ...none, error: `error: kind ${kind} is not simulated in this lab yet\n` };
	const name = object.metadata?.name ?? '';
	const ns = resource.namespaced ? (object.metadata?.namespace ?? 'default') : '';
	const plural = resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
	const source = `error when replacing ${JSON.stringify(file)}`;
	const api = ctx.kubernetes!.apiServer;
	const existing = resource.namespaced
		? api.get<StoredObject>(collection, ns, name)
		: ctx.kernel.store.get<StoredObject>(collection, name);
	if (existing === undefined)
		return {
			...none,
			error: `Error from server (NotFound): ${source}: ${plural} ${JSON.stringify(name)} not found\n`
		};
	// Optimistic concurrency: a resourceVersion in the file must be the live one
	// (apiserver storage GuaranteedUpdate, errors.NewConflict).
	const sentVersion = object.metadata?.resourceVersion;
	if (sentVersion !== undefined && sentVersion !== existing.metadata?.resourceVersion)
		return {
			...none,
			error: `Error from server (Conflict): ${source}: Operation cannot be fulfilled on ${plural} ${JSON.stringify(name)}: the object has been modified; please apply your changes to the latest version and try again\n`
		};
	const immutable = immutableChange(kind, name, existing, object);
	if (immutable !== undefined) return { ...none, error: immutable };
	const live = existing as { spec?: unknown; status?: unknown };
	// ValidatePodUpdate allows only images and a few scheduling fields to change; the lab's
	// kubelets do not restart a container for a new image, so such a replace is not modelled.
	if (kind === 'Pod' && !samePodSpec((existing as Pod).spec, (object as Pod).spec))
		return { ...none, error: notSimulated("replace of a Pod's spec (use --force)") };
	const next = {
		...object,
		metadata: {
			...object.metadata,
			uid: existing.metadata?.uid,
			creationTimestamp: existing.metadata?.creationTimestamp,
			resourceVersion: existing.metadata?.resourceVersion,
			...(existing.metadata?.generation !== undefined
				? { generation: existing.metadata.generation }
				: {})
		},
		...('status' in existing ? { status: live.status } : {})
	} as StoredObject;
	const admitted =
		kind === 'Service'
			? admitServiceObject(ctx.kernel, next, existing, file)
			: { ok: true as const, object: next };
	if (!admitted.ok) return { ...none, error: admitted.error };
	const webhookRefused = webhookAdmission(ctx, admitted.object, 'UPDATE', existing);
	if (webhookRefused !== undefined)
		return { ...none, error: `Error from server (InternalError): ${source}: ${webhookRefused}\n` };
	const specChanged = movesGeneration(admitted.object, existing as StoredObject);
	api.update(collection, admitted.object, specChanged);
	return { output: `${qualifiedKind(kind)}/${name} replaced\n`, error: '', changed: true };
}

function samePodSpec(a: Pod['spec'], b: Pod['spec']): boolean {
	return JSON.stringify(a) === JSON.stringify({ ...b, nodeName: a?.nodeName });
}

function qualifiedKind(kind: string): string {
	const group = resourceForKind(kind)?.group;
	return group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase();
}

/** forceReplace: delete what the files name, wait until it is gone, create it again. */
function forceReplace(
	ctx: CommandContext,
	files: readonly string[],
	namespace: string | undefined,
	flags: FlagValues,
	saveConfig: boolean
): CommandResult {
	const graceText = flag(flags, 'grace-period');
	// IntVar: strconv.ParseInt(s, 0, 64).
	const grace = graceText === undefined ? -1 : parseGoInt(graceText, 64);
	if (typeof grace === 'string')
		return fail(intFlagError(graceText!, '--grace-period', grace, 'replace'));
	let gracePeriod = grace;
	// Complete: "we convert --grace-period=0 into --grace-period=1 and wait".
	if (gracePeriod === 0) gracePeriod = 1;
	const timeoutText = flag(flags, 'timeout');
	const timeout = timeoutText === undefined ? undefined : parseDuration(timeoutText);
	if (timeout !== undefined && !timeout.ok)
		return fail(
			`error: invalid argument ${JSON.stringify(timeoutText)} for "--timeout" flag: ${timeout.error}\nSee 'kubectl replace --help' for usage.\n`
		);
	// The create builder reads (and the server decodes) the files only after the deletion.
	const deleted = deleteFromFiles(ctx, files, namespace, {
		gracePeriod,
		force: true,
		wait: true,
		timeoutMs: timeout?.ok && timeout.ms > 0 ? timeout.ms : FORCE_WAIT_MS,
		ignoreNotFound: true,
		outputName: false,
		warning: ''
	});
	if (!deleted.ok) return deleted;
	const reads = readManifestFiles(ctx, files, namespace);
	if (typeof reads === 'string') return fail(reads, deleted.output);
	const created = createAll(ctx, reads, saveConfig);
	return {
		ok: created.error === '',
		output: deleted.output + created.output,
		...(created.error !== '' ? { error: created.error } : {}),
		mutates: true
	};
}

/**
 * The creates of forceReplace: each object as `create -f` sends it (./apply.ts store), printed
 * `replaced`; its errors are the server's own, without the file (forceReplace returns them as
 * they come). No object at all is kubectl's "no objects passed to replace".
 */
function createAll(
	ctx: CommandContext,
	reads: readonly FileRead[],
	saveConfig: boolean
): { output: string; error: string } {
	let output = '';
	let error = '';
	let count = 0;
	for (const { file, read } of reads) {
		for (const entry of read.entries) {
			if (entry.object === undefined) continue;
			count++;
			const object = saveConfig ? withLastApplied(entry.object, entry.raw) : entry.object;
			const r = store(ctx, object, 'create', file, entry.raw);
			output += r.output.replace(/ created\n$/, ' replaced\n');
			error += r.error.replace(`error when creating ${JSON.stringify(file)}: `, '');
		}
		if (!read.ok) error += read.error;
	}
	if (count === 0 && error === '') error = 'error: no objects passed to replace\n';
	return { output, error };
}
