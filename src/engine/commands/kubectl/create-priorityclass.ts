/**
 * `kubectl create priorityclass NAME [--value=N] [--global-default] [--description=TEXT]
 * [--preemption-policy=PreemptLowerPriority|Never]` (kubectl pkg/cmd/create/
 * create_priorityclass.go; alias `pc`; value 0 and PreemptLowerPriority unless given). The class
 * goes through the manifest pipeline like a file's; any API error comes back as
 * `error: failed to create priorityclass: <the server's error>`.
 */
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { readManifests } from '../../manifests/index';
import { PRIORITYCLASSES } from '../../kubernetes/api/priority-class-store';
import { SYSTEM_PRIORITY_CLASSES } from '../../manifests/priority-classes';
import { priorityClassesOf } from './priority-class-admission';
import { unknownFlag } from './errors';
import { PRINT_FLAGS, printed, printingFor, serverDryRunObject, withBareDryRun } from './dry-run';
import { hasOwnKey } from '../../core/own-keys';

const RESOURCE = 'priorityclasses.scheduling.k8s.io';

const failed = (message: string) =>
	fail(`error: failed to create priorityclass: ${message.replace(/\n$/, '')}\n`);

/** An int32 flag as pflag parses it, or undefined when it does not. */
function int32(text: string): number | undefined {
	if (!/^[+-]?\d+$/.test(text)) return undefined;
	const n = Number(text);
	return n >= -(2 ** 31) && n < 2 ** 31 ? n : undefined;
}

export function createPriorityClass(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(withBareDryRun(words), [
		...PRINT_FLAGS,
		{ long: 'value' },
		{ long: 'global-default', bool: true },
		{ long: 'description' },
		{ long: 'preemption-policy' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'create priorityclass'));
	const valueText = flag(parsed.flags, 'value') ?? '0';
	const value = int32(valueText);
	if (value === undefined) {
		const why = /^[+-]?\d+$/.test(valueText) ? 'value out of range' : 'invalid syntax';
		return fail(
			`error: invalid argument ${JSON.stringify(valueText)} for "--value" flag: strconv.ParseInt: parsing ${JSON.stringify(valueText)}: ${why}\nSee 'kubectl create priorityclass --help' for usage.\n`
		);
	}
	if (parsed.args.length !== 1)
		return fail(
			`error: exactly one NAME is required, got ${parsed.args.length}\nSee 'kubectl create priorityclass -h' for help and examples\n`
		);
	const name = parsed.args[0]!;
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return fail(printing.error);
	const globalDefault = boolFlag(parsed.flags, 'global-default');
	const description = flag(parsed.flags, 'description') ?? '';
	const document: PriorityClass = {
		apiVersion: 'scheduling.k8s.io/v1',
		kind: 'PriorityClass',
		metadata: { name },
		value,
		// Go's omitempty: false and "" are not sent.
		...(globalDefault ? { globalDefault } : {}),
		...(description ? { description } : {}),
		preemptionPolicy: flag(parsed.flags, 'preemption-policy') ?? 'PreemptLowerPriority'
	};
	const what = `priorityclass.scheduling.k8s.io/${name}`;
	if (printing.strategy === 'client') return printed(printing, document, what);
	const read = readManifests(JSON.stringify(document), '', { namespace: 'default' });
	const object = read.objects[0];
	// The API server's Invalid error names the kind with its group.
	if (!read.ok || object === undefined)
		return failed(
			(read.ok ? '' : read.error).replace(/^The PriorityClass /, 'PriorityClass.scheduling.k8s.io ')
		);
	const exists =
		hasOwnKey(SYSTEM_PRIORITY_CLASSES, name) ||
		ctx.kernel.store.get(PRIORITYCLASSES, name) !== undefined;
	if (exists) return failed(`${RESOURCE} ${JSON.stringify(name)} already exists`);
	const current = globalDefault ? priorityClassesOf(ctx).globalDefault() : undefined;
	if (current !== undefined)
		return failed(
			`${RESOURCE} ${JSON.stringify(name)} is forbidden: PriorityClass ${current.name} is already marked as default. Only one default can exist`
		);
	if (printing.strategy === 'server')
		return printed(printing, serverDryRunObject(ctx, object, undefined), what);
	return printed(printing, ctx.kubernetes!.apiServer.create(PRIORITYCLASSES, object, false), what);
}
