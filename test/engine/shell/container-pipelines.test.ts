/**
 * The constructs real manifests' scripts use, run by the lab's shell as a container's own
 * program (`kubectl run … -- sh -exc '…'`, a manifest's `command`): pipelines through the text
 * programs, `2>&1`, `$(…)` and backquotes, `case`, subshells, `sh -e`/`-x`/`-u` and `set -o
 * pipefail`, and scripts that read a network client's output. What `kubectl logs` and
 * `kubectl get pods` show is what busybox ash prints:
 *  - xtrace: PS4 `+ `, assignments NAME=VALUE, words single-quoted only when they hold a
 *    character outside `+,-./0-9:@A-Z]^_a-z` (shell/ash.c evalcommand, maybe_single_quote);
 *  - test's errors: `sh: bad number` for an empty operand, `sh: 200: unknown operand` for the
 *    argument left over (coreutils/test.c syntax(), getn(), test_main), status 2;
 *  - wget: `wget: bad address 'HOST'`, `-S` prints the response's lines after two spaces
 *    (networking/wget.c fgets_trim_sanitize "  %s\n"), `saving to 'index.html'` … `saved`;
 *  - a pipeline's status is its last command's, or with pipefail the last failing one's
 *    (XCU 2.9.2; ash's BASH_PIPEFAIL); `X=$(cmd)` alone has cmd's status (XCU 2.9.1);
 *  - `set -u`: `sh: NAME: parameter not set`, status 2 (ash.c varunset, ash_vmsg);
 *  - wc on stdin prints one count bare, several in `%9u` columns (busybox wc.c); uniq -c
 *    `%7lu ` (uniq.c).
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const LOADGENERATOR = (frontend: string) => `apiVersion: v1
kind: Pod
metadata:
  name: loadgenerator
spec:
  initContainers:
  - name: frontend-check
    image: busybox:latest
    env:
    - name: FRONTEND_ADDR
      value: "${frontend}"
    command:
    - /bin/sh
    - -exc
    - |
      echo "Init container pinging frontend: \${FRONTEND_ADDR}..."
      STATUSCODE=$(wget --server-response http://\${FRONTEND_ADDR} 2>&1 | awk '/^  HTTP/{print $2}')
      if test $STATUSCODE -ne 200; then
          echo "Error: Could not reach frontend - Status code: \${STATUSCODE}"
          exit 1
      fi
  containers:
  - name: main
    image: busybox:1.36
    command: ['sleep', '3600']
`;

const FILES: Record<string, string> = {
	'lg-up.yaml': LOADGENERATOR('frontend:80'),
	'lg-down.yaml': LOADGENERATOR('nosuch:80')
};

function lab(): Lab {
	return createLab({ seed: 11, readFile: (p) => FILES[p] });
}

/** `kubectl run NAME --image=busybox --restart=Never -- SHELL…` with the script single-quoted. */
function run(l: Lab, name: string, shell: string, script: string): void {
	succeeds(l, `kubectl run ${name} --image=busybox:1.36 --restart=Never -- ${shell} '${script}'`);
}

const logs = (l: Lab, args: string) => succeeds(l, `kubectl logs ${args}`).output;

function status(l: Lab, name: string): string {
	return succeeds(l, `kubectl get pod ${name} --no-headers`).output.trim().split(/\s+/)[2]!;
}

/** Runs one script to its end and gives its log and the pod's STATUS. */
function ran(script: string, shell = 'sh -c'): { log: string; status: string } {
	const l = lab();
	run(l, 'job', shell, script);
	l.advance(20_000);
	return { log: logs(l, 'job'), status: status(l, 'job') };
}

describe('container scripts: the options of sh -exc', () => {
	it('sh -exc traces each command (substitution and pipe included) and completes', () => {
		const r = ran('echo hi; X=$(echo 5 | awk "{print \\$1}"); echo got $X', '/bin/sh -exc');
		expect(r.log).toBe("+ echo hi\nhi\n+ echo 5\n+ awk '{print $1}'\n+ X=5\n+ echo got 5\ngot 5\n");
		expect(r.status).toBe('Completed');
	});

	it('sh -ec stops at the first failing command: Error, exit 1', () => {
		const l = lab();
		run(l, 'c', 'sh -ec', 'echo one; false; echo two');
		l.advance(20_000);
		expect(logs(l, 'c')).toBe('one\n');
		expect(status(l, 'c')).toBe('Error');
		const pod = JSON.parse(succeeds(l, 'kubectl get pod c -o json').output) as {
			status: { containerStatuses: { state: { terminated: { exitCode: number } } }[] };
		};
		expect(pod.status.containerStatuses[0]!.state.terminated.exitCode).toBe(1);
	});

	it('set -e spares tested commands; set -x quotes words with spaces and reserved words', () => {
		const r = ran('set -ex; if false; then :; fi; false || echo "a b" if');
		expect(r.log).toBe("+ false\n+ false\n+ echo 'a b' 'if'\na b if\n");
		expect(r.status).toBe('Completed');
	});

	it('sh -uc: an unset variable ends the script with status 2', () => {
		const r = ran('echo before; echo $NOPE; echo after', 'sh -uc');
		// ash's varunset(), worded by ash_vmsg: `$0: NAME: parameter not set`.
		expect(r.log).toBe('before\nsh: NOPE: parameter not set\n');
		expect(r.status).toBe('Error');
	});
});

describe('container scripts: pipelines and redirections', () => {
	it('pipes through grep, head, tail, cut, tr and base64', () => {
		const r = ran(
			'printf "a:1\\nb:2\\nc:3\\n" | grep -v b | tail -n 1 | cut -d: -f2; ' +
				'echo hello | tr a-z A-Z; echo -n admin | base64; seq 5 | head -2'
		);
		expect(r.log).toBe('3\nHELLO\nYWRtaW4=\n1\n2\n');
	});

	it('2>&1 sends a failing client’s message down the pipe; test "" -ne 200 is status 2', () => {
		const r = ran(
			'echo hi; wget --server-response http://nosuch 2>&1 | head -3; test "" -ne 200; echo rc=$?'
		);
		expect(r.log).toBe("hi\nwget: bad address 'nosuch'\nsh: bad number\nrc=2\n");
		expect(r.status).toBe('Completed');
	});

	it('a pipeline’s status is the last command’s; with pipefail, the last failing one’s', () => {
		expect(ran('false | true; echo $?; set -o pipefail; false | true; echo $?').log).toBe('0\n1\n');
		expect(ran('! echo x | grep -q y; echo $?').log).toBe('0\n');
	});

	it('&> sends both streams to the file; a here-document is a construct the lab does not read', () => {
		expect(ran('test 1 -eq x &>/dev/null || echo failed; echo x &> /tmp/o; cat /tmp/o').log).toBe(
			'failed\nx\n'
		);
		// The module's rule: what the shell does not read runs on as an unknown program.
		const here = ran('echo before; cat <<EOF');
		expect(here).toEqual({ log: '', status: 'Running' });
	});

	it('writes and reads the container’s own files; 2>/dev/null and >/dev/null drop output', () => {
		const r = ran(
			'echo hello > /tmp/f; echo world >> /tmp/f; tr a-z A-Z < /tmp/f; ' +
				'cat /tmp/f | grep -c o; echo gone >/dev/null; test 1 -eq x 2>/dev/null || echo no'
		);
		expect(r.log).toBe('HELLO\nWORLD\n2\nno\n');
	});
});

describe('container scripts: reading stdin, and busybox’s own formats', () => {
	it('while read takes a pipe or a file line by line; read -r keeps backslashes', () => {
		const r = ran(
			'printf "a 1\\nb 2 3\\n" | while read k v; do echo "$v=$k"; done; ' +
				'echo one > /tmp/l; echo two >> /tmp/l; while read -r line; do echo "[$line]"; done < /tmp/l; ' +
				'{ echo x; echo y; } > /tmp/m; cat /tmp/m; ' +
				'printf "  a  b \\n" | { IFS= read -r l; echo "[$l]"; }; X=1 true; echo "[$X]"'
		);
		// `IFS= read` keeps the blanks; `X=1 true` sets X for true alone (XCU 2.9.1).
		expect(r.log).toBe('1=a\n2 3=b\n[one]\n[two]\nx\ny\n[  a  b ]\n[]\n');
	});

	it('busybox wc: one count bare, several in 9 columns (wc.c); uniq -c in 7 (uniq.c)', () => {
		const r = ran(
			'printf "a b\\nc\\n" | wc -l; printf "a b\\nc\\n" | wc; printf "x\\nx\\ny\\n" | uniq -c'
		);
		expect(r.log).toBe('2\n        2         3         6\n      2 x\n      1 y\n');
	});
});

describe('container scripts: substitutions, case and subshells', () => {
	it('$(…) and backquotes give the output; X=$(cmd) alone has its status', () => {
		const r = ran('X=`echo hi | tr h H`; echo "$X $(echo a | tr a b)"; Y=$(exit 3); echo $?');
		expect(r.log).toBe('Hi b\n3\n');
	});

	it('${NAME##P}, ${NAME#P}, ${NAME%P} and ${NAME%%P} cut a matching prefix or suffix', () => {
		const r = ran('H=web-db-2; echo ${H##*-} ${H#*-} ${H%-*} ${H%%-*} ${H#x}');
		expect(r.log).toBe('2 db-2 web-db web web-db-2\n');
	});

	it('case picks the first matching pattern; a subshell keeps its variables', () => {
		const r = ran(
			'for x in apple kiwi "a b"; do case "$x" in a*|k?w?) echo "1 $x";; *) echo "2 $x";; esac; done; ' +
				'V=out; (V=in; echo $V); echo $V'
		);
		expect(r.log).toBe('1 apple\n1 kiwi\n1 a b\nin\nout\n');
	});
});

describe('container scripts that read a network client’s output', () => {
	it('the microservices-demo loadgenerator check passes against a reachable frontend', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment frontend --image=nginx');
		succeeds(l, 'kubectl expose deployment frontend --port=80');
		l.advance(30_000);
		succeeds(l, 'kubectl apply -f lg-up.yaml');
		l.advance(30_000);
		// The script ran whole when the kubelet reached it: the pipe saw wget's real answer.
		expect(logs(l, 'loadgenerator -c frontend-check')).toBe(
			[
				"+ echo 'Init container pinging frontend: frontend:80...'",
				'Init container pinging frontend: frontend:80...',
				'+ wget --server-response http://frontend:80',
				"+ awk '/^  HTTP/{print $2}'",
				'+ STATUSCODE=200',
				'+ test 200 -ne 200',
				''
			].join('\n')
		);
		expect(status(l, 'loadgenerator')).toBe('Running');
	});

	it('an unreachable frontend leaves STATUSCODE empty: test fails with status 2, which if skips', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f lg-down.yaml');
		l.advance(30_000);
		const log = logs(l, 'loadgenerator -c frontend-check');
		expect(log).toContain('+ STATUSCODE=\n+ test -ne 200\nsh: 200: unknown operand\n');
		expect(log).not.toContain('Error: Could not reach frontend');
		// The if's condition failed with 2, so the script went on and ended 0: the app starts.
		expect(status(l, 'loadgenerator')).toBe('Running');
	});

	it('a client whose output goes to /dev/null prints nothing to the log', () => {
		const r = ran('sleep 1; wget http://nosuch >/dev/null 2>&1; echo done');
		expect(r).toEqual({ log: 'done\n', status: 'Completed' });
	});

	it('a script that sleeps and then reads a client’s output pauses there for good', () => {
		const l = lab();
		run(
			l,
			'p',
			'sh -c',
			'echo start; sleep 1; X=$(wget -qO- http://nosuch | head -1); echo "got $X"'
		);
		l.advance(20_000);
		expect(logs(l, 'p')).toBe('start\n');
		expect(status(l, 'p')).toBe('Running');
	});
});

describe('kubectl exec runs the same shell', () => {
	it('pipes, 2>&1 and sh -ex in kubectl exec, at once', () => {
		const l = lab();
		run(l, 'box', 'sh -c', 'sleep 3600');
		l.advance(20_000);
		const r = succeeds(
			l,
			"kubectl exec box -- sh -exc 'wget -qO- http://nosuch 2>&1 | grep -c bad; echo ok | tr a-z A-Z'"
		);
		expect(r.output).toBe('1\nOK\n');
		expect(r.error).toBe('+ wget -qO- http://nosuch\n+ grep -c bad\n+ echo ok\n+ tr a-z A-Z\n');
	});
});
