/**
 * The files the kubelet writes into a ConfigMap, Secret or projected volume, as `ls` of its
 * mount path lists them and `cat` reads them: a file per key (or per `items` path) of a
 * ConfigMap or Secret; a projected volume's files from each source (pkg/volume/projected
 * collectData): the service account token's path, a ConfigMap's or Secret's keys, the downward
 * API's item paths. The ServiceAccount admission plugin's token volume thus holds
 * `ca.crt`, `namespace` and `token`.
 */
import type { KeyToPath, Pod, Volume } from 'kubernetes-types/core/v1';

/** The names of the volume's files (sorted, as `ls` prints them), or undefined for another kind. */
export function volumeFileNames(
	volume: Volume,
	keysOf: (kind: 'configmap' | 'secret', name: string) => readonly string[] | undefined
): string[] | undefined {
	const names = (items: KeyToPath[] | undefined, keys: readonly string[] | undefined) =>
		items !== undefined ? items.map((i) => i.path) : [...(keys ?? [])];
	let files: string[];
	if (volume.configMap)
		files = names(volume.configMap.items, keysOf('configmap', volume.configMap.name ?? ''));
	else if (volume.secret)
		files = names(volume.secret.items, keysOf('secret', volume.secret.secretName ?? ''));
	else if (volume.projected) {
		files = [];
		for (const s of volume.projected.sources ?? []) {
			if (s.serviceAccountToken) files.push(s.serviceAccountToken.path);
			else if (s.configMap)
				files.push(...names(s.configMap.items, keysOf('configmap', s.configMap.name ?? '')));
			else if (s.secret)
				files.push(...names(s.secret.items, keysOf('secret', s.secret.name ?? '')));
			else if (s.downwardAPI) files.push(...(s.downwardAPI.items ?? []).map((i) => i.path));
		}
	} else return undefined;
	// ls sorts its names byte by byte (the C locale busybox and the images use).
	return [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A projected volume's downward API file: the pod's namespace or name (the fields the lab's
 * pods are asked for), else undefined. The token itself (a signed JWT) and the cluster's CA
 * certificate are not files the lab can write truthfully.
 */
export function projectedDownwardFile(pod: Pod, volume: Volume, path: string): string | undefined {
	for (const s of volume.projected?.sources ?? []) {
		const item = s.downwardAPI?.items?.find((i) => i.path === path);
		if (item === undefined) continue;
		const field = item.fieldRef?.fieldPath;
		if (field === 'metadata.namespace') return pod.metadata?.namespace ?? 'default';
		if (field === 'metadata.name') return pod.metadata?.name ?? '';
	}
	return undefined;
}
