/**
 * Stopping containers: the kubelet sends SIGTERM and SIGKILLs after the grace period
 * (kuberuntime_container.go killContainer → CRI StopContainer; docs "Pod Lifecycle",
 * Termination of Pods). Servers handle SIGTERM and exit 0 at once; a shell or `sleep` running as
 * PID 1 installs no handler, so the kernel never delivers the signal (pid_namespaces(7)) and the
 * process runs until the SIGKILL: exit 137, reason Error. The same holds for liveness kills,
 * with the probe's own terminationGracePeriodSeconds when it sets one.
 */
import { describe, expect, it } from 'vitest';
import type { Lab } from '../../../../src/engine/index';
import { succeeds } from '../../lab-helpers';
import { events, getPod, labWith, podYaml, status, until } from './helpers';

/** Applies a pod, waits until it runs, deletes it; how long `kubectl delete` took. */
function deleteTakes(lab: Lab, name: string): number {
	succeeds(lab, `kubectl apply -f ${name}.yaml`);
	until(lab, () => status(lab, name)?.state?.running !== undefined);
	const before = lab.now();
	expect(succeeds(lab, `kubectl delete pod ${name}`).output).toBe(
		`pod "${name}" deleted from default namespace\n`
	);
	expect(succeeds(lab, 'kubectl get pods').output).not.toContain(name);
	return lab.now() - before;
}

describe('kubectl delete pod: SIGTERM, then SIGKILL at the end of the grace period', () => {
	it('a busybox `sleep 3600` pod takes the full 30 s; nginx goes within a second', () => {
		const lab = labWith({
			'sleeper.yaml': podYaml('sleeper', 'image: busybox:1.36\ncommand: ["sleep", "3600"]'),
			'web.yaml': podYaml('web', 'image: nginx:1.27')
		});
		const sleeper = deleteTakes(lab, 'sleeper');
		expect(sleeper).toBeGreaterThanOrEqual(30_000);
		expect(sleeper).toBeLessThan(31_000);
		expect(deleteTakes(lab, 'web')).toBeLessThan(1_000);
	});

	it('a shell script waits out the pod’s own terminationGracePeriodSeconds', () => {
		const lab = labWith({
			'script.yaml': podYaml(
				'script',
				'image: busybox:1.36\ncommand: ["sh", "-c", "echo started; sleep 3600"]',
				'terminationGracePeriodSeconds: 5'
			)
		});
		const took = deleteTakes(lab, 'script');
		expect(took).toBeGreaterThanOrEqual(5_000);
		expect(took).toBeLessThan(6_000);
	});

	it('a script that traps TERM, or a pod sharing its process namespace, stops at once', () => {
		const lab = labWith({
			'trap.yaml': podYaml(
				'trap',
				'image: busybox:1.36\ncommand: ["sh", "-c", "trap \'exit 0\' TERM; while true; do sleep 1; done"]'
			),
			// The pause container is PID 1: `sleep` gets SIGTERM's default action.
			'shared.yaml': podYaml(
				'shared',
				'image: busybox:1.36\ncommand: ["sleep", "3600"]',
				'shareProcessNamespace: true'
			),
			// tini passes the signal on to its child.
			'tini.yaml': podYaml(
				'tini',
				'image: krallin/ubuntu-tini\ncommand: ["tini", "--", "sleep", "3600"]'
			)
		});
		expect(deleteTakes(lab, 'trap')).toBeLessThan(1_000);
		expect(deleteTakes(lab, 'shared')).toBeLessThan(1_000);
		expect(deleteTakes(lab, 'tini')).toBeLessThan(1_000);
	});
});

describe('liveness kills', () => {
	const failing = (image: string, command: string, probeGrace = '') =>
		podYaml(
			'live',
			[
				`image: ${image}`,
				...(command === '' ? [] : [`command: ${command}`]),
				'livenessProbe:',
				'  exec:',
				'    command: ["cat", "/tmp/never"]',
				'  periodSeconds: 5',
				'  failureThreshold: 1',
				...(probeGrace === '' ? [] : [`  terminationGracePeriodSeconds: ${probeGrace}`])
			].join('\n')
		);

	/** Runs until the first Killing event; then the time until the restart, and the exit. */
	function killToRestart(lab: Lab) {
		succeeds(lab, 'kubectl apply -f p.yaml');
		until(lab, () => events(lab, 'Killing').length > 0);
		const took = until(lab, () => status(lab, 'live')?.restartCount === 1);
		return { took, last: status(lab, 'live')!.lastState!.terminated! };
	}

	it('a `sleep` is killed 30 s after SIGTERM: exit 137, Error', () => {
		const lab = labWith({ 'p.yaml': failing('busybox:1.36', '["sleep", "3600"]') });
		const { took, last } = killToRestart(lab);
		expect(took).toBeGreaterThanOrEqual(29_900);
		expect(took).toBeLessThanOrEqual(30_100);
		expect(last).toMatchObject({ exitCode: 137, reason: 'Error' });
		// Killing is recorded when the kill starts, with the probe's reason.
		expect(events(lab, 'Killing')[0]!.message).toBe(
			'Container app failed liveness probe, will be restarted'
		);
	});

	it('the probe’s own terminationGracePeriodSeconds overrides the pod’s', () => {
		const lab = labWith({ 'p.yaml': failing('busybox:1.36', '["sleep", "3600"]', '3') });
		const { took, last } = killToRestart(lab);
		expect(took).toBeGreaterThanOrEqual(2_900);
		expect(took).toBeLessThanOrEqual(3_100);
		expect(last).toMatchObject({ exitCode: 137, reason: 'Error' });
	});

	it('nginx exits 0 on SIGTERM at once: Completed', () => {
		const lab = labWith({ 'p.yaml': failing('nginx:1.27', '') });
		const { took, last } = killToRestart(lab);
		expect(took).toBeLessThan(1_000);
		expect(last).toMatchObject({ exitCode: 0, reason: 'Completed' });
		expect(getPod(lab, 'live').status?.phase).toBe('Running');
	});
});

describe('sidecars stopped when the app containers are done', () => {
	const withSidecar = (command: string) => `apiVersion: v1
kind: Pod
metadata:
  name: job
spec:
  restartPolicy: Never
  initContainers:
  - name: side
    image: busybox:1.36
    restartPolicy: Always
    command: ${command}
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "echo done"]
`;

	it('a `sleep` sidecar holds the pod Running until its SIGKILL, 30 s on: then Succeeded', () => {
		const lab = labWith({ 'p.yaml': withSidecar('["sleep", "3600"]') });
		succeeds(lab, 'kubectl apply -f p.yaml');
		until(
			lab,
			() => getPod(lab, 'job').status?.containerStatuses?.[0]?.state?.terminated !== undefined
		);
		expect(getPod(lab, 'job').status?.phase).toBe('Running');
		const took = until(lab, () => getPod(lab, 'job').status?.phase === 'Succeeded', 60_000);
		expect(took).toBeGreaterThan(29_000);
		expect(took).toBeLessThanOrEqual(30_100);
		expect(getPod(lab, 'job').status?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({
			exitCode: 137,
			reason: 'Error'
		});
	});

	it('a sidecar that traps TERM ends at once, exit 0', () => {
		const lab = labWith({
			'p.yaml': withSidecar('["sh", "-c", "trap \'exit 0\' TERM; while true; do sleep 1; done"]')
		});
		succeeds(lab, 'kubectl apply -f p.yaml');
		until(
			lab,
			() => getPod(lab, 'job').status?.containerStatuses?.[0]?.state?.terminated !== undefined
		);
		expect(until(lab, () => getPod(lab, 'job').status?.phase === 'Succeeded', 60_000)).toBeLessThan(
			1_000
		);
		expect(getPod(lab, 'job').status?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({
			exitCode: 0,
			reason: 'Completed'
		});
	});
});
