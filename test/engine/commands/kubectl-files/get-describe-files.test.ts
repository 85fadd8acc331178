/**
 * `kubectl get -f FILE` and `kubectl describe -f FILE` (kubectl get.go and describe.go over the
 * resource builder's FilenameParam; builder.go visitByPaths): the objects a file names, looked
 * up on the server in file order, each kind its own table, a missing one the server's NotFound.
 * Inputs: kubernetes/website content/en/examples/application/nginx-app.yaml and
 * deployment.yaml (shared/corpus).
 */
import { describe, expect, it } from 'vitest';
import { corpusAvailable, SKIP_REASON } from '../../manifests/corpus';
import { fails, succeeds } from '../../lab-helpers';
import { labWith } from './lab-files';

const BROKEN = 'kind: Service\nmetadata: {name: web\n';
const IN_DEV = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: dev\n';

describe.skipIf(!corpusAvailable)(
	`kubectl get -f (${corpusAvailable ? 'corpus' : SKIP_REASON})`,
	() => {
		it('answers NotFound for each object the file names before it is applied', () => {
			const lab = labWith();
			expect(fails(lab, 'kubectl get -f nginx-app.yaml').error).toBe(
				'Error from server (NotFound): services "my-nginx-svc" not found\n' +
					'Error from server (NotFound): deployments.apps "my-nginx" not found\n'
			);
		});

		it('prints one table per kind, in file order, names qualified by kind', () => {
			const lab = labWith();
			succeeds(lab, 'kubectl apply -f nginx-app.yaml');
			lab.advance(30_000);
			const out = succeeds(lab, 'kubectl get -f nginx-app.yaml').output.split('\n');
			expect(out[0]).toMatch(/^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE$/);
			expect(out[1]).toMatch(
				/^service\/my-nginx-svc +LoadBalancer +10\.\S+ +<pending> +80:3\d{4}\/TCP +30s$/
			);
			expect(out[2]).toBe('');
			expect(out[3]).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE$/);
			expect(out[4]).toMatch(/^deployment\.apps\/my-nginx +3\/3 +3 +3 +30s$/);
			expect(succeeds(lab, 'kubectl get -f nginx-app.yaml -o name').output).toBe(
				'service/my-nginx-svc\ndeployment.apps/my-nginx\n'
			);
			expect(succeeds(lab, 'kubectl get -f nginx-app.yaml -o wide').output).toMatch(
				/deployment\.apps\/my-nginx +3\/3 +3 +3 +30s +nginx +nginx:1\.14\.2 +app\.kubernetes\.io\/name=nginx\n/
			);
		});

		it('prints one object as itself and several as a List (printGeneric singleItemImplied)', () => {
			const lab = labWith();
			succeeds(lab, 'kubectl apply -f nginx-app.yaml');
			succeeds(lab, 'kubectl apply -f deployment.yaml');
			const one = JSON.parse(succeeds(lab, 'kubectl get -f deployment.yaml -o json').output);
			expect(one.kind).toBe('Deployment');
			expect(one.metadata.name).toBe('nginx-deployment');
			const both = JSON.parse(succeeds(lab, 'kubectl get -f nginx-app.yaml -o json').output);
			expect(both.kind).toBe('List');
			expect(both.items.map((o: { kind: string }) => o.kind)).toEqual(['Service', 'Deployment']);
		});

		it('prints what it found and then the NotFound of the rest, failing the line', () => {
			const lab = labWith();
			succeeds(lab, 'kubectl apply -f deployment.yaml');
			const r = lab.exec('kubectl get -f nginx-app.yaml -f deployment.yaml -o name');
			expect(r.ok).toBe(false);
			expect(r.output).toBe('deployment.apps/nginx-deployment\n');
			expect(r.error).toBe(
				'Error from server (NotFound): services "my-nginx-svc" not found\n' +
					'Error from server (NotFound): deployments.apps "my-nginx" not found\n'
			);
		});

		it('refuses a missing path, a broken file, TYPE arguments and a contradicting namespace', () => {
			const lab = labWith({ 'broken.yaml': BROKEN, 'in-dev.yaml': IN_DEV });
			expect(fails(lab, 'kubectl get -f missing.yaml').error).toBe(
				'error: the path "missing.yaml" does not exist\n'
			);
			expect(fails(lab, 'kubectl get -f broken.yaml').error).toMatch(/^error: /);
			expect(fails(lab, 'kubectl get -f deployment.yaml deployments').error).toBe(
				'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n'
			);
			expect(fails(lab, 'kubectl get -f in-dev.yaml -n default').error).toBe(
				`error: the namespace from the provided object "dev" does not match the namespace "default". You must pass '--namespace=dev' to perform this operation.\n`
			);
		});
	}
);

describe.skipIf(!corpusAvailable)(
	`kubectl describe -f (${corpusAvailable ? 'corpus' : SKIP_REASON})`,
	() => {
		it('describes each object the file names, two blank lines apart', () => {
			const lab = labWith();
			succeeds(lab, 'kubectl apply -f nginx-app.yaml');
			lab.advance(10_000);
			const out = succeeds(lab, 'kubectl describe -f nginx-app.yaml').output;
			expect(out).toBe(
				succeeds(lab, 'kubectl describe service my-nginx-svc').output +
					'\n\n' +
					succeeds(lab, 'kubectl describe deployment my-nginx').output
			);
		});

		it('answers NotFound for an object that is not there and changes nothing', () => {
			const lab = labWith();
			expect(fails(lab, 'kubectl describe -f deployment.yaml').error).toBe(
				'Error from server (NotFound): deployments.apps "nginx-deployment" not found\n'
			);
			expect(fails(lab, 'kubectl describe -f deployment.yaml deploy').error).toMatch(
				/^error: when paths, URLs, or stdin is provided/
			);
		});
	}
);
