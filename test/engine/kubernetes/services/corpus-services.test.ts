/**
 * The corpus Service and Ingress manifests (shared/corpus/SOURCES.md rows for
 * nginx-service.yaml, nginx-app.yaml and minimal-ingress.yaml) reach the states the sheet
 * describes, and print as cli-formats.md §2.5–2.8 shows.
 */
import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../../src/engine/index';
import { corpusAvailable, corpusFiles, SKIP_REASON } from '../../manifests/corpus';
import { fails, succeeds } from '../../lab-helpers';

const files = new Map(corpusFiles().map((f) => [f.name, f.text]));

function lab(): Lab {
	return createLab({ seed: 9, readFile: (path) => files.get(path) });
}

describe.skipIf(!corpusAvailable)(
	`corpus services (${corpusAvailable ? 'shared/corpus' : SKIP_REASON})`,
	() => {
		it('nginx-service.yaml alone: ClusterIP 8000/TCP and no endpoints; with deployment.yaml, its 2 pods on :80', () => {
			const l = lab();
			expect(succeeds(l, 'kubectl apply -f nginx-service.yaml').output).toBe(
				'service/nginx-service created\n'
			);
			l.advance(1_000);
			expect(succeeds(l, 'kubectl get svc nginx-service').output).toMatch(
				/^nginx-service\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+8000\/TCP\s+1s$/m
			);
			expect(succeeds(l, 'kubectl get ep nginx-service').output).toMatch(
				/^nginx-service\s+<none>\s+1s$/m
			);
			succeeds(l, 'kubectl apply -f deployment.yaml');
			l.advance(20_000);
			expect(succeeds(l, 'kubectl get ep nginx-service').output).toMatch(
				/^nginx-service\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\s+21s$/m
			);
			succeeds(l, 'sim traffic nginx-service 50/s');
			l.advance(4_000);
			const t = l.snapshot().traffic![0]!;
			expect(t.sent).toBe(201);
			expect(t.failed).toBe(0);
			expect(t.hits.map((h) => h.backend).every((b) => b.startsWith('nginx-deployment-'))).toBe(
				true
			);
		});

		it('nginx-app.yaml: LoadBalancer <pending> with a node port, 3 endpoints on :80, reachable by node port', () => {
			const l = lab();
			succeeds(l, 'kubectl apply -f nginx-app.yaml');
			l.advance(20_000);
			const svc = JSON.parse(succeeds(l, 'kubectl get svc my-nginx-svc -o json').output) as Service;
			const nodePort = svc.spec!.ports![0]!.nodePort!;
			expect(nodePort).toBeGreaterThanOrEqual(30000);
			expect(nodePort).toBeLessThanOrEqual(32767);
			expect(svc.spec!.ports![0]!.targetPort).toBe(80);
			expect(succeeds(l, 'kubectl get svc my-nginx-svc').output).toBe(
				'NAME           TYPE           CLUSTER-IP' +
					' '.repeat(Math.max(3, svc.spec!.clusterIP!.length + 3 - 10)) +
					'EXTERNAL-IP   PORT(S)        AGE\n' +
					'my-nginx-svc   LoadBalancer   ' +
					svc.spec!.clusterIP!.padEnd(Math.max(10, svc.spec!.clusterIP!.length) + 3) +
					`<pending>     80:${nodePort}/TCP   20s\n`
			);
			expect(succeeds(l, 'kubectl get ep my-nginx-svc').output).toMatch(
				/^my-nginx-svc\s+(10\.244\.\d+\.\d+:80,){2}10\.244\.\d+\.\d+:80\s+20s$/m
			);
			succeeds(l, 'sim traffic my-nginx-svc 30/s --via nodeport');
			l.advance(10_000);
			const t = l.snapshot().traffic![0]!;
			expect(t.via).toBe('nodeport');
			expect(t.failed).toBe(0);
			expect(t.hits).toHaveLength(3);
		});

		it('minimal-ingress.yaml: no ADDRESS and no routing without a controller; with one, 503 on /testpath and 404 elsewhere', () => {
			const l = lab();
			succeeds(l, 'kubectl apply -f minimal-ingress.yaml');
			l.advance(5_000);
			expect(succeeds(l, 'kubectl get ingress').output).toBe(
				'NAME              CLASS           HOSTS   ADDRESS   PORTS   AGE\n' +
					'minimal-ingress   nginx-example   *                 80      5s\n'
			);
			expect(
				fails(l, 'sim traffic minimal-ingress 10/s --via ingress --path /testpath').error
			).toContain('no ingress controller serves class "nginx-example"');
			succeeds(l, 'sim addon ingress-nginx --class nginx-example');
			expect(succeeds(l, 'kubectl get ingressclass').output).toMatch(
				/^nginx-example\s+k8s\.io\/ingress-nginx\s+<none>\s+0s$/m
			);
			// The controller is a pod. It leads before its readiness probe passes, so its first
			// status sync publishes nothing; the next, a minute later, its node's address.
			l.advance(30_000);
			expect(succeeds(l, 'kubectl get ing').output).toMatch(
				/^minimal-ingress {3}nginx-example {3}\* {17}80 {6}35s$/m
			);
			l.advance(40_000);
			const controller = JSON.parse(
				succeeds(l, 'kubectl get pods -n ingress-nginx -o json').output
			) as { items: { spec: { nodeName: string } }[] };
			expect(controller.items).toHaveLength(1);
			const node = JSON.parse(
				succeeds(l, `kubectl get node ${controller.items[0]!.spec.nodeName} -o json`).output
			) as { status: { addresses: { type: string; address: string }[] } };
			const ip = node.status.addresses.find((a) => a.type === 'InternalIP')!.address;
			expect(succeeds(l, 'kubectl get ing').output).toMatch(
				new RegExp(
					`^minimal-ingress {3}nginx-example {3}\\* {7}${ip.replace(/\./g, '\\.')} {3}80 {6}75s$`,
					'm'
				)
			);
			for (const path of ['/testpath', '/testpath/a', '/testpathology', '/'])
				succeeds(l, `sim traffic minimal-ingress 10/s --via ingress --path ${path}`);
			l.advance(1_000);
			expect(l.snapshot().traffic!.map((t) => t.request)).toEqual([
				'/',
				'/testpath',
				'/testpath/a',
				'/testpathology'
			]);
			const table = succeeds(l, 'sim traffic').output;
			expect(table).toMatch(
				/ingress\/minimal-ingress \/testpath\s+ingress\s+10\/s\s+11\s+0\s+11\s+0\s+503 Service Temporarily Unavailable=11/
			);
			expect(table).toMatch(
				/ingress\/minimal-ingress \/testpath\/a\s+.*503 Service Temporarily Unavailable=11/
			);
			expect(table).toMatch(/ingress\/minimal-ingress \/testpathology\s+.*404 Not Found=11/);
			expect(table).toMatch(/ingress\/minimal-ingress \/\s+.*404 Not Found=11/);
		});

		it('minimal-ingress with a Service `test` behind it: /testpath reaches its pods round-robin', () => {
			const extra = {
				'test.yaml': `apiVersion: v1
kind: Service
metadata:
  name: test
spec:
  selector:
    app.kubernetes.io/name: nginx
  ports:
  - port: 80
`
			};
			const l = createLab({ seed: 9, readFile: (p) => files.get(p) ?? extra[p as 'test.yaml'] });
			succeeds(l, 'kubectl apply -f deployment.yaml');
			succeeds(l, 'kubectl apply -f test.yaml');
			succeeds(l, 'kubectl apply -f minimal-ingress.yaml');
			succeeds(l, 'sim addon ingress-nginx --class nginx-example');
			l.advance(40_000);
			succeeds(l, 'sim traffic minimal-ingress 20/s --via ingress --path /testpath');
			l.advance(4_950);
			const t = l.snapshot().traffic![0]!;
			expect(t.sent).toBe(100);
			expect(t.failed).toBe(0);
			expect(t.hits.map((h) => h.hits)).toEqual([50, 50]);
		});
	}
);
