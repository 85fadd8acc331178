/**
 * A failing init container. With restartPolicy Always (or OnFailure) the kubelet restarts it
 * with the app containers' back-off and the pod stays Pending (kuberuntime_container.go
 * computeInitContainerActions; kubelet_pods.go getPhase); with restartPolicy Never the pod
 * fails. kubectl prints Init:Error and Init:CrashLoopBackOff (printers.go printPod).
 * The manifests are this test's own, in the style of the "Init Containers" concept page.
 */
import { describe, expect, it } from 'vitest';
import { succeeds } from '../../lab-helpers';
import { events, getPod, labWith, row } from './helpers';

function manifest(policy: string): string {
	return `apiVersion: v1
kind: Pod
metadata:
  name: init-fail
spec:
  restartPolicy: ${policy}
  containers:
  - name: app
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-a
    image: busybox:1.28
    command: ['sh', '-c', 'sleep 2']
  - name: init-b
    image: busybox:1.28
    command: ['sh', '-c', 'sleep 1; exit 1']
`;
}

describe('a failing init container', () => {
	it('is restarted with back-off under restartPolicy Always; the app never starts', () => {
		const lab = labWith({ 'pod.yaml': manifest('Always') });
		succeeds(lab, 'kubectl apply -f pod.yaml');
		lab.advance(4_000);
		expect(row(lab, 'init-fail').slice(1, 3)).toEqual(['0/1', 'Init:1/2']);
		lab.advance(30_000);
		expect(row(lab, 'init-fail').slice(1, 3)).toEqual(['0/1', 'Init:CrashLoopBackOff']);
		lab.advance(60_000);
		const pod = getPod(lab, 'init-fail');
		expect(pod.status?.phase).toBe('Pending');
		const [a, b] = pod.status!.initContainerStatuses!;
		expect(a!.state?.terminated?.reason).toBe('Completed');
		expect(a!.restartCount).toBe(0);
		expect(b!.state?.waiting?.reason).toBe('CrashLoopBackOff');
		expect(b!.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
		// Restarts at once, then after 10 s, 20 s, 40 s (facts.md §1.2): 4 in the first 95 s.
		expect(b!.restartCount).toBe(4);
		expect(row(lab, 'init-fail')[3]).toMatch(/^4 \(\d+s ago\)$/);
		expect(pod.status!.containerStatuses![0]!.state).toEqual({
			waiting: { reason: 'PodInitializing' }
		});
		expect(pod.status!.conditions!.find((c) => c.type === 'Initialized')).toMatchObject({
			status: 'False',
			message: 'containers with incomplete status: [init-b]'
		});
		expect(events(lab, 'init-fail')).toContain(
			`Warning BackOff kubelet spec.initContainers{init-b}: Back-off restarting failed container init-b in pod init-fail_default(${pod.metadata!.uid})`
		);
	});

	it('fails the pod under restartPolicy Never', () => {
		const lab = labWith({ 'pod.yaml': manifest('Never') });
		succeeds(lab, 'kubectl apply -f pod.yaml');
		lab.advance(60_000);
		expect(row(lab, 'init-fail').slice(1, 4)).toEqual(['0/1', 'Init:Error', '0']);
		const pod = getPod(lab, 'init-fail');
		expect(pod.status?.phase).toBe('Failed');
		const b = pod.status!.initContainerStatuses![1]!;
		expect(b.state?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
		expect(b.restartCount).toBe(0);
		expect(pod.status!.containerStatuses![0]!.state?.waiting?.reason).toBe('PodInitializing');
		expect(
			events(lab, 'init-fail').filter((e) => e.includes('{init-b}: Container started'))
		).toHaveLength(1);
	});
});
