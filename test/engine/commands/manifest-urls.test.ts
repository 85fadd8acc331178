/**
 * `-f https://…`: the tutorials' `kubectl apply -f https://k8s.io/examples/…` reads the
 * documentation's example from the lab's simulated web; what it cannot serve fails with the
 * lab's message or the network's error, and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { WEBSITE_EXAMPLES } from '../../../src/engine/kubernetes/website-examples';
import { fails, succeeds } from '../lab-helpers';

const EXAMPLE = 'application/deployment.yaml';

function objects(lab: Lab): string {
	return lab.exec('kubectl get all,configmaps -A -o name').output;
}

describe('kubectl -f URL', () => {
	it('applies a kubernetes.io example from each address the docs use', () => {
		for (const url of [
			`https://k8s.io/examples/${EXAMPLE}`,
			`https://kubernetes.io/examples/${EXAMPLE}`,
			`http://k8s.io/examples/${EXAMPLE}`,
			`https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/${EXAMPLE}`,
			`https://github.com/kubernetes/website/raw/main/content/en/examples/${EXAMPLE}`
		]) {
			const lab = createLab({ seed: 1 });
			expect(succeeds(lab, `kubectl apply -f ${url}`).output).toBe(
				'deployment.apps/nginx-deployment created\n'
			);
			lab.advance(30_000);
			expect(lab.exec('kubectl get deployment nginx-deployment').output).toMatch(
				/nginx-deployment {3}2\/2 /
			);
		}
	});

	it('serves the file as k8s.io does: what create, get, diff and delete read is the example', () => {
		const lab = createLab({ seed: 1 });
		const url = `https://k8s.io/examples/${EXAMPLE}`;
		expect(succeeds(lab, `kubectl create -f ${url} --dry-run=client -o name`).output).toBe(
			'deployment.apps/nginx-deployment\n'
		);
		succeeds(lab, `kubectl apply -f ${url}`);
		const applied = lab.exec(
			"kubectl get deployment nginx-deployment -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'"
		).output;
		expect(applied).toContain('"image":"nginx:1.14.2"');
		expect(WEBSITE_EXAMPLES[EXAMPLE]!.text).toContain('image: nginx:1.14.2');
		expect(succeeds(lab, `kubectl get -f ${url} -o name`).output).toBe(
			'deployment.apps/nginx-deployment\n'
		);
		expect(succeeds(lab, `kubectl delete -f ${url}`).output).toBe(
			'deployment.apps "nginx-deployment" deleted from default namespace\n'
		);
	});

	it('says it has no copy of a path on those hosts it does not hold, changing nothing', () => {
		const lab = createLab({ seed: 1 });
		const before = objects(lab);
		for (const url of [
			'https://k8s.io/examples/application/nope.yaml',
			'https://k8s.io/examples/constructor',
			'https://k8s.io/examples/__proto__',
			'https://k8s.io/examples/%zz',
			'https://raw.githubusercontent.com/kubernetes/ingress-nginx/main/deploy.yaml'
		]) {
			expect(fails(lab, `kubectl apply -f ${url}`).error).toBe(
				`error: unable to read URL "${url}": the lab has no network, and keeps copies of only the kubernetes.io examples its tutorials apply (https://k8s.io/examples/…)\n`
			);
		}
		expect(objects(lab)).toBe(before);
	});

	it('fails other hosts as the network would: no such name, nobody on the loopback, a dial timing out', () => {
		const lab = createLab({ seed: 1 });
		expect(fails(lab, 'kubectl apply -f https://example.com/app.yaml').error).toBe(
			'Unable to connect to the server: dial tcp: lookup example.com: no such host\n'
		);
		expect(fails(lab, 'kubectl apply -f https://localhost:8443/app.yaml').error).toBe(
			'The connection to the server localhost:8443 was refused - did you specify the right host or port?\n'
		);
		expect(fails(lab, 'kubectl apply -f http://10.0.0.1/app.yaml').error).toBe(
			'Unable to connect to the server: dial tcp 10.0.0.1:80: i/o timeout\n'
		);
		expect(fails(lab, 'kubectl apply -f https://').error).toBe(
			'Unable to connect to the server: http: no Host in request URL\n'
		);
		expect(fails(lab, 'kubectl apply -f "https://exa mple.com/x"').error).toBe(
			'error: the URL passed to filename "https://exa mple.com/x" is not valid: parse "https://exa mple.com/x": invalid character " " in host name\n'
		);
	});

	it('applies the files it could read when another URL fails, then reports it (apply.go)', () => {
		const lab = createLab({ seed: 1 });
		const result = lab.exec(
			`kubectl apply -f https://k8s.io/examples/${EXAMPLE} -f https://nope.invalid/x.yaml`
		);
		expect(result.ok).toBe(false);
		expect(result.output).toBe('deployment.apps/nginx-deployment created\n');
		expect(result.error).toBe(
			'Unable to connect to the server: dial tcp: lookup nope.invalid: no such host\n'
		);
		expect(succeeds(lab, 'kubectl get deployment nginx-deployment -o name').output).toBe(
			'deployment.apps/nginx-deployment\n'
		);
	});

	it('reads local files first: a missing file is reported before a URL is fetched', () => {
		const lab = createLab({ seed: 1, readFile: () => undefined });
		expect(fails(lab, 'kubectl apply -f https://example.com/a.yaml -f missing.yaml').error).toBe(
			'error: the path "missing.yaml" does not exist\n'
		);
	});

	it('replays a URL apply in time travel to the same state', () => {
		const lab = createLab({ seed: 1 });
		succeeds(lab, `kubectl apply -f https://k8s.io/examples/${EXAMPLE}`);
		lab.advance(20_000);
		const later = lab.exec('kubectl get pods -o name').output;
		lab.seek(5_000);
		lab.seek(20_000);
		expect(lab.exec('kubectl get pods -o name').output).toBe(later);
	});
});
