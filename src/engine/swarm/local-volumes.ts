/**
 * Each docker daemon's own volumes (`docker volume ls`). Volumes are local to a machine: a
 * service's named volume is made on each node where one of its containers is created (moby
 * daemon/cluster/executor: the mount's volume is created with the container, labels and driver
 * from its VolumeOptions), and it stays when the task and even the service are gone. Lab state:
 * it registers with the kernel, so checkpoints and seek restore it.
 */
import { perLab } from '../core/per-lab';
import { ownValue } from '../core/own-keys';

export interface LocalVolume {
	readonly Name: string;
	readonly Driver: string;
	/** null for a volume a mount made without labels, as the daemon reports it. */
	readonly Labels: Readonly<Record<string, string>> | null;
	readonly Options: Readonly<Record<string, string>> | null;
	/** Lab milliseconds. */
	readonly createdAt: number;
}

type HostVolumes = Readonly<Record<string, LocalVolume>>;

export class LocalVolumes {
	/** Replaced, never changed in place, so a checkpoint can share it. */
	private hosts = new Map<string, HostVolumes>();

	list(host: string): LocalVolume[] {
		return Object.values(this.hosts.get(host) ?? {});
	}

	get(host: string, name: string): LocalVolume | undefined {
		return ownValue(this.hosts.get(host), name);
	}

	/** Creates the volume unless the daemon has one of that name (which is then returned). */
	ensure(host: string, volume: LocalVolume): LocalVolume {
		const existing = this.get(host, volume.Name);
		if (existing !== undefined) return existing;
		this.hosts.set(host, { ...(this.hosts.get(host) ?? {}), [volume.Name]: volume });
		return volume;
	}

	remove(host: string, name: string): void {
		const volumes = { ...(this.hosts.get(host) ?? {}) };
		delete volumes[name];
		this.hosts.set(host, volumes);
	}

	save(): Map<string, HostVolumes> {
		return new Map(this.hosts);
	}

	load(state: unknown): void {
		this.hosts = new Map(state instanceof Map ? (state as Map<string, HostVolumes>) : []);
	}
}

/** The lab's local volume stores (one per lab, in its checkpoints). */
export const localVolumes = perLab('volumes.local', () => new LocalVolumes());
