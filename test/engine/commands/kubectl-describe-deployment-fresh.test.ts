/**
 * `kubectl describe deployment` right after `kubectl create deployment`, before the controller
 * has made a ReplicaSet: kubectl 1.35's describeDeployment prints the `OldReplicaSets:` /
 * `NewReplicaSet:` lines only when there is one (`if len(oldRSs) > 0 || len(newRSs) > 0`,
 * kubernetes/kubectl pkg/describe/describe.go); once the first exists, the old list is `<none>`.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

describe('kubectl describe deployment before and after its first ReplicaSet', () => {
	it('leaves the ReplicaSet lines out until one exists, then prints <none> for the old ones', () => {
		const l = createLab({ seed: 4 });
		succeeds(l, 'kubectl create deployment web --image=nginx');
		const fresh = succeeds(l, 'kubectl describe deployment web').output;
		expect(fresh).toContain(
			'Replicas:               1 desired | 0 updated | 0 total | 0 available | 0 unavailable\n'
		);
		expect(fresh).not.toMatch(/ReplicaSets?:/);
		expect(fresh).toMatch(/\n {2}Tolerations: +<none>\nEvents: +<none>\n$/);
		l.advance(30_000);
		const later = succeeds(l, 'kubectl describe deployment web').output;
		expect(later).toMatch(/^OldReplicaSets: {2}<none>$/m);
		expect(later).toMatch(/^NewReplicaSet: {3}web-[a-z0-9]+ \(1\/1 replicas created\)$/m);
	});
});
