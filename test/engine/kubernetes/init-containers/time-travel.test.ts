/**
 * Time travel across init steps: a lab sought back to any moment (mid pull, mid init container,
 * mid back-off) holds exactly what a straight run had then, and goes on the same way — the
 * kubelet's init state lives in its checkpointed runs and queue entries only.
 */
import { describe, expect, it } from 'vitest';
import type { Lab } from '../../../../src/engine/index';
import { succeeds } from '../../lab-helpers';
import { labWith } from './helpers';

const FAILING = `apiVersion: v1
kind: Pod
metadata:
  name: init-fail
spec:
  containers:
  - name: app
    image: busybox:1.28
    command: ['sleep', '3600']
  initContainers:
  - name: init-b
    image: busybox:1.28
    command: ['sh', '-c', 'sleep 1; exit 1']
`;

function started(): Lab {
	const lab = labWith({ 'fail.yaml': FAILING });
	succeeds(lab, 'kubectl apply -f init-containers.yaml');
	succeeds(lab, 'kubectl apply -f deployment-sidecar.yaml');
	succeeds(lab, 'kubectl apply -f fail.yaml');
	return lab;
}

describe('init containers and time travel', () => {
	it('agrees with a straight run after seeking back and forth', () => {
		const travelled = started();
		travelled.advance(300_000);
		for (const t of [1_500, 2_500, 4_200, 45_000, 120_000]) {
			const straight = started();
			straight.advance(t);
			travelled.seek(t);
			expect(travelled.snapshot()).toEqual(straight.snapshot());
			expect(travelled.traceHash()).toBe(straight.traceHash());
			expect(succeeds(travelled, 'kubectl get pods -o wide').output).toBe(
				succeeds(straight, 'kubectl get pods -o wide').output
			);
		}
	});
});
