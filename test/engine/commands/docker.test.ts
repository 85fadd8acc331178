// The docker CLI in swarm mode. Expected texts come from ../shared/cli-formats.md (§1.1 docker
// tabwriter, §1.5 PrettyPrint, §6.2 node ls, §6.8 --format json, §6.9 errors) and timings from
// ../shared/facts.md §2.3 (dispatcher heartbeats).
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { state, fails, succeeds } from '../lab-helpers';
import type { Lab } from '../../../src/engine/index';

const HEADER =
	'ID                            HOSTNAME    STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION';

/**
 * One row of the default table, built from the column widths the docker tabwriter gives here
 * (minwidth 10, padding 3): ID cell 25 + 2 + 3 = 30, HOSTNAME 9 + 3 = 12, STATUS 10 (minwidth),
 * AVAILABILITY 12 + 3 = 15, MANAGER STATUS 14 + 3 = 17, ENGINE VERSION last and unpadded.
 */
function row(id: string, self: boolean, host: string, status: string, manager: string): string {
	return (
		`${id} ${self ? '*' : ' '}`.padEnd(30) +
		host.padEnd(12) +
		status.padEnd(10) +
		'Active'.padEnd(15) +
		manager.padEnd(17) +
		'28.5.2'
	);
}

function ids(lab: Lab): string[] {
	return succeeds(lab, 'docker node ls -q').output.split('\n').slice(0, -1);
}

function statusOf(lab: Lab, host: string): string {
	const line = succeeds(lab, "docker node ls --format '{{json .}}'")
		.output.split('\n')
		.slice(0, -1)
		.map((l) => JSON.parse(l) as Record<string, unknown>)
		.find((r) => r.Hostname === host);
	expect(line, `no row for ${host}`).toBeDefined();
	return line!.Status as string;
}

describe('docker node ls (cli-formats §6.2)', () => {
	it('prints the v28 table: IDs in full, * after self, Leader, empty padded cells for workers', () => {
		const lab = createLab({ flavor: 'swarm' });
		const [m1, w1, w2] = ids(lab);
		expect(succeeds(lab, 'docker node ls').output).toBe(
			[
				HEADER,
				row(m1!, true, 'manager-1', 'Ready', 'Leader'),
				row(w1!, false, 'worker-1', 'Ready', ''),
				row(w2!, false, 'worker-2', 'Ready', '')
			].join('\n') + '\n'
		);
	});

	it('worker rows are padded through the empty MANAGER STATUS cell (trailing cells, §1.1 rule 4)', () => {
		const lab = createLab({ flavor: 'swarm' });
		const lines = succeeds(lab, 'docker node ls').output.split('\n');
		const worker = lines.find((l) => l.includes('worker-1'))!;
		expect(worker).toMatch(/ {3}Active {9} {17}28\.5\.2$/);
		expect(lines[0]!.startsWith('ID  ')).toBe(true);
	});

	it('node IDs are 25 lowercase base-36 characters, distinct, and -q lists them in table order', () => {
		const lab = createLab({ flavor: 'swarm', workers: 4 });
		const list = ids(lab);
		expect(list).toHaveLength(5);
		for (const id of list) expect(id).toMatch(/^[0-9a-z]{25}$/);
		expect(new Set(list).size).toBe(5);
		const tableIds = succeeds(lab, 'docker node ls')
			.output.split('\n')
			.slice(1, -1)
			.map((l) => l.slice(0, 25));
		expect(tableIds).toEqual(list);
		expect(succeeds(lab, 'docker node ls --quiet').output).toBe(list.join('\n') + '\n');
	});

	it('rows are sorted by hostname in natural order (worker-2 before worker-10)', () => {
		const lab = createLab({ flavor: 'swarm', workers: 11 });
		const hosts = succeeds(lab, "docker node ls --format '{{.Hostname}}'")
			.output.split('\n')
			.slice(0, -1);
		expect(hosts).toEqual([
			'manager-1',
			...Array.from({ length: 11 }, (_, i) => `worker-${i + 1}`)
		]);
	});

	it("--format '{{.Hostname}}' prints one hostname per line, no header", () => {
		const lab = createLab({ flavor: 'swarm' });
		expect(succeeds(lab, "docker node ls --format '{{.Hostname}}'").output).toBe(
			'manager-1\nworker-1\nworker-2\n'
		);
	});

	it("--format '{{json .}}' prints one compact object a line with docker's keys, sorted (§6.8)", () => {
		const lab = createLab({ flavor: 'swarm' });
		const out = succeeds(lab, "docker node ls --format '{{json .}}'").output;
		const lines = out.split('\n').slice(0, -1);
		expect(lines).toHaveLength(3);
		const [m1, w1] = ids(lab);
		for (const line of lines) {
			const obj = JSON.parse(line) as Record<string, unknown>;
			expect(Object.keys(obj)).toEqual([
				'Availability',
				'EngineVersion',
				'Hostname',
				'ID',
				'ManagerStatus',
				'Self',
				'Status',
				'TLSStatus'
			]);
			expect(line).toBe(JSON.stringify(obj));
		}
		expect(JSON.parse(lines[0]!)).toEqual({
			Availability: 'Active',
			EngineVersion: '28.5.2',
			Hostname: 'manager-1',
			ID: m1,
			ManagerStatus: 'Leader',
			Self: true,
			Status: 'Ready',
			TLSStatus: 'Ready'
		});
		expect(JSON.parse(lines[1]!)).toMatchObject({
			Hostname: 'worker-1',
			ID: w1,
			ManagerStatus: '',
			Self: false
		});
		expect(succeeds(lab, 'docker node ls --format json').output).toBe(out);
	});

	it('a table format prints its header (§1.5)', () => {
		const lab = createLab({ flavor: 'swarm' });
		expect(
			succeeds(lab, "docker node ls --format 'table {{.Hostname}}\\t{{.Status}}'").output
		).toBe('HOSTNAME    STATUS\nmanager-1   Ready\nworker-1    Ready\nworker-2    Ready\n');
	});

	it('the documented default format (§6.2 defaultNodeTableFormat), given explicitly, prints the same table', () => {
		const lab = createLab({ flavor: 'swarm' });
		const format =
			'table {{.ID}} {{if .Self}}*{{else}} {{ end }}\\t{{.Hostname}}\\t{{.Status}}\\t{{.Availability}}\\t{{.ManagerStatus}}\\t{{.EngineVersion}}';
		const r = lab.exec(`docker node ls --format '${format}'`);
		expect(r.error).toBeUndefined();
		expect(r.output).toBe(succeeds(lab, 'docker node ls').output);
	});

	it('with --managers 3: manager-2 and manager-3 are Reachable', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3 });
		const [m1, m2, m3, w1, w2] = ids(lab);
		expect(succeeds(lab, 'docker node ls').output).toBe(
			[
				HEADER,
				row(m1!, true, 'manager-1', 'Ready', 'Leader'),
				row(m2!, false, 'manager-2', 'Ready', 'Reachable'),
				row(m3!, false, 'manager-3', 'Ready', 'Reachable'),
				row(w1!, false, 'worker-1', 'Ready', ''),
				row(w2!, false, 'worker-2', 'Ready', '')
			].join('\n') + '\n'
		);
	});

	it('a stopped manager-3 becomes Unreachable, and Down once its heartbeats time out', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3 });
		succeeds(lab, 'sim advance 30s');
		succeeds(lab, 'sim node stop manager-3');
		// 16.5 s is the longest heartbeat TTL (facts.md §2.3); 20 s is "enough time".
		succeeds(lab, 'sim advance 20s');
		const line = succeeds(lab, 'docker node ls')
			.output.split('\n')
			.find((l) => l.includes('manager-3'))!;
		const id = ids(lab)[2]!;
		expect(line).toBe(row(id, false, 'manager-3', 'Down', 'Unreachable'));
		expect(statusOf(lab, 'manager-2')).toBe('Ready');
	});
});

describe('swarm node failure timing (facts.md §2.3)', () => {
	// The dispatcher resets a node's TTL to 3 × period on every heartbeat, the period being
	// 5 s ± 0.5 s, so a silent node is Down 13.5–16.5 s after its LAST heartbeat. The agent beats
	// once per period, so the last beat before a stop lies in (stop − 5.5 s, stop]. Hence, measured
	// from the stop: Down no earlier than 13.5 − 5.5 = 8 s and no later than 16.5 s (+ a few ms of
	// network latency, + our 100 ms polling step). (The window "13.5 s … 16.5 + 5.5 s after the
	// stop" would mix the two: the heartbeat can be up to 5.5 s *before* the stop, not after it.)
	const EARLIEST_MS = 13_500 - 5_500;
	const LATEST_MS = 16_500 + 50 + 100;

	it.each([1, 2, 3, 42])(
		'seed %i: a stopped worker is Down between 8 s and 16.5 s after the stop',
		(seed) => {
			const lab = createLab({ flavor: 'swarm', seed });
			succeeds(lab, 'sim advance 95s');
			succeeds(lab, 'sim node stop worker-1');
			let downAfter = -1;
			for (let ms = 100; ms <= 30_000; ms += 100) {
				lab.advance(100);
				if (statusOf(lab, 'worker-1') === 'Down') {
					downAfter = ms;
					break;
				}
			}
			expect(downAfter).toBeGreaterThan(0);
			expect(downAfter).toBeGreaterThanOrEqual(EARLIEST_MS);
			expect(downAfter).toBeLessThanOrEqual(LATEST_MS);
			expect(statusOf(lab, 'worker-2')).toBe('Ready');
			expect(statusOf(lab, 'manager-1')).toBe('Ready');
			const text = succeeds(lab, 'docker node ls').output;
			expect(text).toMatch(/ worker-1 {4}Down {6}Active /);
		}
	);

	// The heartbeat times cannot be read from outside, but they can be found: the moment a worker
	// goes Down depends only on the last beat before the stop. Sweeping the stop time on a 100 ms
	// grid, the Down moment D jumps when the stop passes a beat; a binary search then finds, to
	// the millisecond, the first stop time S that gives the new D, so the beat L is in (S − 1, S].
	// For each beat: 13.5 s <= D − L <= 16.5 s (+ a few ms of latency, since the TTL starts when the
	// beat arrives), and successive beats are one period (4.5–5.5 s) apart.
	it.each([1, 5])(
		'seed %i: Down comes 13.5–16.5 s after the last heartbeat, never earlier',
		(seed) => {
			const GRID = 100;
			const downAt = (stopAt: number): number => {
				const lab = createLab({ flavor: 'swarm', seed });
				lab.advance(stopAt);
				succeeds(lab, 'sim node stop worker-2');
				lab.advance(20_000);
				const ev = lab
					.events(stopAt)
					.find((e) => e.kind === 'swarm.node.down' && e.subject === 'node/worker-2');
				expect(ev, `no Down event after a stop at ${stopAt}`).toBeDefined();
				return ev!.t;
			};
			const beats: { at: number; down: number }[] = [];
			let previous = downAt(60_000);
			for (let stopAt = 60_000 + GRID; stopAt <= 80_000; stopAt += GRID) {
				const d = downAt(stopAt);
				if (d === previous) continue;
				// D changed between stopAt − GRID and stopAt: find the first millisecond that gives d.
				let lo = stopAt - GRID; // gives the old D
				let hi = stopAt; // gives d
				while (hi - lo > 1) {
					const mid = Math.floor((lo + hi) / 2);
					if (downAt(mid) === d) hi = mid;
					else lo = mid;
				}
				beats.push({ at: hi, down: d });
				previous = d;
			}
			expect(beats.length).toBeGreaterThanOrEqual(3);
			for (const b of beats) {
				// L is in (b.at − 1, b.at], so D − L >= D − b.at and D − L < D − b.at + 1.
				expect(b.down - b.at, `beat at ~${b.at} ms, Down at ${b.down} ms`).toBeGreaterThanOrEqual(
					13_500 - 1
				);
				expect(b.down - b.at, `beat at ~${b.at} ms, Down at ${b.down} ms`).toBeLessThanOrEqual(
					16_500 + 10
				);
			}
			for (let i = 1; i < beats.length; i++) {
				const gap = beats[i]!.at - beats[i - 1]!.at;
				expect(gap).toBeGreaterThanOrEqual(4_500 - 10);
				expect(gap).toBeLessThanOrEqual(5_500 + 10);
			}
		}
	);

	it('a restarted worker is Ready again within about a second (it beats at once on boot)', () => {
		const lab = createLab({ flavor: 'swarm' });
		succeeds(lab, 'sim advance 95s');
		succeeds(lab, 'sim node stop worker-1');
		succeeds(lab, 'sim advance 30s');
		expect(statusOf(lab, 'worker-1')).toBe('Down');
		succeeds(lab, 'sim node start worker-1');
		let readyAfter = -1;
		for (let ms = 0; ms <= 5_000; ms += 100) {
			if (statusOf(lab, 'worker-1') === 'Ready') {
				readyAfter = ms;
				break;
			}
			lab.advance(100);
		}
		expect(readyAfter).toBeGreaterThanOrEqual(0);
		expect(readyAfter).toBeLessThanOrEqual(1_000);
		// And it stays Ready: the restarted agent keeps beating.
		succeeds(lab, 'sim advance 1m');
		expect(statusOf(lab, 'worker-1')).toBe('Ready');
	});

	it('a worker that keeps running is never marked Down', () => {
		const lab = createLab({ flavor: 'swarm', seed: 9 });
		succeeds(lab, 'sim advance 10m');
		expect(lab.events().filter((e) => e.kind === 'swarm.node.down')).toEqual([]);
		for (const host of ['manager-1', 'worker-1', 'worker-2'])
			expect(statusOf(lab, host)).toBe('Ready');
	});

	// types.ts NodeView.lastHeartbeat: "Simulated time of the node's last heartbeat that reached
	// the control plane". Agents beat every 4.5–5.5 s, so for a running node it is never older.
	it('snapshot lastHeartbeat of running nodes is at most one heartbeat period old', () => {
		const lab = createLab({ flavor: 'swarm' });
		succeeds(lab, 'sim advance 95s');
		for (const node of lab.snapshot().nodes) {
			if (node.name === 'manager-1') continue; // the leader does not heartbeat to itself
			expect(lab.now() - node.lastHeartbeat, node.name).toBeLessThanOrEqual(5_500 + 50);
		}
	});
});

describe('docker errors (cli-formats §6.9)', () => {
	it('unknown top-level command', () => {
		const lab = createLab({ flavor: 'swarm' });
		expect(fails(lab, 'docker foo').error).toBe(
			"docker: unknown command: docker foo\n\nRun 'docker --help' for more information\n"
		);
	});

	it('unknown subcommand', () => {
		const lab = createLab({ flavor: 'swarm' });
		expect(fails(lab, 'docker node foo').error).toBe(
			"docker: unknown command: docker node foo\n\nUsage:  docker node COMMAND\n\nRun 'docker node --help' for more information\n"
		);
	});

	it('unknown flag', () => {
		const lab = createLab({ flavor: 'swarm' });
		expect(fails(lab, 'docker node ls --foo').error).toBe(
			"unknown flag: --foo\n\nUsage:  docker node ls [OPTIONS]\n\nRun 'docker node ls --help' for more information\n"
		);
	});

	it('docker node ls on a kubernetes lab: not a swarm manager', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(fails(lab, 'docker node ls').error).toBe(
			'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n'
		);
	});

	it('a bad --format template fails without output', () => {
		const lab = createLab({ flavor: 'swarm' });
		expect(fails(lab, "docker node ls --format '{{.Nope}}'").output).toBe('');
		fails(lab, "docker node ls --format '{{'");
	});

	it('node ls takes no arguments', () => {
		const lab = createLab({ flavor: 'swarm' });
		expect(fails(lab, 'docker node ls worker-1').error).toContain(
			'"docker node ls" accepts no arguments.'
		);
	});

	it('with the leader stopped, the CLI cannot reach its daemon', () => {
		const lab = createLab({ flavor: 'swarm' });
		succeeds(lab, 'sim node stop manager-1');
		expect(fails(lab, 'docker node ls').error).toBe(
			'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n'
		);
	});

	it('read-only docker lines leave the trace alone', () => {
		const lab = createLab({ flavor: 'swarm' });
		succeeds(lab, 'sim advance 30s');
		const before = state(lab);
		for (const line of [
			'docker node ls',
			'docker node ls -q',
			"docker node ls --format '{{json .}}'",
			'docker node'
		]) {
			succeeds(lab, line);
		}
		expect(state(lab)).toEqual(before);
	});
});
