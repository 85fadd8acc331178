/**
 * The nodes' share of a big lab (issue 3): what a Node, its Lease, its kube-proxy pod and its
 * proxy hold alike is held once, and none of it changes what a user reads — kubectl's output,
 * describe's Lease lines, `sim traffic`, time travel.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/core/kernel';
import { Rng } from '../../../src/engine/core/rng';
import { PODS } from '../../../src/engine/kubernetes/api/collections';
import { createKubernetesCluster } from '../../../src/engine/kubernetes/cluster';
import { LEASES, NODES } from '../../../src/engine/kubernetes/node-object';
import { NODE_STATUS_REPORT_FREQUENCY_MS } from '../../../src/engine/kubernetes/defaults';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

function cluster(workers: number): Kernel {
	const kernel = new Kernel(1, { latencyMs: 1, jitterMs: 2, loss: 0 });
	createKubernetesCluster(kernel, 1, workers);
	kernel.runUntil(0);
	return kernel;
}

describe('a Node and its Lease', () => {
	it('share with their next version whatever a heartbeat leaves alone', () => {
		const k = cluster(2);
		const node0 = k.store.get<Node>(NODES, 'node-1')!;
		const lease0 = k.store.get<Lease>(LEASES, 'node-1')!;
		k.runUntil(5_000);
		// The status post and Lease renewal at boot (t = 0) store what registration stored (the
		// renewal reads as the time the Lease was made with): no-ops, as etcd3's GuaranteedUpdate
		// skips a write of identical bytes, so the objects keep their versions.
		expect(k.store.get<Node>(NODES, 'node-1')).toBe(node0);
		expect(k.store.get<Lease>(LEASES, 'node-1')).toBe(lease0);
		expect(lease0.spec!.renewTime).toBe('2026-01-05T09:00:00.000000Z');
		// The next status post (nodeStatusReportFrequency) and renewals make new versions...
		k.runUntil(NODE_STATUS_REPORT_FREQUENCY_MS + 5_000);
		const node1 = k.store.get<Node>(NODES, 'node-1')!;
		const lease1 = k.store.get<Lease>(LEASES, 'node-1')!;
		expect(node1.metadata!.resourceVersion).not.toBe(node0.metadata!.resourceVersion);
		expect(lease1.metadata!.resourceVersion).not.toBe(lease0.metadata!.resourceVersion);
		// ...which hold the unchanged parts of the old ones.
		expect(node1.spec).toBe(node0.spec);
		expect(node1.metadata!.labels).toBe(node0.metadata!.labels);
		for (const part of ['addresses', 'nodeInfo', 'capacity', 'allocatable'] as const)
			expect(node1.status![part]).toBe(node0.status![part]);
	});

	it('list the kubelet endpoint every kubelet serves (port 10250), one frozen object for all', () => {
		// kubelet's --port default, 10250 (kubernetes.io/docs/reference/networking/ports-and-protocols).
		const k = cluster(3);
		const nodes = k.store.list<Node>(NODES);
		expect(nodes).toHaveLength(4);
		for (const n of nodes) {
			expect(n.status!.daemonEndpoints).toBe(nodes[0]!.status!.daemonEndpoints);
			expect(JSON.stringify(n.status!.daemonEndpoints)).toBe('{"kubeletEndpoint":{"Port":10250}}');
		}
		expect(Object.isFrozen(nodes[0]!.status!.daemonEndpoints)).toBe(true);
	});
});

describe('the kube-proxy DaemonSet’s pods', () => {
	it('carry the daemon tolerations, one frozen array shared by every pod', () => {
		// AddOrUpdateDaemonPodTolerations (pkg/controller/daemon/util/daemonset_util.go), after the
		// template's own `operator: Exists`; network-unavailable because kube-proxy is hostNetwork.
		const k = cluster(3);
		k.runUntil(5_000);
		const pods = k.store
			.list<Pod>(PODS)
			.filter((p) => p.metadata!.labels?.['k8s-app'] === 'kube-proxy');
		expect(pods).toHaveLength(4);
		const first = pods[0]!.spec!.tolerations!;
		for (const p of pods) expect(p.spec!.tolerations).toBe(first);
		expect(Object.isFrozen(first)).toBe(true);
		expect(first.map((t) => [t.key ?? '', t.operator, t.effect ?? ''])).toEqual([
			['', 'Exists', ''],
			['node.kubernetes.io/not-ready', 'Exists', 'NoExecute'],
			['node.kubernetes.io/unreachable', 'Exists', 'NoExecute'],
			['node.kubernetes.io/disk-pressure', 'Exists', 'NoSchedule'],
			['node.kubernetes.io/memory-pressure', 'Exists', 'NoSchedule'],
			['node.kubernetes.io/pid-pressure', 'Exists', 'NoSchedule'],
			['node.kubernetes.io/unschedulable', 'Exists', 'NoSchedule'],
			['node.kubernetes.io/network-unavailable', 'Exists', 'NoSchedule']
		]);
		// Each pod is still pinned to its own node (ReplaceDaemonSetPodNodeNameNodeAffinity).
		const pinned = pods.map(
			(p) =>
				p.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!
					.nodeSelectorTerms[0]!.matchFields![0]!.values![0]
		);
		expect(new Set(pinned).size).toBe(4);
	});
});

describe('time travel', () => {
	it('gives back the same nodes, Lease renewals and kube-proxy rules, back and forth', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 3, seed: 4 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=4');
		lab.advance(20_000);
		succeeds(lab, 'kubectl expose deployment web --port 80');
		lab.advance(10_000);
		succeeds(lab, 'sim traffic web 20/s');
		// What a user reads (the lines are inputs too: the trace's hash is compared at the end).
		const read = () => ({
			nodes: lab.exec('kubectl get nodes -o json').output,
			// describe shows the Lease's holder and renewTime (describe.go describeNode).
			describe: lab.exec('kubectl describe nodes').output,
			traffic: lab.exec('sim traffic').output
		});
		lab.advance(15_000);
		const at45 = read();
		succeeds(lab, 'sim node stop node-2');
		lab.advance(300_000);
		const later = read();
		expect(later.describe).toContain('NodeStatusUnknown');
		const hash = lab.traceHash();
		lab.seek(0);
		expect(lab.exec('kubectl get nodes').output).toMatch(/node-2\s+Ready/);
		lab.seek(45_000);
		expect(read()).toEqual(at45);
		lab.seek(345_000);
		expect(lab.traceHash()).toBe(hash);
		expect(read()).toEqual(later);
	});
});

describe('the random streams in a checkpoint', () => {
	it('come back as they were; a stream made after the save starts over', () => {
		const rng = new Rng(9);
		rng.stream('kubelet/node-1').next();
		const first = rng.save();
		// No stream added since: the next save shares the names.
		expect(rng.save().names).toBe(first.names);
		const expected = [rng.stream('kubelet/node-1').next(), rng.stream('kubelet/node-2').next()];
		rng.stream('kubelet/node-2').next();
		rng.load(first);
		expect([rng.stream('kubelet/node-1').next(), rng.stream('kubelet/node-2').next()]).toEqual(
			expected
		);
	});
});
