/**
 * The flavour-neutral traffic generator against a stub target: request timing on the kernel
 * clock, per-request routing, counters, stop and restart, checkpoints (time travel), and the
 * snapshot's `traffic` field through the lab facade.
 */
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/core/kernel';
import { TrafficGenerator } from '../../../src/engine/traffic/generator';
import type {
	ResolvedTarget,
	RouteOutcome,
	TrafficRequest,
	TrafficTarget,
	Via
} from '../../../src/engine/traffic/target';
import { createLab } from '../../../src/engine/index';
import { deployment, service } from '../kubernetes/services/harness';

/** Two backends in turn; requests fail while `down` is set. */
class StubTarget implements TrafficTarget {
	readonly vias: readonly Via[] = ['mesh'];
	down = false;
	seen: TrafficRequest[] = [];
	resolve(name: string, via: Via) {
		return {
			ok: true as const,
			target: { key: `${via}:${name}`, label: `service/${name}`, via, entries: ['a', 'b', 'c'] }
		};
	}
	route(_t: ResolvedTarget, r: TrafficRequest): RouteOutcome {
		this.seen.push(r);
		if (this.down) return { ok: false, reason: 'connection refused', backend: 'x', stale: true };
		return { ok: true, backend: `task-${r.seq % 2}`, node: r.entry };
	}
}

function setup() {
	const kernel = new Kernel(1, { latencyMs: 1, jitterMs: 0, loss: 0 });
	const target = new StubTarget();
	const gen = new TrafficGenerator(kernel, target);
	const start = (rate: number, clients = 3) => {
		const r = target.resolve('web', 'mesh');
		return gen.start('web', 'default', r.target, { rate, clients, host: '', path: '/' });
	};
	return { kernel, target, gen, start };
}

describe('traffic generator', () => {
	it('sends request n at n·1000/rate ms, routed one by one at the kernel time', () => {
		const { kernel, target, gen, start } = setup();
		start(100);
		kernel.runUntil(10_000);
		const s = gen.list()[0]!;
		expect(s.sent).toBe(1001); // t = 0, 10, …, 10000 ms
		expect(s.succeeded).toBe(1001);
		for (const r of target.seen)
			expect(r.t).toBeGreaterThanOrEqual(Math.ceil((r.seq * 1000) / 100));
		for (const r of target.seen) expect(r.t - Math.ceil((r.seq * 1000) / 100)).toBeLessThan(10);
		// Clients take turns, each entering at its own node.
		expect(target.seen.slice(0, 4).map((r) => [r.client, r.entry])).toEqual([
			['10.0.0.1', 'a'],
			['10.0.0.2', 'b'],
			['10.0.0.3', 'c'],
			['10.0.0.1', 'a']
		]);
		expect(s.hits['task-0']!.hits + s.hits['task-1']!.hits).toBe(1001);
	});

	it('a dense rate stays cheap: one wake-up per 10 ms, not one per request', () => {
		const { kernel, gen, start } = setup();
		start(5_000);
		const before = kernel.processed;
		kernel.runUntil(1_000);
		expect(gen.list()[0]!.sent).toBe(5001);
		expect(kernel.processed - before).toBeLessThanOrEqual(102);
	});

	it('counts failures by reason, changes rate without losing counts, and stops', () => {
		const { kernel, target, gen, start } = setup();
		start(10);
		kernel.runUntil(1_000);
		target.down = true;
		kernel.runUntil(2_000);
		let s = gen.list()[0]!;
		expect([s.sent, s.succeeded, s.failed, s.stale]).toEqual([21, 11, 10, 10]);
		expect(s.failures).toEqual({ 'connection refused': 10 });
		target.down = false;
		start(20);
		kernel.runUntil(3_000);
		s = gen.list()[0]!;
		expect(s.sent).toBe(21 + 21);
		expect(gen.stop('web', 'default')).toHaveLength(1);
		kernel.runUntil(10_000);
		expect(gen.list()[0]!.sent).toBe(42);
		expect(gen.list()[0]!.running).toBe(false);
	});

	it('counters come back with a checkpoint and replay identically', () => {
		const { kernel, gen, start } = setup();
		start(50);
		kernel.runUntil(2_000);
		const saved = kernel.save()!;
		kernel.runUntil(5_000);
		const later = gen.list()[0]!;
		kernel.load(saved);
		expect(gen.list()[0]!.sent).toBe(101);
		kernel.runUntil(5_000);
		expect(gen.list()[0]).toEqual(later);
	});
});

describe('traffic in a lab', () => {
	it('the snapshot shows the counters, and seek restores them', () => {
		const files = { 'd.yaml': deployment('web', 2), 's.yaml': service('web') };
		const lab = createLab({ seed: 2, readFile: (p) => files[p as keyof typeof files] });
		lab.exec('kubectl apply -f d.yaml');
		lab.exec('kubectl apply -f s.yaml');
		lab.advance(20_000);
		expect(lab.snapshot().traffic).toBeUndefined();
		expect(lab.exec('sim traffic web 100/s').output).toBe(
			'traffic to service/web via clusterip: 100/s from 10 clients\n'
		);
		lab.advance(15_000);
		const at35 = lab.snapshot().traffic!;
		expect(at35[0]).toMatchObject({
			target: 'service/web',
			via: 'clusterip',
			sent: 1501,
			failed: 0
		});
		expect(at35[0]!.hits.reduce((n, h) => n + h.hits, 0)).toBe(1501);
		lab.advance(10_000);
		lab.seek(35_000);
		expect(lab.snapshot().traffic).toEqual(at35);
		lab.seek(10_000);
		expect(lab.snapshot().traffic).toBeUndefined();
		expect(lab.exec('sim traffic stop').ok).toBe(false);
	});

	it('same seed, same lines: same counters and trace, also after seeking back through a fault', () => {
		const files = { 'd.yaml': deployment('web', 3), 's.yaml': service('web') };
		const script = (lab: ReturnType<typeof createLab>) => {
			lab.exec('kubectl apply -f d.yaml');
			lab.exec('kubectl apply -f s.yaml');
			lab.advance(20_000);
			lab.exec('sim traffic web 200/s');
			lab.advance(5_000);
			lab.exec('sim node stop node-2');
			lab.advance(70_000);
		};
		const a = createLab({ seed: 11, readFile: (p) => files[p as keyof typeof files] });
		const b = createLab({ seed: 11, readFile: (p) => files[p as keyof typeof files] });
		script(a);
		script(b);
		expect(b.traceHash()).toBe(a.traceHash());
		const end = a.snapshot().traffic;
		expect(end![0]!.failures['timeout']).toBeGreaterThan(0);
		expect(b.snapshot().traffic).toEqual(end);
		b.seek(40_000);
		b.seek(95_000);
		expect(b.snapshot().traffic).toEqual(end);
		expect(b.traceHash()).toBe(a.traceHash());
	});

	it('refuses bad lines and changes nothing', () => {
		const lab = createLab();
		for (const line of [
			'sim traffic nope 10/s',
			'sim traffic kubernetes fast',
			'sim traffic kubernetes 0/s',
			'sim traffic kubernetes 10/s --via mesh',
			'sim traffic kubernetes 10/s --clients 0',
			'sim traffic stop'
		]) {
			const before = lab.traceHash();
			const r = lab.exec(line);
			expect(r.ok, line).toBe(false);
			expect(r.error).toMatch(/^sim: /);
			expect(lab.traceHash()).toBe(before);
		}
		expect(lab.exec('sim traffic').output).toBe(
			'no traffic: start some with sim traffic NAME 100/s\n'
		);
	});
});
