/**
 * snapshot().units: one entry per pod, saying what `kubectl get pods -o wide` says (name,
 * STATUS, RESTARTS count, NODE), through failures, evictions and time travel.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../src/engine/index';
import type { Lab } from '../../src/engine/types';

function run(lab: Lab, lines: readonly string[]) {
	for (const line of lines) expect(lab.exec(line).ok, line).toBe(true);
}

/** `kubectl get pods -o wide` as {name, status, restarts, node} rows. */
function kubectlPods(lab: Lab) {
	const result = lab.exec('kubectl get pods -o wide');
	expect(result.ok).toBe(true);
	const [header, ...rows] = result.output.trimEnd().split('\n');
	const at = (name: string) => header!.indexOf(name);
	const cell = (row: string, name: string, next: string) => row.slice(at(name), at(next)).trim();
	return rows.map((row) => ({
		name: cell(row, 'NAME', 'READY'),
		status: cell(row, 'STATUS', 'RESTARTS'),
		restarts: Number(cell(row, 'RESTARTS', 'AGE').split(' ')[0]),
		node: cell(row, 'NODE', 'NOMINATED NODE')
	}));
}

function unitsAsRows(lab: Lab) {
	return lab.snapshot().units.map((u) => ({
		name: u.name,
		status: u.status,
		restarts: u.restarts,
		node: u.node ?? '<none>'
	}));
}

describe('snapshot units', () => {
	it('agree with kubectl get pods through cordons, an eviction and a bad image', () => {
		const lab = createLab({ seed: 3 });
		const steps: string[][] = [
			['kubectl create deployment web --image=nginx --replicas=3'],
			['sim advance 1s'],
			['sim advance 30s'],
			[
				'kubectl cordon node-1',
				'kubectl cordon node-2',
				'kubectl cordon node-3',
				'kubectl scale deployment web --replicas=5'
			],
			['sim advance 5s'],
			[
				'kubectl uncordon node-1',
				'kubectl uncordon node-2',
				'kubectl uncordon node-3',
				'sim advance 10s'
			],
			['sim node stop node-3', 'sim advance 7m'],
			['kubectl set image deployment/web nginx=nginx:nope', 'sim advance 30s']
		];
		const statuses = new Set<string>();
		for (const step of steps) {
			run(lab, step);
			const rows = unitsAsRows(lab);
			expect(rows).toEqual(kubectlPods(lab));
			for (const row of rows) statuses.add(row.status);
		}
		// The run went through the states the views must draw.
		for (const status of ['ContainerCreating', 'Running', 'Pending', 'Terminating']) {
			expect(statuses, status).toContain(status);
		}
		expect([...statuses].some((s) => /ErrImagePull|ImagePullBackOff/.test(s))).toBe(true);
	});

	it('name the owning ReplicaSet and count restarts after a crash', () => {
		const lab = createLab({ seed: 5 });
		run(lab, ['kubectl create deployment api --image=nginx --replicas=1', 'sim advance 10s']);
		const pod = lab.snapshot().units[0]!;
		expect(pod.owner).toMatch(/^ReplicaSet\/api-[a-z0-9]+$/);
		expect(pod.ready).toBe(true);
		run(lab, [`sim crash pod ${pod.name}`, 'sim advance 30s']);
		const after = lab.snapshot().units.find((u) => u.name === pod.name)!;
		expect(after.restarts).toBeGreaterThanOrEqual(1);
	});

	it('follow time travel, and are reused while a pod does not change', () => {
		const lab = createLab({ seed: 9 });
		run(lab, ['kubectl create deployment web --image=nginx --replicas=2', 'sim advance 1m']);
		const later = lab.snapshot();
		lab.seek(0);
		// At 00:00 the pods exist and are bound, but no container runs yet.
		expect(lab.snapshot().units.map((u) => [u.status, u.ready])).toEqual([
			['ContainerCreating', false],
			['ContainerCreating', false]
		]);
		lab.seek(60_000);
		expect(lab.snapshot().units).toEqual(later.units);
		const before = lab.snapshot();
		lab.advance(1_000);
		// Nothing happened to the pods in that second: a new snapshot, the very same unit objects.
		const next = lab.snapshot();
		expect(next).not.toBe(before);
		expect(next.t).toBe(61_000);
		expect(next.units).toHaveLength(2);
		next.units.forEach((unit, i) => expect(unit).toBe(before.units[i]));
		expect(Object.isFrozen(next.units[0])).toBe(true);
	});
});

describe('snapshot units of a swarm', () => {
	it('are the tasks docker service ps lists as current, and the old one still running on a Down node', () => {
		const lab = createLab({ flavor: 'swarm', seed: 2 });
		run(lab, ['docker service create --name web --replicas 3 nginx:1.27', 'sim advance 20s']);
		const running = lab.snapshot().units;
		expect(running.map((u) => [u.name, u.status, u.ready]).sort()).toEqual([
			['web.1', 'Running', true],
			['web.2', 'Running', true],
			['web.3', 'Running', true]
		]);
		const lost = running.find((u) => u.node === 'worker-1')!;
		run(lab, ['sim node stop worker-1', 'sim advance 30s']);
		const after = lab.snapshot().units.filter((u) => u.name === lost.name);
		// The old task never reported its end (its node is Down); its replacement runs elsewhere.
		expect(after).toHaveLength(2);
		const replacement = after.find((u) => u.id !== lost.id)!;
		expect(replacement.node).not.toBe('worker-1');
		expect(replacement.status).toBe('Running');
		expect(replacement.restarts).toBe(1);
		expect(new Set(lab.snapshot().units.map((u) => u.id)).size).toBe(lab.snapshot().units.length);
	});
});
