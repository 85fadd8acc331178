/**
 * The corpus rows of issue 3 (shared/corpus/SOURCES.md), applied to the default lab
 * (1 tainted control plane + 3 workers, no default StorageClass): the DaemonSets, the pi Job,
 * ZooKeeper's StatefulSet with its claims and budget, and the minAvailable budget.
 */
import { describe, expect, it } from 'vitest';
import type { Job } from 'kubernetes-types/batch/v1';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { corpusAvailable, corpusFiles, SKIP_REASON } from '../manifests/corpus';

const ZK_DEPLOYMENT = [
	'apiVersion: apps/v1',
	'kind: Deployment',
	'metadata:\n  name: zk',
	'spec:',
	'  replicas: 3',
	'  selector:\n    matchLabels:\n      app.kubernetes.io/name: zookeeper',
	'  template:',
	'    metadata:\n      labels:\n        app.kubernetes.io/name: zookeeper',
	'    spec:\n      containers:\n      - name: zk\n        image: nginx:1.27',
	'        readinessProbe:\n          httpGet:\n            path: /\n            port: 80',
	'          initialDelaySeconds: 10',
	''
].join('\n');

const files = new Map([
	...corpusFiles().map((f) => [f.name, f.text] as const),
	['zk-pods.yaml', ZK_DEPLOYMENT]
]);

function lab(): Lab {
	return createLab({ seed: 9, readFile: (path) => files.get(path) });
}

function must(l: Lab, line: string): string {
	const r = l.exec(line);
	expect(r.ok, `${line}: ${r.error}`).toBe(true);
	return r.output;
}

function pods(l: Lab, ns = 'default'): Pod[] {
	return (JSON.parse(must(l, `kubectl get pods -n ${ns} -o json`)) as { items: Pod[] }).items;
}

function pdb(l: Lab, name: string): PodDisruptionBudget {
	return JSON.parse(must(l, `kubectl get pdb ${name} -o json`)) as PodDisruptionBudget;
}

describe.skipIf(!corpusAvailable)(
	`corpus workloads (${corpusAvailable ? 'shared/corpus' : SKIP_REASON})`,
	() => {
		it('daemonset.yaml: 3 pods, one per worker, none on the control plane', () => {
			const l = lab();
			must(l, 'kubectl apply -f daemonset.yaml');
			l.advance(30_000);
			const ds = pods(l, 'kube-system').filter((p) => p.metadata!.name!.startsWith('fluentd-'));
			expect(ds.map((p) => p.spec!.nodeName).sort()).toEqual(['node-1', 'node-2', 'node-3']);
			expect(ds.every((p) => p.status!.phase === 'Running')).toBe(true);
			expect(must(l, 'kubectl get ds fluentd-elasticsearch -n kube-system')).toBe(
				'NAME                    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
					'fluentd-elasticsearch   3         3         3       3            3           <none>          30s\n'
			);
		});

		it('daemonset.zh-cn.yaml: 4 pods, the control plane included', () => {
			const l = lab();
			must(l, 'kubectl apply -f daemonset.zh-cn.yaml');
			l.advance(30_000);
			expect(
				pods(l, 'kube-system')
					.filter((p) => p.metadata!.name!.startsWith('fluentd-'))
					.map((p) => p.spec!.nodeName)
					.sort()
			).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
			expect(must(l, 'kubectl get ds -n kube-system')).toMatch(
				/^fluentd-elasticsearch\s+4\s+4\s+4\s+4\s+4\s+<none>\s+30s$/m
			);
		});

		it('job.yaml: the pi pod runs to completion and the Job is Complete 1/1', () => {
			const l = lab();
			must(l, 'kubectl apply -f job.yaml');
			l.advance(60_000);
			const [pod] = pods(l);
			expect(pod!.metadata!.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
			expect(pod!.status!.phase).toBe('Succeeded');
			expect(must(l, 'kubectl get pods')).toMatch(/^pi-\w{5}\s+0\/1\s+Completed\s+0\s+60s$/m);
			const job = JSON.parse(must(l, 'kubectl get job pi -o json')) as Job;
			expect(job.spec!.backoffLimit).toBe(4);
			expect(job.status!.succeeded).toBe(1);
			expect(job.status!.conditions!.map((c) => c.type)).toEqual([
				'SuccessCriteriaMet',
				'Complete'
			]);
			expect(must(l, 'kubectl get jobs')).toMatch(/^pi\s+Complete\s+1\/1\s+\d+s\s+60s$/m);
		});

		it('zookeeper.yaml: zk-0 and its claim stay Pending (no StorageClass); zk-pdb allows nothing', () => {
			const l = lab();
			must(l, 'kubectl apply -f zookeeper.yaml');
			l.advance(60_000);
			const zk = pods(l);
			expect(zk.map((p) => p.metadata!.name)).toEqual(['zk-0']);
			expect(zk[0]!.status!.phase).toBe('Pending');
			expect(zk[0]!.status!.conditions).toContainEqual(
				expect.objectContaining({
					type: 'PodScheduled',
					status: 'False',
					message: expect.stringMatching(
						/^0\/4 nodes are available: pod has unbound immediate PersistentVolumeClaims\. /
					)
				})
			);
			const claims = (
				JSON.parse(must(l, 'kubectl get pvc -o json')) as { items: PersistentVolumeClaim[] }
			).items;
			expect(claims.map((c) => [c.metadata!.name, c.status!.phase])).toEqual([
				['datadir-zk-0', 'Pending']
			]);
			expect(claims[0]!.spec!.resources!.requests!['storage']).toBe('10Gi');
			expect(must(l, 'kubectl get sts')).toBe('NAME   READY   AGE\nzk     0/3     60s\n');
			// maxUnavailable 1 of the StatefulSet's 3: desiredHealthy 2, nobody healthy.
			expect(pdb(l, 'zk-pdb').status).toMatchObject({
				expectedPods: 3,
				desiredHealthy: 2,
				currentHealthy: 0,
				disruptionsAllowed: 0
			});
			expect(must(l, 'kubectl get pdb')).toBe(
				'NAME     MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\n' +
					'zk-pdb   N/A             1                 0                     60s\n'
			);
		});

		it('zookeeper-pod-disruption-budget-minavailable.yaml: 0/2/0 alone; with 3 Ready pods one drain, then 429', () => {
			const l = lab();
			must(l, 'kubectl apply -f zookeeper-pod-disruption-budget-minavailable.yaml');
			l.advance(1_000);
			expect(pdb(l, 'zk-pdb').status).toMatchObject({
				expectedPods: 0,
				desiredHealthy: 2,
				currentHealthy: 0,
				disruptionsAllowed: 0
			});
			must(l, 'kubectl apply -f zk-pods.yaml');
			l.advance(30_000);
			expect(pdb(l, 'zk-pdb').status).toMatchObject({
				expectedPods: 3,
				currentHealthy: 3,
				disruptionsAllowed: 1
			});
			const [first, second] = pods(l).map((p) => p.spec!.nodeName!);
			const d1 = l.exec(`kubectl drain ${first} --ignore-daemonsets`);
			expect(d1.ok).toBe(true);
			expect(d1.error ?? '').not.toMatch(/Cannot evict/);
			// The replacement is not Ready for 10 s: the next eviction is refused at first.
			const d2 = l.exec(`kubectl drain ${second} --ignore-daemonsets`);
			expect(d2.ok).toBe(true);
			// After the warning about kube-proxy's DaemonSet pod (stderr, before the evictions).
			expect(d2.error).toMatch(
				/^Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\w{5}\nerror when evicting pods\/"zk-\w+-\w{5}" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.\n/
			);
		});
	}
);

describe.skipIf(!corpusAvailable)('time travel across the workload controllers', () => {
	it('seeking back and forth gives what a straight run had, same seed same trace', () => {
		// One line per simulated second: lab.ts replays two lines typed at the same instant with
		// the queue run in between (live runs do not), which would be a difference of lab.ts's.
		const script = [
			'kubectl apply -f daemonset.yaml',
			'sim advance 1s',
			'kubectl apply -f job.yaml',
			'sim advance 1s',
			'kubectl apply -f zookeeper.yaml',
			'sim advance 1s',
			'kubectl apply -f zk-pods.yaml',
			'sim advance 40s',
			'kubectl scale deployment zk --replicas=1',
			'sim advance 1s',
			'kubectl delete pod zk-0',
			'sim advance 2m'
		];
		const observe = (l: Lab) => ({
			now: l.now(),
			hash: l.traceHash(),
			snapshot: JSON.stringify(l.snapshot()),
			objects: ['pods -A', 'ds -A', 'jobs', 'sts', 'pvc', 'pdb', 'events'].map(
				(t) => l.exec(`kubectl get ${t} -o json`).output
			)
		});
		const full = lab();
		for (const line of script) must(full, line);
		const end = observe(full);
		const again = lab();
		for (const line of script) must(again, line);
		expect(observe(again)).toEqual(end);
		full.seek(30_000);
		full.seek(end.now);
		expect(observe(full)).toEqual(end);
	});
});
