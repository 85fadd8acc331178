/**
 * The traffic view's geometry: from a 360 px phone to a wide page nothing overlaps or sticks
 * out, and a request's path ends where the request ended (its pod, or where it failed).
 */
import { describe, expect, it } from 'vitest';
import {
	ACROSS_MIN_WIDTH,
	edges,
	layoutFlow,
	pointAlong,
	requestPath,
	ROW_MIN_W,
	type Box
} from '../../src/viz/views/traffic-layout';

const ENTRIES = ['control-plane', 'node-1', 'node-2', 'node-3'];
const GROUPS = [
	{ node: 'node-1', rows: [{ key: 'a@node-1' }, { key: 'b@node-1' }] },
	{ node: 'node-2', rows: [{ key: 'c@node-2' }] },
	{ node: 'node-3', rows: [{ key: 'd@node-3' }, { key: 'e@node-3' }, { key: 'f@node-3' }] }
];

const overlaps = (a: Box, b: Box) =>
	a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

const inside = (inner: Box, outer: { width: number; height: number }) =>
	inner.x >= 0 &&
	inner.y >= 0 &&
	inner.x + inner.w <= outer.width &&
	inner.y + inner.h <= outer.height;

describe('layout', () => {
	for (const width of [360, 390, 480, 709, 710, 800, 1280]) {
		it(`at ${width} px: every box inside, no two boxes overlap`, () => {
			const l = layoutFlow(ENTRIES, GROUPS, width);
			expect(l.orientation).toBe(width >= ACROSS_MIN_WIDTH ? 'across' : 'down');
			expect(l.width).toBe(width);
			const boxes: Box[] = [l.client, ...l.entries, l.service, ...l.groups];
			for (const b of boxes) expect(inside(b, l), JSON.stringify(b)).toBe(true);
			for (let i = 0; i < boxes.length; i++)
				for (let j = i + 1; j < boxes.length; j++)
					expect(overlaps(boxes[i]!, boxes[j]!), `${i} ${j}`).toBe(false);
			// Rows sit inside their group, one under the other.
			for (const g of l.groups) {
				for (const r of g.rows)
					expect(r.x >= g.x && r.x + r.w <= g.x + g.w && r.y + r.h <= g.y + g.h).toBe(true);
				for (let i = 1; i < g.rows.length; i++)
					expect(g.rows[i]!.y).toBeGreaterThanOrEqual(g.rows[i - 1]!.y + g.rows[i - 1]!.h);
			}
			// Entry boxes wide enough for `control-plane` at 12–13 px (about 7.5 px a letter).
			for (const e of l.entries) expect(e.w).toBeGreaterThanOrEqual(110);
			for (const g of l.groups)
				for (const r of g.rows) expect(r.w).toBeGreaterThanOrEqual(ROW_MIN_W);
		});
	}

	it('with no backend yet, there is still room for the placeholder', () => {
		const l = layoutFlow(['node-1'], [], 800);
		expect(l.groups).toEqual([]);
		expect(l.height).toBeGreaterThan(0);
	});
});

describe('request paths', () => {
	for (const width of [360, 1000]) {
		it(`at ${width} px: answered ends at its row, failures where they failed`, () => {
			const l = layoutFlow(ENTRIES, GROUPS, width);
			const row = l.groups[2]!.rows[1]!;
			const ok = requestPath(l, 'node-2', row.key, 'answered');
			const end = ok[ok.length - 1]!;
			expect(end[0]).toBe(row.x);
			expect(end[1]).toBeGreaterThan(row.y);
			expect(end[1]).toBeLessThan(row.y + row.h);
			const entry = l.entries.find((e) => e.node === 'node-2')!;
			const unreachable = requestPath(l, 'node-2', undefined, 'entry');
			expect(unreachable[unreachable.length - 1]).toEqual([
				entry.x + entry.w / 2,
				entry.y + entry.h / 2
			]);
			const noEndpoints = requestPath(l, 'node-1', undefined, 'service');
			expect(noEndpoints[noEndpoints.length - 1]).toEqual([
				l.service.x + l.service.w / 2,
				l.service.y + l.service.h / 2
			]);
			// The path passes through the entry node the request entered at.
			const through = ok.some(
				([x, y]) => x >= entry.x && x <= entry.x + entry.w && y >= entry.y && y <= entry.y + entry.h
			);
			expect(through).toBe(true);
		});
	}

	it('one wire per entry each way and one per backend', () => {
		const l = layoutFlow(ENTRIES, GROUPS, 900);
		const keys = edges(l).map((e) => e.key);
		expect(keys).toHaveLength(ENTRIES.length * 2 + 6);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('pointAlong walks a polyline by length', () => {
		const p = [
			[0, 0],
			[10, 0],
			[10, 30]
		] as const;
		expect(pointAlong(p, 0)).toEqual([0, 0]);
		expect(pointAlong(p, 0.25)).toEqual([10, 0]);
		expect(pointAlong(p, 0.5)).toEqual([10, 10]);
		expect(pointAlong(p, 1)).toEqual([10, 30]);
		expect(pointAlong(p, 2)).toEqual([10, 30]);
	});
});
