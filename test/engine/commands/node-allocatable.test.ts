// Node Allocatable = Capacity − kube-reserved − system-reserved − hard eviction thresholds
// (kubernetes.io reserve-compute-resources; kubelet hardEvictionReservation). kind/kubeadm
// reserve nothing, and the kubelet's default evictionHard is memory.available<100Mi,
// nodefs.available<10% (facts.md, kubelet config/v1beta1 EvictionHard).
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { parseQuantity } from '../../../src/engine/manifests/quantity';
import { succeeds } from '../lab-helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function bytes(q: string): bigint {
	const p = parseQuantity(q);
	if ('error' in p) throw new Error(p.error);
	return p.milli / 1000n;
}

describe('node allocatable', () => {
	it('is capacity less 100Mi of memory and 10 % of ephemeral storage; the rest is unchanged', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const node = JSON.parse(succeeds(lab, 'kubectl get node node-1 -o json').output) as Json;
		const { capacity, allocatable } = node.status as Json;
		expect(bytes(capacity.memory) - bytes(allocatable.memory)).toBe(100n * 1024n * 1024n);
		const storage = bytes(capacity['ephemeral-storage']);
		const held = storage - bytes(allocatable['ephemeral-storage']);
		// 10 % as a float32, truncated to whole bytes: within a byte of a tenth.
		expect(held >= storage / 10n && held <= storage / 10n + 200n).toBe(true);
		for (const r of ['cpu', 'pods', 'hugepages-2Mi', 'hugepages-1Gi'])
			expect(allocatable[r], r).toBe(capacity[r]);
	});

	it('shows in describe node: Ki for memory, plain bytes for storage', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const out = succeeds(lab, 'kubectl describe node node-1').output;
		const section = out.slice(out.indexOf('Allocatable:'), out.indexOf('System Info:'));
		expect(section).toMatch(/\n {2}memory: +8045940Ki\n/);
		expect(section).toMatch(/\n {2}ephemeral-storage: +94580335255\n/);
		expect(out).toMatch(/Capacity:\n(.*\n)*? {2}memory: +8148340Ki\n/);
	});

	it('is what the scheduler fits requests against: more memory than allocatable stays Pending', () => {
		const lab = createLab({
			flavor: 'kubernetes',
			readFile: (p) =>
				p === 'big.yaml'
					? 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: big\n    image: nginx:1.27\n    resources:\n      requests:\n        memory: 8100000Ki\n'
					: undefined
		});
		succeeds(lab, 'kubectl apply -f big.yaml');
		succeeds(lab, 'sim advance 30s');
		expect(succeeds(lab, 'kubectl get pod big').output).toMatch(/\nbig +0\/1 +Pending /);
		expect(succeeds(lab, 'kubectl describe pod big').output).toMatch(/Insufficient memory/);
	});
});
