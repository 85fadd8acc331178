/**
 * OOM kills, as the "Assign Memory Resources to Containers and Pods" task shows them
 * (kubernetes/website content/en/docs/tasks/configure-pod-container/assign-memory-resource.md,
 * fixtures beside this file): `stress --vm 1 --vm-bytes 150M` under a 200Mi limit runs;
 * `--vm-bytes 250M` under 100Mi is killed by the kernel's OOM killer — lastState terminated,
 * reason OOMKilled, exit code 137 — and restarted with the CrashLoopBackOff back-off.
 */
import { describe, expect, it } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1';
import { programFor } from '../../../../src/engine/kubernetes/kubelet/container-program';
import { PRESENT_IMAGE_PULL_MS, OOM_KILL_MS } from '../../../../src/engine/kubernetes/defaults';
import { succeeds } from '../../lab-helpers';
import { getPod, labWith, podYaml, row, status, until } from './helpers';

const NS = 'mem-example';

describe('memory-request-limit.yaml: within its limit', () => {
	it('runs, and logs stress’s start-up line', () => {
		const lab = labWith();
		succeeds(lab, `kubectl create namespace ${NS}`);
		succeeds(lab, `kubectl apply -f memory-request-limit.yaml --namespace=${NS}`);
		lab.advance(60_000);
		expect(row(lab, 'memory-demo', NS).slice(1, 4)).toEqual(['1/1', 'Running', '0']);
		expect(succeeds(lab, `kubectl logs memory-demo -n ${NS}`).output).toBe(
			'stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n'
		);
	});
});

describe('memory-request-limit-2.yaml: past its limit', () => {
	function started() {
		const lab = labWith();
		succeeds(lab, `kubectl create namespace ${NS}`);
		succeeds(lab, `kubectl apply -f memory-request-limit-2.yaml --namespace=${NS}`);
		until(lab, () => status(lab, 'memory-demo-2', NS)?.state?.running !== undefined);
		return lab;
	}

	it('is OOMKilled with exit code 137 as soon as stress allocates', () => {
		const lab = started();
		const startedAt = lab.now();
		const took = until(lab, () => status(lab, 'memory-demo-2', NS)?.restartCount === 1, 5_000, 10);
		// stress allocates at once; the kill follows within a fraction of a second, and the
		// restart after the image's pull (polinux/stress is untagged: pull policy Always).
		expect(took).toBeGreaterThanOrEqual(OOM_KILL_MS + PRESENT_IMAGE_PULL_MS);
		expect(took).toBeLessThan(1_000 + PRESENT_IMAGE_PULL_MS);
		expect(lab.now() - startedAt).toBeLessThan(1_000 + PRESENT_IMAGE_PULL_MS);
		const s = status(lab, 'memory-demo-2', NS)!;
		expect(s.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
	});

	it('shows OOMKilled, then CrashLoopBackOff, restarting with back-off', () => {
		const lab = started();
		// The docs' `memory-demo-2   0/1   OOMKilled   1   24s`: the second kill shows until the
		// kubelet's next sync reports the back-off.
		until(lab, () => status(lab, 'memory-demo-2', NS)?.restartCount === 1, 5_000);
		until(lab, () => status(lab, 'memory-demo-2', NS)?.state?.terminated !== undefined, 5_000, 10);
		expect(row(lab, 'memory-demo-2', NS).slice(1, 3)).toEqual(['0/1', 'OOMKilled']);
		const s = status(lab, 'memory-demo-2', NS)!;
		expect(s.state?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
		expect(s.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
		// Restarted after 10 s, killed again, then a 20 s back-off: CrashLoopBackOff after the sync.
		until(lab, () => status(lab, 'memory-demo-2', NS)?.restartCount === 2, 15_000);
		lab.advance(12_000);
		expect(row(lab, 'memory-demo-2', NS).slice(1, 3)).toEqual(['0/1', 'CrashLoopBackOff']);
		const describe = succeeds(lab, `kubectl describe pod memory-demo-2 -n ${NS}`).output;
		expect(describe).toMatch(
			/ {4}State: +Waiting\n {6}Reason: +CrashLoopBackOff\n {4}Last State: +Terminated\n {6}Reason: +OOMKilled\n {6}Exit Code: +137\n/
		);
		expect(describe).toMatch(/Back-off restarting failed container memory-demo-2-ctr/);
	});

	it('is not restarted under restartPolicy Never: the pod fails, OOMKilled', () => {
		const lab = labWith({
			'never.yaml': podYaml(
				'hog',
				[
					'image: polinux/stress',
					'command: ["stress", "--vm", "1", "--vm-bytes", "250M"]',
					'resources:',
					'  limits:',
					'    memory: 100Mi'
				].join('\n'),
				'restartPolicy: Never'
			)
		});
		succeeds(lab, 'kubectl apply -f never.yaml');
		lab.advance(30_000);
		expect(getPod(lab, 'hog').status?.phase).toBe('Failed');
		expect(row(lab, 'hog').slice(1, 4)).toEqual(['0/1', 'OOMKilled', '0']);
		expect(status(lab, 'hog')?.state?.terminated).toMatchObject({
			exitCode: 137,
			reason: 'OOMKilled'
		});
	});
});

describe('the rule: workers × bytes against the memory limit', () => {
	const stress = (args: string[], limit?: string): Container => ({
		name: 'c',
		image: 'polinux/stress',
		command: ['stress'],
		args,
		...(limit !== undefined ? { resources: { limits: { memory: limit } } } : {})
	});
	const oom = (c: Container) => programFor(c).steps.some((s) => s.op === 'oom');

	it('counts every --vm worker, in stress’s binary units', () => {
		expect(oom(stress(['--vm', '2', '--vm-bytes', '60M'], '100Mi'))).toBe(true);
		expect(oom(stress(['--vm', '1', '--vm-bytes', '60M'], '100Mi'))).toBe(false);
		// 100M is 100 MiB to stress: exactly the limit, not past it.
		expect(oom(stress(['-m', '1', '--vm-bytes', '100M'], '100Mi'))).toBe(false);
		expect(oom(stress(['-m', '1', '--vm-bytes', '1G'], '1000M'))).toBe(true);
		// The default --vm-bytes is 256 MiB.
		expect(oom(stress(['--vm', '1'], '200Mi'))).toBe(true);
	});

	it('never kills without a limit, nor a CPU-only stress', () => {
		expect(oom(stress(['--vm', '4', '--vm-bytes', '1G']))).toBe(false);
		expect(oom(stress(['--cpu', '2'], '10Mi'))).toBe(false);
	});

	it('stress-ng --vm … --vm-bytes is held to the same rule', () => {
		const c: Container = {
			name: 'c',
			image: 'alexeiled/stress-ng',
			command: ['stress-ng', '--vm', '1', '--vm-bytes', '300m'],
			resources: { limits: { memory: '256Mi' } }
		};
		expect(oom(c)).toBe(true);
	});

	it('a stress with --timeout within its limit exits 0 when the time is up', () => {
		const p = programFor(stress(['--vm', '1', '--vm-bytes', '10M', '--timeout', '30s'], '100Mi'));
		expect(p.steps).toEqual([
			{ op: 'sleep', ms: 30_000 },
			{ op: 'status', code: 0 }
		]);
		expect(p.then).toBe('exit');
	});
});
