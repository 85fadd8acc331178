// `docker service create|update|scale|rollback` wait for the service to converge and draw the
// progress display unless -d (docker/cli service/progress/progress.go; cli-formats §6.3, §6.6).
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { terminalText } from '../../../src/engine/commands/terminal';
import { succeeds } from '../lab-helpers';
import { events, running } from './helpers';

const FULL = `[${'='.repeat(50)}>] `;

function lab(workers = 2): Lab {
	return createLab({ flavor: 'swarm', seed: 3, workers });
}

describe('the progress display', () => {
	it('create prints the ID, then the final frame; the clock runs to convergence + the 5 s monitor', () => {
		const l = lab();
		const r = succeeds(l, 'docker service create --name web --replicas 3 -p 8080:80 nginx:alpine');
		const [id, ...rest] = r.output.split('\n');
		expect(id).toMatch(/^[0-9a-z]{25}$/);
		expect(rest).toEqual([
			'overall progress: 3 out of 3 tasks ',
			`1/3: running   ${FULL}`,
			`2/3: running   ${FULL}`,
			`3/3: running   ${FULL}`,
			`verify: Service ${id} converged `,
			''
		]);
		// Every task runs when it returns, and it returned 5 s after the last one started
		// (polled every 200 ms).
		expect(running(l, 'web')).toHaveLength(3);
		const lastRun = Math.max(...events(l, 'swarm.task.running', 0).map((e) => e.t));
		expect(l.now() - lastRun).toBeGreaterThanOrEqual(5_000);
		expect(l.now() - lastRun).toBeLessThan(5_200);
	});

	it('-d prints only the ID and leaves the clock where it was; -q waits without drawing', () => {
		const l = lab();
		const r = succeeds(l, 'docker service create -d --name a nginx');
		expect(r.output).toMatch(/^[0-9a-z]{25}\n$/);
		expect(l.now()).toBe(0);
		const q = succeeds(l, 'docker service create -q --name b nginx');
		expect(q.output).toMatch(/^[0-9a-z]{25}\n$/);
		expect(l.now()).toBeGreaterThan(5_000);
		expect(running(l, 'b')).toHaveLength(1);
	});

	it('update and scale name the service as typed; scale prints every "scaled to" line first', () => {
		const l = lab();
		succeeds(l, 'docker service create --name web --replicas 2 nginx:1.27');
		succeeds(l, 'docker service create --name api --replicas 1 nginx:1.27');
		const u = succeeds(l, 'docker service update --image nginx:1.28 web').output.split('\n');
		expect(u[0]).toBe('web');
		expect(u.at(-2)).toBe('verify: Service web converged ');
		expect(running(l, 'web').every((t) => t.Image === 'nginx:1.28')).toBe(true);
		const s = succeeds(l, 'docker service scale web=3 api=2').output.split('\n');
		expect(s.slice(0, 2)).toEqual(['web scaled to 3', 'api scaled to 2']);
		expect(s.filter((line) => line.startsWith('verify: '))).toEqual([
			'verify: Service web converged ',
			'verify: Service api converged '
		]);
		expect(s).toContain('overall progress: 3 out of 3 tasks ');
		expect(s).toContain('overall progress: 2 out of 2 tasks ');
	});

	it('a global service keys its lines by the 12-character node ID', () => {
		const l = lab();
		const out = succeeds(l, 'docker service create --name agent --mode global redis:7').output;
		const ids = succeeds(l, 'docker node ls -q').output.trim().split('\n');
		const lines = out.split('\n');
		expect(lines[1]).toBe(`overall progress: ${ids.length} out of ${ids.length} tasks `);
		for (const id of ids) expect(lines).toContain(`${id.slice(0, 12)}: running   ${FULL}`);
	});

	it('an image that cannot be pulled: error lines, and the lab gives up as Ctrl-C would', () => {
		const l = lab();
		const r = succeeds(l, 'docker service create --name bad --replicas 2 nginx:0.0.0-nope');
		const lines = r.output.split('\n');
		expect(lines).toContain('overall progress: 0 out of 2 tasks ');
		expect(lines).toContain('1/2: No such image: nginx:0.0.0-nope ');
		expect(lines.at(-2)).toMatch(/^Use `docker service ps [0-9a-z]{25}` to check progress\.$/);
		expect(lines.at(-3)).toBe('Operation continuing in background.');
		expect(l.now()).toBeGreaterThanOrEqual(10 * 60_000);
		// The daemon's digest warning comes first, on stderr (create.go).
		expect(terminalText(r).startsWith('image nginx:0.0.0-nope could not be accessed')).toBe(true);
	});

	it('a failed update pauses: the CLI says so and exits 1; rollback draws the rollback', () => {
		const l = lab();
		succeeds(l, 'docker service create --name w --replicas 2 nginx:1.27');
		const r = l.exec('docker service update --image nginx:9.9 w');
		expect(r.ok).toBe(false);
		expect(r.output.startsWith('w\noverall progress: 0 out of 2 tasks ')).toBe(true);
		expect(r.error).toMatch(
			/\nservice update paused: update paused due to failure or early termination of task [0-9a-z]{25}\n$/
		);
		const back = succeeds(l, 'docker service rollback w').output.split('\n');
		expect(back.slice(0, 2)).toEqual(['w', 'rollback: manually requested rollback ']);
		expect(back).toContain('overall progress: rolling back update: 2 out of 2 tasks ');
		expect(back.at(-2)).toBe('verify: Service w converged ');
		expect(running(l, 'w').every((t) => t.Image === 'nginx:1.27')).toBe(true);
	});

	it('more than 20 replicas: no per-task lines', () => {
		const l = lab(4);
		const lines = succeeds(l, 'docker service create --name big --replicas 21 nginx').output.split(
			'\n'
		);
		expect(lines.slice(1)).toEqual([
			'overall progress: 21 out of 21 tasks ',
			expect.stringMatching(/^verify: Service [0-9a-z]{25} converged $/),
			''
		]);
	});

	it('stack deploy waits only with --detach=false, each service by its full ID', () => {
		const stackFile =
			'services:\n  web:\n    image: nginx\n    deploy:\n      replicas: 2\n  cache:\n    image: redis:7\n';
		const files = { 'stack.yml': stackFile };
		const l = createLab({
			flavor: 'swarm',
			seed: 3,
			workers: 2,
			readFile: (p) => files[p as 'stack.yml']
		});
		succeeds(l, 'docker stack deploy -c stack.yml a');
		expect(l.now()).toBe(0);
		const out = succeeds(l, 'docker stack deploy --detach=false -c stack.yml b').output;
		const ids = succeeds(l, "docker service inspect --format '{{.ID}}' b_web b_cache")
			.output.trim()
			.split('\n');
		const verified = out.split('\n').filter((line) => line.startsWith('verify: '));
		expect(verified.sort()).toEqual(ids.map((id) => `verify: Service ${id} converged `).sort());
		expect(running(l, 'b_web')).toHaveLength(2);
	});
});
