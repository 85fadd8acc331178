/**
 * Job features beyond completions and backoffLimit (kubernetes.io Job docs;
 * pkg/controller/job): activeDeadlineSeconds, suspend / resume, and completionMode Indexed.
 */
import { describe, expect, it } from 'vitest';
import type { Job } from 'kubernetes-types/batch/v1';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { getJob, job, jobPods, must } from './job-helpers';
import { LAB_EPOCH_MS } from '../../../src/engine/core/time';

const FILES: Record<string, string> = {
	'slow.yaml': job('slow', '["sleep", "3600"]', ['activeDeadlineSeconds: 30', 'parallelism: 2']),
	'quick.yaml': job('quick', '["sleep", "5"]', ['activeDeadlineSeconds: 60']),
	'held.yaml': job('held', '["sleep", "20"]', ['suspend: true', 'completions: 2']),
	'held-go.yaml': job('held', '["sleep", "20"]', ['suspend: false', 'completions: 2']),
	'held-deadline.yaml': job('held', '["sleep", "20"]', [
		'suspend: true',
		'activeDeadlineSeconds: 10'
	]),
	'held-deadline-go.yaml': job('held', '["sleep", "20"]', [
		'suspend: false',
		'activeDeadlineSeconds: 10'
	]),
	'fatal.yaml': job('fatal', '["sh", "-c", "exit 42"]', [
		'podFailurePolicy:',
		'  rules:',
		'  - action: FailJob',
		'    onExitCodes:',
		'      operator: In',
		'      values: [42]'
	]),
	'flaky.yaml': job('flaky', '["sh", "-c", "exit 3"]', [
		'backoffLimit: 1',
		'podFailurePolicy:',
		'  rules:',
		'  - action: Ignore',
		'    onExitCodes:',
		'      containerName: c',
		'      operator: In',
		'      values: [3]'
	]),
	'shards.yaml': job('shards', '["sleep", "5"]', [
		'completionMode: Indexed',
		'completions: 5',
		'parallelism: 2'
	])
};

function lab(): Lab {
	return createLab({ seed: 13, readFile: (p) => FILES[p] });
}

function running(l: Lab, name: string): Pod[] {
	return jobPods(l, name).filter(
		(p) => !p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded'
	);
}

function condition(j: Job, type: string) {
	return j.status?.conditions?.find((c) => c.type === type);
}

function jobEvents(l: Lab, name: string): Event[] {
	return (JSON.parse(must(l, 'kubectl get events -o json')) as { items: Event[] }).items.filter(
		(e) => e.involvedObject.kind === 'Job' && e.involvedObject.name === name
	);
}

const labTime = (t: string | undefined) => Date.parse(t!) - LAB_EPOCH_MS;

describe('activeDeadlineSeconds', () => {
	it('fails the Job with DeadlineExceeded once it has been active that long, and kills its pods', () => {
		const l = lab();
		must(l, 'kubectl apply -f slow.yaml');
		l.advance(29_000);
		expect(condition(getJob(l, 'slow'), 'FailureTarget')).toBeUndefined();
		expect(running(l, 'slow')).toHaveLength(2);
		l.advance(1_500);
		const target = condition(getJob(l, 'slow'), 'FailureTarget');
		expect(target?.reason).toBe('DeadlineExceeded');
		expect(target?.message).toBe('Job was active longer than specified deadline');
		expect(labTime(target?.lastTransitionTime)).toBe(30_000);
		l.advance(60_000);
		const done = getJob(l, 'slow');
		const failed = condition(done, 'Failed');
		expect(failed?.reason).toBe('DeadlineExceeded');
		expect(failed?.message).toBe('Job was active longer than specified deadline');
		// The pods it killed count as failed, and none is left running.
		expect(done.status?.failed).toBe(2);
		expect(running(l, 'slow')).toHaveLength(0);
		expect(must(l, 'kubectl get jobs')).toMatch(/^slow\s+Failed\s+0\/1 of 2\s/m);
		const warning = jobEvents(l, 'slow').find((e) => e.reason === 'DeadlineExceeded');
		expect(warning?.type).toBe('Warning');
		expect(warning?.message).toBe('Job was active longer than specified deadline');
	});

	it('does not touch a Job that finishes in time', () => {
		const l = lab();
		must(l, 'kubectl apply -f quick.yaml');
		l.advance(120_000);
		const j = getJob(l, 'quick');
		expect(condition(j, 'Complete')?.status).toBe('True');
		expect(condition(j, 'Failed')).toBeUndefined();
	});
});

describe('suspend', () => {
	it('a Job created suspended has no pods and no start time until it is resumed', () => {
		const l = lab();
		must(l, 'kubectl apply -f held.yaml');
		l.advance(10_000);
		let j = getJob(l, 'held');
		expect(jobPods(l, 'held')).toHaveLength(0);
		expect(j.status?.startTime).toBeUndefined();
		expect(condition(j, 'Suspended')).toMatchObject({
			status: 'True',
			reason: 'JobSuspended',
			message: 'Job suspended'
		});
		expect(must(l, 'kubectl get jobs')).toMatch(/^held\s+Suspended\s+0\/2\s+10s\s*$/m);
		must(l, 'kubectl apply -f held-go.yaml');
		l.advance(5_000);
		j = getJob(l, 'held');
		expect(running(l, 'held')).toHaveLength(1);
		expect(labTime(j.status?.startTime)).toBe(10_000);
		expect(condition(j, 'Suspended')).toMatchObject({
			status: 'False',
			reason: 'JobResumed',
			message: 'Job resumed'
		});
		expect(jobEvents(l, 'held').map((e) => e.reason)).toEqual(
			expect.arrayContaining(['Suspended', 'Resumed'])
		);
	});

	it('suspending a running Job deletes its pods without counting them as failures', () => {
		const l = lab();
		must(l, 'kubectl apply -f held-go.yaml');
		l.advance(5_000);
		expect(running(l, 'held')).toHaveLength(1);
		must(l, 'kubectl apply -f held.yaml');
		l.advance(40_000);
		const j = getJob(l, 'held');
		expect(running(l, 'held')).toHaveLength(0);
		expect(j.status?.failed ?? 0).toBe(0);
		expect(j.status?.active ?? 0).toBe(0);
		expect(condition(j, 'Suspended')?.status).toBe('True');
		// Resumed, it starts over at once (no failure back-off) and completes both.
		must(l, 'kubectl apply -f held-go.yaml');
		l.advance(1_000);
		expect(running(l, 'held')).toHaveLength(1);
		l.advance(60_000);
		expect(condition(getJob(l, 'held'), 'Complete')?.status).toBe('True');
	});

	it('stops the activeDeadlineSeconds clock while suspended and restarts it on resume', () => {
		const l = lab();
		must(l, 'kubectl apply -f held-deadline.yaml');
		l.advance(30_000);
		expect(condition(getJob(l, 'held'), 'FailureTarget')).toBeUndefined();
		must(l, 'kubectl apply -f held-deadline-go.yaml');
		l.advance(9_000);
		expect(condition(getJob(l, 'held'), 'FailureTarget')).toBeUndefined();
		l.advance(1_500);
		expect(condition(getJob(l, 'held'), 'FailureTarget')?.reason).toBe('DeadlineExceeded');
	});
});

describe('completionMode Indexed', () => {
	it('gives each pod its index: annotation, label, env, hostname and name', () => {
		const l = lab();
		must(l, 'kubectl apply -f shards.yaml');
		l.advance(3_000);
		const pods = running(l, 'shards').sort((a, b) =>
			a.metadata!.name! < b.metadata!.name! ? -1 : 1
		);
		expect(pods).toHaveLength(2);
		pods.forEach((pod, i) => {
			const key = 'batch.kubernetes.io/job-completion-index';
			expect(pod.metadata!.annotations![key]).toBe(String(i));
			expect(pod.metadata!.labels![key]).toBe(String(i));
			expect(pod.metadata!.name).toMatch(new RegExp(`^shards-${i}-[a-z0-9]{5}$`));
			expect(pod.spec!.hostname).toBe(`shards-${i}`);
			expect(pod.spec!.containers[0]!.env).toEqual([
				{
					name: 'JOB_COMPLETION_INDEX',
					valueFrom: {
						fieldRef: {
							apiVersion: 'v1',
							fieldPath: `metadata.labels['${key}']`
						}
					}
				}
			]);
		});
	});

	it('runs every index once, lowest first, and counts completions by index', () => {
		const l = lab();
		must(l, 'kubectl apply -f shards.yaml');
		const seen: number[] = [];
		for (let t = 0; t < 120; t++) {
			l.advance(500);
			for (const p of jobPods(l, 'shards')) {
				const ix = Number(p.metadata!.annotations!['batch.kubernetes.io/job-completion-index']);
				if (!seen.includes(ix)) seen.push(ix);
			}
			const j = getJob(l, 'shards');
			if (t === 20) {
				// Indexes 0 and 1 have finished by now: the interval form lists two as "0,1".
				expect(j.status?.completedIndexes).toBe('0,1');
			}
		}
		expect(seen).toEqual([0, 1, 2, 3, 4]);
		const j = getJob(l, 'shards');
		expect(j.status?.completedIndexes).toBe('0-4');
		expect(j.status?.succeeded).toBe(5);
		expect(condition(j, 'Complete')?.status).toBe('True');
		expect(must(l, 'kubectl get jobs')).toMatch(/^shards\s+Complete\s+5\/5\s/m);
	});
});

describe('podFailurePolicy', () => {
	it('a FailJob rule on an exit code fails the Job at the first such failure', () => {
		const l = lab();
		must(l, 'kubectl apply -f fatal.yaml');
		l.advance(30_000);
		const j = getJob(l, 'fatal');
		const pod = jobPods(l, 'fatal')[0]!;
		expect(jobPods(l, 'fatal')).toHaveLength(1);
		const failed = condition(j, 'Failed');
		expect(failed?.reason).toBe('PodFailurePolicy');
		expect(failed?.message).toBe(
			`Container c for pod default/${pod.metadata!.name} failed with exit code 42 matching FailJob rule at index 0`
		);
	});

	it('an Ignore rule does not count the failure towards backoffLimit', () => {
		const l = lab();
		must(l, 'kubectl apply -f flaky.yaml');
		l.advance(120_000);
		const j = getJob(l, 'flaky');
		// backoffLimit 1 would have failed it after two failures; ignored, it keeps retrying.
		expect(jobPods(l, 'flaky').length).toBeGreaterThan(2);
		expect(j.status?.failed ?? 0).toBe(0);
		expect(condition(j, 'Failed')).toBeUndefined();
	});
});
