/**
 * `kubectl rollout pause|resume` (pause.go, resume.go, objectpauser.go): a paused Deployment
 * takes template changes without rolling them out; resuming rolls them out together. Pausing
 * twice, resuming what is not paused, undoing or restarting a paused one, and pausing a
 * DaemonSet are refused as kubectl refuses them, changing nothing.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import type { Lab } from '../../../src/engine/types';
import { fails, succeeds } from '../lab-helpers';

function lab(): Lab {
	const l = createLab({ seed: 2 });
	succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
	l.advance(30_000);
	return l;
}

const images = (l: Lab) =>
	[...l.exec('kubectl get rs -o wide --no-headers').output.matchAll(/nginx:[\d.]+/g)].map(
		(m) => m[0]
	);

describe('kubectl rollout pause and resume', () => {
	it('holds template changes while paused and rolls them out on resume', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl rollout pause deployment/web').output).toBe(
			'deployment.apps/web paused\n'
		);
		succeeds(l, 'kubectl set image deployment/web nginx=nginx:1.28');
		l.advance(60_000);
		// No new ReplicaSet: the old one still runs all three pods.
		expect(images(l)).toEqual(['nginx:1.27']);
		expect(l.exec('kubectl get deploy web --no-headers').output).toMatch(/^web\s+3\/3\s+0\s+3\s/);
		expect(succeeds(l, 'kubectl rollout resume deploy/web').output).toBe(
			'deployment.apps/web resumed\n'
		);
		l.advance(120_000);
		expect(l.exec('kubectl get deploy web --no-headers').output).toMatch(/^web\s+3\/3\s+3\s+3\s/);
		expect(l.exec('kubectl get pods -o wide').output).not.toContain('1.27');
	});

	it('refuses what kubectl refuses, changing nothing', () => {
		const l = lab();
		expect(fails(l, 'kubectl rollout resume deployment/web').error).toBe(
			'error: deployments.apps "web" is not paused\n'
		);
		succeeds(l, 'kubectl rollout pause deployment/web');
		expect(fails(l, 'kubectl rollout pause deployment/web').error).toBe(
			'error: deployments.apps "web" is already paused\n'
		);
		expect(fails(l, 'kubectl rollout undo deployment/web').error).toBe(
			"error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n"
		);
		expect(fails(l, 'kubectl rollout restart deployment/web').error).toBe(
			`error: deployments.apps "web" can't restart paused deployment (run rollout resume first)\n`
		);
		expect(fails(l, 'kubectl rollout pause deployment/nope').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n'
		);
	});
});
