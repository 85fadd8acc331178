/**
 * The real manifests of shared/corpus/kubernetes applied to the lab reach the states
 * shared/corpus/SOURCES.md describes (1 tainted control plane + 3 workers), where the lab runs
 * the controllers involved.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { corpusAvailable, corpusFiles, SKIP_REASON } from '../manifests/corpus';

const files = new Map(corpusFiles().map((f) => [f.name, f.text]));

function lab(): Lab {
	return createLab({ seed: 9, readFile: (path) => files.get(path) });
}

function pods(l: Lab, ns = 'default'): Pod[] {
	const out = l.exec(`kubectl get pods -n ${ns} -o json`).output;
	return (JSON.parse(out) as { items: Pod[] }).items;
}

describe.skipIf(!corpusAvailable)(
	`corpus manifests (${corpusAvailable ? 'shared/corpus' : SKIP_REASON})`,
	() => {
		it('every file applies without an uncaught exception and gives kubectl-shaped answers', () => {
			for (const name of files.keys()) {
				const l = lab();
				const r = l.exec(`kubectl apply -f ${name}`);
				expect(typeof r.output).toBe('string');
				if (!r.ok) expect(r.error).toMatch(/^(Error from server|error:)/m);
				else expect(r.output).toMatch(/ (created|configured|unchanged)\n$/);
			}
		});

		it('deployment.yaml → update → scale: 2 pods of 1.14.2, then 2 of 1.16.1, then 4 spread 2/1/1', () => {
			const l = lab();
			expect(l.exec('kubectl apply -f deployment.yaml').output).toBe(
				'deployment.apps/nginx-deployment created\n'
			);
			l.advance(20_000);
			expect(pods(l).map((p) => p.spec!.containers[0]!.image)).toEqual([
				'nginx:1.14.2',
				'nginx:1.14.2'
			]);
			expect(new Set(pods(l).map((p) => p.spec!.nodeName)).size).toBe(2);
			expect(l.exec('kubectl apply -f deployment-update.yaml').output).toBe(
				'deployment.apps/nginx-deployment configured\n'
			);
			l.advance(30_000);
			expect(pods(l).map((p) => p.spec!.containers[0]!.image)).toEqual([
				'nginx:1.16.1',
				'nginx:1.16.1'
			]);
			expect(l.exec('kubectl get rs').output).toMatch(/nginx-deployment-\S+\s+0\s+0\s+0\s/);
			expect(l.exec('kubectl apply -f deployment-scale.yaml').output).toBe(
				'deployment.apps/nginx-deployment configured\n'
			);
			l.advance(20_000);
			const perNode = new Map<string, number>();
			for (const p of pods(l))
				perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1);
			expect([...perNode.values()].sort()).toEqual([1, 1, 2]);
			expect(l.exec('kubectl get rs').output.trim().split('\n')).toHaveLength(3); // one revision more, not two
		});

		it('nginx-app.yaml: a Service then a Deployment of 3, one pod per worker', () => {
			const l = lab();
			const r = l.exec('kubectl apply -f nginx-app.yaml');
			expect(r.output).toBe('service/my-nginx-svc created\ndeployment.apps/my-nginx created\n');
			l.advance(20_000);
			const nodes = pods(l)
				.map((p) => p.spec!.nodeName)
				.sort();
			expect(nodes).toEqual(['node-1', 'node-2', 'node-3']);
		});

		it('frontend.yaml: a bare ReplicaSet keeps 3 pods and replaces a deleted one', () => {
			const l = lab();
			l.exec('kubectl apply -f frontend.yaml');
			l.advance(20_000);
			expect(pods(l).filter((p) => p.status?.phase === 'Running')).toHaveLength(3);
			l.exec(`kubectl delete pod ${pods(l)[0]!.metadata!.name}`);
			l.advance(10_000);
			expect(
				pods(l).filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp)
			).toHaveLength(3);
		});

		it('memory-request-limit-3.yaml: refused without its namespace', () => {
			const l = lab();
			const r = l.exec('kubectl apply -f memory-request-limit-3.yaml');
			expect(r.ok).toBe(false);
			expect(r.error).toBe(
				'Error from server (NotFound): error when creating "memory-request-limit-3.yaml": namespaces "mem-example" not found\n'
			);
		});

		it('pod-with-node-affinity.yaml: Pending, FailedScheduling on node affinity', () => {
			const l = lab();
			l.exec('kubectl apply -f pod-with-node-affinity.yaml');
			l.advance(5_000);
			const [pod] = pods(l);
			expect(pod!.status!.phase).toBe('Pending');
			const cond = pod!.status!.conditions!.find((c) => c.type === 'PodScheduled')!;
			expect(cond.reason).toBe('Unschedulable');
			expect(cond.message).toMatch(
				/^0\/4 nodes are available: 1 node\(s\) had untolerated taint\(s\), 3 node\(s\) didn't match Pod's node affinity\/selector\./
			);
		});

		it('pod-with-toleration.yaml: runs on a worker, never the control plane', () => {
			const l = lab();
			l.exec('kubectl apply -f pod-with-toleration.yaml');
			l.advance(20_000);
			const [pod] = pods(l);
			expect(pod!.status!.phase).toBe('Running');
			expect(pod!.spec!.nodeName).toMatch(/^node-\d$/);
		});

		it('exec-liveness.yaml: the probe fails after the file goes; restarts climb with back-off', () => {
			const l = lab();
			l.exec('kubectl apply -f exec-liveness.yaml');
			l.advance(80_000);
			const status = pods(l)[0]!.status!.containerStatuses![0]!;
			// touch at start, rm at 30 s; probes every 5 s from 5 s; 3 failures → SIGTERM at ~45 s,
			// which `sh` as PID 1 ignores: SIGKILL after the 30 s grace period, restart at ~75 s.
			expect(status.restartCount).toBe(1);
			expect(status.lastState?.terminated?.exitCode).toBe(137);
		});
	}
);
