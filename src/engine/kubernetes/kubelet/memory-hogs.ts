/**
 * Programs whose point is to use memory: `stress` (polinux/stress, progrium/stress: the
 * "Assign Memory Resources" task's image) and `stress-ng`. Each `--vm` worker allocates
 * `--vm-bytes` and touches every page at once; past the container's `resources.limits.memory`
 * the cgroup's OOM killer ends the container (./container-program.ts `oom` step).
 */
import type { Container } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../../manifests/quantity';
import { OOM_KILL_MS } from '../defaults';
import type { Step } from './container-program';

/** What a memory hog does: its steps, and how its run ends. */
export interface Hog {
	steps: Step[];
	then: 'exit' | 'serve';
}

/**
 * stress.c: `--vm`/`-m` workers, `--vm-bytes` each (default 256 MiB), `--timeout`/`-t` seconds.
 * Sizes take B/K/M/G, powers of 1024 (stress.c atoll_b); stress-ng's man page: "mmap N bytes
 * per vm worker, the default is 256MB", the same suffixes.
 */
interface HogArgs {
	workers: number;
	bytes: number;
	timeoutS?: number;
	/** An option it rejects: stress prints `FAIL` and exits 1. */
	bad: boolean;
}

const DEFAULT_VM_BYTES = 256 * 1024 * 1024;

function sizeOf(text: string | undefined): number {
	// stress-ng's share of the available memory: not weighed against the limit here.
	if (/^\d+%$/.test(text ?? '')) return 0;
	const m = /^(\d+)([bBkKmMgG]?)$/.exec(text ?? '');
	if (!m) return NaN;
	const shift = { '': 0, b: 0, k: 10, m: 20, g: 30 }[m[2]!.toLowerCase()] ?? 0;
	return Number(m[1]) * 2 ** shift;
}

/** stress.c atoll_s: seconds, or a number with s/m/h/d/y. */
function secondsOf(text: string | undefined): number {
	const m = /^(\d+)([sSmMhHdDyY]?)$/.exec(text ?? '');
	if (!m) return NaN;
	const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400, y: 31_536_000 }[m[2]!.toLowerCase()] ?? 1;
	return Number(m[1]) * unit;
}

/** The other options that take a value (skipped with it). */
const VALUED = new Set([
	'--vm-hang',
	'--vm-stride',
	'--cpu',
	'-c',
	'--io',
	'-i',
	'--hdd',
	'-d',
	'--hdd-bytes',
	'--backoff'
]);

function parseArgs(args: readonly string[]): HogArgs {
	const out: HogArgs = { workers: 0, bytes: DEFAULT_VM_BYTES, bad: false };
	for (let i = 0; i < args.length; i++) {
		const a = args[i]!;
		// stress-ng also takes `--vm-bytes=250M`.
		const [flag, inline] = a.includes('=')
			? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
			: [a, undefined];
		const value = () => inline ?? args[++i];
		if (flag === '--vm' || flag === '-m') out.workers = Number(value());
		else if (flag === '--vm-bytes') out.bytes = sizeOf(value());
		else if (flag === '--timeout' || flag === '-t') out.timeoutS = secondsOf(value());
		else if (VALUED.has(flag)) value();
	}
	if (!Number.isFinite(out.workers) || !Number.isFinite(out.bytes)) out.bad = true;
	if (out.timeoutS !== undefined && !Number.isFinite(out.timeoutS)) out.bad = true;
	return out;
}

/** The container's memory limit in bytes, or undefined when it has none. */
export function memoryLimit(container: Container): number | undefined {
	const text = container.resources?.limits?.memory;
	if (text === undefined) return undefined;
	const q = parseQuantity(String(text));
	return 'error' in q ? undefined : Number(q.milli / 1000n);
}

/** The program of `stress`/`stress-ng ARGS` in `container`, or undefined for other commands. */
export function memoryHog(
	cmd: string,
	args: readonly string[],
	container: Container
): Hog | undefined {
	if (cmd !== 'stress' && cmd !== 'stress-ng') return undefined;
	const a = parseArgs(args);
	if (a.bad) return { steps: [{ op: 'status', code: 1 }], then: 'exit' };
	const limit = memoryLimit(container);
	// memory.oom.group is set on container cgroups (cgroup v2; kubelet singleProcessOOMKill
	// false by default), so the whole container is killed, not just the worker: exit 137.
	if (limit !== undefined && a.workers * a.bytes > limit)
		return { steps: [{ op: 'sleep', ms: OOM_KILL_MS }, { op: 'oom' }], then: 'exit' };
	// Within the limit: it runs until its timeout (workers end on SIGALRM, stress exits 0), or on.
	if (a.timeoutS !== undefined)
		return {
			steps: [
				{ op: 'sleep', ms: a.timeoutS * 1000 },
				{ op: 'status', code: 0 }
			],
			then: 'exit'
		};
	return { steps: [], then: 'serve' };
}
