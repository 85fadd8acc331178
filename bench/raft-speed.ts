/**
 * `node --expose-gc --import tsx bench/raft-speed.ts [--json]`: the Raft group's speed with time
 * travel on. Five members, one-way latency 10–15 ms, election timeout 100–200 ms, heartbeat
 * 50 ms; checkpoints every 10 simulated seconds as createLab takes them (kernel.save()).
 *
 *  (a) 300 simulated seconds at rest: simulated seconds per wall second (goal ≥ 1,000);
 *  (b) 60 simulated seconds with a client write every 100 ms and the leader restarted every 3 s:
 *      memory kept by the checkpoints (goal ≤ 100 MB), then `seek` to random moments — restore
 *      the checkpoint at or before the moment and run forward — in wall ms (goal ≤ 50 ms each).
 * Figures only; nothing fails on time.
 */
import { Kernel, type KernelState } from '../src/engine/core/kernel';
import { customPreset } from '../src/engine/raft/defaults';
import { RaftGroup } from '../src/engine/raft/group';
import { gc, heapMb, report, wallMs } from './report';

const CHECKPOINT_MS = 10_000;
const MEMBERS = ['raft-1', 'raft-2', 'raft-3', 'raft-4', 'raft-5'];
const PRESET = customPreset({
	name: 'bench 100–200ms',
	tickMs: 1,
	heartbeatMs: 50,
	electionMinMs: 100,
	electionMaxMs: 200,
	preVote: false,
	checkQuorum: false,
	etcdRaftTimers: false
});

interface Bench {
	kernel: Kernel;
	group: RaftGroup;
	checkpoints: KernelState[];
}

/** A kernel and group; with `load`, a client write every 100 ms and a leader restart every 3 s. */
function build(load: boolean): Bench {
	// jitter draws uniform [0, 6) whole ms: one-way 10–15 ms.
	const kernel = new Kernel(7, { latencyMs: 10, jitterMs: 6, loss: 0 });
	const group = new RaftGroup(kernel, { name: 'bench', members: MEMBERS, preset: PRESET });
	if (load) {
		// The workload lives in the queue, so checkpoints restore it with everything else.
		let writes = 0;
		kernel.on('bench.write', () => {
			group.propose(`write ${++writes}`);
			kernel.after(100, 'bench.write');
		});
		kernel.on('bench.restart', () => {
			const leader = group.leader();
			if (leader !== undefined) {
				group.crash(leader);
				group.restart(leader);
			}
			kernel.after(3000, 'bench.restart');
		});
		kernel.at(100, 'bench.write');
		kernel.at(3000, 'bench.restart');
	}
	return { kernel, group, checkpoints: [] };
}

function runTo(b: Bench, target: number): void {
	for (;;) {
		const last = b.checkpoints[b.checkpoints.length - 1]?.now ?? -CHECKPOINT_MS;
		const next = last + CHECKPOINT_MS;
		if (next > target) break;
		b.kernel.runUntil(next);
		b.checkpoints.push(b.kernel.save()!);
	}
	b.kernel.runUntil(target);
}

function seek(b: Bench, t: number): void {
	let i = b.checkpoints.length - 1;
	while (i > 0 && b.checkpoints[i]!.now > t) i--;
	b.kernel.load(b.checkpoints[i]!);
	b.kernel.runUntil(t);
}

// (a) speed at rest
{
	const b = build(false);
	runTo(b, 5_000); // warm up the JIT and elect a leader
	const t0 = wallMs();
	runTo(b, 305_000);
	const wall = wallMs() - t0;
	report('Raft, 5 members, 300 simulated s: wall time', wall / 1000, 's');
	report('Raft: simulated seconds per wall second', 300 / (wall / 1000), 'x');
	report('Raft: queue events per simulated second', b.kernel.processed / 305, 'events');
}

// (b) memory and seek under load
{
	gc();
	const before = heapMb();
	const b = build(true);
	runTo(b, 60_000);
	gc();
	const kept = heapMb() - before;
	report('Raft under load, 60 simulated s: heap kept', kept, 'MB');
	report(
		'Raft under load: leader terms reached',
		Math.max(...b.group.list().map((m) => m.currentTerm)),
		'terms'
	);
	report(
		'Raft under load: leader log length',
		Math.max(...b.group.list().map((m) => m.log.length)),
		'entries'
	);
	const random = b.kernel.rng.stream('bench/seek');
	for (let i = 0; i < 5; i++) seek(b, Math.floor(random.next() * 60_000)); // warm up
	const times: number[] = [];
	for (let i = 0; i < 50; i++) {
		const t = Math.floor(random.next() * 60_000);
		const t0 = wallMs();
		seek(b, t);
		times.push(wallMs() - t0);
	}
	times.sort((x, y) => x - y);
	report('Raft under load: seek to a random moment, median', times[25]!, 'ms');
	report('Raft under load: seek to a random moment, worst', times[times.length - 1]!, 'ms');
}
