/**
 * The official tutorials replayed line by line (the `*-tutorial-*.script` transcripts, which
 * scenarios.test.ts checks byte for byte): here each replay stops at the lines where the
 * tutorial makes a point and checks that point against shared/facts.md, so a transcript
 * regenerated after a behaviour change cannot silently bless a wrong state or timing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLab, type ExecResult, type Lab } from '../../src/engine/index';
import { state } from '../engine/lab-helpers';

/** Each line fails with exactly `error` and leaves the lab as it was, as the real tool would. */
function expectRefused(lab: Lab, cases: readonly (readonly [string, string])[]): void {
	for (const [line, error] of cases) {
		const before = state(lab);
		const r = lab.exec(line);
		expect(r.ok, line).toBe(false);
		expect(r.error, line).toBe(error);
		expect(state(lab), line).toEqual(before);
	}
}

const dir = import.meta.dirname;

type Check = (lab: Lab, result: ExecResult) => void;

/**
 * Runs a script the way the CLI does and calls `checks[line]` (or `checks["line #n"]` for the
 * n-th time that line appears) right after that line ran; every check must be reached.
 */
function replay(file: string, checks: Record<string, Check>): Lab {
	const script = readFileSync(join(dir, file), 'utf8');
	const header = script.split('\n')[0] ?? '';
	const lab = createLab({
		flavor: /--flavor swarm/.test(header) ? 'swarm' : 'kubernetes',
		seed: Number(/--seed (\d+)/.exec(header)?.[1] ?? 1),
		readFile: (path) => {
			const full = join(dir, path);
			return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
		}
	});
	const seen = new Map<string, number>();
	const reached = new Set<string>();
	for (const line of script.split('\n')) {
		if (line.trim() === '' || line.startsWith('#')) continue;
		const n = (seen.get(line) ?? 0) + 1;
		seen.set(line, n);
		const result = lab.exec(line);
		for (const key of [`${line} #${n}`, ...(n === 1 ? [line] : [])]) {
			const check = checks[key];
			if (check === undefined) continue;
			check(lab, result);
			reached.add(key);
		}
	}
	expect([...reached].sort()).toEqual(Object.keys(checks).sort());
	return lab;
}

function json<T>(lab: Lab, line: string): T {
	const r = lab.exec(line);
	expect(r.ok, `${line}: ${r.error}`).toBe(true);
	return JSON.parse(r.output) as T;
}

interface Pod {
	metadata: { name: string; labels?: Record<string, string> };
	spec: { nodeName?: string; containers: { image: string }[] };
	status: {
		phase: string;
		conditions?: { type: string; status: string }[];
		containerStatuses?: {
			restartCount: number;
			ready: boolean;
			state: { waiting?: { reason: string }; running?: { startedAt: string } };
			lastState?: { terminated?: { startedAt: string; finishedAt: string } };
		}[];
	};
}

const pods = (lab: Lab, selector = '') =>
	json<{ items: Pod[] }>(lab, `kubectl get pods -o json${selector === '' ? '' : ` -l ${selector}`}`)
		.items;

const ready = (p: Pod) =>
	p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

const seconds = (iso: string) => Date.parse(iso) / 1000;

/** Simulated seconds of each trace event of `kind` about `subject`. */
function times(lab: Lab, kind: string, subject: string): number[] {
	return lab
		.events()
		.filter((e) => e.kind === kind && e.subject === subject)
		.map((e) => e.t / 1000);
}

describe('Kubernetes Basics (kubernetes.io tutorials/kubernetes-basics)', () => {
	it('deploys, exposes, scales, updates, stalls on a missing tag and rolls back', () => {
		replay('k8s-tutorial-basics.script', {
			// facts §1.6: NodePort range 30000–32767.
			"kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}'":
				(_lab, r) => {
					expect(r.ok).toBe(true);
					expect(Number(r.output)).toBeGreaterThanOrEqual(30000);
					expect(Number(r.output)).toBeLessThanOrEqual(32767);
				},
			'kubectl get pods -l version=v1': (lab) => {
				expect(pods(lab, 'version=v1')).toHaveLength(1);
			},
			// Scaled to 4: four Ready pods 20 s later, spread over the three workers.
			'kubectl get deployments #2': (lab) => {
				const all = pods(lab, 'app=kubernetes-bootcamp');
				expect(all.filter(ready)).toHaveLength(4);
				expect(new Set(all.map((p) => p.spec.nodeName)).size).toBe(3);
			},
			'kubectl rollout status deployments/kubernetes-bootcamp': (_lab, r) => {
				expect(r.output).toBe('deployment "kubernetes-bootcamp" successfully rolled out\n');
			},
			// v10 does not exist: facts §1.5 maxSurge 25% (up) and maxUnavailable 25% (down) of 4
			// keep 3 old pods serving and allow 5 pods in all; the new ones back off (§1.2).
			'kubectl get pods #3': (lab) => {
				const all = pods(lab, 'app=kubernetes-bootcamp');
				const broken = all.filter((p) => p.spec.containers[0]!.image.endsWith(':v10'));
				expect(all.length).toBeLessThanOrEqual(5);
				expect(all.filter(ready).length).toBeGreaterThanOrEqual(3);
				expect(broken).toHaveLength(2);
				for (const p of broken) {
					expect(p.status.phase).toBe('Pending');
					expect(p.status.containerStatuses![0]!.state.waiting!.reason).toBe('ImagePullBackOff');
					// facts §1.2: image pull back-off doubles from 10 s (plus the pod sync).
					const tries = times(lab, 'image.pullfailed', `pod/${p.metadata.name}`);
					expect(tries.length).toBeGreaterThanOrEqual(3);
					tries.slice(1).forEach((t, k) => {
						const gap = t - tries[k]!;
						expect(gap).toBeGreaterThanOrEqual(10 * 2 ** k);
						expect(gap).toBeLessThan(10 * 2 ** k + 2);
					});
				}
			},
			// `rollout undo` goes back to v2 (as revision 4): four Ready v2 pods 30 s later.
			'kubectl get pods #4': (lab) => {
				const all = pods(lab, 'app=kubernetes-bootcamp');
				expect(all).toHaveLength(4);
				expect(all.every(ready)).toBe(true);
				expect(all.every((p) => p.spec.containers[0]!.image.endsWith('bootcamp:v2'))).toBe(true);
				const d = json<{ metadata: { annotations: Record<string, string> } }>(
					lab,
					'kubectl get deployment kubernetes-bootcamp -o json'
				);
				expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('4');
			}
		});
	});
});

describe('Configure Liveness Probes, and Jobs (kubernetes.io tasks)', () => {
	it('restarts http-liveness after three failed probes, and runs pi to completion', () => {
		replay('k8s-tutorial-probes-jobs.script', {
			// http-liveness answers 200 for 10 s, probes run every 3 s after 3 s, and three
			// failures (facts §1.3 failureThreshold 3) kill it: at start + 18 s.
			'kubectl get pod liveness-http': (lab) => {
				const status = pods(lab, 'test=liveness')[0]!.status.containerStatuses![0]!;
				expect(status.restartCount).toBe(1);
				const last = status.lastState!.terminated!;
				expect(seconds(last.finishedAt) - seconds(last.startedAt)).toBe(18);
				const out = lab.exec('kubectl describe pod liveness-http').output;
				expect(out).toMatch(
					/Warning +Unhealthy +\S+ \(x3 over \S+\) +kubelet +spec\.containers\{liveness\}: Liveness probe failed: HTTP probe failed with statuscode: 500/
				);
				expect(out).toMatch(/Container liveness failed liveness probe, will be restarted/);
			},
			'kubectl get jobs #2': (_lab, r) => {
				expect(r.output).toMatch(/^pi +Complete +1\/1 /m);
			},
			'kubectl delete job pi': (_lab, r) => {
				expect(r.output).toBe('job.batch "pi" deleted from default namespace\n');
			}
		});
	});

	it('answers typos with kubectl’s errors and changes nothing', () => {
		const lab = replay('k8s-tutorial-probes-jobs.script', {});
		expectRefused(lab, [
			[
				'kubectl get deploymnets',
				'error: the server doesn\'t have a resource type "deploymnets"\n'
			],
			[
				'kubectl gt pods',
				'error: unknown command "gt" for "kubectl"\n\nDid you mean this?\n\tcp\n\tget\n\tset\n'
			],
			[
				'kubectl create deploymnet web --image=nginx',
				"error: unknown flag: --image\nSee 'kubectl create --help' for usage.\n"
			],
			[
				'kubectl create deploymnet web',
				'Error: must specify one of -f and -k\n\nerror: unknown command "deploymnet web"\nSee \'kubectl create -h\' for help and examples\n'
			],
			[
				'kubectl set imag deployment/web web=nginx',
				'error: unknown command "imag deployment/web web=nginx"\nSee \'kubectl set -h\' for help and examples\n'
			],
			[
				'kubectl rollout stauts deployment/web',
				'error: unknown command "stauts deployment/web"\nSee \'kubectl rollout -h\' for help and examples\n'
			],
			[
				'kubectl get pods -o go-template',
				'error: template format specified but no template given\n'
			],
			[
				"kubectl get pods -o go-template='{{.items'",
				'error: error parsing template {{.items, template: output:1: unclosed action\n'
			]
		]);
	});
});

describe('Assign Pods to Nodes and Safely Drain a Node (kubernetes.io tasks)', () => {
	it('follows nodeSelector, and lets a drain evict only what zk-pdb allows', () => {
		replay('k8s-tutorial-assign-drain.script', {
			'kubectl get pods --output=wide': (lab) => {
				expect(pods(lab, 'env=test')[0]!.spec.nodeName).toBe('node-2');
			},
			// No node carries disktype=ssd: the pod waits, and the scheduler says why.
			'kubectl describe pod nginx': (lab, r) => {
				expect(pods(lab, 'env=test')[0]!.status.phase).toBe('Pending');
				expect(r.output).toMatch(
					/FailedScheduling .*3 node\(s\) didn't match Pod's node affinity\/selector/
				);
			},
			// A node labelled later is found by the waiting pod within the 10 s the script waits.
			'kubectl get pods --output=wide #3': (lab) => {
				const p = pods(lab, 'env=test')[0]!;
				expect(p.spec.nodeName).toBe('node-3');
				expect(ready(p)).toBe(true);
			},
			'kubectl get pdb zk-pdb': (_lab, r) => {
				expect(r.output).toMatch(/^zk-pdb +2 +N\/A +1 /m);
			},
			// minAvailable 2 of 3: one eviction at a time; the second waits for the replacement
			// (kubectl drain retries a refused eviction after 5 s).
			'kubectl drain --ignore-daemonsets node-2': (lab, r) => {
				// The retry succeeds, so the drain ends well (exit 0) with the refusal on stderr.
				expect(r.ok).toBe(true);
				expect(r.error).toMatch(
					/^error when evicting pods\/"zk-\S+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.$/m
				);
				expect(r.output).toMatch(/node\/node-2 drained\n$/);
				const zk = pods(lab, 'app.kubernetes.io/name=zookeeper');
				expect(zk.filter(ready).length).toBeGreaterThanOrEqual(2);
			},
			'kubectl get nodes #3': (lab) => {
				const zk = pods(lab, 'app.kubernetes.io/name=zookeeper');
				expect(zk.filter(ready)).toHaveLength(3);
				expect(zk.every((p) => p.spec.nodeName === 'node-3')).toBe(true);
			}
		});
	});
});

/** One row of `docker service ps --format '{{json .}}'` (docker's own keys). */
interface Task {
	Name: string;
	Image: string;
	Node: string;
	DesiredState: string;
	CurrentState: string;
}

function tasks(lab: Lab, service: string): Task[] {
	const r = lab.exec(`docker service ps --format '{{json .}}' ${service}`);
	expect(r.ok, r.error).toBe(true);
	return r.output
		.trim()
		.split('\n')
		.map((l) => JSON.parse(l) as Task);
}

const running = (t: Task) => t.DesiredState === 'Running' && t.CurrentState.startsWith('Running');

describe('Getting started with Swarm mode (docs.docker.com)', () => {
	it('scales, rolls redis 3.0.6 → 3.0.7 one task per 10 s, drains and publishes', () => {
		replay('swarm-tutorial-getting-started.script', {
			// Five tasks spread by the scheduler (facts §2.7: fewest tasks of the service first).
			'docker service ps helloworld #2': (lab) => {
				const up = tasks(lab, 'helloworld').filter(running);
				expect(up).toHaveLength(5);
				const perNode = new Map<string, number>();
				for (const t of up) perNode.set(t.Node, (perNode.get(t.Node) ?? 0) + 1);
				expect(perNode.size).toBe(3);
				expect(Math.max(...perNode.values()) - Math.min(...perNode.values())).toBeLessThanOrEqual(
					1
				);
			},
			// facts §2.6: parallelism 1 and --update-delay 10s: each new task starts at least
			// 10 s after the previous one runs.
			'docker service ps redis #2': (lab) => {
				const up = tasks(lab, 'redis').filter(running);
				expect(up.map((t) => t.Image)).toEqual(['redis:3.0.7', 'redis:3.0.7', 'redis:3.0.7']);
				const starts = [1, 2, 3]
					.map((slot) => times(lab, 'swarm.task.running', `task/redis.${slot}`).at(-1)!)
					.sort((a, b) => a - b);
				for (let k = 1; k < starts.length; k++) {
					expect(starts[k]! - starts[k - 1]!).toBeGreaterThanOrEqual(10);
					expect(starts[k]! - starts[k - 1]!).toBeLessThan(15);
				}
			},
			// facts §2.9: drain shuts the node's tasks down and places them elsewhere.
			'docker service ps redis #3': (lab) => {
				const up = tasks(lab, 'redis').filter(running);
				expect(up).toHaveLength(3);
				expect(up.some((t) => t.Node === 'worker-1')).toBe(false);
			},
			'docker service ls #2': (_lab, r) => {
				expect(r.output).toMatch(
					/my-web +replicated +2\/2 +nginx:latest +\*:8080->80\/tcp, \*:8081->80\/tcp\n/
				);
			},
			'docker stack services swarmpit': (_lab, r) => {
				expect(r.output).toMatch(/swarmpit_agent +global +3\/3 /);
				expect(r.output).toMatch(/swarmpit_app +replicated +1\/1 .*\*:888->8080\/tcp/);
			}
		});
	});

	it('answers typos with docker’s errors and changes nothing', () => {
		const lab = replay('swarm-tutorial-getting-started.script', {});
		expectRefused(lab, [
			[
				'docker servce ls',
				"docker: unknown command: docker servce\n\nRun 'docker --help' for more information\n"
			],
			['docker service scale nope=3', 'nope: Error response from daemon: service nope not found\n'],
			[
				'docker node update --availability foo worker-1',
				'Error response from daemon: invalid Availability: "foo"\n'
			],
			[
				'docker node update --availability foo nope',
				'Error response from daemon: node nope not found\n'
			]
		]);
	});
});
