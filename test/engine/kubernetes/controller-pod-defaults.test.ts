// Pods that controllers make go through the API server's pod defaulting and PrepareForCreate as
// any other pod: requests default to limits (SetDefaults_Pod; templates themselves are not
// defaulted so), and status.qosClass follows the containers' resources (qos.GetPodQOS).
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const resources = (r: string) => (r ? `        resources:\n${r}` : '');
const DEPLOYMENT = (name: string, r: string, replicas = 1) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
      - name: web
        image: nginx
${resources(r)}`;

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ["sleep", "5"]
        resources:
          limits: { cpu: 500m, memory: 64Mi }
`;

const LIMITS = '          limits: { cpu: "3", memory: 128Mi }\n';
const REQUESTS = '          requests: { cpu: 100m }\n';

const FILES: Record<string, string> = {
	'guaranteed.yaml': DEPLOYMENT('guaranteed', LIMITS, 2),
	'burstable.yaml': DEPLOYMENT('burstable', REQUESTS),
	'besteffort.yaml': DEPLOYMENT('besteffort', ''),
	'job.yaml': JOB
};

function lab(): Lab {
	return createLab({ seed: 3, workers: 1, readFile: (p) => FILES[p] });
}

function pods(l: Lab, selector: string): Pod[] {
	const out = succeeds(l, `kubectl get pods -l ${selector} -o json`).output;
	return (JSON.parse(out) as { items: Pod[] }).items;
}

describe('pods made by controllers', () => {
	it('get their QoS class from their resources, and requests from limits', () => {
		const l = lab();
		for (const f of ['guaranteed.yaml', 'burstable.yaml', 'besteffort.yaml', 'job.yaml'])
			succeeds(l, `kubectl apply -f ${f}`);
		succeeds(l, 'sim advance 30s');
		const [g] = pods(l, 'app=guaranteed');
		expect(g?.status?.qosClass).toBe('Guaranteed');
		expect(g?.spec?.containers[0]?.resources?.requests).toEqual({ cpu: '3', memory: '128Mi' });
		expect(pods(l, 'app=burstable')[0]?.status?.qosClass).toBe('Burstable');
		expect(pods(l, 'app=besteffort')[0]?.status?.qosClass).toBe('BestEffort');
		const [job] = pods(l, 'job-name=once');
		expect(job?.status?.qosClass).toBe('Guaranteed');
		expect(job?.spec?.containers[0]?.resources?.requests).toEqual({ cpu: '500m', memory: '64Mi' });
		// The template itself keeps what was written.
		const template = JSON.parse(
			succeeds(l, 'kubectl get deployment guaranteed -o json').output
		) as { spec: { template: { spec: Pod['spec'] } } };
		expect(template.spec.template.spec?.containers[0]?.resources?.requests).toBeUndefined();
		expect(succeeds(l, `kubectl describe pod ${g?.metadata?.name}`).output).toMatch(
			/\nQoS Class: +Guaranteed\n/
		);
	});

	it('are scheduled by the requests their limits gave them', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f guaranteed.yaml');
		succeeds(l, 'sim advance 30s');
		// Two pods of 3 CPUs do not fit on one worker of 4.
		const phases = pods(l, 'app=guaranteed')
			.map((p) => p.status?.phase)
			.sort();
		expect(phases).toEqual(['Pending', 'Running']);
	});
});
