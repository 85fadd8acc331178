/**
 * `kubectl events [--for TYPE/NAME] [--types=Normal,Warning] [-A] [-n NS] [--no-headers]`
 * (kubectl pkg/cmd/events/events.go ToOptions, Validate, Run; event_printer.go). Unlike
 * `kubectl get events` it sorts the events by time (SortableEvents: series last-observed
 * time, else lastTimestamp, else eventTime), names the object as `Kind/name`, and folds a
 * repeated event into its LAST SEEN cell (`5s (x3 over 2m)`). `--watch` and `-o` are not
 * simulated.
 */
import type { Event } from 'kubernetes-types/core/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { EVENTS } from '../../kubernetes/api/collections';
import { KUBECTL_GET, tabwrite } from '../tabwriter';
import { notSimulated, unknownFlag } from './errors';
import { contextNamespace } from './kubeconfig-state';
import { ageOf } from './node-printer';
import { resolveType } from './resources';
import { sliceValues } from './config-sources';

/** eventTime: the time SortableEvents orders by. */
function eventTime(e: Event): number {
	const stamp = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime;
	return stamp === undefined ? 0 : Date.parse(stamp);
}

/** getInterval: eventTime (or firstTimestamp), with the series or count folded in. */
function interval(e: Event, now: number): string {
	const first = ageOf(e.eventTime ?? e.firstTimestamp, now);
	if (e.series !== undefined)
		return `${ageOf(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
	if ((e.count ?? 0) > 1) return `${ageOf(e.lastTimestamp, now)} (x${e.count} over ${first})`;
	return first;
}

/** escapeCell: a cell ends at its first line break, marked `...`. */
function escapeCell(text: string): string {
	const at = text.search(/[\f\n\r]/);
	return at >= 0 ? `${text.slice(0, at)}...` : text;
}

/** decodeResourceTypeName: `TYPE/NAME` to the involved object's kind and name. */
function forObject(text: string): { kind: string; name: string } | string {
	if (!text.includes('/')) return 'error: --for must be in resource/name form\n';
	const parts = text.split('/');
	if (parts.length !== 2)
		return 'error: arguments in resource/name form may not have more than one slash\n';
	const [resource, name] = parts as [string, string];
	const type = resolveType(resource);
	if (type === undefined) return `error: the server doesn't have a resource type "${resource}"\n`;
	return { kind: type.kind, name };
}

export function events(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'namespace', short: 'n' },
		{ long: 'all-namespaces', short: 'A', bool: true },
		{ long: 'for' },
		{ long: 'types', repeatable: true },
		{ long: 'no-headers', bool: true },
		{ long: 'watch', short: 'w', bool: true },
		{ long: 'output', short: 'o' },
		{ long: 'chunk-size' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'events'));
	if (boolFlag(parsed.flags, 'watch')) return fail(notSimulated('events --watch'));
	if (flag(parsed.flags, 'output') !== undefined) return fail(notSimulated('events -o'));
	const all = boolFlag(parsed.flags, 'all-namespaces');
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	const forText = flag(parsed.flags, 'for') ?? '';
	const target = forText === '' ? undefined : forObject(forText);
	if (typeof target === 'string') return fail(target);
	// Validate: each --types value, case-insensitively; ToOptions sorted and deduplicated them.
	const types = sliceValues(parsed.flags.get('types'));
	if (types.some((t) => !['normal', 'warning'].includes(t.toLowerCase())))
		return fail('error: valid --types are Normal or Warning\n');
	const wanted = (e: Event) =>
		(all || (e.metadata?.namespace ?? 'default') === namespace) &&
		(target === undefined ||
			(e.involvedObject.kind === target.kind && e.involvedObject.name === target.name)) &&
		(types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase()));
	// sort.Sort by time; the list order (the API server's) breaks ties here.
	const found = ctx.kernel.store
		.list<Event>(EVENTS)
		.filter(wanted)
		.map((e, i) => ({ e, i }))
		.sort((a, b) => eventTime(a.e) - eventTime(b.e) || a.i - b.i)
		.map(({ e }) => e);
	// Run: nothing to print goes to stderr, and the command still succeeds.
	if (found.length === 0) {
		const none = all ? 'No events found.' : `No events found in ${namespace} namespace.`;
		return { ok: true, output: '', error: `${none}\n` };
	}
	const now = ctx.kernel.now;
	const rows = found.map((e) => {
		const cells = [
			interval(e, now),
			escapeCell(e.type ?? ''),
			escapeCell(e.reason ?? ''),
			`${escapeCell(e.involvedObject.kind ?? '')}/${escapeCell(e.involvedObject.name ?? '')}`,
			escapeCell((e.message ?? '').trim())
		];
		return all ? [e.metadata?.namespace ?? '', ...cells] : cells;
	});
	const header = [
		...(all ? ['NAMESPACE'] : []),
		'LAST SEEN',
		'TYPE',
		'REASON',
		'OBJECT',
		'MESSAGE'
	];
	const lines = boolFlag(parsed.flags, 'no-headers') ? rows : [header, ...rows];
	return ok(tabwrite(lines.map((cells) => cells.join('\t') + '\n').join(''), KUBECTL_GET));
}
