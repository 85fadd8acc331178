/**
 * The DaemonSet controller: one pod per eligible node, pinned by node affinity and bound by the
 * default scheduler, the automatic daemon tolerations, nodes gaining and losing eligibility, the
 * rolling update, and `kubectl get ds`.
 */
import { describe, expect, it } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';

function manifest(name: string, image: string, extra = ''): string {
	return [
		'apiVersion: apps/v1',
		'kind: DaemonSet',
		`metadata:\n  name: ${name}`,
		'spec:',
		`  selector:\n    matchLabels:\n      app: ${name}`,
		'  template:',
		`    metadata:\n      labels:\n        app: ${name}`,
		'    spec:',
		extra,
		`      containers:\n      - name: agent\n        image: ${image}`,
		''
	]
		.filter((l) => l !== '')
		.join('\n');
}

const FILES: Record<string, string> = {
	'agent.yaml': manifest('agent', 'nginx:1.27'),
	'agent-v2.yaml': manifest('agent', 'nginx:1.26'),
	'ssd.yaml': manifest('ssd', 'nginx:1.27', '      nodeSelector:\n        disktype: ssd'),
	'host.yaml': manifest('host', 'nginx:1.27', '      hostNetwork: true')
};

function lab(seed = 5): Lab {
	return createLab({ seed, readFile: (p) => FILES[p] });
}

function must(l: Lab, line: string): string {
	const r = l.exec(line);
	expect(r.ok, `${line}: ${r.error}`).toBe(true);
	return r.output;
}

function pods(l: Lab, selector: string): Pod[] {
	return (JSON.parse(must(l, `kubectl get pods -l ${selector} -o json`)) as { items: Pod[] }).items;
}

function live(l: Lab, selector: string): Pod[] {
	return pods(l, selector).filter((p) => !p.metadata?.deletionTimestamp);
}

function ds(l: Lab, name: string): DaemonSet {
	return JSON.parse(must(l, `kubectl get ds ${name} -o json`)) as DaemonSet;
}

function events(l: Lab): Event[] {
	return (JSON.parse(must(l, 'kubectl get events -o json')) as { items: Event[] }).items;
}

describe('a DaemonSet', () => {
	it('runs one pod on each worker and none on the tainted control plane', () => {
		const l = lab();
		must(l, 'kubectl apply -f agent.yaml');
		l.advance(20_000);
		const nodes = live(l, 'app=agent').map((p) => p.spec!.nodeName);
		expect(nodes.sort()).toEqual(['node-1', 'node-2', 'node-3']);
		expect(must(l, 'kubectl get ds')).toBe(
			'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
				'agent   3         3         3       3            3           <none>          20s\n'
		);
	});

	it('pins each pod to its node with node affinity, and the default scheduler binds it', () => {
		const l = lab();
		must(l, 'kubectl apply -f agent.yaml');
		l.advance(10_000);
		for (const pod of live(l, 'app=agent')) {
			const terms =
				pod.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!
					.nodeSelectorTerms;
			expect(terms).toEqual([
				{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [pod.spec!.nodeName] }] }
			]);
			expect(pod.metadata!.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
			expect(pod.metadata!.ownerReferences![0]).toMatchObject({ kind: 'DaemonSet', name: 'agent' });
		}
		const scheduled = events(l).filter(
			(e) => e.reason === 'Scheduled' && e.involvedObject.name?.startsWith('agent-')
		);
		expect(scheduled).toHaveLength(3);
		for (const e of scheduled) expect(e.source?.component).toBe('default-scheduler');
		const created = events(l).filter(
			(e) => e.reason === 'SuccessfulCreate' && e.involvedObject.kind === 'DaemonSet'
		);
		expect(created.map((e) => e.message).sort()).toEqual(
			live(l, 'app=agent')
				.map((p) => `Created pod: ${p.metadata!.name}`)
				.sort()
		);
	});

	it('gives its pods the daemon tolerations (network-unavailable only with hostNetwork)', () => {
		const l = lab();
		must(l, 'kubectl apply -f agent.yaml');
		must(l, 'kubectl apply -f host.yaml');
		l.advance(1_000);
		const keys = (p: Pod) =>
			p.spec!.tolerations!.map((t) => `${t.key}:${t.effect}:${t.tolerationSeconds ?? '-'}`).sort();
		const expected = [
			'node.kubernetes.io/disk-pressure:NoSchedule:-',
			'node.kubernetes.io/memory-pressure:NoSchedule:-',
			'node.kubernetes.io/not-ready:NoExecute:-',
			'node.kubernetes.io/pid-pressure:NoSchedule:-',
			'node.kubernetes.io/unreachable:NoExecute:-',
			'node.kubernetes.io/unschedulable:NoSchedule:-'
		];
		expect(keys(live(l, 'app=agent')[0]!)).toEqual(expected);
		expect(keys(live(l, 'app=host')[0]!)).toEqual(
			[...expected, 'node.kubernetes.io/network-unavailable:NoSchedule:-'].sort()
		);
	});

	it('keeps its pod on a node that stops (no tolerationSeconds), unlike a Deployment', () => {
		const l = lab();
		must(l, 'kubectl apply -f agent.yaml');
		must(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
		l.advance(20_000);
		const onNode1 = (sel: string) => live(l, sel).filter((p) => p.spec!.nodeName === 'node-1');
		expect(onNode1('app=agent')).toHaveLength(1);
		const daemonPod = onNode1('app=agent')[0]!.metadata!.name;
		expect(onNode1('app=web').length).toBeGreaterThan(0);
		must(l, 'sim node stop node-1');
		l.advance(400_000); // past the 50 s grace period and the 300 s default toleration
		expect(onNode1('app=web')).toHaveLength(0);
		expect(onNode1('app=agent').map((p) => p.metadata!.name)).toEqual([daemonPod]);
	});

	it('follows node labels: a pod appears on a node that gains the label, and goes when it loses it', () => {
		const l = lab();
		must(l, 'kubectl apply -f ssd.yaml');
		l.advance(5_000);
		expect(live(l, 'app=ssd')).toHaveLength(0);
		expect(must(l, 'kubectl get ds ssd')).toMatch(/^ssd\s+0\s+0\s+0\s+0\s+0\s+disktype=ssd\s+5s$/m);
		must(l, 'kubectl label node node-2 disktype=ssd');
		l.advance(10_000);
		expect(live(l, 'app=ssd').map((p) => p.spec!.nodeName)).toEqual(['node-2']);
		const name = live(l, 'app=ssd')[0]!.metadata!.name;
		must(l, 'kubectl label node node-2 disktype-');
		l.advance(5_000);
		expect(live(l, 'app=ssd')).toHaveLength(0);
		expect(
			events(l).some((e) => e.reason === 'SuccessfulDelete' && e.message === `Deleted pod: ${name}`)
		).toBe(true);
		expect(ds(l, 'ssd').status).toMatchObject({
			desiredNumberScheduled: 0,
			currentNumberScheduled: 0
		});
	});

	it('adds a pod to the control plane once its taint is removed, and runs on cordoned nodes', () => {
		const l = lab();
		must(l, 'kubectl cordon node-3');
		must(l, 'kubectl apply -f agent.yaml');
		l.advance(10_000);
		expect(
			live(l, 'app=agent')
				.map((p) => p.spec!.nodeName)
				.sort()
		).toEqual(['node-1', 'node-2', 'node-3']);
		must(l, 'kubectl taint node control-plane node-role.kubernetes.io/control-plane:NoSchedule-');
		l.advance(10_000);
		expect(
			live(l, 'app=agent')
				.map((p) => p.spec!.nodeName)
				.sort()
		).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
		expect(ds(l, 'agent').status).toMatchObject({ desiredNumberScheduled: 4, numberReady: 4 });
	});

	it('rolls a new template out one node at a time (maxUnavailable 1)', () => {
		const l = lab();
		must(l, 'kubectl apply -f agent.yaml');
		l.advance(20_000);
		const oldHash = live(l, 'app=agent')[0]!.metadata!.labels!['controller-revision-hash'];
		must(l, 'kubectl apply -f agent-v2.yaml');
		let maxDown = 0;
		for (let t = 0; t < 60; t++) {
			l.advance(500);
			const ready = live(l, 'app=agent').filter((p) =>
				p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
			).length;
			maxDown = Math.max(maxDown, 3 - ready);
		}
		expect(maxDown).toBe(1);
		const after = live(l, 'app=agent');
		expect(after).toHaveLength(3);
		for (const p of after) {
			expect(p.spec!.containers[0]!.image).toBe('nginx:1.26');
			expect(p.metadata!.labels!['controller-revision-hash']).not.toBe(oldHash);
		}
		expect(ds(l, 'agent').status).toMatchObject({
			desiredNumberScheduled: 3,
			updatedNumberScheduled: 3,
			numberAvailable: 3
		});
	});

	it('is deleted with its pods (background cascade)', () => {
		const l = lab();
		must(l, 'kubectl apply -f agent.yaml');
		l.advance(20_000);
		expect(must(l, 'kubectl delete ds agent')).toBe(
			'daemonset.apps "agent" deleted from default namespace\n'
		);
		expect(pods(l, 'app=agent').every((p) => p.metadata?.deletionTimestamp)).toBe(true);
		l.advance(5_000);
		expect(pods(l, 'app=agent')).toHaveLength(0);
	});
});
