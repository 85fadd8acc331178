/**
 * Time travel across a node's image pulls: a checkpoint taken while the nodes' serial pullers
 * are busy holds which images each node has, which it is still pulling and when its puller is
 * free, so going back replays the same Pulling/Pulled events (`in X (Y including waiting)`,
 * `already present`) and the same pod timeline.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

/** What a user sees at the end: the pods, the events, and the trace's hash. */
function seen(lab: Lab): { pods: string; events: string; hash: string } {
	return {
		pods: succeeds(lab, 'kubectl get pods -o wide').output,
		events: succeeds(lab, 'kubectl get events').output,
		hash: lab.traceHash()
	};
}

describe('a checkpoint taken while images are being pulled', () => {
	it('replays the pulls, queued and present, the same way', () => {
		const lab = createLab({ seed: 5, workers: 2 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
		lab.advance(9_500);
		// Pulled by both nodes across the checkpoint at 10 s, queued behind each other.
		succeeds(lab, 'kubectl create deployment api --image=httpd:2.4 --replicas=4');
		lab.advance(1_000);
		// After the checkpoint: pods whose image a node is still pulling, and pods whose image
		// it has, both asked of the state the checkpoint restores.
		succeeds(lab, 'kubectl scale deployment api --replicas=8');
		succeeds(lab, 'kubectl scale deployment web --replicas=6');
		lab.advance(30_000);
		const first = seen(lab);
		expect(first.events).toContain('including waiting');
		expect(first.events).toContain('already present on machine');
		lab.seek(10_200);
		lab.advance(30_300);
		expect(seen(lab)).toEqual(first);
	});
});
