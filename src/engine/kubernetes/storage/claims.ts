/**
 * PersistentVolumeClaims as a StatefulSet makes them (pkg/controller/statefulset/stateful_set_utils.go
 * getPersistentVolumeClaims, getPersistentVolumeClaimName): one claim per volumeClaimTemplate and
 * ordinal, named `<template>-<set>-<ordinal>`, labelled with the set's selector, created before
 * the pod that mounts it. The StorageObjectInUseProtection admission plugin adds the
 * `kubernetes.io/pvc-protection` finalizer. The lab has no default StorageClass
 * (shared/corpus/SOURCES.md: "no default StorageClass"), so DefaultStorageClass leaves
 * storageClassName unset and the claim stays Pending.
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, PodSpec, Volume } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/api-server';
import { PVCS } from '../api/collections';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';

export function claimName(template: string, set: string, ordinal: number): string {
	return `${template}-${set}-${ordinal}`;
}

/** The claims a StatefulSet pod needs, as they should be stored. */
export function claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
	const setName = set.metadata!.name!;
	return (set.spec?.volumeClaimTemplates ?? []).map((template) => ({
		apiVersion: 'v1',
		kind: 'PersistentVolumeClaim',
		metadata: {
			name: claimName(template.metadata!.name!, setName, ordinal),
			namespace: set.metadata!.namespace,
			labels: { ...template.metadata?.labels, ...set.spec?.selector.matchLabels },
			...(template.metadata?.annotations
				? { annotations: { ...template.metadata.annotations } }
				: {}),
			finalizers: [PVC_PROTECTION_FINALIZER]
		},
		spec: { volumeMode: 'Filesystem', ...template.spec },
		status: { phase: 'Pending' }
	}));
}

/**
 * updateStorage: every claim template becomes a volume of the pod, replacing a template volume
 * of the same name.
 */
export function withClaimVolumes(spec: PodSpec, set: StatefulSet, ordinal: number): PodSpec {
	const templates = set.spec?.volumeClaimTemplates ?? [];
	if (templates.length === 0) return spec;
	const names = new Set(templates.map((t) => t.metadata!.name!));
	const claimVolumes: Volume[] = templates.map((t) => ({
		name: t.metadata!.name!,
		persistentVolumeClaim: { claimName: claimName(t.metadata!.name!, set.metadata!.name!, ordinal) }
	}));
	const others = (spec.volumes ?? []).filter((v) => !names.has(v.name));
	return { ...spec, volumes: [...claimVolumes, ...others] };
}

/** Creates the missing claims; returns the names it created. */
export function createMissingClaims(api: ApiServer, set: StatefulSet, ordinal: number): string[] {
	const created: string[] = [];
	for (const claim of claimsFor(set, ordinal)) {
		const ns = claim.metadata!.namespace ?? 'default';
		if (api.get(PVCS, ns, claim.metadata!.name!) !== undefined) continue;
		api.create<PersistentVolumeClaim>(PVCS, claim);
		created.push(claim.metadata!.name!);
	}
	return created;
}

/** A claim the PersistentVolume controller has bound to a volume. */
export function isBound(claim: PersistentVolumeClaim | undefined): boolean {
	return claim?.status?.phase === 'Bound' && Boolean(claim.spec?.volumeName);
}
