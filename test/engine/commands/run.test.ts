// One console line in, one answer out (design.md §3): which program runs, how lines the lab
// cannot run are refused, and that a failed line changes nothing, now or on replay.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { state, fails, succeeds } from '../lab-helpers';

describe('the console', () => {
	it('help lists the three programs', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const out = succeeds(lab, 'help').output;
		expect(out).toMatch(/^ {2}kubectl /m);
		expect(out).toMatch(/^ {2}docker /m);
		expect(out).toMatch(/^ {2}sim /m);
	});

	it('an unknown program is "command not found", like a shell', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(fails(lab, 'ls').error).toBe('ls: command not found\n');
		expect(fails(lab, 'ls -la /').error).toBe('ls: command not found\n');
		expect(fails(lab, 'Kubectl get nodes').error).toBe('Kubectl: command not found\n');
		expect(fails(lab, "'kubectl get nodes'").error).toBe('kubectl get nodes: command not found\n');
	});

	it('empty, blank and comment-only lines do nothing and succeed', () => {
		const lab = createLab({ flavor: 'swarm' });
		const before = state(lab);
		for (const line of ['', '   ', '\t', '# just a comment']) {
			const r = succeeds(lab, line);
			expect(r.output).toBe('');
		}
		expect(state(lab)).toEqual(before);
	});

	it('a trailing comment is ignored', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(succeeds(lab, 'kubectl get nodes -o name # list them').output).toBe(
			succeeds(lab, 'kubectl get nodes -o name').output
		);
	});

	it('quoting works like a shell', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const plain = succeeds(lab, 'kubectl get nodes -o name').output;
		// `-o\ name` is one word, so the output format is " name" (with its space).
		expect(fails(lab, '"kubectl" \'get\' no"des" -o\\ name').error).toContain(
			'output format " name"'
		);
		expect(succeeds(lab, '"kubectl" \'get\' no"des" -o "name"').output).toBe(plain);
	});

	it('kubectl, docker and sim with no arguments print their help', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(succeeds(lab, 'kubectl').output).toContain('kubectl');
		expect(succeeds(lab, 'docker').output).toContain('Usage:  docker');
		expect(succeeds(lab, 'sim').output).toContain('sim advance');
	});
});

describe('lines the lab refuses', () => {
	it.each([
		['kubectl get nodes |& grep Ready', 'pipes, redirections and command lists are not supported'],
		['kubectl get nodes > out.txt', 'pipes, redirections and command lists are not supported'],
		['sim advance 1m; sim time', 'pipes, redirections and command lists are not supported'],
		['sim advance 1m && sim time', 'pipes, redirections and command lists are not supported'],
		['echo $(sim time)', 'pipes, redirections and command lists are not supported'],
		['kubectl get "nodes', 'unexpected EOF'],
		["kubectl get 'nodes", 'unexpected EOF'],
		['kubectl get nodes\\', 'unexpected EOF'],
		['kubectl get nodes\nsim advance 1h', 'invalid character U+000A']
	])('%j', (line, message) => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 5s');
		const r = fails(lab, line);
		expect(r.error).toContain(message);
		expect(r.output).toBe('');
	});

	it('refuses a line that is far too long', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const r = fails(lab, 'kubectl get nodes ' + 'x'.repeat(200_000));
		expect(r.error).toMatch(/too long/);
	});

	it('an unknown program with control-like or long names is echoed safely on one line', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const r = fails(lab, 'x'.repeat(500));
		expect(r.error!.split('\n')).toHaveLength(2);
		expect(r.error!.length).toBeLessThan(200);
		const esc = fails(lab, '\u009b31mred');
		expect(esc.error).not.toContain('\u009b');
	});
});

describe('failed lines change nothing, even later', () => {
	const failing = [
		'kubectl frobnicate',
		'kubectl get nodes --foo',
		'kubectl get nodes node-9',
		'docker node ls',
		'sim advance 5d',
		'sim advance -5s',
		'sim node stop nope',
		'sim seed x',
		'sim partition node-1',
		'sim loss 200%',
		'ls'
	];

	it('a lab that saw failing lines ends like one that never did', () => {
		const a = createLab({ flavor: 'kubernetes', seed: 5 });
		const b = createLab({ flavor: 'kubernetes', seed: 5 });
		const script = [
			'sim advance 20s',
			'sim node stop node-2',
			'sim advance 70s',
			'sim node start node-2',
			'sim advance 30s'
		];
		for (const line of script) {
			succeeds(a, line);
			for (const bad of failing) fails(a, bad);
			succeeds(b, line);
		}
		expect(a.snapshot()).toEqual(b.snapshot());
		expect(a.traceHash()).toBe(b.traceHash());
		expect(a.events()).toEqual(b.events());
	});

	it('seeking back and forth replays the successful lines only', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 5 });
		succeeds(lab, 'sim advance 20s');
		succeeds(lab, 'sim node stop node-2');
		for (const bad of failing) fails(lab, bad);
		succeeds(lab, 'sim advance 90s');
		const end = state(lab);
		lab.seek(0);
		expect(lab.now()).toBe(0);
		lab.seek(110_000);
		expect(state(lab)).toEqual(end);
	});

	it('subscribers see no change from a failed line', () => {
		const lab = createLab({ flavor: 'swarm' });
		const seen: string[] = [];
		const off = lab.subscribe((s) => seen.push(JSON.stringify(s)));
		const before = JSON.stringify(lab.snapshot());
		fails(lab, 'docker node frob');
		for (const s of seen) expect(s).toBe(before);
		off();
	});
});

describe('determinism', () => {
	it('same seed and same lines give the same outputs and trace hash', () => {
		const run = (seed: number) => {
			const lab = createLab({ flavor: 'swarm', seed, managers: 3 });
			const outs = [
				'sim advance 40s',
				'sim node stop worker-1',
				'sim advance 20s',
				'docker node ls',
				'sim node start worker-1',
				'sim advance 2s',
				'docker node ls --format json',
				'sim events'
			].map((l) => lab.exec(l));
			return { outs, hash: lab.traceHash() };
		};
		expect(run(3)).toEqual(run(3));
		expect(run(3).outs[3]!.output).not.toBe(run(4).outs[3]!.output); // other IDs
	});
});

describe('kubectl run --expose', () => {
	it('creates a ClusterIP Service selecting the Pod, printed before the Pod (run.go generateService)', () => {
		const lab = createLab({ seed: 5 });
		expect(fails(lab, 'kubectl run web --image=nginx:1.27 --expose').error).toBe(
			'error: --port must be set when exposing a service\n'
		);
		expect(succeeds(lab, 'kubectl run web --image=nginx:1.27 --port=80 --expose').output).toBe(
			'service/web created\npod/web created\n'
		);
		const svc = JSON.parse(succeeds(lab, 'kubectl get svc web -o json').output) as {
			spec: { type: string; selector: Record<string, string>; ports: object[] };
		};
		expect(svc.spec.type).toBe('ClusterIP');
		expect(svc.spec.selector).toEqual({ run: 'web' });
		expect(svc.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
		lab.advance(30_000);
		expect(
			succeeds(lab, 'kubectl get endpointslices -l kubernetes.io/service-name=web -o name').output
		).toMatch(/^endpointslice\.discovery\.k8s\.io\/web-\w+\n$/);
	});
});
