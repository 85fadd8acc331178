/**
 * docker's cluster verbs (`docker service …`, `docker node …`) travel with the Swarm flavour
 * (src/engine/commands/docker/swarm-verbs.ts), not with every lab: a Kubernetes page does not
 * download them. A Kubernetes lab must still answer those commands as the whole engine does —
 * help, unknown subcommands and "This node is not a swarm manager" — without the Swarm code.
 *
 * Each test imports the engine afresh (vi.resetModules): the flavour registry starts empty, as
 * on a page that has loaded nothing yet.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../../src/engine/types';
import { bundledInputs, engine } from './engines';

const NOT_A_MANAGER = /^Error response from daemon: This node is not a swarm manager\./;

/** Every `service`/`node` subcommand and alias, its help, an unknown one, and flags. */
const CLUSTER_LINES = [
	'docker service',
	'docker service --help',
	'docker service frobnicate',
	...['create --name web nginx:1.27', 'ls', 'list', 'ps web', 'inspect web', 'logs web'].map(
		(s) => `docker service ${s}`
	),
	...['scale web=2', 'update --replicas 2 web', 'rollback web', 'rm web', 'remove web'].map(
		(s) => `docker service ${s}`
	),
	'docker node',
	'docker node --help',
	'docker node frobnicate',
	...['ls', 'list', 'ps', 'inspect self', 'update --availability drain node-1'].map(
		(s) => `docker node ${s}`
	),
	...['promote node-1', 'demote node-1', 'rm node-1', 'remove node-1'].map(
		(s) => `docker node ${s}`
	),
	'docker -H node-1 service ls'
];

type Answer = { ok: boolean; text: string };

function answers(lab: Lab, lines: readonly string[]): Answer[] {
	return lines.map((line) => {
		const r = lab.exec(line);
		return { ok: r.ok, text: `${r.output}|${r.error ?? ''}` };
	});
}

beforeEach(() => {
	vi.resetModules();
});

describe('docker cluster verbs on a lab without a swarm', () => {
	it('a Kubernetes-only engine answers every service and node command as the whole engine', async () => {
		const alone = await engine('kubernetes');
		expect(alone.isLoaded('swarm')).toBe(false);
		const mine = answers(alone.createLab({ flavor: 'kubernetes', seed: 3 }), CLUSTER_LINES);
		const whole = await engine('whole');
		const theirs = answers(whole.createLab({ flavor: 'kubernetes', seed: 3 }), CLUSTER_LINES);
		expect(mine).toEqual(theirs);
	});

	it('refuses each verb as docker does on a daemon outside any swarm, changing nothing', async () => {
		const { createLab } = await engine('kubernetes');
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		const before = JSON.stringify(lab.snapshot());
		const verbs = CLUSTER_LINES.filter((l) => !/ (--help|frobnicate)$|(service|node)$/.test(l));
		for (const [i, answer] of answers(lab, verbs).entries()) {
			expect(answer.ok, verbs[i]).toBe(false);
			expect(answer.text.split('|')[1], verbs[i]).toMatch(NOT_A_MANAGER);
		}
		expect(JSON.stringify(lab.snapshot())).toBe(before);
		// Help and unknown subcommands are the CLI's own: no daemon is asked.
		const [help, unknown] = answers(lab, ['docker service --help', 'docker node frobnicate']);
		expect(help!.text).toMatch(/Usage: {2}docker service COMMAND/);
		expect(unknown!.text).toMatch(/docker: unknown command: docker node frobnicate/);
	});
});

describe('docker cluster verbs on a swarm', () => {
	it('run from the Swarm flavour when it is loaded alone', async () => {
		const { createLab } = await engine('swarm');
		const lab = createLab({ flavor: 'swarm', seed: 3 });
		expect(lab.exec('docker service create --name web --replicas 2 nginx:1.27').ok).toBe(true);
		lab.advance(20_000);
		const ls = lab.exec('docker service ls');
		expect(ls.output).toMatch(/^ID +NAME +MODE +REPLICAS/);
		expect(ls.output).toMatch(/web +replicated +2\/2/);
		expect(lab.exec('docker node ls').output).toMatch(/ \* +manager-1 +Ready +Active +Leader/);
	});

	it('answers a subcommand named like an object property as an unknown command', async () => {
		const { createLab } = await engine('swarm');
		const lab = createLab({ flavor: 'swarm', seed: 3 });
		for (const sub of ['constructor', 'hasOwnProperty', '__proto__']) {
			const r = lab.exec(`docker service ${sub}`);
			expect(r.ok).toBe(false);
			expect(r.error).toMatch(new RegExp(`unknown command: docker service ${sub}`));
		}
	});
});

describe('what a Kubernetes page downloads', () => {
	it('leaves docker’s service and node verbs out of the lab core and the Kubernetes flavour', async () => {
		const inputs = await bundledInputs(['src/engine/lab.ts', 'src/engine/flavors/kubernetes.ts']);
		// The front end is there; the verbs are not.
		expect(inputs).toContain('src/engine/commands/docker/index.ts');
		for (const verbs of [
			'src/engine/commands/docker/swarm-verbs.ts',
			'src/engine/commands/docker/service-commands.ts',
			'src/engine/commands/docker/service-create.ts',
			'src/engine/commands/docker/node-commands.ts',
			'src/engine/swarm/cluster.ts'
		]) {
			expect(inputs).not.toContain(verbs);
		}
	});
});
