/**
 * The scheduler's "why" per pod (lab.schedulingDecisions): every row agrees with what the
 * scheduler did (the bound node, the FailedScheduling text, selectHost's highest total, the
 * plugins' normalisation formulas), percentageOfNodesToScore leaves nodes unexamined, and time
 * travel brings back the decisions of the moment.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab } from '../../../../src/engine/index';
import type { Lab, SchedulingDecision } from '../../../../src/engine/types';
import { pluginOfReasons } from '../../../../src/engine/kubernetes/scheduler/decision-view';
import { SCENARIOS } from '../../../../src/viz/scenarios';
import { succeeds } from '../../lab-helpers';

const SCENARIO = SCENARIOS.scheduling;

function scenarioLab(): Lab {
	const files: Readonly<Record<string, string>> = SCENARIO.files;
	const lab = createLab({
		seed: SCENARIO.seed,
		workers: SCENARIO.workers,
		readFile: (p) => files[p]
	});
	for (const line of SCENARIO.setup.kubernetes) succeeds(lab, line);
	lab.advance(0);
	return lab;
}

function podJson(lab: Lab, name: string): Pod {
	return JSON.parse(succeeds(lab, `kubectl get pod ${name} -o json`).output) as Pod;
}

function byPod(lab: Lab, name: string): SchedulingDecision {
	const d = lab.scheduling('default', name);
	if (d === undefined) throw new Error(`no decision for ${name}`);
	return d;
}

/** A pod manifest file for labs that need one more pod. */
function withFile(text: string) {
	return (path: string) => (path === 'pod.yaml' ? text : undefined);
}

describe('scheduling decisions on the scheduling scenario', () => {
	it('marks the node each pod is bound to as chosen, and only that one', () => {
		const lab = scenarioLab();
		const decisions = lab.schedulingDecisions();
		expect(decisions.length).toBeGreaterThanOrEqual(7);
		for (const d of decisions) {
			const bound = podJson(lab, d.pod).spec?.nodeName;
			expect(d.node).toBe(bound);
			const chosen = d.rows.filter((r) => r.outcome === 'chosen').map((r) => r.node);
			expect(chosen).toEqual(bound === undefined ? [] : [bound]);
			// Every node of the cluster has a row.
			expect(d.rows.map((r) => r.node).sort()).toEqual(
				lab
					.snapshot()
					.nodes.map((n) => n.name)
					.sort()
			);
		}
	});

	it('gives the winner the highest total, each total the sum of weight × normalised score', () => {
		const lab = scenarioLab();
		const scored = lab.schedulingDecisions().filter((d) => d.scored);
		expect(scored.map((d) => d.pod)).toEqual(expect.arrayContaining(['web', 'trainer']));
		for (const d of scored) {
			const rows = d.rows.filter((r) => r.total !== undefined);
			expect(rows.length).toBe(d.feasible);
			for (const r of rows) {
				expect(r.scores.map((s) => s.plugin)).toEqual(d.scorePlugins.map((p) => p.plugin));
				for (const s of r.scores) expect(s.weighted).toBe(s.normalized * s.weight);
				expect(r.total).toBe(r.scores.reduce((sum, s) => sum + s.weighted, 0));
			}
			const best = Math.max(...rows.map((r) => r.total ?? 0));
			expect(rows.find((r) => r.outcome === 'chosen')?.total).toBe(best);
		}
	});

	it('shows the toleration and the preferred node affinity that sent trainer to node-3', () => {
		const lab = scenarioLab();
		const d = byPod(lab, 'trainer');
		const row = (node: string) => d.rows.find((r) => r.node === node)!;
		expect(d.node).toBe('node-3');
		expect(row('node-3').filters.every((f) => f.result === 'pass')).toBe(true);
		const affinity = (node: string) => row(node).scores.find((s) => s.plugin === 'NodeAffinity')!;
		// One preferred term of weight 50 matches node-3 only: raw 50 → 100, × 2.
		expect(affinity('node-3')).toMatchObject({
			raw: 50,
			normalized: 100,
			weight: 2,
			weighted: 200
		});
		expect(affinity('node-1')).toMatchObject({ raw: 0, normalized: 0 });
	});

	it('normalises raw scores with each plugin’s NormalizeScore', () => {
		const lab = scenarioLab();
		for (const d of lab.schedulingDecisions().filter((x) => x.scored)) {
			const rows = d.rows.filter((r) => r.total !== undefined);
			const cells = (plugin: string) =>
				rows.map((r) => r.scores.find((s) => s.plugin === plugin)!).filter(Boolean);
			// TaintToleration: DefaultNormalizeScore reversed over intolerable PreferNoSchedule taints.
			const taint = cells('TaintToleration');
			const maxTaint = Math.max(...taint.map((c) => c.raw));
			for (const c of taint)
				expect(c.normalized).toBe(
					maxTaint === 0 ? 100 : 100 - Math.trunc((100 * c.raw) / maxTaint)
				);
			// PodTopologySpread: fewer matching pods score higher (max + min − raw) / max.
			const spread = cells('PodTopologySpread');
			if (spread.length > 0) {
				const max = Math.max(...spread.map((c) => c.raw));
				const min = Math.min(...spread.map((c) => c.raw));
				for (const c of spread)
					expect(c.normalized).toBe(
						max === 0 ? 100 : Math.trunc((100 * (max + min - c.raw)) / max)
					);
			}
		}
		// node-2's PreferNoSchedule taint is raw 1 and costs it all 300 points.
		const web = byPod(lab, 'web').rows.find((r) => r.node === 'node-2')!;
		expect(web.scores.find((s) => s.plugin === 'TaintToleration')).toMatchObject({
			raw: 1,
			normalized: 0,
			weighted: 0
		});
	});

	it('reproduces the FailedScheduling histogram from the rejected rows', () => {
		const lab = scenarioLab();
		const d = byPod(lab, 'huge');
		expect(d.node).toBeUndefined();
		expect(d.feasible).toBe(0);
		expect(d.rows.every((r) => r.outcome === 'rejected')).toBe(true);
		const counts = new Map<string, number>();
		for (const r of d.rows) {
			const failed = r.filters.filter((f) => f.result === 'fail');
			expect(failed).toHaveLength(1); // the framework stops at the first rejection
			// Filters after the rejecting one did not run; those before it passed.
			const at = r.filters.findIndex((f) => f.result === 'fail');
			expect(r.filters.slice(0, at).every((f) => f.result === 'pass')).toBe(true);
			expect(r.filters.slice(at + 1).every((f) => f.result === 'skipped')).toBe(true);
			for (const reason of failed[0]!.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
		}
		const histogram = [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
		expect(d.message).toContain(`0/${d.numNodes} nodes are available: ${histogram.join(', ')}.`);
		// The same text kubectl describe pod shows.
		expect(succeeds(lab, 'kubectl describe pod huge').output).toContain(d.message!);
		const fit = d.rows.find((r) => r.node === 'node-1')!.filters.find((f) => f.result === 'fail');
		expect(fit).toEqual({
			plugin: 'NodeResourcesFit',
			result: 'fail',
			reasons: ['Insufficient cpu']
		});
	});

	it('counts attempts, keeps the latest, and forgets deleted pods', () => {
		const lab = scenarioLab();
		expect(byPod(lab, 'huge').attempt).toBe(1);
		// Freeing resources is a cluster event: the unschedulable pod is tried again.
		succeeds(lab, 'kubectl delete pod batch');
		lab.advance(30_000);
		expect(lab.scheduling('default', 'batch')).toBeUndefined();
		const again = byPod(lab, 'huge');
		expect(again.attempt).toBeGreaterThan(1);
		expect(again.t).toBeGreaterThan(0);
		const order = lab.schedulingDecisions().map((d) => d.pod);
		expect(order[order.length - 1]).toBe('huge');
	});

	it('restores the decisions of the moment on seek, back and forward', () => {
		const lab = scenarioLab();
		lab.advance(5_000);
		const before = JSON.stringify(lab.schedulingDecisions());
		lab.advance(5_000);
		succeeds(lab, 'kubectl delete pod batch');
		lab.advance(30_000);
		const later = JSON.stringify(lab.schedulingDecisions());
		expect(later).not.toBe(before);
		lab.seek(5_000);
		expect(JSON.stringify(lab.schedulingDecisions()) === before).toBe(true);
		lab.seek(40_000);
		expect(JSON.stringify(lab.schedulingDecisions()) === later).toBe(true);
	});

	it('returns frozen data, the same array until the next attempt', () => {
		const lab = scenarioLab();
		const a = lab.schedulingDecisions();
		expect(lab.schedulingDecisions()).toBe(a);
		expect(Object.isFrozen(a)).toBe(true);
		expect(Object.isFrozen(a[0])).toBe(true);
		expect(Object.isFrozen(a[0]!.rows[0])).toBe(true);
	});
});

describe('scheduling decisions, other shapes', () => {
	it('marks nodes the search never reached under percentageOfNodesToScore', () => {
		// 151 nodes: adaptive percentage 50 − 151/125 = 49 %, 73 nodes, raised to the minimum 100.
		const lab = createLab({ seed: 1, workers: 150 });
		succeeds(lab, 'kubectl create deployment many --image=nginx:1.27 --replicas=2');
		lab.advance(0);
		const [first, second] = lab.schedulingDecisions();
		expect(first!.feasibleToFind).toBe(100);
		expect(first!.feasible).toBe(100);
		const skipped = first!.rows.filter((r) => r.outcome === 'not-evaluated');
		expect(skipped.length).toBe(151 - first!.evaluated);
		expect(skipped.length).toBeGreaterThan(0);
		expect(skipped.every((r) => r.notEvaluated === 'percentageOfNodesToScore')).toBe(true);
		// The next pod starts where this one stopped: its first node is one this one skipped.
		const firstOfSecond = second!.rows.find((r) => r.order === 1)!.node;
		expect(skipped.map((r) => r.node)).toContain(firstOfSecond);
	});

	it('says when a PreFilter turned the pod away before any node was tried', () => {
		const lab = createLab({
			seed: 1,
			readFile: withFile(`apiVersion: v1
kind: Pod
metadata:
  name: claims
spec:
  volumes:
    - name: data
      persistentVolumeClaim:
        claimName: missing
  containers:
    - name: c
      image: nginx:1.27
`)
		});
		succeeds(lab, 'kubectl apply -f pod.yaml');
		lab.advance(0);
		const d = byPod(lab, 'claims');
		expect(d.preFilter).toEqual({
			plugin: 'VolumeBinding',
			reason: 'persistentvolumeclaim "missing" not found'
		});
		expect(d.evaluated).toBe(0);
		expect(d.rows.every((r) => r.notEvaluated === 'PreFilter')).toBe(true);
	});

	it('binds the only feasible node without scoring', () => {
		const lab = scenarioLab();
		const d = byPod(lab, 'db');
		expect(d).toMatchObject({ node: 'node-1', feasible: 1, scored: false });
		expect(d.rows.every((r) => r.scores.length === 0)).toBe(true);
	});

	it('has nothing to say on a swarm lab', () => {
		const lab = createLab({ flavor: 'swarm' });
		expect(lab.schedulingDecisions()).toEqual([]);
		expect(lab.scheduling('default', 'x')).toBeUndefined();
	});
});

describe('pluginOfReasons', () => {
	it('names the filter behind each of the scheduler’s rejection texts', () => {
		expect(pluginOfReasons(['Insufficient memory'])).toBe('NodeResourcesFit');
		expect(pluginOfReasons(['node(s) had untolerated taint(s)'])).toBe('TaintToleration');
		expect(pluginOfReasons(["node(s) didn't match Pod's node affinity/selector"])).toBe(
			'NodeAffinity'
		);
		expect(pluginOfReasons(["node(s) didn't match pod anti-affinity rules"])).toBe(
			'InterPodAffinity'
		);
		expect(pluginOfReasons(['something else'])).toBeUndefined();
	});
});
