// A container's scratch directories start empty and the kubelet's files are always there: a
// script testing `[ -f /tmp/ready ]` before anything wrote it gets false, as on a real node —
// the pod goes on (or fails, and is restarted) instead of being taken to run forever.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

describe('files a script tests', () => {
	it('finds nothing in /tmp it did not write, and the kubelet-managed /etc files', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		succeeds(
			lab,
			`kubectl run a --image=busybox --restart=Never -- sh -c 'echo start; [ -f /tmp/b ] || echo no-b; touch /tmp/c; [ -f /tmp/c ] && echo has-c; test -f /etc/hosts && echo has-hosts'`
		);
		lab.advance(20_000);
		expect(succeeds(lab, 'kubectl logs a').output).toBe('start\nno-b\nhas-c\nhas-hosts\n');
		expect(succeeds(lab, 'kubectl get pod a').output).toMatch(/0\/1 +Completed +0 /);
	});

	it('fails a container that needs a file no one wrote, and restarts it', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		succeeds(
			lab,
			`kubectl run b --image=busybox --restart=OnFailure -- sh -c 'echo start; [ -f /tmp/ready ] || exit 1'`
		);
		lab.advance(30_000);
		expect(succeeds(lab, 'kubectl get pod b').output).toMatch(/0\/1 +CrashLoopBackOff +2 /);
	});

	it('leaves a path under a mounted volume unknown: another container may write it', () => {
		const lab = createLab({
			flavor: 'kubernetes',
			seed: 1,
			readFile: () => `apiVersion: v1
kind: Pod
metadata:
  name: shared
spec:
  volumes:
  - name: scratch
    emptyDir: {}
  containers:
  - name: waiter
    image: busybox
    command: ['sh', '-c', 'until [ -f /tmp/shared/ready ]; do sleep 1; done; echo ready']
    volumeMounts:
    - name: scratch
      mountPath: /tmp/shared
`
		});
		succeeds(lab, 'kubectl apply -f shared.yaml');
		lab.advance(20_000);
		// Not answered false (which would end the loop at once with "ready").
		expect(succeeds(lab, 'kubectl logs shared').output).toBe('');
	});

	it("answers cat of a scratch file never written with busybox's error, and goes on", () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		succeeds(
			lab,
			`kubectl run c --image=busybox --restart=Never -- sh -c 'echo hi > /tmp/x; cat /tmp/nope /tmp/x; echo rc=$?'`
		);
		lab.advance(10_000);
		expect(succeeds(lab, 'kubectl logs c').output).toBe(
			"cat: can't open '/tmp/nope': No such file or directory\nhi\nrc=1\n"
		);
	});
});
