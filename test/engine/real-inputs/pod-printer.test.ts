/**
 * `kubectl get pods` READY / STATUS / RESTARTS for pods with init containers, sidecars,
 * scheduling gates and readiness gates: printers.go printPod (kubectl v1.35). Found by running
 * kubernetes/website examples (pods/init-containers.yaml, application/deployment-sidecar.yaml,
 * pods/pod-with-scheduling-gates.yaml) through the lab.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { createLab } from '../../../src/engine/index';
import { POD_PRINTER } from '../../../src/engine/commands/kubectl/workload-printers';
import { LAB_EPOCH_MS } from '../../../src/engine/core/time';
import { succeeds } from '../lab-helpers';

const at = (ms: number) => new Date(LAB_EPOCH_MS + ms).toISOString().replace('.000Z', 'Z');

const running = (name: string, ready = true): ContainerStatus => ({
	name,
	image: 'busybox',
	imageID: '',
	ready,
	restartCount: 0,
	started: true,
	state: { running: { startedAt: at(0) } }
});

const completed = (name: string): ContainerStatus => ({
	name,
	image: 'busybox',
	imageID: '',
	ready: false,
	restartCount: 0,
	state: { terminated: { exitCode: 0, reason: 'Completed' } }
});

const condition = (type: string, status: string, reason?: string): PodCondition => ({
	type,
	status,
	...(reason ? { reason } : {})
});

function pod(options: {
	inits?: Container[];
	initStatuses?: ContainerStatus[];
	statuses?: ContainerStatus[];
	conditions?: PodCondition[];
	phase?: string;
	readinessGates?: string[];
}): Pod {
	return {
		metadata: { name: 'p', creationTimestamp: at(0) },
		spec: {
			containers: [{ name: 'app', image: 'nginx' }],
			...(options.inits ? { initContainers: options.inits } : {}),
			...(options.readinessGates
				? { readinessGates: options.readinessGates.map((conditionType) => ({ conditionType })) }
				: {})
		},
		status: {
			phase: options.phase ?? 'Pending',
			conditions: options.conditions ?? [],
			...(options.initStatuses ? { initContainerStatuses: options.initStatuses } : {}),
			...(options.statuses ? { containerStatuses: options.statuses } : {})
		}
	};
}

/** NAME READY STATUS RESTARTS AGE at 60s. */
const row = (p: Pod, wide = false) => POD_PRINTER.row(p, 60_000, wide);

describe('kubectl get pods: init containers (printPod)', () => {
	const install: Container = { name: 'install', image: 'busybox:1.28' };

	it('shows Init:0/1 while the only init container runs, and counts no app container ready', () => {
		const p = pod({
			inits: [install],
			initStatuses: [running('install', false)],
			statuses: [
				{
					...running('app', false),
					started: false,
					state: { waiting: { reason: 'PodInitializing' } }
				}
			],
			conditions: [condition('Initialized', 'False', 'ContainersNotInitialized')]
		});
		expect(row(p).slice(1, 3)).toEqual(['0/1', 'Init:0/1']);
	});

	it('shows Init:1/2 after the first of two init containers completed', () => {
		const p = pod({
			inits: [install, { name: 'second', image: 'busybox:1.28' }],
			initStatuses: [completed('install'), running('second', false)],
			conditions: [condition('Initialized', 'False')]
		});
		expect(row(p)[2]).toBe('Init:1/2');
	});

	it('shows Init:<reason> for a crash-looping init container and counts its restarts', () => {
		const crashing: ContainerStatus = {
			name: 'install',
			image: 'busybox:1.28',
			imageID: '',
			ready: false,
			restartCount: 3,
			state: { waiting: { reason: 'CrashLoopBackOff' } },
			lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: at(45_000) } }
		};
		const p = pod({ inits: [install], initStatuses: [crashing] });
		expect(row(p).slice(1, 4)).toEqual(['0/1', 'Init:CrashLoopBackOff', '3 (15s ago)']);
	});

	it('shows Init:Error, or Init:ExitCode:N when the runtime gave no reason', () => {
		const failed = (reason?: string): ContainerStatus => ({
			...completed('install'),
			state: { terminated: { exitCode: 2, ...(reason ? { reason } : {}) } }
		});
		expect(row(pod({ inits: [install], initStatuses: [failed('Error')] }))[2]).toBe('Init:Error');
		expect(row(pod({ inits: [install], initStatuses: [failed()] }))[2]).toBe('Init:ExitCode:2');
	});

	it('falls through to the app containers once initialization is done', () => {
		const p = pod({
			inits: [install],
			initStatuses: [completed('install')],
			statuses: [running('app')],
			conditions: [condition('Initialized', 'True'), condition('Ready', 'True')],
			phase: 'Running'
		});
		expect(row(p).slice(1, 4)).toEqual(['1/1', 'Running', '0']);
	});
});

describe('kubectl get pods: sidecars, scheduling gates, readiness gates (printPod)', () => {
	const logshipper: Container = { name: 'logshipper', image: 'alpine', restartPolicy: 'Always' };

	it('counts a started sidecar (init container with restartPolicy Always) in READY', () => {
		const p = pod({
			inits: [logshipper],
			initStatuses: [running('logshipper')],
			statuses: [running('app')],
			conditions: [condition('Initialized', 'True'), condition('Ready', 'True')],
			phase: 'Running'
		});
		expect(row(p).slice(1, 3)).toEqual(['2/2', 'Running']);
	});

	it('shows SchedulingGated for a pod held by schedulingGates', () => {
		const p = pod({ conditions: [condition('PodScheduled', 'False', 'SchedulingGated')] });
		expect(row(p).slice(1, 3)).toEqual(['0/1', 'SchedulingGated']);
	});

	it('prints READINESS GATES as met/total in wide output', () => {
		const p = pod({
			readinessGates: ['example.com/feature-1', 'example.com/feature-2'],
			conditions: [condition('example.com/feature-1', 'True')]
		});
		expect(row(p, true).at(-1)).toBe('1/2');
		expect(row(pod({}), true).at(-1)).toBe('<none>');
	});

	it('gives the website sidecar Deployment a READY total of 2', () => {
		const fixture = readFileSync(join(__dirname, 'fixtures', 'deployment-sidecar.yaml'), 'utf8');
		const lab = createLab({
			seed: 1,
			workers: 3,
			readFile: (p) => (p === 'deployment-sidecar.yaml' ? fixture : undefined)
		});
		succeeds(lab, 'kubectl apply -f deployment-sidecar.yaml');
		lab.advance(30_000);
		const line = succeeds(lab, 'kubectl get pods').output.split('\n')[1]!;
		expect(line.split(/\s+/)[1]).toMatch(/^\d\/2$/);
	});
});
