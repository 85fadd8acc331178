/**
 * What the kubelet and controller shortcuts of a big cluster must not change: the taint
 * eviction controller's set of tainted nodes (it skips reading the node for every pod write),
 * the container list a Deployment's new pods share while they are being set up, and the
 * kubelet's cached event texts.
 */
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

function pods(lab: Lab): Pod[] {
	return (JSON.parse(succeeds(lab, 'kubectl get pods -o json').output) as { items: Pod[] }).items;
}

function podsOn(lab: Lab, node: string): string[] {
	return pods(lab)
		.filter((p) => p.spec?.nodeName === node && p.metadata?.deletionTimestamp === undefined)
		.map((p) => p.metadata!.name!);
}

function events(lab: Lab): Event[] {
	return (JSON.parse(succeeds(lab, 'kubectl get events -o json').output) as { items: Event[] })
		.items;
}

describe('taint eviction with its set of NoExecute nodes', () => {
	it('evicts at once from a node tainted NoExecute, and again after time travel undid it', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 2, seed: 4 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=4');
		lab.advance(20_000);
		const before = podsOn(lab, 'node-1');
		expect(before.length).toBeGreaterThan(0);
		const at = lab.now();
		succeeds(lab, 'kubectl taint nodes node-1 dedicated=x:NoExecute');
		lab.advance(1_000);
		expect(podsOn(lab, 'node-1')).toEqual([]);
		expect(podsOn(lab, 'node-2')).toHaveLength(4);
		const evicted = events(lab).filter((e) => e.reason === 'TaintManagerEviction');
		expect(evicted.map((e) => e.involvedObject.name).sort()).toEqual([...before].sort());

		// Back before the taint, and another line instead of it (which drops the recorded taint):
		// the pods on node-1 were never evicted and stay while time runs.
		lab.seek(at - 1);
		expect(podsOn(lab, 'node-1')).toEqual(before);
		succeeds(lab, 'kubectl label nodes node-2 tier=back');
		lab.advance(30_000);
		expect(podsOn(lab, 'node-1')).toEqual(before);
		// Tainting again evicts them again.
		succeeds(lab, 'kubectl taint nodes node-1 dedicated=x:NoExecute');
		lab.advance(1_000);
		expect(podsOn(lab, 'node-1')).toEqual([]);
		// Once the taint is gone, pods bound there stay.
		succeeds(lab, 'kubectl taint nodes node-1 dedicated=x:NoExecute-');
		succeeds(lab, 'kubectl scale deployment web --replicas=12');
		lab.advance(20_000);
		const stayed = podsOn(lab, 'node-1');
		expect(stayed.length).toBeGreaterThan(0);
		lab.advance(60_000);
		expect(podsOn(lab, 'node-1')).toEqual(stayed);
	});

	it('keeps a pod that tolerates the NoExecute taint on its node', () => {
		const manifest = {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: { name: 'tolerant' },
			spec: {
				nodeName: 'node-1',
				tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }],
				containers: [{ name: 'web', image: 'nginx:1.27' }]
			}
		};
		const lab = createLab({
			flavor: 'kubernetes',
			workers: 1,
			seed: 2,
			readFile: (path) => (path === 'pod.yaml' ? JSON.stringify(manifest) : undefined)
		});
		succeeds(lab, 'kubectl apply -f pod.yaml');
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
		lab.advance(10_000);
		succeeds(lab, 'kubectl taint nodes node-1 dedicated=x:NoExecute');
		lab.advance(5_000);
		expect(podsOn(lab, 'node-1')).toEqual(['tolerant']);
	});
});

describe('containers a Deployment’s new pods share while they are set up', () => {
	it('changes for one pod only when it is marked unhealthy before its containers start', () => {
		const manifest = {
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: { name: 'probed' },
			spec: {
				replicas: 3,
				selector: { matchLabels: { app: 'probed' } },
				template: {
					metadata: { labels: { app: 'probed' } },
					spec: {
						containers: [
							{
								name: 'web',
								image: 'nginx:1.27',
								readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 }
							}
						]
					}
				}
			}
		};
		const lab = createLab({
			flavor: 'kubernetes',
			workers: 1,
			seed: 6,
			readFile: (path) => (path === 'probed.yaml' ? JSON.stringify(manifest) : undefined)
		});
		succeeds(lab, 'kubectl apply -f probed.yaml');
		// Bound and being set up (the image takes seconds to pull), no container started yet.
		lab.advance(200);
		const creating = pods(lab);
		expect(creating).toHaveLength(3);
		for (const p of creating) {
			expect(p.spec?.nodeName).toBe('node-1');
			expect(p.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
		}
		const sick = creating[1]!.metadata!.name!;
		succeeds(lab, `sim unhealthy pod ${sick}`);
		lab.advance(30_000);
		const ready = Object.fromEntries(
			pods(lab).map((p) => [p.metadata!.name!, p.status?.containerStatuses?.[0]?.ready])
		);
		expect(ready).toEqual(
			Object.fromEntries(creating.map((p) => [p.metadata!.name!, p.metadata!.name !== sick]))
		);
	});
});

describe('the kubelet’s event texts', () => {
	it('says which image is already present, one aggregated event per pod and image', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 1, seed: 5 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=1');
		succeeds(lab, 'kubectl create deployment cache --image=redis:7.2 --replicas=1');
		lab.advance(30_000);
		succeeds(lab, 'kubectl scale deployment web cache --replicas=3');
		lab.advance(30_000);
		const present = events(lab).filter(
			(e) => e.reason === 'Pulled' && e.message!.includes('already present')
		);
		// The first pod of each image pulls it; the two made once it is there find it on the node
		// (pods bound while it is being pulled pull too: image_manager.go EnsureImageExists).
		const byImage = (image: string) =>
			present.filter(
				(e) =>
					e.message ===
					`Container image "${image}" already present on machine and can be accessed by the pod`
			);
		expect(byImage('nginx:1.27')).toHaveLength(2);
		expect(byImage('redis:7.2')).toHaveLength(2);
		expect(present).toHaveLength(4);
		for (const e of present) {
			expect(e.count).toBe(1);
			expect(e.involvedObject.fieldPath).toBe(
				`spec.containers{${e.message!.includes('nginx') ? 'nginx' : 'redis'}}`
			);
		}
	});
});
