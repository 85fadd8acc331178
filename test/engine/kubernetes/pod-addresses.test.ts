/**
 * Where nodes and pods get their addresses (src/engine/core/addresses.ts, kubernetes/
 * pod-network.ts): kind's docker network hands node addresses out in order from 172.18.0.2;
 * the range allocator gives node i the i-th /24 of --cluster-cidr (kind: 10.244.0.0/16, 256
 * nodes; a bigger lab a wider range); host-local hands a node's pods .2 to .254 in turn, then
 * starts again at .2, skipping addresses still held.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function valid(address: string): boolean {
	const m = IPV4.exec(address);
	return m !== null && m.slice(1).every((octet) => Number(octet) <= 255);
}

function jsonpath(lab: ReturnType<typeof createLab>, line: string): string {
	return succeeds(lab, line).output;
}

describe('node and pod addresses', () => {
	it('a kind-sized lab: 172.18.0.x nodes, 10.244.<i>.0/24 pod CIDRs in 10.244.0.0/16', () => {
		const lab = createLab({ seed: 2, workers: 2 });
		expect(
			jsonpath(lab, 'kubectl get node node-1 -o jsonpath={.status.addresses[0].address}')
		).toBe('172.18.0.3');
		expect(jsonpath(lab, 'kubectl get node node-2 -o jsonpath={.spec.podCIDR}')).toBe(
			'10.244.2.0/24'
		);
		expect(succeeds(lab, 'kubectl -n kube-system get cm kube-proxy -o yaml').output).toContain(
			'clusterCIDR: 10.244.0.0/16'
		);
	});

	it('past 253 nodes: addresses go on to 172.18.1.x, and the cluster CIDR widens to hold every /24', () => {
		const lab = createLab({ seed: 2, workers: 299 });
		// Node 299 is the 301st address after the gateway: 172.18.0.0 + 301.
		expect(
			jsonpath(lab, 'kubectl get node node-299 -o jsonpath={.status.addresses[0].address}')
		).toBe('172.18.1.45');
		expect(jsonpath(lab, 'kubectl get node node-299 -o jsonpath={.spec.podCIDR}')).toBe(
			'10.245.43.0/24'
		);
		expect(succeeds(lab, 'kubectl -n kube-system get cm kube-proxy -o yaml').output).toContain(
			'clusterCIDR: 10.244.0.0/15'
		);
		expect(
			succeeds(lab, 'kubectl -n kube-system get pod kube-controller-manager-control-plane -o yaml')
				.output
		).toContain('--cluster-cidr=10.244.0.0/15');
		const ips = jsonpath(
			lab,
			'kubectl get nodes -o jsonpath={.items[*].status.addresses[0].address}'
		).split(' ');
		expect(ips.filter((ip) => !valid(ip))).toEqual([]);
		expect(new Set(ips).size).toBe(300);
	});

	it('a node that ran more than 253 pods hands out .2–.254 again, never an address still held', () => {
		const lab = createLab({ seed: 2, workers: 1 });
		succeeds(lab, 'kubectl create deployment web --image=nginx --replicas=5');
		lab.advance(20_000);
		for (let round = 0; round < 55; round++) {
			succeeds(lab, 'kubectl delete pods -l app=web --wait=false');
			lab.advance(20_000);
		}
		const ips = jsonpath(lab, 'kubectl get pods -o jsonpath={.items[*].status.podIP}').split(' ');
		expect(ips).toHaveLength(5);
		for (const ip of ips) {
			expect(ip).toMatch(/^10\.244\.1\.\d+$/);
			const host = Number(ip.split('.')[3]);
			expect(host).toBeGreaterThanOrEqual(2);
			expect(host).toBeLessThanOrEqual(254);
		}
		expect(new Set(ips).size).toBe(5);
	});
});
