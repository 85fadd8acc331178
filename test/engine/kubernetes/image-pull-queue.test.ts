/**
 * The kubelet's image pulls as the real kubelet makes them (v1.35):
 * - EnsureImageExists (pkg/kubelet/images/image_manager.go) asks the runtime whether the image is
 *   there — it is once its pull finished, not while it runs — and pulls by the container's
 *   imagePullPolicy (shouldPullImage: `Always` pulls every time; `IfNotPresent` when absent).
 * - With `serializeImagePulls: true` (the default, facts.md §1.2) the node's serialImagePuller
 *   (images/puller.go) runs one pull at a time, any image, in the order asked.
 * - The Pulled event: `Successfully pulled image %q in %v (%v including waiting). Image size: %v
 *   bytes.` — the pull's own time, then the time since it was asked for (queue included).
 * - Container IDs are 64 hex digits (containerd's CRI util.GenerateID: 32 random bytes).
 * - A tag the official image never had is `not found` (nginx: nginx.org/en/CHANGES).
 */
import { describe, expect, it } from 'vitest';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

function pods(lab: Lab): Pod[] {
	return (JSON.parse(succeeds(lab, 'kubectl get pods -o json').output) as { items: Pod[] }).items;
}

/** One pod's kubelet events, oldest first, as `SECOND REASON: message` (seconds since 0). */
function kubelet(lab: Lab, pod: string): string[] {
	const items = (
		JSON.parse(succeeds(lab, 'kubectl get events -o json').output) as { items: Event[] }
	).items;
	const t0 = Date.parse(
		(JSON.parse(succeeds(lab, 'kubectl get namespace default -o json').output) as Pod).metadata!
			.creationTimestamp!
	);
	return items
		.filter((e) => e.involvedObject.name === pod && e.source?.component === 'kubelet')
		.map((e) => `${(Date.parse(e.firstTimestamp!) - t0) / 1000} ${e.reason}: ${e.message}`);
}

/** How many times the kubelet recorded events about `pod` whose message includes `text`. */
function times(lab: Lab, pod: string, reason: string, text = ''): number {
	const items = (
		JSON.parse(succeeds(lab, 'kubectl get events -o json').output) as { items: Event[] }
	).items;
	return items
		.filter((e) => e.involvedObject.name === pod && e.reason === reason)
		.filter((e) => e.message!.includes(text))
		.reduce((n, e) => n + (e.count ?? 1), 0);
}

function onNode(lab: Lab, node: string): string[] {
	return pods(lab)
		.filter((p) => p.spec?.nodeName === node)
		.map((p) => p.metadata!.name!);
}

describe('a node still pulling an image', () => {
	// The reviewer's repro: three replicas, then five, on three workers. The two pods the scale
	// adds land on nodes whose first pull is still running.
	function repro(): Lab {
		const l = createLab({ seed: 3, workers: 3 });
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
		succeeds(l, 'kubectl scale deploy web --replicas=5');
		l.advance(10_000);
		return l;
	}

	it('does not have it yet: a pod landing then pulls too, queued behind the first pull', () => {
		const l = repro();
		for (const node of ['node-1', 'node-2', 'node-3']) {
			const names = onNode(l, node);
			const lists = names.map((n) => kubelet(l, n));
			for (const events of lists) {
				expect(events.some((e) => e.includes('already present'))).toBe(false);
				expect(events[0]).toBe('0 Pulling: Pulling image "nginx:1.27"');
			}
			// nginx:1.27 is 70 MB at the lab's 25 MB/s: 2.8s; the queued pull then takes 500ms
			// (the lab's figure for an image whose layers are there) after waiting 2.8s.
			const pulled = lists.map((e) => e[1]).sort();
			expect(pulled[0]).toBe(
				'2 Pulled: Successfully pulled image "nginx:1.27" in 2.8s (2.8s including waiting). Image size: 70000000 bytes.'
			);
			if (names.length === 2)
				expect(pulled[1]).toBe(
					'3 Pulled: Successfully pulled image "nginx:1.27" in 500ms (3.3s including waiting). Image size: 70000000 bytes.'
				);
		}
		expect(onNode(l, 'node-1').length + onNode(l, 'node-2').length).toBeGreaterThan(2);
	});

	it('starts the queued pod after its own pull, a second after it is done', () => {
		const l = repro();
		const queued = pods(l)
			.map((p) => p.metadata!.name!)
			.filter((n) => kubelet(l, n).some((e) => e.includes('3.3s including waiting')));
		expect(queued.length).toBe(2);
		for (const n of queued)
			expect(kubelet(l, n).slice(2)).toEqual([
				'4 Created: Container created',
				'4 Started: Container started'
			]);
	});

	it('queues pulls of different images too, one at a time', () => {
		const l = createLab({ seed: 3, workers: 1 });
		succeeds(l, 'kubectl run a --image=nginx:1.27');
		succeeds(l, 'kubectl run b --image=redis:7.2');
		l.advance(30_000);
		const a = kubelet(l, 'a').find((e) => e.includes(' Pulled: '))!;
		const b = kubelet(l, 'b').find((e) => e.includes(' Pulled: '))!;
		expect(a).toContain('in 2.8s (2.8s including waiting)');
		// redis:7.2's own pull, after nginx's 2.8s.
		const m = /in (\S+) \((\S+) including waiting\)/.exec(b)!;
		expect(m[1]).not.toBe(m[2]);
		expect(Number(m[2]!.replace('s', ''))).toBeCloseTo(2.8 + Number(m[1]!.replace('s', '')), 3);
	});

	it('is found there by a pod landing after the pull finished', () => {
		const l = repro();
		succeeds(l, 'kubectl scale deploy web --replicas=8');
		l.advance(10_000);
		const late = pods(l)
			.map((p) => p.metadata!.name!)
			.filter((n) => kubelet(l, n)[0]?.startsWith('10 '));
		expect(late.length).toBe(3);
		for (const n of late)
			expect(kubelet(l, n)).toEqual([
				'10 Pulled: Container image "nginx:1.27" already present on machine and can be accessed by the pod',
				'11 Created: Container created',
				'11 Started: Container started'
			]);
	});

	it('replays the same pulls after time travel back into the queue', () => {
		const l = repro();
		const before = pods(l).map((p) => kubelet(l, p.metadata!.name!));
		l.seek(3_000);
		l.seek(10_000);
		expect(pods(l).map((p) => kubelet(l, p.metadata!.name!))).toEqual(before);
	});
});

describe('imagePullPolicy Always (the default for :latest or no tag)', () => {
	it('pulls even when the node holds the image: the short pull, never "already present"', () => {
		const l = createLab({ seed: 3, workers: 1 });
		succeeds(l, 'kubectl run a --image=nginx');
		l.advance(30_000);
		succeeds(l, 'kubectl run b --image=nginx');
		l.advance(30_000);
		expect(kubelet(l, 'b').map((e) => e.replace(/^\d+ /, ''))).toEqual([
			'Pulling: Pulling image "nginx"',
			'Pulled: Successfully pulled image "nginx" in 500ms (500ms including waiting). Image size: 70000000 bytes.',
			'Created: Container created',
			'Started: Container started'
		]);
	});

	it('pulls again at every restart of a crashing container', () => {
		const l = createLab({ seed: 3, workers: 1 });
		succeeds(l, 'kubectl run crash --image=busybox -- sh -c "sleep 2; exit 1"');
		l.advance(40_000);
		expect(times(l, 'crash', 'Pulled', 'already present')).toBe(0);
		const starts = times(l, 'crash', 'Started');
		expect(starts).toBeGreaterThan(2);
		// One pull per start: the first fetched busybox, each restart asks the registry again.
		expect(times(l, 'crash', 'Pulling')).toBe(starts);
		expect(times(l, 'crash', 'Pulled', 'in 80ms (80ms including waiting)')).toBe(1);
		expect(times(l, 'crash', 'Pulled', 'in 500ms (500ms including waiting)')).toBe(starts - 1);
	});

	it('keeps IfNotPresent restarts on the image they have', () => {
		const l = createLab({ seed: 3, workers: 1 });
		succeeds(l, 'kubectl run crash --image=busybox:1.36 -- sh -c "sleep 2; exit 1"');
		l.advance(40_000);
		expect(times(l, 'crash', 'Pulling')).toBe(1);
		const starts = times(l, 'crash', 'Started');
		expect(starts).toBeGreaterThan(2);
		expect(times(l, 'crash', 'Pulled', 'already present')).toBe(starts - 1);
	});
});

describe('container IDs', () => {
	function lab(seed: number): Lab {
		const l = createLab({ seed, workers: 1 });
		succeeds(l, 'kubectl run web --image=nginx:1.27');
		l.advance(10_000);
		return l;
	}
	const idOf = (l: Lab) =>
		/^ {4}Container ID: +(\S+)$/m.exec(succeeds(l, 'kubectl describe pod web').output)?.[1];

	it('are containerd:// and 64 hex digits, the same for the same seed, not a counter', () => {
		const id = idOf(lab(1));
		expect(id).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
		expect(id).not.toMatch(/0{16}/);
		expect(idOf(lab(1))).toBe(id);
		expect(idOf(lab(2))).not.toBe(id);
	});

	it('change when the container is created again', () => {
		const l = createLab({ seed: 1, workers: 1 });
		succeeds(l, 'kubectl run crash --image=busybox:1.36 -- sh -c "sleep 2; exit 1"');
		l.advance(4_000);
		const yaml = () => succeeds(l, 'kubectl get pod crash -o yaml').output;
		const first = /containerID: (\S+)/.exec(yaml())![1];
		l.advance(30_000);
		const ids = [...yaml().matchAll(/containerID: (\S+)/g)].map((m) => m[1]);
		expect(ids.length).toBeGreaterThan(0);
		expect(ids).not.toContain(undefined);
		expect(ids[0]).not.toBe(first);
	});
});

describe('tags of the official nginx image', () => {
	it('run when nginx released them, and are not found when it never did', () => {
		const l = createLab({ seed: 1, workers: 1 });
		succeeds(l, 'kubectl run ok --image=nginx:1.27.5');
		succeeds(l, 'kubectl run typo --image=nginx:1.27.99');
		succeeds(l, 'kubectl run never --image=nginx:1.18.1');
		l.advance(10_000);
		const status = (name: string) =>
			pods(l).find((p) => p.metadata!.name === name)!.status!.containerStatuses![0]!.state!;
		expect(status('ok').running).toBeDefined();
		for (const [name, tag] of [
			['typo', '1.27.99'],
			['never', '1.18.1']
		] as const) {
			expect(status(name).waiting?.reason).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
			expect(
				kubelet(l, name).some((e) =>
					e.includes(
						`Failed to pull image "nginx:${tag}": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:${tag}": failed to resolve reference "docker.io/library/nginx:${tag}": docker.io/library/nginx:${tag}: not found`
					)
				)
			).toBe(true);
		}
	});
});
