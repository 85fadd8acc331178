/**
 * ControllerRevisions: the revision history of DaemonSets and StatefulSets, which `kubectl
 * rollout history|undo` read (kubectl pkg/polymorphichelpers/history.go controlledHistory,
 * rollback.go findHistory).
 *
 * - One revision per distinct pod template, named `<owner>-<hash>` and labelled
 *   `controller-revision-hash: <hash>`, owned by the workload, with the workload's annotations
 *   (so `kubernetes.io/change-cause` shows in the history), and `data` the patch that restores
 *   the template: `{"spec":{"template":{…,"$patch":"replace"}}}` (pkg/controller/daemon/update.go
 *   snapshot and getPatch; pkg/controller/statefulset/stateful_set_utils.go newRevision).
 * - A template that already has a revision (a rollback, or a template changed back) does not get
 *   a new one: its revision number moves to the top (update.go constructHistory;
 *   stateful_set_control.go getStatefulSetRevisions).
 * - Old revisions beyond `revisionHistoryLimit` (default 10) are deleted, oldest first, except
 *   those that pods still run (update.go cleanupHistory; stateful_set_control.go truncateHistory).
 */
import type { ControllerRevision } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { ApiServer, KubeObject } from '../api/api-server';
import { podTemplateHash } from '../api/names';
import { CONTROLLER_REVISION_HASH_LABEL, REVISION_HISTORY_LIMIT } from '../defaults';
import { controllerRef, copyOf, type WorkloadKind } from './workload-pods';

/** Where ControllerRevisions live in the store (etcd /registry/controllerrevisions/<ns>/<name>). */
export const CONTROLLER_REVISIONS = 'apps/v1/controllerrevisions';

/** A workload with a pod template and a revision history. */
export interface Revisioned extends KubeObject {
	spec?: { template: PodTemplateSpec; revisionHistoryLimit?: number };
}

/** The workload's revisions, oldest first (kubectl's historiesByRevision order). */
export function revisionsOf(api: ApiServer, owner: KubeObject): ControllerRevision[] {
	const uid = owner.metadata!.uid!;
	return api
		.list<ControllerRevision>(CONTROLLER_REVISIONS, owner.metadata!.namespace)
		.filter((r) => r.metadata?.ownerReferences?.some((o) => o.controller === true && o.uid === uid))
		.sort((a, b) => a.revision - b.revision);
}

/** The hash a revision was made for (its `controller-revision-hash` label). */
export function hashOf(revision: ControllerRevision): string {
	return revision.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
}

/** The pod template a revision restores (its data without the `$patch` directive). */
export function templateOf(revision: ControllerRevision): PodTemplateSpec {
	const data = revision.data as { spec?: { template?: Record<string, unknown> } } | undefined;
	const template = copyOf(data?.spec?.template ?? {});
	delete template['$patch'];
	return template as PodTemplateSpec;
}

/**
 * The revision of the owner's current template: the existing one (moved to the top of the
 * history if it is not there already) or a new one.
 */
export function syncRevision(
	api: ApiServer,
	kind: WorkloadKind,
	owner: Revisioned
): ControllerRevision {
	const template = owner.spec!.template;
	const hash = podTemplateHash(template);
	const history = revisionsOf(api, owner);
	const top = history.length === 0 ? 0 : history[history.length - 1]!.revision;
	const existing = history.filter((r) => hashOf(r) === hash);
	const current = existing[existing.length - 1];
	if (current !== undefined) {
		if (current.revision === top) return current;
		return api.update<ControllerRevision>(CONTROLLER_REVISIONS, {
			...current,
			revision: top + 1
		});
	}
	return api.create<ControllerRevision>(CONTROLLER_REVISIONS, {
		apiVersion: 'apps/v1',
		kind: 'ControllerRevision',
		metadata: {
			name: `${owner.metadata!.name}-${hash}`,
			namespace: owner.metadata!.namespace,
			labels: { ...template.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
			...(owner.metadata?.annotations ? { annotations: { ...owner.metadata.annotations } } : {}),
			ownerReferences: [controllerRef(kind, owner)]
		},
		data: { spec: { template: { ...copyOf(template), $patch: 'replace' } } },
		revision: top + 1
	});
}

/**
 * Deletes the oldest revisions beyond `revisionHistoryLimit`, keeping the live ones (`live`:
 * hashes that pods run or the controller still needs).
 */
export function truncateHistory(api: ApiServer, owner: Revisioned, live: Set<string>): void {
	const limit = owner.spec?.revisionHistoryLimit ?? REVISION_HISTORY_LIMIT;
	const history = revisionsOf(api, owner).filter((r) => !live.has(hashOf(r)));
	for (const old of history.slice(0, Math.max(0, history.length - limit)))
		api.remove(CONTROLLER_REVISIONS, old.metadata!.namespace!, old.metadata!.name!);
}

/** Deletes the revisions of a workload that is gone (what the garbage collector would do). */
export function deleteOrphanRevisions(
	api: ApiServer,
	kind: WorkloadKind,
	namespace: string,
	name: string
): void {
	for (const r of api.list<ControllerRevision>(CONTROLLER_REVISIONS, namespace)) {
		const ref = r.metadata?.ownerReferences?.find((o) => o.controller === true);
		if (ref?.kind === kind.kind && ref.name === name)
			api.remove(CONTROLLER_REVISIONS, namespace, r.metadata!.name!);
	}
}
