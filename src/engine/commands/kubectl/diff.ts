/**
 * `kubectl diff -f FILE` (kubectl pkg/cmd/diff/diff.go). kubectl writes each object twice, into
 * two temporary directories (os.MkdirTemp "LIVE-" and "MERGED-", a random uint32 each): the
 * live object, and the merged one, which is the API server's answer to a dry run of the apply
 * (the patch apply would send, or a create for an object not there yet; so defaults, admission
 * and validation all apply and nothing is stored). Files are named
 * `[group.]version.Kind.namespace.name` and printed as YAML with managedFields left out; a
 * Secret's data values are masked (Masker). Then it runs `diff -u -N LIVE MERGED`, whose output
 * and exit status (1 when something differs) are the command's: what the server generates
 * differs too (a new object's creationTimestamp, generation after a spec change; a dry run
 * writes nothing, so resourceVersion stays).
 *
 * The directories' numbers come from the lab's seed, the clock and the store's revision, without
 * drawing from the lab's streams: a diff changes nothing in the lab.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { kubectlYaml } from '../json';
import { fnv1a32, RandomStream } from '../../core/rng';
import { LAB_EPOCH_MS } from '../../core/time';
import type { KubeObject as StoredObject } from '../../kubernetes/api/api-server';
import { resourceForKind, type KubeObject } from '../../manifests/index';
import type { JsonValue } from '../../manifests/types';
import { collectionFor, readManifestFiles } from './apply';
import { dryRunOne, serverApplyAnswer } from './dry-run-files';
import { notSimulated, unknownFlag } from './errors';
import { matches, parseSelector } from './selector';
import { unifiedHunks } from './unified-diff';
import { hasOwnKey, putOwn } from '../../core/own-keys';

const DIFF_FLAGS = [
	{ long: 'filename', short: 'f', repeatable: true },
	{ long: 'recursive', short: 'R', bool: true },
	{ long: 'namespace', short: 'n' },
	{ long: 'selector', short: 'l' },
	{ long: 'server-side', bool: true },
	{ long: 'prune', bool: true }
];

/** Both versions of one object, as the two files hold them ('' for none). */
interface Versions {
	name: string;
	live: string;
	merged: string;
}

export function diff(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, DIFF_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'diff'));
	if (boolFlag(parsed.flags, 'server-side')) return fail(notSimulated('diff --server-side'));
	if (boolFlag(parsed.flags, 'prune')) return fail(notSimulated('diff --prune'));
	const files = parsed.flags.get('filename') ?? [];
	if (files.length === 0) return fail('error: must specify one of -f and -k\n');
	const selector = parseSelector(flag(parsed.flags, 'selector') ?? '');
	if (!selector.ok) return fail(`error: ${selector.error}\n`);
	const reads = readManifestFiles(
		ctx,
		files,
		flag(parsed.flags, 'namespace'),
		boolFlag(parsed.flags, 'recursive')
	);
	if (typeof reads === 'string') return fail(reads);
	// The builder has no ContinueOnError: the first error ends the command before diff runs.
	const versions = new Map<string, Versions>();
	for (const { file, read } of reads) {
		if (!read.ok) return fail(read.error);
		for (const entry of read.entries) {
			const object = entry.object!;
			if (!matches(selector.selector, object.metadata?.labels ?? {})) continue;
			const v = versionsOf(ctx, object, entry.raw, file);
			if (typeof v === 'string') return fail(v);
			versions.set(v.name, v);
		}
	}
	return runDiff(ctx, [...versions.values()]);
}

/** InfoObject.Name: `[group.]version.Kind.namespace.name`. */
function fileName(object: KubeObject): string {
	const [group, version] = (object.apiVersion ?? '').includes('/')
		? (object.apiVersion ?? '').split('/')
		: ['', object.apiVersion ?? ''];
	const meta = object.metadata;
	return `${group ? `${group}.` : ''}${version}.${object.kind}.${meta?.namespace ?? ''}.${meta?.name ?? ''}`;
}

/** The live and merged versions of one object, or the server's refusal of the dry run. */
function versionsOf(
	ctx: CommandContext,
	object: KubeObject,
	raw: JsonValue,
	file: string
): Versions | string {
	const kind = object.kind ?? '';
	const resource = resourceForKind(kind);
	const collection = collectionFor(kind);
	if (resource === undefined || collection === undefined)
		return `error: kind ${kind} is not simulated in this lab yet\n`;
	const name = object.metadata?.name ?? '';
	const ns = resource.namespaced ? (object.metadata?.namespace ?? 'default') : '';
	const existing = resource.namespaced
		? ctx.kubernetes!.apiServer.get<StoredObject>(collection, ns, name)
		: ctx.kernel.store.get<StoredObject>(collection, name);
	const named = fileName({ ...object, metadata: { ...object.metadata, namespace: ns } });
	if (existing === undefined) {
		// Merged(): a dry-run create of the object as read, without apply's annotation; its error
		// comes back as the server sent it (no AddSourceToErr).
		const printing = { strategy: 'server' as const, warning: '', format: '' as const };
		const created = dryRunOne(ctx, 'create', printing, object as StoredObject, raw, file);
		if (created.error !== undefined)
			return created.error.replace(`error when creating ${JSON.stringify(file)}: `, '');
		const to = kind === 'Secret' ? masked(undefined, created.object)[1] : created.object;
		return { name: named, live: '', merged: printable(to) };
	}
	const merged = serverApplyAnswer(ctx, kind, existing, object, raw, ns, file);
	if (typeof merged === 'string') return merged;
	const [from, to] = kind === 'Secret' ? masked(existing, merged) : [existing, merged];
	return { name: named, live: printable(from), merged: printable(to) };
}

const MASK = '***';

/** The YAML kubectl writes for one version: no managedFields (diff.go omitManagedFields). */
function printable(object: unknown): string {
	if (object === undefined) return '';
	const o = object as { metadata?: Record<string, unknown> };
	const metadata = { ...o.metadata };
	delete metadata.managedFields;
	return kubectlYaml({ ...o, metadata });
}

function dataOf(object: unknown): Record<string, unknown> | undefined {
	const data = (object as { data?: unknown } | undefined)?.data;
	return data !== null && typeof data === 'object' && !Array.isArray(data)
		? (data as Record<string, unknown>)
		: undefined;
}

/**
 * Masker.run for a Secret: every data value becomes `***`, and a key whose value changed
 * `*** (before)` on the live side and `*** (after)` on the merged one, so the diff shows it.
 */
function masked(from: unknown, to: unknown): [unknown, unknown] {
	const a = dataOf(from);
	const b = dataOf(to);
	const maskedA: Record<string, string> = {};
	const maskedB: Record<string, string> = {};
	for (const k of Object.keys(a ?? {})) {
		putOwn(maskedA, k, MASK);
		if (b !== undefined && hasOwnKey(b, k)) {
			const changed = a![k] !== b[k];
			putOwn(maskedA, k, changed ? `${MASK} (before)` : MASK);
			putOwn(maskedB, k, changed ? `${MASK} (after)` : MASK);
		}
	}
	for (const k of Object.keys(b ?? {})) if (!hasOwnKey(maskedB, k)) putOwn(maskedB, k, MASK);
	const withData = (o: unknown, data: Record<string, string>, had: boolean) =>
		o === undefined || !had ? o : { ...(o as object), data };
	return [withData(from, maskedA, a !== undefined), withData(to, maskedB, b !== undefined)];
}

/** `diff -u -N LIVE MERGED` over the two directories: files in name order, changed ones only. */
function runDiff(ctx: CommandContext, versions: readonly Versions[]): CommandResult {
	const stream = new RandomStream(
		fnv1a32(
			`kubectl diff ${ctx.kernel.now} ${ctx.kernel.store.currentRevision}`,
			fnv1a32(String(ctx.seed))
		)
	);
	const dir = (prefix: string) => `/tmp/${prefix}-${Math.floor(stream.next() * 4294967296)}`;
	const liveDir = dir('LIVE');
	const mergedDir = dir('MERGED');
	const stamp = fileTime(ctx.kernel.now);
	let output = '';
	const sorted = [...versions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	for (const v of sorted) {
		const hunks = unifiedHunks(v.live, v.merged);
		if (hunks === '') continue;
		const from = `${liveDir}/${v.name}`;
		const to = `${mergedDir}/${v.name}`;
		output += `diff -u -N ${from} ${to}\n--- ${from}\t${stamp}\n+++ ${to}\t${stamp}\n${hunks}`;
	}
	return output === '' ? { ok: true, output: '' } : { ok: false, output };
}

/** A file's modification time as GNU diff prints it: `2026-01-05 09:00:20.000000000 +0000`. */
function fileTime(now: number): string {
	const iso = new Date(LAB_EPOCH_MS + now).toISOString();
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000000 +0000`;
}
