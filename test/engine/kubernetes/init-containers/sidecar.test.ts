/**
 * Native sidecars (initContainers[].restartPolicy: Always, on by default in v1.35; docs
 * "Sidecar Containers"): the website's deployment-sidecar.yaml
 * (content/en/examples/application/deployment-sidecar.yaml). The sidecar starts before the app
 * container, keeps running beside it, counts in READY (printers.go printPod), is restarted when
 * it exits, and is stopped after the app container.
 */
import { describe, expect, it } from 'vitest';
import { succeeds } from '../../lab-helpers';
import { events, getPod, labWith, row, section } from './helpers';

describe('sidecar Deployment (application/deployment-sidecar.yaml)', () => {
	it('shows 2/2 Running with the sidecar started first and still running', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl apply -f deployment-sidecar.yaml');
		lab.advance(30_000);
		const [name, ready, status] = row(lab, 'myapp-');
		expect([ready, status]).toEqual(['2/2', 'Running']);
		const pod = getPod(lab, name!);
		const sidecar = pod.status!.initContainerStatuses![0]!;
		expect(sidecar).toMatchObject({ name: 'logshipper', ready: true, started: true });
		const app = pod.status!.containerStatuses![0]!;
		expect(sidecar.state!.running!.startedAt! < app.state!.running!.startedAt!).toBe(true);
		const init = section(lab, name!, 'Init Containers:');
		expect(init).toContain('    State:          Running');
		expect(init).toContain('    Ready:          True');
		const started = events(lab, name!).filter((e) => e.includes('Started'));
		expect(started).toEqual([
			'Normal Started kubelet spec.initContainers{logshipper}: Container started',
			'Normal Started kubelet spec.containers{myapp}: Container started'
		]);
	});

	it('restarts a sidecar that exits, and stops it after the app container', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl apply -f deployment-sidecar.yaml');
		lab.advance(30_000);
		const [name] = row(lab, 'myapp-');
		succeeds(lab, `sim crash pod ${name}`);
		lab.advance(1_000);
		const pod = getPod(lab, name!);
		expect(pod.status!.initContainerStatuses![0]!.restartCount).toBe(1);
		expect(pod.status!.conditions!.find((c) => c.type === 'Initialized')!.status).toBe('True');
		lab.advance(10_000);
		succeeds(lab, `kubectl delete pod ${name} --wait=false`);
		const killing = events(lab, name!).filter((e) => e.includes('Killing'));
		expect(killing).toEqual([
			'Normal Killing kubelet spec.containers{myapp}: Stopping container myapp',
			'Normal Killing kubelet spec.initContainers{logshipper}: Stopping container logshipper'
		]);
	});

	it('waits for a sidecar startup probe before the next container starts', () => {
		const lab = labWith({
			'pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: probed
spec:
  containers:
  - name: app
    image: nginx
  initContainers:
  - name: proxy
    image: nginx
    restartPolicy: Always
    startupProbe:
      httpGet: {path: /, port: 80}
      initialDelaySeconds: 10
      periodSeconds: 5
`
		});
		succeeds(lab, 'kubectl apply -f pod.yaml');
		lab.advance(8_000);
		expect(row(lab, 'probed').slice(1, 3)).toEqual(['0/2', 'Init:0/1']);
		lab.advance(30_000);
		expect(row(lab, 'probed').slice(1, 3)).toEqual(['2/2', 'Running']);
		const pod = getPod(lab, 'probed');
		const probeStart = Date.parse(
			pod.status!.initContainerStatuses![0]!.state!.running!.startedAt!
		);
		const appStart = Date.parse(pod.status!.containerStatuses![0]!.state!.running!.startedAt!);
		expect(appStart - probeStart).toBeGreaterThanOrEqual(10_000);
	});
});
