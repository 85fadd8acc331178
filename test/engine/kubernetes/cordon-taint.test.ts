/**
 * A cordoned node carries the `node.kubernetes.io/unschedulable:NoSchedule` taint while
 * spec.unschedulable is true (TaintNodesByCondition, node lifecycle controller).
 */
import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

function taints(lab: Lab): string[] {
	const node = JSON.parse(succeeds(lab, 'kubectl get node node-1 -o json').output) as Node;
	return (node.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
}

describe('cordon', () => {
	it('adds the unschedulable taint within a monitor period, and uncordon removes it', () => {
		const lab = createLab({ seed: 3 });
		lab.advance(10_000);
		expect(taints(lab)).toEqual([]);
		succeeds(lab, 'kubectl cordon node-1');
		lab.advance(5_000);
		expect(taints(lab)).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
		succeeds(lab, 'kubectl uncordon node-1');
		lab.advance(5_000);
		expect(taints(lab)).toEqual([]);
	});
});
