/**
 * Random fault schedules for a Raft group: crashes and restarts, partitions (including one that
 * cuts the leader off in a minority), loss, delay, duplication, reordering and client writes,
 * each followed by some time. Steps are data; they become `sim …` lines as they run, because a
 * line like "stop the leader" depends on the state at that moment.
 */
import fc from 'fast-check';
import { formatGoDuration } from '../../../src/engine/commands/durations';
import type { RaftHarness } from './harness';

export type Action =
	| { op: 'stop' | 'start'; i: number }
	| { op: 'partition'; sides: boolean[] }
	| { op: 'isolate-leader' }
	| { op: 'heal' }
	| { op: 'loss'; pct: number }
	| { op: 'latency'; share: number }
	| { op: 'duplicate'; pct: number }
	| { op: 'reorder'; share: number }
	| { op: 'write'; count: number }
	| { op: 'member'; add: boolean; i: number };

/** One step: an action, then time passing, as a share (%) of the minimum election timeout. */
export interface Step {
	action: Action;
	advance: number;
}

export function stepArbitrary(members: number): fc.Arbitrary<Step> {
	const i = fc.integer({ min: 0, max: members - 1 });
	const action: fc.Arbitrary<Action> = fc.oneof(
		{ arbitrary: fc.record({ op: fc.constant('stop' as const), i }), weight: 3 },
		{ arbitrary: fc.record({ op: fc.constant('start' as const), i }), weight: 3 },
		{
			arbitrary: fc.record({
				op: fc.constant('partition' as const),
				sides: fc.array(fc.boolean(), { minLength: members, maxLength: members })
			}),
			weight: 2
		},
		{ arbitrary: fc.constant({ op: 'isolate-leader' as const }), weight: 2 },
		{ arbitrary: fc.constant({ op: 'heal' as const }), weight: 3 },
		{
			arbitrary: fc.record({
				op: fc.constant('loss' as const),
				pct: fc.constantFrom(0, 0, 5, 20, 50)
			}),
			weight: 1
		},
		{
			arbitrary: fc.record({
				op: fc.constant('latency' as const),
				share: fc.constantFrom(1, 5, 20, 60)
			}),
			weight: 1
		},
		{
			arbitrary: fc.record({
				op: fc.constant('duplicate' as const),
				pct: fc.constantFrom(0, 10, 40)
			}),
			weight: 1
		},
		{
			arbitrary: fc.record({
				op: fc.constant('reorder' as const),
				share: fc.constantFrom(0, 10, 50)
			}),
			weight: 1
		},
		{
			arbitrary: fc.record({
				op: fc.constant('write' as const),
				count: fc.integer({ min: 1, max: 3 })
			}),
			weight: 6
		},
		{
			arbitrary: fc.record({
				op: fc.constant('member' as const),
				add: fc.boolean(),
				i: fc.integer({ min: 0, max: members })
			}),
			weight: 1
		}
	);
	return fc.record({ action, advance: fc.integer({ min: 2, max: 500 }) });
}

/** The `sim …` lines for one action given the harness's state now (none when it is a no-op). */
export function linesFor(h: RaftHarness, action: Action): string[] {
	const names = h.names;
	const unit = h.preset.electionMinMs;
	const share = (pct: number) => formatGoDuration(Math.max(0, Math.round((unit * pct) / 100)));
	switch (action.op) {
		case 'stop':
			return h.isUp(names[action.i]!) ? [`sim node stop ${names[action.i]}`] : [];
		case 'start':
			return h.isUp(names[action.i]!) ? [] : [`sim node start ${names[action.i]}`];
		case 'partition': {
			const a = names.filter((_, i) => action.sides[i]);
			const b = names.filter((_, i) => !action.sides[i]);
			return a.length === 0 || b.length === 0
				? []
				: [`sim partition ${a.join(',')} / ${b.join(',')}`];
		}
		case 'isolate-leader': {
			const leader = h.group.leader();
			if (leader === undefined) return [];
			return [`sim partition ${leader} / ${names.filter((n) => n !== leader).join(',')}`];
		}
		case 'heal':
			return ['sim heal'];
		case 'loss':
			return [`sim loss ${action.pct}%`];
		case 'latency':
			return [`sim latency ${share(action.share)}`];
		case 'duplicate':
			return [`sim raft duplicate ${action.pct}%`];
		case 'reorder':
			return [`sim raft reorder ${share(action.share)}`];
		case 'write':
			return Array.from({ length: action.count }, () => '');
		case 'member': {
			// Harness-only lines: a lab changes membership through docker node promote/demote.
			const name = [...names, h.spare][action.i]!;
			return [`sim raft ${action.add ? 'add' : 'remove'} ${name}`];
		}
	}
}

/**
 * Runs a schedule, checking the safety properties after every line; returns the first
 * violation with the replayable script, or null.
 */
export function runSchedule(h: RaftHarness, steps: readonly Step[]): string | null {
	for (const step of steps) {
		for (const line of linesFor(h, step.action)) {
			if (line === '') h.write();
			else h.run(line);
			const v = h.checker.check();
			if (v !== null) return `${v}\n${h.script()}`;
		}
		const ms = Math.max(1, Math.round((h.preset.electionMinMs * step.advance) / 100));
		h.run(`sim advance ${formatGoDuration(ms)}`);
		const v = h.checker.check();
		if (v !== null) return `${v}\n${h.script()}`;
	}
	return null;
}
