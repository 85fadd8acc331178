/**
 * metadata.generation only for the kinds whose registry strategy sets it (kubernetes
 * pkg/registry/…/strategy.go PrepareForCreate `Generation = 1`, PrepareForUpdate `+1` on a spec
 * change): Deployments, Jobs, Ingresses, PodDisruptionBudgets, NetworkPolicies, Pods… but not
 * Services (core/service/strategy.go never touches it), Namespaces, PVCs, ResourceQuotas, nor
 * HorizontalPodAutoscalers (only behind HPAGeneration, after v1.35).
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	'policy.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`
};

describe('metadata.generation by kind', () => {
	it('is set for the kinds whose strategy sets it, and absent for the others', () => {
		const l = createLab({ seed: 2, readFile: (p) => FILES[p] });
		for (const line of [
			'kubectl create deployment web --image=nginx:1.27',
			'kubectl expose deployment web --port=80',
			'kubectl create ingress i --rule=foo.com/=web:80',
			'kubectl create pdb p --selector=app=web --min-available=1',
			'kubectl create job j --image=busybox:1.36',
			'kubectl autoscale deployment web --max=3',
			'kubectl create namespace team',
			'kubectl create quota q --hard=pods=10',
			'kubectl apply -f policy.yaml'
		])
			succeeds(l, line);
		const generations = succeeds(
			l,
			"kubectl get deploy,svc,ing,pdb,job,hpa,quota,netpol,pvc -o jsonpath='{range .items[*]}{.kind}/{.metadata.name}={.metadata.generation} {end}'"
		).output;
		expect(generations.trim().split(' ')).toEqual([
			'Deployment/web=1',
			'Service/kubernetes=',
			'Service/web=',
			'Ingress/i=1',
			'PodDisruptionBudget/p=1',
			'Job/j=1',
			'HorizontalPodAutoscaler/web=',
			'ResourceQuota/q=',
			'NetworkPolicy/deny=1',
			'PersistentVolumeClaim/data='
		]);
		expect(succeeds(l, 'kubectl get ns team -o jsonpath={.metadata.generation}').output).toBe('');
	});

	it('a Service spec change moves no generation; a Deployment spec change moves it', () => {
		const l = createLab({ seed: 2 });
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27');
		succeeds(l, 'kubectl expose deployment web --port=80');
		succeeds(l, `kubectl patch svc web -p '{"spec":{"selector":{"app":"other"}}}'`);
		expect(
			succeeds(l, "kubectl get svc web -o jsonpath='{.metadata.generation}|{.spec.selector.app}'")
				.output
		).toBe('|other');
		succeeds(l, 'kubectl scale deployment web --replicas=3');
		expect(succeeds(l, 'kubectl get deploy web -o jsonpath={.metadata.generation}').output).toBe(
			'2'
		);
	});

	it('a server dry run shows a Service without a generation', () => {
		const l = createLab({ seed: 2 });
		const yaml = succeeds(
			l,
			'kubectl create service clusterip x --tcp=80:80 --dry-run=server -o yaml'
		).output;
		expect(yaml).toContain('kind: Service');
		expect(yaml).not.toContain('generation:');
		expect(
			succeeds(l, 'kubectl create deployment d --image=nginx:1.27 --dry-run=server -o yaml').output
		).toContain('  generation: 1\n');
	});
});
