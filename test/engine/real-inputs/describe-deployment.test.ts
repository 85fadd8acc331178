/**
 * `kubectl describe deployment` OldReplicaSets after rollbacks (the "Rolling Back a Deployment"
 * steps of the Deployments concept page). describe.go lists every old ReplicaSet returned by
 * kubectl's pkg/util/deployment GetAllReplicaSetsInChunks, whose findNewReplicaSet sorts the list
 * by creation time (name as tie-breaker): a set brought back by `rollout undo` keeps its place
 * even though its revision number grew.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

describe('describe deployment: OldReplicaSets order', () => {
	it('lists old sets by creation time, not by revision', () => {
		const lab = createLab({ seed: 1, workers: 2 });
		const steps = [
			'kubectl create deployment d --image=nginx:1.14.2',
			'kubectl set image deployment/d nginx=nginx:1.16.1',
			'kubectl set image deployment/d nginx=nginx:1.27',
			'kubectl rollout undo deployment/d --to-revision=1',
			'kubectl rollout undo deployment/d --to-revision=2'
		];
		for (const line of steps) {
			succeeds(lab, line);
			lab.advance(30_000);
		}
		// The set for each image, from `get rs -o wide` (NAME … IMAGES columns).
		const byImage = new Map(
			succeeds(lab, 'kubectl get rs -o wide')
				.output.trim()
				.split('\n')
				.slice(1)
				.map((l) => l.split(/\s+/))
				.map((c) => [c[6]!, c[0]!] as const)
		);
		const line = succeeds(lab, 'kubectl describe deployment d')
			.output.split('\n')
			.find((l) => l.startsWith('OldReplicaSets:'))!;
		// 1.14.2 was created first (now revision 4), 1.27 second (revision 3).
		expect(line.replace(/\s+/, ' ')).toBe(
			`OldReplicaSets: ${byImage.get('nginx:1.14.2')} (0/0 replicas created), ${byImage.get('nginx:1.27')} (0/0 replicas created)`
		);
	});
});
