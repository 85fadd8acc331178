/**
 * `kubectl describe ingress` in kubectl's layout (describe.go describeIngressV1): each host, each
 * path with its backend `service:port` and the ready endpoints of that service, `<error: …>` for
 * a backend service that does not exist, and `* * <default>` for an Ingress without rules.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	'ing.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: site}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 8080}}}}
`
};

describe('kubectl describe ingress', () => {
	it('lists hosts, paths, backends and their ready endpoints in kubectl’s layout', () => {
		const lab = createLab({ seed: 5, readFile: (p) => FILES[p] });
		succeeds(lab, 'kubectl apply -f ing.yaml');
		lab.advance(30_000);
		const ips = lab
			.exec('kubectl get endpointslices')
			.output.split('\n')
			.find((l) => l.startsWith('web-'))!
			.split(/\s+/)[3]!
			.split(',');
		expect(ips).toHaveLength(2);
		const endpoints = ips.map((ip) => `${ip}:80`).join(',');
		expect(succeeds(lab, 'kubectl describe ingress site').output).toBe(
			[
				'Name:             site',
				'Labels:           <none>',
				'Namespace:        default',
				'Address:          ',
				'Ingress Class:    nginx',
				'Default backend:  <default>',
				'Rules:',
				'  Host          Path  Backends',
				'  ----          ----  --------',
				'  shop.example  ',
				`                /      web:80 (${endpoints})`,
				'                /api   api:8080 (<error: services "api" not found>)',
				'Annotations:    <none>',
				'Events:         <none>',
				''
			].join('\n')
		);
		expect(fails(lab, 'kubectl describe ingress nope').error).toBe(
			'Error from server (NotFound): ingresses.networking.k8s.io "nope" not found\n'
		);
	});
});
