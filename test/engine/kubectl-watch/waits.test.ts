/**
 * `kubectl wait` and `kubectl rollout status` watch (wait.go, rollout_status.go with
 * watchtools.UntilWithSync): they return the moment what they wait for holds, not on a polling
 * tick. Each test finds the instant T a wait returned, then seeks the lab to T - 1 ms and checks
 * that the condition did not hold yet.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import type { Lab } from '../../../src/engine/types';
import { LAB_WAIT_LIMIT_MS } from '../../../src/engine/commands/kubectl/lab-wait';
import { fails, succeeds } from '../lab-helpers';

function jsonpath(lab: Lab, target: string, path: string): string {
	return succeeds(lab, `kubectl get ${target} -o jsonpath='${path}'`).output;
}

const READY = '{.status.conditions[?(@.type=="Ready")].status}';
const AVAILABLE = '{.status.conditions[?(@.type=="Available")].status}';

/** Runs `line` (a wait) and returns the instant it returned, checking it took some time. */
function waitAt(lab: Lab, line: string, expected: string): number {
	const started = lab.now();
	expect(succeeds(lab, line).output).toBe(expected);
	expect(lab.now()).toBeGreaterThan(started);
	return lab.now();
}

describe('kubectl wait returns at the instant the condition holds', () => {
	it('condition=Ready on a pod', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		succeeds(lab, 'kubectl run web --image=nginx');
		const t = waitAt(
			lab,
			'kubectl wait --for=condition=Ready pod/web --timeout=60s',
			'pod/web condition met\n'
		);
		expect(jsonpath(lab, 'pod web', READY)).toBe('True');
		lab.seek(t - 1);
		expect(jsonpath(lab, 'pod web', READY)).not.toBe('True');
	});

	it('condition=Available on a Deployment, matched without regard to case', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 8 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
		const t = waitAt(
			lab,
			'kubectl wait --for=condition=available deployment/web --timeout=60s',
			'deployment.apps/web condition met\n'
		);
		expect(jsonpath(lab, 'deployment web', AVAILABLE)).toBe('True');
		lab.seek(t - 1);
		expect(jsonpath(lab, 'deployment web', AVAILABLE)).not.toBe('True');
	});

	it('jsonpath=…=value', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 4 });
		succeeds(lab, 'kubectl run web --image=nginx');
		const t = waitAt(
			lab,
			"kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web",
			'pod/web condition met\n'
		);
		lab.seek(t - 1);
		expect(jsonpath(lab, 'pod web', '{.status.phase}')).toBe('Pending');
	});

	it('delete: at the instant the pod leaves the API', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		succeeds(lab, 'kubectl run web --image=nginx');
		succeeds(lab, 'kubectl wait --for=condition=Ready pod/web');
		succeeds(lab, 'kubectl delete pod web --wait=false');
		const t = waitAt(lab, 'kubectl wait --for=delete pod/web', 'pod/web condition met\n');
		expect(lab.exec('kubectl get pod web').error).toBe(
			'Error from server (NotFound): pods "web" not found\n'
		);
		lab.seek(t - 1);
		expect(succeeds(lab, 'kubectl get pod web').output).toMatch(/web +\S+ +Terminating/);
	});

	it('times out exactly at --timeout with the error naming the resource', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		succeeds(lab, 'kubectl run web --image=nginx');
		const started = lab.now();
		const r = lab.exec('kubectl wait --for=condition=Ready pod/web --timeout=750ms');
		expect(r.ok).toBe(false);
		expect(r.output).toBe('');
		expect(r.error).toBe('error: timed out waiting for the condition on pods/web\n');
		expect(lab.now()).toBe(started + 750);
	});

	it('prints each target met and stops at the first that times out', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		succeeds(lab, 'kubectl run a --image=nginx');
		succeeds(lab, 'kubectl run b --image=nginx:no-such-tag');
		const started = lab.now();
		const r = lab.exec('kubectl wait --for=condition=Ready pod/a pod/b --timeout=20s');
		expect(r.output).toBe('pod/a condition met\n');
		expect(r.error).toBe('error: timed out waiting for the condition on pods/b\n');
		// One deadline for every target, as wait.go's context.
		expect(lab.now()).toBe(started + 20_000);
	});

	it('a negative --timeout (a week in kubectl) stops at the lab’s own wait limit', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		succeeds(lab, 'kubectl run b --image=nginx:no-such-tag');
		const started = lab.now();
		const r = lab.exec('kubectl wait --for=condition=Ready pod/b --timeout=-1s');
		expect(r.error).toBe('error: timed out waiting for the condition on pods/b\n');
		expect(lab.now()).toBe(started + LAB_WAIT_LIMIT_MS);
	});

	it('a condition that already holds returns without running the clock', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		succeeds(lab, 'kubectl run web --image=nginx');
		succeeds(lab, 'kubectl wait --for=condition=Ready pod/web');
		const now = lab.now();
		expect(succeeds(lab, 'kubectl wait --for=condition=Ready pod/web').output).toBe(
			'pod/web condition met\n'
		);
		expect(lab.now()).toBe(now);
	});

	it('a bad --for changes nothing', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		succeeds(lab, 'kubectl run web --image=nginx');
		expect(fails(lab, 'kubectl wait --for=ready pod/web').error).toBe(
			'error: unrecognized condition: "ready"\n'
		);
	});
});

describe('kubectl rollout status follows the watch', () => {
	function rolledOut(seed: number): Lab {
		const lab = createLab({ flavor: 'kubernetes', seed });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
		succeeds(lab, 'kubectl rollout status deployment/web');
		return lab;
	}

	it('returns at the instant the rollout completes', () => {
		const lab = rolledOut(5);
		succeeds(lab, 'kubectl set image deployment/web nginx=nginx:1.28');
		const r = succeeds(lab, 'kubectl rollout status deployment/web');
		const lines = r.output.trimEnd().split('\n');
		expect(lines[lines.length - 1]).toBe('deployment "web" successfully rolled out');
		const t = lab.now();
		lab.seek(t - 1);
		const before = succeeds(lab, 'kubectl rollout status deployment/web --watch=false');
		expect(before.output).toMatch(/^Waiting for deployment "web" rollout to finish: /);
	});

	it('prints each new message once, in the order the watch saw them', () => {
		const lab = rolledOut(5);
		succeeds(lab, 'kubectl set image deployment/web nginx=nginx:1.28');
		const lines = succeeds(lab, 'kubectl rollout status deployment/web').output.split('\n');
		for (let i = 1; i < lines.length; i++) expect(lines[i]).not.toBe(lines[i - 1]);
		expect(lines[0]).toBe('Waiting for deployment spec update to be observed...');
		// The new ReplicaSet's count only grows: "k out of 3 new replicas" never goes back.
		const updated = lines
			.map((l) => /(\d) out of 3 new replicas/.exec(l)?.[1])
			.filter((n): n is string => n !== undefined)
			.map(Number);
		expect(updated.length).toBeGreaterThan(1);
		expect([...updated].sort()).toEqual(updated);
	});

	it('--watch=false prints the status once and leaves the clock alone', () => {
		const lab = rolledOut(5);
		succeeds(lab, 'kubectl set image deployment/web nginx=nginx:1.28');
		const now = lab.now();
		expect(succeeds(lab, 'kubectl rollout status deployment/web --watch=false').output).toBe(
			'Waiting for deployment spec update to be observed...\n'
		);
		expect(lab.now()).toBe(now);
	});

	it('--timeout ends the watch at that instant with wait.ErrWaitTimeout', () => {
		const lab = rolledOut(5);
		succeeds(lab, 'kubectl set image deployment/web nginx=nginx:1.28');
		const started = lab.now();
		const r = lab.exec('kubectl rollout status deployment/web --timeout=1500ms');
		expect(r.ok).toBe(false);
		expect(r.error).toBe('error: timed out waiting for the condition\n');
		expect(r.output).toMatch(/^Waiting for deployment spec update to be observed...\n/);
		expect(lab.now()).toBe(started + 1500);
	});

	it('a DaemonSet rollout returns at the instant its last pod is available', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 6, readFile: () => DAEMONSET });
		succeeds(lab, 'kubectl apply -f ds.yaml');
		const r = succeeds(lab, 'kubectl rollout status ds/agent');
		expect(r.output.trimEnd().split('\n').pop()).toBe('daemon set "agent" successfully rolled out');
		const t = lab.now();
		lab.seek(t - 1);
		expect(succeeds(lab, 'kubectl rollout status ds/agent --watch=false').output).toMatch(
			/^Waiting for daemon set "agent" rollout to finish: /
		);
	});
});

const DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: { app: agent }
  template:
    metadata:
      labels: { app: agent }
    spec:
      containers:
        - name: agent
          image: nginx:1.27
`;
