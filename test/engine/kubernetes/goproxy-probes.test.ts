// The docs' TCP probe example image (registry.k8s.io/goproxy:0.1) listens on 8080 only: a
// liveness probe on another port is refused, three times, and the container is restarted
// (configure-liveness-readiness-startup-probes: "define a TCP liveness probe").
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const pod = (port: number) => `apiVersion: v1
kind: Pod
metadata:
  name: goproxy
spec:
  containers:
  - name: goproxy
    image: registry.k8s.io/goproxy:0.1
    ports:
    - containerPort: 8080
    readinessProbe:
      tcpSocket:
        port: 8080
      initialDelaySeconds: 15
      periodSeconds: 10
    livenessProbe:
      tcpSocket:
        port: ${port}
      initialDelaySeconds: 15
      periodSeconds: 10
`;

describe('goproxy TCP probes', () => {
	it('is Ready with 0 restarts when both probes reach 8080', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1, readFile: () => pod(8080) });
		succeeds(lab, 'kubectl apply -f goproxy.yaml');
		lab.advance(70_000);
		expect(succeeds(lab, 'kubectl get pod goproxy').output).toMatch(
			/goproxy {3}1\/1 {5}Running {3}0 /
		);
	});

	it('is restarted when liveness probes a port nothing listens on', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1, readFile: () => pod(8081) });
		succeeds(lab, 'kubectl apply -f goproxy.yaml');
		lab.advance(70_000);
		const described = succeeds(lab, 'kubectl describe pod goproxy').output;
		expect(described).toMatch(
			/Liveness probe failed: dial tcp [\d.]+:8081: connect: connection refused/
		);
		expect(described).toContain('Container goproxy failed liveness probe, will be restarted');
	});
});
