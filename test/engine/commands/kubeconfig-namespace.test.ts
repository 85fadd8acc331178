/**
 * `kubectl config set-context --current --namespace=NS`: later commands without `-n` use the
 * context's namespace (clientcmd Namespace()), though, unlike `-n`, it does not refuse a file's
 * object that names another namespace (enforceNamespace is false); `-n` still wins; time
 * travel restores the kubeconfig as it was.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\ndata: {a: "1"}\n',
	'other.yaml':
		'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: elsewhere, namespace: kube-public}\ndata: {a: "1"}\n'
};

describe('the context namespace', () => {
	it('is where commands without -n act, and what get-contexts and view show', () => {
		const lab = createLab({ seed: 4, readFile: (p) => FILES[p] });
		succeeds(lab, 'kubectl create namespace dev');
		expect(succeeds(lab, 'kubectl config set-context --current --namespace=dev').output).toBe(
			'Context "kubernetes-admin@kubernetes" modified.\n'
		);
		expect(succeeds(lab, 'kubectl config get-contexts').output).toMatch(
			/^\*\s+kubernetes-admin@kubernetes\s+kubernetes\s+kubernetes-admin\s+dev\n$/m
		);
		expect(succeeds(lab, 'kubectl config view').output).toContain('    namespace: dev\n');
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27');
		succeeds(lab, 'kubectl apply -f cm.yaml');
		// A file's own namespace stands (no --namespace given to enforce).
		succeeds(lab, 'kubectl apply -f other.yaml');
		lab.advance(20_000);
		expect(succeeds(lab, 'kubectl get deploy -o name').output).toBe('deployment.apps/web\n');
		expect(succeeds(lab, 'kubectl get cm plain -o jsonpath={.metadata.namespace}').output).toBe(
			'dev'
		);
		expect(
			succeeds(lab, 'kubectl get cm elsewhere -n kube-public -o jsonpath={.metadata.namespace}')
				.output
		).toBe('kube-public');
		expect(succeeds(lab, 'kubectl get deploy -n default').error).toBe(
			'No resources found in default namespace.\n'
		);
		expect(succeeds(lab, 'kubectl get pods').output).toMatch(/^web-\S+\s+1\/1\s+Running/m);
		fails(lab, 'kubectl describe deployment web -n default');
		expect(succeeds(lab, 'kubectl describe deployment web').output).toMatch(/^Namespace:\s+dev$/m);
	});

	it('is cleared by an empty value, and restored by seeking back', () => {
		const lab = createLab({ seed: 4 });
		succeeds(lab, 'kubectl create namespace dev');
		succeeds(lab, 'kubectl config set-context --current --namespace=dev');
		lab.advance(5_000);
		const set = lab.now();
		lab.advance(1_000);
		succeeds(lab, 'kubectl config set-context --current --namespace=');
		expect(succeeds(lab, 'kubectl get pods').error).toBe(
			'No resources found in default namespace.\n'
		);
		lab.seek(set);
		expect(succeeds(lab, 'kubectl get pods').error).toBe('No resources found in dev namespace.\n');
		expect(fails(lab, 'kubectl config set-context other --namespace=x').error).toContain(
			'not simulated'
		);
		expect(fails(lab, 'kubectl config set-context').error).toBe(
			'error: you must specify a non-empty context name or --current\n'
		);
	});
});
