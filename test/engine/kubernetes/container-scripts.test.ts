/**
 * Containers whose program is a shell script (`command: [sh, -c, …]`, `kubectl run … -- sh -c`)
 * run as a real shell would over simulated time: finite loops print their lines at their times
 * and end with the script's status (POSIX XCU 2.9: a compound command's status is its last
 * command's; `exit N`; 127 for a command not found, XCU 2.8.2), endless loops keep running, and
 * the lines `kubectl logs` shows are the same after seeking.
 */
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { LAB_EPOCH_MS } from '../../../src/engine/core/time';
import { INIT_TASK_MS } from '../../../src/engine/kubernetes/defaults';
import { programFor } from '../../../src/engine/kubernetes/kubelet/container-program';
import { succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	'mode.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: mode
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox:1.36
    env:
    - name: MODE
      value: slow
    command: ['sh', '-c', 'if [ "$MODE" = fast ]; then echo fast; exit 0; elif [ "$MODE" = slow ]; then echo "slow mode"; exit 4; else exit 9; fi']
`,
	'init-task.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: init-task
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ['sh', '-c', 'echo copying; cp -r /src /dst; echo copied']
  containers:
  - name: app
    image: busybox:1.36
    command: ['sleep', '3600']
`
};

function lab(): Lab {
	return createLab({ seed: 7, readFile: (p) => FILES[p] });
}

function run(
	l: Lab,
	name: string,
	script: string,
	options = '--restart=Never',
	image = 'busybox:1.36'
): void {
	succeeds(l, `kubectl run ${name} --image=${image} ${options} -- sh -c '${script}'`);
}

function podOf(l: Lab, name: string): Pod {
	return JSON.parse(succeeds(l, `kubectl get pod ${name} -o json`).output) as Pod;
}

function statusOf(l: Lab, name: string): ContainerStatus {
	return podOf(l, name).status!.containerStatuses![0]!;
}

/** Lab ms at which the pod's container started (the API's times are whole seconds). */
function startOf(l: Lab, name: string): number {
	const s = statusOf(l, name).state!;
	const at = s.running?.startedAt ?? s.terminated?.startedAt;
	return Date.parse(at!) - LAB_EPOCH_MS;
}

function podStatus(l: Lab, name: string): string {
	const out = succeeds(l, `kubectl get pod ${name} --no-headers`).output;
	return out.trim().split(/\s+/)[2]!;
}

const logs = (l: Lab, args: string) => succeeds(l, `kubectl logs ${args}`).output;

describe('container shell scripts', () => {
	it('runs a for loop to its end: Completed, with its lines', () => {
		const l = lab();
		run(l, 'for', 'for i in 1 2 3; do echo $i; done');
		l.advance(10_000);
		expect(podStatus(l, 'for')).toBe('Completed');
		expect(statusOf(l, 'for').state!.terminated).toMatchObject({
			exitCode: 0,
			reason: 'Completed'
		});
		expect(logs(l, 'for')).toBe('1\n2\n3\n');
	});

	it('runs a counting while loop over simulated time, a line a second', () => {
		const l = lab();
		run(l, 'count', 'i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); sleep 1; done');
		l.advance(3_000);
		const start = startOf(l, 'count');
		// Seconds after the start: 0 at once, 1 after a second, 2 after two; the end after three.
		const at = (ms: number) => {
			const probe = lab();
			run(probe, 'count', 'i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); sleep 1; done');
			probe.advance(ms);
			return probe;
		};
		const early = at(start + 1_500);
		expect(logs(early, 'count')).toBe('0\n1\n');
		expect(podStatus(early, 'count')).toBe('Running');
		const done = at(start + 3_500);
		expect(logs(done, 'count')).toBe('0\n1\n2\n');
		expect(podStatus(done, 'count')).toBe('Completed');
		const ended = statusOf(done, 'count').state!.terminated!;
		expect(Date.parse(ended.finishedAt!) - Date.parse(ended.startedAt!)).toBe(3_000);
		expect(logs(done, 'count --tail=1')).toBe('2\n');
	});

	it('keeps endless loops running, their lines following the clock', () => {
		const l = lab();
		run(l, 'hello', 'while true; do echo hello; sleep 10; done', '');
		l.advance(35_000);
		const start = startOf(l, 'hello');
		expect(podStatus(l, 'hello')).toBe('Running');
		const expected = Math.floor((l.now() - start) / 10_000) + 1;
		expect(logs(l, 'hello')).toBe('hello\n'.repeat(expected));
	});

	it('takes if/elif/else, test and exit N from the script, the env from the spec', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f mode.yaml');
		l.advance(10_000);
		expect(podStatus(l, 'mode')).toBe('Error');
		expect(statusOf(l, 'mode').state!.terminated).toMatchObject({ exitCode: 4, reason: 'Error' });
		expect(logs(l, 'mode')).toBe('slow mode\n');
	});

	it('stamps lines after sleeps at their times: seq, $(( )), until', () => {
		const l = lab();
		run(
			l,
			'ticks',
			'for i in $(seq 1 3); do echo "tick $i $((i * 10))"; sleep 2; done; n=0; until [ $n -ge 2 ]; do n=$((n+1)); done; echo "done $n"'
		);
		l.advance(4_000);
		const start = startOf(l, 'ticks');
		const straight = lab();
		run(
			straight,
			'ticks',
			'for i in $(seq 1 3); do echo "tick $i $((i * 10))"; sleep 2; done; n=0; until [ $n -ge 2 ]; do n=$((n+1)); done; echo "done $n"'
		);
		straight.advance(start + 2_500);
		expect(logs(straight, 'ticks')).toBe('tick 1 10\ntick 2 20\n');
		straight.advance(4_000);
		expect(logs(straight, 'ticks')).toBe('tick 1 10\ntick 2 20\ntick 3 30\ndone 2\n');
		expect(podStatus(straight, 'ticks')).toBe('Completed');
	});

	it("says a missing command is not found, in the image's shell, with status 127", () => {
		const l = lab();
		// busybox's ash: `sh: NAME: not found`; Debian's dash: `sh: 1: NAME: not found`.
		run(l, 'ash', 'echo start; frobnicate; echo "status $?"; frobnicate');
		run(l, 'dash', 'frobnicate', '--restart=Never', 'nginx:1.27');
		l.advance(20_000);
		expect(logs(l, 'ash')).toBe(
			'start\nsh: frobnicate: not found\nstatus 127\nsh: frobnicate: not found\n'
		);
		expect(statusOf(l, 'ash').state!.terminated!.exitCode).toBe(127);
		expect(logs(l, 'dash')).toBe('sh: 1: frobnicate: not found\n');
		expect(statusOf(l, 'dash').state!.terminated!.exitCode).toBe(127);
	});

	it('moves the clock of date with the sleeps in between', () => {
		const l = lab();
		run(l, 'timer', 'start=$(date +%s); sleep 5; end=$(date +%s); echo "took $((end - start))s"');
		l.advance(20_000);
		expect(logs(l, 'timer')).toBe('took 5s\n');
	});

	it('stops at the first failure under set -e', () => {
		const l = lab();
		run(l, 'strict', 'set -e; echo a; false; echo b');
		l.advance(10_000);
		expect(logs(l, 'strict')).toBe('a\n');
		expect(statusOf(l, 'strict').state!.terminated!.exitCode).toBe(1);
	});

	it('takes a program the lab does not know, in an image it does not know, as running on', () => {
		const l = lab();
		// python's full image builds on buildpack-deps: the lab does not know all it holds.
		run(l, 'server', 'echo starting; gunicorn app:main; echo never', '', 'python:3.12');
		l.advance(30_000);
		expect(podStatus(l, 'server')).toBe('Running');
	});

	it("runs the image's own server from a script: it listens, and as PID 1 after exec handles SIGTERM", () => {
		const l = lab();
		const script =
			'echo "<h1>hi</h1>" > /usr/share/nginx/html/index.html && exec nginx -g "daemon off;"';
		run(l, 'web', script, '', 'nginx:1.27');
		l.advance(30_000);
		expect(podStatus(l, 'web')).toBe('Running');
		const p = programFor({ name: 'web', image: 'nginx:1.27', command: ['sh', '-c', script] });
		expect(p).toMatchObject({ then: 'serve', stopsOnTerm: true, listens: undefined });
		expect(p.steps).toEqual([{ op: 'touch', path: '/usr/share/nginx/html/index.html' }]);
	});

	it("lets an init container's unknown work succeed after INIT_TASK_MS", () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f init-task.yaml');
		l.advance(20_000);
		const pod = podOf(l, 'init-task');
		const setup = pod.status!.initContainerStatuses![0]!.state!.terminated!;
		expect(setup).toMatchObject({ exitCode: 0, reason: 'Completed' });
		expect(Date.parse(setup.finishedAt!) - Date.parse(setup.startedAt!)).toBe(INIT_TASK_MS);
		expect(logs(l, 'init-task -c setup')).toBe('copying\ncopied\n');
		expect(podStatus(l, 'init-task')).toBe('Running');
	});

	it('runs a client when its step is reached, with the cluster as it is then', () => {
		const l = lab();
		// The Service is created at 5 s: the lookup at the start fails (busybox nslookup exits 1
		// on NXDOMAIN), the one after `sleep 10` finds it.
		const lookup = 'nslookup web.default.svc.cluster.local.';
		run(l, 'early', lookup);
		run(l, 'late', `sleep 10; ${lookup}`);
		l.advance(5_000);
		succeeds(l, 'kubectl create service clusterip web --tcp=80:80');
		l.advance(20_000);
		expect(podStatus(l, 'early')).toBe('Error');
		expect(logs(l, 'early')).toContain(
			"** server can't find web.default.svc.cluster.local: NXDOMAIN"
		);
		expect(podStatus(l, 'late')).toBe('Completed');
		expect(logs(l, 'late')).toContain('Name:\tweb.default.svc.cluster.local\n');
		const late = statusOf(l, 'late').state!.terminated!;
		expect(Date.parse(late.finishedAt!) - Date.parse(late.startedAt!)).toBe(10_000);
	});

	it('reads the same language in kubectl exec, with no time passing', () => {
		const l = lab();
		run(l, 'box', 'sleep 3600', '');
		l.advance(10_000);
		const script =
			'i=0; while [ $i -lt 3 ]; do if [ $((i % 2)) -eq 0 ]; then echo "$i even"; else echo "$i odd"; fi; i=$((i+1)); sleep 1; done; exit 5';
		const before = l.now();
		const r = l.exec(`kubectl exec box -- sh -c '${script}'`);
		expect(r.output).toBe('0 even\n1 odd\n2 even\n');
		expect(r.error).toBe('command terminated with exit code 5\n');
		expect(l.now()).toBe(before);
		run(l, 'same', script);
		l.advance(10_000);
		expect(logs(l, 'same')).toBe(r.output);
		expect(statusOf(l, 'same').state!.terminated!.exitCode).toBe(5);
	});

	it('shows the same lines after seeking back', () => {
		const script = 'i=0; while [ $i -lt 20 ]; do echo "$i: $(date)"; i=$((i+1)); sleep 2; done';
		const travelled = lab();
		run(travelled, 'c', script);
		travelled.advance(60_000);
		for (const t of [5_000, 17_500, 31_000]) {
			const straight = lab();
			run(straight, 'c', script);
			straight.advance(t);
			travelled.seek(t);
			expect(logs(travelled, 'c')).toBe(logs(straight, 'c'));
			expect(podStatus(travelled, 'c')).toBe(podStatus(straight, 'c'));
		}
	});
});
