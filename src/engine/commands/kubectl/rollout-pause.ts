/**
 * `kubectl rollout pause|resume|restart` (kubectl pkg/cmd/rollout rollout_pause.go,
 * rollout_resume.go, rollout_restart.go; pkg/polymorphichelpers objectpauser.go,
 * objectresumer.go, objectrestarter.go). Each builds its objects with ContinueOnError, works out
 * every object's patch (set.CalculatePatches), then patches them in turn, printing one line per
 * object; what could not be patched is reported after, as one aggregate:
 *
 * - only Deployments pause: kubectl flips `spec.paused`, and the Deployment controller stops
 *   rolling the template out until it is resumed. Pausing a paused one, or resuming one that is
 *   not, is the pauser's error (`is already paused`), so kubectl's `already paused` line never
 *   prints for a Deployment;
 * - restart sets the template's `kubectl.kubernetes.io/restartedAt` to the second; a paused
 *   Deployment is refused, and a second restart within the same second makes an empty patch.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { DEPLOYMENTS } from '../../kubernetes/api/collections';
import { rfc3339 } from '../../core/time';
import type { KubeObject } from '../../kubernetes/api/api-server';
import {
	nameOf,
	unsupportedRollout,
	type RolloutObject,
	type RolloutTarget
} from './rollout-targets';

export type PatchVerb = 'pause' | 'resume' | 'restart';

/**
 * An error as checkErr prints it alone (`alone`) and as a line of MultipleErrors (`inList`,
 * which adds no `error: ` prefix of its own).
 */
interface Refusal {
	alone: string;
	inList: string;
}

type Outcome = { line: string } | { refusal: Refusal };

const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** `deployments.apps`, `daemonsets.apps`…: the resource kubectl names a refused object by. */
function resourceOf(o: RolloutObject): string {
	if (!('collection' in o)) return 'deployments.apps';
	return o.kind === 'DaemonSet' ? 'daemonsets.apps' : 'statefulsets.apps';
}

/** `deployment.apps/a`: the name printer's prefix. */
function printedName(o: RolloutObject): string {
	const singular = !('collection' in o)
		? 'deployment'
		: o.kind === 'DaemonSet'
			? 'daemonset'
			: 'statefulset';
	return `${singular}.apps/${nameOf(o)}`;
}

/** `fmt.Errorf("error: %s %q %v", resource, name, patch.Err)`: the prefix is the message's own. */
function patchError(o: RolloutObject, why: string): Refusal {
	const text = `error: ${resourceOf(o)} "${nameOf(o)}" ${why}\n`;
	return { alone: text, inList: text };
}

function pauseOrResume(ctx: CommandContext, o: RolloutObject, pause: boolean): Outcome {
	if ('collection' in o)
		return { refusal: patchError(o, `${pause ? 'pausing' : 'resuming'} is not supported`) };
	if ((o.spec?.paused === true) === pause)
		return { refusal: patchError(o, pause ? 'is already paused' : 'is not paused') };
	const spec = { ...o.spec! };
	if (pause) spec.paused = true;
	else delete spec.paused;
	ctx.kubernetes!.apiServer.update<Deployment>(DEPLOYMENTS, { ...o, spec }, true);
	return { line: `${printedName(o)} ${pause ? 'paused' : 'resumed'}\n` };
}

function restart(ctx: CommandContext, o: RolloutObject): Outcome {
	if (!('collection' in o) && o.spec?.paused === true)
		return { refusal: patchError(o, "can't restart paused deployment (run rollout resume first)") };
	const object: KubeObject & { spec?: Deployment['spec'] } = 'collection' in o ? o.object : o;
	const template = object.spec!.template!;
	const at = rfc3339(ctx.kernel.now);
	if (template.metadata?.annotations?.[RESTARTED_AT] === at) {
		// The same annotation again: CalculatePatches makes `{}`, which restart refuses.
		const why = `failed to create patch for ${nameOf(o)}: if restart has already been triggered within the past second, please wait before attempting to trigger another`;
		return { refusal: { alone: `error: ${why}\n`, inList: `${why}\n` } };
	}
	const annotations = { ...template.metadata?.annotations, [RESTARTED_AT]: at };
	ctx.kubernetes!.apiServer.update(
		'collection' in o ? o.collection : DEPLOYMENTS,
		{
			...object,
			spec: {
				...object.spec!,
				template: { ...template, metadata: { ...template.metadata, annotations } }
			}
		},
		true
	);
	return { line: `${printedName(o)} restarted\n` };
}

/**
 * The subcommand on every target in turn. The builder's NotFound errors come first in the
 * aggregate, as one error (an aggregate itself when several), then each refused patch; nothing
 * found and nothing refused prints `No resources found in NS namespace.` on stderr, exit 0.
 */
export function patchEach(
	ctx: CommandContext,
	verb: PatchVerb,
	targets: readonly RolloutTarget[],
	namespace: string
): CommandResult {
	const missing = targets.flatMap((t) => ('missing' in t ? [t.missing] : []));
	if (targets.length === 0)
		return { ok: true, output: '', error: `No resources found in ${namespace} namespace.\n` };
	let output = '';
	let changed = false;
	const refused: Refusal[] = [];
	for (const t of targets) {
		if ('missing' in t) continue;
		if ('unsupported' in t) {
			const text = unsupportedRollout(verb, t.unsupported);
			refused.push({ alone: text, inList: text });
			continue;
		}
		const o = t.object;
		const r = verb === 'restart' ? restart(ctx, o) : pauseOrResume(ctx, o, verb === 'pause');
		if ('refusal' in r) refused.push(r.refusal);
		else {
			output += r.line;
			changed = true;
		}
	}
	if (missing.length === 0 && refused.length === 0) return ok(output, changed);
	return fail(aggregate(missing, refused), output, changed);
}

/**
 * checkErr over `NewAggregate([infosErr, patchErrs…])`: an aggregate of one prints as that error;
 * several go through MultipleErrors, where an aggregate of several NotFound errors prints as its
 * Error() text, `[a, b]`, without `Error from server`.
 */
function aggregate(missing: readonly string[], refused: readonly Refusal[]): string {
	const all: Refusal[] = [];
	if (missing.length === 1) all.push({ alone: missing[0]!, inList: missing[0]! });
	else if (missing.length > 1) {
		if (refused.length === 0) return missing.join('');
		const raw = missing.map((m) => m.replace(/^Error from server \(NotFound\): /, '').trimEnd());
		all.push({ alone: '', inList: `[${raw.join(', ')}]\n` });
	}
	all.push(...refused);
	return all.length === 1 ? all[0]!.alone : all.map((r) => r.inList).join('');
}

/** rollback.go refuses a paused Deployment (restart's refusal is the restarter's, above). */
export function refusePausedUndo(d: Deployment): CommandResult | undefined {
	if (d.spec?.paused !== true) return undefined;
	return fail(
		"error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n"
	);
}
