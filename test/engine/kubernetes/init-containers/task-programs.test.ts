/**
 * The lab's rule for init container commands it cannot interpret (container-program.ts
 * `programFor(…, task)`): a regular init container is a one-shot task, so an unknown command
 * (`cp`, `chown`, `until nslookup …`) does its work and succeeds, taking INIT_TASK_MS once for
 * the whole script; an app container's unknown command still runs until stopped. Network
 * clients (`wget`, `curl`, `nslookup`) run for real when the lab can (container-clients.ts),
 * else fall back to the same rule.
 */
import { describe, expect, it } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1';
import {
	programFor,
	type Program
} from '../../../../src/engine/kubernetes/kubelet/container-program';
import { INIT_TASK_MS } from '../../../../src/engine/kubernetes/defaults';

/**
 * How long the program runs and how it ends ('serve': until stopped). A network client's end is
 * decided when it runs (container-clients.ts); here it shows as what it falls back to when the
 * lab cannot run it: `client, else task` or `client, else serve`.
 */
function outcome(p: Program): { ms: number; end: string } {
	let ms = 0;
	let status = 0;
	for (const s of p.steps) {
		if (s.op === 'sleep') ms += s.ms;
		if (s.op === 'status') status = s.code;
		if (s.op === 'exit') return { ms, end: `exit ${s.code}` };
		if (s.op === 'client') return { ms, end: `client, else ${s.otherwise}` };
	}
	return { ms, end: p.then === 'serve' ? 'serve' : `exit ${status}` };
}

const c = (command: string[]): Container => ({ name: 'x', image: 'busybox:1.28', command });

describe('init container task programs', () => {
	it('completes the website init commands', () => {
		// pods/init-containers.yaml
		expect(
			outcome(
				programFor(
					c(['wget', '-O', '/work-dir/index.html', 'http://info.cern.ch']),
					undefined,
					true
				)
			)
		).toEqual({ ms: 0, end: 'client, else task' });
		// The "Init Containers" concept page's myapp-pod: a DNS wait, retried every 2 s.
		const wait =
			'until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done';
		expect(programFor(c(['sh', '-c', wait]), undefined, true).steps).toEqual([
			// Each failed try logs nslookup's answer, then the body's echo.
			{
				op: 'resolve',
				host: 'myservice..svc.cluster.local',
				ms: 2_000,
				say: ['waiting for myservice']
			}
		]);
		// application/mysql/mysql-statefulset.yaml init-mysql (comments and compound commands).
		const mysql = `set -ex
# Generate mysql server-id from pod ordinal index.
[[ $HOSTNAME =~ -([0-9]+)$ ]] || exit 1
ordinal=\${BASH_REMATCH[1]}
echo [mysqld] > /mnt/conf.d/server-id.cnf
if [[ $ordinal -eq 0 ]]; then
  cp /mnt/config-map/primary.cnf /mnt/conf.d/
else
  cp /mnt/config-map/replica.cnf /mnt/conf.d/
fi`;
		expect(outcome(programFor(c(['bash', '-c', mysql]), undefined, true))).toEqual({
			ms: INIT_TASK_MS,
			end: 'exit 0'
		});
	});

	it('keeps what the interpreter knows: exit codes and sleeps', () => {
		expect(outcome(programFor(c(['sh', '-c', 'sleep 1; exit 1']), undefined, true))).toEqual({
			ms: 1_000,
			end: 'exit 1'
		});
	});

	it('leaves app containers as they were: unknown commands run until stopped', () => {
		expect(outcome(programFor(c(['wget', 'http://info.cern.ch'])))).toEqual({
			ms: 0,
			end: 'client, else serve'
		});
		expect(outcome(programFor(c(['sh', '-c', 'nslookup db'])))).toEqual({
			ms: 0,
			end: 'client, else serve'
		});
		expect(outcome(programFor(c(['sh', '-c', 'frobnicate'])))).toEqual({ ms: 0, end: 'exit 127' });
	});

	it('follows a file with tail -f/-F until stopped (the sidecar log shipper)', () => {
		expect(outcome(programFor(c(['sh', '-c', 'tail -F /opt/logs.txt'])))).toEqual({
			ms: 0,
			end: 'serve'
		});
		expect(outcome(programFor(c(['tail', '-f', '/dev/null'])))).toEqual({ ms: 0, end: 'serve' });
	});
});
