import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createLab } from '../../src/engine/index';
import type { LabSnapshot, RaftMessageView, RaftView } from '../../src/engine/types';
import {
	dropTarget,
	entryAt,
	logWindow,
	messageKey,
	moveMember,
	partitionLine,
	phase,
	ringLayout,
	timerLeft,
	wallCrossing
} from '../../src/viz/views/raft-layout';

const FIVE = ['manager-1', 'manager-2', 'manager-3', 'manager-4', 'manager-5'];

function raftOf(s: LabSnapshot): RaftView {
	if (s.raft === undefined) throw new Error('no raft group in this lab');
	return s.raft;
}

function message(patch: Partial<RaftMessageView>): RaftMessageView {
	return {
		from: 'a',
		to: 'b',
		type: 'AppendEntries',
		term: 1,
		sentAt: 1000,
		arriveAt: 1050,
		entries: 0,
		...patch
	};
}

describe('ring layout', () => {
	it('puts members evenly on the circle, the first at the top, with no wall when healed', () => {
		const layout = ringLayout(FIVE, [], 200, 150, 100);
		expect(layout.walls).toEqual([]);
		const first = layout.seats.get('manager-1')!;
		expect(first.x).toBeCloseTo(200);
		expect(first.y).toBeCloseTo(50);
		for (const name of FIVE) {
			const seat = layout.seats.get(name)!;
			expect(Math.hypot(seat.x - 200, seat.y - 150)).toBeCloseTo(100);
		}
		const gaps = FIVE.map((n, i) => {
			const a = layout.seats.get(n)!;
			const b = layout.seats.get(FIVE[(i + 1) % FIVE.length]!)!;
			return Math.hypot(a.x - b.x, a.y - b.y);
		});
		for (const gap of gaps) expect(gap).toBeCloseTo(gaps[0]!);
	});

	it('a partition that names only other hosts (workers) draws no wall', () => {
		const layout = ringLayout(FIVE, [['worker-1'], ['worker-2']], 0, 0, 100);
		expect(layout.walls).toEqual([]);
		expect(layout.sides).toEqual([FIVE]);
	});

	it('every message between two sides crosses a wall; none within a side does', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 7 }),
				fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 7, maxLength: 7 }),
				(n, sideOf) => {
					const names = Array.from({ length: n }, (_, i) => `m${i + 1}`);
					const groups = [0, 1, 2].map((s) => names.filter((_, i) => sideOf[i] === s));
					const layout = ringLayout(names, groups, 200, 200, 120);
					const side = new Map<string, number>();
					layout.sides.forEach((s, i) => s.forEach((name) => side.set(name, i)));
					for (const a of names) {
						for (const b of names) {
							if (a === b) continue;
							const crossing = wallCrossing(
								layout.seats.get(a)!,
								layout.seats.get(b)!,
								layout.walls
							);
							expect(crossing !== undefined, `${a}→${b}`).toBe(side.get(a) !== side.get(b));
						}
					}
				}
			)
		);
	});

	it('members that no side names keep every link and sit in the middle', () => {
		const layout = ringLayout(FIVE, [['manager-1'], ['manager-2']], 200, 200, 100);
		expect(layout.middle).toEqual(['manager-3', 'manager-4', 'manager-5']);
		for (const name of layout.middle) {
			const seat = layout.seats.get(name)!;
			expect(seat.y).toBe(200);
			// Reaching a member on either side crosses no wall.
			for (const other of ['manager-1', 'manager-2']) {
				expect(wallCrossing(seat, layout.seats.get(other)!, layout.walls)).toBeUndefined();
			}
		}
	});
});

describe('messages between two frames', () => {
	it('draws a message on the wire where it truly is', () => {
		expect(phase(message({}), 1000, 1025)).toEqual({ kind: 'flying', at: 0.5 });
		expect(phase(message({}), 1010, 1010)).toEqual({ kind: 'flying', at: 0.2 });
	});

	it('shows a message that flew entirely between two frames as passed, from its start', () => {
		const quick = message({ sentAt: 1002, arriveAt: 1003 });
		expect(phase(quick, 1000, 1016)).toEqual({ kind: 'passed', from: 0 });
		// Already on its way at the previous frame: the streak starts where that frame drew it.
		expect(phase(message({}), 1025, 1060)).toEqual({ kind: 'passed', from: 0.5 });
		// Arrived before the previous frame: nothing left to show.
		expect(phase(quick, 1003, 1016)).toBeUndefined();
	});

	it('after a seek back, shows only what is on the wire then', () => {
		expect(phase(message({}), 5000, 1025)).toEqual({ kind: 'flying', at: 0.5 });
		expect(phase(message({ sentAt: 990, arriveAt: 1000 }), 5000, 1025)).toBeUndefined();
	});

	it('shows a dropped message once, in the frame after it was sent', () => {
		const lost = message({ arriveAt: -1 });
		expect(phase(lost, 990, 1016)).toEqual({ kind: 'dropped' });
		expect(phase(lost, 1016, 1032)).toBeUndefined();
	});

	it('at 10× speed, every message the managers send shows in some frame', () => {
		const lab = createLab({ flavor: 'swarm', managers: 5, workers: 0, seed: 3 });
		lab.exec('sim latency 50ms');
		lab.exec('sim node stop manager-1');
		lab.advance(0);
		// Ground truth: every message, seen by stepping 1 ms at a time through an election.
		const start = 12_000;
		lab.advance(start);
		const all = new Set<string>();
		const end = start + 3_000;
		for (let t = start; t < end; t++) {
			lab.advance(1);
			const raft = raftOf(lab.snapshot());
			for (const m of [...raft.messages, ...raft.recent]) {
				const left = m.arriveAt < 0 ? m.sentAt : m.arriveAt;
				if (m.sentAt > start && left <= end) all.add(messageKey(m));
			}
		}
		expect(all.size).toBeGreaterThan(10);

		// The widget at 10×: a frame every 16 ms of wall time is 160 ms of simulated time.
		lab.seek(start);
		const shown = new Set<string>();
		let prev = start;
		while (lab.now() < end) {
			lab.advance(160);
			const raft = raftOf(lab.snapshot());
			for (const m of [...raft.messages, ...raft.recent]) {
				if (phase(m, prev, lab.now()) !== undefined) shown.add(messageKey(m));
			}
			prev = lab.now();
		}
		const missing = [...all].filter((k) => !shown.has(k));
		expect(missing).toEqual([]);
	});
});

describe('partitioning by drag or by selection', () => {
	it('drags a member off the ring into a side of its own, and back to heal', () => {
		const lab = createLab({ flavor: 'swarm', managers: 5, workers: 0, seed: 1 });
		const layout = ringLayout(FIVE, raftOf(lab.snapshot()).partitions, 200, 200, 100);
		expect(dropTarget(layout, { x: 200, y: 200 + 100 * 1.6 })).toBe('new');
		const cut = moveMember(layout.sides, 'manager-4', 'new');
		const line = partitionLine(cut);
		expect(line).toBe('sim partition manager-1,manager-2,manager-3,manager-5 / manager-4');
		expect(lab.exec(line).ok).toBe(true);
		const raft = raftOf(lab.snapshot());
		expect(raft.partitions).toEqual(cut);

		// The new layout has two sides with a wall; dropping manager-4 by the others heals.
		const split = ringLayout(FIVE, raft.partitions, 200, 200, 100);
		expect(split.walls.length).toBe(2);
		const seat1 = split.seats.get('manager-1')!;
		const target = dropTarget(split, seat1);
		expect(target).toBe(split.seats.get('manager-1')!.side);
		const healed = moveMember(split.sides, 'manager-4', target as number);
		expect(partitionLine(healed)).toBe('sim heal');
		expect(lab.exec('sim heal').ok).toBe(true);
		expect(raftOf(lab.snapshot()).partitions).toEqual([]);
	});

	it('a drop near the middle changes nothing', () => {
		const layout = ringLayout(FIVE, [], 200, 200, 100);
		expect(dropTarget(layout, { x: 205, y: 195 })).toBeUndefined();
	});
});

describe('timers and logs', () => {
	it("a follower's election timer runs down with no leader and restarts on a heartbeat", () => {
		const lab = createLab({ flavor: 'swarm', managers: 3, workers: 0, seed: 2 });
		lab.advance(0);
		lab.advance(1_500); // the 1 s heartbeat has arrived
		const follower = () => raftOf(lab.snapshot()).members.find((m) => m.name === 'manager-2')!;
		const fresh = timerLeft(follower(), lab.now())!;
		expect(fresh).toBeGreaterThan(0.9);
		lab.exec('sim node stop manager-1');
		lab.advance(5_000);
		const later = timerLeft(follower(), lab.now())!;
		expect(later).toBeLessThan(fresh - 0.2);
		expect(timerLeft(raftOf(lab.snapshot()).members[0]!, lab.now())).toBeUndefined();
	});

	it('marks entries committed only up to each member’s commit index, newest window first', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3, workers: 0, seed: 2 });
		lab.advance(0);
		lab.exec('sim latency 50ms');
		for (let i = 0; i < 40; i++) lab.exec(`sim raft propose w${i}`);
		// The leader has appended them; no follower has acknowledged yet.
		let members = raftOf(lab.snapshot()).members;
		const leader = members.find((m) => m.role === 'leader')!;
		const { first, last } = logWindow(members, 12);
		expect(last).toBe(leader.lastLogIndex);
		expect(first).toBe(last - 11);
		expect(entryAt(leader, last)?.data).toBe('w39');
		expect(entryAt(leader, last)?.committed).toBe(false);
		expect(
			entryAt(
				members.find((m) => m.role === 'follower')!,
				last
			)
		).toBeUndefined();

		lab.advance(3_000);
		members = raftOf(lab.snapshot()).members;
		for (const m of members) {
			expect(entryAt(m, last)?.committed, m.name).toBe(true);
			expect(entryAt(m, last)?.term).toBe(leader.term);
		}
		expect(logWindow(members, 100).first).toBe(last - 31);
	});
});
