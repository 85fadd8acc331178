/**
 * What the `kubectl create` generators of RBAC objects, PodDisruptionBudgets and Ingresses share
 * (kubectl pkg/cmd/create/create_role.go, create_clusterrole.go, create_rolebinding.go,
 * create_clusterrolebinding.go, create_pdb.go, create_ingress.go): their common flags, the object
 * they built going through the API server's create path (decode, defaults, validation,
 * NamespaceLifecycle, AlreadyExists, admission) as a file's object does, and the way each prints
 * the server's refusal. Role and ClusterRole return the API error as it is, so kubectl's CheckErr
 * prints `Error from server (AlreadyExists): …` or `The Role "x" is invalid: …`; the others wrap
 * it (`failed to create rolebinding: %v`), which prints the error's own message after `error: `.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, parseFlags, type FlagSpec, type FlagValues } from '../flags';
import { goJson, sortedMap } from '../../manifests/json';
import type { JsonObject, JsonValue } from '../../manifests/types';
import { readManifests, resourceForKind } from '../../manifests/index';
import { collectionFor, namespaceExists, terminatingRefusal } from './apply';
import { createAdmission, webhookAdmission } from './create-admission';
import {
	printed,
	printingFor,
	PRINT_FLAGS,
	serverDryRunObject,
	withBareDryRun,
	type Printing
} from './dry-run';
import { unknownFlag } from './errors';
import { warnedFirst } from '../terminal';
import { contextNamespace } from './kubeconfig-state';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The flags every one of these generators takes besides its own: the printer and --dry-run,
 * cmdutil.AddApplyAnnotationFlags (--save-config), AddValidateFlags, AddFieldManagerFlagVar, and
 * kubectl's global -n.
 */
export const GENERATOR_FLAGS: readonly FlagSpec[] = [
	...PRINT_FLAGS,
	{ long: 'namespace', short: 'n' },
	{ long: 'save-config', bool: true },
	{ long: 'validate' },
	{ long: 'field-manager' },
	{ long: 'show-managed-fields', bool: true },
	{ long: 'allow-missing-template-keys', bool: true }
];

/** cobra's answer to a NAME count other than one (create.go NameFromCommandArgs). */
export function nameCountError(args: readonly string[], command: string): string | undefined {
	if (args.length === 1) return undefined;
	return `error: exactly one NAME is required, got ${args.length}\nSee 'kubectl create ${command} -h' for help and examples\n`;
}

/** A generator's command line, read: its NAME, its flags and how it prints. */
export interface Started {
	name: string;
	flags: FlagValues;
	printing: Printing;
}

/**
 * What every generator does first, in kubectl's order: pflag parses the flags, then `preflight`
 * (what cobra checks before Run, such as required flags), then Complete takes the NAME, the
 * --dry-run strategy and the printer. Returns the refusal of the first that fails.
 */
export function startGenerator(
	ctx: CommandContext,
	words: readonly string[],
	own: readonly FlagSpec[],
	command: string,
	preflight?: (flags: FlagValues) => string | undefined
): Started | { refused: CommandResult } {
	// --validate has a NoOptDefVal too ("strict"): a bare one never takes the next word.
	const spelled = withBareDryRun(words).map((w) => (w === '--validate' ? '--validate=strict' : w));
	const parsed = parseFlags(spelled, [...GENERATOR_FLAGS, ...own]);
	if (!parsed.ok) return { refused: fail(unknownFlag(parsed.error, `create ${command}`)) };
	const early = preflight?.(parsed.flags) ?? nameCountError(parsed.args, command);
	if (early !== undefined) return { refused: fail(early) };
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return { refused: fail(printing.error) };
	return { name: parsed.args[0]!, flags: parsed.flags, printing };
}

/**
 * pflag's StringSlice: every value of a repeated flag, each read as one CSV record (so
 * `--verb=get,list --verb=watch` is three values). Quoted fields are not needed here.
 */
export function sliceFlag(flags: FlagValues, long: string): string[] {
	return (flags.get(long) ?? []).flatMap((v) => (v === '' ? [] : v.split(',')));
}

/**
 * util.CreateOrUpdateAnnotation for `--save-config`: the object as built, encoded by the JSON
 * serializer (struct field order, which `built` keeps; a newline at the end), saved under
 * last-applied-configuration. The object printed afterwards carries the annotation too.
 */
export function withSaveConfig<T extends { metadata: Record<string, unknown> }>(
	flags: FlagValues,
	built: T
): T {
	if (!boolFlag(flags, 'save-config')) return built;
	const encoded = goJson(built as unknown as JsonValue) + '\n';
	const annotations = { ...(built.metadata.annotations as Record<string, string> | undefined) };
	annotations[LAST_APPLIED] = encoded;
	return { ...built, metadata: { ...built.metadata, annotations: sortedMap(annotations) } };
}

export interface Generated {
	/**
	 * The object as the generator built it, in Go struct order (what a client dry run prints).
	 * Its zero `status`, if the kind has one, is also what the API server answers with: its
	 * PrepareForCreate resets the status (a PodDisruptionBudget's counters, an Ingress's empty
	 * loadBalancer) and the controllers fill it in later.
	 */
	built: JsonObject & { kind: string; metadata: JsonObject };
	/** The namespace it is created in; undefined for a cluster-scoped kind. */
	namespace: string | undefined;
	/** `failed to create rolebinding` and the like; undefined for the unwrapped Role errors. */
	wrap: string | undefined;
	/** Written to stderr before anything else (kubectl's own warnings). */
	warning?: string;
}

/** The refusal as kubectl prints it: wrapped after `error: `, or CheckErr's own form. */
function refusal(g: Generated, reason: string, message: string): CommandResult {
	const text =
		g.wrap !== undefined
			? `error: ${g.wrap}: ${message}\n`
			: `Error from server (${reason}): ${message}\n`;
	return warnedFirst(fail(text), g.warning ?? '');
}

/**
 * Prints the object for a client dry run; otherwise sends it through the API server and prints
 * its answer (a server dry run stores nothing). `what` is the `-o name` form.
 */
export function sendGenerated(
	ctx: CommandContext,
	printing: Printing,
	g: Generated,
	what: string
): CommandResult {
	const p = { ...printing, warning: printing.warning + (g.warning ?? '') };
	if (p.strategy === 'client') return printed(p, g.built, what);
	const kind = g.built.kind;
	const resource = resourceForKind(kind)!;
	const collection = collectionFor(kind)!;
	const name = String(g.built.metadata.name ?? '');
	const plural = resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
	const namespace = g.namespace ?? contextNamespace(ctx);
	const { status, ...sent } = g.built;
	const read = readManifests(JSON.stringify(sent), '', { namespace });
	const object = read.objects[0];
	if (!read.ok || object === undefined) {
		const error = read.ok ? '' : read.error;
		if (g.wrap === undefined) return warnedFirst(fail(error), p.warning);
		// The Invalid error's message names the kind with its group (apimachinery NewInvalid).
		const qualified = resource.group ? `${kind}.${resource.group}` : kind;
		const message = error.replace(`The ${kind} `, `${qualified} `).replace(/\n$/, '');
		return warnedFirst(fail(`error: ${g.wrap}: ${message}\n`), p.warning);
	}
	const warned = { ...g, warning: p.warning };
	if (g.namespace !== undefined) {
		if (!namespaceExists(ctx, namespace))
			return refusal(warned, 'NotFound', `namespaces "${namespace}" not found`);
		const terminating = terminatingRefusal(ctx, namespace, plural, name);
		if (terminating !== undefined) return refusal(warned, 'Forbidden', terminating);
	}
	const api = ctx.kubernetes!.apiServer;
	const existing =
		g.namespace !== undefined
			? api.get(collection, namespace, name)
			: ctx.kernel.store.get(collection, name);
	if (existing !== undefined)
		return refusal(warned, 'AlreadyExists', `${plural} "${name}" already exists`);
	const refused = createAdmission(ctx, object);
	if (refused !== undefined) return refusal(warned, 'Forbidden', refused);
	const webhookRefused = webhookAdmission(ctx, object, 'CREATE');
	if (webhookRefused !== undefined) return refusal(warned, 'InternalError', webhookRefused);
	const answer = status !== undefined ? { status } : {};
	if (p.strategy === 'server')
		return printed(p, { ...serverDryRunObject(ctx, object, g.namespace), ...answer }, what);
	const stored = api.create(collection, object, g.namespace !== undefined);
	return printed(p, { ...answer, ...stored }, what);
}
