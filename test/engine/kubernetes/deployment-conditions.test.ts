/**
 * A Deployment's status as the controller writes it (progress.go, deployment_util.go): the
 * revision annotation, the Available and Progressing conditions, the progress deadline, and the
 * counts the API omits when zero.
 */
import { describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

function deployment(lab: Lab): Deployment {
	return JSON.parse(succeeds(lab, 'kubectl get deployment web -o json').output) as Deployment;
}

const condition = (d: Deployment, type: string) =>
	d.status?.conditions?.find((c) => c.type === type);

describe('Deployment status', () => {
	it('carries its revision and says Available and NewReplicaSetAvailable once rolled out', () => {
		const lab = createLab({ seed: 5 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
		lab.advance(30_000);
		let d = deployment(lab);
		expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
		expect(d.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
			['Available', 'True', 'MinimumReplicasAvailable'],
			['Progressing', 'True', 'NewReplicaSetAvailable']
		]);
		expect(condition(d, 'Progressing')?.message).toMatch(
			/^ReplicaSet "web-[a-z0-9]+" has successfully progressed\.$/
		);
		succeeds(lab, 'kubectl set image deployment/web nginx=nginx:1.28');
		lab.advance(60_000);
		d = deployment(lab);
		expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
		expect(condition(d, 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
	});

	it('times out progressing progressDeadlineSeconds after the last progress, and rollout status says so', () => {
		const lab = createLab({ seed: 5 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
		lab.advance(30_000);
		succeeds(lab, 'kubectl set image deployment/web nginx=nginx:1.277');
		lab.advance(5_000);
		const progressing = condition(deployment(lab), 'Progressing')!;
		expect(progressing.reason).toBe('ReplicaSetUpdated');
		const last = Date.parse(progressing.lastUpdateTime!);
		lab.advance(600_000 - 10_000);
		expect(condition(deployment(lab), 'Progressing')?.status).toBe('True');
		lab.advance(20_000);
		const timedOut = condition(deployment(lab), 'Progressing')!;
		expect([timedOut.status, timedOut.reason]).toEqual(['False', 'ProgressDeadlineExceeded']);
		// Detected on the controller's next look, about a second after the deadline.
		expect(Date.parse(timedOut.lastUpdateTime!) - last).toBeGreaterThan(600_000);
		expect(Date.parse(timedOut.lastUpdateTime!) - last).toBeLessThanOrEqual(602_000);
		// Old pods still serve: the Deployment stays Available.
		expect(condition(deployment(lab), 'Available')?.status).toBe('True');
		expect(fails(lab, 'kubectl rollout status deployment/web').error).toBe(
			'error: deployment "web" exceeded its progress deadline\n'
		);
	});

	it('omits counts that are zero, as the API does', () => {
		const lab = createLab({ seed: 5 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=1');
		lab.advance(30_000);
		expect(deployment(lab).status).not.toHaveProperty('unavailableReplicas');
		succeeds(lab, 'kubectl scale deployment web --replicas=0');
		lab.advance(60_000);
		const status = deployment(lab).status!;
		for (const field of ['replicas', 'readyReplicas', 'availableReplicas', 'updatedReplicas'])
			expect(status).not.toHaveProperty(field);
	});
});
