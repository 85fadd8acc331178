/**
 * The traffic view's model: backends grouped by node with the state of their pod (a rolling
 * update's old pods end up `gone`), failures by reason, the command lines its buttons send (run
 * against a real lab: they must change the same stream), and the requests-per-second meter.
 */
import { describe, expect, it } from 'vitest';
import '../../src/engine/index';
import { scenarioLab } from '../../src/viz/scenario-lab';
import type { Lab, TrafficView } from '../../src/engine/types';
import { SCENARIOS } from '../../src/viz/scenarios';
import {
	backendGroups,
	failureCounts,
	failurePoint,
	failuresByStage,
	RateMeter,
	sampleRequests,
	startCommand,
	stopCommand,
	streamName,
	trafficTargetOf
} from '../../src/viz/views/traffic-model';

function trafficLab(id: 'rolling-update-traffic' | 'routing-mesh'): Lab {
	return scenarioLab(id, SCENARIOS[id].flavors[0], undefined, (line, result) =>
		expect(result.ok, line).toBe(true)
	);
}

const stream = (lab: Lab): TrafficView => lab.snapshot().traffic![0]!;

describe('backend groups', () => {
	it('a rolling update: old pods drain to `gone`, new ones answer, all by node in node order', () => {
		const lab = trafficLab('rolling-update-traffic');
		lab.advance(30_000);
		const snap = lab.snapshot();
		const view = stream(lab);
		const groups = backendGroups(view, snap.nodes, snap.units);
		const order = snap.nodes.map((n) => n.name);
		expect(groups.map((g) => order.indexOf(g.node))).toEqual(
			[...groups.map((g) => order.indexOf(g.node))].sort((a, b) => a - b)
		);
		const rows = groups.flatMap((g) => g.rows);
		// Every backend that answered is listed once, on the node that answered.
		expect(rows.map((r) => [r.backend, r.node, r.hits]).sort()).toEqual(
			view.answered.map((h) => [h.backend, h.node, h.hits]).sort()
		);
		const live = new Set(snap.units.map((u) => u.name));
		for (const r of rows) {
			expect(r.state === 'gone').toBe(!live.has(r.backend));
			if (r.state !== 'gone') expect(r.status).toBe('Running');
		}
		// Three old pods gone, three new ones serving; shares of the answered requests add to 1.
		expect(rows.filter((r) => r.state === 'gone')).toHaveLength(3);
		expect(rows.filter((r) => r.state === 'ok')).toHaveLength(3);
		expect(rows.reduce((n, r) => n + r.share, 0)).toBeCloseTo(1, 9);
	});

	it('a stopped node: its group says so, and its pod carries the timeouts with their reason', () => {
		const lab = trafficLab('rolling-update-traffic');
		lab.advance(20_000);
		lab.exec('sim node stop node-2');
		lab.advance(20_000);
		const snap = lab.snapshot();
		const groups = backendGroups(stream(lab), snap.nodes, snap.units);
		const node2 = groups.find((g) => g.node === 'node-2')!;
		expect(node2.running).toBe(false);
		const failing = node2.rows.filter((r) => r.failed > 0);
		expect(failing).toHaveLength(1);
		expect(failing[0]!.failures).toEqual([{ reason: 'timeout', count: failing[0]!.failed }]);
		// Clients dialling node-2's port fail there; the others reach node-2's pod and time out.
		const view = stream(lab);
		expect(failuresByStage(view)).toEqual({
			entry: view.failures['unreachable'],
			service: 0,
			backend: view.failures['timeout']
		});
		expect(view.failures['unreachable']).toBeGreaterThan(0);
		for (const g of groups)
			if (g.node !== 'node-2') expect(g.rows.every((r) => r.failed === 0)).toBe(true);
	});

	it('swarm: the mesh answers from tasks on every node, matched to their tasks', () => {
		const lab = trafficLab('routing-mesh');
		lab.advance(5_000);
		const snap = lab.snapshot();
		const groups = backendGroups(stream(lab), snap.nodes, snap.units);
		const rows = groups.flatMap((g) => g.rows);
		expect(rows.map((r) => r.backend).sort()).toEqual(['web.1', 'web.2', 'web.3']);
		for (const r of rows) {
			expect(r.state).toBe('ok');
			expect(snap.units.find((u) => u.name === r.backend)?.node).toBe(r.node);
		}
		// Round-robin per node: the shares are even to within one request per entry node.
		const hits = rows.map((r) => r.hits);
		expect(Math.max(...hits) - Math.min(...hits)).toBeLessThanOrEqual(stream(lab).entries.length);
	});
});

describe('failures', () => {
	it('counts by reason, largest first, and knows where each kind stops on the path', () => {
		expect(
			failureCounts({ timeout: 3, unreachable: 9, 'no endpoints': 0, 'connection refused': 3 })
		).toEqual([
			{ reason: 'unreachable', count: 9 },
			{ reason: 'connection refused', count: 3 },
			{ reason: 'timeout', count: 3 }
		]);
		expect(failurePoint('unreachable', false)).toBe('entry');
		expect(failurePoint('no endpoints', false)).toBe('service');
		expect(failurePoint('503 Service Temporarily Unavailable', false)).toBe('service');
		expect(failurePoint('timeout', true)).toBe('backend');
		expect(failurePoint('502 Bad Gateway', true)).toBe('backend');
	});
});

describe('command lines', () => {
	it('the scenario set-ups name the stream the Start button begins', () => {
		expect(trafficTargetOf(SCENARIOS['rolling-update-traffic'].setup.kubernetes)).toEqual({
			name: 'web',
			via: 'nodeport',
			namespace: 'default',
			rate: 50
		});
		expect(trafficTargetOf(SCENARIOS['routing-mesh'].setup.swarm)?.via).toBe('mesh');
		expect(trafficTargetOf(['sim traffic stop web', 'kubectl get pods'])).toBeUndefined();
	});

	it('Start with a new rate changes the same stream; Stop stops it; the lines are real ones', () => {
		const lab = trafficLab('rolling-update-traffic');
		lab.advance(2_000);
		const before = stream(lab);
		expect(streamName(before)).toBe('web');
		const line = startCommand(before, 120);
		expect(line).toBe('sim traffic web 120/s --via nodeport');
		expect(lab.exec(line).ok).toBe(true);
		lab.advance(1_000);
		const after = lab.snapshot().traffic!;
		expect(after).toHaveLength(1);
		expect(after[0]).toMatchObject({ target: 'service/web', rate: 120, running: true });
		// Counters carry on: about 120 more in that second.
		expect(after[0]!.sent - before.sent).toBeGreaterThanOrEqual(120);
		expect(lab.exec(stopCommand(after[0]!)).ok).toBe(true);
		expect(stream(lab).running).toBe(false);
		// Starting it again from the stopped stream's data works too.
		expect(lab.exec(startCommand(stream(lab), 10)).ok).toBe(true);
		expect(stream(lab).running).toBe(true);
	});

	it('a multi-port service, an ingress request and a namespace survive the round trip', () => {
		const base: TrafficView = {
			target: 'service/api:8080',
			namespace: 'shop',
			via: 'clusterip',
			rate: 5,
			running: true,
			sent: 0,
			succeeded: 0,
			failed: 0,
			stale: 0,
			failures: {},
			hits: [],
			answered: [],
			entries: [],
			misses: [],
			recent: []
		};
		expect(startCommand(base, 7.5)).toBe(
			'sim traffic api 7.5/s --via clusterip --port 8080 -n shop'
		);
		expect(stopCommand(base)).toBe('sim traffic stop api -n shop');
		const ing = {
			...base,
			target: 'ingress/site',
			namespace: 'default',
			via: 'ingress',
			request: 'foo.com/api'
		};
		expect(startCommand(ing, 20)).toBe(
			'sim traffic site 20/s --via ingress --host foo.com --path /api'
		);
	});
});

describe('rate meter', () => {
	it('measures over the window, and starts afresh after travelling back', () => {
		const m = new RateMeter(2_000);
		expect(m.rates()).toBeUndefined();
		for (let t = 0; t <= 4_000; t += 100) m.add(t, t / 20, t / 100); // 50 ok/s, 10 failed/s
		expect(m.rates()).toEqual({ ok: 50, failed: 10 });
		m.add(1_000, 50, 10); // a seek back
		expect(m.rates()).toBeUndefined();
		m.add(1_500, 60, 10);
		expect(m.rates()).toEqual({ ok: 20, failed: 0 });
	});
});

describe('sampling requests for the dots', () => {
	const req = (seq: number, ok: boolean) => ({ seq, t: seq * 20, entry: 'node-1', ok });

	it("keeps the stream's mix of answered and failed, and never loses a rare failure", () => {
		const half = Array.from({ length: 32 }, (_, i) => req(i, i % 2 === 0));
		const picked = sampleRequests(half, 8);
		expect(picked).toHaveLength(8);
		expect(picked.filter((r) => !r.ok)).toHaveLength(4);
		// In order, no request twice.
		expect(picked.map((r) => r.seq)).toEqual(
			[...new Set(picked.map((r) => r.seq))].sort((a, b) => a - b)
		);

		// One entry node of four down: every fourth request fails; an even stride would miss them.
		const quarter = Array.from({ length: 32 }, (_, i) => req(i, i % 4 !== 2));
		expect(sampleRequests(quarter, 4).filter((r) => !r.ok)).toHaveLength(1);
		expect(sampleRequests(quarter, 8).filter((r) => !r.ok)).toHaveLength(2);

		const rare = Array.from({ length: 32 }, (_, i) => req(i, i !== 13));
		expect(
			sampleRequests(rare, 4)
				.filter((r) => !r.ok)
				.map((r) => r.seq)
		).toEqual([13]);
		expect(sampleRequests(rare.slice(0, 3), 4)).toHaveLength(3);
		expect(sampleRequests(rare, 0)).toEqual([]);
	});
});
