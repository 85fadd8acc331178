import { describe, expect, it } from 'vitest';
import '../../src/engine/index';
import type { Lab } from '../../src/engine/types';
import { scenarioLab } from '../../src/viz/scenario-lab';

/** The raft-election widget's lab: five swarm managers, set up as the page does. */
function raftLab(): Lab {
	return scenarioLab('raft-election', 'swarm');
}

describe('lab.nextEventAt(): when the lab next has something to run', () => {
	it('is in the future, and nothing happens before it', () => {
		const lab = raftLab();
		lab.advance(20_000);
		for (let i = 0; i < 50; i++) {
			const next = lab.nextEventAt();
			expect(next).toBeGreaterThan(lab.now());
			const hash = lab.traceHash();
			const members = JSON.stringify(lab.snapshot().raft?.members);
			lab.advance(next - 1 - lab.now());
			expect(lab.traceHash()).toBe(hash);
			expect(JSON.stringify(lab.snapshot().raft?.members)).toBe(members);
			lab.advance(1);
		}
	});

	it('stepping from event to event gives the lab a straight run gives', () => {
		const stepped = raftLab();
		while (stepped.nextEventAt() <= 30_000) stepped.advance(stepped.nextEventAt() - stepped.now());
		stepped.advance(30_000 - stepped.now());
		const straight = raftLab();
		straight.advance(30_000);
		expect(stepped.traceHash()).toBe(straight.traceHash());
		expect(stepped.snapshot()).toEqual(straight.snapshot());
	});

	it('after a seek back, counts a recorded line ahead as due', () => {
		const lab = raftLab();
		lab.advance(5_000);
		expect(lab.exec('sim node stop manager-1').ok).toBe(true);
		lab.advance(5_000);
		lab.seek(4_000);
		expect(lab.nextEventAt()).toBeLessThanOrEqual(5_000);
		// Stepping there replays the line, as a straight run would have.
		while (lab.nextEventAt() <= 5_000) lab.advance(lab.nextEventAt() - lab.now());
		expect(lab.snapshot().raft?.members.find((m) => m.name === 'manager-1')?.role).toBe('stopped');
	});
});
