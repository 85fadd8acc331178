/**
 * Where PriorityClasses live in the store, and the cluster's classes as the Priority admission
 * plugin sees them. The two system classes are not stored: the API server's bootstrap hook
 * (pkg/registry/scheduling/rest/storage_scheduling.go AddSystemPriorityClasses) makes them before
 * anything else, they cannot be deleted, and listing them is ../../commands/kubectl/
 * priority-class-printer.ts's job — keeping them out of the store keeps every later
 * resourceVersion what it was before the lab served PriorityClasses.
 */
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { priorityClassLookup, type PriorityClasses } from '../../manifests/priority-classes';

/** Same key apply.ts collectionFor derives from the registry (`group/version/resource`). */
export const PRIORITYCLASSES = 'scheduling.k8s.io/v1/priorityclasses';

/**
 * The system classes plus the stored ones, read when admission asks:
 * `clusterPriorityClasses(() => store.list(PRIORITYCLASSES))`.
 */
export function clusterPriorityClasses(stored: () => PriorityClass[]): PriorityClasses {
	return {
		get: (name) => priorityClassLookup(stored()).get(name),
		globalDefault: () => {
			// Most clusters store no class (the system ones are not stored, and are never the
			// default): no lookup to build for every pod a controller creates.
			const classes = stored();
			return classes.length === 0 ? undefined : priorityClassLookup(classes).globalDefault();
		}
	};
}
