/**
 * What a pod's container statuses say about each container: its own runtime ID (a pod's
 * containers never share one), and the CrashLoopBackOff message naming the pod as the kubelet's
 * format.Pod does, `NAME_NAMESPACE(UID)` (kuberuntime_manager.go doBackOff).
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	'two.yaml': `apiVersion: v1
kind: Pod
metadata: {name: two, namespace: shop}
spec:
  containers:
  - {name: web, image: nginx:1.27}
  - {name: crash, image: busybox:1.36, command: ["sh", "-c", "exit 1"]}
`
};

describe('container statuses', () => {
	it('give each container its own ID and name the pod with its namespace in the back-off', () => {
		const lab = createLab({ seed: 2, readFile: (p) => FILES[p] });
		succeeds(lab, 'kubectl create namespace shop');
		succeeds(lab, 'kubectl apply -f two.yaml');
		lab.advance(60_000);
		const pod = JSON.parse(succeeds(lab, 'kubectl get pod two -n shop -o json').output) as Pod;
		const statuses = pod.status!.containerStatuses!;
		const ids = statuses.map((s) => s.containerID ?? s.lastState?.terminated?.containerID ?? '');
		expect(ids.every((id) => /^containerd:\/\/[0-9a-f]{64}$/.test(id))).toBe(true);
		expect(new Set(ids).size).toBe(2);
		const crash = statuses.find((s) => s.name === 'crash')!;
		expect(crash.state?.waiting?.reason).toBe('CrashLoopBackOff');
		expect(crash.state?.waiting?.message).toMatch(
			new RegExp(
				`^back-off \\d+s restarting failed container=crash pod=two_shop\\(${pod.metadata!.uid}\\)$`
			)
		);
	});
});
