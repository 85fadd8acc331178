/**
 * The cluster view's shared layout maths and its summary sentence: which renderer a cluster
 * gets, that tiles fit the width and a click finds the tile under it, and that the canvas's
 * accessible name counts what a headless lab holds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createLab } from '../../src/engine/index';
import type { NodeView, UnitView } from '../../src/engine/types';
import {
	CANVAS_ABOVE,
	chooseRenderer,
	groupUnits,
	maxPodsPerNode,
	svgElementCount,
	tileAt,
	tileGlyphs,
	tileLayout,
	tilePosition
} from '../../src/viz/views/cluster-layout';
import { clusterSummary } from '../../src/viz/views/cluster-summary';

function labWith(workers: number, replicas: number) {
	const lab = createLab({ flavor: 'kubernetes', seed: 11, workers });
	lab.exec(`kubectl create deployment web --image=nginx --replicas=${replicas}`);
	lab.advance(0);
	return lab;
}

describe('which renderer', () => {
	it('keeps 100 nodes × 10 pods on SVG and puts 150 × 10 on the canvas', () => {
		const small = labWith(100, 1000).snapshot();
		const smallCount = svgElementCount(small.nodes, groupUnits(small.units).byNode);
		expect(smallCount).toBeLessThanOrEqual(CANVAS_ABOVE);
		expect(chooseRenderer(smallCount, 'svg')).toBe('svg');

		const big = labWith(150, 1500).snapshot();
		const bigCount = svgElementCount(big.nodes, groupUnits(big.units).byNode);
		expect(chooseRenderer(bigCount, 'svg')).toBe('canvas');
	}, 60_000);

	it('does not flip back to SVG just below the threshold', () => {
		expect(chooseRenderer(CANVAS_ABOVE - 10, 'canvas')).toBe('canvas');
		expect(chooseRenderer(CANVAS_ABOVE - 10, 'svg')).toBe('svg');
		expect(chooseRenderer(100, 'canvas')).toBe('svg');
	});
});

describe('tile layout', () => {
	it('fits the width, and a point inside a tile finds that tile', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 300, max: 2400 }),
				fc.integer({ min: 1, max: 600 }),
				fc.integer({ min: 0, max: 110 }),
				fc.nat(),
				(width, nodes, pods, pick) => {
					const layout = tileLayout(width, nodes, pods);
					expect(layout.width).toBeLessThanOrEqual(width);
					const i = pick % nodes;
					const { x, y } = tilePosition(layout, i);
					expect(tileAt(layout, nodes, x + layout.tileWidth / 2, y + layout.tileHeight / 2)).toBe(
						i
					);
					// The gap after a tile belongs to no tile.
					expect(tileAt(layout, nodes, x + layout.tileWidth + 2, y + 1)).toBe(-1);
					const { shown, more } = tileGlyphs(layout, pods);
					expect(shown + more).toBe(pods);
					expect(shown).toBeLessThanOrEqual(layout.podColumns * layout.podRows);
				}
			)
		);
	});

	it('shows every pod of 500 × 20 as a glyph at 1,280 px and at 360 px', () => {
		const snapshot = labWith(500, 10_000).snapshot();
		const most = maxPodsPerNode(groupUnits(snapshot.units).byNode);
		for (const width of [1280, 360]) {
			const layout = tileLayout(width, snapshot.nodes.length, most);
			expect(tileGlyphs(layout, most).more).toBe(0);
		}
	}, 60_000);
});

describe('summary sentence', () => {
	it('counts nodes and pods as the lab holds them, after a node stops', () => {
		const lab = labWith(20, 200);
		lab.exec('sim node stop node-3');
		lab.advance(7 * 60_000);
		const { nodes, units } = lab.snapshot();
		const text = clusterSummary(nodes, units, 'en');
		const count = <T>(xs: readonly T[], f: (x: T) => boolean) => xs.filter(f).length;
		expect(text).toContain(`${nodes.length} nodes: `);
		expect(text).toContain(`${count(nodes, (n: NodeView) => n.status === 'NotReady')} NotReady`);
		expect(text).toContain(`${count(nodes, (n: NodeView) => !n.running)} powered off`);
		expect(text).toContain(`${units.length} pods: `);
		for (const status of new Set(units.map((u) => u.status))) {
			const n = count(units, (u: UnitView) => u.status === status);
			expect(text).toContain(`${n.toLocaleString('en')} ${status}`);
		}
		expect(clusterSummary(nodes, units, 'zh')).toContain(`${nodes.length} 个节点`);
	}, 60_000);
});
