// grep's context lines (GNU grep -A/-B/-C, --after-context=N…; busybox grep alike): the lines
// around each match, `n-` for them with -n, `--` between groups that do not touch, and every
// `-e PATTERN` of a line — `kubectl describe … | grep -A2 Taints`, as people read a section.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

describe('grep context', () => {
	const lab = createLab({ flavor: 'kubernetes', seed: 1 });
	succeeds(lab, 'kubectl cordon node-1');
	lab.advance(1_000);

	it('prints the lines after, before and around each match', () => {
		expect(succeeds(lab, 'kubectl describe node node-1 | grep -A2 Taints').output).toBe(
			'Taints:             node.kubernetes.io/unschedulable:NoSchedule\nUnschedulable:      true\nLease:\n'
		);
		expect(
			succeeds(lab, 'kubectl describe node node-1 | grep -n -B 1 --after-context=1 Unschedulable')
				.output
		).toBe(
			'11-Taints:             node.kubernetes.io/unschedulable:NoSchedule\n12:Unschedulable:      true\n13-Lease:\n'
		);
	});

	it('takes every -e pattern and parts groups that do not touch with --', () => {
		const out = succeeds(
			lab,
			'kubectl describe node node-1 | grep -C1 -e Unschedulable -e Addresses'
		).output.split('\n');
		expect(out.slice(0, 3)).toEqual([
			'Taints:             node.kubernetes.io/unschedulable:NoSchedule',
			'Unschedulable:      true',
			'Lease:'
		]);
		expect(out[3]).toBe('--');
		expect(out[5]).toBe('Addresses:');
	});
});
