// Determinism and time travel (design.md §2): the Swarm control plane's private state is in the
// checkpoints, so seeking back and forth gives the same lab as running straight through.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

function script(lab: Lab): void {
	succeeds(lab, 'docker service create --name web --replicas 4 -p 8080:80 nginx:1.27');
	lab.advance(25_000);
	succeeds(lab, 'docker service update -d --image nginx:2.0 --update-parallelism 2 web');
	lab.advance(15_000);
	succeeds(lab, 'sim node stop worker-2');
	lab.advance(30_000);
	succeeds(lab, 'docker service rollback -d web');
	lab.advance(40_000);
}

describe('swarm time travel', () => {
	it('same seed and lines give the same trace; seek back and forth reproduces every snapshot', () => {
		const a = createLab({ flavor: 'swarm', seed: 9, workers: 3 });
		const b = createLab({ flavor: 'swarm', seed: 9, workers: 3 });
		script(a);
		script(b);
		expect(a.traceHash()).toBe(b.traceHash());
		const end = a.now();
		const finalSnapshot = JSON.stringify(a.snapshot());
		const ps = succeeds(a, 'docker service ps web').output;
		expect(a.snapshot().tasks!.length).toBeGreaterThan(4);

		const mid = JSON.stringify((b.seek(33_000), b.snapshot()));
		a.seek(12_000);
		expect(a.snapshot().tasks!.every((t) => t.service === 'web')).toBe(true);
		a.seek(33_000);
		expect(JSON.stringify(a.snapshot())).toBe(mid);
		a.seek(end);
		expect(JSON.stringify(a.snapshot())).toBe(finalSnapshot);
		expect(succeeds(a, 'docker service ps web').output).toBe(ps);
		b.seek(end);
		expect(a.traceHash()).toBe(b.traceHash());
	});
});
