/** Step for the side-by-side widget: both labs land on the earliest next event, on one clock. */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../src/engine/index';
import type { Flavor } from '../../src/engine/types';
import { scenarioLab } from '../../src/viz/scenario-lab';
import { stepTogether } from '../../src/viz/widgets/step-together';

const lab = (flavor: Flavor) => scenarioLab('node-failure-both', flavor);

describe('stepTogether', () => {
	it('stops both labs at the earliest next event of either, so their clocks stay equal', () => {
		const labs = [lab('kubernetes'), lab('swarm')];
		labs[0]!.exec('sim node stop node-2');
		labs[1]!.exec('sim node stop worker-2');
		const seen: number[] = [];
		for (let i = 0; i < 8; i++) {
			const from = labs[0]!.now();
			const t = stepTogether(labs);
			expect(t).toBeDefined();
			expect(t!).toBeGreaterThan(from);
			expect(labs.map((l) => l.now())).toEqual([t, t]);
			// No event of either lab lies strictly between the two stops.
			for (const l of labs) {
				expect(l.events(from + 1).filter((e) => e.t < t!)).toEqual([]);
			}
			expect(labs.some((l) => l.events(t).some((e) => e.t === t))).toBe(true);
			seen.push(t!);
		}
		// The swarm worker is Down (about 15 s) long before Kubernetes' 50 s grace ends.
		const downAt = labs[1]!.events().find((e) => e.kind === 'swarm.node.down')?.t;
		expect(downAt).toBeDefined();
		expect(seen).toContain(downAt);
	});

	it('answers undefined after ten quiet minutes, with both clocks back where they were', () => {
		const quiet = [
			createLab({ flavor: 'kubernetes', workers: 0 }),
			createLab({ flavor: 'swarm', workers: 0 })
		];
		quiet.forEach((l) => l.advance(60_000));
		expect(stepTogether(quiet)).toBeUndefined();
		expect(quiet.map((l) => l.now())).toEqual([60_000, 60_000]);
	});
});
