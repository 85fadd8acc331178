/**
 * `kubectl apply` over objects that already exist: the immutable selector of workloads, and the
 * warning kubectl prints for objects made imperatively (cli-formats.md §4).
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const web = (labelKey: string, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      ${labelKey}: web
  template:
    metadata:
      labels:
        ${labelKey}: web
    spec:
      containers:
      - name: web
        image: ${image}
`;

function lab(files: Record<string, string>) {
	return createLab({ seed: 4, readFile: (p) => files[p] });
}

describe('kubectl apply over an existing object', () => {
	it('refuses a new selector with the API server’s immutable-field error, and keeps the old', () => {
		const l = lab({ 'a.yaml': web('app', 'nginx:1.27'), 'b.yaml': web('tier', 'nginx:1.28') });
		succeeds(l, 'kubectl apply -f a.yaml');
		l.advance(20_000);
		const before = l.exec('kubectl get deploy web -o json').output;
		const r = fails(l, 'kubectl apply -f b.yaml');
		expect(r.error).toBe(
			'The Deployment "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"tier":"web"}}: field is immutable\n'
		);
		expect(l.exec('kubectl get deploy web -o json').output).toBe(before);
	});

	it('configures an object made by kubectl create, warning that its annotation was missing', () => {
		const l = lab({ 'a.yaml': web('app', 'nginx:1.28') });
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27');
		const r = succeeds(l, 'kubectl apply -f a.yaml');
		expect(r.output).toBe('deployment.apps/web configured\n');
		expect(r.error).toBe(
			'Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n'
		);
		// Applied once, the annotation is there: a second apply is quiet.
		const again = succeeds(l, 'kubectl apply -f a.yaml');
		expect(again.output).toBe('deployment.apps/web unchanged\n');
		expect(again.error).toBeUndefined();
	});
});

describe('last-applied-configuration', () => {
	it('is the document as written, with its namespace and an annotations map, keys sorted', () => {
		const l = lab({ 'a.yaml': web('app', 'nginx:1.27') });
		succeeds(l, 'kubectl apply -f a.yaml');
		const d = JSON.parse(l.exec('kubectl get deploy web -o json').output) as {
			metadata: { annotations: Record<string, string> };
		};
		expect(d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
			'{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"web"}]}}}}\n'
		);
	});
});

describe('kubectl apply -k', () => {
	it('says kustomize is not part of the lab rather than calling -k an unknown flag', () => {
		const lab = createLab({ seed: 1 });
		for (const [line, verb] of [
			['kubectl apply -k overlays/dev', 'apply'],
			['kubectl apply --kustomize=base', 'apply'],
			['kubectl create -k .', 'create']
		])
			expect(fails(lab, line!).error).toBe(
				`error: "kubectl ${verb} -k" is not simulated in this lab yet\n`
			);
	});
});
