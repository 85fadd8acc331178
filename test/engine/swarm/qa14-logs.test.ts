// `docker service logs` (docker/cli cli/command/service/logs.go; moby
// api/server/httputils/write_log_stream.go) over what the tasks' containers print.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

function helloworld(): { lab: Lab; taskId: string } {
	const lab = createLab({ flavor: 'swarm', managers: 1, workers: 0 });
	// The swarm tutorial's service (docker docs engine/swarm/swarm-tutorial/deploy-service.md).
	succeeds(lab, 'docker service create -d --replicas 1 --name helloworld alpine ping docker.com');
	lab.advance(5_000);
	const taskId = succeeds(lab, 'docker service ps -q --no-trunc helloworld').output.trim();
	return { lab, taskId };
}

describe('docker service logs', () => {
	// busybox ping: a header, then one reply line a second with seq counting from 0.
	it('prints ping’s lines, one a second, each after the task prefix', () => {
		const { lab, taskId } = helloworld();
		const lines = succeeds(lab, 'docker service logs helloworld').output.trimEnd().split('\n');
		const prefix = `helloworld.1.${taskId.slice(0, 12)}@manager-1    | `;
		expect(lines[0]).toMatch(/^.* \| PING docker\.com \(\d+\.\d+\.\d+\.\d+\): 56 data bytes$/);
		expect(lines.every((l) => l.startsWith(prefix))).toBe(true);
		const seqs = lines.slice(1).map((l) => /seq=(\d+) ttl=\d+ time=\d+\.\d{3} ms$/.exec(l)?.[1]);
		expect(seqs.length).toBeGreaterThanOrEqual(3);
		expect(seqs).toEqual(seqs.map((_, i) => String(i)));
	});

	it('-t puts the RFC3339Nano time first; --raw drops the prefix; --tail keeps the last lines', () => {
		const { lab } = helloworld();
		const stamped = succeeds(lab, 'docker service logs -t --tail 2 helloworld').output;
		const lines = stamped.trimEnd().split('\n');
		expect(lines).toHaveLength(2);
		for (const l of lines) {
			expect(l).toMatch(
				/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z helloworld\.1\.\w{12}@manager-1 {4}\| 64 bytes/
			);
		}
		const t0 = Date.parse(lines[0]!.split(' ')[0]!);
		const t1 = Date.parse(lines[1]!.split(' ')[0]!);
		expect(t1 - t0).toBe(1_000);
		expect(succeeds(lab, 'docker service logs --raw --tail 1 helloworld').output).toMatch(
			/^64 bytes from [\d.]+: seq=\d+ ttl=\d+ time=[\d.]+ ms\n$/
		);
	});

	// logWriter: with --details the (empty) remaining attributes and a space follow the bar;
	// with --raw the daemon's sorted context attributes come first.
	it('--details with and without --raw', () => {
		const { lab, taskId } = helloworld();
		expect(succeeds(lab, 'docker service logs --details --tail 1 helloworld').output).toMatch(
			/ {4}\| {2}64 bytes/
		);
		expect(succeeds(lab, 'docker service logs --raw --details --tail 1 helloworld').output).toMatch(
			new RegExp(
				`^com\\.docker\\.swarm\\.node\\.id=\\w+,com\\.docker\\.swarm\\.service\\.id=\\w+,com\\.docker\\.swarm\\.task\\.id=${taskId} 64 bytes`
			)
		);
	});

	it('accepts a task ID as well as a service', () => {
		const { lab, taskId } = helloworld();
		expect(succeeds(lab, `docker service logs --tail 1 ${taskId}`).output).toMatch(
			new RegExp(`^helloworld\\.1\\.${taskId.slice(0, 12)}@manager-1 {4}\\| 64 bytes`)
		);
		expect(fails(lab, 'docker service logs nosuch').error).toBe(
			'no such task or service: nosuch\n'
		);
	});

	// A script's echo lines at the moments they were written; --since drops the older ones.
	it('prints what a sh -c script echoes, and --since keeps the recent lines only', () => {
		const lab = createLab({ flavor: 'swarm', managers: 1, workers: 0 });
		succeeds(
			lab,
			`docker service create -d --name e alpine sh -c 'echo hello; sleep 10; echo bye; sleep 1000'`
		);
		lab.advance(20_000);
		const texts = (line: string) =>
			succeeds(lab, line)
				.output.trimEnd()
				.split('\n')
				.filter((l) => l !== '')
				.map((l) => l.split('| ')[1]);
		expect(texts('docker service logs e')).toEqual(['hello', 'bye']);
		expect(texts('docker service logs --since 15s e')).toEqual(['bye']);
		expect(fails(lab, 'docker service logs --since yesterday e').error).toBe(
			'invalid value for "since": failed to parse value as time or duration: "yesterday"\n'
		);
	});
});
