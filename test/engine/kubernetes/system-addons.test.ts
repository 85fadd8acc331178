/**
 * The add-ons a kubeadm cluster runs before anyone types a command (kubeadm v1.35:
 * phases/addons/proxy, phases/addons/dns, the static pod manifests), and what they change for a
 * learner: `get pods -A`, `describe node`, `drain` (kubectl pkg/drain: DaemonSet pods need
 * --ignore-daemonsets, mirror pods are passed by silently), node failures.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

function out(lab: Lab, line: string): string {
	const r = lab.exec(line);
	return r.ok ? r.output : `${r.output}${r.error}`;
}

function rows(text: string): string[][] {
	return text
		.trim()
		.split('\n')
		.slice(1)
		.map((l) => l.split(/\s+/));
}

describe('kube-system at the lab start', () => {
	it('runs kube-proxy on every node, CoreDNS twice and the static pods, all Running at 0s', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 7 });
		const pods = rows(out(lab, 'kubectl get pods -n kube-system -o wide'));
		const byName = (re: RegExp) => pods.filter((r) => re.test(r[0]!));
		const proxies = byName(/^kube-proxy-[a-z0-9]{5}$/);
		expect(proxies.map((r) => r[6]).sort()).toEqual([
			'control-plane',
			'node-1',
			'node-2',
			'node-3'
		]);
		// hostNetwork: kube-proxy's address is its node's.
		for (const r of proxies) expect(r[5]).toMatch(/^172\.18\.0\.\d$/);
		const dns = byName(/^coredns-[a-z0-9]{10}-[a-z0-9]{5}$/);
		expect(dns).toHaveLength(2);
		for (const r of dns) {
			expect(r[6]).toBe('control-plane');
			expect(r[5]).toMatch(/^10\.244\.0\.\d+$/);
		}
		for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'])
			expect(byName(new RegExp(`^${c}-control-plane$`))).toHaveLength(1);
		for (const r of pods) expect(r.slice(1, 5)).toEqual(['1/1', 'Running', '0', '0s']);
	});

	it('keeps them as they are: the controllers find nothing to create or replace', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 7 });
		const before = out(lab, 'kubectl get pods -A -o name');
		succeeds(lab, 'sim advance 2m');
		expect(out(lab, 'kubectl get pods -A -o name')).toBe(before);
		const ds = rows(out(lab, 'kubectl get ds kube-proxy -n kube-system'))[0]!;
		expect(ds.slice(1, 6)).toEqual(['4', '4', '4', '4', '4']);
		expect(rows(out(lab, 'kubectl get deploy coredns -n kube-system'))[0]!.slice(1, 4)).toEqual([
			'2/2',
			'2',
			'2'
		]);
		// No history: the add-ons were there before the lab began.
		expect(lab.exec('kubectl get events -n kube-system').error).toBe(
			'No resources found in kube-system namespace.\n'
		);
	});

	it('serves DNS at 10.96.0.10 with the CoreDNS pods as endpoints', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 7 });
		const svc = rows(out(lab, 'kubectl get svc kube-dns -n kube-system'))[0]!;
		expect(svc.slice(0, 5)).toEqual([
			'kube-dns',
			'ClusterIP',
			'10.96.0.10',
			'<none>',
			'53/UDP,53/TCP,9153/TCP'
		]);
		const slice = rows(out(lab, 'kubectl get endpointslices -n kube-system'))[0]!;
		expect(slice[3]!.split(',').sort()).toEqual(
			rows(out(lab, 'kubectl get pods -n kube-system -l k8s-app=kube-dns -o wide'))
				.map((r) => r[5]!)
				.sort()
		);
	});

	it("counts the control plane's requests in describe node (850m of 4 CPUs)", () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 7 });
		const text = out(lab, 'kubectl describe node control-plane');
		expect(text).toContain('Non-terminated Pods:          (7 in total)');
		expect(text).toContain('\n  cpu                850m (21%)  0 (0%)\n');
		expect(out(lab, 'kubectl describe node node-1')).toContain('(1 in total)');
	});

	it('leaves them out of the views, which show the learner’s workloads', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 7 });
		expect(lab.snapshot().units).toEqual([]);
		expect(lab.snapshot().workloads ?? []).toEqual([]);
		succeeds(lab, 'kubectl create deployment web --image=nginx --replicas=2');
		succeeds(lab, 'sim advance 10s');
		expect(lab.snapshot().units.map((u) => u.name.replace(/-[a-z0-9]+-[a-z0-9]+$/, ''))).toEqual([
			'web',
			'web'
		]);
	});
});

describe('drain and the add-ons', () => {
	it('refuses a node with a DaemonSet pod unless --ignore-daemonsets, as kubectl does', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 7 });
		const proxy = rows(out(lab, 'kubectl get pods -n kube-system -o wide')).find(
			(r) => r[0]!.startsWith('kube-proxy-') && r[6] === 'node-1'
		)![0]!;
		const r = lab.exec('kubectl drain node-1');
		expect(r.ok).toBe(false);
		expect(r.output + r.error).toContain(
			`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxy}`
		);
		const ok = succeeds(lab, 'kubectl drain node-1 --ignore-daemonsets');
		expect(ok.output + (ok.error ?? '')).toContain(
			`Warning: ignoring DaemonSet-managed Pods: kube-system/${proxy}`
		);
	});

	it('passes the static pods by silently and evicts CoreDNS from the control plane', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 7 });
		const r = succeeds(lab, 'kubectl drain control-plane --ignore-daemonsets');
		const text = r.output + (r.error ?? '');
		expect(text).not.toMatch(/etcd|kube-apiserver|kube-scheduler|kube-controller-manager/);
		expect(text.match(/evicting pod kube-system\/coredns-/g)).toHaveLength(2);
		succeeds(lab, 'sim advance 1m');
		const dns = rows(out(lab, 'kubectl get pods -n kube-system -l k8s-app=kube-dns -o wide'));
		expect(dns).toHaveLength(2);
		// Replaced on the workers, one per node while they can (the preferred anti-affinity).
		for (const r of dns) expect(r.slice(1, 3).concat(r[6]!)).toEqual(['1/1', 'Running', r[6]!]);
		expect(new Set(dns.map((r) => r[6]))).not.toContain('control-plane');
		expect(new Set(dns.map((r) => r[6])).size).toBe(2);
	});
});

describe('a node failure and the add-ons', () => {
	it('keeps kube-proxy on a stopped node (it tolerates every taint) and restarts it on boot', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 7 });
		const proxyOn = () =>
			rows(out(lab, 'kubectl get pods -n kube-system -o wide')).find(
				(r) => r[0]!.startsWith('kube-proxy-') && r[6] === 'node-2'
			)!;
		const name = proxyOn()[0];
		succeeds(lab, 'sim node stop node-2');
		succeeds(lab, 'sim advance 7m');
		expect(proxyOn()[0]).toBe(name);
		succeeds(lab, 'sim node start node-2');
		succeeds(lab, 'sim advance 30s');
		// The machine rebooted: the kubelet starts the pod's container again (restart 1).
		expect(proxyOn().slice(0, 4)).toEqual([name, '1/1', 'Running', '1']);
	});

	it('recreates a deleted kube-proxy pod on its node with the node’s address', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 7 });
		const find = () =>
			rows(out(lab, 'kubectl get pods -n kube-system -o wide')).filter(
				(r) => r[0]!.startsWith('kube-proxy-') && r[6] === 'node-3'
			);
		const [old] = find();
		succeeds(lab, `kubectl delete pod ${old![0]} -n kube-system`);
		succeeds(lab, 'sim advance 1m');
		const now = find();
		expect(now).toHaveLength(1);
		expect(now[0]![0]).not.toBe(old![0]);
		expect(now[0]!.slice(1, 3)).toEqual(['1/1', 'Running']);
		expect(now[0]![5]).toBe('172.18.0.5');
	});

	it('posts a deleted static pod’s mirror again at once: the kubelet runs it from a file', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 7 });
		const uid = () =>
			(
				JSON.parse(out(lab, 'kubectl get pod etcd-control-plane -n kube-system -o json')) as {
					metadata: { uid: string };
				}
			).metadata.uid;
		succeeds(lab, 'sim advance 1m');
		const before = uid();
		expect(out(lab, 'kubectl delete pod etcd-control-plane -n kube-system')).toBe(
			'pod "etcd-control-plane" deleted from kube-system namespace\n'
		);
		const row = rows(out(lab, 'kubectl get pods -n kube-system')).find(
			(r) => r[0] === 'etcd-control-plane'
		)!;
		expect(row.slice(1, 5)).toEqual(['1/1', 'Running', '0', '0s']);
		expect(uid()).not.toBe(before);
	});
});
