/**
 * `kubectl drain` through the Eviction API (kubectl pkg/drain, cli-formats.md §4.3): budgets
 * block and are retried every 5 s, DaemonSet pods need --ignore-daemonsets, finished pods go
 * without asking, and a pod under two budgets cannot be evicted.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { createLab, type Lab } from '../../../src/engine/index';

const DEPLOYMENT = [
	'apiVersion: apps/v1',
	'kind: Deployment',
	'metadata:\n  name: zk',
	'spec:',
	'  replicas: 3',
	'  selector:\n    matchLabels:\n      app: zk',
	'  template:',
	'    metadata:\n      labels:\n        app: zk',
	'    spec:\n      containers:\n      - name: zk\n        image: nginx:1.27',
	// Ready only 10 s after it starts, so that a replacement keeps the budget short for a while.
	'        readinessProbe:\n          httpGet:\n            path: /\n            port: 80',
	'          initialDelaySeconds: 10\n          periodSeconds: 5',
	''
].join('\n');

function pdb(name: string, rule: string): string {
	return `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${name}\nspec:\n  ${rule}\n  selector:\n    matchLabels:\n      app: zk\n`;
}

const DAEMONSET = [
	'apiVersion: apps/v1',
	'kind: DaemonSet',
	'metadata:\n  name: agent\n  namespace: kube-system',
	'spec:',
	'  selector:\n    matchLabels:\n      app: agent',
	'  template:',
	'    metadata:\n      labels:\n        app: agent',
	'    spec:\n      containers:\n      - name: agent\n        image: nginx:1.27',
	''
].join('\n');

const BARE_DONE =
	'apiVersion: v1\nkind: Pod\nmetadata:\n  name: once\nspec:\n  restartPolicy: Never\n  nodeName: node-1\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: ["true"]\n';

const FILES: Record<string, string> = {
	'zk.yaml': DEPLOYMENT,
	'min2.yaml': pdb('min2', 'minAvailable: 2'),
	'max1.yaml': pdb('max1', 'maxUnavailable: 1'),
	'min3.yaml': pdb('min3', 'minAvailable: 3'),
	'ds.yaml': DAEMONSET,
	'once.yaml': BARE_DONE
};

function lab(): Lab {
	return createLab({ seed: 6, readFile: (p) => FILES[p] });
}

function must(l: Lab, line: string): string {
	const r = l.exec(line);
	expect(r.ok, `${line}: ${r.error}`).toBe(true);
	return r.output;
}

function pods(l: Lab, ns = 'default'): Pod[] {
	return (JSON.parse(must(l, `kubectl get pods -n ${ns} -o json`)) as { items: Pod[] }).items;
}

function on(l: Lab, node: string, ns = 'default'): Pod[] {
	return pods(l, ns).filter((p) => p.spec?.nodeName === node && !p.metadata?.deletionTimestamp);
}

/**
 * What `drain --ignore-daemonsets` warns about first on every node: kube-proxy's DaemonSet pod
 * (every kubeadm node runs one), on stderr before the evictions.
 */
function proxyWarning(l: Lab, node: string): string {
	const proxy = on(l, node, 'kube-system').find((p) =>
		p.metadata!.name!.startsWith('kube-proxy-')
	)!;
	return `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxy.metadata!.name}\n`;
}

describe('kubectl drain with a PodDisruptionBudget', () => {
	it('evicts while the budget allows, then retries every 5 s until the replacement is Ready', () => {
		const l = lab();
		must(l, 'kubectl apply -f zk.yaml');
		must(l, 'kubectl apply -f min2.yaml');
		l.advance(40_000);
		const [a, b] = pods(l).map((p) => p.spec!.nodeName!);
		const first = l.exec(`kubectl drain ${a} --ignore-daemonsets`);
		expect(first.ok).toBe(true);
		expect(first.error).toBe(proxyWarning(l, a!));
		const evicted = first.output.match(/^pod\/(\S+) evicted$/m)![1]!;
		expect(first.output).toBe(
			`node/${a} cordoned\nevicting pod default/${evicted}\npod/${evicted} evicted\nnode/${a} drained\n`
		);
		// The replacement is scheduled but not Ready yet: the second drain must wait for it.
		const victim = on(l, b!).find((p) => p.status?.phase === 'Running')!.metadata!.name!;
		const second = l.exec(`kubectl drain ${b} --ignore-daemonsets`);
		expect(second.ok).toBe(true);
		const refusal = `error when evicting pods/"${victim}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
		const refusals = second.error!.split(refusal).length - 1;
		expect(refusals).toBeGreaterThanOrEqual(1);
		expect(second.error).toBe(proxyWarning(l, b!) + refusal.repeat(refusals));
		const attempts = second.output.match(
			new RegExp(`^evicting pod default/${victim}$`, 'gm')
		)!.length;
		expect(attempts).toBe(refusals + 1);
		expect(second.output).toMatch(new RegExp(`pod/${victim} evicted\\nnode/${b} drained\\n$`));
		const budget = JSON.parse(must(l, 'kubectl get pdb min2 -o json')) as PodDisruptionBudget;
		expect(budget.status!.desiredHealthy).toBe(2);
	});

	it('gives up at --timeout; kubectl prints `evicting pod` once more when the time is up', () => {
		const l = lab();
		must(l, 'kubectl apply -f zk.yaml');
		must(l, 'kubectl apply -f min3.yaml');
		l.advance(20_000);
		const pod = pods(l)[0]!;
		const [node, name] = [pod.spec!.nodeName!, pod.metadata!.name!];
		const start = l.now();
		const r = l.exec(`kubectl drain ${node} --ignore-daemonsets --timeout=20s`);
		expect(r.ok).toBe(false);
		expect(l.now() - start).toBe(20_000);
		// Tries at 0, 5, 10 and 15 s are refused; at 20 s the deadline has passed.
		expect(r.output).toBe(`node/${node} cordoned\n` + `evicting pod default/${name}\n`.repeat(5));
		const refusal = `error when evicting pods/"${name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
		const cause = `error when evicting pods/"${name}" -n "default": global timeout reached: 20s`;
		expect(r.error).toBe(
			proxyWarning(l, node) +
				refusal.repeat(4) +
				`error: unable to drain node "${node}" due to error: ${cause}, continuing command...\nThere are pending nodes to be drained:\n ${node}\n${cause}\n`
		);
		expect(on(l, node)).toHaveLength(1);
	});

	it('refuses a pod matched by two budgets', () => {
		const l = lab();
		must(l, 'kubectl apply -f zk.yaml');
		must(l, 'kubectl apply -f min2.yaml');
		must(l, 'kubectl apply -f max1.yaml');
		l.advance(20_000);
		const pod = pods(l)[0]!;
		const node = pod.spec!.nodeName!;
		const r = l.exec(`kubectl drain ${node} --ignore-daemonsets`);
		expect(r.ok).toBe(false);
		const cause = `error when evicting pods/"${pod.metadata!.name}" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.`;
		expect(r.error).toBe(
			proxyWarning(l, node) +
				`error: unable to drain node "${node}" due to error: ${cause}, continuing command...\nThere are pending nodes to be drained:\n ${node}\n${cause}\n`
		);
		expect(on(l, node)).toHaveLength(1);
	});
});

describe('kubectl drain and DaemonSets', () => {
	it('refuses DaemonSet pods without --ignore-daemonsets ("cannot delete" once), ignores them with it', () => {
		const l = lab();
		must(l, 'kubectl apply -f ds.yaml');
		must(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
		l.advance(20_000);
		// The DaemonSet's pod and kube-proxy's, in the API's order (by name).
		const daemons = on(l, 'node-1', 'kube-system').map((p) => `kube-system/${p.metadata!.name}`);
		expect(daemons).toHaveLength(2);
		const r = l.exec('kubectl drain node-1');
		expect(r.ok).toBe(false);
		expect(r.output).toBe('node/node-1 cordoned\n');
		const msg = `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemons.join(', ')}`;
		expect(r.error).toBe(
			`error: unable to drain node "node-1" due to error: ${msg}, continuing command...\nThere are pending nodes to be drained:\n node-1\n${msg}\n`
		);
		const web = on(l, 'node-1').map((p) => p.metadata!.name!);
		const ok = l.exec('kubectl drain node-1 --ignore-daemonsets');
		expect(ok.ok).toBe(true);
		expect(ok.error).toBe(`Warning: ignoring DaemonSet-managed Pods: ${daemons.join(', ')}\n`);
		for (const name of web)
			expect(ok.output).toContain(`evicting pod default/${name}\npod/${name} evicted\n`);
		expect(ok.output.startsWith('node/node-1 already cordoned\n')).toBe(true);
		l.advance(10_000);
		// The daemon pods stay (they tolerate unschedulable); the web pods went elsewhere.
		expect(on(l, 'node-1', 'kube-system').map((p) => `kube-system/${p.metadata!.name}`)).toEqual(
			daemons
		);
		expect(on(l, 'node-1')).toHaveLength(0);
	});

	it('deletes finished pods without --force, even without a controller', () => {
		const l = lab();
		must(l, 'kubectl apply -f once.yaml');
		l.advance(10_000);
		expect(pods(l)[0]!.status!.phase).toBe('Succeeded');
		const r = l.exec('kubectl drain node-1 --ignore-daemonsets');
		expect(r.ok).toBe(true);
		expect(r.error).toBe(proxyWarning(l, 'node-1'));
		expect(r.output).toBe(
			'node/node-1 cordoned\nevicting pod default/once\npod/once evicted\nnode/node-1 drained\n'
		);
	});
});
