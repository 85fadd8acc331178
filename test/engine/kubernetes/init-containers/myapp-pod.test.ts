/**
 * The "Init Containers" concept page's walkthrough (kubernetes.io/docs/concepts/workloads/pods/
 * init-containers/#init-containers-in-use): myapp-pod's init containers wait with
 * `until nslookup myservice…` and `until nslookup mydb…`, so the pod stays `Init:0/2` until the
 * page's two Services are created, then becomes Running.
 */
import { describe, expect, it } from 'vitest';
import { succeeds } from '../../lab-helpers';
import { getPod, labWith, row } from './helpers';

describe('myapp-pod waits for its Services', () => {
	it('stays Init:0/2 without them, then runs once they exist', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl apply -f myapp-pod.yaml');
		lab.advance(60_000);
		expect(row(lab, 'myapp-pod').slice(1, 4)).toEqual(['0/1', 'Init:0/2', '0']);
		const waiting = getPod(lab, 'myapp-pod');
		expect(waiting.status?.phase).toBe('Pending');
		expect(waiting.status!.initContainerStatuses!.map((s) => Object.keys(s.state!)[0])).toEqual([
			'running',
			'waiting'
		]);
		succeeds(lab, 'kubectl apply -f services.yaml');
		lab.advance(10_000);
		expect(row(lab, 'myapp-pod').slice(1, 4)).toEqual(['1/1', 'Running', '0']);
		const pod = getPod(lab, 'myapp-pod');
		expect(pod.status!.initContainerStatuses!.map((s) => s.state?.terminated?.reason)).toEqual([
			'Completed',
			'Completed'
		]);
	});

	it('passes one wait when only its Service exists', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl create service clusterip myservice --tcp=80:9376');
		succeeds(lab, 'kubectl apply -f myapp-pod.yaml');
		lab.advance(60_000);
		expect(row(lab, 'myapp-pod').slice(1, 3)).toEqual(['0/1', 'Init:1/2']);
	});
});
