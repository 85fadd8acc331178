/**
 * The Job controller: completions and parallelism, the pod failure back-off (10 s doubling),
 * backoffLimit with restartPolicy Never and OnFailure, the v1.35 conditions, and `kubectl get jobs`.
 */
import { describe, expect, it } from 'vitest';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { getJob, job, jobPods, must } from './job-helpers';

const FILES: Record<string, string> = {
	'ok.yaml': job('ok', '["sleep", "3"]', []),
	'fail.yaml': job('fail', '["sh", "-c", "exit 1"]', ['backoffLimit: 3']),
	'onfailure.yaml': job('crash', '["sh", "-c", "exit 1"]', ['backoffLimit: 2'], 'OnFailure'),
	'batch.yaml': job('batch', '["sleep", "5"]', ['completions: 5', 'parallelism: 2'])
};

function lab(): Lab {
	return createLab({ seed: 11, readFile: (p) => FILES[p] });
}

function events(l: Lab, kind: string): Event[] {
	return (JSON.parse(must(l, 'kubectl get events -o json')) as { items: Event[] }).items.filter(
		(e) => e.involvedObject.kind === kind
	);
}

/** Lab milliseconds of an RFC 3339 time (the lab's clock starts at creation of the first object). */
function ms(t: string | undefined, origin: string): number {
	return Date.parse(t!) - Date.parse(origin);
}

describe('a Job', () => {
	it('runs a pod to completion: Completed pod, SuccessCriteriaMet then Complete, 1/1', () => {
		const l = lab();
		must(l, 'kubectl apply -f ok.yaml');
		l.advance(20_000);
		const j = getJob(l, 'ok');
		expect(j.status).toMatchObject({ succeeded: 1, ready: 0, terminating: 0 });
		expect(j.status!.active).toBeUndefined();
		expect(j.status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
			[
				'SuccessCriteriaMet',
				'True',
				'CompletionsReached',
				'Reached expected number of succeeded pods'
			],
			['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods']
		]);
		const [pod] = jobPods(l, 'ok');
		expect(pod!.metadata!.labels).toMatchObject({
			'batch.kubernetes.io/job-name': 'ok',
			'batch.kubernetes.io/controller-uid': j.metadata!.uid,
			'job-name': 'ok',
			'controller-uid': j.metadata!.uid
		});
		expect(j.spec!.selector!.matchLabels).toEqual({
			'batch.kubernetes.io/controller-uid': j.metadata!.uid
		});
		// The tracking finalizer is gone once the pod is counted.
		expect(pod!.metadata!.finalizers ?? []).not.toContain('batch.kubernetes.io/job-tracking');
		expect(must(l, 'kubectl get pods')).toMatch(/^ok-\w{5}\s+0\/1\s+Completed\s+0\s+20s$/m);
		// DURATION is completionTime − startTime: pull + start + 3 s of sleep.
		const duration = ms(j.status!.completionTime, j.status!.startTime!);
		expect(duration).toBeGreaterThanOrEqual(3_000);
		const out = must(l, 'kubectl get jobs');
		expect(out).toBe(
			'NAME   STATUS     COMPLETIONS   DURATION   AGE\n' +
				`ok     Complete   1/1           ${`${Math.floor(duration / 1000)}s`.padEnd(11)}20s\n`
		);
		expect(events(l, 'Job').map((e) => [e.type, e.reason, e.message])).toEqual([
			['Normal', 'SuccessfulCreate', `Created pod: ${pod!.metadata!.name}`],
			['Normal', 'Completed', 'Job completed']
		]);
	});

	it('shows Running with a growing DURATION while its pod runs', () => {
		const l = lab();
		must(l, 'kubectl apply -f batch.yaml');
		l.advance(2_000);
		expect(must(l, 'kubectl get jobs')).toBe(
			'NAME    STATUS    COMPLETIONS   DURATION   AGE\nbatch   Running   0/5           2s         2s\n'
		);
	});

	it('replaces failed pods after 10 s, then 20 s, then 40 s, and fails after backoffLimit', () => {
		const l = lab();
		must(l, 'kubectl apply -f fail.yaml');
		l.advance(200_000);
		const pods = jobPods(l, 'fail').sort((a, b) =>
			a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? -1 : 1
		);
		// backoffLimit 3: the 4th failure (failed > backoffLimit) ends the Job.
		expect(pods).toHaveLength(4);
		for (const p of pods) expect(p.status!.phase).toBe('Failed');
		const origin = pods[0]!.metadata!.creationTimestamp!;
		const finished = (p: Pod) =>
			ms(p.status!.containerStatuses![0]!.state!.terminated!.finishedAt, origin);
		const created = (p: Pod) => ms(p.metadata!.creationTimestamp, origin);
		const gaps = pods.slice(1).map((p, i) => created(p) - finished(pods[i]!));
		expect(gaps).toEqual([10_000, 20_000, 40_000]);
		const j = getJob(l, 'fail');
		expect(j.status!.failed).toBe(4);
		expect(j.status!.conditions!.map((c) => [c.type, c.reason])).toEqual([
			['FailureTarget', 'BackoffLimitExceeded'],
			['Failed', 'BackoffLimitExceeded']
		]);
		expect(j.status!.completionTime).toBeUndefined();
		expect(must(l, 'kubectl get jobs')).toMatch(/^fail\s+Failed\s+0\/1\s+3m20s\s+3m20s$/m);
		expect(
			events(l, 'Job').some(
				(e) =>
					e.type === 'Warning' &&
					e.reason === 'BackoffLimitExceeded' &&
					e.message === 'Job has reached the specified backoff limit'
			)
		).toBe(true);
	});

	it('with restartPolicy OnFailure counts container restarts against backoffLimit', () => {
		const l = lab();
		must(l, 'kubectl apply -f onfailure.yaml');
		l.advance(5_000);
		expect(getJob(l, 'crash').status!.conditions ?? []).toEqual([]);
		expect(jobPods(l, 'crash')).toHaveLength(1); // the kubelet restarts the container in place
		l.advance(60_000);
		const j = getJob(l, 'crash');
		expect(j.status!.conditions!.map((c) => c.type)).toEqual(['FailureTarget', 'Failed']);
		expect(jobPods(l, 'crash')).toHaveLength(0); // its running pod was deleted
	});

	it('runs at most `parallelism` pods until `completions` have succeeded', () => {
		const l = lab();
		must(l, 'kubectl apply -f batch.yaml');
		let most = 0;
		for (let t = 0; t < 60; t++) {
			l.advance(1_000);
			const active = jobPods(l, 'batch').filter(
				(p) => p.status?.phase !== 'Succeeded' && !p.metadata?.deletionTimestamp
			).length;
			most = Math.max(most, active);
		}
		expect(most).toBe(2);
		const pods = jobPods(l, 'batch');
		expect(pods).toHaveLength(5);
		expect(pods.every((p) => p.status!.phase === 'Succeeded')).toBe(true);
		expect(must(l, 'kubectl get jobs')).toMatch(/^batch\s+Complete\s+5\/5\s+\d+s\s+60s$/m);
	});

	it('is deleted with its pods', () => {
		const l = lab();
		must(l, 'kubectl apply -f ok.yaml');
		l.advance(20_000);
		expect(must(l, 'kubectl delete job ok')).toBe(
			'job.batch "ok" deleted from default namespace\n'
		);
		l.advance(5_000);
		expect(jobPods(l, 'ok')).toHaveLength(0);
		const r = l.exec('kubectl get jobs');
		expect(r.error).toBe('No resources found in default namespace.\n');
	});
});

describe('a new Job as the API server stores it', () => {
	it('has its selector and labels the moment it is created (strategy.go generateSelector, SetDefaults_Job)', () => {
		const l = lab();
		must(l, 'kubectl apply -f ok.yaml');
		const stored = JSON.parse(must(l, 'kubectl get job ok -o json')) as {
			metadata: { uid: string; labels: Record<string, string> };
			spec: { selector: { matchLabels: Record<string, string> } };
		};
		const uid = stored.metadata.uid;
		expect(stored.spec.selector.matchLabels).toEqual({ 'batch.kubernetes.io/controller-uid': uid });
		expect(stored.metadata.labels).toEqual({
			'batch.kubernetes.io/controller-uid': uid,
			'batch.kubernetes.io/job-name': 'ok',
			'controller-uid': uid,
			'job-name': 'ok'
		});
	});
});
