/**
 * Every stack file of the shared corpus deploys on the swarm SOURCES.md assumes (1 manager,
 * 2 workers, all active) once what it needs exists, created first as a user would: external
 * networks and secrets, and the files beside the stack file (env_file, secret and config files).
 * Then every service reaches its desired tasks, except where SOURCES.md says it cannot.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../../src/engine/index';
import { succeeds } from '../../lab-helpers';
import { SKIP_REASON, swarmCorpusAvailable, swarmCorpusFiles } from './corpus';

/** Files a user has beside the stack files (the repositories ship them). */
const BESIDE: Record<string, string> = {
	'grafana/config.monitoring': 'GF_SECURITY_ADMIN_PASSWORD=foobar\nGF_USERS_ALLOW_SIGN_UP=false\n',
	'secret-ghost-db': 'hunter2\n',
	'swarmprom/dockerd-exporter/Caddyfile': ':9323 {}\n',
	'swarmprom/prometheus/rules/swarm_node.rules.yml': 'groups: []\n',
	'swarmprom/prometheus/rules/swarm_task.rules.yml': 'groups: []\n',
	pw: 'secret\n'
};

/** What each stack needs created first, and the services SOURCES.md expects not to converge. */
const NEEDS: Record<string, { before: string[]; pending?: Record<string, string> }> = {
	'atsea-docker-stack.yml': {
		before: ['postgres_password', 'staging_token', 'revprox_key', 'revprox_cert'].map(
			(s) => `docker secret create ${s} pw`
		),
		// Placed only on a worker labelled pcidss=yes, and none is.
		pending: { payment_gateway: '0/1' }
	},
	'dogvscat-stack-ghost.yml': { before: ['docker network create -d overlay proxy'] },
	'dogvscat-stack-swarmprom.yml': { before: ['docker network create -d overlay proxy'] },
	'dogvscat-stack-proxy-global.yml': { before: [] },
	'prometheus-docker-stack.yml': { before: [] },
	'swarmpit-docker-compose.yml': { before: [] }
};

/** `docker stack services` rows as service (without the stack prefix) → REPLICAS. */
function replicas(output: string, stack: string): Map<string, string> {
	const rows = output.trimEnd().split('\n').slice(1);
	return new Map(
		rows.map((row) => {
			const [, name, , count] = row.split(/\s+/);
			return [name!.slice(stack.length + 1), count!];
		})
	);
}

describe.skipIf(!swarmCorpusAvailable)(
	`corpus stacks converge (${SKIP_REASON} when skipped)`,
	() => {
		const files = swarmCorpusFiles();

		it('knows what every corpus stack needs', () => {
			expect(files.map((f) => f.name).sort()).toEqual(Object.keys(NEEDS).sort());
		});

		for (const { name, text } of files) {
			it(`${name}: every service reaches its tasks`, () => {
				const read: Record<string, string> = { ...BESIDE, [name]: text };
				const lab = createLab({ flavor: 'swarm', workers: 2, seed: 11, readFile: (p) => read[p] });
				const needs = NEEDS[name]!;
				for (const line of needs.before) succeeds(lab, line);
				succeeds(lab, `docker stack deploy -c ${name} st`);
				lab.advance(120_000);
				const counts = replicas(succeeds(lab, 'docker stack services st').output, 'st');
				expect(counts.size).toBeGreaterThan(0);
				for (const [service, count] of counts) {
					const expected = needs.pending?.[service];
					if (expected !== undefined) expect(count, service).toBe(expected);
					else {
						const [running, desired] = count.split('/');
						expect(running, `${service} ${count}`).toBe(desired);
					}
				}
			});
		}

		it('global services run one task on each of the 3 nodes; manager-only ones stay on the manager', () => {
			const read: Record<string, string> = { ...BESIDE };
			for (const f of files) read[f.name] = f.text;
			const lab = createLab({ flavor: 'swarm', workers: 2, seed: 11, readFile: (p) => read[p] });
			succeeds(lab, 'docker stack deploy -c prometheus-docker-stack.yml prom');
			lab.advance(120_000);
			const counts = replicas(succeeds(lab, 'docker stack services prom').output, 'prom');
			expect(counts.get('node-exporter')).toBe('3/3');
			expect(counts.get('cadvisor')).toBe('3/3');
			for (const service of ['prometheus', 'alertmanager', 'grafana']) {
				const ps = succeeds(lab, `docker service ps prom_${service} --format '{{.Node}}'`).output;
				expect(ps.trim(), service).toBe('manager-1');
			}
		});
	}
);
