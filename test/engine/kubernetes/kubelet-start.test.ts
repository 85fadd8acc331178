/**
 * A pod's way from bound to Running and Ready, as the kubelet reports it: the events it records
 * (cli-formats.md's kubelet event table, v1.35: `Container created`, `Container started`; the
 * image puller's `Pulling image`, `Successfully pulled image … Image size: N bytes.` and, for an
 * image the node holds, `Container image "…" already present on machine and can be accessed by
 * the pod`, v1.33+ wording), the status it posts (Pending with ContainerCreating first, then Running
 * with the pod's IP from its node's podCIDR and the five kubelet-owned conditions), and the
 * CrashLoopBackOff message (kuberuntime_manager.go doBackOff: `back-off 10s restarting failed
 * container=NAME pod=NAME_NAMESPACE(UID)`).
 */
import { describe, expect, it } from 'vitest';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

function pods(lab: Lab): Pod[] {
	return (JSON.parse(succeeds(lab, 'kubectl get pods -o json').output) as { items: Pod[] }).items;
}

function events(lab: Lab): Event[] {
	return (JSON.parse(succeeds(lab, 'kubectl get events -o json').output) as { items: Event[] })
		.items;
}

/** The kubelet's events about one pod, oldest first, as `REASON: message`. */
function kubeletEvents(lab: Lab, pod: string): string[] {
	return events(lab)
		.filter((e) => e.involvedObject.name === pod && e.source?.component === 'kubelet')
		.map((e) => `${e.reason}: ${e.message}`);
}

/** A Go duration as printed (`2.8s`, `500ms`, `1m2.5s`) in seconds. */
function seconds(d: string): number {
	const m = /^(?:(\d+)m)?(?:([\d.]+)s)?$|^([\d.]+)ms$/.exec(d);
	if (m === null) throw new Error(`not a duration: ${d}`);
	if (m[3] !== undefined) return Number(m[3]) / 1000;
	return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

const PRESENT =
	'Pulled: Container image "nginx:1.27" already present on machine and can be accessed by the pod';

describe('a Deployment’s pods on one node', () => {
	function lab(): Lab {
		const l = createLab({ seed: 3, workers: 1 });
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=4');
		return l;
	}

	it('wait in ContainerCreating (Pending, no IP) while the image is pulled', () => {
		const l = lab();
		l.advance(300);
		const bound = pods(l).filter((p) => p.spec?.nodeName === 'node-1');
		expect(bound.length).toBe(4);
		for (const p of bound) {
			expect(p.status?.phase).toBe('Pending');
			expect(p.status?.podIP).toBeUndefined();
			expect(p.status?.containerStatuses?.[0]?.state).toEqual({
				waiting: { reason: 'ContainerCreating' }
			});
			expect(p.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
				'PodReadyToStartContainers=False',
				'Initialized=True',
				'Ready=False',
				'ContainersReady=False',
				'PodScheduled=True'
			]);
		}
	});

	// All four land while the node lacks the image, so each pod's EnsureImageExists pulls
	// (images/image_manager.go: the runtime knows an image once its pull finished), one at a
	// time (serializeImagePulls, images/puller.go serialImagePuller): the first fetches the
	// layers, the others find them there and take the registry's round trip, after waiting.
	it('each pulls, one after another on the node; the queued pulls are short and say how long they waited', () => {
		const l = lab();
		l.advance(60_000);
		const names = pods(l).map((p) => p.metadata!.name!);
		const pulls: { own: string; total: string }[] = [];
		for (const n of names) {
			const seen = kubeletEvents(l, n);
			expect(seen[0]).toBe('Pulling: Pulling image "nginx:1.27"');
			const m =
				/^Pulled: Successfully pulled image "nginx:1\.27" in (\S+) \((\S+) including waiting\)\. Image size: \d+ bytes\.$/.exec(
					seen[1] ?? ''
				);
			expect(m).not.toBeNull();
			pulls.push({ own: m![1]!, total: m![2]! });
			expect(seen.slice(2)).toEqual(['Created: Container created', 'Started: Container started']);
		}
		pulls.sort((a, b) => seconds(a.total) - seconds(b.total));
		// The first fetched the image (its own time is all of it); each next one waited for the
		// pulls before it, then took the short pull of a present image (500ms, the lab's figure).
		expect(pulls[0]!.own).toBe(pulls[0]!.total);
		for (let i = 1; i < pulls.length; i++) {
			expect(pulls[i]!.own).toBe('500ms');
			expect(seconds(pulls[i]!.total)).toBeCloseTo(seconds(pulls[0]!.total) + 0.5 * i, 3);
		}
	});

	it('a pod bound once the pull is done finds the image already present', () => {
		const l = lab();
		l.advance(60_000);
		succeeds(l, 'kubectl scale deployment web --replicas=5');
		l.advance(10_000);
		const fifth = pods(l)
			.map((p) => p.metadata!.name!)
			.find((n) => kubeletEvents(l, n)[0] === PRESENT);
		expect(fifth).toBeDefined();
		expect(kubeletEvents(l, fifth!)).toEqual([
			PRESENT,
			'Created: Container created',
			'Started: Container started'
		]);
	});

	it('run Ready with addresses from node-1’s podCIDR, each its own', () => {
		const l = lab();
		l.advance(60_000);
		const cidr = (
			JSON.parse(succeeds(l, 'kubectl get node node-1 -o json').output) as {
				spec: { podCIDR: string };
			}
		).spec.podCIDR;
		const prefix = cidr.replace(/\.0\/24$/, '.');
		const ips = new Set<string>();
		for (const p of pods(l)) {
			expect(p.status?.phase).toBe('Running');
			expect(p.status?.podIP?.startsWith(prefix)).toBe(true);
			expect(p.status?.podIPs).toEqual([{ ip: p.status?.podIP }]);
			expect(p.status?.containerStatuses?.[0]).toMatchObject({ ready: true, started: true });
			expect(p.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
				'PodReadyToStartContainers=True',
				'Initialized=True',
				'Ready=True',
				'ContainersReady=True',
				'PodScheduled=True'
			]);
			ips.add(p.status!.podIP!);
		}
		expect(ips.size).toBe(4);
	});

	it('start again after their node restarts: new containers, addresses still from its podCIDR', () => {
		const l = lab();
		l.advance(60_000);
		succeeds(l, 'sim node restart node-1');
		l.advance(120_000);
		for (const p of pods(l)) {
			expect(p.status?.phase).toBe('Running');
			expect(p.status?.podIP).toMatch(/^10\.244\.1\.\d+$/);
			expect(p.status?.containerStatuses?.[0]?.restartCount).toBe(1);
		}
	});
});

describe('a container that keeps exiting', () => {
	it('waits in CrashLoopBackOff with the kubelet’s back-off message naming the pod', () => {
		const l = createLab({
			seed: 3,
			workers: 1,
			readFile: () => `apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sh", "-c", "exit 3"]
`
		});
		succeeds(l, 'kubectl apply -f crasher.yaml');
		const crasher = () => pods(l).find((p) => p.metadata?.name === 'crasher')!;
		// The exit shows until the kubelet's next sync; then the back-off does.
		for (
			let t = 0;
			t < 120 &&
			crasher().status?.containerStatuses?.[0]?.state?.waiting?.reason !== 'CrashLoopBackOff';
			t++
		)
			l.advance(1000);
		const pod = crasher();
		const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting;
		expect(waiting?.reason).toBe('CrashLoopBackOff');
		expect(waiting?.message).toMatch(
			new RegExp(
				`^back-off \\d+s restarting failed container=c pod=crasher_default\\(${pod.metadata!.uid}\\)$`
			)
		);
	});
});
