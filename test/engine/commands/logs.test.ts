/**
 * `kubectl logs` (kubectl logs.go / logsforobject.go, the kubelet's validateContainerLogStatus):
 * simulated lines that follow each container's program and lifecycle, `-c`, `--previous`,
 * `--tail`, and the real errors (texts checked against kubernetes/kubernetes
 * pkg/kubelet/kubelet_pods.go and kubectl pkg/polymorphichelpers/logsforobject.go).
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { bpi } from '../../../src/engine/kubernetes/kubelet/container-logs';
import { LAB_EPOCH_MS } from '../../../src/engine/core/time';
import { fails, succeeds } from '../lab-helpers';
import { corpusAvailable, corpusFiles } from '../manifests/corpus';

const corpus = new Map(corpusFiles().map((f) => [f.name, f.text]));

const FILES: Record<string, string> = {
	'counter.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  containers:
  - name: count
    image: busybox:1.36
    args: [/bin/sh, -c, 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done']
  - name: web
    image: nginx:1.27
`
};

function lab(): Lab {
	return createLab({ seed: 11, readFile: (p) => FILES[p] ?? corpus.get(p) });
}

function pod(l: Lab, prefix: string): Pod {
	const items = (JSON.parse(l.exec('kubectl get pods -o json').output) as { items: Pod[] }).items;
	const found = items.find((p) => p.metadata!.name!.startsWith(prefix));
	expect(found, prefix).toBeDefined();
	return found!;
}

function startedAt(p: Pod, container: string): number {
	const s = p.status!.containerStatuses!.find((c) => c.name === container)!;
	return Date.parse(s.state!.running!.startedAt!) - LAB_EPOCH_MS;
}

describe('kubectl logs', () => {
	it('prints a counter loop line by line from the container start, with busybox dates', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f counter.yaml');
		l.advance(20_000);
		const start = startedAt(pod(l, 'counter'), 'count');
		const r = succeeds(l, 'kubectl logs counter -c count');
		const lines = r.output.trimEnd().split('\n');
		// One line a second since the start, the first at the start itself.
		expect(lines).toHaveLength(Math.floor((l.now() - start) / 1000) + 1);
		const second = String(Math.floor(start / 1000) % 60).padStart(2, '0');
		expect(lines[0]).toBe(`0: Mon Jan  5 09:00:${second} UTC 2026`);
		expect(lines[3]).toMatch(/^3: Mon Jan {2}5 09:00:\d\d UTC 2026$/);
		expect(r.error).toBeUndefined();
		expect(succeeds(l, 'kubectl logs counter -c count --tail 2').output).toBe(
			lines.slice(-2).join('\n') + '\n'
		);
		expect(succeeds(l, 'kubectl logs counter -c count --tail=0').output).toBe('');
		l.advance(5_000);
		expect(succeeds(l, 'kubectl logs counter -c count').output.trimEnd().split('\n')).toHaveLength(
			lines.length + 5
		);
	});

	it('defaults to the first container and says so on stderr (kubectl ≥ 1.21)', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f counter.yaml');
		l.advance(10_000);
		const r = succeeds(l, 'kubectl logs counter');
		expect(r.error).toBe('Defaulted container "count" out of: count, web\n');
		expect(r.output).toBe(succeeds(l, 'kubectl logs counter -c count').output);
		expect(succeeds(l, 'kubectl logs counter web').output).toBe(
			succeeds(l, 'kubectl logs counter -c web').output
		);
	});

	it("prints the nginx image's start-up lines, one worker process per CPU", () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27.3');
		l.advance(10_000);
		const name = pod(l, 'web').metadata!.name!;
		const lines = succeeds(l, `kubectl logs ${name}`).output.trimEnd().split('\n');
		expect(lines[0]).toBe(
			'/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration'
		);
		expect(lines).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
		expect(
			lines.some((x) => /^2026\/01\/05 09:00:0\d \[notice\] 1#1: nginx\/1\.27\.3$/.test(x))
		).toBe(true);
		expect(lines.filter((x) => x.includes('start worker process '))).toHaveLength(4);
	});

	it.skipIf(!corpusAvailable)(
		'prints the digits of the corpus pi Job once it has computed them',
		() => {
			const l = lab();
			succeeds(l, 'kubectl apply -f job.yaml');
			l.advance(60_000);
			const p = pod(l, 'pi-');
			expect(p.status?.phase).toBe('Succeeded');
			const out = succeeds(l, `kubectl logs ${p.metadata!.name}`).output;
			expect(out).toBe(`${bpi(1000)}\n`);
			expect(out.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
			expect(out).toHaveLength(1002);
		}
	);

	it('shows the last run of a crash-looping container, and the one before with --previous', () => {
		const l = lab();
		succeeds(
			l,
			'kubectl create deployment crash --image=busybox:1.36 -- sh -c "echo boom; exit 1"'
		);
		l.advance(2_000);
		const name = pod(l, 'crash').metadata!.name!;
		l.advance(40_000);
		expect(l.exec(`kubectl get pod ${name}`).output).toMatch(/CrashLoopBackOff/);
		expect(succeeds(l, `kubectl logs ${name}`).output).toBe('boom\n');
		expect(succeeds(l, `kubectl logs ${name} --previous`).output).toBe('boom\n');
	});
});

describe('kubectl logs --limit-bytes', () => {
	it('cuts the stream the kubelet writes after N bytes, timestamps included, before kubectl’s prefix', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f counter.yaml');
		l.advance(20_000);
		const whole = succeeds(l, 'kubectl logs counter -c count').output;
		expect(succeeds(l, 'kubectl logs counter -c count --limit-bytes=12').output).toBe(
			whole.slice(0, 12)
		);
		const stamped = succeeds(l, 'kubectl logs counter -c count --timestamps').output;
		expect(succeeds(l, 'kubectl logs counter -c count --timestamps --limit-bytes=30').output).toBe(
			stamped.slice(0, 30)
		);
		// 0 is the flag's default: no limit.
		expect(succeeds(l, 'kubectl logs counter -c count --limit-bytes=0').output).toBe(whole);
		expect(
			succeeds(l, 'kubectl logs counter -c count --tail=1 --limit-bytes=2 --prefix').output
		).toBe(`[pod/counter/count] ${whole.split('\n').at(-2)!.slice(0, 2)}`);
	});
});

describe('kubectl logs errors', () => {
	it('answers like kubectl and the API server, and changes nothing', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f counter.yaml');
		expect(fails(l, 'kubectl logs counter').error).toBe(
			'Error from server (BadRequest): pod counter does not have a host assigned\n'
		);
		l.advance(500);
		expect(fails(l, 'kubectl logs counter -c count').error).toBe(
			'Error from server (BadRequest): container "count" in pod "counter" is waiting to start: ContainerCreating\n'
		);
		l.advance(10_000);
		expect(fails(l, 'kubectl logs counter -c count --previous').error).toBe(
			'Error from server (BadRequest): previous terminated container "count" in pod "counter" not found\n'
		);
		expect(fails(l, 'kubectl logs counter -c nope').error).toBe(
			'error: container nope is not valid for pod counter\n'
		);
		expect(fails(l, 'kubectl logs nope').error).toBe(
			'Error from server (NotFound): pods "nope" not found\n'
		);
		expect(fails(l, 'kubectl logs').error).toBe(
			"error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n" +
				'POD or TYPE/NAME is a required argument for the logs command\n' +
				"See 'kubectl logs -h' for help and examples\n"
		);
		// logs.go Validate, and pflag's Int64 parse.
		expect(fails(l, 'kubectl logs counter -c count --limit-bytes=-1').error).toBe(
			'error: --limit-bytes must be greater than 0\n'
		);
		expect(fails(l, 'kubectl logs counter -c count --limit-bytes=1k').error).toBe(
			'error: invalid argument "1k" for "--limit-bytes" flag: strconv.ParseInt: parsing "1k": invalid syntax\nSee \'kubectl logs --help\' for usage.\n'
		);
		expect(fails(l, 'kubectl logs counter -c count --tail=-2').error).toBe(
			'error: --tail must be greater than or equal to -1\n'
		);
		expect(fails(l, 'kubectl logs counter --bogus').error).toBe(
			"error: unknown flag: --bogus\nSee 'kubectl logs --help' for usage.\n"
		);
	});

	it('names the image pull problems the kubelet names', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment typo --image=nginx:1.277');
		l.advance(1_500);
		const name = pod(l, 'typo').metadata!.name!;
		expect(fails(l, `kubectl logs ${name}`).error).toBe(
			`Error from server (BadRequest): container "nginx" in pod "${name}" is waiting to start: image can't be pulled\n`
		);
		l.advance(1_000);
		expect(fails(l, `kubectl logs ${name}`).error).toBe(
			`Error from server (BadRequest): container "nginx" in pod "${name}" is waiting to start: trying and failing to pull image\n`
		);
	});
});

describe('kubectl logs TYPE/NAME', () => {
	it("reads the first pod of a workload's selector, saying which when there was a choice", () => {
		const lab = createLab({ seed: 6 });
		succeeds(
			lab,
			'kubectl create deployment loop --image=busybox:1.36 --replicas=2 -- sh -c "echo hello; sleep 3600"'
		);
		lab.advance(30_000);
		const r = succeeds(lab, 'kubectl logs deployment/loop');
		expect(r.output).toBe('hello\n');
		const pods = (
			JSON.parse(succeeds(lab, 'kubectl get pods -o json').output) as { items: Pod[] }
		).items.map((p) => p.metadata!.name!);
		expect(r.error).toMatch(/^Found 2 pods, using pod\/(\S+)\n$/);
		expect(pods).toContain(/using pod\/(\S+)/.exec(r.error!)![1]);
		expect(fails(lab, 'kubectl logs deploy/nope').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n'
		);
	});
});

describe('kubectl logs -l SELECTOR', () => {
	it("prints each matching pod's last 10 lines (or --tail), with --prefix naming the source", () => {
		const lab = createLab({ seed: 14 });
		succeeds(
			lab,
			`kubectl create deployment tick --image=busybox:1.36 --replicas=2 -- sh -c 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 1; done'`
		);
		lab.advance(40_000);
		const all = succeeds(lab, 'kubectl logs -l app=tick').output.trimEnd().split('\n');
		expect(all).toHaveLength(20);
		expect(succeeds(lab, 'kubectl logs -l app=tick --tail=1').output).toMatch(
			/^tick \d+\ntick \d+\n$/
		);
		const prefixed = succeeds(lab, 'kubectl logs -l app=tick --tail=1 --prefix').output;
		expect(prefixed).toMatch(/^(\[pod\/tick-[a-z0-9]+-[a-z0-9]{5}\/busybox\] tick \d+\n){2}$/);
		expect(succeeds(lab, 'kubectl logs -l app=none').error).toBe(
			'No resources found in default namespace.\n'
		);
		expect(fails(lab, 'kubectl logs tick -l app=tick').error).toBe(
			"error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n"
		);
	});
});
