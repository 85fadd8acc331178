/**
 * `docker secret ls|inspect|rm` and `docker config ls|inspect|rm` (docker/cli
 * cli/command/secret/{ls,inspect,remove}.go and config/…): the CLI's side, which every lab
 * answers — flags, help, arguments — and then the manager check. All of them are cluster
 * commands: they need a manager with a leader. What the manager answers is
 * ./secret-config-verbs.ts, which the Swarm flavour brings: only a swarm gets that far.
 */
import { swarmDocker } from '../../flavors/registry';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { unknownFlag } from './errors';
import { managerProblem } from './network-secret-config';
import type { SecretOrConfig } from './secret-config-verbs';
import { ownValue } from '../../core/own-keys';

const TITLE: Record<SecretOrConfig, string> = { secret: 'SECRET', config: 'CONFIG' };

function requiresAtLeastOne(command: string, usage: string): string {
	return `docker: '${command}' requires at least 1 argument\n\nUsage:  ${usage}\n\nSee '${command} --help' for more information\n`;
}

function list(ctx: CommandContext, kind: SecretOrConfig, words: readonly string[]): CommandResult {
	const usage = `docker ${kind} ls [OPTIONS]`;
	const parsed = parseFlags(words, [
		{ long: 'filter', short: 'f', repeatable: true },
		{ long: 'format' },
		{ long: 'quiet', short: 'q', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, `docker ${kind} ls`, usage));
	if (boolFlag(parsed.flags, 'help')) return ok(`\nUsage:  ${usage}\n\nList ${kind}s\n`);
	if (parsed.args.length > 0) {
		return fail(
			`"docker ${kind} ls" accepts no arguments.\n\nUsage:  ${usage}\n\nRun 'docker ${kind} ls --help' for more information\n`
		);
	}
	const problem = managerProblem(ctx);
	if (problem !== undefined) return fail(problem);
	return swarmDocker().secretConfig.list(ctx, kind, parsed.flags);
}

function inspect(
	ctx: CommandContext,
	kind: SecretOrConfig,
	words: readonly string[]
): CommandResult {
	const usage = `docker ${kind} inspect [OPTIONS] ${TITLE[kind]} [${TITLE[kind]}...]`;
	const parsed = parseFlags(words, [
		{ long: 'format', short: 'f' },
		{ long: 'pretty', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, `docker ${kind} inspect`, usage));
	if (boolFlag(parsed.flags, 'help')) {
		return ok(`\nUsage:  ${usage}\n\nDisplay detailed information on one or more ${kind}s\n`);
	}
	if (parsed.args.length === 0) return fail(requiresAtLeastOne(`docker ${kind} inspect`, usage));
	// secret/inspect.go, config/inspect.go: --pretty is the format `pretty`, which takes nothing
	// after it; both are checked before the daemon is asked.
	const format = boolFlag(parsed.flags, 'pretty') ? 'pretty' : flag(parsed.flags, 'format');
	if (format !== undefined && format.startsWith('pretty') && format !== 'pretty') {
		return fail('cannot supply extra formatting options to the pretty template\n');
	}
	const problem = managerProblem(ctx);
	if (problem !== undefined) return fail(problem);
	return swarmDocker().secretConfig.inspect(ctx, kind, parsed.args, format);
}

function remove(
	ctx: CommandContext,
	kind: SecretOrConfig,
	words: readonly string[]
): CommandResult {
	const usage = `docker ${kind} rm ${TITLE[kind]} [${TITLE[kind]}...]`;
	const parsed = parseFlags(words, [{ long: 'help', bool: true }]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, `docker ${kind} rm`, usage));
	if (boolFlag(parsed.flags, 'help')) {
		return ok(
			`\nUsage:  ${usage}\n\nRemove one or more ${kind}s\n\nAliases:\n  docker ${kind} rm, docker ${kind} remove\n`
		);
	}
	if (parsed.args.length === 0) return fail(requiresAtLeastOne(`docker ${kind} rm`, usage));
	const problem = managerProblem(ctx);
	if (problem !== undefined) return fail(problem);
	return swarmDocker().secretConfig.remove(ctx, kind, parsed.args);
}

const COMMANDS: Record<
	string,
	(ctx: CommandContext, kind: SecretOrConfig, words: readonly string[]) => CommandResult
> = { ls: list, list, inspect, rm: remove, remove };

/** `docker secret|config ls|inspect|rm`; undefined for anything else. */
export function dockerSecretOrConfig(
	ctx: CommandContext,
	command: string,
	sub: string | undefined,
	rest: readonly string[]
): CommandResult | undefined {
	if (command !== 'secret' && command !== 'config') return undefined;
	const run = sub === undefined ? undefined : ownValue(COMMANDS, sub);
	return run === undefined ? undefined : run(ctx, command, rest);
}
