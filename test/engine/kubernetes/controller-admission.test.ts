// Pods made by controllers go through the API server's pod admission (issue 3): a template
// naming a missing ServiceAccount or an unknown PriorityClass makes no pod, the controller
// records the real FailedCreate warning (aggregated by the event recorder), the ReplicaSet and
// its Deployment carry ReplicaFailure, and the controller retries on its rate-limited queue
// until the account exists. Messages are the sources' (see the comments by each).
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import {
	CONTROLLER_RETRY_BASE_MS,
	CONTROLLER_RETRY_MAX_MS,
	JOB_API_BACKOFF_MS,
	JOB_MAX_API_BACKOFF_MS,
	SYSTEM_CLUSTER_CRITICAL_PRIORITY
} from '../../../src/engine/kubernetes/defaults';
import { succeeds } from '../lab-helpers';

const template = (spec: string) => `  template:
    metadata:
      labels: {app: web}
    spec:
${spec}      containers:
      - name: web
        image: nginx:1.27
`;

const deployment = (spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
${template(spec)}`;

const FILES: Record<string, string> = {
	'missing-sa.yaml': deployment('      serviceAccountName: foo\n'),
	'unknown-class.yaml': deployment('      priorityClassName: high\n'),
	'critical.yaml': deployment('      priorityClassName: system-cluster-critical\n'),
	'job.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      serviceAccountName: foo
      restartPolicy: Never
      containers:
      - name: pi
        image: busybox:1.36
        command: ["sh", "-c", "exit 0"]
`,
	'ds.yaml': `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
spec:
  selector:
    matchLabels: {app: web}
${template('      serviceAccountName: foo\n')}`,
	'sts.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels: {app: web}
${template('      serviceAccountName: foo\n')}`
};

function lab(): Lab {
	return createLab({ seed: 5, readFile: (p) => FILES[p] });
}

/** admission.go: the ServiceAccount plugin's refusal of a pod named `name` (or generateName). */
const noAccount = (name: string) =>
	`pods "${name}" is forbidden: error looking up service account default/foo: serviceaccount "foo" not found`;

/**
 * When a controller tries, from the instant its object appears until `until`: a first sync, a
 * second right after it (the status it wrote wakes it: updateRS/updateJob enqueue every
 * update), then the rate limiter's retries — the n-th failure waits base·2^(n−1), at most max,
 * and an earlier pending retry is kept over a later one (client-go's delaying queue).
 */
function attempts(base: number, max: number, until: number): number[] {
	const times = [0, 0];
	let failures = 2;
	let next = base; // the first failure's retry, earlier than the second's
	while (next <= until) {
		times.push(next);
		next += Math.min(max, base * 2 ** failures);
		failures++;
	}
	return times;
}

/** The next try after `t`. */
function nextAttempt(base: number, max: number, t: number): number {
	return attempts(base, max, t + max + base).find((a) => a > t)!;
}

function json<T>(l: Lab, line: string): T {
	return JSON.parse(succeeds(l, line).output) as T;
}

interface Condition {
	type: string;
	status: string;
	reason: string;
	message: string;
}

function podCount(l: Lab): number {
	return json<{ items: unknown[] }>(l, 'kubectl get pods -o json').items.length;
}

interface EventItem {
	involvedObject: { kind: string; name: string };
	type: string;
	reason: string;
	message: string;
	count: number;
	source: { component: string };
}

/** The events about one object (`kubectl describe ds|sts` are not simulated in the lab). */
function eventsOf(l: Lab, kind: string, name: string): EventItem[] {
	return json<{ items: EventItem[] }>(l, 'kubectl get events -o json').items.filter(
		(e) => e.involvedObject.kind === kind && e.involvedObject.name === name
	);
}

function rsName(l: Lab): string {
	return succeeds(l, 'kubectl get rs -o name').output.trim().replace('replicaset.apps/', '');
}

describe('a Deployment whose template names a missing ServiceAccount', () => {
	it('makes no pod: FailedCreate on the ReplicaSet, ReplicaFailure on it and on the Deployment', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f missing-sa.yaml');
		succeeds(l, 'sim advance 60s');
		expect(podCount(l)).toBe(0);
		const rs = rsName(l);
		// replica_set.go manageReplicas → controller_utils.go createPods: the Warning
		// FailedCreate "Error creating: %v", the pod named by its generateName.
		const tries = attempts(CONTROLLER_RETRY_BASE_MS, CONTROLLER_RETRY_MAX_MS, 60_000);
		// Event timestamps are whole seconds, so the last try at 40.9 s was "20s" ago at 60 s.
		const lastSeen = 60 - Math.floor(tries[tries.length - 1]! / 1000);
		expect(succeeds(l, `kubectl describe rs ${rs}`).output).toContain(
			`  Warning  FailedCreate  ${lastSeen}s (x${tries.length} over 60s)  replicaset-controller  ` +
				`Error creating: ${noAccount(`${rs}-`)}\n`
		);
		// replica_set_utils.go calculateStatus: ReplicaFailure True FailedCreate, the error as message.
		const rsConditions = json<Condition[]>(
			l,
			`kubectl get rs ${rs} -o jsonpath={.status.conditions}`
		);
		expect(rsConditions).toEqual([
			expect.objectContaining({
				type: 'ReplicaFailure',
				status: 'True',
				reason: 'FailedCreate',
				message: noAccount(`${rs}-`)
			})
		]);
		// progress.go syncRolloutStatus: the ReplicaSet's failure is copied onto the Deployment.
		const describe = succeeds(l, 'kubectl describe deploy web').output;
		expect(describe).toMatch(/\n {2}ReplicaFailure {3}True {4}FailedCreate\n/);
		expect(describe).toContain(`NewReplicaSet:     ${rs} (0/3 replicas created)\n`);
	});

	it('creates the pods on the next retry once the account exists, and clears the condition', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f missing-sa.yaml');
		succeeds(l, 'sim advance 60s');
		succeeds(l, 'kubectl create serviceaccount foo');
		// Nothing watches ServiceAccounts for the ReplicaSet: the pods wait for the next retry.
		const retry = nextAttempt(CONTROLLER_RETRY_BASE_MS, CONTROLLER_RETRY_MAX_MS, 60_000);
		succeeds(l, `sim advance ${retry - 60_000 - 1}ms`);
		expect(podCount(l)).toBe(0);
		succeeds(l, 'sim advance 1ms');
		expect(podCount(l)).toBe(3);
		succeeds(l, 'sim advance 30s');
		const rs = rsName(l);
		expect(succeeds(l, `kubectl get rs ${rs} -o jsonpath={.status.conditions}`).output).toBe('');
		const types = json<Condition[]>(l, 'kubectl get deploy web -o jsonpath={.status.conditions}');
		expect(types.map((c) => c.type).sort()).toEqual(['Available', 'Progressing']);
	});

	it('replays the same retries after time travel (the backoff is part of a checkpoint)', () => {
		const straight = lab();
		succeeds(straight, 'kubectl apply -f missing-sa.yaml');
		succeeds(straight, 'sim advance 90s');
		const l = lab();
		succeeds(l, 'kubectl apply -f missing-sa.yaml');
		succeeds(l, 'sim advance 90s');
		l.seek(20_000);
		l.seek(90_000);
		const events = (x: Lab) => succeeds(x, 'kubectl get events').output;
		expect(events(l)).toBe(events(straight));
	});
});

describe('a template naming an unknown PriorityClass', () => {
	it('is refused by the Priority plugin, with its message', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f unknown-class.yaml');
		succeeds(l, 'sim advance 10s');
		expect(podCount(l)).toBe(0);
		const rs = rsName(l);
		// plugin/pkg/admission/priority/admission.go: "no PriorityClass with name %v was found".
		expect(succeeds(l, `kubectl describe rs ${rs}`).output).toContain(
			`Error creating: pods "${rs}-" is forbidden: no PriorityClass with name high was found\n`
		);
	});

	it('while a system class gives the pods its priority', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f critical.yaml');
		succeeds(l, 'sim advance 10s');
		const pods = json<{ items: { spec: { priority: number } }[] }>(
			l,
			'kubectl get pods -o json'
		).items;
		expect(pods).toHaveLength(3);
		for (const p of pods) expect(p.spec.priority).toBe(SYSTEM_CLUSTER_CRITICAL_PRIORITY);
	});
});

describe('Jobs, DaemonSets and StatefulSets', () => {
	it('a Job records FailedCreate and retries on the job queue (1 s doubling to 1 min)', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f job.yaml');
		succeeds(l, 'sim advance 60s');
		expect(podCount(l)).toBe(0);
		const tries = attempts(JOB_API_BACKOFF_MS, JOB_MAX_API_BACKOFF_MS, 60_000);
		expect(succeeds(l, 'kubectl describe job pi').output).toContain(
			`(x${tries.length} over 60s)  job-controller  Error creating: ${noAccount('pi-')}\n`
		);
		succeeds(l, 'kubectl create serviceaccount foo');
		const retry = nextAttempt(JOB_API_BACKOFF_MS, JOB_MAX_API_BACKOFF_MS, 60_000);
		succeeds(l, `sim advance ${retry - 60_000 - 1}ms`);
		expect(podCount(l)).toBe(0);
		succeeds(l, 'sim advance 1ms');
		expect(podCount(l)).toBe(1);
	});

	it('a DaemonSet tries one pod per sync (slow start), not one per node', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f ds.yaml');
		succeeds(l, 'sim advance 60s');
		expect(podCount(l)).toBe(0);
		const tries = attempts(CONTROLLER_RETRY_BASE_MS, CONTROLLER_RETRY_MAX_MS, 60_000);
		expect(eventsOf(l, 'DaemonSet', 'fluentd')).toEqual([
			expect.objectContaining({
				type: 'Warning',
				reason: 'FailedCreate',
				message: `Error creating: ${noAccount('fluentd-')}`,
				count: tries.length,
				source: { component: 'daemonset-controller' }
			})
		]);
		succeeds(l, 'kubectl create serviceaccount foo');
		succeeds(l, 'sim advance 60s');
		const nodes = json<{ items: unknown[] }>(l, 'kubectl get nodes -o json').items.length;
		// Workers only: the control plane's NoSchedule taint keeps the daemon off it.
		expect(podCount(l)).toBe(nodes - 1);
	});

	it('a StatefulSet records its own message for the pod it could not create', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f sts.yaml');
		succeeds(l, 'sim advance 60s');
		expect(podCount(l)).toBe(0);
		// stateful_pod_control.go recordPodEvent: "%s Pod %s in StatefulSet %s failed error: %s".
		const tries = attempts(CONTROLLER_RETRY_BASE_MS, CONTROLLER_RETRY_MAX_MS, 60_000);
		expect(eventsOf(l, 'StatefulSet', 'db')).toEqual([
			expect.objectContaining({
				type: 'Warning',
				reason: 'FailedCreate',
				message: `create Pod db-0 in StatefulSet db failed error: ${noAccount('db-0')}`,
				count: tries.length,
				source: { component: 'statefulset-controller' }
			})
		]);
		succeeds(l, 'kubectl create serviceaccount foo');
		succeeds(l, 'sim advance 60s');
		expect(podCount(l)).toBe(2);
	});
});
