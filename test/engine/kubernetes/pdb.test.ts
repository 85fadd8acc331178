/**
 * PodDisruptionBudget status from the disruption controller (expectedPods, desiredHealthy,
 * currentHealthy, disruptionsAllowed, the DisruptionAllowed condition) and `kubectl get pdb`.
 */
import { describe, expect, it } from 'vitest';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { createLab, type Lab } from '../../../src/engine/index';

function deployment(replicas: number): string {
	return [
		'apiVersion: apps/v1',
		'kind: Deployment',
		'metadata:\n  name: zk',
		'spec:',
		`  replicas: ${replicas}`,
		'  selector:\n    matchLabels:\n      app: zk',
		'  template:',
		'    metadata:\n      labels:\n        app: zk',
		'    spec:\n      containers:\n      - name: zk\n        image: nginx:1.27',
		''
	].join('\n');
}

function pdb(name: string, rule: string): string {
	return [
		'apiVersion: policy/v1',
		'kind: PodDisruptionBudget',
		`metadata:\n  name: ${name}`,
		'spec:',
		`  ${rule}`,
		'  selector:\n    matchLabels:\n      app: zk',
		''
	].join('\n');
}

const FILES: Record<string, string> = {
	'zk3.yaml': deployment(3),
	'zk5.yaml': deployment(5),
	'min2.yaml': pdb('min2', 'minAvailable: 2'),
	'max1.yaml': pdb('max1', 'maxUnavailable: 1'),
	'half.yaml': pdb('half', 'minAvailable: "50%"')
};

function lab(): Lab {
	return createLab({ seed: 4, readFile: (p) => FILES[p] });
}

function must(l: Lab, line: string): string {
	const r = l.exec(line);
	expect(r.ok, `${line}: ${r.error}`).toBe(true);
	return r.output;
}

function status(l: Lab, name: string) {
	return (JSON.parse(must(l, `kubectl get pdb ${name} -o json`)) as PodDisruptionBudget).status!;
}

describe('a PodDisruptionBudget', () => {
	it('with minAvailable 2 and no pods: expectedPods 0, desiredHealthy 2, no disruption allowed', () => {
		const l = lab();
		must(l, 'kubectl apply -f min2.yaml');
		l.advance(1_000);
		expect(status(l, 'min2')).toMatchObject({
			currentHealthy: 0,
			desiredHealthy: 2,
			expectedPods: 0,
			disruptionsAllowed: 0,
			observedGeneration: 1
		});
		expect(status(l, 'min2').conditions).toEqual([
			expect.objectContaining({
				type: 'DisruptionAllowed',
				status: 'False',
				reason: 'InsufficientPods'
			})
		]);
		expect(must(l, 'kubectl get pdb')).toBe(
			'NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\n' +
				'min2   2               N/A               0                     1s\n'
		);
	});

	it('counts Ready pods: minAvailable 2 of 3 Ready allows 1, and none while they start', () => {
		const l = lab();
		must(l, 'kubectl apply -f min2.yaml');
		must(l, 'kubectl apply -f zk3.yaml');
		l.advance(1_000);
		expect(status(l, 'min2')).toMatchObject({
			expectedPods: 3,
			currentHealthy: 0,
			disruptionsAllowed: 0
		});
		l.advance(20_000);
		expect(status(l, 'min2')).toMatchObject({
			expectedPods: 3,
			currentHealthy: 3,
			desiredHealthy: 2,
			disruptionsAllowed: 1
		});
		expect(status(l, 'min2').conditions![0]).toMatchObject({
			status: 'True',
			reason: 'SufficientPods'
		});
	});

	it('with maxUnavailable or a percentage takes expectedPods from the Deployment scale', () => {
		const l = lab();
		must(l, 'kubectl apply -f max1.yaml');
		must(l, 'kubectl apply -f half.yaml');
		must(l, 'kubectl apply -f zk5.yaml');
		l.advance(30_000);
		expect(status(l, 'max1')).toMatchObject({
			expectedPods: 5,
			desiredHealthy: 4,
			currentHealthy: 5
		});
		// 50% of 5 rounds up to 3.
		expect(status(l, 'half')).toMatchObject({
			expectedPods: 5,
			desiredHealthy: 3,
			disruptionsAllowed: 2
		});
		must(l, 'kubectl scale deployment zk --replicas=2');
		l.advance(30_000);
		expect(status(l, 'max1')).toMatchObject({
			expectedPods: 2,
			desiredHealthy: 1,
			disruptionsAllowed: 1
		});
		expect(must(l, 'kubectl get pdb max1')).toMatch(/^max1\s+N\/A\s+1\s+1\s+60s$/m);
	});
});
