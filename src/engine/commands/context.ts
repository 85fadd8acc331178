/** What a command may see and do in a lab: the kernel, the cluster, and the lab's controls. */
import type { Kernel } from '../core/kernel';
import type { Hosts } from '../core/hosts';
import type { KubernetesCluster } from '../kubernetes/cluster';
import type { SwarmCluster } from '../swarm/cluster';
import type { ExecResult, Flavor, LabLang } from '../types';

export interface CommandContext {
	readonly flavor: Flavor;
	readonly seed: number;
	readonly kernel: Kernel;
	readonly hosts: Hosts;
	readonly kubernetes?: KubernetesCluster;
	readonly swarm?: SwarmCluster;
	/** The language of the lab's own help (LabOptions.lang); English when unset. */
	readonly lang?: LabLang;
	/** Runs the simulation forward (`sim advance`). */
	advance(ms: number): void;
	/** Starts the lab again from time 0 with another seed (`sim seed N`). */
	reseed(seed: number): void;
	/** A file named on the command line, or undefined when there is no such file. */
	readFile(path: string): string | undefined;
	/** A folder's entries (a subfolder's name ends in `/`), or undefined when it is no folder. */
	readDir(path: string): readonly string[] | undefined;
}

/** A command's answer. `mutates` marks lines that changed the lab, so time travel replays them. */
export interface CommandResult extends ExecResult {
	mutates?: boolean;
}

export function ok(output = '', mutates = false): CommandResult {
	return { ok: true, output, mutates };
}

/** A failed line; `mutates` when it changed the lab before failing (kubectl's ContinueOnError). */
export function fail(error: string, output = '', mutates = false): CommandResult {
	return { ok: false, output, error: error.endsWith('\n') ? error : error + '\n', mutates };
}
