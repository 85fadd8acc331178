/**
 * `kubectl create service` (create_service.go): the generator's Service (app=NAME label and
 * selector, ports named after their --tcp spec, --node-port, headless, ExternalName) stored as
 * the API server stores it, and its refusals leaving the lab untouched.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

interface Svc {
	metadata: { labels: Record<string, string> };
	spec: {
		type: string;
		selector: Record<string, string>;
		clusterIP: string;
		externalName?: string;
		ports?: { name: string; port: number; targetPort: number | string; nodePort?: number }[];
	};
}

describe('kubectl create service', () => {
	it('makes what kubectl’s generator makes, for each type', () => {
		const lab = createLab({ seed: 1 });
		expect(succeeds(lab, 'kubectl create service clusterip my-cs --tcp=5678:8080,80').output).toBe(
			'service/my-cs created\n'
		);
		const cs = JSON.parse(lab.exec('kubectl get svc my-cs -o json').output) as Svc;
		expect(cs.metadata.labels).toEqual({ app: 'my-cs' });
		expect(cs.spec.selector).toEqual({ app: 'my-cs' });
		expect(cs.spec.ports).toEqual([
			expect.objectContaining({ name: '5678-8080', port: 5678, targetPort: 8080 }),
			expect.objectContaining({ name: '80', port: 80, targetPort: 80 })
		]);
		expect(cs.spec.clusterIP).toMatch(/^10\.\d+\.\d+\.\d+$/);

		succeeds(lab, 'kubectl create service nodeport np --tcp=80:web --node-port=30099');
		const np = JSON.parse(lab.exec('kubectl get svc np -o json').output) as Svc;
		expect(np.spec.ports).toEqual([
			expect.objectContaining({ name: '80-web', targetPort: 'web', nodePort: 30099 })
		]);

		succeeds(lab, 'kubectl create service clusterip headless --clusterip=None');
		expect(lab.exec('kubectl get svc headless --no-headers').output).toMatch(
			/^headless\s+ClusterIP\s+None\s+<none>\s+<none>/
		);
		succeeds(lab, 'kubectl create service externalname db --external-name=db.example.com');
		expect(lab.exec('kubectl get svc db --no-headers').output).toMatch(
			/^db\s+ExternalName\s+<none>\s+db\.example\.com\s/
		);
	});

	it('refuses as kubectl and the API server refuse, changing nothing', () => {
		const lab = createLab({ seed: 1 });
		expect(fails(lab, 'kubectl create service clusterip web').error).toBe(
			'error: at least one tcp port specifier must be provided\n'
		);
		expect(fails(lab, 'kubectl create service headless web --tcp=80').error).toBe(
			'error: must specify one of clusterip, externalname, loadbalancer, nodeport\n'
		);
		expect(fails(lab, 'kubectl create service clusterip h --clusterip=None --tcp=80').error).toBe(
			'error: can not map ports with clusterip=None\n'
		);
		expect(fails(lab, 'kubectl create service nodeport np --tcp=80 --node-port=99').error).toMatch(
			// create_service.go Run: fmt.Errorf("failed to create %s service: %v", o.Type, err).
			/^error: failed to create NodePort service: Service "np" is invalid: spec\.ports\[0\]\.nodePort: Invalid value: 99: provided port is not in the valid range/
		);
		expect(fails(lab, 'kubectl create service externalname e --external-name=Bad_Name').error).toBe(
			'error: invalid service external name Bad_Name\n'
		);
		succeeds(lab, 'kubectl create service clusterip web --tcp=80');
		expect(fails(lab, 'kubectl create service clusterip web --tcp=80').error).toBe(
			'error: failed to create ClusterIP service: services "web" already exists\n'
		);
	});
});
