// Pod generation (KEP-5067, PodObservedGenerationTracking, GA in v1.35): the API server gives a
// pod metadata.generation 1 (registry/core/pod/strategy.go PrepareForCreate) and bumps it when a
// graceful deletion starts (rest/delete.go BeforeDelete); the kubelet and the scheduler stamp the
// status and their conditions with the generation they saw.
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import '../../../src/engine/kubernetes/api/api-v135';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const pods = (json: string) => (JSON.parse(json) as { items: Pod[] }).items;

describe('pod generation', () => {
	it('is 1 on bare and ReplicaSet pods, observed by the status and every condition', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		succeeds(lab, 'kubectl run a --image=nginx');
		succeeds(lab, 'kubectl create deployment web --image=nginx --replicas=2');
		lab.advance(10_000);
		const all = pods(succeeds(lab, 'kubectl get pods -o json').output);
		expect(all).toHaveLength(3);
		for (const pod of all) {
			expect(pod.metadata?.generation).toBe(1);
			expect(pod.status?.observedGeneration).toBe(1);
			expect(pod.status?.conditions?.map((c) => c.observedGeneration)).toEqual([1, 1, 1, 1, 1]);
		}
	});

	it('goes to 2 when a graceful deletion starts', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		succeeds(lab, 'kubectl run a --image=busybox -- sleep 3600');
		lab.advance(10_000);
		succeeds(lab, 'kubectl delete pod a --wait=false');
		const pod = JSON.parse(succeeds(lab, 'kubectl get pod a -o json').output) as Pod;
		expect(pod.metadata?.deletionTimestamp).toBeDefined();
		expect(pod.metadata?.generation).toBe(2);
	});

	it('stamps a pod that fits nowhere with its generation on PodScheduled=False', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		succeeds(
			lab,
			`kubectl run sel --image=nginx --overrides='{"spec":{"nodeSelector":{"disktype":"ssd"}}}'`
		);
		lab.advance(1_000);
		const pod = JSON.parse(succeeds(lab, 'kubectl get pod sel -o json').output) as Pod;
		expect(pod.status?.conditions).toEqual([
			expect.objectContaining({ type: 'PodScheduled', status: 'False', observedGeneration: 1 })
		]);
	});
});
