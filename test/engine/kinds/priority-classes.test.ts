// PriorityClass (scheduling.k8s.io/v1) from the kubernetes.io "Pod Priority and Preemption"
// example: stored and listed beside the two system classes, described, resolved by the Priority
// admission plugin into pods (named, or the global default), refused with the API server's
// messages, protected from deletion when it is a system class, and read by the scheduler's
// preemption through spec.priority.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { fails, succeeds } from '../lab-helpers';
import { createSchedulerCache, schedulePod } from '../../../src/engine/kubernetes/scheduler/index';

// https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
const HIGH = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high-priority
value: 1000000
globalDefault: false
description: "This priority class should be used for XYZ service pods only."
`;

const NONPREEMPTING = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high-priority-nonpreempting
value: 1000000
preemptionPolicy: Never
globalDefault: false
description: "This priority class will not cause other pods to be preempted."
`;

const DEFAULT = (name: string, value: number) => `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: ${name}
value: ${value}
globalDefault: true
`;

const POD = (name: string, cls: string, cpu = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    env: test
spec:
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent
${cpu ? `    resources:\n      requests:\n        cpu: "${cpu}"\n` : ''}${cls ? `  priorityClassName: ${cls}\n` : ''}`;

const FILES: Record<string, string> = {
	'high.yaml': HIGH,
	'nonpreempting.yaml': NONPREEMPTING,
	'default.yaml': DEFAULT('cluster-default', 1000),
	'default2.yaml': DEFAULT('another-default', 10),
	'pod.yaml': POD('nginx', 'high-priority'),
	'plain-pod.yaml': POD('plain', ''),
	'unknown-pod.yaml': POD('lost', 'no-such-class'),
	'quiet.yaml': POD('quiet', 'high-priority-nonpreempting'),
	'forced-policy.yaml': POD('forced', '').replace(
		'  containers:',
		'  preemptionPolicy: Never\n  containers:'
	),
	'low-big.yaml': POD('low', '', '3'),
	'class-and-pod.yaml': `${HIGH}---\n${POD('together', 'high-priority')}`,
	'high-big.yaml': POD('urgent', 'high-priority', '3'),
	'plain-big.yaml': POD('plain-big', '', '3'),
	'system-name.yaml': HIGH.replace('high-priority', 'system-important'),
	'system-value.yaml': HIGH.replace('high-priority', 'system-node-critical'),
	'too-high.yaml': HIGH.replace('value: 1000000', 'value: 1500000000'),
	'bad-policy.yaml': HIGH.replace('globalDefault: false', 'preemptionPolicy: Sometimes'),
	'changed-value.yaml': HIGH.replace('value: 1000000', 'value: 5'),
	'bad-field.yaml': HIGH.replace('value: 1000000', 'value: "high"')
};

function lab(workers = 2): Lab {
	return createLab({ seed: 11, workers, readFile: (p) => FILES[p] });
}

const jsonpath = (l: Lab, what: string, path: string) =>
	succeeds(l, `kubectl get ${what} -o jsonpath=${path}`).output;

describe('PriorityClass: what every cluster has', () => {
	it('lists the two system classes as kubectl v1.35 prints them', () => {
		const l = lab();
		l.exec('sim advance 3h');
		expect(succeeds(l, 'kubectl get priorityclasses').output).toBe(
			'NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\n' +
				'system-cluster-critical   2000000000   false            3h    PreemptLowerPriority\n' +
				'system-node-critical      2000001000   false            3h    PreemptLowerPriority\n'
		);
		expect(succeeds(l, 'kubectl describe pc system-node-critical').output).toBe(
			'Name:              system-node-critical\n' +
				'Value:             2000001000\n' +
				'GlobalDefault:     false\n' +
				'PreemptionPolicy:  PreemptLowerPriority\n' +
				'Description:       Used for system critical pods that must not be moved from their current node.\n' +
				'Annotations:       <none>\n' +
				'Events:            <none>\n'
		);
		expect(succeeds(l, 'kubectl api-resources --api-group scheduling.k8s.io').output).toBe(
			'NAME              SHORTNAMES   APIVERSION             NAMESPACED   KIND\n' +
				'priorityclasses   pc           scheduling.k8s.io/v1   false        PriorityClass\n'
		);
	});

	it('refuses to delete a system class, and changes nothing', () => {
		const l = lab();
		expect(fails(l, 'kubectl delete pc system-cluster-critical').error).toBe(
			'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "system-cluster-critical" is forbidden: this is a system priority class and cannot be deleted\n'
		);
	});
});

describe('PriorityClass: a user class', () => {
	it('is created, listed in name order, described and printed as stored', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl apply -f high.yaml').output).toBe(
			'priorityclass.scheduling.k8s.io/high-priority created\n'
		);
		l.exec('sim advance 90s');
		expect(succeeds(l, 'kubectl get pc').output).toBe(
			'NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\n' +
				'high-priority             1000000      false            90s   PreemptLowerPriority\n' +
				'system-cluster-critical   2000000000   false            90s   PreemptLowerPriority\n' +
				'system-node-critical      2000001000   false            90s   PreemptLowerPriority\n'
		);
		expect(succeeds(l, 'kubectl describe priorityclass high-priority').output).toBe(
			'Name:              high-priority\n' +
				'Value:             1000000\n' +
				'GlobalDefault:     false\n' +
				'PreemptionPolicy:  PreemptLowerPriority\n' +
				'Description:       This priority class should be used for XYZ service pods only.\n' +
				'Annotations:       <none>\n' +
				'Events:            <none>\n'
		);
		const stored = JSON.parse(succeeds(l, 'kubectl get pc high-priority -o json').output) as {
			metadata: { generation: number; namespace?: string };
			globalDefault?: boolean;
			preemptionPolicy: string;
			value: number;
		};
		// Defaulted preemptionPolicy; globalDefault false is omitempty; cluster-scoped; generation 1.
		expect(stored.preemptionPolicy).toBe('PreemptLowerPriority');
		expect('globalDefault' in stored).toBe(false);
		expect(stored.metadata.namespace).toBeUndefined();
		expect(stored.metadata.generation).toBe(1);
		expect(succeeds(l, 'kubectl get pc -o name').output).toBe(
			'priorityclass.scheduling.k8s.io/high-priority\n' +
				'priorityclass.scheduling.k8s.io/system-cluster-critical\n' +
				'priorityclass.scheduling.k8s.io/system-node-critical\n'
		);
	});

	it('gives a pod that names it its value and policy; an unknown class is refused', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f high.yaml');
		succeeds(l, 'kubectl apply -f nonpreempting.yaml');
		succeeds(l, 'kubectl apply -f pod.yaml');
		expect(jsonpath(l, 'pod nginx', '{.spec.priority},{.spec.preemptionPolicy}')).toBe(
			'1000000,PreemptLowerPriority'
		);
		succeeds(l, 'kubectl apply -f quiet.yaml');
		expect(jsonpath(l, 'pod quiet', '{.spec.priority},{.spec.preemptionPolicy}')).toBe(
			'1000000,Never'
		);
		expect(fails(l, 'kubectl apply -f unknown-pod.yaml').error).toBe(
			'Error from server (Forbidden): error when creating "unknown-pod.yaml": pods "lost" is forbidden: ' +
				'no PriorityClass with name no-such-class was found\n'
		);
		expect(fails(l, 'kubectl apply -f forced-policy.yaml').error).toBe(
			'Error from server (Forbidden): error when creating "forced-policy.yaml": pods "forced" is forbidden: ' +
				'the string value of PreemptionPolicy (Never) must not be provided in pod spec; ' +
				'priority admission controller computed PreemptLowerPriority from the given PriorityClass name\n'
		);
	});

	it('admits a pod against a class created earlier in the same file', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl apply -f class-and-pod.yaml').output).toBe(
			'priorityclass.scheduling.k8s.io/high-priority created\npod/together created\n'
		);
		expect(jsonpath(l, 'pod together', '{.spec.priority},{.spec.preemptionPolicy}')).toBe(
			'1000000,PreemptLowerPriority'
		);
	});

	it('honours globalDefault for pods that name no class, and allows only one default', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f plain-pod.yaml');
		expect(jsonpath(l, 'pod plain', '{.spec.priority},{.spec.priorityClassName}')).toBe('0,');
		succeeds(l, 'kubectl apply -f default.yaml');
		expect(fails(l, 'kubectl apply -f default2.yaml').error).toBe(
			'Error from server (Forbidden): error when creating "default2.yaml": priorityclasses.scheduling.k8s.io ' +
				'"another-default" is forbidden: PriorityClass cluster-default is already marked as default. Only one default can exist\n'
		);
		succeeds(l, 'kubectl run later --image=nginx:1.27');
		expect(jsonpath(l, 'pod later', '{.spec.priority},{.spec.priorityClassName}')).toBe(
			'1000,cluster-default'
		);
		// Pods made by controllers go through the same admission.
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
		succeeds(l, 'sim advance 5s');
		const web = succeeds(
			l,
			'kubectl get pods -l app=web -o jsonpath={.items[*].spec.priority}/{.items[*].spec.priorityClassName}'
		).output;
		expect(web).toBe('1000 1000/cluster-default cluster-default');
		// The pod made before the default keeps its priority.
		expect(jsonpath(l, 'pod plain', '{.spec.priority}')).toBe('0');
	});

	it('is what preemption reads: the admitted priority decides whether a pod may evict another', () => {
		const l = lab(1);
		succeeds(l, 'kubectl apply -f high.yaml');
		succeeds(l, 'kubectl apply -f low-big.yaml');
		succeeds(l, 'sim advance 20s');
		expect(jsonpath(l, 'pod low', '{.spec.nodeName}')).toBe('node-1');
		succeeds(l, 'kubectl apply -f high-big.yaml');
		succeeds(l, 'kubectl apply -f plain-big.yaml');
		// The scheduler's cycle over the lab's own objects (preemption.test.ts follows the lab's
		// scheduler loop carrying the decision out).
		const list = <T>(what: string) =>
			(JSON.parse(succeeds(l, `kubectl get ${what} -o json`).output) as { items: T[] }).items;
		const cache = createSchedulerCache();
		for (const n of list<Node>('nodes')) cache.addNode(n);
		const pods = list<Pod>('pods');
		for (const p of pods) if (p.spec?.nodeName) cache.addNewPod(p);
		const cycle = (name: string) =>
			schedulePod(
				pods.find((p) => p.metadata?.name === name)!,
				cache,
				{
					next: () => 0.5,
					nextStartNodeIndex: 0
				}
			);
		const urgent = cycle('urgent');
		expect(urgent.node).toBeUndefined();
		expect(urgent.nominatedNode).toBe('node-1');
		const low = pods.find((p) => p.metadata?.name === 'low')!;
		expect(urgent.victims).toEqual([{ namespace: 'default', name: low.metadata?.name }]);
		const plain = cycle('plain-big');
		expect(plain.nominatedNode).toBeUndefined();
		expect(plain.message).toContain('No preemption victims found for incoming pod');
	});
});

describe('PriorityClass: what the API server refuses', () => {
	const refusals: [string, string][] = [
		[
			'system-name.yaml',
			`The PriorityClass "system-important" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-important is not a known system priority class\n`
		],
		[
			'system-value.yaml',
			`The PriorityClass "system-node-critical" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000\n`
		],
		[
			'too-high.yaml',
			'The PriorityClass "high-priority" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000\n'
		],
		[
			'bad-policy.yaml',
			'The PriorityClass "high-priority" is invalid: preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"\n'
		],
		[
			'bad-field.yaml',
			'Error from server (BadRequest): error when creating "bad-field.yaml": PriorityClass in version "v1" cannot be handled as a PriorityClass: json: cannot unmarshal string into Go struct field PriorityClass.value of type int32\n'
		]
	];
	for (const [file, message] of refusals)
		it(`refuses ${file} and stores nothing`, () => {
			const l = lab();
			expect(fails(l, `kubectl apply -f ${file}`).error).toBe(message);
			expect(succeeds(l, 'kubectl get pc -o name').output).not.toContain('high-priority');
		});

	it('refuses a change of value, and deletes a user class', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f high.yaml');
		expect(fails(l, 'kubectl apply -f changed-value.yaml').error).toBe(
			'The PriorityClass "high-priority" is invalid: value: Forbidden: may not be changed in an update.\n'
		);
		expect(succeeds(l, 'kubectl delete pc high-priority').output).toBe(
			'priorityclass.scheduling.k8s.io "high-priority" deleted\n'
		);
		expect(fails(l, 'kubectl get pc high-priority').error).toBe(
			'Error from server (NotFound): priorityclasses.scheduling.k8s.io "high-priority" not found\n'
		);
		succeeds(l, 'kubectl apply -f high.yaml');
		expect(succeeds(l, 'kubectl delete -f high.yaml').output).toBe(
			'priorityclass.scheduling.k8s.io "high-priority" deleted\n'
		);
	});
});
