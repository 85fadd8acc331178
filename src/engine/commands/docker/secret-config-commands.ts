/**
 * `docker secret ls|inspect|rm` and `docker config ls|inspect|rm` (docker/cli
 * cli/command/secret/{ls,inspect,remove,formatter}.go and config/…; moby
 * daemon/cluster/helpers.go getSecret/getConfig; swarmkit manager/controlapi/secret.go,
 * config.go). All of them are cluster commands: they need a manager with a leader. A secret's
 * data never leaves the managers, so `inspect` shows only its metadata; a config's is shown.
 */
import { CONFIG_TYPE, SECRET_TYPE } from './go-types';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { dockerHumanDuration } from '../durations';
import { naturalCompare } from '../../swarm/natural';
import { listNamed, listServices, removeConfig, removeSecret } from '../../swarm/control';
import type { SwarmSecret } from '../../swarm/objects';
import { apiTimeMs } from '../../swarm/runtime';
import { unknownFlag } from './errors';
import { managerProblem } from './network-secret-config';
import { anyOf, labelsMatch, parseFilters } from './filters';
import { listOutput } from './list-output';
import { removeEach, type RemoveOutcome } from './remove-each';
import { runInspect } from './inspect-output';

type Kind = 'secret' | 'config';

const TITLE: Record<Kind, string> = { secret: 'SECRET', config: 'CONFIG' };

/** getSecret/getConfig: full ID, then exact name, then a unique ID prefix. */
function findObject(all: readonly SwarmSecret[], kind: Kind, ref: string): SwarmSecret | string {
	const exact = all.find((s) => s.ID === ref) ?? all.find((s) => s.Spec.Name === ref);
	if (exact !== undefined) return exact;
	const prefixed = all.filter((s) => s.ID.startsWith(ref));
	if (prefixed.length === 1) return prefixed[0]!;
	if (prefixed.length > 1) {
		return `Error response from daemon: ${kind} ${ref} is ambiguous (${prefixed.length} matches found)`;
	}
	return `Error response from daemon: ${kind} ${ref} not found`;
}

function requiresAtLeastOne(command: string, usage: string): string {
	return `docker: '${command}' requires at least 1 argument\n\nUsage:  ${usage}\n\nSee '${command} --help' for more information\n`;
}

// ---------------------------------------------------------------------------------------------
// ls

const HEADERS: Record<string, string> = {
	ID: 'ID',
	Name: 'NAME',
	Driver: 'DRIVER',
	CreatedAt: 'CREATED',
	UpdatedAt: 'UPDATED',
	Labels: 'LABELS'
};

/** formatter.go: the default tables (secrets have a DRIVER column, configs do not). */
const DEFAULT_FORMAT: Record<Kind, string> = {
	secret: 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}',
	config: 'table {{.ID}}\t{{.Name}}\t{{.CreatedAt}}\t{{.UpdatedAt}}'
};

/** moby daemon/cluster/filters.go newListSecretsFilters / newListConfigsFilters. */
const FILTER_KEYS: Record<Kind, readonly string[]> = {
	secret: ['names', 'name', 'id', 'label'],
	config: ['name', 'id', 'label']
};

function row(ctx: CommandContext, s: SwarmSecret): Record<string, unknown> {
	const ago = (t: string) => `${dockerHumanDuration(ctx.kernel.now - apiTimeMs(t))} ago`;
	return {
		ID: s.ID,
		Name: s.Spec.Name,
		Driver: '',
		CreatedAt: ago(s.CreatedAt),
		UpdatedAt: ago(s.UpdatedAt),
		Labels: Object.entries(s.Spec.Labels)
			.map(([k, v]) => `${k}=${v}`)
			.join(',')
	};
}

function list(ctx: CommandContext, kind: Kind, words: readonly string[]): CommandResult {
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
	const filtered = parseFilters(
		parsed.flags.get('filter') ?? [],
		FILTER_KEYS[kind],
		`docker ${kind} ls`
	);
	if (!filtered.ok) return fail(filtered.error);
	const f = filtered.filters;
	// swarmkit ListSecrets: `names` exact, `name` and `id` by prefix, labels as filterMatchLabels.
	const objects = listNamed(ctx, kind)
		.filter(
			(s) =>
				anyOf(f, 'names', (v) => s.Spec.Name === v) &&
				anyOf(f, 'name', (v) => s.Spec.Name.startsWith(v)) &&
				anyOf(f, 'id', (v) => s.ID.startsWith(v)) &&
				labelsMatch(f, 'label', s.Spec.Labels)
		)
		.sort((a, b) => naturalCompare(a.Spec.Name, b.Spec.Name));
	const rows = objects.map((s) => row(ctx, s));
	if (boolFlag(parsed.flags, 'quiet')) return ok(rows.map((r) => `${r.ID as string}\n`).join(''));
	const format = flag(parsed.flags, 'format');
	return listOutput(rows, format, DEFAULT_FORMAT[kind], HEADERS);
}

// ---------------------------------------------------------------------------------------------
// inspect

/** The Engine API's shape: a secret's Spec carries no Data; a config's does. */
function apiObject(kind: Kind, s: SwarmSecret): unknown {
	const { Data, ...spec } = s.Spec;
	return {
		ID: s.ID,
		Version: { Index: s.Version.Index },
		CreatedAt: s.CreatedAt,
		UpdatedAt: s.UpdatedAt,
		Spec: kind === 'config' && Data !== undefined ? { ...spec, Data } : spec
	};
}

function inspect(ctx: CommandContext, kind: Kind, words: readonly string[]): CommandResult {
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
	if (boolFlag(parsed.flags, 'pretty')) {
		return fail(`"docker ${kind} inspect --pretty" is not simulated in this lab yet\n`);
	}
	const problem = managerProblem(ctx);
	if (problem !== undefined) return fail(problem);
	const all = listNamed(ctx, kind);
	const messages = new Map<string, string>();
	return runInspect({
		refs: parsed.args,
		find: (ref) => {
			const found = findObject(all, kind, ref);
			if (typeof found === 'string') {
				messages.set(ref, found);
				return undefined;
			}
			return apiObject(kind, found);
		},
		missing: (ref) => messages.get(ref) ?? `Error response from daemon: ${kind} ${ref} not found`,
		format: flag(parsed.flags, 'format'),
		goType: kind === 'secret' ? SECRET_TYPE : CONFIG_TYPE,
		rawFallback: true
	});
}

// ---------------------------------------------------------------------------------------------
// rm

/** swarmkit RemoveSecret/RemoveConfig: the services whose task spec refers to it, by name. */
function usersOf(ctx: CommandContext, kind: Kind, s: SwarmSecret): string[] {
	return listServices(ctx)
		.filter((svc) => {
			const refs =
				kind === 'secret'
					? svc.Spec.TaskTemplate.ContainerSpec.Secrets
					: svc.Spec.TaskTemplate.ContainerSpec.Configs;
			return (refs ?? []).some((r) => {
				const name = kind === 'secret' ? r.SecretName : r.ConfigName;
				return name === s.Spec.Name || name === s.ID;
			});
		})
		.map((svc) => svc.Spec.Name);
}

function remove(ctx: CommandContext, kind: Kind, words: readonly string[]): CommandResult {
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
	// remove.go: every name is tried; the errors are joined and printed at the end.
	return removeEach(parsed.args, (ref): RemoveOutcome => {
		const found = findObject(listNamed(ctx, kind), kind, ref);
		if (typeof found === 'string') return { error: found };
		const users = usersOf(ctx, kind, found);
		if (users.length > 0) {
			return {
				error: `Error response from daemon: rpc error: code = InvalidArgument desc = ${kind} '${found.Spec.Name}' is in use by the following service${users.length === 1 ? '' : 's'}: ${users.join(', ')}`
			};
		}
		const removed = kind === 'secret' ? removeSecret(ctx, found.ID) : removeConfig(ctx, found.ID);
		return removed.ok ? 'removed' : { error: removed.error };
	});
}

const COMMANDS: Record<
	string,
	(ctx: CommandContext, kind: Kind, words: readonly string[]) => CommandResult
> = { ls: list, list, inspect, rm: remove, remove };

/** `docker secret|config ls|inspect|rm`; undefined for anything else. */
export function dockerSecretOrConfig(
	ctx: CommandContext,
	command: string,
	sub: string | undefined,
	rest: readonly string[]
): CommandResult | undefined {
	if (command !== 'secret' && command !== 'config') return undefined;
	const run = sub === undefined ? undefined : COMMANDS[sub];
	return run === undefined ? undefined : run(ctx, command, rest);
}
