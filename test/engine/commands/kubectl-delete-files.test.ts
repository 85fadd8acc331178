/**
 * `kubectl delete -f FILE`: the objects a manifest names are deleted with kubectl's lines, their
 * dependents follow, and a line naming something absent, a kind the API server does not serve,
 * a file that does not parse or a namespace that contradicts the object changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import type { Lab } from '../../../src/engine/types';
import { fails, succeeds } from '../lab-helpers';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;

const FILES: Record<string, string> = {
	'app.yaml': APP,
	'web-in-dev.yaml': APP.replace(
		'name: web\nspec:\n  replicas',
		'name: web\n  namespace: dev\nspec:\n  replicas'
	),
	'cron.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
	'broken.yaml': 'kind: Service\nmetadata: {name: web\n'
};

function lab(): Lab {
	const l = createLab({ seed: 3, readFile: (p) => FILES[p] });
	succeeds(l, 'kubectl apply -f app.yaml');
	l.advance(30_000);
	return l;
}

describe('kubectl delete -f', () => {
	it('deletes every object the file names, in file order, and their pods follow', () => {
		const l = lab();
		expect(l.exec('kubectl get pods').output).toMatch(/web-.*Running/);
		expect(succeeds(l, 'kubectl delete -f app.yaml').output).toBe(
			'deployment.apps "web" deleted from default namespace\n' +
				'service "web" deleted from default namespace\n'
		);
		l.advance(60_000);
		expect(l.exec('kubectl get deploy,svc,rs,pods').output).not.toMatch(/\bweb\b/);
		// Deleting again: kubectl names the file and each object it could not find.
		expect(fails(l, 'kubectl delete -f app.yaml').error).toBe(
			'Error from server (NotFound): error when deleting "app.yaml": deployments.apps "web" not found\n' +
				'Error from server (NotFound): error when deleting "app.yaml": services "web" not found\n'
		);
	});

	it('refuses, changing nothing: a kind not served, broken YAML, a missing file, names as well', () => {
		const l = lab();
		expect(fails(l, 'kubectl delete -f cron.yaml').error).toContain(
			'no matches for kind "Widget" in version "example.com/v1"'
		);
		fails(l, 'kubectl delete -f broken.yaml');
		expect(fails(l, 'kubectl delete -f nope.yaml').error).toBe(
			'error: the path "nope.yaml" does not exist\n'
		);
		expect(fails(l, 'kubectl delete -f app.yaml deployment web').error).toMatch(
			/may not specify resource arguments as well/
		);
	});

	it("refuses a -n that contradicts the object's own namespace", () => {
		const l = lab();
		expect(fails(l, 'kubectl delete -f web-in-dev.yaml -n default').error).toBe(
			`error: the namespace from the provided object "dev" does not match the namespace "default". You must pass '--namespace=dev' to perform this operation.\n`
		);
	});
});
