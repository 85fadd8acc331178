/**
 * kube-proxy as the facts sheet describes it (facts.md §1.6): each node's rules lag the
 * EndpointSlices by the watch delay and at most one sync per minSyncPeriod (1 s); a node cut off
 * from the API server keeps its old rules; iptables picks uniformly at random, IPVS strictly in
 * turn; ClientIP affinity pins a client to one pod.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { PODS } from '../../../../src/engine/kubernetes/api/collections';
import { usableEndpoints } from '../../../../src/engine/kubernetes/services/proxy-view';
import { deployment, harness, service, type Harness } from './harness';

/** A Deployment `web` of `replicas` pods behind Service `web`, all Ready (20 s in). */
function setup(replicas: number, svcExtra = ''): Harness {
	const files = { 'd.yaml': deployment('web', replicas), 's.yaml': service('web', svcExtra) };
	const h = harness(4, 3, files);
	expect(h.exec('kubectl apply -f d.yaml').ok).toBe(true);
	expect(h.exec('kubectl apply -f s.yaml').ok).toBe(true);
	h.advance(20_000);
	return h;
}

/** The pods node `node`'s kube-proxy would send a new connection to right now. */
function routable(h: Harness, node: string): string[] {
	const svc = h.cluster.services.proxies.view(node).get('default/web');
	return svc === undefined
		? []
		: usableEndpoints(svc.ports[0]!)
				.map((e) => e.pod!)
				.sort();
}

function pods(h: Harness): Pod[] {
	return h.kernel.store.list<Pod>(PODS).filter((p) => p.metadata!.labels?.app === 'web');
}

function chiSquare(counts: readonly number[]): number {
	const total = counts.reduce((a, b) => a + b, 0);
	const expected = total / counts.length;
	return counts.reduce((x, c) => x + (c - expected) ** 2 / expected, 0);
}

describe('kube-proxy rules lag the EndpointSlices', () => {
	it('a change reaches every node within the watch delay when the last sync is older than 1 s', () => {
		const h = setup(3);
		h.exec('sim traffic web 10/s'); // the proxies have synced at least once
		h.advance(5_000);
		const victim = pods(h)[0]!.metadata!.name!;
		h.exec(`kubectl delete pod ${victim} --wait=false`);
		h.advance(0);
		// The slice already says terminating; the rules do not know yet.
		expect(routable(h, 'node-1')).toContain(victim);
		h.advance(10); // network latency 1 ms + jitter < 2 ms, and the sync runs at once
		for (const node of ['node-1', 'node-2', 'node-3'])
			expect(routable(h, node)).not.toContain(victim);
	});

	it('a second change within minSyncPeriod waits for it: the window where a stopped pod still gets traffic', () => {
		const h = setup(4);
		const seen: { t: number; ok: boolean; backend?: string }[] = [];
		h.traffic.observe((_s, req, out) => seen.push({ t: req.t, ok: out.ok, backend: out.backend }));
		h.exec('sim traffic web 200/s');
		h.advance(5_000);
		const [a, b] = pods(h).map((p) => p.metadata!.name!);
		h.exec(`kubectl delete pod ${a} --wait=false`);
		h.advance(10);
		const synced = h.cluster.services.proxies.lastSync('node-1');
		expect(routable(h, 'node-1')).not.toContain(a);
		h.advance(190);
		const deletedB = h.kernel.now;
		h.exec(`kubectl delete pod ${b} --wait=false`);
		// The container stops 500 ms after its deletion; node-1's rules change only at synced + 1 s.
		h.advance(synced + 1_000 - h.kernel.now - 1);
		expect(routable(h, 'node-1')).toContain(b);
		h.advance(10);
		expect(routable(h, 'node-1')).not.toContain(b);
		const window = seen.filter((r) => r.t > deletedB + 500 && r.t < synced + 1_000);
		const failed = window.filter((r) => !r.ok);
		expect(failed.length).toBeGreaterThan(0);
		expect(failed.every((r) => r.backend === b)).toBe(true);
		// After every proxy synced, no request fails any more.
		h.advance(2_000);
		const after = seen.filter((r) => r.t > h.kernel.now - 1_000);
		expect(after.length).toBeGreaterThan(100);
		expect(after.every((r) => r.ok)).toBe(true);
		const stream = h.traffic.list()[0]!;
		expect(stream.failures['connection refused']).toBe(stream.failed);
		expect(stream.stale).toBe(stream.failed);
	});

	it('a node cut off from the API server keeps its old rules until it can read again', () => {
		const h = setup(3);
		h.exec('sim traffic web 10/s');
		h.advance(5_000);
		h.exec('sim partition node-1 / control-plane,node-2,node-3');
		const victim = pods(h)[0]!.metadata!.name!;
		h.exec(`kubectl delete pod ${victim} --wait=false`);
		h.advance(5_000);
		expect(routable(h, 'node-1')).toContain(victim);
		expect(routable(h, 'node-2')).not.toContain(victim);
		h.exec('sim heal');
		h.advance(31_000); // the periodic resync (syncPeriod 30 s) reads everything again
		expect(routable(h, 'node-1')).not.toContain(victim);
	});
});

describe('choosing an endpoint', () => {
	it('iptables mode spreads connections uniformly over the endpoints (chi-square, 4 pods)', () => {
		const h = setup(4);
		h.exec('sim traffic web 1000/s');
		h.advance(8_000);
		const s = h.traffic.list()[0]!;
		expect(s.failed).toBe(0);
		const counts = Object.values(s.hits).map((x) => x.hits);
		expect(counts).toHaveLength(4);
		// df = 3: the 0.1 % critical value is 16.27.
		expect(chiSquare(counts)).toBeLessThan(16.27);
	});

	it('IPVS mode is exactly round-robin on each node', () => {
		const h = setup(3);
		expect(h.exec('sim kube-proxy mode ipvs').output).toBe('kube-proxy mode: ipvs\n');
		const order: string[] = [];
		h.traffic.observe((_s, _r, out) => {
			if (out.ok) order.push(out.backend);
		});
		h.exec('sim traffic web 30/s --clients 1');
		h.advance(9_990);
		expect(order).toHaveLength(300);
		for (let i = 3; i < order.length; i++) expect(order[i]).toBe(order[i - 3]);
		expect(new Set(order.slice(0, 3)).size).toBe(3);
	});

	it('ClientIP session affinity keeps each client on one pod', () => {
		const h = setup(3, '  sessionAffinity: ClientIP\n');
		const byClient = new Map<string, Set<string>>();
		h.traffic.observe((_s, req, out) => {
			if (!out.ok) return;
			const set = byClient.get(req.client) ?? new Set<string>();
			set.add(out.backend);
			byClient.set(req.client, set);
		});
		h.exec('sim traffic web 100/s --clients 20');
		h.advance(5_000);
		expect(byClient.size).toBe(20);
		for (const set of byClient.values()) expect(set.size).toBe(1);
		// Different clients still land on different pods.
		expect(new Set([...byClient.values()].map((s) => [...s][0])).size).toBeGreaterThan(1);
	});

	it('a stopped node: its pods time out until the node is NotReady and leaves the endpoints', () => {
		const h = setup(3);
		h.exec('sim traffic web 50/s');
		h.advance(5_000);
		const onNode3 = pods(h).find((p) => p.spec!.nodeName === 'node-3')!.metadata!.name!;
		h.exec('sim node stop node-3');
		h.advance(30_000);
		const mid = h.traffic.list()[0]!;
		expect(mid.failures['timeout']).toBeGreaterThan(0);
		expect(mid.failures['unreachable']).toBeUndefined(); // clients on node-3 moved, they did not fail
		h.advance(40_000); // past node-monitor-grace-period (50 s)
		const failedBefore = h.traffic.list()[0]!.failed;
		expect(routable(h, 'node-1')).not.toContain(onNode3);
		h.advance(10_000);
		expect(h.traffic.list()[0]!.failed).toBe(failedBefore);
	});
});

describe('kube-proxy and machine restarts', () => {
	it('a node powered off while a Service appears programs it when it boots', () => {
		const h = harness(4, 3, { 'd.yaml': deployment('web', 2), 's.yaml': service('web') });
		h.exec('sim node stop node-3');
		h.exec('kubectl apply -f d.yaml');
		h.exec('kubectl apply -f s.yaml');
		h.advance(20_000);
		expect(routable(h, 'node-3')).toEqual([]);
		expect(routable(h, 'node-1').length).toBeGreaterThan(0);
		h.exec('sim node start node-3');
		h.advance(100);
		expect(routable(h, 'node-3')).toEqual(routable(h, 'node-1'));
	});
});

describe('services with several ports', () => {
	it('--port picks the port; its endpoints are the pods with that target port', () => {
		const svc = service('web').replace(
			'  - port: 80\n    targetPort: http\n',
			'  - name: web\n    port: 80\n    targetPort: http\n  - name: admin\n    port: 9000\n    targetPort: admin\n'
		);
		const h = harness(4, 3, { 'd.yaml': deployment('web', 2), 's.yaml': svc });
		h.exec('kubectl apply -f d.yaml');
		h.exec('kubectl apply -f s.yaml');
		h.advance(20_000);
		expect(h.exec('sim traffic web 10/s --port nope').error).toBe(
			'sim: service "web" has no port "nope"\n'
		);
		// No container declares a port named admin: that port has no endpoints at all.
		expect(h.exec('sim traffic web 10/s --port admin').output).toBe(
			'traffic to service/web:9000 via clusterip: 10/s from 10 clients\n'
		);
		expect(h.exec('sim traffic web 10/s --port 80').ok).toBe(true);
		h.advance(1_000);
		const [web, admin] = h.traffic.list(); // in key order: port 0, then port 1
		expect(admin!.target.label).toBe('service/web:9000');
		expect(admin!.failures).toEqual({ 'no endpoints': admin!.sent });
		expect(web!.failed).toBe(0);
		expect(web!.succeeded).toBe(11);
	});
});
