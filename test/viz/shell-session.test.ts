/**
 * The console's interactive shell: which lines ask for one, and the lab lines it sends for
 * each line typed (run through the lab's exec, so the shell behaves exactly as exec does).
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../src/engine/index';
import {
	exitCode,
	interactiveRun,
	interactiveShell,
	removeLine,
	sessionEnded,
	shellLine,
	withoutExitNote
} from '../../src/viz/widgets/console/shell-session';
import { tokenize } from '../../src/engine/commands/tokenizer';

describe('interactiveShell', () => {
	it('recognises kubectl exec -it … -- sh and docker exec -it … sh, with their flags kept', () => {
		const k = interactiveShell('kubectl exec -it web -n shop -c app -- sh')!;
		expect(k.base).toBe('kubectl exec web -n shop -c app');
		expect(k.target).toBe('web');
		expect(k.prompt).toBe('/ # ');
		expect(shellLine(k, 'wget -qO- http://api')).toBe(
			"kubectl exec web -n shop -c app -- sh -c 'wget -qO- http://api'"
		);
		const b = interactiveShell('kubectl exec -i -t deploy/web -- bash')!;
		expect(b.base).toBe('kubectl exec deploy/web');
		expect(b.prompt).toBe('root@web:/# ');
		const d = interactiveShell('docker exec -it -e A=1 web.1.abc sh')!;
		expect(shellLine(d, 'env')).toBe('docker exec -e A=1 web.1.abc sh -c env');
	});

	it('leaves alone what is no interactive shell', () => {
		expect(interactiveShell('kubectl exec web -- sh')).toBeUndefined(); // no stdin
		expect(interactiveShell('kubectl exec -it web -- sh -c date')).toBeUndefined();
		expect(interactiveShell('kubectl exec -it web -- hostname')).toBeUndefined();
		expect(interactiveShell('kubectl get pods')).toBeUndefined();
		expect(interactiveShell("kubectl exec -it web -- sh 'unclosed")).toBeUndefined();
	});

	it('quotes a typed line so the lab reads it back as one word, quotes and all', () => {
		const t = interactiveShell('kubectl exec -it web -- sh')!;
		const typed = `echo "it's $HOME" && printenv 'A B'`;
		const line = shellLine(t, typed);
		const words = tokenize(line);
		expect(words.ok && words.words.slice(-1)[0]).toBe(typed);
	});

	it('knows exit and drops the per-command exit note', () => {
		expect(exitCode('exit')).toBe(0);
		expect(exitCode(' exit 3 ')).toBe(3);
		expect(exitCode('exit 256')).toBe(0);
		expect(exitCode('exitcode')).toBeUndefined();
		expect(withoutExitNote("wget: bad address 'x'\ncommand terminated with exit code 1\n")).toBe(
			"wget: bad address 'x'\n"
		);
	});

	it('runs each line as the lab runs exec', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		lab.exec('kubectl run web --image=busybox:1.36 -- sleep 3600');
		lab.advance(20_000);
		const t = interactiveShell('kubectl exec -it web -- sh')!;
		expect(lab.exec(shellLine(t, 'hostname; echo "a  b"')).output).toBe('web\na  b\n');
	});
});

describe('interactiveRun', () => {
	it('makes the pod kubectl run -it makes, unattached, then waits and plays the shell', () => {
		const r = interactiveRun('kubectl run -it --rm debug --image=busybox -n dev --restart=Never')!;
		expect(r.create).toBe(
			'kubectl run debug --image=busybox -n dev --restart=Never --stdin --tty --attach=false -- sh'
		);
		expect(r.wait).toBe('kubectl wait --for=condition=Ready pod/debug --timeout=60s -n dev');
		expect(shellLine(r.shell, 'hostname')).toBe('kubectl exec debug -n dev -- sh -c hostname');
		expect(removeLine(r.shell)).toBe('kubectl delete pod debug -n dev --wait=false');
		expect(interactiveRun('kubectl run -ti x --image=nginx -- bash')!.shell.prompt).toBe(
			'root@x:/# '
		);
		expect(removeLine(interactiveRun('kubectl run -it x --image=busybox -- sh')!.shell)).toBe(
			undefined
		);
	});

	it("ends with attach's reattach line naming the namespace, or nothing with -q", () => {
		const r = interactiveRun('kubectl run -it --rm debug --image=busybox -n dev')!;
		expect(sessionEnded(r.shell)).toBe(
			"Session ended, resume using 'kubectl attach debug -c debug -n dev -i -t' command"
		);
		const quiet = interactiveRun('kubectl run -it -q --rm debug --image=ubuntu:24.04')!;
		expect(quiet.create).toBe(
			'kubectl run debug --image=ubuntu:24.04 --stdin --tty --attach=false -- bash'
		);
		expect(quiet.shell.run?.quiet).toBe(true);
		expect(sessionEnded(quiet.shell)).toBeUndefined();
		expect(
			sessionEnded(interactiveRun('kubectl run -it x --image=alpine --namespace=shop')!.shell)
		).toBe("Session ended, resume using 'kubectl attach x -c x -n shop -i -t' command");
	});

	it('leaves alone a run that is no interactive shell', () => {
		expect(interactiveRun('kubectl run x --image=busybox -- sh')).toBeUndefined();
		expect(interactiveRun('kubectl run -i x --image=busybox -- wget -qO- web')).toBeUndefined();
		expect(interactiveRun('kubectl run -it x --image=nginx')).toBeUndefined(); // nginx serves
	});

	it('its lines work in a lab: created with stdin, ready, exec, deleted', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		const r = interactiveRun('kubectl run -it --rm debug --image=busybox:1.36 -- sh')!;
		expect(lab.exec(r.create).ok).toBe(true);
		expect(lab.exec(r.wait).output).toBe('pod/debug condition met\n');
		expect(lab.exec(shellLine(r.shell, 'hostname')).output).toBe('debug\n');
		expect(lab.exec(removeLine(r.shell)!).output).toBe(
			'pod "debug" deleted from default namespace\n'
		);
	});
});
