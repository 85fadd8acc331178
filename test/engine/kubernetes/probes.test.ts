/**
 * Liveness, readiness and startup probes (facts.md §1.3: period 10 s, timeout 1 s, success 1,
 * failure 3, initial delay 0; a startup probe holds the others back and kills after
 * failureThreshold × period) and the corpus rows of shared/corpus/SOURCES.md for
 * exec-liveness.yaml (fails at ≈35/40/45 s, RESTARTS=1 at ≈45–50 s, then back-off) and
 * http-liveness.yaml (500 from 10 s after start, restart after 3 failures 3 s apart).
 */
import { describe, expect, it } from 'vitest';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { LAB_EPOCH_MS } from '../../../src/engine/core/time';
import { corpusAvailable, corpusFiles, SKIP_REASON } from '../manifests/corpus';

const corpus = new Map(corpusFiles().map((f) => [f.name, f.text]));

function labWith(files: Record<string, string> = {}): Lab {
	return createLab({ seed: 3, readFile: (p) => files[p] ?? corpus.get(p) });
}

function pod(lab: Lab): Pod {
	const items = (JSON.parse(lab.exec('kubectl get pods -o json').output) as { items: Pod[] }).items;
	expect(items).toHaveLength(1);
	return items[0]!;
}

function events(lab: Lab, reason: string): Event[] {
	const all = (JSON.parse(lab.exec('kubectl get events -o json').output) as { items: Event[] })
		.items;
	return all.filter((e) => e.reason === reason);
}

function condition(p: Pod, type: string): string | undefined {
	return p.status?.conditions?.find((c) => c.type === type)?.status;
}

/**
 * Runs the lab `ms` in `step`s and returns when each matching event happened again (times since
 * the start of the call, in ms, to within one step).
 */
function watchEvents(
	lab: Lab,
	ms: number,
	match: (e: Event) => boolean,
	step = 250
): { times: number[]; restarts: { t: number; count: number }[] } {
	const start = lab.now();
	const times: number[] = [];
	const restarts: { t: number; count: number }[] = [];
	let seen = 0;
	let lastRestarts = 0;
	while (lab.now() - start < ms) {
		lab.advance(step);
		const all = (JSON.parse(lab.exec('kubectl get events -o json').output) as { items: Event[] })
			.items;
		const count = all.filter(match).reduce((n, e) => n + (e.count ?? 1), 0);
		for (; seen < count; seen++) times.push(lab.now() - start);
		const r = pod(lab).status?.containerStatuses?.[0]?.restartCount ?? 0;
		if (r !== lastRestarts) {
			restarts.push({ t: lab.now() - start, count: r });
			lastRestarts = r;
		}
	}
	return { times, restarts };
}

/** Lab time (ms since the lab started) of an API timestamp. */
function labTime(timestamp: string | undefined): number {
	return Date.parse(timestamp!) - LAB_EPOCH_MS;
}

const within = (t: number, lo: number, hi: number) => t >= lo && t <= hi;

describe.skipIf(!corpusAvailable)(
	`corpus probe rows (${corpusAvailable ? 'SOURCES.md' : SKIP_REASON})`,
	() => {
		// SOURCES.md says RESTARTS=1 at about 45–50 s, but the kill is SIGTERM then SIGKILL after the
		// pod's 30 s grace period (kuberuntime_container.go killContainer), and `sh` as PID 1 has no
		// SIGTERM handler: the container ends, and restarts, at ≈75 s — the docs' "wait another 30
		// seconds" and `RESTARTS 1, AGE 1m`.
		it('exec-liveness.yaml: fails at ≈35/40/45 s, RESTARTS=1 at ≈75–80 s, then restarts with back-off', () => {
			const lab = labWith();
			lab.exec('kubectl apply -f exec-liveness.yaml');
			const { times, restarts } = watchEvents(
				lab,
				170_000,
				(e) =>
					e.reason === 'Unhealthy' && /^Liveness probe failed: cat: can't open/.test(e.message!)
			);
			// The first three failures, about 5 s apart, from about 35 s (file removed at 30 s + pull).
			expect(within(times[0]!, 34_000, 36_500)).toBe(true);
			expect(within(times[1]! - times[0]!, 4_500, 5_500)).toBe(true);
			expect(within(times[2]! - times[1]!, 4_500, 5_500)).toBe(true);
			// The image has no tag, so imagePullPolicy Always: each restart pulls it first (image
			// registry round trip, 500 ms in the lab: image_manager.go shouldPullImage).
			expect(within(restarts[0]!.t - times[2]!, 30_250, 30_750)).toBe(true);
			expect(restarts[0]!.count).toBe(1);
			// The second run fails the same way 30 s after it starts; killed 30 s after SIGTERM, it
			// then waits out a 10 s back-off.
			expect(restarts[1]!.count).toBe(2);
			const secondKill = times[5]!;
			expect(within(restarts[1]!.t - secondKill, 40_000, 41_000)).toBe(true);
			const status = pod(lab).status!.containerStatuses![0]!;
			expect(status.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
			const killing = events(lab, 'Killing').find((e) => /failed liveness probe/.test(e.message!));
			expect(killing?.message).toBe('Container liveness failed liveness probe, will be restarted');
		});

		it('http-liveness.yaml: 500 from 10 s after start, restarted after 3 failures 3 s apart', () => {
			const lab = labWith();
			lab.exec('kubectl apply -f http-liveness.yaml');
			lab.advance(5_000);
			const startedAt = labTime(pod(lab).status!.containerStatuses![0]!.state!.running!.startedAt);
			const { times, restarts } = watchEvents(
				lab,
				60_000,
				(e) =>
					e.reason === 'Unhealthy' &&
					e.message === 'Liveness probe failed: HTTP probe failed with statuscode: 500'
			);
			// Every failure comes after the server's 10 healthy seconds, within one period of them.
			const first = times[0]! + 5_000 - startedAt;
			expect(within(first, 10_000, 13_250)).toBe(true);
			expect(within(times[1]! - times[0]!, 2_750, 3_250)).toBe(true);
			expect(within(times[2]! - times[1]!, 2_750, 3_250)).toBe(true);
			// The third failure has it stopped: the Go server ends on SIGTERM at once, and the first
			// restart is immediate, after the pull every start of an untagged image makes
			// (imagePullPolicy Always: 500 ms in the lab, image_manager.go shouldPullImage).
			expect(restarts[0]!.count).toBe(1);
			expect(within(restarts[0]!.t - times[2]!, 500, 1_250)).toBe(true);
			// The next run is healthy for 10 s again, then killed again, then backs off 10 s.
			expect(within(times[5]! - restarts[0]!.t, 12_000, 19_000)).toBe(true);
			expect(within(restarts[1]!.t - times[5]!, 10_750, 11_250)).toBe(true);
		});
	}
);

/** A one-container pod manifest with the given container fields (YAML, indented for a container). */
function podYaml(name: string, container: string): string {
	return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
${container
	.trim()
	.split('\n')
	.map((l) => `    ${l}`)
	.join('\n')}
`;
}

describe('probe defaults (facts.md §1.3)', () => {
	it('a liveness probe with no settings probes every 10 s and kills after 3 failures', () => {
		const lab = labWith({
			'p.yaml': podYaml('web', 'image: nginx:1.27\nlivenessProbe:\n  tcpSocket:\n    port: 80')
		});
		lab.exec('kubectl apply -f p.yaml');
		lab.advance(30_000);
		expect(events(lab, 'Unhealthy')).toHaveLength(0);
		lab.exec('sim unhealthy pod web');
		const { times, restarts } = watchEvents(lab, 45_000, (e) => e.reason === 'Unhealthy');
		expect(times.length).toBeGreaterThanOrEqual(3);
		expect(within(times[1]! - times[0]!, 9_750, 10_250)).toBe(true);
		expect(within(times[2]! - times[1]!, 9_750, 10_250)).toBe(true);
		// nginx stops on SIGTERM at once (exit 0), then restarts.
		expect(restarts[0]!.count).toBe(1);
		expect(within(restarts[0]!.t - times[2]!, 0, 750)).toBe(true);
		// pkg/probe/tcp: Go's dial error, with the pod's IP and the port.
		const ip = pod(lab).status!.podIP!;
		expect(events(lab, 'Unhealthy')[0]!.message).toBe(
			`Liveness probe failed: dial tcp ${ip}:80: connect: connection refused`
		);
	});
});

describe('readiness probes drive Ready and ContainersReady', () => {
	it('not ready before the initial delay, ready after, not ready after 3 failures — never restarted', () => {
		const lab = labWith({
			'p.yaml': podYaml(
				'web',
				'image: nginx:1.27\nreadinessProbe:\n  httpGet:\n    port: 80\n  initialDelaySeconds: 8\n  periodSeconds: 2'
			)
		});
		lab.exec('kubectl apply -f p.yaml');
		let readyAt: number | undefined;
		let startedAt: number | undefined;
		while (lab.now() < 30_000 && readyAt === undefined) {
			lab.advance(250);
			const p = pod(lab);
			const running = p.status?.containerStatuses?.[0]?.state?.running;
			if (running !== undefined) startedAt ??= labTime(running.startedAt);
			if (condition(p, 'Ready') === 'True') readyAt = lab.now();
			else if (startedAt !== undefined) {
				expect(condition(p, 'ContainersReady')).toBe('False');
				expect(lab.exec('kubectl get pods').output).toMatch(/^web\s+0\/1\s+Running\s+0\s/m);
			}
		}
		expect(startedAt).toBeDefined();
		// The first probe after the 8 s delay, on the worker's 2 s grid.
		expect(within(readyAt! - startedAt!, 8_000, 10_250)).toBe(true);
		expect(condition(pod(lab), 'ContainersReady')).toBe('True');
		expect(lab.exec('kubectl get pods').output).toMatch(/^web\s+1\/1\s+Running\s+0\s/m);
		lab.exec('sim unhealthy pod web');
		lab.advance(4_100);
		expect(condition(pod(lab), 'Ready')).toBe('True'); // two failures are not enough
		lab.advance(2_000);
		const p = pod(lab);
		expect(condition(p, 'Ready')).toBe('False');
		expect(condition(p, 'ContainersReady')).toBe('False');
		expect(p.status!.containerStatuses![0]!.restartCount).toBe(0);
		expect(events(lab, 'Unhealthy')[0]!.message).toMatch(/^Readiness probe failed: /);
	});

	it('a readiness probe without a delay makes the container ready as soon as it starts', () => {
		const lab = labWith({
			'p.yaml': podYaml('web', 'image: nginx:1.27\nreadinessProbe:\n  httpGet:\n    port: 80')
		});
		lab.exec('kubectl apply -f p.yaml');
		while (pod(lab).status?.containerStatuses?.[0]?.state?.running === undefined) lab.advance(100);
		lab.advance(100);
		expect(condition(pod(lab), 'Ready')).toBe('True');
	});
});

describe('startup probes', () => {
	it('hold liveness and readiness back until they succeed', () => {
		const lab = labWith({
			'p.yaml': podYaml(
				'slow',
				[
					'image: busybox:1.36',
					'command: ["sh", "-c", "sleep 20; touch /tmp/started; sleep 3600"]',
					'startupProbe:',
					'  exec:',
					'    command: ["cat", "/tmp/started"]',
					'  periodSeconds: 5',
					'  failureThreshold: 10',
					'livenessProbe:',
					'  exec:',
					'    command: ["cat", "/tmp/alive"]',
					'  failureThreshold: 1'
				].join('\n')
			)
		});
		lab.exec('kubectl apply -f p.yaml');
		lab.advance(15_000);
		let status = pod(lab).status!.containerStatuses![0]!;
		expect(status.state?.running).toBeDefined();
		expect(status.started).toBe(false);
		expect(status.ready).toBe(false);
		// Startup failures so far; the liveness probe, which would fail at once, has not run.
		expect(events(lab, 'Unhealthy').map((e) => e.message)).toEqual([
			"Startup probe failed: cat: can't open '/tmp/started': No such file or directory"
		]);
		expect(status.restartCount).toBe(0);
		lab.advance(12_000);
		status = pod(lab).status!.containerStatuses![0]!;
		expect(status.started).toBe(true);
		expect(status.ready).toBe(true);
		// Now the liveness probe runs, fails (threshold 1) and has it stopped: `sh` ignores the
		// SIGTERM, so it ends (and restarts) when the 30 s grace period runs out.
		lab.advance(12_000);
		expect(pod(lab).status!.containerStatuses![0]!.restartCount).toBe(0);
		lab.advance(30_000);
		expect(pod(lab).status!.containerStatuses![0]!.restartCount).toBe(1);
		expect(
			events(lab, 'Unhealthy').some((e) => e.message!.startsWith('Liveness probe failed'))
		).toBe(true);
	});

	it('let the readiness probe run as soon as the startup probe succeeds', () => {
		const lab = labWith({
			'p.yaml': podYaml(
				'web',
				[
					'image: nginx:1.27',
					'startupProbe:',
					'  httpGet:',
					'    port: 80',
					'  initialDelaySeconds: 4',
					'  periodSeconds: 3',
					'readinessProbe:',
					'  httpGet:',
					'    port: 80',
					'  periodSeconds: 60'
				].join('\n')
			)
		});
		lab.exec('kubectl apply -f p.yaml');
		let startedAt: number | undefined;
		let readyAt: number | undefined;
		while (lab.now() < 30_000 && readyAt === undefined) {
			lab.advance(100);
			const s = pod(lab).status?.containerStatuses?.[0];
			if (s?.started === true) startedAt ??= lab.now();
			if (s?.ready === true) readyAt = lab.now();
		}
		expect(startedAt).toBeDefined();
		// Not a 60 s readiness period later: the same instant the container counts as started.
		expect(readyAt).toBe(startedAt);
	});

	it('kill the container after failureThreshold × periodSeconds', () => {
		const lab = labWith({
			'p.yaml': podYaml(
				'never',
				'image: nginx:1.27\nstartupProbe:\n  exec:\n    command: ["cat", "/tmp/never"]\n  periodSeconds: 4'
			)
		});
		lab.exec('kubectl apply -f p.yaml');
		const { times, restarts } = watchEvents(lab, 20_000, (e) => e.reason === 'Unhealthy');
		expect(restarts[0]!.count).toBe(1);
		// Three failures 4 s apart (the default threshold), the last one kills it.
		expect(within(times[2]! - times[0]!, 7_750, 8_250)).toBe(true);
		expect(within(restarts[0]!.t - times[2]!, 0, 750)).toBe(true);
		const killing = events(lab, 'Killing').map((e) => e.message);
		expect(killing).toContain('Container app failed startup probe, will be restarted');
	});
});

describe('probe workers and time travel', () => {
	it('a lab sought back and forth probes exactly as one that ran straight through', () => {
		const files = {
			'p.yaml': podYaml(
				'web',
				'image: nginx:1.27\nreadinessProbe:\n  httpGet:\n    port: 80\n  periodSeconds: 3\nlivenessProbe:\n  tcpSocket:\n    port: 80\n  periodSeconds: 7'
			)
		};
		const straight = labWith(files);
		const travelled = labWith(files);
		for (const lab of [straight, travelled]) {
			lab.exec('kubectl apply -f p.yaml');
			lab.advance(20_000);
			lab.exec('sim unhealthy pod web');
			lab.advance(60_000);
		}
		travelled.seek(35_000);
		travelled.seek(80_000);
		expect(travelled.exec('kubectl get events -o json').output).toBe(
			straight.exec('kubectl get events -o json').output
		);
		expect(travelled.exec('kubectl get pods -o json').output).toBe(
			straight.exec('kubectl get pods -o json').output
		);
		expect(travelled.traceHash()).toBe(straight.traceHash());
	});
});
