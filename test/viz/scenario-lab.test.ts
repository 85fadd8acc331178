/**
 * Every scenario a lesson or an embed can name builds on each of its flavours: each set-up line
 * works (a failed line would leave the learner a lab that is not the one the lesson describes),
 * and the lab has the scenario's machines.
 */
import { describe, expect, it } from 'vitest';
import '../../src/engine/index';
import type { ExecResult } from '../../src/engine/types';
import { scenarioLab } from '../../src/viz/scenario-lab';
import { SCENARIO_IDS, scenario } from '../../src/viz/scenarios';

describe('scenarioLab', () => {
	for (const id of SCENARIO_IDS) {
		for (const flavor of scenario(id).flavors) {
			it(`${id} on ${flavor}: every set-up line works`, () => {
				const failed: { line: string; result: ExecResult }[] = [];
				const lab = scenarioLab(id, flavor, undefined, (line, result) => {
					if (!result.ok) failed.push({ line, result });
				});
				expect(failed).toEqual([]);
				const found = scenario(id);
				// Machines with Docker but no swarm yet are nobody's nodes until `docker swarm init`.
				const machines =
					found.swarm === 'uninitialized' && flavor === 'swarm'
						? 0
						: found.workers + (found.managers ?? 1);
				expect(lab.snapshot().nodes).toHaveLength(machines);
			});
		}
	}

	it('takes another seed, as a shared URL may', () => {
		const a = scenarioLab('node-failure', 'kubernetes', 1);
		const b = scenarioLab('node-failure', 'kubernetes', 1);
		const c = scenarioLab('node-failure', 'kubernetes', 2);
		expect(a.traceHash()).toBe(b.traceHash());
		a.advance(60_000);
		c.advance(60_000);
		expect(a.traceHash()).not.toBe(c.traceHash());
	});
});
