/**
 * scenarioLabSteps builds a scenario's lab one step at a time (the cluster, each set-up line,
 * time 0) so that a page can give each step a task of its own (src/viz/embed/mount-in-slices.ts).
 * Built so, the lab is the very lab scenarioLab builds in one go: the same trace, now and after
 * a minute of play, or a lesson's lab would differ from what its text and the tests describe.
 */
import { describe, expect, it } from 'vitest';
import '../../src/engine/index';
import { scenarioLab, scenarioLabSteps } from '../../src/viz/scenario-lab';
import { SCENARIO_IDS, scenario } from '../../src/viz/scenarios';

describe('scenarioLabSteps', () => {
	for (const id of SCENARIO_IDS) {
		for (const flavor of scenario(id).flavors) {
			it(`${id} on ${flavor}: one step per set-up line and one for time 0, the same lab`, () => {
				const steps = scenarioLabSteps(id, flavor);
				let pauses = 0;
				let step = steps.next();
				while (!step.done) {
					pauses++;
					step = steps.next();
				}
				const lab = step.value;
				expect(pauses).toBe(scenario(id).setup[flavor].length + 1);
				const whole = scenarioLab(id, flavor);
				expect(lab.traceHash()).toBe(whole.traceHash());
				lab.advance(60_000);
				whole.advance(60_000);
				expect(lab.traceHash()).toBe(whole.traceHash());
			});
		}
	}
});
