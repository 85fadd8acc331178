/**
 * `kubectl drain`, `cordon` and `uncordon` on several nodes (kubectl pkg/cmd/drain/drain.go,
 * v1.35): Complete takes `NODE…` or `-l SELECTOR` (not both), stopping at the first node that is
 * not there; RunDrain cordons every node first, then drains each in turn, reporting a node that
 * cannot be drained (`continuing command...`) and draining the next; the pending nodes and the
 * errors come at the end, exit 1.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import type { Lab } from '../../../src/engine/types';
import { fails, succeeds } from '../lab-helpers';

function lab(): Lab {
	const l = createLab({ seed: 3 });
	succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=4');
	succeeds(l, 'kubectl label node node-1 node-2 pool=blue');
	l.advance(30_000);
	return l;
}

const unschedulable = (l: Lab) =>
	succeeds(l, 'kubectl get nodes -o jsonpath={.items[*].spec.unschedulable}').output;

describe('kubectl drain with several nodes', () => {
	it('cordons all, then drains each in turn with its own lines', () => {
		const l = lab();
		const r = succeeds(l, 'kubectl drain node-1 node-2 --ignore-daemonsets');
		const lines = r.output.split('\n');
		expect(lines.slice(0, 2)).toEqual(['node/node-1 cordoned', 'node/node-2 cordoned']);
		expect(lines.indexOf('node/node-1 drained')).toBeGreaterThan(1);
		expect(lines.indexOf('node/node-2 drained')).toBeGreaterThan(
			lines.indexOf('node/node-1 drained')
		);
		expect(r.error).toMatch(/^Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-/);
		expect(succeeds(l, 'kubectl get pods -o wide --no-headers').output).not.toMatch(/node-[12]/);
	});

	it('-l drains the matching nodes; a node it cannot drain is reported and the next drained', () => {
		const l = lab();
		succeeds(l, `kubectl run solo --image=nginx:1.27 --overrides='{"spec":{"nodeName":"node-1"}}'`);
		l.advance(10_000);
		const r = l.exec('kubectl drain -l pool=blue --ignore-daemonsets');
		expect(r.ok).toBe(false);
		expect(r.output).toMatch(/^node\/node-1 cordoned\nnode\/node-2 cordoned\n/);
		expect(r.output).toMatch(/node\/node-2 drained\n$/);
		expect(r.output).not.toContain('node/node-1 drained');
		const refusal =
			'cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo';
		expect(r.error).toContain(
			`error: unable to drain node "node-1" due to error: ${refusal}, continuing command...\n`
		);
		expect(r.error).toMatch(
			new RegExp(
				`There are pending nodes to be drained:\\n node-1\\n${refusal.replace(/[()]/g, '\\$&')}\\n$`
			)
		);
		expect(unschedulable(l)).toBe('true true');
	});

	it('refuses a missing node, names with a selector, or nothing, changing nothing', () => {
		const l = lab();
		expect(fails(l, 'kubectl drain node-1 nope').error).toBe(
			'Error from server (NotFound): nodes "nope" not found\n'
		);
		expect(fails(l, 'kubectl drain node-1 -l pool=blue').error).toBe(
			"error: cannot specify both a node name and a --selector option\nSee 'kubectl drain -h' for help and examples\n"
		);
		expect(fails(l, 'kubectl drain').error).toBe(
			"error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n"
		);
		expect(succeeds(l, 'kubectl drain -l pool=none').output).toBe('');
	});
});

describe('kubectl cordon and uncordon with several nodes', () => {
	it('takes several names or a selector', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl cordon -l pool=blue').output).toBe(
			'node/node-1 cordoned\nnode/node-2 cordoned\n'
		);
		expect(succeeds(l, 'kubectl uncordon node-2 node-3').output).toBe(
			'node/node-2 uncordoned\nnode/node-3 already uncordoned\n'
		);
		expect(fails(l, 'kubectl uncordon node-1 --selector=pool=blue').error).toBe(
			"error: cannot specify both a node name and a --selector option\nSee 'kubectl uncordon -h' for help and examples\n"
		);
		expect(fails(l, 'kubectl cordon node-3 nope').error).toBe(
			'Error from server (NotFound): nodes "nope" not found\n'
		);
	});
});
