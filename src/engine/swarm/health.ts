/**
 * A task container's healthcheck, as the Docker daemon runs it (moby daemon/health.go): the
 * probe schedule, the failing streak, and whether a probe command passes. The agent
 * (./agent.ts) drives it; the executor reacts to the results (daemon/cluster/executor/container/
 * controller.go: STARTING until the first healthy result, then stopped when unhealthy).
 */
import { HEALTH_INTERVAL_MS, HEALTH_RETRIES, HEALTH_START_INTERVAL_MS } from './defaults';
import type { ContainerSpec, HealthConfig } from './spec';

/** A container's health (types.Health: Status, FailingStreak) and when its process started. */
export interface HealthRun {
	status: 'starting' | 'healthy' | 'unhealthy';
	streak: number;
	startedAt: number;
}

/** The container's healthcheck, or undefined when it has none (no test, or `NONE`). */
export function healthcheckOf(spec: ContainerSpec): HealthConfig | undefined {
	const health = spec.Healthcheck;
	const test = health?.Test ?? [];
	if (health === undefined || test.length === 0 || test[0] === 'NONE') return undefined;
	return health;
}

const ms = (ns: number | undefined, fallback: number) =>
	ns !== undefined && ns > 0 ? Math.round(ns / 1e6) : fallback;

/**
 * The wait before the next probe (health.go monitor's getInterval): the start interval while
 * the start period lasts and the status is still `starting`, else the interval.
 */
export function probeIntervalMs(health: HealthConfig, run: HealthRun, now: number): number {
	const startPeriod = ms(health.StartPeriod, 0);
	if (now - run.startedAt < startPeriod && run.status === 'starting')
		return ms(health.StartInterval, HEALTH_START_INTERVAL_MS);
	return ms(health.Interval, HEALTH_INTERVAL_MS);
}

/**
 * One probe result (health.go handleProbeResult): a pass makes the container healthy and resets
 * the streak; a failure counts unless the container is still starting within its start period,
 * and `retries` failures in a row make it unhealthy.
 */
export function recordProbe(
	health: HealthConfig,
	run: HealthRun,
	passed: boolean,
	now: number
): HealthRun {
	if (passed) return { ...run, status: 'healthy', streak: 0 };
	if (run.status === 'starting' && now - run.startedAt < ms(health.StartPeriod, 0)) return run;
	const streak = run.streak + 1;
	const retries =
		health.Retries !== undefined && health.Retries > 0 ? health.Retries : HEALTH_RETRIES;
	return { ...run, streak, status: streak >= retries ? 'unhealthy' : run.status };
}

/**
 * Whether the probe command passes in a container that listens on `listens` (undefined: the
 * lab does not know, so any port answers). Known: `exit N`, `true`, `false`, `curl`/`wget` to
 * the container itself (localhost, 127.0.0.1) on a port it listens on, and `A || B`, `A && B`.
 * Anything else passes, as a check of a healthy container would. `unhealthy`: `sim unhealthy`
 * made the container fail every check from now on.
 */
export function probePasses(
	test: readonly string[],
	listens: readonly number[] | undefined,
	unhealthy: boolean
): boolean {
	if (unhealthy) return false;
	const [kind, ...rest] = test;
	const line = kind === 'CMD-SHELL' ? (rest[0] ?? '') : rest.join(' ');
	return shellPasses(line, listens);
}

function shellPasses(line: string, listens: readonly number[] | undefined): boolean {
	const or = line.split('||');
	if (or.length > 1) return or.some((part) => shellPasses(part, listens));
	const and = line.split('&&');
	if (and.length > 1) return and.every((part) => shellPasses(part, listens));
	return simplePasses(line.trim().split(/\s+/), listens);
}

function simplePasses(argv: readonly string[], listens: readonly number[] | undefined): boolean {
	const [cmd, ...args] = argv;
	const name = (cmd ?? '').split('/').pop();
	if (name === 'true' || name === ':') return true;
	if (name === 'false') return false;
	if (name === 'exit') return (args[0] ?? '0') === '0';
	if (name === 'curl' || name === 'wget') {
		const url = args.find((a) => /^(https?:\/\/)?(localhost|127\.0\.0\.1)\b/.test(a));
		if (url === undefined) return true;
		const m = /^(https?:\/\/)?[^/:]+(?::(\d+))?/.exec(url)!;
		const port = m[2] !== undefined ? Number(m[2]) : url.startsWith('https') ? 443 : 80;
		return listens === undefined || listens.includes(port);
	}
	return true;
}
