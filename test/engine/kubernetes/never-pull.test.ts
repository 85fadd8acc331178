/**
 * imagePullPolicy Never (pkg/kubelet/images/image_manager.go EnsureImageExists, v1.35): with the
 * image not on the node the kubelet records a Warning `ErrImageNeverPull` event, `Container image
 * "IMAGE" is not present with pull policy of Never`, and startContainer a Warning `Failed` event
 * `Error: ErrImageNeverPull`; the container waits with reason ErrImageNeverPull (what `kubectl get
 * pods` shows as STATUS). There is no image back-off: each later sync of the pod worker (its
 * 10 s back-off with jitter) tries again, and once the image is on the node the container starts
 * ("already present"). With the image present it starts at once, and nothing is ever pulled.
 */
import { describe, expect, it } from 'vitest';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const pod = (name: string, policy: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: node-1
  containers:
  - name: app
    image: nginx:1.27.3
${policy === '' ? '' : `    imagePullPolicy: ${policy}\n`}`;

const FILES: Record<string, string> = {
	'never.yaml': pod('never', 'Never'),
	'puller.yaml': pod('puller', ''),
	'later.yaml': pod('later', 'Never')
};

const MESSAGE = 'Container image "nginx:1.27.3" is not present with pull policy of Never';

function events(lab: Lab, name: string): Event[] {
	return (
		JSON.parse(succeeds(lab, 'kubectl get events -o json').output) as { items: Event[] }
	).items.filter((e) => e.involvedObject.name === name);
}

function count(lab: Lab, name: string, reason: string): number {
	return events(lab, name)
		.filter((e) => e.reason === reason)
		.reduce((n, e) => n + (e.count ?? 1), 0);
}

describe('imagePullPolicy: Never', () => {
	it('waits in ErrImageNeverPull while the image is not on the node, retrying at each sync', () => {
		const l = createLab({ seed: 4, readFile: (p) => FILES[p] });
		succeeds(l, 'kubectl apply -f never.yaml');
		l.advance(5_000);
		expect(succeeds(l, 'kubectl get pod never').output).toMatch(
			/^NAME +READY +STATUS +RESTARTS +AGE\nnever +0\/1 +ErrImageNeverPull +0 +5s\n$/
		);
		const status = (JSON.parse(succeeds(l, 'kubectl get pod never -o json').output) as Pod).status!;
		expect(status.phase).toBe('Pending');
		expect(status.containerStatuses![0]!.state).toEqual({
			waiting: { reason: 'ErrImageNeverPull', message: MESSAGE }
		});
		const first = events(l, 'never').filter((e) => e.source?.component === 'kubelet');
		expect(first.map((e) => [e.type, e.reason, e.message])).toEqual([
			['Warning', 'ErrImageNeverPull', MESSAGE],
			['Warning', 'Failed', 'Error: ErrImageNeverPull']
		]);
		// Nothing is pulled under Never.
		expect(count(l, 'never', 'Pulling')).toBe(0);
		// The pod worker syncs again after 10–15 s (backOffPeriod with 50 % jitter): one
		// minute gives four to six more tries, each recorded again.
		l.advance(60_000);
		const tries = count(l, 'never', 'ErrImageNeverPull');
		expect(tries).toBeGreaterThanOrEqual(5);
		expect(tries).toBeLessThanOrEqual(7);
		expect(count(l, 'never', 'Failed')).toBe(tries);
		expect(count(l, 'never', 'BackOff')).toBe(0);
		expect(succeeds(l, 'kubectl get pod never').output).toMatch(/ErrImageNeverPull/);
	});

	it('starts at a later sync once another pod has pulled the image onto the node', () => {
		const l = createLab({ seed: 4, readFile: (p) => FILES[p] });
		succeeds(l, 'kubectl apply -f never.yaml');
		l.advance(5_000);
		succeeds(l, 'kubectl apply -f puller.yaml');
		l.advance(40_000);
		expect(succeeds(l, 'kubectl get pod never puller').output).toMatch(
			/never +1\/1 +Running +0 .*\npuller +1\/1 +Running +0 /
		);
		const reasons = events(l, 'never').map((e) => e.reason);
		expect(reasons).toEqual(['ErrImageNeverPull', 'Failed', 'Pulled', 'Created', 'Started']);
		expect(events(l, 'never').find((e) => e.reason === 'Pulled')?.message).toBe(
			'Container image "nginx:1.27.3" already present on machine and can be accessed by the pod'
		);
		// A second Never pod on that node finds the image and starts without an error.
		succeeds(l, 'kubectl apply -f later.yaml');
		l.advance(5_000);
		expect(succeeds(l, 'kubectl get pod later').output).toMatch(/later +1\/1 +Running/);
		expect(count(l, 'later', 'ErrImageNeverPull')).toBe(0);
		expect(count(l, 'later', 'Pulling')).toBe(0);
	});
});
