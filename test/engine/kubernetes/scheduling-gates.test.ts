// Pod scheduling readiness (kubernetes.io "Pod Scheduling Readiness", the docs'
// pod-with-scheduling-gates.yaml): a gated pod stays SchedulingGated, outside the scheduler's
// queue, until its gates are removed — by re-applying the manifest without them, or by a patch.
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

// https://k8s.io/examples/pods/pod-with-scheduling-gates.yaml and pod-without-scheduling-gates.yaml
const GATED = `apiVersion: v1
kind: Pod
metadata:
  name: test-pod
spec:
  schedulingGates:
  - name: example.com/foo
  - name: example.com/bar
  containers:
  - name: pause
    image: registry.k8s.io/pause:3.6
`;
const UNGATED = GATED.replace(/ {2}schedulingGates:\n(?: {2}- name: .*\n)+/, '');

function lab(): Lab {
	const files: Record<string, string> = { 'gated.yaml': GATED, 'ungated.yaml': UNGATED };
	const l = createLab({ seed: 9, workers: 2, readFile: (p) => files[p] });
	succeeds(l, 'kubectl apply -f gated.yaml');
	succeeds(l, 'sim advance 30s');
	return l;
}

function pod(l: Lab): Pod {
	return JSON.parse(succeeds(l, 'kubectl get pod test-pod -o json').output) as Pod;
}

describe('scheduling gates', () => {
	it('keep a pod SchedulingGated and unscheduled, with no scheduler events', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl get pod test-pod').output).toMatch(
			/^test-pod\s+0\/1\s+SchedulingGated\s+0\s+30s$/m
		);
		expect(pod(l).spec?.nodeName).toBeUndefined();
		expect(pod(l).status?.conditions).toEqual([
			expect.objectContaining({
				type: 'PodScheduled',
				status: 'False',
				reason: 'SchedulingGated',
				message: 'Scheduling is blocked due to non-empty scheduling gates'
			})
		]);
		expect(succeeds(l, 'kubectl get events -o name').output).toBe('');
	});

	it('release the pod when the manifest is re-applied without them', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl apply -f ungated.yaml').output).toBe('pod/test-pod configured\n');
		succeeds(l, 'sim advance 10s');
		expect(pod(l).spec?.schedulingGates).toBeUndefined();
		expect(pod(l).status?.phase).toBe('Running');
	});

	it('release the pod when a patch removes them', () => {
		const l = lab();
		succeeds(
			l,
			`kubectl patch pod test-pod --type=json -p='[{"op":"remove","path":"/spec/schedulingGates"}]'`
		);
		succeeds(l, 'sim advance 10s');
		expect(pod(l).spec?.nodeName).toMatch(/^node-\d$/);
	});
});
