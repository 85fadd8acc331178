/**
 * Containers behave by their spec (design.md §3) and the kubelet restarts them with the real
 * back-off (facts.md §1.2: immediately, then 10 s doubling to 300 s; reset after 10 min).
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { programFor } from '../../../src/engine/kubernetes/kubelet/container-program';
import { restartDelay } from '../../../src/engine/kubernetes/kubelet/crash-backoff';

function onlyPod(lab: Lab): Pod {
	const items = (JSON.parse(lab.exec('kubectl get pods -o json').output) as { items: Pod[] }).items;
	expect(items).toHaveLength(1);
	return items[0]!;
}

describe('restartDelay', () => {
	it('is 0, 10, 20, 40, 80, 160, 300, 300 s', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 8].map(restartDelay)).toEqual(
			[0, 10, 20, 40, 80, 160, 300, 300].map((s) => s * 1000)
		);
	});
});

describe('programFor', () => {
	it('reads the corpus exec-liveness script', () => {
		const p = programFor({
			name: 'liveness',
			image: 'k8s.gcr.io/busybox',
			args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600']
		});
		expect(p.steps).toEqual([
			{ op: 'touch', path: '/tmp/healthy' },
			{ op: 'sleep', ms: 30_000 },
			{ op: 'rm', path: '/tmp/healthy' },
			{ op: 'sleep', ms: 600_000 },
			{ op: 'status', code: 0 }
		]);
		expect(p.then).toBe('exit');
	});

	it('runs servers, loops and sleep infinity until stopped', () => {
		expect(programFor({ name: 'a', image: 'nginx:1.27' }).then).toBe('serve');
		expect(
			programFor({
				name: 'a',
				image: 'busybox',
				command: ['sh', '-c', 'while true; do sleep 1; done']
			}).then
		).toBe('serve');
		expect(programFor({ name: 'a', image: 'busybox', command: ['sleep', 'infinity'] }).then).toBe(
			'serve'
		);
	});

	it('lets busybox with no command exit at once, as its default sh does', () => {
		expect(programFor({ name: 'a', image: 'busybox' })).toMatchObject({
			steps: [{ op: 'status', code: 0 }],
			then: 'exit'
		});
	});

	it('gives unknown shell commands status 127', () => {
		expect(
			programFor({ name: 'a', image: 'busybox', command: ['sh', '-c', 'frobnicate'] }).steps
		).toEqual([{ op: 'status', code: 127 }]);
	});
});

describe('a crashing container', () => {
	it('restarts after 0, 10, 20, 40, 80, 160, 300, 300 s and shows CrashLoopBackOff', () => {
		const lab = createLab({ seed: 4 });
		lab.exec('kubectl create deployment crash --image=busybox:1.36 -- sh -c "exit 1"');
		const starts: number[] = [];
		let last = -1;
		while (lab.now() < 20 * 60_000) {
			lab.advance(100);
			const status = onlyPod(lab).status?.containerStatuses?.[0];
			if (status?.restartCount !== undefined && status.restartCount !== last) {
				last = status.restartCount;
				starts.push(lab.now());
			}
		}
		const gaps = starts.slice(2).map((t, i) => Math.round((t - starts[i + 1]!) / 1000));
		expect(gaps.slice(0, 7)).toEqual([10, 20, 40, 80, 160, 300, 300]);
		const text = lab.exec('kubectl get pods').output;
		expect(text).toMatch(/0\/1\s+CrashLoopBackOff\s+\d+ \(\S+ ago\)/);
		const terminated = onlyPod(lab).status!.containerStatuses![0]!.lastState!.terminated!;
		expect(terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
	});

	it('reports the exit code of the last run', () => {
		const lab = createLab();
		lab.exec('kubectl create deployment once --image=busybox -- sh -c "exit 3"');
		lab.advance(5_000);
		expect(onlyPod(lab).status!.containerStatuses![0]!.lastState!.terminated!.exitCode).toBe(3);
	});
});

describe('an image typo (design.md §3, facts.md §1.2)', () => {
	it('ends in ErrImagePull then ImagePullBackOff, retried with the image back-off, and set image fixes it', () => {
		const lab = createLab();
		lab.exec('kubectl create deployment web --image=nginx:1.277');
		lab.advance(1_500);
		expect(lab.exec('kubectl get pods').output).toMatch(/0\/1\s+ErrImagePull\s+0/);
		lab.advance(1_000);
		expect(lab.exec('kubectl get pods').output).toMatch(/0\/1\s+ImagePullBackOff\s+0/);
		const failures = () =>
			lab
				.events()
				.filter((e) => e.kind === 'image.pullfailed')
				.map((e) => e.t);
		lab.advance(5 * 60_000);
		const t = failures();
		// 10 s, 20 s, 40 s … between attempts (each attempt takes the registry's 1 s answer).
		const gaps = t.slice(1).map((x, i) => Math.round((x - t[i]!) / 1000) - 1);
		expect(gaps.slice(0, 4)).toEqual([10, 20, 40, 80]);
		const waiting = onlyPod(lab).status!.containerStatuses![0]!.state!.waiting!;
		expect(waiting).toEqual({
			reason: 'ImagePullBackOff',
			message: 'Back-off pulling image "nginx:1.277"'
		});
		expect(lab.exec('kubectl set image deployment/web nginx=nginx:1.27').output).toBe(
			'deployment.apps/web image updated\n'
		);
		lab.advance(20_000);
		expect(lab.exec('kubectl get pods').output).toMatch(/^web-\S+\s+1\/1\s+Running\s+0\s+\S+$/m);
		expect(onlyPod(lab).spec!.containers[0]!.image).toBe('nginx:1.27');
	});

	it('announces every pull attempt, the failing ones too, before its failure (image_manager.go)', () => {
		const lab = createLab();
		lab.exec('kubectl create deployment web --image=nginx:1.277');
		lab.advance(2 * 60_000);
		const events = JSON.parse(lab.exec('kubectl get events -o json').output) as {
			items: { reason: string; message: string; count: number; firstTimestamp: string }[];
		};
		const pulling = events.items.find((e) => e.reason === 'Pulling');
		const failed = events.items.find((e) => e.message.startsWith('Failed to pull image'));
		expect(pulling?.message).toBe('Pulling image "nginx:1.277"');
		expect(pulling?.count).toBe(failed?.count);
		expect(pulling!.count).toBeGreaterThan(1);
		expect(Date.parse(pulling!.firstTimestamp)).toBeLessThanOrEqual(
			Date.parse(failed!.firstTimestamp)
		);
	});

	it('an unknown registry host fails with no such host', () => {
		const lab = createLab();
		lab.exec('kubectl create deployment web --image=registry.example.invalid/web:1');
		lab.advance(1_500);
		const waiting = onlyPod(lab).status!.containerStatuses![0]!.state!.waiting!;
		expect(waiting.reason).toBe('ErrImagePull');
		expect(waiting.message).toMatch(/lookup registry\.example\.invalid: no such host$/);
	});
});

describe('kubectl get events (cli-formats.md §2.9, §3.7)', () => {
	it('records what the scheduler, controllers and kubelet did, in kubectl columns, aggregating repeats', () => {
		const lab = createLab();
		lab.exec('kubectl create deployment web --image=nginx:1.277');
		lab.advance(60_000);
		const text = lab.exec('kubectl get events').output;
		const lines = text.trim().split('\n');
		expect(lines[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
		for (const [type, reason, message] of [
			['Normal', 'Scheduled', /Successfully assigned default\/web-\S+ to node-\d/],
			['Warning', 'Failed', /Error: ErrImagePull/],
			['Normal', 'BackOff', /Back-off pulling image "nginx:1\.277"/],
			['Normal', 'SuccessfulCreate', /Created pod: web-/],
			['Normal', 'ScalingReplicaSet', /Scaled up replica set web-\S+ from 0 to 1$/]
		] as const) {
			expect(
				lines.some((l) => l.includes(` ${type} `) && l.includes(` ${reason} `) && message.test(l)),
				reason
			).toBe(true);
		}
		const events = JSON.parse(lab.exec('kubectl get events -o json').output) as {
			items: { reason: string; count: number }[];
		};
		expect(events.items.find((e) => e.reason === 'BackOff')!.count).toBeGreaterThan(1);
	});
});
