/**
 * Which objects `kubectl rollout SUBCOMMAND` acts on. Every subcommand builds them with
 * `ResourceTypeOrNameArgs(true, args…)` and `LabelSelectorParam` (kubectl pkg/cmd/rollout
 * rollout_restart.go, rollout_pause.go, rollout_resume.go, rollout_history.go, rollout_undo.go,
 * rollout_status.go): `TYPE NAME…`, `TYPE/NAME…`, `TYPE -l SELECTOR`, and a bare `TYPE`, which
 * (allowEmptySelector) names every object of the type in the namespace (the docs' "Restart all
 * deployments in the test-namespace namespace": `kubectl rollout restart deployment -n
 * test-namespace`). No subcommand has `--all`.
 */
import type { DaemonSet, Deployment, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CommandContext } from '../context';
import { DAEMONSETS, DEPLOYMENTS, STATEFULSETS } from '../../kubernetes/api/collections';
import { resourceTargets, storedCollection } from './resource-targets';
import { qualifiedPlural, type ResourceType } from './resources';
import type { WorkloadTarget } from './rollout-workloads';

/** A Deployment, or a DaemonSet or StatefulSet with its collection. */
export type RolloutObject = Deployment | WorkloadTarget;

/**
 * One object the arguments name; (`missing`) the NotFound error of one named in vain; or
 * (`unsupported`) an object of a kind kubectl rollout has no helper for (a Pod, a ReplicaSet),
 * which each subcommand refuses with its own words.
 */
export type RolloutTarget =
	| { object: RolloutObject }
	| { missing: string }
	| { unsupported: { type: ResourceType; name: string } };

/** The kinds kubectl rollout acts on. */
function rolloutCollection(type: ResourceType): string | undefined {
	if (type.kind === 'Deployment') return DEPLOYMENTS;
	if (type.kind === 'DaemonSet') return DAEMONSETS;
	if (type.kind === 'StatefulSet') return STATEFULSETS;
	return undefined;
}

/** The GroupKind kubectl names in a refusal: `Pod`, `ReplicaSet.apps` (schema.GroupKind String). */
export function groupKind(type: ResourceType): string {
	return type.group === '' ? type.kind : `${type.kind}.${type.group}`;
}

/**
 * The refusal of `rollout SUB` for a kind it has no helper for (kubectl polymorphichelpers:
 * objectrestarter.go, objectpauser.go, objectresumer.go return `restarting|pausing|resuming is
 * not supported`, which rollout_restart|pause|resume.go print as `error: RESOURCE "NAME" …`;
 * history.go, rollback.go and rollout_status.go name the GroupKind).
 */
export function unsupportedRollout(sub: string, t: { type: ResourceType; name: string }): string {
	const patching: Record<string, string> = {
		restart: 'restarting',
		pause: 'pausing',
		resume: 'resuming'
	};
	if (patching[sub] !== undefined)
		return `error: ${qualifiedPlural(t.type)} "${t.name}" ${patching[sub]} is not supported\n`;
	if (sub === 'history')
		return `error: no history viewer has been implemented for "${groupKind(t.type)}"\n`;
	if (sub === 'undo')
		return `error: no rollbacker has been implemented for "${groupKind(t.type)}"\n`;
	return `error: no status viewer has been implemented for ${groupKind(t.type)}\n`;
}

/**
 * The objects named, in the order named (a missing one as its error), or those the selector or a
 * bare type picks, in name order; or the line's error. `verb` is `rollout SUB`.
 */
export function rolloutTargets(
	ctx: CommandContext,
	verb: string,
	args: readonly string[],
	namespace: string,
	selector: string | undefined
): RolloutTarget[] | string {
	// Validate (every subcommand): nothing named and no file.
	if (args.length === 0) return 'error: required resource not specified\n';
	// ResourceTypeOrNameArgs(allowEmptySelector=true): a lone type selects everything.
	const bareType = args.length === 1 && !args[0]!.includes('/');
	const found = resourceTargets(ctx, verb, args, {
		namespace,
		selector: selector ?? (bareType ? '' : undefined),
		all: false,
		// Other stored kinds are found too, so that a Pod named gets kubectl's refusal.
		collectionOf: (type) => rolloutCollection(type) ?? storedCollection(type)
	});
	if (typeof found === 'string') return found;
	return found.map((t): RolloutTarget => {
		if ('missing' in t) return t;
		if (rolloutCollection(t.type) === undefined)
			return { unsupported: { type: t.type, name: t.object.metadata?.name ?? '' } };
		if (t.type.kind === 'DaemonSet')
			return {
				object: { kind: 'DaemonSet', collection: DAEMONSETS, object: t.object as DaemonSet }
			};
		if (t.type.kind === 'StatefulSet')
			return {
				object: {
					kind: 'StatefulSet',
					collection: STATEFULSETS,
					object: t.object as StatefulSet
				}
			};
		return { object: t.object as Deployment };
	});
}

/** The name an object goes by (`a` for deployment.apps/a). */
export function nameOf(o: RolloutObject): string {
	return ('collection' in o ? o.object.metadata!.name : o.metadata!.name) ?? '';
}
