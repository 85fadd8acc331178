/**
 * A bare Raft group on a kernel, driven by the same `sim …` lines a lab takes, so that a failing
 * fault schedule prints as a script anyone can paste back into `replay`.
 */
import { Kernel } from '../../../src/engine/core/kernel';
import { parseDuration } from '../../../src/engine/commands/durations';
import type { RaftPreset } from '../../../src/engine/raft/defaults';
import { RaftGroup, type RaftGroupOptions } from '../../../src/engine/raft/group';
import { SafetyChecker } from './safety';

export type GroupClass = new (kernel: Kernel, options: RaftGroupOptions) => RaftGroup;

export class RaftHarness {
	readonly kernel: Kernel;
	readonly group: RaftGroup;
	readonly names: string[];
	/** A server outside the initial configuration, for membership changes. */
	readonly spare: string;
	readonly checker: SafetyChecker;
	readonly lines: string[] = [];
	private writes = 0;

	constructor(
		members: number,
		readonly preset: RaftPreset,
		readonly seed = 1,
		Group: GroupClass = RaftGroup,
		maxEntriesPerMessage?: number
	) {
		this.kernel = new Kernel(seed, { latencyMs: 5, jitterMs: 5, loss: 0 });
		this.names = Array.from({ length: members }, (_, i) => `manager-${i + 1}`);
		this.spare = `manager-${members + 1}`;
		this.group = new Group(this.kernel, {
			name: 'test',
			members: this.names,
			preset,
			bootstrapLeader: null,
			maxEntriesPerMessage
		});
		this.checker = new SafetyChecker(this.group);
		this.group.observer = this.checker;
	}

	isUp(name: string): boolean {
		return this.kernel.network.isHostUp(name);
	}

	/** Runs one line; throws on a line the harness does not know (a bug in the test). */
	run(line: string): void {
		this.lines.push(line);
		const w = line.split(/\s+/);
		const k = this.kernel;
		const net = k.network;
		const pct = (s: string) => Number(s.replace('%', '')) / 100;
		const ms = (s: string) => {
			const d = parseDuration(s);
			if (!d.ok) throw new Error(d.error);
			return d.ms;
		};
		if (w[0] !== 'sim') throw new Error(`not a sim line: ${line}`);
		if (w[1] === 'advance') k.runUntil(k.now + ms(w[2]!));
		else if (w[1] === 'node' && w[2] === 'stop') {
			net.setHostUp(w[3]!, false);
			this.group.crash(w[3]!);
		} else if (w[1] === 'node' && w[2] === 'start') {
			net.setHostUp(w[3]!, true);
			this.group.restart(w[3]!);
		} else if (w[1] === 'partition') {
			net.partition(
				line
					.slice('sim partition '.length)
					.split('/')
					.map((g) => g.trim().split(','))
			);
		} else if (w[1] === 'heal') net.heal();
		else if (w[1] === 'loss') net.configure({ loss: pct(w[2]!) });
		else if (w[1] === 'latency') net.configure({ latencyMs: ms(w[2]!) });
		else if (w[1] === 'raft' && w[2] === 'duplicate')
			this.group.setFaults({ duplicate: pct(w[3]!) });
		else if (w[1] === 'raft' && w[2] === 'reorder') this.group.setFaults({ reorderMs: ms(w[3]!) });
		else if (w[1] === 'raft' && w[2] === 'propose') this.group.propose(w[3]!);
		// Harness only: a lab changes membership through `docker node promote|demote|rm`.
		else if (w[1] === 'raft' && w[2] === 'add') this.group.addMember(w[3]!);
		else if (w[1] === 'raft' && w[2] === 'remove') this.group.removeMember(w[3]!);
		else throw new Error(`unknown line: ${line}`);
	}

	/**
	 * Runs time 1 ms at a time until `done` holds (or `maxMs` passed) and records it as one
	 * `sim advance` line: the queue runs the same entries whichever way time is cut.
	 */
	advanceUntil(done: () => boolean, maxMs = 10_000): boolean {
		const start = this.kernel.now;
		while (!done() && this.kernel.now - start < maxMs) this.kernel.runUntil(this.kernel.now + 1);
		this.lines.push(`sim advance ${this.kernel.now - start}ms`);
		return done();
	}

	/** A fresh client write (`w1`, `w2`, …): unique data makes differing entries visible. */
	write(): void {
		this.run(`sim raft propose w${++this.writes}`);
	}

	/** The lines run so far, as a script with the options needed to replay it. */
	script(): string {
		const head = `# replay: new RaftHarness(${this.names.length}, PRESETS.${this.preset.name}, ${this.seed}) then run each line`;
		return [head, ...this.lines].join('\n');
	}
}
