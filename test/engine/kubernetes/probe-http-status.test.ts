/**
 * An httpGet probe gets the answer the server really gives its path: nginx has no /healthz, so
 * it answers 404 and the probe fails (http.go: only 200–399 succeed); its default page at /
 * passes. A server whose answers the lab does not know is taken to pass.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

function deployment(name: string, image: string, path: string): string {
	return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: web
        image: ${image}
        readinessProbe:
          httpGet: {path: ${path}, port: 80}
          periodSeconds: 5
`;
}

const FILES: Record<string, string> = {
	'healthz.yaml': deployment('healthz', 'nginx:1.27', '/healthz'),
	'root.yaml': deployment('root', 'nginx:1.27', '/'),
	'app.yaml': deployment('app', 'myorg/app:2.1', '/healthz')
};

describe('httpGet probes', () => {
	it("fail on nginx's 404 for /healthz, pass on its page at /, pass on an unknown server", () => {
		const lab = createLab({ seed: 6, readFile: (p) => FILES[p] });
		for (const f of Object.keys(FILES)) succeeds(lab, `kubectl apply -f ${f}`);
		lab.advance(90_000);
		const table = succeeds(lab, 'kubectl get deployments').output;
		expect(table).toMatch(/^healthz\s+0\/2\s/m);
		expect(table).toMatch(/^root\s+2\/2\s/m);
		expect(table).toMatch(/^app\s+2\/2\s/m);
		const pod = succeeds(
			lab,
			"kubectl get pods -l app=healthz -o jsonpath='{.items[0].metadata.name}'"
		).output;
		expect(succeeds(lab, `kubectl describe pod ${pod}`).output).toMatch(
			/Warning\s+Unhealthy\s+.*Readiness probe failed: HTTP probe failed with statuscode: 404$/m
		);
	});
});
