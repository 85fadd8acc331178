// The ingress-nginx cloud install as released (test/fixtures/addons/ingress-nginx-cloud-v1.7.0.yaml,
// kubernetes/ingress-nginx deploy/static/provider/cloud/deploy.yaml) applied in a 3-worker lab:
// every object is created, including its ValidatingWebhookConfiguration; the two
// kube-webhook-certgen Jobs make the `ingress-nginx-admission` Secret and patch the webhook's
// caBundle; the controller pod, which mounts that Secret, waits in ContainerCreating
// (FailedMount) until it exists, then runs and becomes Ready; and until it is Ready the webhook
// (failurePolicy Fail) refuses every Ingress.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const DEPLOY = readFileSync(
	join(__dirname, '..', '..', 'fixtures', 'addons', 'ingress-nginx-cloud-v1.7.0.yaml'),
	'utf8'
);

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
  rules:
  - host: web.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
`;

const FILES: Record<string, string> = { 'deploy.yaml': DEPLOY, 'ingress.yaml': INGRESS };

function lab(): Lab {
	return createLab({ seed: 3, workers: 3, readFile: (p) => FILES[p] });
}

const NS = '-n ingress-nginx';

describe('the ingress-nginx cloud deploy.yaml with its admission webhook', () => {
	it('installs whole: certgen Jobs, the Secret, the patched webhook and a Ready controller', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl apply -f deploy.yaml').output).toBe(
			[
				'namespace/ingress-nginx created',
				'serviceaccount/ingress-nginx created',
				'serviceaccount/ingress-nginx-admission created',
				'role.rbac.authorization.k8s.io/ingress-nginx created',
				'role.rbac.authorization.k8s.io/ingress-nginx-admission created',
				'clusterrole.rbac.authorization.k8s.io/ingress-nginx created',
				'clusterrole.rbac.authorization.k8s.io/ingress-nginx-admission created',
				'rolebinding.rbac.authorization.k8s.io/ingress-nginx created',
				'rolebinding.rbac.authorization.k8s.io/ingress-nginx-admission created',
				'clusterrolebinding.rbac.authorization.k8s.io/ingress-nginx created',
				'clusterrolebinding.rbac.authorization.k8s.io/ingress-nginx-admission created',
				'configmap/ingress-nginx-controller created',
				'service/ingress-nginx-controller created',
				'service/ingress-nginx-controller-admission created',
				'deployment.apps/ingress-nginx-controller created',
				'job.batch/ingress-nginx-admission-create created',
				'job.batch/ingress-nginx-admission-patch created',
				'ingressclass.networking.k8s.io/nginx created',
				'validatingwebhookconfiguration.admissionregistration.k8s.io/ingress-nginx-admission created',
				''
			].join('\n')
		);
		expect(succeeds(l, 'kubectl get validatingwebhookconfigurations').output).toBe(
			'NAME                      WEBHOOKS   AGE\ningress-nginx-admission   1          0s\n'
		);
		// No Secret yet: the controller cannot mount its certificate.
		succeeds(l, 'sim advance 1s');
		expect(
			succeeds(l, `kubectl get pods ${NS} -l app.kubernetes.io/component=controller`).output
		).toMatch(/0\/1 {5}ContainerCreating/);

		succeeds(l, 'sim advance 9s');
		expect(succeeds(l, `kubectl get jobs ${NS}`).output).toBe(
			'NAME                             STATUS     COMPLETIONS   DURATION   AGE\n' +
				'ingress-nginx-admission-create   Complete   1/1           3s         10s\n' +
				'ingress-nginx-admission-patch    Complete   1/1           3s         10s\n'
		);
		const secret = JSON.parse(
			succeeds(l, `kubectl get secret ingress-nginx-admission ${NS} -o json`).output
		) as { type: string; data: Record<string, string> };
		expect(secret.type).toBe('Opaque');
		expect(Object.keys(secret.data).sort()).toEqual(['ca', 'cert', 'key']);
		const webhook = JSON.parse(
			succeeds(l, 'kubectl get validatingwebhookconfiguration ingress-nginx-admission -o json')
				.output
		) as {
			metadata: { generation: number };
			webhooks: { failurePolicy: string; clientConfig: { caBundle: string } }[];
		};
		// `patch --patch-failure-policy=Fail`: the caBundle is the Secret's `ca`; generation 2.
		expect(webhook.webhooks[0]!.clientConfig.caBundle).toBe(secret.data.ca);
		expect(webhook.webhooks[0]!.failurePolicy).toBe('Fail');
		expect(webhook.metadata.generation).toBe(2);

		succeeds(l, 'sim advance 1m');
		expect(
			succeeds(l, `kubectl get pods ${NS} -l app.kubernetes.io/component=controller`).output
		).toMatch(/ingress-nginx-controller-\S+ {3}1\/1 {5}Running {3}0 /);
		const events = succeeds(l, `kubectl get events ${NS} --field-selector reason=FailedMount`);
		expect(events.output).toContain(
			'MountVolume.SetUp failed for volume "webhook-cert" : secret "ingress-nginx-admission" not found'
		);
		expect(succeeds(l, `kubectl get endpointslices ${NS}`).output).toMatch(
			/ingress-nginx-controller-admission-\S+ +IPv4 +8443 +10\.244\./
		);
		// The webhook's Service has a ready endpoint: the Ingress is admitted.
		expect(succeeds(l, 'kubectl apply -f ingress.yaml').output).toBe(
			'ingress.networking.k8s.io/web created\n'
		);
	});

	it('refuses an Ingress while the admission Service has no endpoint, storing nothing', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f deploy.yaml');
		const ip = succeeds(
			l,
			`kubectl get svc ingress-nginx-controller-admission ${NS} -o jsonpath='{.spec.clusterIP}'`
		).output;
		expect(fails(l, 'kubectl apply -f ingress.yaml').error).toBe(
			'Error from server (InternalError): error when creating "ingress.yaml": Internal error occurred: ' +
				'failed calling webhook "validate.nginx.ingress.kubernetes.io": failed to call webhook: ' +
				'Post "https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses?timeout=10s": ' +
				`dial tcp ${ip}:443: connect: connection refused\n`
		);
		expect(succeeds(l, 'kubectl get ingress').output).toBe('');
		expect(fails(l, 'kubectl create ingress demo --class=nginx --rule=a.com/=web:80').error).toBe(
			'error: failed to create ingress: Internal error occurred: failed calling webhook ' +
				'"validate.nginx.ingress.kubernetes.io": failed to call webhook: Post ' +
				'"https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses?timeout=10s": ' +
				`dial tcp ${ip}:443: connect: connection refused\n`
		);
		// Deleting the webhook configuration is the usual way out: then the Ingress goes through.
		succeeds(l, 'kubectl delete validatingwebhookconfiguration ingress-nginx-admission');
		expect(succeeds(l, 'kubectl apply -f ingress.yaml').output).toBe(
			'ingress.networking.k8s.io/web created\n'
		);
	});
});
