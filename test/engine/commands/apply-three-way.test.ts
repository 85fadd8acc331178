// kubectl apply on an object that exists: the three-way merge of the last applied
// configuration, the file and the live object (kubernetes.io "Declarative Management of
// Kubernetes Objects Using Configuration Files": fields set imperatively and never in the file
// stay; fields dropped from the file go; the server defaults what is left unset).
import { describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Service } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const DEPLOYMENT = (extra: { replicas?: number; labels?: string; env?: string; image?: string }) =>
	`apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  labels:
    app: d
${extra.labels ?? ''}spec:
${extra.replicas === undefined ? '' : `  replicas: ${extra.replicas}\n`}  selector:
    matchLabels:
      app: d
  template:
    metadata:
      labels:
        app: d
    spec:
      containers:
      - name: web
        image: ${extra.image ?? 'nginx:1.27'}
${extra.env ?? ''}`;

const ENV_AB = `        env:
        - name: A
          value: "1"
        - name: B
          value: "2"
`;
const ENV_A = `        env:
        - name: A
          value: "1"
`;

const FILES: Record<string, string> = {
	'v1.yaml': DEPLOYMENT({ env: ENV_AB, labels: '    tier: web\n' }),
	'v2.yaml': DEPLOYMENT({ env: ENV_A, image: 'nginx:1.28' }),
	'fixed.yaml': DEPLOYMENT({ replicas: 3 }),
	'unfixed.yaml': DEPLOYMENT({}),
	'svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: my-service
spec:
  selector:
    app: d
  ports:
  - port: 80
    targetPort: 80
`
};

function lab(): Lab {
	return createLab({ seed: 4, workers: 1, readFile: (p) => FILES[p] });
}

function deployment(l: Lab): Deployment {
	return JSON.parse(succeeds(l, 'kubectl get deployment d -o json').output) as Deployment;
}

describe('kubectl apply on an existing object', () => {
	it('keeps what other commands set, takes the file, and drops what the file dropped', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f v1.yaml');
		succeeds(l, 'kubectl scale deployment d --replicas=5');
		succeeds(l, 'kubectl label deployment d team=blue');
		expect(succeeds(l, 'kubectl apply -f v2.yaml').output).toBe('deployment.apps/d configured\n');
		const d = deployment(l);
		// replicas and team=blue were never in the file; tier was, and is gone from it.
		expect(d.spec?.replicas).toBe(5);
		expect(d.metadata?.labels).toEqual({ app: 'd', team: 'blue' });
		const web = d.spec?.template.spec?.containers[0];
		expect(web?.image).toBe('nginx:1.28');
		expect(web?.env).toEqual([{ name: 'A', value: '1' }]);
		// Server defaults stay in place.
		expect(web?.imagePullPolicy).toBe('IfNotPresent');
		expect(d.spec?.strategy?.type).toBe('RollingUpdate');
		expect(succeeds(l, 'kubectl apply -f v2.yaml').output).toBe('deployment.apps/d unchanged\n');
	});

	it('sets replicas back while the file names them, and leaves them alone once it stops', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f fixed.yaml');
		succeeds(l, 'kubectl scale deployment d --replicas=7');
		// The file's 3 differs from the live 7: the patch sets it (why the HPA walkthrough says
		// to drop replicas from a manifest an autoscaler scales).
		expect(succeeds(l, 'kubectl apply -f fixed.yaml').output).toBe(
			'deployment.apps/d configured\n'
		);
		expect(deployment(l).spec?.replicas).toBe(3);
		expect(succeeds(l, 'kubectl apply -f fixed.yaml').output).toBe('deployment.apps/d unchanged\n');
		// Dropped from the file: the patch deletes it, and the server defaults it to 1.
		succeeds(l, 'kubectl apply -f unfixed.yaml');
		expect(deployment(l).spec?.replicas).toBe(1);
		// From now on the file does not name replicas: a scale stays through later applies.
		succeeds(l, 'kubectl scale deployment d --replicas=4');
		expect(succeeds(l, 'kubectl apply -f unfixed.yaml').output).toBe(
			'deployment.apps/d unchanged\n'
		);
		expect(deployment(l).spec?.replicas).toBe(4);
	});

	it("keeps a Service's type and node port that the file never set", () => {
		const l = lab();
		succeeds(l, 'kubectl create service nodeport my-service --tcp=80:80');
		const before = JSON.parse(succeeds(l, 'kubectl get svc my-service -o json').output) as Service;
		const r = succeeds(l, 'kubectl apply -f svc.yaml');
		expect(r.output).toBe('service/my-service configured\n');
		const after = JSON.parse(succeeds(l, 'kubectl get svc my-service -o json').output) as Service;
		expect(after.spec?.type).toBe('NodePort');
		expect(after.spec?.ports?.[0]?.nodePort).toBe(before.spec?.ports?.[0]?.nodePort);
		expect(after.spec?.clusterIP).toBe(before.spec?.clusterIP);
		expect(after.spec?.selector).toEqual({ app: 'd' });
	});
});
