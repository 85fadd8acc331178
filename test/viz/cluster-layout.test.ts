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
	cardLayout,
	chooseRenderer,
	groupUnits,
	maxPodsPerNode,
	nodeButtonFit,
	svgElementCount,
	tileAt,
	tileGlyphs,
	tileLayout,
	tilePosition
} from '../../src/viz/views/cluster-layout';
import { clusterSummary } from '../../src/viz/views/cluster-summary';
import { CLUSTER_TEXT } from '../../src/viz/views/cluster-text';

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

describe('the cards’ Stop/Start buttons', () => {
	const SWARM = ['manager-1', 'worker-1', 'worker-2', 'worker-3'];
	const HA = [
		'control-plane-1',
		'control-plane-2',
		'control-plane-3',
		'node-1',
		'node-2',
		'node-3'
	];
	/** The lab's width in a lesson at 390 px (two cards of 156 px), and in the 1280 px embed. */
	const PHONE = cardLayout(324, 4, 1).cardWidth;
	const EMBED = cardLayout(1000, 6, 1).cardWidth;

	it('on a phone show an icon and the whole name, which tell the nodes apart', () => {
		// Truncated, `Stop worker-1` and `Stop worker-2` both read `Stop worke…`.
		expect(nodeButtonFit(PHONE, SWARM, CLUSTER_TEXT.en.verb)).toEqual({
			compact: true,
			namePx: 14
		});
		// control-plane-1 is set smaller to fit, never below 11 px.
		const ha = nodeButtonFit(PHONE, HA, CLUSTER_TEXT.en.verb);
		expect(ha.compact).toBe(true);
		expect(ha.namePx).toBeGreaterThanOrEqual(11);
		expect(ha.namePx).toBeLessThan(14);
		expect(nodeButtonFit(PHONE, SWARM, CLUSTER_TEXT.zh.verb).compact).toBe(true);
	});

	it('say the verb where the card has room: Start control-plane-1 in the 1280 px embed', () => {
		expect(nodeButtonFit(EMBED, HA, CLUSTER_TEXT.en.verb)).toEqual({ compact: false, namePx: 14 });
		expect(nodeButtonFit(EMBED, HA, CLUSTER_TEXT.zh.verb).compact).toBe(false);
	});

	it('never lose the verb on a wider card, and one long name makes every button compact', () => {
		fc.assert(
			fc.property(fc.integer({ min: 128, max: 600 }), fc.nat(80), (width, more) => {
				const narrow = nodeButtonFit(width, HA, CLUSTER_TEXT.en.verb);
				const wide = nodeButtonFit(width + more, HA, CLUSTER_TEXT.en.verb);
				if (!narrow.compact) expect(wide.compact).toBe(false);
				expect(wide.namePx).toBeGreaterThanOrEqual(narrow.namePx);
				const one = nodeButtonFit(width, ['node-1'], CLUSTER_TEXT.en.verb);
				if (one.compact) expect(narrow.compact).toBe(true);
			})
		);
	});
});

describe('pods not scheduled yet', () => {
	const unit = (namespace: string, name: string, id?: string): UnitView => ({
		name,
		namespace,
		...(id !== undefined ? { id } : {}),
		status: 'Pending',
		ready: false,
		restarts: 0
	});

	it('are listed as kubectl get pods lists them: by namespace/name, byte by byte', () => {
		const pods = [
			unit('default', 'web-2'),
			unit('default', 'web-10'),
			unit('a', 'x'),
			unit('a-b', 'y')
		];
		// The API's list order is its storage keys' (…/pods/NAMESPACE/NAME): '-' sorts before '/'.
		expect(groupUnits(pods).unscheduled.map((u) => `${u.namespace}/${u.name}`)).toEqual([
			'a-b/y',
			'a/x',
			'default/web-10',
			'default/web-2'
		]);
	});

	it('are listed, in a swarm, as docker service ps lists tasks: names in natural order', () => {
		const lab = createLab({ flavor: 'swarm', seed: 3 });
		const created = lab.exec(
			'docker service create -d --name web --replicas 12 --constraint node.labels.zone==moon nginx:1.27'
		);
		expect(created.ok).toBe(true);
		lab.advance(5_000);
		const pending = groupUnits(lab.snapshot().units).unscheduled.map((u) => u.name);
		expect(pending).toEqual(Array.from({ length: 12 }, (_, i) => `web.${i + 1}`));
		// The snapshot lists them by task ID: the view, not the engine, puts them in order.
		const tasks = [unit('', 'web.10', 'b'), unit('', 'web.2', 'a'), unit('', 'web.1', 'c')];
		expect(groupUnits(tasks).unscheduled.map((u) => u.name)).toEqual(['web.1', 'web.2', 'web.10']);
	});
});
