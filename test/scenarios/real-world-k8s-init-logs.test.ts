/**
 * kubernetes.io "Init Containers" (concepts/workloads/pods/init-containers.md): myapp-pod waits
 * in `until nslookup myservice.$(cat …/namespace).svc.cluster.local; do echo waiting for
 * myservice; sleep 2; done`, and the page has the learner inspect it with
 * `kubectl logs myapp-pod -c init-myservice`. Each try prints busybox 1.28 nslookup's failure
 * (its server lines, then `nslookup: can't resolve '…'`) and the echo, every 2 s; the try that
 * resolves prints the answer (`Name:` and `Address 1:`).
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../src/engine/index';
import { succeeds } from '../engine/lab-helpers';

const MYAPP = `apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  labels:
    app.kubernetes.io/name: MyApp
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: myservice
spec:
  ports:
  - protocol: TCP
    port: 80
    targetPort: 9376
`;

const TRY = [
	'Server:    10.96.0.10',
	'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local',
	'',
	"nslookup: can't resolve 'myservice.default.svc.cluster.local'",
	'waiting for myservice'
];

describe('kubectl logs myapp-pod -c init-myservice', () => {
	it('shows each failed lookup and the echo, until the Service exists', () => {
		const files: Record<string, string> = { 'myapp.yaml': MYAPP, 'services.yaml': SERVICE };
		const lab = createLab({ flavor: 'kubernetes', seed: 2, readFile: (p) => files[p] });
		succeeds(lab, 'kubectl apply -f myapp.yaml');
		lab.advance(10_000);
		const lines = succeeds(lab, 'kubectl logs myapp-pod -c init-myservice').output.split('\n');
		// One try on start, then one every 2 s.
		expect(lines.slice(0, 5)).toEqual(TRY);
		expect(lines.slice(5, 10)).toEqual(TRY);
		const tries = lines.filter((l) => l === 'waiting for myservice').length;
		expect(tries).toBeGreaterThanOrEqual(4);
		expect(tries).toBeLessThanOrEqual(5);
		succeeds(lab, 'kubectl apply -f services.yaml');
		lab.advance(10_000);
		const after = succeeds(lab, 'kubectl logs myapp-pod -c init-myservice').output;
		expect(after.split('\n').filter((l) => l === 'waiting for myservice')).toHaveLength(tries);
		// The try that resolves prints the answer, and the loop ends.
		expect(after).toMatch(
			/waiting for myservice\nServer: {4}10\.96\.0\.10\nAddress 1: 10\.96\.0\.10 kube-dns\.kube-system\.svc\.cluster\.local\n\nName: {6}myservice\.default\.svc\.cluster\.local\nAddress 1: 10\.\d+\.\d+\.\d+ myservice\.default\.svc\.cluster\.local\n$/
		);
		expect(succeeds(lab, 'kubectl logs myapp-pod').output).toBe('The app is running!\n');
	});
});
