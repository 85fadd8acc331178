/**
 * A pod's IP comes with its sandbox, which kuberuntime's SyncPod creates before it pulls any
 * image: a pod whose pull failed has an IP (`kubectl get pods -o wide` shows it beside
 * ImagePullBackOff), and its Service's EndpointSlice lists it, not ready.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

function onlyPod(lab: ReturnType<typeof createLab>): Pod {
	const list = JSON.parse(succeeds(lab, 'kubectl get pods -o json').output) as { items: Pod[] };
	expect(list.items).toHaveLength(1);
	return list.items[0]!;
}

describe("a pod's sandbox IP", () => {
	it('is there once the first pull has failed, before any container runs', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 1, seed: 1 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.277');
		succeeds(lab, 'kubectl expose deployment web --port 80');
		// Bound, the pull under way: the first status has no IP yet (ContainerCreating).
		lab.advance(100);
		expect(onlyPod(lab).status?.podIP).toBeUndefined();
		lab.advance(30_000);
		const pod = onlyPod(lab);
		expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
		// node-1's pod CIDR is 10.244.1.0/24; host-local hands out .2 first.
		expect(pod.status?.podIP).toBe('10.244.1.2');
		expect(pod.status?.podIPs).toEqual([{ ip: '10.244.1.2' }]);
		const wide = succeeds(lab, 'kubectl get pods -o wide').output.split('\n')[1]!;
		expect(wide).toMatch(/ImagePullBackOff\s+0\s+\S+\s+10\.244\.1\.2\s+node-1\s/);
		const slices = JSON.parse(
			succeeds(lab, 'kubectl get endpointslices -l kubernetes.io/service-name=web -o json').output
		) as { items: EndpointSlice[] };
		const endpoints = slices.items.flatMap((s) => s.endpoints ?? []);
		expect(endpoints.map((e) => [e.addresses, e.conditions?.ready])).toEqual([
			[['10.244.1.2'], false]
		]);
	});

	it('is the one the pod keeps: a pod that starts at once gets one address, not two', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 1, seed: 1 });
		succeeds(lab, 'kubectl run a --image=nginx:1.27');
		succeeds(lab, 'kubectl run b --image=nginx:1.27');
		lab.advance(30_000);
		const ips = JSON.parse(succeeds(lab, 'kubectl get pods -o json').output) as { items: Pod[] };
		expect(ips.items.map((p) => p.status?.podIP).sort()).toEqual(['10.244.1.2', '10.244.1.3']);
	});
});
