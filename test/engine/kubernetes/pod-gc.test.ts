/**
 * The pod garbage collector's orphan sweep (pkg/controller/podgc): a pod bound to a node that
 * does not exist is deleted once the node has stayed missing through the 40 s quarantine, at
 * one of the controller's 20 s ticks — and only then; pods on real nodes are left alone.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const PINNED =
	'apiVersion: v1\nkind: Pod\nmetadata: {name: pinned}\nspec:\n  nodeName: foo-node\n  containers: [{name: c, image: nginx:1.27}]\n';

function lab(): Lab {
	return createLab({ seed: 3, readFile: (p) => (p === 'pinned.yaml' ? PINNED : undefined) });
}

describe('pod garbage collection of orphans', () => {
	it('deletes a pod bound to a missing node after the quarantine, at a 20 s tick', () => {
		const l = lab();
		l.advance(5_000);
		succeeds(l, 'kubectl apply -f pinned.yaml');
		// Seen at the 20 s tick, quarantined until 60 s: still there at 59 s, gone at 60 s.
		l.advance(54_000);
		expect(succeeds(l, 'kubectl get pod pinned --no-headers').output).toMatch(/Pending/);
		l.advance(1_000);
		expect(fails(l, 'kubectl get pod pinned').error).toBe(
			'Error from server (NotFound): pods "pinned" not found\n'
		);
		const gone = l.events(59_000).find((e) => e.kind === 'pod.deleted');
		expect(gone?.t).toBe(60_000);
		expect(gone?.message).toContain('node foo-node no longer exists');
	});

	it('also takes a pod left Terminating on the missing node, which no kubelet will confirm', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f pinned.yaml');
		l.advance(1_000);
		succeeds(l, 'kubectl delete pod pinned --wait=false');
		expect(succeeds(l, 'kubectl get pod pinned --no-headers').output).toMatch(/Terminating/);
		l.advance(60_000);
		fails(l, 'kubectl get pod pinned');
	});

	it('leaves the pods on real nodes alone', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
		l.advance(30_000);
		const before = succeeds(l, 'kubectl get pods -o name').output;
		l.advance(120_000);
		expect(succeeds(l, 'kubectl get pods -o name').output).toBe(before);
	});

	it('waits for the control plane: no sweep while no API server answers', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f pinned.yaml');
		succeeds(l, 'sim node stop control-plane');
		l.advance(120_000);
		expect(l.events(0).some((e) => e.kind === 'pod.deleted')).toBe(false);
		succeeds(l, 'sim node start control-plane');
		l.advance(60_000);
		fails(l, 'kubectl get pod pinned');
	});

	it('replays to the same end after time travel', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f pinned.yaml');
		l.advance(30_000);
		l.seek(10_000);
		l.advance(60_000);
		const deleted = l.events(0).filter((e) => e.kind === 'pod.deleted');
		expect(deleted.map((e) => e.t)).toEqual([60_000]);
	});
});
