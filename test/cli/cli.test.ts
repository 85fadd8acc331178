/** The headless CLI as a user runs it: `npx orchestra-lab` with a script on stdin or in a file. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/orchestra-lab.js');

function cli(args: string[], input = '') {
	const r = spawnSync(process.execPath, [BIN, ...args], {
		input,
		encoding: 'utf8',
		timeout: 60_000
	});
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('orchestra-lab CLI', () => {
	const script = 'sim node stop node-2\nsim advance 2m\nkubectl get nodes\n';

	it('prints a transcript where the stopped node is NotReady and the others Ready', () => {
		const r = cli(['--workers', '3'], script);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('$ kubectl get nodes\n');
		const rows = r.stdout.split('$ kubectl get nodes\n')[1]!.trim().split('\n').slice(1);
		const status = Object.fromEntries(rows.map((l) => l.split(/\s+/).slice(0, 2)));
		expect(status).toEqual({
			'control-plane': 'Ready',
			'node-1': 'Ready',
			'node-2': 'NotReady',
			'node-3': 'Ready'
		});
	});

	it('prints the same bytes when run twice', () => {
		expect(cli(['--workers', '3'], script).stdout).toBe(cli(['--workers', '3'], script).stdout);
	});

	it("exits 1 with kubectl's error for an unknown command, and goes on past it", () => {
		const r = cli([], 'kubectl frobnicate\nsim time\n');
		expect(r.status).toBe(1);
		expect(r.stdout).toBe(
			'$ kubectl frobnicate\nerror: unknown command "frobnicate" for "kubectl"\n$ sim time\n0s\n'
		);
	});

	it('reads a script file, skipping comments and blank lines, CRLF or not', () => {
		const dir = mkdtempSync(join(tmpdir(), 'orchestra-lab-'));
		const file = join(dir, 'nodes.script');
		writeFileSync(file, '# a comment\r\n\r\nsim advance 10s\r\ndocker node ls -q\r\n');
		const r = cli(['--flavor', 'swarm', '--seed', '3', file]);
		expect(r.status).toBe(0);
		const lines = r.stdout.split('\n');
		expect(lines[0]).toBe('$ sim advance 10s');
		expect(lines.slice(3, 6).every((id) => /^[0-9a-z]{25}$/.test(id))).toBe(true);
	});

	it('refuses bad options with a usage line and exit 2', () => {
		const r = cli(['--flavor', 'mesos']);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/--flavor must be kubernetes or swarm/);
		expect(r.stderr).toMatch(/^usage: orchestra-lab/m);
		expect(cli(['--bogus']).status).toBe(2);
	});

	it('--exercise starts the exercise lab, ends with its goals, and exits 1 while one is unmet', () => {
		const solved = cli(
			['--exercise', 'roll-back'],
			'kubectl rollout undo deployment/web\nsim advance 1m\n'
		);
		expect(solved.status).toBe(0);
		expect(solved.stdout).toMatch(
			/^# exercise roll-back: the lab ran this before your script\n# {3}kubectl create deployment web/
		);
		expect(solved.stdout).toContain(
			'# exercise roll-back: 3 of 3 goals met\n✓ No web pod is stuck pulling an image'
		);

		const unsolved = cli(['--exercise', 'roll-back'], 'kubectl get pods -l app=web\n');
		expect(unsolved.status).toBe(1);
		expect(unsolved.stdout).toMatch(/ImagePullBackOff/);
		expect(unsolved.stdout).toContain('0 of 3 goals met\n✗ No web pod is stuck pulling an image');
	});

	it('--exercise refuses an unknown id and options that would shape another cluster', () => {
		const unknown = cli(['--exercise', 'nope'], '');
		expect(unknown.status).toBe(2);
		expect(unknown.stderr).toMatch(/--exercise must be one of roll-back, /);
		const shaped = cli(['--exercise', 'roll-back', '--workers', '5'], '');
		expect(shaped.status).toBe(2);
		expect(shaped.stderr).toMatch(/--exercise sets the cluster itself: drop --workers/);
	});
});
