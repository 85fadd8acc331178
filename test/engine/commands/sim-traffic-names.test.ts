/**
 * `sim traffic` takes a target as kubectl writes it: `svc/web` (or `service/web`) is the
 * service web, `ingress/site` (or `ing/site`) the ingress site through the ingress controller;
 * an ingress named with another --via is refused and nothing starts.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: site}
spec:
  ingressClassName: nginx
  defaultBackend: {service: {name: web, port: {number: 80}}}
`;

function lab() {
	const l = createLab({ seed: 9, readFile: (p) => (p === 'ing.yaml' ? INGRESS : undefined) });
	succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
	succeeds(l, 'kubectl expose deployment web --port=80 --type=NodePort');
	succeeds(l, 'kubectl apply -f ing.yaml');
	succeeds(l, 'sim addon ingress-nginx --class nginx');
	l.advance(30_000);
	return l;
}

describe('sim traffic TYPE/NAME', () => {
	it('svc/NAME and service/NAME are the service; ingress/NAME goes through the ingress', () => {
		const l = lab();
		expect(succeeds(l, 'sim traffic svc/web 10/s').output).toBe(
			'traffic to service/web via clusterip: 10/s from 10 clients\n'
		);
		expect(succeeds(l, 'sim traffic stop web').output).toMatch(/^traffic to service\/web stopped/);
		expect(succeeds(l, 'sim traffic service/web 10/s --via nodeport').output).toMatch(
			/^traffic to service\/web via nodeport:/
		);
		expect(succeeds(l, 'sim traffic ingress/site 10/s').output).toMatch(
			/^traffic to ingress\/site via ingress:/
		);
		l.advance(5_000);
		const table = l.exec('sim traffic').output;
		expect(table).toMatch(/ingress\/site.*ingress\s+10\/s\s+\d+\s+\d+\s+0\s/);
	});

	it('refuses ing/NAME with --via other than ingress, starting nothing', () => {
		const l = lab();
		expect(fails(l, 'sim traffic ing/site 10/s --via clusterip').error).toBe(
			'sim: ing/site names an ingress: drop --via or use --via ingress\n'
		);
	});
});
