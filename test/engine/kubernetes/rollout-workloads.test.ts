/**
 * `kubectl set image` and `kubectl rollout status|history|undo|restart` for DaemonSets and
 * StatefulSets: the controllers' update strategies (RollingUpdate, partition, OnDelete), their
 * ControllerRevision history, and kubectl's status lines (rollout_status.go).
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';

function daemonSet(name: string, strategy = ''): string {
	return [
		'apiVersion: apps/v1',
		'kind: DaemonSet',
		`metadata:\n  name: ${name}`,
		'spec:',
		strategy,
		`  selector:\n    matchLabels:\n      app: ${name}`,
		'  template:',
		`    metadata:\n      labels:\n        app: ${name}`,
		'    spec:',
		'      containers:\n      - name: agent\n        image: nginx:1.26',
		''
	]
		.filter((l) => l !== '')
		.join('\n');
}

function statefulSet(name: string, strategy = '', replicas = 3): string {
	return [
		'apiVersion: apps/v1',
		'kind: StatefulSet',
		`metadata:\n  name: ${name}`,
		'spec:',
		`  serviceName: ${name}`,
		`  replicas: ${replicas}`,
		strategy,
		`  selector:\n    matchLabels:\n      app: ${name}`,
		'  template:',
		`    metadata:\n      labels:\n        app: ${name}`,
		'    spec:',
		'      containers:\n      - name: nginx\n        image: nginx:1.26',
		''
	]
		.filter((l) => l !== '')
		.join('\n');
}

const FILES: Record<string, string> = {
	'agent.yaml': daemonSet('agent'),
	'agent-ondelete.yaml': daemonSet('agent', '  updateStrategy:\n    type: OnDelete'),
	'agent-two.yaml': daemonSet('agent', '  revisionHistoryLimit: 1'),
	'web.yaml': statefulSet('web'),
	'web-partition.yaml': statefulSet(
		'web',
		'  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: 2'
	),
	'web-ondelete.yaml': statefulSet('web', '  updateStrategy:\n    type: OnDelete')
};

function lab(): Lab {
	return createLab({ seed: 9, readFile: (p) => FILES[p] });
}

function must(l: Lab, line: string): string {
	const r = l.exec(line);
	expect(r.ok, `${line}: ${r.error}`).toBe(true);
	return r.output;
}

function live(l: Lab, app: string): Pod[] {
	return (JSON.parse(must(l, `kubectl get pods -l app=${app} -o json`)) as { items: Pod[] }).items
		.filter((p) => !p.metadata?.deletionTimestamp)
		.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
}

function images(l: Lab, app: string): string[] {
	return live(l, app).map((p) => p.spec!.containers[0]!.image!);
}

function history(rows: string[], kind = 'daemonset', name = 'agent'): string {
	return `${kind}.apps/${name} \nREVISION  CHANGE-CAUSE\n${rows.map((r) => `${r.padEnd(10)}<none>\n`).join('')}\n`;
}

describe('a DaemonSet update', () => {
	it('rolls out node by node, and rollout status prints the daemon set lines until done', () => {
		const l = lab();
		must(l, 'kubectl apply -f agent.yaml');
		expect(must(l, 'kubectl rollout status ds/agent')).toMatch(
			/daemon set "agent" successfully rolled out\n$/
		);
		expect(must(l, 'kubectl set image ds/agent agent=nginx:1.27')).toBe(
			'daemonset.apps/agent image updated\n'
		);
		const out = must(l, 'kubectl rollout status daemonset/agent');
		const lines = out.trimEnd().split('\n');
		// maxUnavailable 1: the count of updated pods climbs one at a time.
		const updated = lines
			.map((s) => /(\d) out of 3 new pods have been updated/.exec(s)?.[1])
			.filter((n) => n !== undefined)
			.map(Number);
		expect(updated.length).toBeGreaterThan(0);
		for (let i = 1; i < updated.length; i++) expect(updated[i]! - updated[i - 1]!).toBe(1);
		expect(lines.at(-1)).toBe('daemon set "agent" successfully rolled out');
		expect(images(l, 'agent')).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
	});

	it('never has more than one node without an available pod during the update', () => {
		const l = lab();
		must(l, 'kubectl apply -f agent.yaml');
		must(l, 'kubectl rollout status ds/agent');
		must(l, 'kubectl set image ds/agent agent=nginx:1.27');
		for (let t = 0; t < 60; t++) {
			l.advance(500);
			const ready = live(l, 'agent').filter((p) =>
				p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
			);
			expect(ready.length).toBeGreaterThanOrEqual(2);
		}
	});

	it('keeps a ControllerRevision per template: history, undo to the previous one, restart', () => {
		const l = lab();
		must(l, 'kubectl apply -f agent.yaml');
		must(l, 'kubectl rollout status ds/agent');
		expect(must(l, 'kubectl rollout history ds/agent')).toBe(history(['1']));
		expect(l.exec('kubectl rollout undo ds/agent').error).toBe(
			'error: no last revision to roll back to\n'
		);
		must(l, 'kubectl set image ds/agent agent=nginx:1.27');
		must(l, 'kubectl rollout status ds/agent');
		expect(must(l, 'kubectl rollout history ds/agent')).toBe(history(['1', '2']));
		expect(must(l, 'kubectl rollout undo ds/agent')).toBe('daemonset.apps/agent rolled back\n');
		must(l, 'kubectl rollout status ds/agent');
		expect(images(l, 'agent')).toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.26']);
		// The template of revision 1 is back: that revision moves to the top as 3.
		expect(must(l, 'kubectl rollout history ds/agent')).toBe(history(['2', '3']));
		expect(must(l, 'kubectl rollout undo ds/agent --to-revision=3')).toBe(
			'daemonset.apps/agent skipped rollback (current template already matches revision 3)\n'
		);
		expect(l.exec('kubectl rollout undo ds/agent --to-revision=7').error).toBe(
			'error: unable to find specified revision 7 in history\n'
		);
		const before = live(l, 'agent').map((p) => p.metadata!.name);
		expect(must(l, 'kubectl rollout restart ds/agent')).toBe('daemonset.apps/agent restarted\n');
		must(l, 'kubectl rollout status ds/agent');
		const after = live(l, 'agent').map((p) => p.metadata!.name);
		expect(after.some((n) => before.includes(n))).toBe(false);
		expect(must(l, 'kubectl rollout history ds/agent')).toBe(history(['2', '3', '4']));
	});

	it('keeps at most revisionHistoryLimit old revisions', () => {
		const l = lab();
		must(l, 'kubectl apply -f agent-two.yaml');
		must(l, 'kubectl rollout status ds/agent');
		for (const tag of ['1.27', '1.28', '1.29']) {
			must(l, `kubectl set image ds/agent agent=nginx:${tag}`);
			must(l, 'kubectl rollout status ds/agent');
		}
		expect(must(l, 'kubectl rollout history ds/agent')).toBe(history(['3', '4']));
	});

	it('with OnDelete replaces a pod only when it is deleted; rollout status refuses', () => {
		const l = lab();
		must(l, 'kubectl apply -f agent-ondelete.yaml');
		l.advance(20_000);
		must(l, 'kubectl set image ds/agent agent=nginx:1.27');
		l.advance(30_000);
		expect(images(l, 'agent')).toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.26']);
		const r = l.exec('kubectl rollout status ds/agent');
		expect(r.ok).toBe(false);
		expect(r.error).toBe(
			'error: rollout status is only available for RollingUpdate strategy type\n'
		);
		const first = live(l, 'agent')[0]!;
		must(l, `kubectl delete pod ${first.metadata!.name}`);
		l.advance(40_000);
		expect(images(l, 'agent').sort()).toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.27']);
	});
});

describe('a StatefulSet update', () => {
	it('replaces pods from the highest ordinal down, one Ready pod at a time', () => {
		const l = lab();
		must(l, 'kubectl apply -f web.yaml');
		expect(must(l, 'kubectl rollout status sts/web')).toMatch(
			/Waiting for 1 pods to be ready...\npartitioned roll out complete: 3 new pods have been updated...\n$/
		);
		expect(must(l, 'kubectl set image sts/web nginx=nginx:1.27')).toBe(
			'statefulset.apps/web image updated\n'
		);
		const order: string[] = [];
		for (let t = 0; t < 120 && order.length < 3; t++) {
			l.advance(250);
			const pods = live(l, 'web');
			for (const p of pods)
				if (p.spec!.containers[0]!.image === 'nginx:1.27' && !order.includes(p.metadata!.name!))
					order.push(p.metadata!.name!);
			// One at a time: never two pods missing or unready at once.
			const ready = pods.filter((p) =>
				p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
			);
			expect(ready.length).toBeGreaterThanOrEqual(2);
		}
		expect(order).toEqual(['web-2', 'web-1', 'web-0']);
		expect(must(l, 'kubectl rollout status sts/web')).toMatch(
			/partitioned roll out complete: 3 new pods have been updated...\n$/
		);
	});

	it('with a partition updates only the ordinals at or above it', () => {
		const l = lab();
		must(l, 'kubectl apply -f web-partition.yaml');
		must(l, 'kubectl rollout status sts/web');
		must(l, 'kubectl set image sts/web nginx=nginx:1.27');
		const out = must(l, 'kubectl rollout status sts/web');
		expect(out.trimEnd().split('\n').at(-1)).toBe(
			'partitioned roll out complete: 1 new pods have been updated...'
		);
		expect(images(l, 'web')).toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.27']);
		// A pod below the partition that is deleted comes back at the current (old) revision.
		must(l, 'kubectl delete pod web-0');
		l.advance(40_000);
		expect(images(l, 'web')).toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.27']);
	});

	it('keeps its history as ControllerRevisions, and undo rolls the old template back', () => {
		const l = lab();
		must(l, 'kubectl apply -f web.yaml');
		must(l, 'kubectl rollout status sts/web');
		must(l, 'kubectl set image sts/web nginx=nginx:1.27');
		must(l, 'kubectl rollout status sts/web');
		expect(must(l, 'kubectl rollout history sts/web')).toBe(
			history(['1', '2'], 'statefulset', 'web')
		);
		expect(must(l, 'kubectl rollout undo statefulset/web')).toBe(
			'statefulset.apps/web rolled back\n'
		);
		must(l, 'kubectl rollout status sts/web');
		expect(images(l, 'web')).toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.26']);
		expect(must(l, 'kubectl rollout history sts/web')).toBe(
			history(['2', '3'], 'statefulset', 'web')
		);
		const sts = JSON.parse(must(l, 'kubectl get sts web -o json')) as {
			status: { currentRevision: string; updateRevision: string; currentReplicas: number };
		};
		expect(sts.status.currentRevision).toBe(sts.status.updateRevision);
		expect(sts.status.currentReplicas).toBe(3);
		for (const p of live(l, 'web'))
			expect(p.metadata!.labels!['controller-revision-hash']).toBe(sts.status.updateRevision);
	});

	it('with OnDelete leaves the pods alone until they are deleted', () => {
		const l = lab();
		must(l, 'kubectl apply -f web-ondelete.yaml');
		l.advance(30_000);
		must(l, 'kubectl set image sts/web nginx=nginx:1.27');
		l.advance(30_000);
		expect(images(l, 'web')).toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.26']);
		must(l, 'kubectl delete pod web-1');
		l.advance(40_000);
		expect(images(l, 'web')).toEqual(['nginx:1.26', 'nginx:1.27', 'nginx:1.26']);
	});
});

describe('kubectl rollout and set image errors', () => {
	it('name the missing object with its resource, and refuse an unknown container', () => {
		const l = lab();
		expect(l.exec('kubectl rollout status ds/nope').error).toBe(
			'Error from server (NotFound): daemonsets.apps "nope" not found\n'
		);
		expect(l.exec('kubectl rollout history sts/nope').error).toBe(
			'Error from server (NotFound): statefulsets.apps "nope" not found\n'
		);
		must(l, 'kubectl apply -f agent.yaml');
		const before = must(l, 'kubectl get ds agent -o yaml');
		const r = l.exec('kubectl set image ds/agent nope=nginx:1.27');
		expect(r.error).toBe('error: unable to find container named "nope"\n');
		expect(must(l, 'kubectl get ds agent -o yaml')).toBe(before);
		expect(l.exec('kubectl rollout undo ds/agent --to-revision=two').error).toBe(
			// templater.go FlagErrorFunc adds the usage hint to every flag error.
			'error: invalid argument "two" for "--to-revision" flag: strconv.ParseInt: parsing "two": invalid syntax\nSee \'kubectl rollout undo --help\' for usage.\n'
		);
		// Setting the image it already has prints nothing (an empty patch).
		expect(must(l, 'kubectl set image ds/agent agent=nginx:1.26')).toBe('');
	});
});

describe('rollouts and time travel', () => {
	it('a lab sought back into a StatefulSet rollout ends exactly as one that ran straight through', () => {
		const straight = lab();
		const travelled = lab();
		for (const l of [straight, travelled]) {
			must(l, 'kubectl apply -f web.yaml');
			must(l, 'kubectl rollout status sts/web');
			must(l, 'kubectl set image sts/web nginx=nginx:1.27');
			l.advance(4_000);
			must(l, 'kubectl apply -f agent.yaml');
			must(l, 'kubectl set image ds/agent agent=nginx:1.27');
			l.advance(60_000);
		}
		const end = travelled.now();
		travelled.seek(end - 58_000);
		travelled.seek(end);
		for (const line of [
			'kubectl rollout history sts/web',
			'kubectl rollout history ds/agent',
			'kubectl get pods -o json',
			'kubectl get sts web -o json'
		])
			expect(travelled.exec(line).output).toBe(straight.exec(line).output);
		expect(travelled.traceHash()).toBe(straight.traceHash());
	});
});

describe('rollout status that never finishes', () => {
	it('stops at the lab limit with a lab note, not an error kubectl never prints; --timeout is kubectl’s', () => {
		const files: Record<string, string> = {
			'ds.yaml': daemonSet('agent').replace('nginx:1.26', 'nginx:nope')
		};
		const l = createLab({ seed: 8, readFile: (p) => files[p] });
		expect(l.exec('kubectl apply -f ds.yaml').ok).toBe(true);
		const before = l.now();
		const waited = l.exec('kubectl rollout status ds/agent');
		expect(waited.ok).toBe(false);
		expect(waited.error).toMatch(/^lab: the rollout is still not done after 10 simulated minutes/);
		expect(l.now() - before).toBe(600_000);
		expect(l.exec('kubectl rollout status ds/agent --timeout=30s').error).toBe(
			'error: timed out waiting for the condition\n'
		);
	});
});
