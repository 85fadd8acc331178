/**
 * `docker secret ls|inspect|rm` and `docker config ls|inspect|rm` as a swarm manager answers
 * them (moby daemon/cluster/helpers.go getSecret/getConfig; swarmkit
 * manager/controlapi/secret.go, config.go; docker/cli cli/command/secret/formatter.go), once the
 * CLI (./secret-config-commands.ts) has checked the words and found a manager with a leader.
 * The Swarm flavour brings this module (./swarm-verbs.ts). A secret's data never leaves the
 * managers, so `inspect` shows only its metadata; a config's is shown.
 */
import { CONFIG_TYPE, SECRET_TYPE } from './go-types';
import { ok, fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, type FlagValues } from '../flags';
import { dockerHumanDuration } from '../durations';
import { naturalCompare } from '../../swarm/natural';
import { listNamed, listServices, removeConfig, removeSecret } from '../../swarm/control';
import type { SwarmSecret } from '../../swarm/objects';
import { apiTimeMs } from '../../swarm/runtime';
import { anyOf, labelsMatch, parseFilters } from './filters';
import { listOutput } from './list-output';
import { removeEach, type RemoveOutcome } from './remove-each';
import { runInspect } from './inspect-output';
import { goTime } from './inspect-pretty';
import { base64Decode } from '../../manifests/base64';

export type SecretOrConfig = 'secret' | 'config';

type Kind = SecretOrConfig;

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

function list(ctx: CommandContext, kind: Kind, flags: FlagValues): CommandResult {
	const filtered = parseFilters(flags.get('filter') ?? [], FILTER_KEYS[kind], `docker ${kind} ls`);
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
	if (boolFlag(flags, 'quiet')) return ok(rows.map((r) => `${r.ID as string}\n`).join(''));
	return listOutput(rows, flag(flags, 'format'), DEFAULT_FORMAT[kind], HEADERS);
}

// ---------------------------------------------------------------------------------------------
// inspect

type ApiObject = Omit<SwarmSecret, 'Spec'> & { Spec: SwarmSecret['Spec'] };

/** The Engine API's shape: a secret's Spec carries no Data; a config's does. */
function apiObject(kind: Kind, s: SwarmSecret): ApiObject {
	const { Data, ...spec } = s.Spec;
	return {
		ID: s.ID,
		Version: { Index: s.Version.Index },
		CreatedAt: s.CreatedAt,
		UpdatedAt: s.UpdatedAt,
		Spec: kind === 'config' && Data !== undefined ? { ...spec, Data } : spec
	};
}

function inspect(
	ctx: CommandContext,
	kind: Kind,
	refs: readonly string[],
	format: string | undefined
): CommandResult {
	const all = listNamed(ctx, kind);
	const messages = new Map<string, string>();
	return runInspect({
		refs,
		find: (ref) => {
			const found = findObject(all, kind, ref);
			if (typeof found === 'string') {
				messages.set(ref, found);
				return undefined;
			}
			return apiObject(kind, found);
		},
		missing: (ref) => messages.get(ref) ?? `Error response from daemon: ${kind} ${ref} not found`,
		format,
		...(format === 'pretty' ? { pretty: (o: ApiObject) => prettyObject(kind, o) } : {}),
		goType: kind === 'secret' ? SECRET_TYPE : CONFIG_TYPE,
		rawFallback: true
	});
}

/**
 * docker/cli secret/formatter.go and config/formatter.go secretInspectPrettyTemplate,
 * configInspectPrettyTemplate: labels by key, `=value` only when there is one; the times as
 * Go prints a time.Time; a config's data as text. Each object ends with a newline.
 */
function prettyObject(kind: Kind, o: ApiObject): string {
	const labels = Object.keys(o.Spec.Labels)
		.sort()
		.map((k) => {
			const v = o.Spec.Labels[k]!;
			return `\n - ${k}${v !== '' ? `=${v}` : ''}`;
		})
		.join('');
	const labelBlock = labels === '' ? '' : `\nLabels:${labels}`;
	if (kind === 'secret') {
		return (
			`ID:              ${o.ID}\nName:              ${o.Spec.Name}${labelBlock}\n` +
			`Driver:            \nCreated at:        ${goTime(o.CreatedAt)}\n` +
			`Updated at:        ${goTime(o.UpdatedAt)}\n`
		);
	}
	const data = o.Spec.Data === undefined ? '' : base64Decode(o.Spec.Data);
	return (
		`ID:\t\t\t${o.ID}\nName:\t\t\t${o.Spec.Name}${labelBlock}\n` +
		`Created at:            \t${goTime(o.CreatedAt)}\n` +
		`Updated at:            \t${goTime(o.UpdatedAt)}\nData:\n${data}\n`
	);
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

function remove(ctx: CommandContext, kind: Kind, refs: readonly string[]): CommandResult {
	// remove.go: every name is tried; the errors are joined and printed at the end.
	return removeEach(refs, (ref): RemoveOutcome => {
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

/** What the CLI hands a manager, its words checked. */
export const SECRET_CONFIG_VERBS = { list, inspect, remove };

export type SecretConfigVerbs = typeof SECRET_CONFIG_VERBS;
