/**
 * The system default PodTopologySpread constraints group a pod with the pods selected by what
 * selects it: helper/spread.go DefaultSelector merges the selectors of the Services that select
 * the pod with its controlling ReplicationController's, ReplicaSet's or StatefulSet's. A pod
 * nothing selects gets no default constraints (PreScore Skip). Likewise InterPodAffinity's
 * namespaceSelector reads the namespaces' own labels.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../../src/engine/index';
import type { Lab } from '../../../../src/engine/types';
import { succeeds } from '../../lab-helpers';

function lab(files: Record<string, string>): Lab {
	return createLab({ seed: 7, workers: 3, readFile: (p) => files[p] });
}

function ranSpread(l: Lab, pod: string, ns = 'default'): boolean {
	const d = l.scheduling(ns, pod);
	if (d === undefined) throw new Error(`no decision for ${pod}`);
	expect(d.scored).toBe(true);
	return d.scorePlugins.some((p) => p.plugin === 'PodTopologySpread');
}

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:1.27}]
`;

const pod = (name: string, labels: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {${labels}}}
spec:
  containers: [{name: c, image: nginx:1.27}]
`;

describe('default topology spreading sees what selects the pod', () => {
	it("spreads a StatefulSet's pods by its selector", () => {
		const l = lab({ 'sts.yaml': STATEFULSET });
		succeeds(l, 'kubectl apply -f sts.yaml');
		l.advance(60_000);
		expect(ranSpread(l, 'web-0')).toBe(true);
		expect(ranSpread(l, 'web-1')).toBe(true);
	});

	it('spreads a bare pod a Service selects, and not one nothing selects', () => {
		const l = lab({ 'a.yaml': pod('selected', 'app: api'), 'b.yaml': pod('alone', 'app: other') });
		succeeds(l, 'kubectl create service clusterip api --tcp=80:80');
		succeeds(l, 'kubectl apply -f a.yaml');
		succeeds(l, 'kubectl apply -f b.yaml');
		l.advance(1_000);
		expect(ranSpread(l, 'selected')).toBe(true);
		expect(ranSpread(l, 'alone')).toBe(false);
	});

	it('sees a Service created after the lab has scheduled pods', () => {
		const l = lab({ 'a.yaml': pod('first', 'app: api'), 'b.yaml': pod('second', 'app: api') });
		succeeds(l, 'kubectl apply -f a.yaml');
		l.advance(1_000);
		expect(ranSpread(l, 'first')).toBe(false);
		succeeds(l, 'kubectl create service clusterip api --tcp=80:80');
		succeeds(l, 'kubectl apply -f b.yaml');
		l.advance(1_000);
		expect(ranSpread(l, 'second')).toBe(true);
	});
});

describe("InterPodAffinity's namespaceSelector", () => {
	it("matches a namespace by the labels it was given, not only by its name's", () => {
		const l = lab({
			'ns.yaml': `apiVersion: v1
kind: Namespace
metadata: {name: team-a, labels: {team: a}}
`,
			'db.yaml': `apiVersion: v1
kind: Pod
metadata: {name: db, namespace: team-a, labels: {app: db}}
spec:
  containers: [{name: c, image: redis:7}]
`,
			'web.yaml': `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  affinity:
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchLabels: {app: db}}
        namespaceSelector: {matchLabels: {team: a}}
        topologyKey: kubernetes.io/hostname
  containers: [{name: c, image: nginx:1.27}]
`
		});
		succeeds(l, 'kubectl apply -f ns.yaml');
		succeeds(l, 'kubectl apply -f db.yaml');
		l.advance(1_000);
		succeeds(l, 'kubectl apply -f web.yaml');
		l.advance(1_000);
		const node = (ns: string, name: string) =>
			(
				JSON.parse(succeeds(l, `kubectl get pod ${name} -n ${ns} -o json`).output) as {
					spec: { nodeName?: string };
				}
			).spec.nodeName;
		expect(node('team-a', 'db')).toBeDefined();
		expect(node('default', 'web')).toBe(node('team-a', 'db'));
	});
});
