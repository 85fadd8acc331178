/**
 * `kubectl delete namespace`: the namespace turns Terminating, its content is deleted, and the
 * namespace controller removes it in the background once nothing is left. kubectl waits for
 * that by default; `--wait=false` returns at once. Deleting a Terminating namespace again is the
 * API server's Conflict.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import type { Lab } from '../../../src/engine/types';
import { fails, succeeds } from '../lab-helpers';

function labWithNamespace(): Lab {
	const lab = createLab({ flavor: 'kubernetes', seed: 3 });
	succeeds(lab, 'kubectl create namespace dev');
	succeeds(lab, 'kubectl create deployment api --image=nginx:1.27 --replicas=2 -n dev');
	succeeds(lab, 'kubectl wait --for=condition=Available deployment/api -n dev');
	return lab;
}

function status(lab: Lab, namespace: string): string {
	const r = lab.exec(`kubectl get namespace ${namespace} -o jsonpath='{.status.phase}'`);
	return r.ok ? r.output : 'gone';
}

function podCount(lab: Lab, namespace: string): number {
	return succeeds(lab, `kubectl get pods -n ${namespace} -o name`).output.split('\n').length - 1;
}

describe('kubectl delete namespace', () => {
	it('--wait=false returns at once, the namespace Terminating with its pods', () => {
		const lab = labWithNamespace();
		const now = lab.now();
		expect(succeeds(lab, 'kubectl delete namespace dev --wait=false').output).toBe(
			'namespace "dev" deleted\n'
		);
		expect(lab.now()).toBe(now);
		expect(status(lab, 'dev')).toBe('Terminating');
		expect(succeeds(lab, 'kubectl get pods -n dev').output).toMatch(/api-\S+ +1\/1 +Terminating/);
		// The Deployment and its ReplicaSet went at once; only the pods are still stopping.
		expect(lab.exec('kubectl get deployment api -n dev').ok).toBe(false);
	});

	it('the namespace goes in the background, at the instant its last pod is gone', () => {
		const lab = labWithNamespace();
		succeeds(lab, 'kubectl delete namespace dev --wait=false');
		const r = succeeds(lab, 'kubectl wait --for=delete namespace/dev --timeout=60s');
		expect(r.output).toBe('namespace/dev condition met\n');
		const t = lab.now();
		lab.seek(t - 1);
		expect(status(lab, 'dev')).toBe('Terminating');
		expect(podCount(lab, 'dev')).toBeGreaterThan(0);
		lab.seek(t);
		expect(status(lab, 'dev')).toBe('gone');
	});

	it('by default kubectl waits, and the namespace is gone when the line returns', () => {
		const lab = labWithNamespace();
		const now = lab.now();
		succeeds(lab, 'kubectl delete namespace dev');
		expect(lab.now()).toBeGreaterThan(now);
		expect(status(lab, 'dev')).toBe('gone');
		// A namespace of that name can be made again, with a new default ServiceAccount.
		succeeds(lab, 'kubectl create namespace dev');
		expect(succeeds(lab, 'kubectl get sa -n dev -o name').output).toBe('serviceaccount/default\n');
	});

	it('an empty namespace goes as soon as the clock moves', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		succeeds(lab, 'kubectl create namespace empty');
		succeeds(lab, 'kubectl delete namespace empty --wait=false');
		expect(status(lab, 'empty')).toBe('Terminating');
		lab.advance(0);
		expect(status(lab, 'empty')).toBe('gone');
	});

	it('deleting it again while it terminates is a Conflict, and changes nothing', () => {
		const lab = labWithNamespace();
		succeeds(lab, 'kubectl delete namespace dev --wait=false');
		expect(fails(lab, 'kubectl delete namespace dev').error).toBe(
			'Error from server (Conflict): Operation cannot be fulfilled on namespaces "dev": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.\n'
		);
	});

	it('time travel back into the termination finishes it again the same way', () => {
		const lab = labWithNamespace();
		const deletedAt = lab.now();
		succeeds(lab, 'kubectl delete namespace dev --wait=false');
		lab.advance(60_000);
		expect(status(lab, 'dev')).toBe('gone');
		const hash = lab.traceHash();
		lab.seek(deletedAt);
		expect(status(lab, 'dev')).toBe('Terminating');
		lab.seek(deletedAt + 60_000);
		expect(status(lab, 'dev')).toBe('gone');
		expect(lab.traceHash()).toBe(hash);
	});
});
