/**
 * CronJobs (kubernetes.io CronJob docs; pkg/controller/cronjob/cronjob_controllerv2.go and
 * utils.go; pkg/apis/batch/validation): Jobs named after their scheduled minute, history
 * limits, concurrency policies, suspend, missed schedules, validation, and time travel.
 */
import { describe, expect, it } from 'vitest';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { Event } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { LAB_EPOCH_MS } from '../../../src/engine/core/time';
import { fails } from '../lab-helpers';
import { must } from './job-helpers';

/** A CronJob of one busybox container running `command`, with `spec` lines added. */
function cronJob(
	name: string,
	schedule: string,
	command: string,
	spec: string[] = [],
	restartPolicy = 'OnFailure'
): string {
	return [
		'apiVersion: batch/v1',
		'kind: CronJob',
		`metadata:\n  name: ${name}`,
		'spec:',
		`  schedule: "${schedule}"`,
		...spec.map((s) => `  ${s}`),
		'  jobTemplate:',
		'    spec:',
		'      template:',
		'        spec:',
		`          restartPolicy: ${restartPolicy}`,
		`          containers:\n          - name: c\n            image: busybox:1.36\n            command: ${command}`,
		''
	].join('\n');
}

const HELLO = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
`;

const FILES: Record<string, string> = {
	'hello.yaml': HELLO,
	'long-allow.yaml': cronJob('long', '* * * * *', '["sleep", "150"]'),
	'long-forbid.yaml': cronJob('long', '* * * * *', '["sleep", "150"]', [
		'concurrencyPolicy: Forbid'
	]),
	'long-replace.yaml': cronJob('long', '* * * * *', '["sleep", "150"]', [
		'concurrencyPolicy: Replace'
	]),
	'failing.yaml': cronJob('failing', '* * * * *', '["sh", "-c", "exit 1"]', [], 'Never').replace(
		'    spec:\n      template:',
		'    spec:\n      backoffLimit: 0\n      template:'
	),
	'held.yaml': cronJob('held', '*/10 * * * *', '["true"]', ['suspend: true']),
	'held-deadline.yaml': cronJob('held', '*/10 * * * *', '["true"]', [
		'suspend: true',
		'startingDeadlineSeconds: 30'
	]),
	'ny.yaml': cronJob('ny', '5 4 * * *', '["true"]', ['timeZone: America/New_York']),
	'bad-schedule.yaml': cronJob('bad', '61 * * * *', '["true"]'),
	'tz-schedule.yaml': cronJob('bad', 'TZ=UTC * * * * *', '["true"]'),
	'bad-zone.yaml': cronJob('bad', '* * * * *', '["true"]', ['timeZone: Mars/Olympus']),
	'local-zone.yaml': cronJob('bad', '* * * * *', '["true"]', ['timeZone: Local']),
	'bad-policy.yaml': cronJob('bad', '* * * * *', '["true"]', ['concurrencyPolicy: Sometimes']),
	'long-name.yaml': cronJob('a'.repeat(53), '* * * * *', '["true"]'),
	'always.yaml': cronJob('bad', '* * * * *', '["true"]', [], 'Always')
};

function lab(): Lab {
	return createLab({ seed: 6, readFile: (p) => FILES[p] });
}

function getCronJob(l: Lab, name: string): CronJob {
	return JSON.parse(must(l, `kubectl get cronjob ${name} -o json`)) as CronJob;
}

function jobs(l: Lab): Job[] {
	const r = l.exec('kubectl get jobs -o json');
	return (JSON.parse(r.output) as { items: Job[] }).items;
}

function events(l: Lab, kind = 'CronJob'): Event[] {
	return (JSON.parse(must(l, 'kubectl get events -o json')) as { items: Event[] }).items.filter(
		(e) => e.involvedObject.kind === kind
	);
}

function reasons(l: Lab): string[] {
	return events(l).map((e) => e.reason ?? '');
}

/** The Job name for a lab time: `<cronjob>-<minutes since the Unix epoch>`. */
function jobName(cronJobName: string, labMs: number): string {
	return `${cronJobName}-${Math.floor((LAB_EPOCH_MS + labMs) / 60_000)}`;
}

const MIN = 60_000;

describe('CronJob controller', () => {
	it('creates one Job a minute, named after its scheduled minute, and records the run', () => {
		const l = lab();
		expect(must(l, 'kubectl apply -f hello.yaml')).toBe('cronjob.batch/hello created\n');
		l.advance(3 * MIN + 5_000);
		const names = jobs(l).map((j) => j.metadata!.name);
		expect(names).toEqual([
			jobName('hello', MIN),
			jobName('hello', 2 * MIN),
			jobName('hello', 3 * MIN)
		]);
		const first = jobs(l)[0]!;
		expect(first.metadata!.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(
			'2026-01-05T09:01:00Z'
		);
		const owner = first.metadata!.ownerReferences![0]!;
		expect(owner).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true });
		// The API server's Job defaults apply to the Jobs the controller creates.
		expect(first.spec!.backoffLimit).toBe(6);
		const cj = getCronJob(l, 'hello');
		expect(cj.status!.lastScheduleTime).toBe('2026-01-05T09:03:00Z');
		expect(cj.status!.lastSuccessfulTime).toBeDefined();
		expect(cj.status!.active).toBeUndefined();
		expect(reasons(l).filter((r) => r === 'SuccessfulCreate')).toHaveLength(3);
		expect(events(l).find((e) => e.reason === 'SawCompletedJob')?.message).toBe(
			`Saw completed job: ${jobName('hello', MIN)}, condition: Complete`
		);
		// The docs' busybox prints the date (once its container has started) and the greeting.
		expect(must(l, `kubectl logs job/${jobName('hello', 2 * MIN)}`)).toMatch(
			/^Mon Jan {2}5 09:02:0\d UTC 2026\nHello from the Kubernetes cluster\n$/
		);
	});

	it('the Job is created 100 ms after its scheduled time (nextScheduleDelta)', () => {
		const l = lab();
		must(l, 'kubectl apply -f hello.yaml');
		l.advance(MIN + 99);
		expect(jobs(l)).toHaveLength(0);
		l.advance(1);
		expect(jobs(l).map((j) => j.metadata!.name)).toEqual([jobName('hello', MIN)]);
	});

	it('keeps 3 successful and 1 failed finished Jobs, deleting the oldest (history limits)', () => {
		const l = lab();
		must(l, 'kubectl apply -f hello.yaml');
		must(l, 'kubectl apply -f failing.yaml');
		l.advance(6 * MIN + 30_000);
		const hello = jobs(l).filter((j) => j.metadata!.name!.startsWith('hello-'));
		expect(hello.map((j) => j.metadata!.name)).toEqual(
			[4, 5, 6].map((m) => jobName('hello', m * MIN))
		);
		const failing = jobs(l).filter((j) => j.metadata!.name!.startsWith('failing-'));
		expect(failing.map((j) => j.metadata!.name)).toEqual([jobName('failing', 6 * MIN)]);
		const deleted = events(l)
			.filter((e) => e.reason === 'SuccessfulDelete' && e.involvedObject.name === 'hello')
			.map((e) => e.message);
		expect(deleted).toEqual([1, 2, 3].map((m) => `Deleted job ${jobName('hello', m * MIN)}`));
		// Their pods went with them.
		const pods = JSON.parse(must(l, 'kubectl get pods -o json')) as {
			items: { metadata: { name: string; deletionTimestamp?: string } }[];
		};
		const live = pods.items.filter((p) => p.metadata.deletionTimestamp === undefined);
		expect(live.filter((p) => p.metadata.name.startsWith(jobName('hello', MIN)))).toHaveLength(0);
	});

	it('Allow runs Jobs side by side; Forbid skips a start while one runs; Replace swaps it', () => {
		const allow = lab();
		must(allow, 'kubectl apply -f long-allow.yaml');
		allow.advance(2 * MIN + 30_000);
		expect(getCronJob(allow, 'long').status!.active).toHaveLength(2);

		const forbid = lab();
		must(forbid, 'kubectl apply -f long-forbid.yaml');
		forbid.advance(2 * MIN + 30_000);
		expect(getCronJob(forbid, 'long').status!.active!.map((r) => r.name)).toEqual([
			jobName('long', MIN)
		]);
		expect(events(forbid).find((e) => e.reason === 'JobAlreadyActive')?.message).toBe(
			'Not starting job because prior execution is running and concurrency policy is Forbid'
		);
		expect(jobs(forbid)).toHaveLength(1);

		const replace = lab();
		must(replace, 'kubectl apply -f long-replace.yaml');
		replace.advance(2 * MIN + 30_000);
		expect(getCronJob(replace, 'long').status!.active!.map((r) => r.name)).toEqual([
			jobName('long', 2 * MIN)
		]);
		expect(jobs(replace).map((j) => j.metadata!.name)).toEqual([jobName('long', 2 * MIN)]);
		expect(events(replace).map((e) => e.message)).toContain(`Deleted job ${jobName('long', MIN)}`);
	});

	it('a suspended CronJob starts nothing; resumed, it runs only the most recent missed time', () => {
		const l = lab();
		must(l, 'kubectl apply -f held.yaml');
		l.advance(35 * MIN);
		expect(jobs(l)).toHaveLength(0);
		expect(must(l, 'kubectl get cronjob held')).toContain('True');
		must(l, `kubectl patch cronjob held -p '{"spec":{"suspend":false}}'`);
		l.advance(1_000);
		// 09:10, 09:20 and 09:30 were missed: only 09:30 runs.
		expect(jobs(l).map((j) => j.metadata!.name)).toEqual([jobName('held', 30 * MIN)]);
		l.advance(10 * MIN);
		expect(jobs(l).map((j) => j.metadata!.name)).toEqual([
			jobName('held', 30 * MIN),
			jobName('held', 40 * MIN)
		]);
	});

	it('startingDeadlineSeconds: a start missed by more than the deadline is not made up', () => {
		const l = lab();
		must(l, 'kubectl apply -f held-deadline.yaml');
		l.advance(35 * MIN);
		must(l, `kubectl patch cronjob held -p '{"spec":{"suspend":false}}'`);
		l.advance(1_000);
		expect(jobs(l)).toHaveLength(0);
		l.advance(5 * MIN);
		expect(jobs(l).map((j) => j.metadata!.name)).toEqual([jobName('held', 40 * MIN)]);
	});

	it('more than 100 missed start times warns TooManyMissedTimes, and still runs the last', () => {
		const l = lab();
		must(l, 'kubectl create cronjob often --image=busybox:1.36 --schedule="* * * * *" -- true');
		must(l, `kubectl patch cronjob often -p '{"spec":{"suspend":true}}'`);
		l.advance(102 * MIN + 30_000);
		must(l, `kubectl patch cronjob often -p '{"spec":{"suspend":false}}'`);
		l.advance(1_000);
		const warning = events(l).find((e) => e.reason === 'TooManyMissedTimes');
		expect(warning?.type).toBe('Warning');
		expect(warning?.message).toBe(
			'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew'
		);
		expect(jobs(l).map((j) => j.metadata!.name)).toEqual([jobName('often', 102 * MIN)]);
	});

	it('a timeZone moves the schedule and shows in the scheduled-timestamp annotation', () => {
		const l = lab();
		must(l, 'kubectl apply -f ny.yaml');
		expect(must(l, 'kubectl get cronjobs')).toContain('America/New_York');
		// The lab starts at 09:00 UTC, 04:00 in New York: 04:05 there is 5 minutes away.
		l.advance(5 * MIN + 1_000);
		const job = jobs(l)[0]!;
		expect(job.metadata!.name).toBe(jobName('ny', 5 * MIN));
		expect(job.metadata!.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(
			'2026-01-05T04:05:00-05:00'
		);
	});

	it('time travel restores the CronJob and its schedule', () => {
		const l = lab();
		must(l, 'kubectl apply -f hello.yaml');
		l.advance(4 * MIN);
		const at4 = must(l, 'kubectl get cronjobs,jobs');
		const hash = l.traceHash();
		l.seek(90_000);
		expect(jobs(l).map((j) => j.metadata!.name)).toEqual([jobName('hello', MIN)]);
		l.advance(4 * MIN - 90_000);
		expect(must(l, 'kubectl get cronjobs,jobs')).toBe(at4);
		expect(l.traceHash()).toBe(hash);
	});
});

describe('kubectl and CronJobs', () => {
	it('create cronjob, get with -o wide, create job --from, delete with its Jobs', () => {
		const l = lab();
		expect(
			must(
				l,
				'kubectl create cronjob tick --image=busybox:1.36 --schedule="*/2 * * * *" -- echo tick'
			)
		).toBe('cronjob.batch/tick created\n');
		expect(must(l, 'kubectl get cj -o wide')).toBe(
			'NAME   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE   CONTAINERS   IMAGES         SELECTOR\n' +
				'tick   */2 * * * *   <none>     False     0        <none>          0s    tick         busybox:1.36   <none>\n'
		);
		const cj = getCronJob(l, 'tick');
		expect(cj.spec).toMatchObject({
			concurrencyPolicy: 'Allow',
			suspend: false,
			successfulJobsHistoryLimit: 3,
			failedJobsHistoryLimit: 1
		});
		expect(cj.spec!.startingDeadlineSeconds).toBeUndefined();
		expect(cj.spec!.jobTemplate.spec!.template.spec!.restartPolicy).toBe('OnFailure');
		expect(must(l, 'kubectl create job now --from=cronjob/tick')).toBe('job.batch/now created\n');
		const manual = jobs(l).find((j) => j.metadata!.name === 'now')!;
		expect(manual.metadata!.annotations!['cronjob.kubernetes.io/instantiate']).toBe('manual');
		expect(manual.metadata!.ownerReferences![0]).toMatchObject({ kind: 'CronJob', name: 'tick' });
		l.advance(2 * MIN + 1_000);
		expect(reasons(l)).toContain('UnexpectedJob');
		expect(jobs(l)).toHaveLength(2);
		expect(must(l, 'kubectl get all')).toContain('cronjob.batch/tick');
		expect(must(l, 'kubectl delete cronjob tick')).toBe(
			'cronjob.batch "tick" deleted from default namespace\n'
		);
		l.advance(1_000);
		expect(jobs(l)).toHaveLength(0);
	});

	it('create job --from needs an existing cronjob, and create cronjob its flags', () => {
		const l = lab();
		expect(fails(l, 'kubectl create job x --from=cronjob/none').error).toBe(
			'Error from server (NotFound): cronjobs.batch "none" not found\n'
		);
		expect(fails(l, 'kubectl create job x').error).toBe(
			'error: either --image or --from must be specified\n'
		);
		expect(fails(l, 'kubectl create cronjob x --image=busybox').error).toBe(
			'error: required flag(s) "schedule" not set\n'
		);
		expect(fails(l, 'kubectl create cronjob x --image=busybox --schedule=bad').error).toBe(
			'error: failed to create cronjob: CronJob.batch "x" is invalid: spec.schedule: Invalid value: "bad": expected exactly 5 fields, found 1: [bad]\n'
		);
	});

	it('describe cronjob shows the schedule, the policies, the template and the active Jobs', () => {
		const l = lab();
		must(l, 'kubectl apply -f long-allow.yaml');
		l.advance(MIN + 1_000);
		const text = must(l, 'kubectl describe cronjob long');
		expect(text).toContain('Schedule:                      * * * * *\n');
		expect(text).toContain('Concurrency Policy:            Allow\n');
		expect(text).toContain('Starting Deadline Seconds:     <unset>\n');
		expect(text).toContain('Last Schedule Time:  Mon, 05 Jan 2026 09:01:00 +0000\n');
		expect(text).toContain(`Active Jobs:         ${jobName('long', MIN)}\n`);
		expect(text).toContain(
			`Normal  SuccessfulCreate  1s    cronjob-controller  Created job ${jobName('long', MIN)}`
		);
	});
});

describe('CronJob validation (pkg/apis/batch/validation)', () => {
	it.each([
		[
			'bad-schedule.yaml',
			'The CronJob "bad" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61\n'
		],
		[
			'tz-schedule.yaml',
			'The CronJob "bad" is invalid: spec.schedule: Invalid value: "TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead\n'
		],
		[
			'bad-zone.yaml',
			'The CronJob "bad" is invalid: spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus\n'
		],
		[
			'local-zone.yaml',
			'The CronJob "bad" is invalid: spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones\n'
		],
		[
			'bad-policy.yaml',
			'The CronJob "bad" is invalid: spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"\n'
		],
		[
			'long-name.yaml',
			`The CronJob "${'a'.repeat(53)}" is invalid: metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters\n`
		],
		[
			'always.yaml',
			'The CronJob "bad" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n'
		]
	])('%s', (file, error) => {
		const l = lab();
		expect(fails(l, `kubectl apply -f ${file}`).error).toBe(error);
	});
});
