/**
 * The scheduler view's words and choices, on decisions from a real lab run of the
 * `scheduling` scenario: the default pod, the picker, each cell's text, the verdict.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../src/engine/index';
import type { Lab, SchedulingDecision } from '../../src/engine/types';
import { SCENARIOS } from '../../src/viz/scenarios';
import {
	defaultPod,
	filterSummary,
	filterText,
	listedPods,
	MAX_LISTED_PODS,
	nameParts,
	notEvaluatedText,
	podOptions,
	scoreDetail,
	shownPod,
	verdict
} from '../../src/viz/views/scheduler-table';

const SCENARIO = SCENARIOS.scheduling;

function lab(): Lab {
	const files: Readonly<Record<string, string>> = SCENARIO.files;
	const l = createLab({
		seed: SCENARIO.seed,
		workers: SCENARIO.workers,
		readFile: (p) => files[p]
	});
	for (const line of SCENARIO.setup.kubernetes) expect(l.exec(line).ok, line).toBe(true);
	l.advance(0);
	return l;
}

function decision(l: Lab, pod: string): SchedulingDecision {
	const d = l.scheduling('default', pod);
	if (!d) throw new Error(`no decision for ${pod}`);
	return d;
}

describe('which pod the view shows', () => {
	it('defaults to the pod the scheduler tried last, and keeps the learner’s pick', () => {
		const l = lab();
		const decisions = l.schedulingDecisions();
		const options = podOptions(l.snapshot().units, 'en');
		const last = decisions[decisions.length - 1]!;
		expect(defaultPod(decisions, options)).toBe(`default/${last.pod}`);
		expect(shownPod('default/web', decisions, options)).toBe('default/web');
		// A pick that no longer exists falls back to the default.
		expect(shownPod('default/gone', decisions, options)).toBe(`default/${last.pod}`);
		// Retrying huge makes it the newest.
		expect(l.exec('kubectl delete pod batch').ok).toBe(true);
		l.advance(30_000);
		const again = l.schedulingDecisions();
		expect(defaultPod(again, podOptions(l.snapshot().units, 'en'))).toBe('default/huge');
	});

	it('lists every pod with its node or, while pending, its status', () => {
		const l = lab();
		const options = podOptions(l.snapshot().units, 'en');
		expect(options.map((o) => o.name)).toEqual(l.snapshot().units.map((u) => u.name));
		expect(options.find((o) => o.name === 'huge')?.label).toBe('huge (Pending)');
		expect(options.find((o) => o.name === 'db')?.label).toBe('db (node-1)');
		expect(podOptions(l.snapshot().units, 'zh').find((o) => o.name === 'db')?.label).toBe(
			'db（node-1）'
		);
	});
});

describe('what the cells and the verdict say', () => {
	it('quotes the rejection in the scheduler’s words and marks later filters as not run', () => {
		const d = decision(lab(), 'huge');
		const row = d.rows.find((r) => r.node === 'node-3')!;
		const texts = row.filters.map((f) => filterText(f, 'en'));
		expect(texts).toEqual([
			'pass',
			'pass',
			'node(s) had untolerated taint(s)',
			'not run',
			'not run',
			'not run',
			'not run',
			'not run'
		]);
		expect(verdict(d, 'en')).toBe(
			'huge cannot be scheduled: none of the 4 nodes passed the filters.'
		);
	});

	it('names the winner with its total, and spells out raw → normalised × weight', () => {
		const d = decision(lab(), 'trainer');
		const winner = d.rows.find((r) => r.outcome === 'chosen')!;
		expect(verdict(d, 'en')).toBe(
			`trainer was bound to node-3: it had the highest total (${winner.total}) of 3 feasible nodes.`
		);
		const affinity = winner.scores.find((s) => s.plugin === 'NodeAffinity')!;
		expect(scoreDetail(affinity, 'en')).toBe('raw 50 → 100 × 2');
		expect(verdict(d, 'zh')).toContain('node-3');
	});

	it('explains a pod bound without scoring', () => {
		const d = decision(lab(), 'db');
		expect(verdict(d, 'en')).toBe(
			'db was bound to node-1: of 4 nodes only it passed the filters, so nothing was scored.'
		);
	});

	it('tells percentageOfNodesToScore apart from a PreFilter', () => {
		const big = createLab({ seed: 1, workers: 150 });
		expect(big.exec('kubectl create deployment many --image=nginx:1.27').ok).toBe(true);
		big.advance(0);
		const d = big.schedulingDecisions()[0]!;
		const row = d.rows.find((r) => r.outcome === 'not-evaluated')!;
		expect(notEvaluatedText(row, d, 'en')).toBe(
			'Not checked: the search stopped once it had found 100 feasible nodes (percentageOfNodesToScore).'
		);
	});

	it('sums the filters up in one cell: all passed, or who said no and why', () => {
		const d = decision(lab(), 'huge');
		const node1 = d.rows.find((r) => r.node === 'node-1')!;
		expect(filterSummary(node1, 'en')).toEqual({
			result: 'fail',
			plugin: 'NodeResourcesFit',
			text: 'Insufficient cpu'
		});
		const web = decision(lab(), 'web').rows.find((r) => r.outcome === 'chosen')!;
		expect(filterSummary(web, 'en')).toEqual({ result: 'pass', text: 'all 8 passed' });
	});

	it('cuts plugin names where their words start, for wrapping headers', () => {
		expect(nameParts('NodeResourcesBalancedAllocation')).toEqual([
			'Node',
			'Resources',
			'Balanced',
			'Allocation'
		]);
		expect(nameParts('InterPodAffinity').join('')).toBe('InterPodAffinity');
	});
});

describe('the picker of a big lab', () => {
	const many = Array.from({ length: 10_000 }, (_, i) => ({
		key: `default/web-${i}`,
		namespace: 'default',
		name: `web-${i}`,
		label: `web-${i} (node-${i % 500})`
	}));

	it('lists every pod of a small lab', () => {
		const few = many.slice(0, MAX_LISTED_PODS);
		expect(listedPods(few, '', undefined)).toBe(few);
		expect(listedPods(few, 'web-1', undefined)).toBe(few);
	});

	it('lists at most MAX_LISTED_PODS of 10,000, narrowed by the name typed, with the one shown', () => {
		expect(listedPods(many, '', undefined)).toHaveLength(MAX_LISTED_PODS);
		const found = listedPods(many, ' WEB-999', 'default/web-5');
		// The pod shown stays listed (the select shows it), then the matches in order.
		expect(found.map((o) => o.name)).toEqual([
			'web-5',
			'web-999',
			'web-9990',
			'web-9991',
			'web-9992',
			'web-9993',
			'web-9994',
			'web-9995',
			'web-9996',
			'web-9997',
			'web-9998',
			'web-9999'
		]);
		expect(listedPods(many, 'nothing', undefined)).toEqual([]);
	});
});
