/** `kubectl describe node` (describe.go describeNode, describeNodeResource; cli-formats.md §3.3). */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Kernel } from '../../core/kernel';
import { PODS } from '../../kubernetes/api/collections';
import { LEASES } from '../../kubernetes/node-object';
import { formatQuantity, parseQuantity, type Quantity } from '../../manifests/quantity';
import { eventsFor, writeEvents } from './describe-events';
import {
	DescribeWriter,
	rfc1123z,
	writeAnnotations,
	writeLabels,
	writeList
} from './describe-writer';
import { ageOf, nodeRoles } from './node-printer';

export function describeNode(kernel: Kernel, node: Node, showEvents = true): string {
	const w = new DescribeWriter();
	const name = node.metadata!.name!;
	w.write(0, `Name:\t${name}\n`);
	w.write(0, `Roles:\t${nodeRoles(node)}\n`);
	writeLabels(w, 'Labels', node.metadata?.labels);
	writeAnnotations(w, 'Annotations', node.metadata?.annotations);
	w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata?.creationTimestamp)}\n`);
	const taints = [...(node.spec?.taints ?? [])].sort((a, b) => {
		const x = `${a.effect},${a.key}`;
		const y = `${b.effect},${b.key}`;
		return x < y ? -1 : x > y ? 1 : 0;
	});
	writeList(
		w,
		'Taints',
		taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)
	);
	w.write(0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
	const lease = kernel.store.get<Lease>(LEASES, name);
	w.write(0, 'Lease:\n');
	w.write(1, `HolderIdentity:\t${lease?.spec?.holderIdentity ?? '<unset>'}\n`);
	w.write(
		1,
		`AcquireTime:\t${lease?.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`
	);
	w.write(
		1,
		`RenewTime:\t${lease?.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`
	);
	const conditions = node.status?.conditions ?? [];
	if (conditions.length > 0) {
		w.write(
			0,
			'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n'
		);
		w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
		for (const c of conditions) {
			w.write(
				1,
				`${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`
			);
		}
	}
	w.write(0, 'Addresses:\n');
	for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
	for (const [title, list] of [
		['Capacity', node.status?.capacity],
		['Allocatable', node.status?.allocatable]
	] as const) {
		const names = Object.keys(list ?? {}).sort();
		if (names.length === 0) continue;
		w.write(0, `${title}:\n`);
		for (const n of names) w.write(1, `${n}:\t${list![n]}\n`);
	}
	const info = node.status?.nodeInfo;
	w.write(0, 'System Info:\n');
	w.write(1, `Machine ID:\t${info?.machineID ?? ''}\n`);
	w.write(1, `System UUID:\t${info?.systemUUID ?? ''}\n`);
	w.write(1, `Boot ID:\t${info?.bootID ?? ''}\n`);
	w.write(1, `Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
	w.write(1, `OS Image:\t${info?.osImage ?? ''}\n`);
	w.write(1, `Operating System:\t${info?.operatingSystem ?? ''}\n`);
	w.write(1, `Architecture:\t${info?.architecture ?? ''}\n`);
	w.write(1, `Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
	w.write(1, `Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
	w.write(1, `Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
	if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
	if ((node.spec?.podCIDRs ?? []).length > 0)
		w.write(0, `PodCIDRs:\t${node.spec!.podCIDRs!.join(',')}\n`);
	if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
	writeNodeResources(w, kernel, node);
	writeEvents(w, showEvents && eventsFor(kernel, { kind: 'Node', name }), kernel.now);
	return w.toString();
}

type Totals = Map<string, Quantity>;

/** Non-terminated Pods and Allocated resources, percentages of allocatable truncated. */
function writeNodeResources(w: DescribeWriter, kernel: Kernel, node: Node): void {
	const pods = kernel.store
		.list<Pod>(PODS)
		.filter(
			(p) =>
				p.spec?.nodeName === node.metadata?.name &&
				p.status?.phase !== 'Succeeded' &&
				p.status?.phase !== 'Failed'
		)
		.sort((a, b) => {
			const x = `${a.metadata?.namespace}/${a.metadata?.name}`;
			const y = `${b.metadata?.namespace}/${b.metadata?.name}`;
			return x < y ? -1 : x > y ? 1 : 0;
		});
	const allocatable = quantities(node.status?.allocatable ?? node.status?.capacity);
	const cell = (totals: Totals, resource: string) => {
		const q = totals.get(resource) ?? zero(resource);
		const of = allocatable.get(resource)?.milli ?? 0n;
		const percent = of === 0n ? 0n : (q.milli * 100n) / of;
		return `${formatQuantity(q)} (${percent}%)`;
	};
	w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
	w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
	w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
	const requests: Totals = new Map();
	const limits: Totals = new Map();
	for (const pod of pods) {
		const r = podTotals(pod, 'requests');
		const l = podTotals(pod, 'limits');
		add(requests, r);
		add(limits, l);
		w.write(
			1,
			`${pod.metadata?.namespace ?? 'default'}\t${pod.metadata?.name}\t\t${cell(r, 'cpu')}\t${cell(l, 'cpu')}\t${cell(r, 'memory')}\t${cell(l, 'memory')}\t${ageOf(pod.metadata?.creationTimestamp, kernel.now)}\n`
		);
	}
	w.write(
		0,
		'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n'
	);
	w.write(1, 'Resource\tRequests\tLimits\n');
	w.write(1, '--------\t--------\t------\n');
	const hugePages = [...allocatable.keys()].filter((k) => k.startsWith('hugepages-')).sort();
	for (const resource of ['cpu', 'memory', 'ephemeral-storage', ...hugePages])
		w.write(1, `${resource}\t${cell(requests, resource)}\t${cell(limits, resource)}\n`);
}

function quantities(list: Record<string, string | number> | undefined): Totals {
	const out: Totals = new Map();
	for (const [k, v] of Object.entries(list ?? {})) {
		const q = parseQuantity(String(v));
		if (!('error' in q)) out.set(k, q);
	}
	return out;
}

function zero(resource: string): Quantity {
	return { milli: 0n, format: resource === 'cpu' ? 'DecimalSI' : 'BinarySI' };
}

/** resourcehelper.PodRequestsAndLimits: containers summed, at least the largest init container. */
function podTotals(pod: Pod, which: 'requests' | 'limits'): Totals {
	const sum: Totals = new Map();
	for (const c of pod.spec?.containers ?? []) add(sum, quantities(c.resources?.[which]));
	for (const c of pod.spec?.initContainers ?? []) {
		for (const [k, q] of quantities(c.resources?.[which])) {
			const have = sum.get(k);
			if (have === undefined || have.milli < q.milli) sum.set(k, q);
		}
	}
	return sum;
}

/** Quantity.Add: the sum keeps the format of the first operand. */
function add(into: Totals, more: Totals): void {
	for (const [k, q] of more) {
		const have = into.get(k);
		into.set(k, have === undefined ? q : { milli: have.milli + q.milli, format: have.format });
	}
}
