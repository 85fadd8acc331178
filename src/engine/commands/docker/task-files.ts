/**
 * The files the daemon puts into a swarm task's container that `docker exec … cat` can read:
 * `/etc/hostname`, each secret the task refers to, at `/run/secrets/<target>` unless its target
 * is absolute, and each config at its target (`/<target>` when relative). moby
 * daemon/container_operations_unix.go getSecretTargetPath / getConfigTargetPath
 * (containerSecretMountPath `/run/secrets/`, containerConfigMountPath `/`); the content is the
 * object's data (docs.docker.com engine/swarm/secrets: "cat /run/secrets/my_secret_data").
 */
import type { Kernel } from '../../core/kernel';
import { base64Decode } from '../../manifests/base64';
import {
	SWARM_CONFIGS,
	SWARM_SECRETS,
	type SwarmSecret,
	type SwarmTask
} from '../../swarm/objects';
import type { ReferenceSpec } from '../../swarm/spec';

/** Where secrets go; a file missing there is a missing file, not one the lab does not know. */
export const SECRETS_DIR = '/run/secrets';

function targetPath(dir: string, name: string): string {
	if (name.startsWith('/')) return name;
	return `${dir.replace(/\/$/, '')}/${name}`;
}

function dataOf(kernel: Kernel, collection: string, id: string | undefined): string | undefined {
	if (id === undefined) return undefined;
	const object = kernel.store.get<SwarmSecret>(collection, id);
	return object?.Spec.Data === undefined ? undefined : base64Decode(object.Spec.Data);
}

function place(
	files: Map<string, string>,
	refs: readonly ReferenceSpec[] | undefined,
	dir: string,
	read: (ref: ReferenceSpec) => string | undefined
): void {
	for (const ref of refs ?? []) {
		const name = ref.File?.Name;
		const data = read(ref);
		if (name !== undefined && data !== undefined) files.set(targetPath(dir, name), data);
	}
}

/** The task's container files by path. */
export function taskFiles(kernel: Kernel, task: SwarmTask, hostname: string): Map<string, string> {
	const files = new Map<string, string>([['/etc/hostname', `${hostname}\n`]]);
	const spec = task.Spec.ContainerSpec;
	place(files, spec.Configs, '/', (r) => dataOf(kernel, SWARM_CONFIGS, r.ConfigID));
	place(files, spec.Secrets, SECRETS_DIR, (r) => dataOf(kernel, SWARM_SECRETS, r.SecretID));
	return files;
}
