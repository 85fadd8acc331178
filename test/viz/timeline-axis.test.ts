import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scaleLinear } from 'd3-scale';
import { timeAxis } from '../../src/viz/widgets/timeline/axis';

describe('the timeline axis', () => {
	it('puts 0 at the left end, the end at the right end, and half-way in the middle', () => {
		const x = timeAxis(60_000, 10, 590);
		expect(x(0)).toBe(10);
		expect(x(60_000)).toBe(590);
		expect(x(30_000)).toBe(300);
	});

	it('places every time exactly where the d3 linear scale it replaces did', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 60_000, max: 10_000_000 }),
				fc.integer({ min: 11, max: 4000 }),
				fc.integer({ min: 0, max: 10_000_000 }),
				(end, right, t) => {
					const d3 = scaleLinear().domain([0, end]).range([10, right]);
					expect(timeAxis(end, 10, right)(t)).toBe(d3(t));
				}
			)
		);
	});
});
