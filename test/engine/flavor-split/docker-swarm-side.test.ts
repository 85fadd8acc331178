/**
 * What only a swarm manager answers of docker's CLI — the manager's side of `docker stack`,
 * `docker swarm init|join|join-token|leave`, `docker secret|config ls|inspect|rm`, and the Swarm
 * API `docker network` writes through — travels with the Swarm flavour
 * (src/engine/commands/docker/swarm-verbs.ts). A lab without the Swarm flavour must still answer
 * those commands exactly as the whole engine does: help, bad flags, a compose file's errors,
 * `docker stack config`, and "This node is not a swarm manager". And the snapshot's cluster
 * parts come from each flavour (src/engine/flavors/*-views.ts), so a Swarm page carries no pod
 * printers.
 *
 * Each test imports the engine afresh (vi.resetModules): the flavour registry starts empty, as
 * on a page that has loaded nothing yet.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Flavor, Lab, LabOptions } from '../../../src/engine/types';
import { bundledInputs as bundled, engine } from './engines';

const FILES: Record<string, string> = {
	'app.yml': [
		'services:',
		'  web:',
		'    image: nginx:1.27',
		'    deploy: { replicas: 2 }',
		'    ports: ["8080:80"]',
		'    networks: [front]',
		'    secrets: [pw]',
		'  api:',
		'    image: redis:7',
		'networks:',
		'  front: {}',
		'secrets:',
		'  pw:',
		'    file: ./pw.txt',
		''
	].join('\n'),
	'pw.txt': 'hunter2\n',
	'bad.yml': 'services:\n  web:\n    image: nginx\n    ports: ["abc"]\n'
};

/** Every command whose swarm side moved, with the CLI's own answers around it. */
const LINES = [
	'docker stack',
	'docker stack frobnicate',
	'docker stack ls',
	'docker stack ls extra',
	'docker stack ps app',
	'docker stack services app',
	'docker stack rm app',
	'docker stack config -c app.yml',
	'docker stack config -c bad.yml',
	'docker stack deploy',
	'docker stack deploy -c bad.yml app',
	'docker stack deploy -c app.yml --resolve-image bogus app',
	'docker stack deploy -c app.yml app',
	'sim advance 30s',
	'docker stack ls',
	'docker stack ps app --format "{{.Name}}"',
	'docker stack deploy -c app.yml --prune --detach=false app',
	'docker swarm init --help',
	'docker swarm join-token',
	'docker swarm join-token worker',
	'docker swarm join-token bogus',
	'docker swarm init --autolock',
	'docker swarm init',
	'docker network ls',
	'docker network create x',
	'docker network create -d overlay net1',
	'docker network rm net1',
	'docker network rm bridge',
	'docker secret ls',
	'docker secret ls --help',
	'docker secret create s1 pw.txt',
	'docker secret inspect s1 --format "{{.Spec.Name}}"',
	'docker secret inspect --pretty s1',
	'docker secret rm app_pw',
	'docker secret rm s1',
	'docker config create c1 pw.txt',
	'docker config ls -q',
	'docker config rm c1',
	'docker -H worker-1 swarm leave',
	'docker stack rm app',
	'docker swarm leave --force',
	'docker stack ls'
];

type Answer = { ok: boolean; text: string };

function answers(lab: Lab): Answer[] {
	return LINES.map((line) => {
		const r = lab.exec(line);
		return { ok: r.ok, text: `${r.output}|${r.error ?? ''}` };
	});
}

const options = (flavor: Flavor): LabOptions => ({
	flavor,
	seed: 4,
	readFile: (p) => FILES[p]
});

/** One flavour alone, and the whole engine, on the same lab: answers, trace and snapshot. */
async function compare(flavor: Flavor) {
	const alone = await engine(flavor);
	expect(alone.isLoaded(flavor === 'swarm' ? 'kubernetes' : 'swarm')).toBe(false);
	const lab = alone.createLab(options(flavor));
	const mine = answers(lab);
	const whole = (await engine('whole')).createLab(options(flavor));
	const theirs = answers(whole);
	expect(mine).toEqual(theirs);
	expect(lab.traceHash()).toBe(whole.traceHash());
	expect(JSON.stringify(lab.snapshot())).toBe(JSON.stringify(whole.snapshot()));
	return mine;
}

beforeEach(() => {
	vi.resetModules();
});

describe('docker’s swarm side on a lab without the Swarm flavour', () => {
	it('a Kubernetes-only engine answers stack, swarm, secret, config and network as the whole engine', async () => {
		const mine = await compare('kubernetes');
		const at = (line: string) => mine[LINES.indexOf(line)]!;
		// The compose loader runs on every lab: a bad file is reported before the manager check,
		// and `docker stack config` needs no daemon at all.
		expect(at('docker stack config -c app.yml').text).toMatch(/^services:\n/m);
		expect(at('docker stack deploy -c bad.yml app').text).not.toMatch(/swarm manager/);
		expect(at('docker stack deploy -c app.yml app').text).toMatch(
			/this node is not a swarm manager/
		);
		for (const line of ['docker stack ls', 'docker secret ls', 'docker network rm net1']) {
			expect(at(line).ok, line).toBe(false);
		}
		expect(at('docker stack ls').text).toMatch(/\|Error response from daemon: This node is not/);
	});

	it('a Swarm-only engine runs them from its own flavour, as the whole engine', async () => {
		const mine = await compare('swarm');
		const at = (line: string) => mine[LINES.indexOf(line)]!;
		expect(at('docker stack deploy -c app.yml app').text).toMatch(/Creating service app_web/);
		expect(at('docker stack ps app --format "{{.Name}}"').text).toMatch(/^app_web\.1$/m);
		expect(at('docker swarm join-token worker').text).toMatch(/docker swarm join --token SWMTKN-/);
		expect(at('docker secret inspect s1 --format "{{.Spec.Name}}"').text).toBe('s1\n|');
		expect(at('docker network create -d overlay net1').ok).toBe(true);
	});

	it('answers a subcommand named like an object property as an unknown command', async () => {
		const { createLab } = await engine('whole');
		for (const flavor of ['kubernetes', 'swarm'] as const) {
			const lab = createLab(options(flavor));
			for (const line of ['docker stack __proto__', 'docker swarm constructor']) {
				const r = lab.exec(line);
				expect(r.ok, `${flavor}: ${line}`).toBe(false);
				expect(r.error).toMatch(/^docker: unknown command: docker (stack|swarm) /);
			}
		}
	});
});

describe('what a page of one flavour downloads', () => {
	it('a Kubernetes page: docker’s CLI side and the compose loader, not the swarm’s side', async () => {
		const inputs = await bundled(['src/engine/lab.ts', 'src/engine/flavors/kubernetes.ts']);
		for (const cli of [
			'src/engine/commands/docker/stack-cli.ts',
			'src/engine/commands/docker/swarm-commands.ts',
			'src/engine/commands/docker/secret-config-commands.ts',
			'src/engine/swarm/stack/load.ts'
		]) {
			expect(inputs).toContain(cli);
		}
		const swarmSide = inputs.filter(
			(i) =>
				/^src\/engine\/swarm\/(control|services|resources|allocator|cluster|lifecycle)\.ts$/.test(
					i
				) ||
				/^src\/engine\/commands\/docker\/(stack|swarm-membership|secret-config-verbs|service-progress|service-ls|tasks-table|go-types)\.ts$/.test(
					i
				) ||
				i === 'src/engine/flavors/swarm-views.ts'
		);
		expect(swarmSide).toEqual([]);
	});

	it('a Swarm page: kubectl’s refusal, not the pod printers or the add-ons', async () => {
		const inputs = await bundled(['src/engine/lab.ts', 'src/engine/flavors/swarm.ts']);
		expect(inputs).toContain('src/engine/commands/kubectl/index.ts');
		const kubernetesSide = inputs.filter(
			(i) =>
				/^src\/engine\/kubernetes\/(node-object|pods|cluster)\.ts$/.test(i) ||
				i.startsWith('src/engine/kubernetes/system-addons/') ||
				i === 'src/engine/commands/kubectl/workload-printers.ts' ||
				i === 'src/engine/flavors/kubernetes-views.ts'
		);
		expect(kubernetesSide).toEqual([]);
	});
});
