/** Shared reading of a swarm lab from the outside: the docker CLI's JSON lines, the trace. */
import { expect } from 'vitest';
import type { Lab, TraceEvent } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';
import type { SwarmTask } from '../../../src/engine/swarm/objects';
import type { TaskSpec } from '../../../src/engine/swarm/spec';

export interface PsRow {
	ID: string;
	Name: string;
	Image: string;
	Node: string;
	DesiredState: string;
	CurrentState: string;
	Error: string;
	Ports: string;
}

/**
 * `docker service ps --no-trunc --format '{{json .}}'`, one object a task; the image without
 * the digest the CLI pinned it to (what `docker service ps` shows without --no-trunc).
 */
export function ps(lab: Lab, service: string): PsRow[] {
	return succeeds(lab, `docker service ps --no-trunc --format '{{json .}}' ${service}`)
		.output.split('\n')
		.filter((l) => l !== '')
		.map((l) => JSON.parse(l) as PsRow)
		.map((r) => ({ ...r, Image: r.Image.replace(/@sha256:[0-9a-f]{64}$/, '') }));
}

/** The tasks that run now (current state Running, desired Running). */
export function running(lab: Lab, service: string): PsRow[] {
	return ps(lab, service).filter(
		(r) => r.DesiredState === 'Running' && r.CurrentState.startsWith('Running')
	);
}

export function events(lab: Lab, kind: string, since = 0): TraceEvent[] {
	return lab.events(since).filter((e) => e.kind === kind);
}

export function inspect(lab: Lab, service: string): Record<string, unknown> {
	const list = JSON.parse(succeeds(lab, `docker service inspect ${service}`).output) as Record<
		string,
		unknown
	>[];
	expect(list).toHaveLength(1);
	return list[0]!;
}

export function updateStatus(
	lab: Lab,
	service: string
): { State: string; Message: string } | undefined {
	return inspect(lab, service).UpdateStatus as { State: string; Message: string } | undefined;
}

/** Advances in steps until `done` holds (or fails after `maxMs`). */
export function until(lab: Lab, done: () => boolean, maxMs = 120_000, stepMs = 500): void {
	for (let t = 0; t <= maxMs; t += stepMs) {
		if (done()) return;
		lab.advance(stepMs);
	}
	expect(done(), 'condition never held').toBe(true);
}

/** A task object for the scheduler's and the enforcer's own functions: pending, on no node. */
export function taskFixture(
	spec: Partial<TaskSpec> = {},
	extra: Partial<SwarmTask> = {}
): SwarmTask {
	return {
		ID: 't',
		Version: { Index: 1 },
		CreatedAt: '',
		UpdatedAt: '',
		Labels: {},
		Spec: { ContainerSpec: { Image: 'nginx' }, ...spec },
		SpecVersion: { Index: 1 },
		ServiceID: 's',
		Slot: 1,
		NodeID: '',
		Status: { Timestamp: '', State: 'pending', Message: '' },
		DesiredState: 'running',
		...extra
	};
}
