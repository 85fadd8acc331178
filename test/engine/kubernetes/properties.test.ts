/**
 * Properties over random clusters, workloads and faults (fast-check): no node is ever
 * over-committed on requests, the control plane's taint is never violated, and after the
 * faults heal every Deployment converges to its desired ready count.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { milliValue, quantityValue } from '../../../src/engine/kubernetes/scheduler/index';

interface Workload {
	replicas: number;
	cpuMilli: number;
	memMi: number;
}

function manifest(name: string, w: Workload): string {
	return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${w.replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        resources:
          requests: {cpu: ${w.cpuMilli}m, memory: ${w.memMi}Mi}
`;
}

const fault = fc.oneof(
	fc.record({ op: fc.constant('stop' as const), node: fc.integer({ min: 1, max: 5 }) }),
	fc.record({ op: fc.constant('start' as const), node: fc.integer({ min: 1, max: 5 }) }),
	fc.record({ op: fc.constant('cordon' as const), node: fc.integer({ min: 1, max: 5 }) }),
	fc.record({ op: fc.constant('advance' as const), seconds: fc.integer({ min: 1, max: 400 }) })
);

function json<T>(lab: Lab, line: string): T[] {
	return (JSON.parse(lab.exec(line).output) as { items: T[] }).items;
}

function checkInvariants(lab: Lab): void {
	const nodes = json<Node>(lab, 'kubectl get nodes -o json');
	const pods = json<Pod>(lab, 'kubectl get pods -o json');
	for (const node of nodes) {
		const name = node.metadata!.name!;
		const bound = pods.filter(
			(p) =>
				p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed'
		);
		const cpu = bound.reduce(
			(n, p) => n + milliValue(p.spec!.containers[0]!.resources!.requests!.cpu!),
			0
		);
		const mem = bound.reduce(
			(n, p) => n + quantityValue(p.spec!.containers[0]!.resources!.requests!.memory!),
			0
		);
		expect(cpu, `cpu on ${name}`).toBeLessThanOrEqual(milliValue(node.status!.allocatable!.cpu!));
		expect(mem, `memory on ${name}`).toBeLessThanOrEqual(
			quantityValue(node.status!.allocatable!.memory!)
		);
		expect(bound.length).toBeLessThanOrEqual(Number(node.status!.allocatable!.pods));
		if (name === 'control-plane') expect(bound, 'pods on the tainted control plane').toEqual([]);
	}
}

describe('kubernetes under random faults', () => {
	it('never over-commits a node, never violates the control-plane taint, and converges once healed', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 5 }),
				fc.array(
					fc.record({
						replicas: fc.integer({ min: 1, max: 5 }),
						cpuMilli: fc.integer({ min: 100, max: 1500 }),
						memMi: fc.integer({ min: 64, max: 2048 })
					}),
					{ minLength: 1, maxLength: 3 }
				),
				fc.array(fault, { maxLength: 8 }),
				fc.integer({ min: 0, max: 1000 }),
				(workers, workloads, faults, seed) => {
					const files = new Map(workloads.map((w, i) => [`w${i}.yaml`, manifest(`w${i}`, w)]));
					const lab = createLab({ seed, workers, readFile: (p) => files.get(p) });
					for (const f of files.keys()) lab.exec(`kubectl apply -f ${f}`);
					lab.advance(20_000);
					checkInvariants(lab);
					for (const f of faults) {
						if (f.op === 'advance') lab.advance(f.seconds * 1000);
						else if (f.node <= workers)
							lab.exec(
								`${f.op === 'cordon' ? 'kubectl cordon' : `sim node ${f.op}`} node-${f.node}`
							);
						checkInvariants(lab);
					}
					// Heal: every machine on, every node schedulable; then give the controllers time.
					for (let n = 1; n <= workers; n++) {
						lab.exec(`sim node start node-${n}`);
						lab.exec(`kubectl uncordon node-${n}`);
					}
					lab.advance(10 * 60_000);
					checkInvariants(lab);
					// Converge when the healthy cluster has room for every replica.
					const cpuNeed = workloads.reduce((n, w) => n + w.replicas * w.cpuMilli, 0);
					const memNeed = workloads.reduce((n, w) => n + w.replicas * w.memMi, 0);
					const fitsEasily =
						cpuNeed <= workers * 4000 * 0.6 &&
						memNeed <= workers * 7900 * 0.6 &&
						workloads.every((w) => w.replicas <= workers * 2);
					if (fitsEasily) {
						const text = lab.exec('kubectl get deployments').output;
						workloads.forEach((w, i) =>
							expect(text).toMatch(new RegExp(`^w${i}\\s+${w.replicas}/${w.replicas}\\s`, 'm'))
						);
					}
				}
			),
			{ numRuns: 40, seed: 20261125 }
		);
	}, 120_000);
});
