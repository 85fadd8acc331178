import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createLab, type Lab } from '../../src/engine/index';

const SCRIPT = [
	'sim node stop node-2',
	'sim advance 2m',
	'kubectl get nodes',
	'sim node start node-2',
	'sim advance 1m',
	'sim partition node-1 / control-plane',
	'sim advance 90s',
	'sim heal',
	'sim advance 30s'
];

function run(lines: readonly string[], seed = 42): { lab: Lab; outputs: string[] } {
	const lab = createLab({ seed });
	const outputs = lines.map((l) => {
		const r = lab.exec(l);
		return r.output + (r.error ?? '');
	});
	return { lab, outputs };
}

/** Everything a consumer can observe about a lab at its current time. */
function observe(lab: Lab) {
	return {
		now: lab.now(),
		hash: lab.traceHash(),
		snapshot: JSON.stringify(lab.snapshot()),
		nodes: lab.exec('kubectl get nodes -o json').output,
		events: JSON.stringify(lab.events())
	};
}

describe('createLab', () => {
	it('names nodes as the design says', () => {
		expect(
			createLab()
				.snapshot()
				.nodes.map((n) => n.name)
		).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
		expect(
			createLab({ managers: 3, workers: 2 })
				.snapshot()
				.nodes.map((n) => n.name)
		).toEqual(['control-plane-1', 'control-plane-2', 'control-plane-3', 'node-1', 'node-2']);
		expect(
			createLab({ flavor: 'swarm', managers: 3 })
				.snapshot()
				.nodes.map((n) => [n.name, n.role])
		).toEqual([
			['manager-1', 'manager'],
			['manager-2', 'manager'],
			['manager-3', 'manager'],
			['worker-1', 'worker'],
			['worker-2', 'worker']
		]);
	});

	it('refuses impossible shapes with a clear message', () => {
		expect(() => createLab({ workers: -1 })).toThrow(/workers/);
		expect(() => createLab({ managers: 0 })).toThrow(/managers/);
		expect(() => createLab({ seed: 1.5 })).toThrow(/seed/);
	});
});

describe('determinism', () => {
	it('gives the same trace hash and outputs for the same seed and script', () => {
		const a = run(SCRIPT);
		const b = run(SCRIPT);
		expect(a.lab.traceHash()).toBe(b.lab.traceHash());
		expect(a.outputs).toEqual(b.outputs);
	});

	it('gives another trace for another seed', () => {
		expect(run(SCRIPT, 1).lab.traceHash()).not.toBe(run(SCRIPT, 2).lab.traceHash());
	});
});

describe('time travel', () => {
	it('seek backwards restores exactly what a straight run had at that time', () => {
		// At 2m the straight run has also given the lines typed at 2m (seek(t) includes them).
		const straight = run(SCRIPT.slice(0, 4));
		const expected = observe(straight.lab);
		const travelled = run(SCRIPT);
		travelled.lab.seek(120_000);
		expect(observe(travelled.lab)).toEqual(expected);
	});

	it('replays an advance(0) between two lines typed at one instant', () => {
		// The widgets build a scenario this way: set-up lines, advance(0), then the learner's line.
		const live = () => {
			const lab = createLab({ seed: 7 });
			lab.exec('kubectl create deployment web --image=nginx --replicas=3');
			lab.advance(0);
			lab.exec('sim node stop node-1');
			return lab;
		};
		const straight = live();
		straight.advance(50);
		const travelled = live();
		travelled.advance(1_000);
		travelled.seek(50);
		expect(travelled.snapshot()).toEqual(straight.snapshot());
		expect(travelled.traceHash()).toBe(straight.traceHash());
	});

	it('seek forwards again replays the recorded lines', () => {
		const { lab } = run(SCRIPT);
		const end = observe(lab);
		lab.seek(10_000);
		lab.seek(end.now);
		expect(observe(lab)).toEqual(end);
	});

	it('agrees with a straight run at any time, for random seek sequences', () => {
		const full = run(SCRIPT).lab;
		const end = full.now();
		const reference = new Map<number, ReturnType<typeof observe>>();
		const at = (t: number) => {
			if (!reference.has(t)) {
				const fresh = createLab({ seed: 42 });
				// Replay the script with time capped at t: lines at or before t, then advance to t.
				let now = 0;
				for (const line of SCRIPT) {
					const m = /^sim advance (\d+)(m|s)$/.exec(line);
					if (m) {
						const ms = Number(m[1]) * (m[2] === 'm' ? 60_000 : 1000);
						const step = Math.min(ms, t - now);
						if (step > 0) fresh.advance(step);
						now += ms;
						if (now >= t) break;
					} else if (now <= t) fresh.exec(line);
				}
				if (fresh.now() < t) fresh.advance(t - fresh.now());
				reference.set(t, observe(fresh));
			}
			return reference.get(t)!;
		};
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: end }), { minLength: 1, maxLength: 4 }),
				(times) => {
					for (const t of times) {
						full.seek(t);
						expect(observe(full)).toEqual(at(t));
					}
				}
			),
			{ numRuns: 15 }
		);
	});

	it('a new action after seeking back forks history: the old future is gone', () => {
		const { lab } = run(SCRIPT);
		lab.seek(30_000);
		lab.exec('sim node stop node-3');
		lab.seek(400_000);
		const nodes = lab.snapshot().nodes;
		expect(nodes.find((n) => n.name === 'node-3')!.status).toBe('NotReady');
		// node-2 was stopped at 0 and the start at 2m is no longer in this history.
		expect(nodes.find((n) => n.name === 'node-2')!.running).toBe(false);
	});
});

describe('subscribe', () => {
	it('calls listeners after exec, advance and seek, until unsubscribed', () => {
		const lab = createLab();
		const times: number[] = [];
		const stop = lab.subscribe((s) => times.push(s.t));
		lab.exec('sim advance 5s');
		lab.advance(1000);
		lab.seek(2000);
		stop();
		lab.advance(1000);
		expect(times).toEqual([5000, 6000, 2000]);
	});

	it('hands out frozen snapshots', () => {
		const s = createLab().snapshot();
		expect(Object.isFrozen(s)).toBe(true);
		expect(Object.isFrozen(s.nodes[0])).toBe(true);
	});
});
