/**
 * The flags every form of `kubectl delete` shares (delete.go Complete and Validate), and what
 * it does after the API server has accepted the deletions: print each object's line, then wait
 * until every deleted object is gone (--wait, on by default), as the command's watch does; or,
 * when some objects were refused, report those after deleting the others.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, type FlagSpec, type FlagValues } from '../flags';
import { parseGoInt } from '../go-int';
import { intFlagError } from './int-flag';
import { parseDuration } from '../durations';
import { TerminalWriter } from '../terminal';
import { LAB_WAIT_LIMIT_MS, runUntilDone } from './lab-wait';
import { deletePlanned, type PlannedDeletion } from './deletion-plan';
import { checkErrors } from './check-errors';

export const DELETE_FLAGS: readonly FlagSpec[] = [
	{ long: 'namespace', short: 'n' },
	{ long: 'filename', short: 'f', repeatable: true },
	{ long: 'recursive', short: 'R', bool: true },
	{ long: 'grace-period' },
	{ long: 'now', bool: true },
	{ long: 'force', bool: true },
	{ long: 'wait', bool: true },
	{ long: 'timeout' },
	{ long: 'ignore-not-found', bool: true },
	{ long: 'output', short: 'o' },
	{ long: 'all', bool: true },
	{ long: 'selector', short: 'l' }
];

export interface DeleteOptions {
	/** Seconds, or -1 for each object's own (delete.go's default). */
	gracePeriod: number;
	force: boolean;
	wait: boolean;
	/** How long to wait; 0 = kubectl's default (a week), which the lab caps. */
	timeoutMs: number;
	ignoreNotFound: boolean;
	outputName: boolean;
	/** Printed to stderr before anything else (the force-deletion warning). */
	warning: string;
}

const IMMEDIATE_WARNING =
	'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

export function deleteOptions(
	flags: FlagValues,
	selecting: boolean
): { ok: true; options: DeleteOptions } | { ok: false; error: string } {
	const graceText = flag(flags, 'grace-period');
	let gracePeriod = -1;
	if (graceText !== undefined) {
		// IntVar: strconv.ParseInt(s, 0, 64).
		const value = parseGoInt(graceText, 64);
		if (typeof value === 'string')
			return { ok: false, error: intFlagError(graceText, '--grace-period', value, 'delete') };
		gracePeriod = value;
	}
	const timeoutText = flag(flags, 'timeout');
	let timeoutMs = 0;
	if (timeoutText !== undefined) {
		const parsed = parseDuration(timeoutText);
		if (!parsed.ok)
			return {
				ok: false,
				error: `error: invalid argument ${JSON.stringify(timeoutText)} for "--timeout" flag: ${parsed.error}\nSee 'kubectl delete --help' for usage.\n`
			};
		timeoutMs = parsed.ms;
	}
	const output = flag(flags, 'output');
	if (output !== undefined && output !== '' && output !== 'name')
		return {
			ok: false,
			error: `error: unexpected -o output mode: ${output}. We only support '-o name'\n`
		};
	const force = boolFlag(flags, 'force');
	// Complete(): --now is a grace period of 1; --grace-period=0 without --force becomes 1 (to
	// prevent accidental data loss); --force with no grace period means 0.
	if (boolFlag(flags, 'now')) {
		if (gracePeriod !== -1)
			return { ok: false, error: 'error: --now and --grace-period cannot be specified together\n' };
		gracePeriod = 1;
	}
	if (gracePeriod === 0 && !force) gracePeriod = 1;
	if (force && gracePeriod < 0) gracePeriod = 0;
	// Validate()
	if (boolFlag(flags, 'all') && flags.has('selector'))
		return { ok: false, error: 'error: cannot set --all and --selector at the same time\n' };
	if (force && gracePeriod > 0)
		return {
			ok: false,
			error: 'error: --force and --grace-period greater than 0 cannot be specified together\n'
		};
	return {
		ok: true,
		options: {
			gracePeriod,
			force,
			wait: flags.has('wait') ? boolFlag(flags, 'wait') : true,
			timeoutMs,
			// --all and -l ignore NotFound unless the flag says otherwise.
			ignoreNotFound: flags.has('ignore-not-found')
				? boolFlag(flags, 'ignore-not-found')
				: selecting,
			outputName: output === 'name',
			warning: force && gracePeriod === 0 ? IMMEDIATE_WARNING : ''
		}
	};
}

/** delete.go PrintObj: `<kind>[.<group>] "<name>" deleted[ from <ns> namespace]`, or -o name. */
export function deletedLine(
	p: Pick<PlannedDeletion, 'namespace' | 'name' | 'kind'>,
	options: DeleteOptions
): string {
	if (options.outputName) return `${p.kind}/${p.name}\n`;
	const operation = options.gracePeriod === 0 ? 'force deleted' : 'deleted';
	const where = p.namespace === '' ? '' : ` from ${p.namespace} namespace`;
	return `${p.kind} "${p.name}" ${operation}${where}\n`;
}

/**
 * Deletes what was planned, prints it, and waits (unless --wait=false) until every object is
 * gone: a pod until its kubelet has stopped it, an owner at once (background propagation). An
 * object replaced under the same name (a StatefulSet's pod) counts as gone, as kubectl compares
 * uids. A wait that times out ends as kubectl's does.
 *
 * `errors` are the objects the API server refused (NotFound, Forbidden), in the order named:
 * the builder's ContinueOnError visits every object, so the others are still deleted and
 * printed, and DeleteResult then returns the gathered errors before its wait (delete.go: `if
 * err != nil { return err }` comes before WaitForDeletion), printed last as checkErr prints
 * an aggregate, with exit code 1.
 */
export function carryOutDeletion(
	ctx: CommandContext,
	plan: readonly PlannedDeletion[],
	options: DeleteOptions,
	errors: readonly string[] = []
): CommandResult {
	if (plan.length === 0)
		return errors.length > 0 ? fail(checkErrors(errors)) : ok('No resources found\n');
	const term = new TerminalWriter();
	if (options.warning !== '') term.err(options.warning);
	const uids = plan.map((p) => (p.virtual ? undefined : uidOf(ctx, p)));
	deletePlanned(
		ctx,
		plan.filter((p) => !p.virtual),
		options.gracePeriod
	);
	for (const p of plan) term.out(deletedLine(p, options));
	if (errors.length > 0) {
		term.err(checkErrors(errors));
		return { ...term.result(false), mutates: true };
	}
	if (options.wait) {
		const limit = options.timeoutMs > 0 ? options.timeoutMs : LAB_WAIT_LIMIT_MS;
		const deadline = ctx.kernel.now + limit;
		let next = 0;
		const gone = () => {
			// kube-root-ca.crt (virtual) is back at once under a new uid: gone, as kubectl sees it.
			while (
				next < plan.length &&
				(plan[next]!.virtual === true || uidOf(ctx, plan[next]!) !== uids[next])
			)
				next++;
			return next === plan.length;
		};
		if (!runUntilDone(ctx, gone, deadline)) {
			const p = plan[next]!;
			term.err(`error: timed out waiting for the condition on ${p.plural}/${p.name}\n`);
			return { ...term.result(false), mutates: true };
		}
	}
	return { ...term.result(true), mutates: true };
}

function uidOf(ctx: CommandContext, p: PlannedDeletion): string | undefined {
	const object = ctx.kubernetes!.apiServer.get<{ metadata?: { uid?: string } }>(
		p.collection,
		p.namespace,
		p.name
	);
	return object?.metadata?.uid ?? (object === undefined ? undefined : '');
}
