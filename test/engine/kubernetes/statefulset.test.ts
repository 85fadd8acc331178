/**
 * The StatefulSet controller: ordinal names, OrderedReady versus Parallel, stable hostnames,
 * scale-down in reverse order, claims from volumeClaimTemplates (Pending: the lab has no
 * StorageClass) and the scheduler's message for the pods that need them.
 */
import { describe, expect, it } from 'vitest';
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { Event, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';

function sts(name: string, extra: string[] = [], claims = '', image = 'nginx:1.27'): string {
	return [
		'apiVersion: apps/v1',
		'kind: StatefulSet',
		`metadata:\n  name: ${name}`,
		'spec:',
		'  serviceName: nginx',
		'  replicas: 3',
		...extra.map((e) => `  ${e}`),
		`  selector:\n    matchLabels:\n      app: ${name}`,
		'  template:',
		`    metadata:\n      labels:\n        app: ${name}`,
		'    spec:',
		`      containers:\n      - name: nginx\n        image: ${image}`,
		claims,
		''
	]
		.filter((l) => l !== '')
		.join('\n');
}

const CLAIMS = [
	'  volumeClaimTemplates:',
	'  - metadata:\n      name: www',
	'    spec:',
	'      accessModes: ["ReadWriteOnce"]',
	'      resources:\n        requests:\n          storage: 1Gi'
].join('\n');

const FILES: Record<string, string> = {
	'web.yaml': sts('web'),
	'web-v2.yaml': sts('web', [], '', 'nginx:1.26'),
	'par.yaml': sts('par', ['podManagementPolicy: Parallel']),
	'data.yaml': sts('data', [], CLAIMS)
};

function lab(): Lab {
	return createLab({ seed: 21, readFile: (p) => FILES[p] });
}

function must(l: Lab, line: string): string {
	const r = l.exec(line);
	expect(r.ok, `${line}: ${r.error}`).toBe(true);
	return r.output;
}

function pods(l: Lab, app: string): Pod[] {
	return (JSON.parse(must(l, `kubectl get pods -l app=${app} -o json`)) as { items: Pod[] }).items;
}

function names(l: Lab, app: string): string[] {
	return pods(l, app)
		.filter((p) => !p.metadata?.deletionTimestamp)
		.map((p) => p.metadata!.name!)
		.sort();
}

function ready(p: Pod): boolean {
	return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function events(l: Lab): Event[] {
	return (JSON.parse(must(l, 'kubectl get events -o json')) as { items: Event[] }).items;
}

describe('a StatefulSet', () => {
	it('creates <set>-0, -1, -2 in order, each once the previous one is Running and Ready', () => {
		const l = lab();
		must(l, 'kubectl apply -f web.yaml');
		const seen: string[][] = [];
		for (let t = 0; t < 40; t++) {
			const ps = pods(l, 'web');
			// Never a new ordinal while a lower one is not Running and Ready.
			for (const p of ps) {
				const ordinal = Number(p.metadata!.name!.split('-')[1]);
				for (const lower of ps.filter((q) => Number(q.metadata!.name!.split('-')[1]) < ordinal))
					expect(lower.status?.phase === 'Running' && ready(lower)).toBe(true);
			}
			seen.push(ps.map((p) => p.metadata!.name!));
			l.advance(500);
		}
		expect(seen.find((s) => s.length > 0)).toEqual(['web-0']);
		expect(names(l, 'web')).toEqual(['web-0', 'web-1', 'web-2']);
		expect(must(l, 'kubectl get sts')).toBe('NAME   READY   AGE\nweb    3/3     20s\n');
		const created = events(l)
			.filter((e) => e.involvedObject.kind === 'StatefulSet' && e.reason === 'SuccessfulCreate')
			.map((e) => e.message);
		expect(created).toEqual([
			'create Pod web-0 in StatefulSet web successful',
			'create Pod web-1 in StatefulSet web successful',
			'create Pod web-2 in StatefulSet web successful'
		]);
	});

	it('gives each pod a stable hostname, the service subdomain and its ordinal labels', () => {
		const l = lab();
		must(l, 'kubectl apply -f web.yaml');
		l.advance(30_000);
		for (const p of pods(l, 'web')) {
			const name = p.metadata!.name!;
			expect(p.spec!.hostname).toBe(name);
			expect(p.spec!.subdomain).toBe('nginx');
			expect(p.metadata!.labels).toMatchObject({
				'statefulset.kubernetes.io/pod-name': name,
				'apps.kubernetes.io/pod-index': name.split('-')[1]
			});
		}
	});

	it('with podManagementPolicy Parallel creates every pod at once', () => {
		const l = lab();
		must(l, 'kubectl apply -f par.yaml');
		l.advance(100);
		expect(names(l, 'par')).toEqual(['par-0', 'par-1', 'par-2']);
	});

	it('scales down from the highest ordinal, one pod at a time, and back up with the same names', () => {
		const l = lab();
		must(l, 'kubectl apply -f web.yaml');
		l.advance(30_000);
		expect(must(l, 'kubectl scale statefulset web --replicas=1')).toBe(
			'statefulset.apps/web scaled\n'
		);
		const terminatingAtOnce: number[] = [];
		for (let t = 0; t < 20; t++) {
			terminatingAtOnce.push(pods(l, 'web').filter((p) => p.metadata?.deletionTimestamp).length);
			l.advance(250);
		}
		expect(Math.max(...terminatingAtOnce)).toBe(1);
		expect(names(l, 'web')).toEqual(['web-0']);
		const deleted = events(l)
			.filter((e) => e.involvedObject.kind === 'StatefulSet' && e.reason === 'SuccessfulDelete')
			.map((e) => e.message);
		expect(deleted).toEqual([
			'delete Pod web-2 in StatefulSet web successful',
			'delete Pod web-1 in StatefulSet web successful'
		]);
		must(l, 'kubectl scale sts web --replicas=3');
		l.advance(30_000);
		expect(names(l, 'web')).toEqual(['web-0', 'web-1', 'web-2']);
		const s = JSON.parse(must(l, 'kubectl get sts web -o json')) as StatefulSet;
		expect(s.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
	});

	it('rolls a new template out from the highest ordinal, one Ready pod at a time', () => {
		const l = lab();
		must(l, 'kubectl apply -f web.yaml');
		l.advance(30_000);
		must(l, 'kubectl apply -f web-v2.yaml');
		let down = 0;
		for (let t = 0; t < 120; t++) {
			l.advance(250);
			const live = pods(l, 'web').filter((p) => !p.metadata?.deletionTimestamp && ready(p));
			down = Math.max(down, 3 - live.length);
		}
		expect(down).toBe(1);
		for (const p of pods(l, 'web')) expect(p.spec!.containers[0]!.image).toBe('nginx:1.26');
		const deleted = events(l)
			.filter((e) => e.involvedObject.kind === 'StatefulSet' && e.reason === 'SuccessfulDelete')
			.map((e) => e.message);
		expect(deleted).toEqual([
			'delete Pod web-2 in StatefulSet web successful',
			'delete Pod web-1 in StatefulSet web successful',
			'delete Pod web-0 in StatefulSet web successful'
		]);
		const s = JSON.parse(must(l, 'kubectl get sts web -o json')) as StatefulSet;
		expect(s.status!.currentRevision).toBe(s.status!.updateRevision);
		expect(s.status).toMatchObject({ updatedReplicas: 3, currentReplicas: 3, readyReplicas: 3 });
	});

	it('creates a Pending claim <template>-<set>-<ordinal> per pod; the pod waits for it', () => {
		const l = lab();
		must(l, 'kubectl apply -f data.yaml');
		l.advance(60_000);
		// OrderedReady: data-0 never becomes Ready, so data-1 is never created.
		expect(names(l, 'data')).toEqual(['data-0']);
		const [pod] = pods(l, 'data');
		expect(pod!.status!.phase).toBe('Pending');
		expect(pod!.spec!.nodeName).toBeUndefined();
		expect(pod!.spec!.volumes).toContainEqual({
			name: 'www',
			persistentVolumeClaim: { claimName: 'www-data-0' }
		});
		const scheduled = pod!.status!.conditions!.find((c) => c.type === 'PodScheduled')!;
		expect(scheduled).toMatchObject({
			status: 'False',
			reason: 'Unschedulable',
			message:
				'0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.'
		});
		const claims = (
			JSON.parse(must(l, 'kubectl get pvc -o json')) as { items: PersistentVolumeClaim[] }
		).items;
		expect(claims.map((c) => c.metadata!.name)).toEqual(['www-data-0']);
		expect(claims[0]).toMatchObject({
			metadata: { labels: { app: 'data' }, finalizers: ['kubernetes.io/pvc-protection'] },
			spec: {
				accessModes: ['ReadWriteOnce'],
				resources: { requests: { storage: '1Gi' } },
				volumeMode: 'Filesystem'
			},
			status: { phase: 'Pending' }
		});
		expect(claims[0]!.spec!.storageClassName).toBeUndefined();
		expect(must(l, 'kubectl get pvc')).toBe(
			'NAME         STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n' +
				'www-data-0   Pending                                                     <unset>                 60s\n'
		);
		const binding = events(l).find((e) => e.reason === 'FailedBinding')!;
		expect(binding).toMatchObject({
			type: 'Normal',
			message: 'no persistent volumes available for this claim and no storage class is set',
			source: { component: 'persistentvolume-controller' },
			involvedObject: { kind: 'PersistentVolumeClaim', name: 'www-data-0' }
		});
		// Repeated on every 15 s resync of the PersistentVolume controller.
		expect(binding.count).toBe(5);
		expect(l.exec('kubectl get storageclass').error).toBe('No resources found\n');
	});

	it('keeps its claims when it scales down', () => {
		const l = lab();
		must(l, 'kubectl apply -f data.yaml');
		l.advance(5_000);
		must(l, 'kubectl scale sts data --replicas=0');
		l.advance(5_000);
		expect(names(l, 'data')).toEqual([]);
		expect(must(l, 'kubectl get pvc -o name')).toBe('persistentvolumeclaim/www-data-0\n');
	});
});

describe('deleting a claim', () => {
	it('leaves it Terminating while a pod uses it (pvc-protection), and removes it once none does', () => {
		const l = lab();
		must(l, 'kubectl apply -f data.yaml');
		l.advance(5_000);
		expect(must(l, 'kubectl delete pvc www-data-0 --wait=false')).toBe(
			'persistentvolumeclaim "www-data-0" deleted from default namespace\n'
		);
		expect(must(l, 'kubectl get pvc')).toMatch(/^www-data-0\s+Terminating\s+<unset>\s+5s$/m);
		must(l, 'kubectl scale sts data --replicas=0');
		l.advance(5_000);
		expect(l.exec('kubectl get pvc').error).toBe('No resources found in default namespace.\n');
	});
});
