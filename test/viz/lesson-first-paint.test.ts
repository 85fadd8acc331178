/**
 * A lesson's labs are drawn at build time from its `<LazyLab …/>` tags (lesson-labs.ts), and the
 * cluster's cards from the lab's snapshot at 00:00 (first-paint-cards.ts): every tag of every
 * lesson is read, an attribute the reader does not know fails the build, the key a tag gives is
 * the key the component computes from the same props, and the cards say what the live view says.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../src/engine/index';
import type { NodeView, UnitView } from '../../src/engine/types';
import { cardsHtml, FULL_CARDS_MAX_NODES } from '../../src/viz/embed/first-paint-cards';
import { escapeHtml } from '../../src/viz/html-escape';
import { firstPaintKey, lessonLabs } from '../../src/viz/embed/lesson-labs';
import { scenarioLab } from '../../src/viz/scenario-lab';
import { groupUnits } from '../../src/viz/views/cluster-layout';

const LESSONS = path.join(import.meta.dirname, '../../src/lessons');

/** Every lesson's and every exercise's markdown (src/lessons/exercises/{en,zh}). */
function lessonSources(): { file: string; source: string }[] {
	return ['en', 'zh', 'exercises/en', 'exercises/zh'].flatMap((dir) =>
		readdirSync(path.join(LESSONS, dir)).map((name) => ({
			file: `${dir}/${name}`,
			source: readFileSync(path.join(LESSONS, dir, name), 'utf8')
		}))
	);
}

describe('lessonLabs', () => {
	it('reads every lab of every lesson, as many as the lesson has tags', () => {
		for (const { file, source } of lessonSources()) {
			const tags = source.match(/<LazyLab\b/g)?.length ?? 0;
			expect(lessonLabs(source), file).toHaveLength(tags);
		}
	});

	it('reads the attributes the lessons use', () => {
		const [lab] = lessonLabs(
			`text\n<LazyLab scenario="five-steps" flavor="swarm" lang="zh" views={['cluster', 'console']} />`
		);
		expect(lab).toEqual({
			scenario: 'five-steps',
			layout: 'single',
			flavor: 'swarm',
			lang: 'zh',
			views: ['cluster', 'console'],
			narrated: false
		});
		const [pair, narrated] = lessonLabs(
			'<LazyLab scenario="node-failure-both" layout="side-by-side" />\n' +
				'<LazyLab scenario="node-failure" narrated views={[\'cluster\']} />'
		);
		expect(pair).toEqual({
			scenario: 'node-failure-both',
			layout: 'side-by-side',
			narrated: false
		});
		expect(narrated!.narrated).toBe(true);
	});

	it('fails on what it cannot read, rather than paint another lab than the live one', () => {
		expect(() => lessonLabs('<LazyLab scenario="node-failure" seed={3} />')).toThrow(/seed/);
		expect(() => lessonLabs('<LazyLab scenario="nope" />')).toThrow(/unknown scenario/);
		expect(() => lessonLabs('<LazyLab scenario="node-failure" views={[\'map\']} />')).toThrow(
			/views/
		);
		expect(() => lessonLabs('<LazyLab scenario="node-failure" flavor="nomad" />')).toThrow(
			/flavor/
		);
	});

	it('names a lab by what it draws: the tag and the component props give one key', () => {
		const [lab] = lessonLabs(`<LazyLab scenario="scheduling" views={['cluster', 'scheduler']} />`);
		// LazyLab's props for that tag (mdsvex passes them as written; the layout defaults).
		const props = { scenario: 'scheduling', views: ['cluster', 'scheduler'] };
		expect(firstPaintKey(lab!)).toBe(firstPaintKey(props));
		expect(firstPaintKey({ ...props, lang: 'zh' })).not.toBe(firstPaintKey(props));
		expect(firstPaintKey({ ...props, views: ['cluster'] })).not.toBe(firstPaintKey(props));
	});
});

/** The cards' buttons' text, as a screen reader would read it (their markup taken out). */
function buttonTexts(html: string): string[] {
	return [...html.matchAll(/<span class="fp-act[^"]*">(.*?)<\/span><\/div>/g)].map((m) =>
		m[1]!.replace(/<[^>]*>/g, '')
	);
}

describe('cardsHtml', () => {
	it('draws each node with its status, power, pods and button, from the lab at 00:00', () => {
		const lab = scenarioLab('node-failure', 'kubernetes');
		const { nodes, units } = lab.snapshot();
		const html = cardsHtml(nodes, groupUnits(units).byNode, 'en');
		expect(html.match(/class="fp-card"/g)).toHaveLength(nodes.length);
		for (const node of nodes) expect(html).toContain(`<b class="fp-name">${node.name}</b>`);
		expect(buttonTexts(html)).toEqual(nodes.map((node) => `Stop ${node.name}`));
		expect(html).toContain('Power: on');
		// Each bound pod in its node's card, by the short name the view shows and its status.
		for (const unit of units.filter((u) => u.node !== undefined)) {
			const card = html.split(/<div class="fp-card(?:"| fp-off")/)[
				nodes.findIndex((n) => n.name === unit.node) + 1
			]!;
			expect(card).toContain(unit.name.split('-').pop());
			expect(card).toContain(unit.status);
		}
	});

	it('says it in Chinese on a Chinese page, and greys a node that is off', () => {
		const nodes: NodeView[] = [
			{ name: 'node-1', role: 'worker', running: false, status: 'NotReady', lastHeartbeat: 0 }
		];
		const html = cardsHtml(nodes, new Map(), 'zh');
		expect(html).toContain('fp-card fp-off');
		expect(html).toContain('工作节点');
		expect(buttonTexts(html)).toEqual(['启动 node-1']);
		expect(html).toContain('NotReady');
	});

	it('counts the pods beyond what a card lists, as the view does', () => {
		const nodes: NodeView[] = [
			{ name: 'n', role: 'worker', running: true, status: 'Ready', lastHeartbeat: 0 }
		];
		const pods: UnitView[] = Array.from({ length: 11 }, (_, i) => ({
			name: `web-${i}`,
			namespace: 'default',
			node: 'n',
			status: 'Running',
			ready: true,
			restarts: i === 0 ? 2 : 0
		}));
		const html = cardsHtml(nodes, new Map([['n', pods]]), 'en');
		expect(html.match(/<li class="fp-ok"/g)).toHaveLength(8);
		expect(html).toContain('+3 more');
		expect(html).toContain('Running ↻2');
	});

	it('draws only names and roles for a big cluster, whose chips would weigh the page down', () => {
		const lab = scenarioLab('large-cluster', 'kubernetes');
		const { nodes, units } = lab.snapshot();
		expect(nodes.length).toBeGreaterThan(FULL_CARDS_MAX_NODES);
		const html = cardsHtml(nodes, groupUnits(units).byNode, 'en');
		expect(html.match(/class="fp-card"/g)).toHaveLength(nodes.length);
		expect(html).not.toContain('fp-pods');
		expect(html).not.toContain('fp-pill');
		expect(html.length / nodes.length).toBeLessThan(120);
	});

	it('writes names as text, never as markup', () => {
		expect(escapeHtml('<img src=x onerror="alert(1)">&')).toBe(
			'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;'
		);
		const nodes: NodeView[] = [
			{ name: '<b>x</b>', role: 'worker', running: true, status: 'Ready', lastHeartbeat: 0 }
		];
		expect(cardsHtml(nodes, new Map(), 'en')).not.toContain('<b>x</b>');
	});
});
