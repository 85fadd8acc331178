/**
 * Network clients as a container's own program, and `kubectl run -i|--attach [--rm]` (kubectl
 * run.go: the pod waited for, its output shown, deleted with --rm, a failure reported with the
 * container's exit code). What the clients print is what `kubectl exec` gives (exec.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

function labWithWeb(): Lab {
	const lab = createLab({ flavor: 'kubernetes', seed: 3 });
	succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
	succeeds(lab, 'kubectl expose deployment web --port=80');
	lab.advance(30_000);
	return lab;
}

const podPhase = (lab: Lab, name: string) =>
	(
		JSON.parse(succeeds(lab, `kubectl get pod ${name} -o json`).output) as {
			status: { phase: string };
		}
	).status.phase;

describe('a network client as the container program', () => {
	it('runs once, its output in the logs, and the pod completes or fails with its exit code', () => {
		const lab = labWithWeb();
		succeeds(lab, 'kubectl run get --image=busybox:1.36 --restart=Never -- wget -qO- http://web');
		succeeds(lab, 'kubectl run bad --image=busybox:1.36 --restart=Never -- wget -qO- http://nope');
		lab.advance(20_000);
		expect(podPhase(lab, 'get')).toBe('Succeeded');
		expect(succeeds(lab, 'kubectl logs get').output).toContain('<title>Welcome to nginx!</title>');
		expect(podPhase(lab, 'bad')).toBe('Failed');
		expect(succeeds(lab, 'kubectl logs bad').output).toBe("wget: bad address 'nope'\n");
		expect(succeeds(lab, 'kubectl get pod bad').output).toMatch(/^bad\s+0\/1\s+Error\s+0\s/m);
	});

	it('sees the Service as it is when it runs: refused with no ready endpoint', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		succeeds(lab, 'kubectl create service clusterip web --tcp=80:80');
		succeeds(lab, 'kubectl run get --image=busybox:1.36 --restart=Never -- wget -qO- http://web');
		lab.advance(20_000);
		expect(succeeds(lab, 'kubectl logs get').output).toMatch(
			/^wget: can't connect to remote host \(10\.\d+\.\d+\.\d+\): Connection refused\n$/
		);
	});

	it('keeps running, as before, when the lab cannot run it (a name outside the cluster)', () => {
		const lab = labWithWeb();
		succeeds(
			lab,
			'kubectl run ext --image=busybox:1.36 --restart=Never -- wget -qO- http://example.com'
		);
		lab.advance(20_000);
		expect(podPhase(lab, 'ext')).toBe('Running');
	});
});

describe('a shell as the program', () => {
	it('reads end-of-file and exits at once without stdin; waits with stdin open', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		succeeds(lab, 'kubectl run loop --image=busybox:1.36 -- sh');
		succeeds(lab, 'kubectl run once --image=busybox:1.36 --restart=Never -- sh');
		lab.advance(60_000);
		expect(succeeds(lab, 'kubectl get pod loop').output).toMatch(/CrashLoopBackOff/);
		expect(podPhase(lab, 'once')).toBe('Succeeded');
	});
});

describe('client scripts and missing programs', () => {
	it('runs a script with clients whole: its lines in order, && and || as sh has them', () => {
		const lab = labWithWeb();
		const r = lab.exec(
			'kubectl run o -i --rm --image=busybox:1.36 --restart=Never -- sh -c "echo start; wget -qO- http://nosuch && echo ok; wget -qO- http://nosuch || echo fallback"'
		);
		expect(r.output).toBe(
			"start\nwget: bad address 'nosuch'\nwget: bad address 'nosuch'\nfallback\npod \"o\" deleted from default namespace\n"
		);
		expect(r.ok).toBe(true);
	});

	it('fails to start a container whose image lacks the program (busybox has no curl)', () => {
		const lab = labWithWeb();
		const r = lab.exec(
			'kubectl run c -i --image=busybox:1.36 --restart=Never -- curl -s http://web'
		);
		expect(r.error).toBe(
			'pod default/c terminated (StartError)\n' +
				'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown\n'
		);
		expect(succeeds(lab, 'kubectl get pod c').output).toMatch(/^c\s+0\/1\s+StartError\s+0\s/m);
	});
});

describe('kubectl run -i / --attach / --rm', () => {
	it('shows what the container printed and, with --rm, deletes the pod; nothing says created', () => {
		const lab = labWithWeb();
		const r = succeeds(
			lab,
			'kubectl run tmp --rm -i --image=busybox:1.36 --restart=Never -- wget -qO- web'
		);
		expect(r.output).toContain('<h1>Welcome to nginx!</h1>');
		expect(r.output).not.toContain('pod/tmp created');
		expect(r.output.trimEnd().split('\n').pop()).toBe('pod "tmp" deleted from default namespace');
		const pod = JSON.parse(succeeds(lab, 'kubectl get pod tmp -o json').output) as {
			metadata: { deletionTimestamp?: string };
		};
		expect(pod.metadata.deletionTimestamp).toBeDefined();
	});

	it('reports a failed container with its exit reason after the deletion, as run.go does', () => {
		const lab = labWithWeb();
		const r = lab.exec(
			'kubectl run tmp --rm -it --image=busybox:1.36 --restart=Never -- wget -qO- nope'
		);
		expect(r.ok).toBe(false);
		// It ended before it was ready: kubectl shows its logs, never attaches (no TTY note).
		expect(r.error).toBe('pod default/tmp terminated (Error)\n');
		expect(r.output).toBe('wget: bad address \'nope\'\npod "tmp" deleted from default namespace\n');
	});

	it('without -i, --rm is refused; an interactive shell is refused before anything is made', () => {
		const lab = labWithWeb();
		expect(fails(lab, 'kubectl run x --rm --image=busybox -- echo hi').error).toBe(
			'error: --rm should only be used for attached containers\n'
		);
		expect(fails(lab, 'kubectl run debug --rm -it --image=busybox -- sh').error).toContain(
			'lab: interactive shells are not simulated'
		);
		expect(fails(lab, 'kubectl run debug --rm -it --image=busybox').error).toContain(
			'lab: interactive shells are not simulated'
		);
	});

	it('waits for a container that takes its time, then shows what it printed', () => {
		const lab = labWithWeb();
		const before = lab.now();
		const r = succeeds(
			lab,
			'kubectl run slow -i --image=busybox:1.36 --restart=Never -- sh -c "sleep 90; echo hi"'
		);
		expect(r.output).toBe('hi\n');
		expect(lab.now() - before).toBeGreaterThanOrEqual(90_000);
		// Attached to a running container: attach.go's two prompt lines, on stderr.
		expect(r.error).toBe(
			'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n' +
				"If you don't see a command prompt, try pressing enter.\n"
		);
	});

	it('-q keeps quiet: no prompt lines, no deletion message', () => {
		const lab = labWithWeb();
		const r = succeeds(
			lab,
			'kubectl run slow -q --rm -i --image=busybox:1.36 --restart=Never -- sh -c "sleep 5; echo hi"'
		);
		expect(r.output).toBe('hi\n');
		expect(r.error).toBeUndefined();
		expect(succeeds(lab, 'kubectl get pods').output).not.toMatch(/^slow\s.*Running/m);
	});

	it('-i alone means restart OnFailure: a command that keeps failing times out after a minute', () => {
		const lab = labWithWeb();
		const before = lab.now();
		const r = lab.exec('kubectl run flaky -i --image=busybox:1.36 -- wget -qO- nope');
		expect(r.error).toContain('error: timed out waiting for the condition\n');
		expect(lab.now() - before).toBe(60_000);
		const pod = JSON.parse(succeeds(lab, 'kubectl get pod flaky -o json').output) as {
			spec: { restartPolicy: string; containers: { stdin?: boolean; stdinOnce?: boolean }[] };
		};
		expect(pod.spec.restartPolicy).toBe('OnFailure');
		expect(pod.spec.containers[0]).toMatchObject({ stdin: true, stdinOnce: true });
	});

	it('replays the same when the lab seeks back over it', () => {
		const lab = labWithWeb();
		const r = succeeds(
			lab,
			'kubectl run tmp -i --image=busybox:1.36 --restart=Never -- wget -qO- web'
		);
		const end = lab.now();
		lab.seek(0);
		lab.seek(end);
		expect(succeeds(lab, 'kubectl logs tmp').output).toBe(r.output);
	});
});
