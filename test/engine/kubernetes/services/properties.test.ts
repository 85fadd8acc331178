/**
 * Properties of Service routing under random scaling, pod deletions, crashes and node stops
 * with traffic running (fast-check):
 *  - a request is only ever sent to a pod in the Service's usable endpoints *as the entry
 *    node's kube-proxy sees them at that moment* (never to one the rules do not hold);
 *  - a request is answered only by a pod whose containers run on a running node;
 *  - the requests that hit a pod already terminating, dead or gone are exactly the ones the
 *    counters call stale, and the only failures besides "no endpoints" (and "unreachable"
 *    when every client node is down).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Pod } from 'kubernetes-types/core/v1';
import { PODS } from '../../../../src/engine/kubernetes/api/collections';
import { isTerminating } from '../../../../src/engine/kubernetes/pods';
import { usableEndpoints } from '../../../../src/engine/kubernetes/services/proxy-view';
import { deployment, harness, service } from './harness';

const op = fc.oneof(
	fc.record({ op: fc.constant('scale' as const), n: fc.integer({ min: 0, max: 6 }) }),
	fc.record({ op: fc.constant('delete' as const), i: fc.nat() }),
	fc.record({ op: fc.constant('crash' as const), i: fc.nat() }),
	fc.record({ op: fc.constant('stop' as const), node: fc.integer({ min: 1, max: 3 }) }),
	fc.record({ op: fc.constant('start' as const), node: fc.integer({ min: 1, max: 3 }) }),
	fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 50, max: 6_000 }) })
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function run(mode: 'iptables' | 'ipvs', seed: number, ops: readonly Op[]) {
	const h = harness(seed, 3, { 'd.yaml': deployment('web', 3), 's.yaml': service('web') });
	h.exec('kubectl apply -f d.yaml');
	h.exec('kubectl apply -f s.yaml');
	if (mode === 'ipvs') h.exec('sim kube-proxy mode ipvs');
	h.advance(15_000);
	let outside = 0;
	let answeredByDead = 0;
	let deadHits = 0;
	let otherFailures = 0;
	h.traffic.observe((_s, _req, out) => {
		if (out.backend === undefined) {
			// Without a backend: no endpoints in the rules, or no client node left running.
			if (out.ok || (out.reason !== 'no endpoints' && out.reason !== 'unreachable'))
				otherFailures++;
			return;
		}
		const entry = out.entry!;
		const view = h.cluster.services.proxies.view(entry).get('default/web');
		const allowed = view === undefined ? [] : usableEndpoints(view.ports[0]!).map((e) => e.pod);
		if (!allowed.includes(out.backend) || !h.cluster.hosts.isRunning(entry)) outside++;
		const pod = h.cluster.apiServer.get<Pod>(PODS, 'default', out.backend);
		const node = pod?.spec?.nodeName;
		const alive =
			pod !== undefined &&
			!isTerminating(pod) &&
			node !== undefined &&
			h.cluster.hosts.isRunning(node) &&
			h.cluster.runtime.isServing('default', out.backend);
		const serving =
			pod !== undefined &&
			node !== undefined &&
			h.cluster.hosts.isRunning(node) &&
			h.cluster.runtime.isServing('default', out.backend);
		if (out.ok && !serving) answeredByDead++;
		if (!out.ok && !alive) deadHits++;
		if (!out.ok && alive) otherFailures++;
	});
	h.exec('sim traffic web 100/s');
	for (const o of ops as readonly {
		op: string;
		n?: number;
		i?: number;
		node?: number;
		ms?: number;
	}[]) {
		const pods = h.kernel.store.list<Pod>(PODS).filter((p) => !isTerminating(p));
		const pick = pods.length === 0 ? undefined : pods[(o.i ?? 0) % pods.length]!.metadata!.name!;
		if (o.op === 'scale') h.exec(`kubectl scale deployment web --replicas=${o.n}`);
		else if (o.op === 'delete' && pick) h.exec(`kubectl delete pod ${pick} --wait=false`);
		else if (o.op === 'crash' && pick) h.exec(`sim crash pod ${pick}`);
		else if (o.op === 'stop') h.exec(`sim node stop node-${o.node}`);
		else if (o.op === 'start') h.exec(`sim node start node-${o.node}`);
		else if (o.op === 'advance') h.advance(o.ms!);
	}
	h.advance(2_000);
	const s = h.traffic.list()[0]!;
	return { outside, answeredByDead, deadHits, otherFailures, stream: s };
}

describe('service routing under faults', () => {
	for (const mode of ['iptables', 'ipvs'] as const) {
		it(`${mode}: only endpoints the entry node's rules hold, answered only by running pods`, () => {
			fc.assert(
				fc.property(
					fc.integer({ min: 1, max: 1_000 }),
					fc.array(op, { minLength: 1, maxLength: 12 }),
					(seed, ops) => {
						const r = run(mode, seed, ops);
						expect(r.outside).toBe(0);
						expect(r.answeredByDead).toBe(0);
						// Stale failures are exactly the hits on terminating, dead or gone pods…
						expect(r.stream.stale).toBe(r.deadHits);
						// …and a pod that is alive never fails a request it was sent.
						expect(r.otherFailures).toBe(0);
						expect(r.stream.sent).toBe(r.stream.succeeded + r.stream.failed);
					}
				),
				{ numRuns: 12 }
			);
		});
	}

	it('the lesson case shows: stopping a node makes requests hit its dead pod until the endpoints change', () => {
		const r = run('iptables', 7, [
			{ op: 'advance', ms: 2_000 },
			{ op: 'stop', node: 2 },
			{ op: 'advance', ms: 20_000 }
		]);
		expect(r.deadHits).toBeGreaterThan(100);
		expect(r.stream.failures['timeout']).toBe(r.deadHits);
	});
});
