/**
 * `--dry-run=none|client|server` and `-o json|yaml|name|<template>` for kubectl's object-making
 * commands (create …, run, expose, create -f, apply -f).
 *
 * The flag: kubectl pkg/cmd/util/helpers.go AddDryRunFlag (default "none"; a bare `--dry-run`
 * is NoOptDefVal "unchanged") and GetDryRunStrategy (the bare flag and Go booleans still work,
 * with a deprecation warning; anything else is an error). The printer: cli-runtime PrintFlags
 * (json, yaml, name, templates) completed by PrintFlagsWithDryRunStrategy with "%s (dry run)" or
 * "%s (server dry run)". A client dry run prints the object kubectl built and sends nothing; a
 * server dry run gets the API server's full answer (defaults, admission, errors) but stores
 * nothing, so neither touches the lab's state, clock or trace.
 */
import { tracksGeneration } from '../../kubernetes/api/generation-kinds';
import type { Pod } from 'kubernetes-types/core/v1';
import type { CommandContext, CommandResult } from '../context';
import { fail, ok } from '../context';
import { flag, type FlagSpec, type FlagValues } from '../flags';
import { kubectlJson, kubectlYaml } from '../json';
import { warnedFirst } from '../terminal';
import { rfc3339 } from '../../core/time';
import {
	asJson,
	parseTemplateOutput,
	printTemplateOutput,
	type TemplateOutput
} from './template-output';

export type DryRunStrategy = 'none' | 'client' | 'server';

/** The flags every object-making command takes for dry runs and printing. */
export const PRINT_FLAGS: readonly FlagSpec[] = [
	{ long: 'dry-run' },
	{ long: 'output', short: 'o' },
	{ long: 'template' }
];

/** How a command prints what it made, and whether it stores it. */
export interface Printing {
	strategy: DryRunStrategy;
	/** klog's deprecation warning for a bare or boolean `--dry-run` (stderr, printed first). */
	warning: string;
	format: '' | 'json' | 'yaml' | 'name' | TemplateOutput;
}

/** pflag's NoOptDefVal for --dry-run: what a bare `--dry-run` (no `=`) stands for. */
const BARE = 'unchanged';

/**
 * The words with a bare `--dry-run` spelled `--dry-run=unchanged`, as pflag reads a flag with a
 * NoOptDefVal: it never takes the next word as its value. Words after `--` are left alone.
 */
export function withBareDryRun(words: readonly string[]): string[] {
	const dash = words.indexOf('--');
	return words.map((w, i) =>
		w === '--dry-run' && (dash < 0 || i < dash) ? `--dry-run=${BARE}` : w
	);
}

const TRUE_WORDS = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE_WORDS = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/** GetDryRunStrategy: the strategy, with klog's warning for the deprecated spellings. */
function strategyOf(value: string): { strategy: DryRunStrategy; warning: string } | string {
	if (value === BARE)
		return {
			strategy: 'client',
			warning: '--dry-run is deprecated and can be replaced with --dry-run=client.\n'
		};
	if (value === 'client' || value === 'server' || value === 'none')
		return { strategy: value, warning: '' };
	const bool = TRUE_WORDS.includes(value) ? 'client' : FALSE_WORDS.includes(value) ? 'none' : '';
	if (bool !== '')
		return {
			strategy: bool,
			warning: `--dry-run=${value} is deprecated (boolean value) and can be replaced with --dry-run=${bool}.\n`
		};
	return `error: Invalid dry-run value (${value}). Must be "none", "server", or "client".\n`;
}

/** PrintFlags.AllowedFormats for a create-style command, sorted as kubectl prints them. */
const ALLOWED_FORMATS =
	'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** The strategy and printer the flags ask for, or kubectl's error. */
export function printingFor(ctx: CommandContext, flags: FlagValues): Printing | { error: string } {
	const strategy = strategyOf(flag(flags, 'dry-run') ?? 'none');
	if (typeof strategy === 'string') return { error: strategy };
	const output = flag(flags, 'output') ?? '';
	const template = parseTemplateOutput(output, { template: flag(flags, 'template') }, (p) =>
		ctx.readFile(p)
	);
	if (template !== undefined && 'error' in template) return { error: template.error };
	if (template !== undefined) return { ...strategy, format: template };
	if (output !== '' && output !== 'json' && output !== 'yaml' && output !== 'name')
		return {
			error: `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED_FORMATS}\n`
		};
	return { ...strategy, format: output };
}

/** The suffix PrintFlagsWithDryRunStrategy gives the operation. */
function suffix(strategy: DryRunStrategy): string {
	return strategy === 'client' ? ' (dry run)' : strategy === 'server' ? ' (server dry run)' : '';
}

/**
 * Prints the object as the flags ask: `<what> <operation>[ (dry run)]`, `<what>` for `-o name`,
 * or the whole object. `what` is `<kind>[.<group>]/<name>`. Only a real run changes the lab.
 */
export function printed(
	p: Printing,
	object: unknown,
	what: string,
	operation = 'created'
): CommandResult {
	const mutates = p.strategy === 'none';
	let result: CommandResult;
	if (p.format === '') result = ok(`${what} ${operation}${suffix(p.strategy)}\n`, mutates);
	else if (p.format === 'name') result = ok(`${what}\n`, mutates);
	else if (p.format === 'json') result = ok(kubectlJson(object), mutates);
	else if (p.format === 'yaml') result = ok(kubectlYaml(object), mutates);
	else {
		const out = printTemplateOutput(p.format, asJson(object), false);
		result = 'error' in out ? fail(out.error, out.output ?? '', mutates) : ok(out.output, mutates);
	}
	return warnedFirst(result, p.warning);
}

/**
 * What a server dry run answers for a create: the admitted object as it would be stored, with
 * its creationTimestamp but no uid or resourceVersion (KEP 576 "Generated values"; apiserver
 * registry/generic/registry/store.go Create strips them for dry runs), and nothing stored.
 */
export function serverDryRunObject<T extends object>(
	ctx: CommandContext,
	object: T,
	namespace: string | undefined
): T {
	const meta = (object as { metadata?: Record<string, unknown> }).metadata ?? {};
	const rest: Record<string, unknown> = { ...meta };
	delete rest.uid;
	delete rest.resourceVersion;
	// A pod gets the ServiceAccount plugin's token volume, its name drawn for the answer only.
	const api = ctx.kubernetes?.apiServer;
	const admitted =
		(object as { kind?: string }).kind === 'Pod' && api !== undefined
			? (withoutRandomness(ctx, () =>
					api.withTokenVolume(object as Pod, namespace ?? 'default')
				) as T)
			: object;
	return {
		...admitted,
		metadata: {
			...rest,
			...(namespace !== undefined ? { namespace } : {}),
			creationTimestamp: rfc3339(ctx.kernel.now),
			// Only the kinds whose registry strategy sets it (kubernetes/api/generation-kinds.ts).
			...(tracksGeneration((object as { kind?: string }).kind) ? { generation: 1 } : {})
		}
	};
}

/**
 * Runs a server dry run's admission without using up the lab's randomness: a dry run allocates
 * (ClusterIPs, node ports) only for its answer, so the next real create draws the same values.
 */
export function withoutRandomness<T>(ctx: CommandContext, run: () => T): T {
	const saved = ctx.kernel.rng.save();
	try {
		return run();
	} finally {
		ctx.kernel.rng.load(saved);
	}
}
