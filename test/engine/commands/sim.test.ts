// `sim …`: the lab's own verbs (design.md §3). Durations use Go's syntax and Go's error texts
// (time.ParseDuration); partitions follow facts.md §1.1 (the controller only sees heartbeats).
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { state, fails, succeeds } from '../lab-helpers';
import type { Lab, LabSnapshot } from '../../../src/engine/index';

function node(snapshot: LabSnapshot, name: string) {
	const n = snapshot.nodes.find((x) => x.name === name);
	expect(n, `no node ${name}`).toBeDefined();
	return n!;
}

function kubeStatus(lab: Lab, name: string): string {
	const line = succeeds(lab, 'kubectl get nodes')
		.output.split('\n')
		.find((l) => l.startsWith(name + ' '));
	expect(line, `no row for ${name}`).toBeDefined();
	return line!.split(/\s+/)[1]!;
}

describe('sim advance and sim time', () => {
	it('accepts Go durations and moves the clock by exactly that much', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(succeeds(lab, 'sim time').output).toBe('0s\n');
		succeeds(lab, 'sim advance 1h30m');
		expect(lab.now()).toBe(5_400_000);
		expect(succeeds(lab, 'sim time').output).toBe('1h30m0s\n');
		succeeds(lab, 'sim advance 250ms');
		expect(lab.now()).toBe(5_400_250);
		succeeds(lab, 'sim advance 1.5s');
		expect(lab.now()).toBe(5_401_750);
		expect(succeeds(lab, 'sim time').output).toBe('1h30m1.75s\n');
		succeeds(lab, 'sim advance 0');
		expect(lab.now()).toBe(5_401_750);
		succeeds(lab, 'sim advance 2h45m30.5s');
		expect(lab.now()).toBe(5_401_750 + 9_930_500);
	});

	it('reports what it did in Go duration words', () => {
		const lab = createLab({ flavor: 'swarm' });
		const out = succeeds(lab, 'sim advance 90s').output;
		expect(out).toContain('1m30s');
	});

	it.each([
		['5', 'time: missing unit in duration "5"'],
		['5d', 'time: unknown unit "d" in duration "5d"'],
		['abc', 'time: invalid duration "abc"'],
		['1h30', 'time: missing unit in duration "1h30"'],
		['.s', 'time: invalid duration ".s"'],
		['99999999999999999999h', 'time: invalid duration "99999999999999999999h"']
	])("sim advance %s fails with Go's message and leaves time alone", (arg, message) => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 10s');
		const r = fails(lab, `sim advance ${arg}`);
		expect(r.error).toContain(message);
		expect(lab.now()).toBe(10_000);
	});

	it('a negative duration is refused clearly', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 10s');
		const r = fails(lab, 'sim advance -5s');
		expect(r.error).toMatch(/negative/);
		expect(r.error).toContain('-5s');
		expect(lab.now()).toBe(10_000);
	});

	it('missing or extra arguments print the usage', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(fails(lab, 'sim advance').error).toMatch(/usage: sim advance DURATION/);
		expect(fails(lab, 'sim advance 1s 2s').error).toMatch(/usage: sim advance DURATION/);
		expect(fails(lab, 'sim time now').error).toMatch(/usage: sim time/);
	});

	it('an absurdly long single step is refused rather than freezing the page', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		fails(lab, 'sim advance 100000h');
	});
});

describe('sim node stop|start|restart', () => {
	it('powers a machine off and on; the snapshot says so', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(succeeds(lab, 'sim node stop node-1').output).toContain('node-1');
		expect(node(lab.snapshot(), 'node-1').running).toBe(false);
		expect(node(lab.snapshot(), 'node-2').running).toBe(true);
		expect(lab.events().some((e) => e.kind === 'node.stopped' && e.subject === 'node/node-1')).toBe(
			true
		);
		succeeds(lab, 'sim node start node-1');
		expect(node(lab.snapshot(), 'node-1').running).toBe(true);
		expect(lab.events().some((e) => e.kind === 'node.started' && e.subject === 'node/node-1')).toBe(
			true
		);
	});

	it('restart = stop then start at the same instant', () => {
		const lab = createLab({ flavor: 'swarm' });
		succeeds(lab, 'sim advance 10s');
		const since = lab.now();
		succeeds(lab, 'sim node restart worker-2');
		expect(node(lab.snapshot(), 'worker-2').running).toBe(true);
		const kinds = lab
			.events(since)
			.filter((e) => e.subject === 'node/worker-2')
			.map((e) => `${e.t} ${e.kind}`);
		expect(kinds).toEqual([`${since} node.stopped`, `${since} node.started`]);
	});

	it('errors: unknown node, stopping a stopped node, starting a running one, bad usage', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(fails(lab, 'sim node stop x').error).toBe('Error: No such node: x\n');
		expect(fails(lab, 'sim node start x').error).toBe('Error: No such node: x\n');
		expect(fails(lab, 'sim node restart worker-1').error).toBe('Error: No such node: worker-1\n');
		succeeds(lab, 'sim node stop node-3');
		expect(fails(lab, 'sim node stop node-3').error).toMatch(/node-3 is already stopped/);
		expect(fails(lab, 'sim node restart node-3').error).toMatch(/node-3 is not running/);
		expect(fails(lab, 'sim node start node-1').error).toMatch(/node-1 is already running/);
		expect(fails(lab, 'sim node').error).toMatch(/usage: sim node stop\|start\|restart NAME/);
		expect(fails(lab, 'sim node stop').error).toMatch(/usage/);
		expect(fails(lab, 'sim node reboot node-1').error).toMatch(/usage/);
		expect(fails(lab, 'sim node stop node-1 node-2').error).toMatch(/usage/);
	});
});

describe('sim events', () => {
	it('prints the trace as a table, and --since keeps only the recent part', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 5m');
		succeeds(lab, 'sim node stop node-1');
		succeeds(lab, 'sim advance 30s');
		const all = succeeds(lab, 'sim events').output.split('\n');
		expect(all[0]).toMatch(/^TIME +KIND +SUBJECT +MESSAGE$/);
		expect(all.some((l) => /^0s +lab\.created +lab +/.test(l))).toBe(true);
		expect(all.some((l) => /^5m0s +node\.stopped +node\/node-1 +/.test(l))).toBe(true);
		// One row per trace event.
		expect(all.filter((l) => l !== '').length - 1).toBe(lab.events().length);

		const recent = succeeds(lab, 'sim events --since 1m').output;
		expect(recent).toContain('node.stopped');
		expect(recent).not.toContain('lab.created');
		expect(recent.split('\n').filter((l) => l !== '').length - 1).toBe(
			lab.events(lab.now() - 60_000).length
		);
		expect(succeeds(lab, 'sim events --since=1m').output).toBe(recent);
		const none = succeeds(lab, 'sim events --since 10s')
			.output.split('\n')
			.filter((l) => l !== '');
		expect(none).toEqual([expect.stringMatching(/^TIME +KIND +SUBJECT +MESSAGE$/)]);
	});

	it('reading the trace does not change it', () => {
		const lab = createLab({ flavor: 'swarm' });
		succeeds(lab, 'sim advance 1m');
		const before = state(lab);
		succeeds(lab, 'sim events');
		succeeds(lab, 'sim time');
		succeeds(lab, 'sim seed');
		expect(state(lab)).toEqual(before);
	});

	it('errors: bad --since, stray argument, unknown flag', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 1m');
		expect(fails(lab, 'sim events --since x').error).toContain('time: invalid duration "x"');
		expect(fails(lab, 'sim events --since -1m').error).toMatch(/negative/);
		expect(fails(lab, 'sim events --since').error).toMatch(/needs an argument/);
		expect(fails(lab, 'sim events now').error).toMatch(/usage/);
		expect(fails(lab, 'sim events --foo').error).toMatch(/unknown flag: --foo/);
	});
});

describe('sim seed', () => {
	it('prints the seed', () => {
		expect(succeeds(createLab({ flavor: 'kubernetes' }), 'sim seed').output).toBe('1\n');
		expect(succeeds(createLab({ flavor: 'swarm', seed: 1234 }), 'sim seed').output).toBe('1234\n');
	});

	it('sim seed 7 starts the lab again at time 0, exactly as a fresh lab with seed 7', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3 });
		succeeds(lab, 'sim advance 3m');
		succeeds(lab, 'sim node stop worker-1');
		succeeds(lab, 'sim seed 7');
		expect(lab.now()).toBe(0);
		expect(succeeds(lab, 'sim seed').output).toBe('7\n');
		const fresh = createLab({ flavor: 'swarm', managers: 3, seed: 7 });
		expect(lab.snapshot()).toEqual(fresh.snapshot());
		expect(lab.traceHash()).toBe(fresh.traceHash());
		expect(lab.snapshot().seed).toBe(7);
		expect(node(lab.snapshot(), 'worker-1').running).toBe(true);
		// …and it goes on the same way.
		succeeds(lab, 'sim advance 1m');
		fresh.advance(60_000);
		expect(lab.traceHash()).toBe(fresh.traceHash());
	});

	it.each(['x', '-1', '1.5', '4294967296', '7 8'])('sim seed %s is refused', (arg) => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 10s');
		expect(fails(lab, `sim seed ${arg}`).error).toMatch(/usage: sim seed/);
		expect(lab.now()).toBe(10_000);
		expect(lab.snapshot().seed).toBe(1);
	});
});

describe('sim partition and sim heal', () => {
	// facts.md §1.1: the controller sets Ready=Unknown when it has seen no heartbeat for 50 s; the
	// last one may be up to one lease interval (10.4 s) before the cut, and the controller looks
	// every 5 s. So NotReady appears 39.6 s to 66.4 s (+1 s polling) after the partition.
	it('node-1 cut off from the control plane turns NotReady while its machine still runs; heal brings it back', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 30s');
		expect(succeeds(lab, 'sim partition node-1 / control-plane').output).toContain('node-1');
		let after = -1;
		for (let s = 1; s <= 90; s++) {
			succeeds(lab, 'sim advance 1s');
			if (kubeStatus(lab, 'node-1') === 'NotReady') {
				after = s;
				break;
			}
		}
		expect(after).toBeGreaterThanOrEqual(50 - 10.4);
		expect(after).toBeLessThanOrEqual(50 + 10.4 + 5 + 1);
		const snap = lab.snapshot();
		expect(node(snap, 'node-1')).toMatchObject({ running: true, status: 'NotReady' });
		for (const other of ['control-plane', 'node-2', 'node-3']) {
			expect(node(snap, other).status).toBe('Ready');
			expect(kubeStatus(lab, other)).toBe('Ready');
		}

		succeeds(lab, 'sim heal');
		// The kubelet posts its (changed) status on its next 10 s status sync.
		let back = -1;
		for (let s = 1; s <= 30; s++) {
			succeeds(lab, 'sim advance 1s');
			if (kubeStatus(lab, 'node-1') === 'Ready') {
				back = s;
				break;
			}
		}
		expect(back).toBeGreaterThan(0);
		expect(back).toBeLessThanOrEqual(11);
		expect(node(lab.snapshot(), 'node-1')).toMatchObject({ running: true, status: 'Ready' });
	});

	it('a partition that does not separate a node from the control plane changes nothing for it', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim partition node-1 / node-2');
		succeeds(lab, 'sim advance 3m');
		for (const name of ['control-plane', 'node-1', 'node-2', 'node-3'])
			expect(kubeStatus(lab, name)).toBe('Ready');
	});

	it('a partitioned swarm worker goes Down while running, and Ready after heal', () => {
		const lab = createLab({ flavor: 'swarm' });
		succeeds(lab, 'sim advance 30s');
		succeeds(lab, 'sim partition worker-2 / manager-1,worker-1');
		succeeds(lab, 'sim advance 17s');
		expect(node(lab.snapshot(), 'worker-2')).toMatchObject({ running: true, status: 'Down' });
		expect(node(lab.snapshot(), 'worker-1').status).toBe('Ready');
		succeeds(lab, 'sim heal');
		succeeds(lab, 'sim advance 6s');
		expect(node(lab.snapshot(), 'worker-2').status).toBe('Ready');
	});

	it('errors: one side only, unknown host, a host on both sides, heal with arguments', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(fails(lab, 'sim partition node-1').error).toMatch(/usage: sim partition/);
		expect(fails(lab, 'sim partition').error).toMatch(/usage: sim partition/);
		expect(fails(lab, 'sim partition node-1 /').error).toMatch(/usage: sim partition/);
		expect(fails(lab, 'sim partition node-1 / node-9').error).toBe('Error: No such node: node-9\n');
		expect(fails(lab, 'sim partition node-1 / node-1').error).toMatch(/node-1 is on two sides/);
		expect(fails(lab, 'sim heal now').error).toMatch(/usage: sim heal/);
	});
});

describe('sim latency and sim loss', () => {
	it('accept sensible values', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim latency 50ms');
		succeeds(lab, 'sim latency 0s');
		succeeds(lab, 'sim latency 1m');
		succeeds(lab, 'sim loss 10%');
		succeeds(lab, 'sim loss 0%');
		succeeds(lab, 'sim loss 100%');
		succeeds(lab, 'sim loss 12.5%');
		const kinds = lab.events().map((e) => e.kind);
		expect(kinds.filter((k) => k === 'network.latency')).toHaveLength(3);
		expect(kinds.filter((k) => k === 'network.loss')).toHaveLength(4);
	});

	it.each([
		'sim latency',
		'sim latency x',
		'sim latency 5',
		'sim latency -1ms',
		'sim latency 2m',
		'sim latency 1s 2s',
		'sim loss',
		'sim loss 10',
		'sim loss 101%',
		'sim loss -5%',
		'sim loss x%',
		'sim loss 10% 20%'
	])('%s is refused and changes nothing', (line) => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 5s');
		fails(lab, line);
	});

	it('with 100% loss every worker goes NotReady; with 0% it recovers', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 30s');
		succeeds(lab, 'sim loss 100%');
		succeeds(lab, 'sim advance 70s');
		for (const n of ['node-1', 'node-2', 'node-3']) expect(kubeStatus(lab, n)).toBe('NotReady');
		succeeds(lab, 'sim loss 0%');
		succeeds(lab, 'sim advance 15s');
		for (const n of ['node-1', 'node-2', 'node-3']) expect(kubeStatus(lab, n)).toBe('Ready');
	});
});

describe('sim: help and unknown verbs', () => {
	it('sim and sim help print the verbs', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const help = succeeds(lab, 'sim').output;
		for (const verb of [
			'advance',
			'time',
			'node',
			'partition',
			'heal',
			'latency',
			'loss',
			'events',
			'seed'
		]) {
			expect(help).toContain(`sim ${verb}`);
		}
		expect(succeeds(lab, 'sim help').output).toBe(help);
	});

	it('an unknown verb fails', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(fails(lab, 'sim frobnicate').error).toMatch(/^sim: unknown command "frobnicate"/);
	});
});

describe('snapshot heartbeats (types.ts NodeView.lastHeartbeat)', () => {
	// "Simulated time of the node's last heartbeat that reached the control plane." A kubelet
	// posts its NodeStatus at least every 5 min (nodeStatusReportFrequency) and renews its Lease
	// every 10.4 s at most (facts.md §1.1); the looser of the two is asserted here.
	it('kubernetes: a running node has heartbeated within the last 5 min 10 s', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 11m');
		for (const n of lab.snapshot().nodes) {
			expect(lab.now() - n.lastHeartbeat, n.name).toBeLessThanOrEqual(5 * 60_000 + 10_000);
		}
	});

	it('kubernetes: a stopped node keeps the time of its last heartbeat, before the stop', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 6m');
		succeeds(lab, 'sim node stop node-1');
		const stoppedAt = lab.now();
		const at = node(lab.snapshot(), 'node-1').lastHeartbeat;
		succeeds(lab, 'sim advance 5m');
		expect(node(lab.snapshot(), 'node-1').lastHeartbeat).toBe(at);
		expect(at).toBeLessThanOrEqual(stoppedAt);
	});
});
