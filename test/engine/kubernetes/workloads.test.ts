/**
 * Deployments, ReplicaSets, the scheduler, the kubelets and the taint eviction controller working
 * together, checked against shared/facts.md §1.1 and §1.5.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';

function pods(lab: Lab): Pod[] {
	return (JSON.parse(lab.exec('kubectl get pods -o json').output) as { items: Pod[] }).items;
}

function running(lab: Lab): Pod[] {
	return pods(lab).filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp);
}

function must(lab: Lab, line: string): string {
	const r = lab.exec(line);
	expect(r.error ?? '', line).toBe('');
	expect(r.ok, line).toBe(true);
	return r.output;
}

/** Everything observable, to prove that a failed line changed nothing. */
function observe(lab: Lab) {
	return {
		now: lab.now(),
		hash: lab.traceHash(),
		snap: JSON.stringify(lab.snapshot()),
		pods: pods(lab)
	};
}

describe('a Deployment', () => {
	it('runs 3 replicas on the 3 workers, never on the tainted control plane', () => {
		const lab = createLab({ seed: 3 });
		expect(must(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=3')).toBe(
			'deployment.apps/web created\n'
		);
		lab.advance(30_000);
		const nodes = running(lab)
			.map((p) => p.spec!.nodeName)
			.sort();
		expect(nodes).toEqual(['node-1', 'node-2', 'node-3']);
		expect(must(lab, 'kubectl get deployments')).toMatch(/^web\s+3\/3\s+3\s+3\s+30s$/m);
		const rs = must(lab, 'kubectl get rs');
		expect(rs).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}\s+3\s+3\s+3\s+30s$/m);
	});

	it('names its pods <deployment>-<pod-template-hash>-<5 characters>', () => {
		const lab = createLab();
		must(lab, 'kubectl create deployment api --image=httpd:2.4 --replicas=2');
		lab.advance(1_000);
		const hash = pods(lab)[0]!.metadata!.labels!['pod-template-hash']!;
		for (const p of pods(lab))
			expect(p.metadata!.name).toMatch(
				new RegExp(`^api-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`)
			);
	});

	it('scales up and down, and its deletion takes the ReplicaSet and pods with it', () => {
		const lab = createLab();
		must(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
		lab.advance(10_000);
		expect(must(lab, 'kubectl scale deployment web --replicas=5')).toBe(
			'deployment.apps/web scaled\n'
		);
		lab.advance(10_000);
		expect(running(lab)).toHaveLength(5);
		must(lab, 'kubectl scale deploy/web --replicas=1');
		lab.advance(5_000);
		expect(pods(lab)).toHaveLength(1);
		expect(must(lab, 'kubectl delete deployment web')).toBe(
			'deployment.apps "web" deleted from default namespace\n'
		);
		lab.advance(5_000);
		expect(pods(lab)).toHaveLength(0);
		expect(lab.exec('kubectl get rs').error).toBe('No resources found in default namespace.\n');
	});

	it('replaces a deleted pod at once', () => {
		const lab = createLab();
		must(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
		lab.advance(10_000);
		const victim = running(lab)[0]!.metadata!.name!;
		expect(must(lab, `kubectl delete pod ${victim}`)).toBe(
			`pod "${victim}" deleted from default namespace\n`
		);
		lab.advance(5_000);
		const names = running(lab).map((p) => p.metadata!.name);
		expect(names).toHaveLength(3);
		expect(names).not.toContain(victim);
	});
});

describe('a node failure with a Deployment on it (facts.md §1.1)', () => {
	it('marks the pods not ready with the node, evicts them 300 s later, and replaces them elsewhere', () => {
		const lab = createLab({ seed: 11 });
		must(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
		lab.advance(60_000);
		const onNode2 = running(lab).find((p) => p.spec!.nodeName === 'node-2')!;
		const stoppedAt = lab.now();
		must(lab, 'sim node stop node-2');
		let notReadyAt = -1;
		let terminatingAt = -1;
		while (lab.now() < stoppedAt + 420_000) {
			lab.advance(1_000);
			const pod = pods(lab).find((p) => p.metadata!.name === onNode2.metadata!.name);
			const ready = pod?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
			if (notReadyAt < 0 && ready === 'False') notReadyAt = lab.now() - stoppedAt;
			if (terminatingAt < 0 && pod?.metadata?.deletionTimestamp)
				terminatingAt = lab.now() - stoppedAt;
		}
		// NotReady: the grace period (50 s) after the last heartbeat the controller saw; that
		// heartbeat came at most one renew interval (10.4 s) before the stop, and the controller
		// looks every 5 s.
		expect(notReadyAt).toBeGreaterThanOrEqual(50_000 - 10_400);
		expect(notReadyAt).toBeLessThanOrEqual(50_000 + 5_000 + 1_000);
		// Eviction: the default 300 s toleration of the unreachable taint, added with NotReady.
		expect(terminatingAt - notReadyAt).toBeGreaterThanOrEqual(300_000 - 1_000);
		expect(terminatingAt - notReadyAt).toBeLessThanOrEqual(300_000 + 1_000);
		const live = running(lab);
		expect(live).toHaveLength(3);
		expect(live.every((p) => p.spec!.nodeName !== 'node-2')).toBe(true);
		// The old pod stays Terminating: its kubelet is gone and cannot confirm.
		expect(must(lab, `kubectl get pod ${onNode2.metadata!.name}`)).toMatch(/Terminating/);
		must(lab, 'sim node start node-2');
		lab.advance(5_000);
		expect(pods(lab).some((p) => p.metadata!.name === onNode2.metadata!.name)).toBe(false);
	});
});

describe('failed workload lines change nothing', () => {
	it.each([
		'kubectl create deployment web --image=nginx:1.27',
		'kubectl create deployment other',
		'kubectl create deployment Bad_Name --image=nginx',
		'kubectl scale deployment web',
		'kubectl scale deployment nope --replicas=2',
		'kubectl delete deployment nope web2',
		'kubectl delete pod',
		'kubectl get pods nope'
	])('%s', (line) => {
		const lab = createLab();
		must(lab, 'kubectl create deployment web --image=nginx:1.27');
		lab.advance(5_000);
		const before = observe(lab);
		const r = lab.exec(line);
		expect(r.ok).toBe(false);
		expect(r.error).toBeTruthy();
		expect(observe(lab)).toEqual(before);
	});
});

describe('time travel with workloads', () => {
	it('seeking back into an eviction gives what a straight run had', () => {
		const script = [
			'kubectl create deployment web --image=nginx:1.27 --replicas=3',
			'sim advance 30s',
			'sim node stop node-1',
			'sim advance 7m'
		];
		const full = createLab({ seed: 5 });
		for (const l of script) full.exec(l);
		for (const t of [200_000, 365_000, 400_000, 45_000]) {
			const straight = createLab({ seed: 5 });
			straight.exec(script[0]!);
			straight.advance(30_000);
			straight.exec(script[2]!);
			straight.advance(t - 30_000);
			full.seek(t);
			expect(observe(full)).toEqual(observe(straight));
		}
	});
});

describe('a rolling update (facts.md §1.5: maxSurge 25% up, maxUnavailable 25% down)', () => {
	it.each([
		[3, 1, 0],
		[4, 1, 1],
		[10, 3, 2]
	])(
		'of %i replicas stays within +%i / -%i and ends on the new image',
		(replicas, surge, unavailable) => {
			const lab = createLab({ seed: replicas, workers: 4 });
			must(lab, `kubectl create deployment web --image=nginx:1.27 --replicas=${replicas}`);
			lab.advance(30_000);
			expect(must(lab, 'kubectl set image deployment/web nginx=nginx:1.28')).toBe(
				'deployment.apps/web image updated\n'
			);
			let maxPods = 0;
			let minReady = Infinity;
			for (let i = 0; i < 240; i++) {
				lab.advance(250);
				const active = pods(lab).filter((p) => !p.metadata?.deletionTimestamp);
				const ready = active.filter((p) =>
					p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
				);
				maxPods = Math.max(maxPods, active.length);
				minReady = Math.min(minReady, ready.length);
			}
			expect(maxPods).toBeLessThanOrEqual(replicas + surge);
			expect(minReady).toBeGreaterThanOrEqual(replicas - unavailable);
			const images = running(lab).map((p) => p.spec!.containers[0]!.image);
			expect(images).toEqual(new Array(replicas).fill('nginx:1.28'));
			expect(must(lab, 'kubectl get rs')).toMatch(/\s0\s+0\s+0\s+\d+s$/m); // the old one is kept at 0
		}
	);

	it('prints nothing when the image is already that one', () => {
		const lab = createLab();
		must(lab, 'kubectl create deployment web --image=nginx:1.27');
		expect(must(lab, 'kubectl set image deployment/web nginx=nginx:1.27')).toBe('');
		expect(lab.exec('kubectl set image deployment/web nope=nginx:1').error).toBe(
			'error: unable to find container named "nope"\n'
		);
	});
});

describe('cordon, drain and PodDisruptionBudgets (cli-formats.md §4.3)', () => {
	const files: Record<string, string> = {
		'bare.yaml':
			'apiVersion: v1\nkind: Pod\nmetadata:\n  name: mypod\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n',
		'zk.yaml': [
			'apiVersion: apps/v1',
			'kind: Deployment',
			'metadata:\n  name: zk',
			'spec:',
			'  replicas: 3',
			'  selector:\n    matchLabels:\n      app.kubernetes.io/name: zookeeper',
			'  template:',
			'    metadata:\n      labels:\n        app.kubernetes.io/name: zookeeper',
			'    spec:\n      containers:\n      - name: zk\n        image: nginx:1.27',
			'---',
			'apiVersion: policy/v1',
			'kind: PodDisruptionBudget',
			'metadata:\n  name: zk-pdb',
			'spec:\n  minAvailable: 3',
			'  selector:\n    matchLabels:\n      app.kubernetes.io/name: zookeeper',
			''
		].join('\n')
	};

	it('refuses a pod without a controller unless --force, and leaves the node cordoned', () => {
		const lab = createLab({ readFile: (p) => files[p] });
		must(lab, 'kubectl apply -f bare.yaml');
		lab.advance(10_000);
		const node = pods(lab)[0]!.spec!.nodeName!;
		// --ignore-daemonsets, as on any kubeadm node: kube-proxy runs there as a DaemonSet pod.
		const r = lab.exec(`kubectl drain ${node} --ignore-daemonsets`);
		expect(r.ok).toBe(false);
		expect(r.output).toBe(`node/${node} cordoned\n`);
		expect(r.error).toBe(
			`error: unable to drain node "${node}" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/mypod, continuing command...\nThere are pending nodes to be drained:\n ${node}\ncannot delete cannot delete Pods that declare no controller (use --force to override): default/mypod\n`
		);
		expect(lab.exec('kubectl get nodes').output).toMatch(
			new RegExp(`^${node}\\s+Ready,SchedulingDisabled`, 'm')
		);
		const forced = lab.exec(`kubectl drain ${node} --ignore-daemonsets --force`);
		expect(forced.ok).toBe(true);
		expect(forced.error).toMatch(
			/^Warning: deleting Pods that declare no controller: default\/mypod; ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\w{5}\n$/
		);
		expect(forced.output).toMatch(
			/evicting pod default\/mypod\npod\/mypod evicted\nnode\/node-\d drained\n$/
		);
		expect(pods(lab)).toHaveLength(0); // nobody recreates a bare pod
	});

	it('waits on a PodDisruptionBudget: the eviction is refused and retried every 5 s', () => {
		const lab = createLab({ readFile: (p) => files[p] });
		must(lab, 'kubectl apply -f zk.yaml');
		lab.advance(15_000);
		const node = pods(lab)[0]!.spec!.nodeName!;
		const r = lab.exec(`kubectl drain ${node} --ignore-daemonsets --timeout=20s`);
		// minAvailable 3 of 3: never allowed, so the drain times out.
		expect(r.ok).toBe(false);
		expect(r.error).toMatch(/Cannot evict pod as it would violate the pod's disruption budget\.\n/);
		expect(r.error).toMatch(/global timeout reached: 20s/);
		const tries = r.output.match(/^evicting pod /gm)!.length;
		// At 0, 5, 10, 15 and 20 s: kubectl's loop (pkg/drain/drain.go evictPods) prints the line
		// before it checks whether the global timeout has passed.
		expect(tries).toBe(5);
		expect(running(lab)).toHaveLength(3);
	});

	it('seeking across a drain gives what a straight run had', () => {
		const script = [
			'kubectl create deployment web --image=nginx:1.27 --replicas=3',
			'sim advance 10s',
			'kubectl drain node-2 --ignore-daemonsets',
			'sim advance 30s'
		];
		const full = createLab({ seed: 8 });
		for (const l of script) full.exec(l);
		const end = observe(full);
		full.seek(5_000);
		full.seek(end.now);
		expect(observe(full)).toEqual(end);
	});
});

describe('kubectl rollout (cli-formats.md §4.4–4.5)', () => {
	it('status waits for the rollout, history lists revisions, undo goes back and renumbers', () => {
		const lab = createLab();
		must(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
		expect(must(lab, 'kubectl rollout status deployment/web')).toMatch(
			/deployment "web" successfully rolled out\n$/
		);
		must(lab, 'kubectl set image deployment/web nginx=nginx:1.28');
		const status = must(lab, 'kubectl rollout status deployment/web');
		expect(status).toMatch(/^Waiting for deployment spec update to be observed\.\.\.\n/);
		expect(status).toMatch(
			/Waiting for deployment "web" rollout to finish: \d out of 3 new replicas have been updated\.\.\.\n/
		);
		expect(status).toMatch(/deployment "web" successfully rolled out\n$/);
		expect(must(lab, 'kubectl rollout history deployment/web')).toBe(
			'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n'
		);
		expect(must(lab, 'kubectl rollout undo deployment/web')).toBe(
			'deployment.apps/web rolled back\n'
		);
		must(lab, 'kubectl rollout status deployment/web');
		expect(must(lab, 'kubectl rollout history deployment/web')).toBe(
			'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n'
		);
		expect(running(lab).every((p) => p.spec!.containers[0]!.image === 'nginx:1.27')).toBe(true);
		expect(must(lab, 'kubectl rollout undo deployment/web --to-revision=3')).toBe(
			'deployment.apps/web skipped rollback (current template already matches revision 3)\n'
		);
	});

	it('undo without history fails, restart rolls out a new ReplicaSet', () => {
		const lab = createLab();
		must(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
		lab.advance(10_000);
		expect(lab.exec('kubectl rollout undo deployment/web').error).toBe(
			'error: no rollout history found for deployment "web"\n'
		);
		expect(must(lab, 'kubectl rollout restart deployment/web')).toBe(
			'deployment.apps/web restarted\n'
		);
		must(lab, 'kubectl rollout status deployment/web');
		expect(must(lab, 'kubectl get rs').trim().split('\n')).toHaveLength(3);
	});
});
