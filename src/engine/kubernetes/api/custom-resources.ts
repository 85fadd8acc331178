/**
 * The apiextensions-apiserver inside kube-apiserver, for the lab: CustomResourceDefinitions are
 * stored like any cluster-scoped object, and the controllers that act on them answer at once
 * (the lab has one API server and no name conflicts to wait for):
 * - the naming controller (pkg/controller/status/naming_controller.go) accepts the names:
 *   status.acceptedNames, condition NamesAccepted True / NoConflicts "no conflicts found";
 * - the establishing controller (pkg/controller/establish) marks the CRD Established True /
 *   InitialNamesAccepted "the initial names have been accepted";
 * - storedVersions gains the storage version (the CRD strategy's PrepareForCreate/Update);
 * - the finalizer controller (pkg/controller/finalizer/crd_finalizer.go) deletes every custom
 *   object before the CRD goes (`customresourcecleanup.apiextensions.k8s.io`).
 * No controller acts on the custom objects themselves: without an operator they are stored data.
 */
import type {
	CustomResourceDefinition,
	CustomResourceDefinitionCondition
} from 'kubernetes-types/apiextensions/v1';
import type { Kernel } from '../../core/kernel';
import type { Store } from '../../core/store';
import { customKindOf, type CustomKind } from '../../manifests/custom-kinds';

/** The CRDs' collection (`${group}/${version}/${resource}`, as apply's collectionFor names it). */
export const CRDS = 'apiextensions.k8s.io/v1/customresourcedefinitions';

/** The CRD with the status its controllers give it by `now` (an RFC 3339 time). */
export function withCrdStatus<T extends object>(object: T, now: string, previous?: T): T {
	const crd = object as unknown as CustomResourceDefinition;
	const stored = previous as unknown as CustomResourceDefinition | undefined;
	const names = crd.spec?.names;
	const before = stored?.status?.conditions ?? [];
	const condition = (
		type: string,
		reason: string,
		message: string
	): CustomResourceDefinitionCondition => ({
		// A condition keeps its transition time while its status stays the same.
		lastTransitionTime: before.find((c) => c.type === type)?.lastTransitionTime ?? now,
		message,
		reason,
		status: 'True',
		type
	});
	const storage = crd.spec?.versions?.find((v) => v.storage)?.name;
	const stored_ = stored?.status?.storedVersions ?? [];
	const next: CustomResourceDefinition = {
		...crd,
		status: {
			acceptedNames: { ...names!, kind: names?.kind ?? '', plural: names?.plural ?? '' },
			conditions: [
				condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
				condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted')
			],
			storedVersions:
				storage === undefined || stored_.includes(storage) ? stored_ : [...stored_, storage]
		}
	};
	return next as unknown as T;
}

/** The kinds the cluster's established CRDs serve now (what discovery lists). */
export function servedCustomKinds(store: Store): CustomKind[] {
	return store
		.list<CustomResourceDefinition>(CRDS)
		.filter((crd) =>
			crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')
		)
		.map(customKindOf);
}

/**
 * The CRD finalizer: every object of the kind is deleted, then the CRD itself (the lab does
 * both at once: nothing else holds a custom object's deletion back).
 */
export function deleteCustomObjects(kernel: Kernel, crd: CustomResourceDefinition): void {
	const collection = customKindOf(crd).collection;
	for (const object of kernel.store.list<{ metadata?: { namespace?: string; name?: string } }>(
		collection
	)) {
		const { namespace, name } = object.metadata ?? {};
		kernel.store.delete(collection, namespace ? `${namespace}/${name}` : (name ?? ''));
	}
}
