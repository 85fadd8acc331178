/**
 * A pod that no node fits because of other pods (a required pod affinity, a DoNotSchedule
 * topology spread constraint) is tried again as soon as a pod it cares about is bound or
 * relabelled: the scheduling queue's AssignedPodAdded / AssignedPodUpdated move the unschedulable
 * pods with a matching affinity term or rejected by PodTopologySpread
 * (backend/queue/scheduling_queue.go getUnschedulablePodsWithCrossTopologyTerm), and the
 * plugins' queueing hints decide (interpodaffinity/plugin.go, podtopologyspread/plugin.go
 * isSchedulableAfterPodChange). Not after the five-minute podMaxInUnschedulablePodsDuration
 * flush, and not for a pod those plugins did not reject.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../../src/engine/index';
import type { Lab } from '../../../../src/engine/types';
import { succeeds } from '../../lab-helpers';

function lab(files: Record<string, string>): Lab {
	const l = createLab({ seed: 7, workers: 3, readFile: (p) => files[p] });
	l.advance(30_000);
	return l;
}

function nodeOf(l: Lab, name: string, ns = 'default'): string | undefined {
	const out = succeeds(l, `kubectl get pod ${name} -n ${ns} -o json`).output;
	return (JSON.parse(out) as { spec: { nodeName?: string } }).spec.nodeName;
}

function attempts(l: Lab, name: string, ns = 'default'): number {
	const d = l.scheduling(ns, name);
	if (d === undefined) throw new Error(`no decision for ${name}`);
	return d.attempt;
}

const pod = (name: string, labels: string, spec = '', ns = 'default') => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${ns}, labels: {${labels}}}
spec:
${spec}  containers: [{name: c, image: nginx:1.27}]
`;

const withAffinity = (key: string, value: string) => `  affinity:
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchLabels: {${key}: ${value}}}
        topologyKey: kubernetes.io/hostname
`;

/** Zone a only, but zone b counts as a domain (nodeAffinityPolicy Ignore). */
const SPREAD_IN_A = `  nodeSelector: {zone: a}
  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: zone
    whenUnsatisfiable: DoNotSchedule
    nodeAffinityPolicy: Ignore
    labelSelector: {matchLabels: {app: s}}
`;

describe('an assigned pod added or relabelled requeues the pods it may let in', () => {
	it('schedules a pod with required affinity as soon as its peer is bound', () => {
		const l = lab({
			'web.yaml': pod('web', 'app: web', withAffinity('app', 'db')),
			'db.yaml': pod('db', 'app: db')
		});
		succeeds(l, 'kubectl apply -f web.yaml');
		l.advance(20_000);
		expect(nodeOf(l, 'web')).toBeUndefined();
		succeeds(l, 'kubectl apply -f db.yaml');
		l.advance(1_000);
		expect(nodeOf(l, 'db')).toBeDefined();
		expect(nodeOf(l, 'web')).toBe(nodeOf(l, 'db'));
	});

	it('schedules it as soon as a running pod is given the label it wants', () => {
		const l = lab({
			'web.yaml': pod('web', 'app: web', withAffinity('role', 'db')),
			'db.yaml': pod('db', 'app: db')
		});
		succeeds(l, 'kubectl apply -f db.yaml');
		succeeds(l, 'kubectl apply -f web.yaml');
		l.advance(20_000);
		expect(nodeOf(l, 'web')).toBeUndefined();
		succeeds(l, 'kubectl label pod db role=db');
		l.advance(1_000);
		expect(nodeOf(l, 'web')).toBe(nodeOf(l, 'db'));
	});

	it('schedules a pod held back by topology spread once a matching pod lands in the other zone', () => {
		const l = lab({
			'a.yaml': pod('in-a', 'app: s', '  nodeSelector: {zone: a}\n'),
			'b.yaml': pod('in-b', 'app: s', '  nodeSelector: {zone: b}\n'),
			'web.yaml': pod('web', 'app: s', SPREAD_IN_A)
		});
		succeeds(l, 'kubectl label node node-1 zone=a');
		succeeds(l, 'kubectl label node node-2 zone=b');
		succeeds(l, 'kubectl apply -f a.yaml');
		l.advance(5_000);
		succeeds(l, 'kubectl apply -f web.yaml');
		l.advance(20_000);
		expect(nodeOf(l, 'web')).toBeUndefined();
		succeeds(l, 'kubectl apply -f b.yaml');
		l.advance(1_000);
		expect(nodeOf(l, 'in-b')).toBe('node-2');
		expect(nodeOf(l, 'web')).toBe('node-1');
	});

	it('tries a pod held back by topology spread again when its own labels leave the selector', () => {
		const l = lab({
			'a.yaml': pod('in-a', 'app: s', '  nodeSelector: {zone: a}\n'),
			'web.yaml': pod('web', 'app: s', SPREAD_IN_A)
		});
		succeeds(l, 'kubectl label node node-1 zone=a');
		succeeds(l, 'kubectl label node node-2 zone=b');
		succeeds(l, 'kubectl apply -f a.yaml');
		l.advance(5_000);
		succeeds(l, 'kubectl apply -f web.yaml');
		l.advance(20_000);
		expect(nodeOf(l, 'web')).toBeUndefined();
		// Another label: the constraint's selector still matches, nothing changes for it.
		succeeds(l, 'kubectl label pod web tier=front');
		l.advance(5_000);
		expect(attempts(l, 'web')).toBe(1);
		// Out of its own selector: skew counts it no more (selfMatchNum 0) and it fits.
		succeeds(l, 'kubectl label pod web app=t --overwrite');
		l.advance(1_000);
		expect(nodeOf(l, 'web')).toBe('node-1');
	});

	it('leaves alone a pod whose rejection no pod can lift, or whose terms the new pod misses', () => {
		const big = `  containers: [{name: c, image: nginx:1.27, resources: {requests: {cpu: "100"}}}]\n`;
		const l = lab({
			'big.yaml': pod('big', 'app: big', withAffinity('app', 'db')).replace(
				/ {2}containers: .*\n/,
				big
			),
			'web.yaml': pod('web', 'app: web', withAffinity('app', 'db')),
			'other.yaml': pod('other', 'app: other'),
			'db.yaml': pod('db', 'app: db')
		});
		succeeds(l, 'kubectl apply -f big.yaml');
		succeeds(l, 'kubectl apply -f web.yaml');
		l.advance(20_000);
		expect(attempts(l, 'big')).toBe(1);
		expect(attempts(l, 'web')).toBe(1);
		// A pod the affinity does not select: neither is tried again.
		succeeds(l, 'kubectl apply -f other.yaml');
		l.advance(5_000);
		expect(nodeOf(l, 'other')).toBeDefined();
		expect(attempts(l, 'web')).toBe(1);
		expect(attempts(l, 'big')).toBe(1);
		// The peer: web goes; big was turned away by NodeResourcesFit, which a new pod cannot help.
		succeeds(l, 'kubectl apply -f db.yaml');
		l.advance(5_000);
		expect(nodeOf(l, 'web')).toBe(nodeOf(l, 'db'));
		expect(attempts(l, 'big')).toBe(1);
	});
});
