import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mountStages } from '../../src/viz/embed/mount-stages';
import { EVENT_DRIVEN } from '../../src/viz/bridge/due';
import { VIEWS, type ViewName } from '../../src/viz/scenarios';

const frameDriven = (v: ViewName) => !EVENT_DRIVEN.includes(v);
/** Any non-empty set of views, in the widget's order (what parseEmbed returns). */
const viewSets = fc
	.subarray([...VIEWS], { minLength: 1 })
	.map((picked) => VIEWS.filter((v) => picked.includes(v)));

describe('mountStages (the /embed route mounts a lab’s views a few at a time)', () => {
	it('mounts all the views by the last step, each step adding to the one before', () => {
		fc.assert(
			fc.property(viewSets, (views) => {
				const stages = mountStages(views);
				expect(stages.at(-1)).toEqual(views);
				for (let i = 1; i < stages.length; i++) {
					expect(stages[i]!.length).toBeGreaterThan(stages[i - 1]!.length);
					for (const v of stages[i - 1]!) expect(stages[i]).toContain(v);
				}
			})
		);
	});

	it('starts with views that pace the player as the whole set does', () => {
		fc.assert(
			fc.property(viewSets, (views) => {
				const first = mountStages(views)[0]!;
				expect(first.some(frameDriven)).toBe(views.some(frameDriven));
			})
		);
	});

	it('adds the cluster view (its node cards) only at the last step', () => {
		fc.assert(
			fc.property(viewSets, (views) => {
				const stages = mountStages(views);
				for (const stage of stages.slice(0, -1)) expect(stage).not.toContain('cluster');
			})
		);
	});

	it('splits the default lab into one step a view', () => {
		const stages = mountStages(VIEWS);
		expect(stages).toHaveLength(VIEWS.length);
		expect(stages[0]).toEqual(['traffic']);
	});

	it('mounts a frame-driven view first, so the first step paces the player as the set does', () => {
		expect(mountStages(['cluster', 'traffic', 'console'])).toEqual([
			['traffic'],
			['traffic', 'console'],
			['cluster', 'traffic', 'console']
		]);
		expect(mountStages(['raft', 'console'])).toEqual([['raft'], ['raft', 'console']]);
	});

	it('mounts the cluster alone in one step (nothing to split)', () => {
		expect(mountStages(['cluster'])).toEqual([['cluster']]);
	});
});
