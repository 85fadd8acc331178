/**
 * snapshot().workloads: what the widget's −/+ controls scale, saying what `kubectl get
 * deployments,statefulsets` and `docker service ls` say about desired and ready replicas.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../src/engine/index';
import type { Lab } from '../../src/engine/types';

function run(lab: Lab, lines: readonly string[]) {
	for (const line of lines) expect(lab.exec(line).ok, line).toBe(true);
}

/**
 * `kubectl get deploy` READY column `ready/desired`, by name: every namespace's but the
 * cluster's own kube-system add-ons (CoreDNS), which are not the learner's to scale.
 */
function kubectlReady(lab: Lab, kind: string) {
	const result = lab.exec(`kubectl get ${kind} -A --no-headers`);
	expect(result.ok).toBe(true);
	return result.output
		.trim()
		.split('\n')
		.filter((l) => l !== '' && !l.startsWith('kube-system '))
		.map((row) => {
			const [namespace, name, ready] = row.split(/\s+/);
			return `${namespace}/${name} ${ready}`;
		});
}

describe('snapshot workloads', () => {
	it('lists Deployments with kubectl’s ready/desired counts as they scale', () => {
		const lab = createLab({ seed: 4, workers: 3 });
		run(lab, ['kubectl create deployment web --image=nginx:1.27 --replicas=3']);
		const views = () =>
			(lab.snapshot().workloads ?? [])
				.filter((w) => w.kind === 'Deployment')
				.map((w) => `${w.namespace}/${w.name} ${w.ready}/${w.desired}`);
		expect(views()).toEqual(kubectlReady(lab, 'deployments'));
		expect(views()).toEqual(['default/web 0/3']);
		lab.advance(60_000);
		expect(views()).toEqual(kubectlReady(lab, 'deployments'));
		expect(views()).toEqual(['default/web 3/3']);
		run(lab, ['kubectl scale deployment/web --replicas=5']);
		lab.advance(60_000);
		expect(views()).toEqual(['default/web 5/5']);
		expect(views()).toEqual(kubectlReady(lab, 'deployments'));
	});

	it('leaves out the ReplicaSets a Deployment owns, and DaemonSets', () => {
		const lab = createLab({ seed: 4, workers: 2 });
		run(lab, ['kubectl create deployment web --image=nginx:1.27']);
		lab.advance(30_000);
		expect(lab.exec('kubectl get replicasets --no-headers').output).toMatch(/^web-/);
		expect((lab.snapshot().workloads ?? []).map((w) => w.kind)).toEqual(['Deployment']);
	});

	it('lists replicated swarm services with their running tasks, not global ones', () => {
		const lab = createLab({ flavor: 'swarm', seed: 4, workers: 2 });
		run(lab, [
			'docker service create --name web --replicas 3 nginx:1.27',
			'docker service create --name agent --mode global busybox:1.36 sleep 86400'
		]);
		lab.advance(60_000);
		const listed = lab.exec('docker service ls --format "{{.Name}} {{.Replicas}}"').output;
		expect(listed).toContain('web 3/3');
		expect(lab.snapshot().workloads).toEqual([
			{ kind: 'Service', namespace: '', name: 'web', desired: 3, ready: 3 }
		]);
		run(lab, ['docker service scale web=1']);
		lab.advance(60_000);
		expect(lab.snapshot().workloads?.[0]).toMatchObject({ desired: 1, ready: 1 });
	});

	it('is absent from a lab with nothing to scale', () => {
		expect(createLab({ seed: 1 }).snapshot().workloads).toBeUndefined();
	});
});
