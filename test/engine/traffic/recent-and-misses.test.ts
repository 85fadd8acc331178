/**
 * The traffic view's extra data in the snapshot: each stream's latest requests (entry node →
 * backend, or the reason it failed) and its failures per chosen backend. Both must agree with
 * the counters, follow time travel, and stay the same for the same seed and lines.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { RECENT_MAX } from '../../../src/engine/traffic/generator';
import type { Lab } from '../../../src/engine/types';

/** Three nginx pods behind a NodePort, 50 requests/s from outside since 20 s. */
function nodePortLab(seed = 7): Lab {
	const lab = createLab({ seed, workers: 3 });
	for (const line of [
		'kubectl create deployment web --image=nginx --replicas=3',
		'kubectl expose deployment web --port=80 --type=NodePort',
		'sim advance 20s',
		'sim traffic web 50/s --via nodeport'
	])
		expect(lab.exec(line).ok, line).toBe(true);
	return lab;
}

describe('recent requests', () => {
	it('keeps the newest requests in order, each with its entry node and answering pod', () => {
		const lab = nodePortLab();
		lab.advance(100); // 6 requests: t = 20.00 … 20.10 s
		let s = lab.snapshot().traffic![0]!;
		expect(s.recent.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5]);
		lab.advance(10_000);
		s = lab.snapshot().traffic![0]!;
		expect(s.recent).toHaveLength(RECENT_MAX);
		const seqs = s.recent.map((r) => r.seq);
		expect(seqs[seqs.length - 1]).toBe(s.sent - 1);
		expect(seqs).toEqual(seqs.map((_, i) => s.sent - RECENT_MAX + i));
		const pods = new Map(lab.snapshot().units.map((u) => [u.name, u.node]));
		for (const r of s.recent) {
			expect(r.ok).toBe(true);
			// A node port is open on every node; the pod that answered runs where the view says.
			expect(s.entries).toContain(r.entry);
			expect(pods.get(r.backend!)).toBe(r.node);
		}
		// Clients take turns over the entry nodes, so the latest requests enter everywhere.
		expect(new Set(s.recent.map((r) => r.entry))).toEqual(new Set(s.entries));
	});

	it('a powered-off node: its pod times out, and clients dialling it are unreachable', () => {
		const lab = nodePortLab();
		lab.advance(5_000);
		lab.exec('sim node stop node-2');
		lab.advance(20_000); // before the node is NotReady: the rules still list its pod
		const s = lab.snapshot().traffic![0]!;
		const failed = s.recent.filter((r) => !r.ok);
		expect(failed.length).toBeGreaterThan(0);
		for (const r of failed) {
			if (r.entry === 'node-2') expect(r.reason).toBe('unreachable');
			else expect(r).toMatchObject({ reason: 'timeout', node: 'node-2' });
		}
		// Failures per chosen backend add up to the failures that had one (every stale one here).
		const onBackends = s.misses.reduce((n, m) => n + m.failed, 0);
		expect(onBackends).toBe(s.stale);
		expect(onBackends).toBe(s.failures['timeout']);
		expect(s.misses.map((m) => m.node)).toEqual(['node-2']);
		expect(s.misses[0]!.failures).toEqual({ timeout: s.failures['timeout'] });
		expect(s.failed - onBackends).toBe(s.failures['unreachable']);
	});

	it('time travel restores them, and the same seed and lines give the same ones', () => {
		const a = nodePortLab(3);
		a.advance(5_000);
		a.exec('sim node stop node-3');
		a.advance(10_000);
		const at35 = a.snapshot().traffic;
		a.advance(30_000);
		a.seek(35_000);
		expect(a.snapshot().traffic).toEqual(at35);

		const b = nodePortLab(3);
		b.advance(5_000);
		b.exec('sim node stop node-3');
		b.advance(10_000);
		expect(b.snapshot().traffic).toEqual(at35);
	});
});

describe('a swarm slot replaced on another node', () => {
	it("keeps the old task's answers and failures with its node, apart from the new task's", () => {
		const lab = createLab({ flavor: 'swarm', seed: 7, workers: 3 });
		for (const line of [
			'docker service create --name web --replicas 3 --publish 8080:80 nginx:1.27',
			'sim advance 20s',
			'sim traffic web 50/s --via mesh',
			'sim advance 5s'
		])
			expect(lab.exec(line).ok, line).toBe(true);
		const slot = lab.snapshot().units.find((u) => u.node === 'worker-2')!.name;
		lab.exec('sim node stop worker-2');
		lab.advance(40_000); // marked down, the slot's new task runs elsewhere and answers
		const s = lab.snapshot().traffic![0]!;
		const rows = s.answered.filter((h) => h.backend === slot);
		expect(rows.map((h) => h.node)).toEqual([
			'worker-2',
			lab.snapshot().units.find((u) => u.name === slot && u.node !== 'worker-2')!.node
		]);
		expect(rows.every((h) => h.hits > 0)).toBe(true);
		expect(s.answered.reduce((n, h) => n + h.hits, 0)).toBe(s.succeeded);
		// `hits`, by name, counts both tasks of the slot together (`sim traffic` prints it).
		expect(s.hits.find((h) => h.backend === slot)!.hits).toBe(rows[0]!.hits + rows[1]!.hits);
		// The timeouts belong to the old task's node only.
		expect(s.misses.map((m) => [m.backend, m.node])).toEqual([[slot, 'worker-2']]);
	});
});
