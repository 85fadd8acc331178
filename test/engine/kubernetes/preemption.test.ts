// Pod priority and preemption carried out (kubernetes.io "Pod Priority and Preemption";
// framework/preemption/executor.go prepareCandidate; default_preemption.go): a pod that fits
// nowhere evicts less important pods, waits nominated to their node while they terminate
// gracefully, keeps that room from less important pods, and is bound there once they are gone.
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const CLASS = (name: string, value: number, never = false) => `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: ${name}
value: ${value}
${never ? 'preemptionPolicy: Never\n' : ''}`;

/** A pod asking for 3 of a worker's 4 CPUs (two never fit on one node), or `cpu`. */
const POD = (name: string, cls: string, command = '', cpu = '3') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${cls ? `  priorityClassName: ${cls}\n` : ''}  containers:
  - name: main
    image: busybox
${command ? `    command: ${command}\n` : ''}    resources:
      requests:
        cpu: "${cpu}"
`;

// `sleep` ignores SIGTERM as PID 1: the victim holds its CPU for the whole grace period.
const SLEEP = '["sleep", "3600"]';

const FILES: Record<string, string> = {
	'high.yaml': CLASS('high', 1000000),
	'mid.yaml': CLASS('mid', 1000, true),
	'polite.yaml': CLASS('polite', 1000000, true),
	'victim.yaml': POD('victim', '', SLEEP),
	'urgent.yaml': POD('urgent', 'high', SLEEP),
	'latecomer.yaml': POD('latecomer', '', SLEEP, '1'),
	'small-victim.yaml': POD('victim', '', SLEEP, '2'),
	'filler.yaml': POD('filler', '', SLEEP, '1'),
	'quiet.yaml': POD('quiet', 'polite', SLEEP),
	'first.yaml': POD('first', '', SLEEP),
	'second.yaml': POD('second', 'mid', SLEEP)
};

/** A pod bound to `node` by spec.nodeName, labelled `app: NAME`. */
const PINNED = (name: string, node: string) =>
	POD(name, '', SLEEP).replace(
		'spec:\n',
		`  labels:\n    app: ${name}\nspec:\n  nodeName: ${node}\n`
	);

FILES['guarded.yaml'] = PINNED('guarded', 'node-1');
FILES['spare.yaml'] = PINNED('spare', 'node-2');
FILES['budget.yaml'] = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: guarded
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: guarded
`;

function lab(workers = 1): Lab {
	return createLab({ seed: 5, workers, readFile: (p) => FILES[p] });
}

function pod(l: Lab, name: string): Pod {
	return JSON.parse(succeeds(l, `kubectl get pod ${name} -o json`).output) as Pod;
}

/** "Reason: message" of each event about the object, oldest first. */
function events(l: Lab, name: string): string[] {
	const out = succeeds(
		l,
		`kubectl get events --field-selector involvedObject.name=${name} -o json`
	);
	const list = JSON.parse(out.output) as { items: { reason: string; message: string }[] };
	return list.items.map((e) => `${e.reason}: ${e.message}`);
}

/** A victim running on node-1, then the urgent pod: 30 s into the lab. */
function preempting(): Lab {
	const l = lab();
	for (const f of ['high.yaml', 'mid.yaml', 'polite.yaml', 'victim.yaml'])
		succeeds(l, `kubectl apply -f ${f}`);
	succeeds(l, 'sim advance 30s');
	expect(pod(l, 'victim').status?.phase).toBe('Running');
	succeeds(l, 'kubectl apply -f urgent.yaml');
	succeeds(l, 'sim advance 1s');
	return l;
}

describe('preemption', () => {
	it('evicts the less important pod gracefully and nominates the node meanwhile', () => {
		const l = preempting();
		const victim = pod(l, 'victim');
		const urgent = pod(l, 'urgent');
		// The victim: a DisruptionTarget condition, a graceful delete, and the scheduler's event.
		expect(victim.metadata?.deletionTimestamp).toBeDefined();
		expect(victim.metadata?.deletionGracePeriodSeconds).toBe(30);
		expect(victim.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
			status: 'True',
			reason: 'PreemptionByScheduler',
			message: 'default-scheduler: preempting to accommodate a higher priority pod'
		});
		expect(events(l, 'victim')).toContain(
			`Preempted: Preempted by pod ${urgent.metadata?.uid} on node node-1`
		);
		// The preemptor: still Pending, nominated to the node, its FailedScheduling without a
		// preemption clause (the PostFilter succeeded).
		expect(urgent.spec?.nodeName).toBeUndefined();
		expect(urgent.status?.nominatedNodeName).toBe('node-1');
		expect(events(l, 'urgent')).toEqual([
			'FailedScheduling: 0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s).'
		]);
		const wide = succeeds(l, 'kubectl get pod urgent -o wide').output;
		expect(wide.split('\n')[1]).toMatch(
			/^urgent\s+0\/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s+node-1\s+<none>$/
		);
		expect(succeeds(l, 'kubectl describe pod urgent').output).toMatch(
			/\nIPs: +<none>\nNominatedNodeName: +node-1\n/
		);
	});

	it('binds the preemptor once the victim is gone, and the API server clears the nomination', () => {
		const l = preempting();
		// The victim ignores SIGTERM: it holds the node until the 30 s grace period ends.
		succeeds(l, 'sim advance 25s');
		expect(pod(l, 'urgent').spec?.nodeName).toBeUndefined();
		succeeds(l, 'sim advance 10s');
		expect(succeeds(l, 'kubectl get pods -o name').output).toBe('pod/urgent\n');
		const urgent = pod(l, 'urgent');
		expect(urgent.spec?.nodeName).toBe('node-1');
		expect(urgent.status?.nominatedNodeName).toBeUndefined();
		const scheduled = events(l, 'urgent').find((e) => e.startsWith('Scheduled'));
		expect(scheduled).toBe('Scheduled: Successfully assigned default/urgent to node-1');
	});

	it('keeps the room it made from a less important pod that comes later', () => {
		// 4 CPUs: the victim holds 2, a filler 1; the urgent pod needs 3, so the victim must go.
		const l = lab();
		for (const f of ['high.yaml', 'small-victim.yaml', 'filler.yaml'])
			succeeds(l, `kubectl apply -f ${f}`);
		succeeds(l, 'sim advance 30s');
		succeeds(l, 'kubectl apply -f urgent.yaml');
		succeeds(l, 'sim advance 1s');
		expect(pod(l, 'urgent').status?.nominatedNodeName).toBe('node-1');
		// One CPU is free while the victim terminates, but it is the nominated pod's: the filters
		// count the urgent pod on its nominated node (RunFilterPluginsWithNominatedPods).
		succeeds(l, 'kubectl apply -f latecomer.yaml');
		succeeds(l, 'sim advance 1s');
		expect(pod(l, 'latecomer').spec?.nodeName).toBeUndefined();
		expect(events(l, 'latecomer')[0]).toMatch(
			/^FailedScheduling: 0\/2 nodes are available: 1 Insufficient cpu, .* 1 No preemption victims found for incoming pod, /
		);
		succeeds(l, 'sim advance 60s');
		expect(pod(l, 'urgent').spec?.nodeName).toBe('node-1');
		expect(pod(l, 'filler').spec?.nodeName).toBe('node-1');
		expect(pod(l, 'latecomer').spec?.nodeName).toBeUndefined();
	});

	it('prefers the node where no PodDisruptionBudget would be violated', () => {
		const l = lab(2);
		for (const f of ['high.yaml', 'guarded.yaml', 'spare.yaml', 'budget.yaml'])
			succeeds(l, `kubectl apply -f ${f}`);
		succeeds(l, 'sim advance 30s');
		// The budget allows no disruption of its one pod; evicting "spare" breaks no budget.
		expect(JSON.parse(succeeds(l, 'kubectl get pdb guarded -o json').output).status).toMatchObject({
			disruptionsAllowed: 0
		});
		succeeds(l, 'kubectl apply -f urgent.yaml');
		succeeds(l, 'sim advance 1s');
		expect(pod(l, 'urgent').status?.nominatedNodeName).toBe('node-2');
		expect(pod(l, 'spare').metadata?.deletionTimestamp).toBeDefined();
		expect(pod(l, 'guarded').metadata?.deletionTimestamp).toBeUndefined();
	});

	it('does not evict for a pod whose policy is Never', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f polite.yaml');
		succeeds(l, 'kubectl apply -f victim.yaml');
		succeeds(l, 'sim advance 30s');
		succeeds(l, 'kubectl apply -f quiet.yaml');
		succeeds(l, 'sim advance 60s');
		expect(pod(l, 'victim').metadata?.deletionTimestamp).toBeUndefined();
		expect(pod(l, 'quiet').status?.nominatedNodeName).toBeUndefined();
		expect(events(l, 'quiet')[0]).toMatch(
			/ no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never\.$/
		);
	});

	it('gives freed room to the more important of two waiting pods (PrioritySort)', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f mid.yaml');
		succeeds(l, 'kubectl apply -f victim.yaml');
		succeeds(l, 'sim advance 30s');
		// Both wait; "first" came first, but "second" has the higher priority (and never preempts).
		succeeds(l, 'kubectl apply -f first.yaml');
		succeeds(l, 'kubectl apply -f second.yaml');
		succeeds(l, 'sim advance 5s');
		succeeds(l, 'kubectl delete pod victim --grace-period=0 --force');
		succeeds(l, 'sim advance 60s');
		expect(pod(l, 'second').spec?.nodeName).toBe('node-1');
		expect(pod(l, 'first').spec?.nodeName).toBeUndefined();
	});

	it('is replayed exactly: seeking back and forth over a preemption gives the same lab', () => {
		const l = preempting();
		succeeds(l, 'sim advance 40s');
		const end = l.now();
		const after = JSON.stringify(l.snapshot());
		l.seek(31_000);
		expect(pod(l, 'urgent').status?.nominatedNodeName).toBe('node-1');
		l.seek(end);
		expect(JSON.stringify(l.snapshot())).toBe(after);
		const again = preempting();
		succeeds(again, 'sim advance 40s');
		expect(again.traceHash()).toBe(l.traceHash());
	});
});
