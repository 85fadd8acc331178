// `kubectl logs --timestamps | --since | --since-time | --all-containers` (kubectl logs.go;
// the kubelet's ReadLogs): each line led by its RFC3339Nano time, only the lines at
// or after the cutoff, every container in turn, and kubectl's errors.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

function ticking(): Lab {
	const lab = createLab({ flavor: 'kubernetes', seed: 1 });
	succeeds(
		lab,
		`kubectl run c --image=busybox -- sh -c 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 5; done'`
	);
	lab.advance(32_000);
	return lab;
}

describe('kubectl logs time window', () => {
	it('prints each line with the time it was written', () => {
		const lab = ticking();
		const out = succeeds(lab, 'kubectl logs c --timestamps').output.split('\n');
		expect(out[0]).toMatch(/^2026-01-05T09:00:0\dZ tick 0$/);
		const seconds = out.slice(0, -1).map((l) => Number(l.slice(17, 19)));
		// One line every 5 s, as the script sleeps.
		for (let i = 1; i < seconds.length; i++) expect(seconds[i]! - seconds[i - 1]!).toBe(5);
	});

	it('keeps only the lines at or after --since or --since-time', () => {
		const lab = ticking();
		const all = succeeds(lab, 'kubectl logs c --timestamps').output.trimEnd().split('\n');
		const recent = succeeds(lab, 'kubectl logs c --since=12s --timestamps')
			.output.trimEnd()
			.split('\n');
		// The last 12 s of a line every 5 s: two or three lines, the newest of them all.
		expect(recent.length).toBeGreaterThanOrEqual(2);
		expect(recent.length).toBeLessThanOrEqual(3);
		expect(recent).toEqual(all.slice(-recent.length));
		const from = all[3]!.slice(0, 20);
		expect(succeeds(lab, `kubectl logs c --since-time=${from} --timestamps`).output).toBe(
			all.slice(3).join('\n') + '\n'
		);
	});

	it('refuses what kubectl refuses, changing nothing', () => {
		const lab = ticking();
		expect(fails(lab, 'kubectl logs c --since=1m --since-time=2026-01-05T09:00:20Z').error).toBe(
			'error: at most one of `sinceTime` or `sinceSeconds` may be specified\n'
		);
		expect(fails(lab, 'kubectl logs c --since=abc').error).toBe(
			'error: invalid argument "abc" for "--since" flag: time: invalid duration "abc"\nSee \'kubectl logs --help\' for usage.\n'
		);
		expect(fails(lab, 'kubectl logs c --all-containers -c c').error).toBe(
			'error: --all-containers=true should not be specified with container name c\n'
		);
	});

	it('--all-containers prints the init containers, then the others', () => {
		const lab = createLab({
			flavor: 'kubernetes',
			seed: 1,
			readFile: () => `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  initContainers:
  - name: setup
    image: busybox
    command: ['sh', '-c', 'echo setting up']
  containers:
  - name: app
    image: busybox
    command: ['sh', '-c', 'echo app running; sleep 3600']
`
		});
		succeeds(lab, 'kubectl apply -f two.yaml');
		lab.advance(20_000);
		expect(succeeds(lab, 'kubectl logs two --all-containers').output).toBe(
			'setting up\napp running\n'
		);
		expect(succeeds(lab, 'kubectl logs two --all-containers --prefix').output).toBe(
			'[pod/two/setup] setting up\n[pod/two/app] app running\n'
		);
	});
});
