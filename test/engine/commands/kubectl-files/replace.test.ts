/**
 * `kubectl replace -f FILE [--force]` (kubectl pkg/cmd/replace/replace.go; the API server's
 * update: rest.BeforeUpdate keeps uid, creationTimestamp and generation unless the spec changed,
 * the strategies keep status, storage checks the resourceVersion). Inputs: kubernetes/website
 * content/en/examples/application/deployment.yaml, deployment-update.yaml, nginx-app.yaml.
 */
import { describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Service } from 'kubernetes-types/core/v1';
import type { Lab } from '../../../../src/engine/index';
import { corpusAvailable, SKIP_REASON } from '../../manifests/corpus';
import { fails, succeeds } from '../../lab-helpers';
import { labWith } from './lab-files';

/** deployment-update.yaml without `replicas`: replace resets it to the default, 1. */
const NO_REPLICAS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: nginx
  template:
    metadata:
      labels:
        app.kubernetes.io/name: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.16.1
`;

const STALE = NO_REPLICAS.replace(
	'name: nginx-deployment\n',
	'name: nginx-deployment\n  resourceVersion: "1"\n'
);
const NEGATIVE = NO_REPLICAS.replace('spec:\n  selector', 'spec:\n  replicas: -1\n  selector');
const OTHER_SELECTOR = NO_REPLICAS.replaceAll('app.kubernetes.io/name: nginx', 'app: other');

function deployment(lab: Lab): Deployment {
	return JSON.parse(
		succeeds(lab, 'kubectl get deployment nginx-deployment -o json').output
	) as Deployment;
}

function started(): Lab {
	const lab = labWith({
		'no-replicas.yaml': NO_REPLICAS,
		'stale.yaml': STALE,
		'negative.yaml': NEGATIVE,
		'other-selector.yaml': OTHER_SELECTOR
	});
	succeeds(lab, 'kubectl apply -f deployment.yaml');
	lab.advance(20_000);
	return lab;
}

describe.skipIf(!corpusAvailable)(
	`kubectl replace (${corpusAvailable ? 'corpus' : SKIP_REASON})`,
	() => {
		it('sets the whole object: what the file omits is back to its default', () => {
			const lab = started();
			const before = deployment(lab);
			succeeds(lab, 'kubectl scale deployment nginx-deployment --replicas=4');
			expect(succeeds(lab, 'kubectl replace -f no-replicas.yaml').output).toBe(
				'deployment.apps/nginx-deployment replaced\n'
			);
			const after = deployment(lab);
			expect(after.spec!.replicas).toBe(1);
			expect(after.spec!.template.spec!.containers[0]!.image).toBe('nginx:1.16.1');
			// The file has no last-applied annotation, so the object no longer has one.
			expect(
				after.metadata!.annotations?.['kubectl.kubernetes.io/last-applied-configuration']
			).toBe(undefined);
			expect(after.metadata!.uid).toBe(before.metadata!.uid);
			expect(after.metadata!.creationTimestamp).toBe(before.metadata!.creationTimestamp);
			expect(after.metadata!.generation).toBe(before.metadata!.generation! + 2);
			lab.advance(60_000);
			expect(succeeds(lab, 'kubectl get deployment nginx-deployment').output).toMatch(
				/nginx-deployment +1\/1 +1 +1 /
			);
		});

		it('moves the generation only for a spec or annotation change (deployment strategy.go)', () => {
			const lab = started();
			const before = deployment(lab);
			// The same spec, but the file has neither the last-applied nor the controller's
			// revision annotation: the Deployment's annotations change, and with them its
			// generation (they are copied to its ReplicaSets).
			succeeds(lab, 'kubectl replace -f deployment.yaml');
			const replaced = deployment(lab);
			expect(
				replaced.metadata!.annotations?.['kubectl.kubernetes.io/last-applied-configuration']
			).toBe(undefined);
			expect(replaced.metadata!.generation).toBe(before.metadata!.generation! + 1);
			// A label changes neither.
			succeeds(lab, 'kubectl label deployment nginx-deployment tier=web');
			expect(deployment(lab).metadata!.generation).toBe(replaced.metadata!.generation);
		});

		it('keeps a Service its cluster IP and node port', () => {
			const lab = labWith();
			succeeds(lab, 'kubectl create -f nginx-app.yaml');
			const get = () =>
				JSON.parse(succeeds(lab, 'kubectl get service my-nginx-svc -o json').output) as Service;
			const before = get();
			expect(succeeds(lab, 'kubectl replace -f nginx-app.yaml').output).toBe(
				'service/my-nginx-svc replaced\ndeployment.apps/my-nginx replaced\n'
			);
			expect(get().spec!.clusterIP).toBe(before.spec!.clusterIP);
			expect(get().spec!.ports![0]!.nodePort).toBe(before.spec!.ports![0]!.nodePort);
		});

		it('refuses, changing nothing: absent, stale, invalid, immutable, bad flags', () => {
			const lab = started();
			expect(fails(lab, 'kubectl replace -f nginx-app.yaml').error).toBe(
				'Error from server (NotFound): error when replacing "nginx-app.yaml": services "my-nginx-svc" not found\n' +
					'Error from server (NotFound): error when replacing "nginx-app.yaml": deployments.apps "my-nginx" not found\n'
			);
			expect(fails(lab, 'kubectl replace -f stale.yaml').error).toBe(
				'Error from server (Conflict): error when replacing "stale.yaml": Operation cannot be fulfilled on deployments.apps "nginx-deployment": the object has been modified; please apply your changes to the latest version and try again\n'
			);
			expect(fails(lab, 'kubectl replace -f negative.yaml').error).toMatch(
				/^The Deployment "nginx-deployment" is invalid: spec\.replicas: Invalid value: -1: must be greater than or equal to 0\n$/
			);
			expect(fails(lab, 'kubectl replace -f other-selector.yaml').error).toBe(
				'The Deployment "nginx-deployment" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"other"}}: field is immutable\n'
			);
			expect(fails(lab, 'kubectl replace -f missing.yaml').error).toBe(
				'error: the path "missing.yaml" does not exist\n'
			);
			expect(fails(lab, 'kubectl replace -f deployment.yaml --grace-period=0').error).toBe(
				'error: --grace-period must have --force specified\n'
			);
			expect(fails(lab, 'kubectl replace').error).toBe(
				"error: Must specify --filename to replace\nSee 'kubectl replace -h' for help and examples\n"
			);
		});

		it('--force deletes, waits, and creates again', () => {
			const lab = started();
			const before = deployment(lab);
			expect(succeeds(lab, 'kubectl replace --force -f deployment-update.yaml').output).toBe(
				'deployment.apps "nginx-deployment" deleted from default namespace\n' +
					'deployment.apps/nginx-deployment replaced\n'
			);
			const after = deployment(lab);
			expect(after.metadata!.uid).not.toBe(before.metadata!.uid);
			expect(after.metadata!.generation).toBe(1);
			// Nothing to delete: each object from the file counts as found before its DELETE
			// answers NotFound (delete.go DeleteResult: found++ comes first, and RequireObject(false)
			// does no GET), the NotFound is ignored, so no "No resources found"; then the create.
			expect(succeeds(lab, 'kubectl replace --force -f nginx-app.yaml').output).toBe(
				'service/my-nginx-svc replaced\ndeployment.apps/my-nginx replaced\n'
			);
		});
	}
);
