// `docker stack deploy|ls|services|ps|rm` against a lab swarm (1 manager, 2 workers), with the
// corpus stacks and the states SOURCES.md describes (cli-formats §6.7).
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../../src/engine/index';
import { fails, state, succeeds } from '../../lab-helpers';
import { naturalLess } from '../../../../src/engine/commands/docker/stack';
import { SKIP_REASON, swarmCorpusAvailable, swarmCorpusFile } from './corpus';

const DETACH_NOTICE =
	'Since --detach=false was not specified, tasks will be created in the background.\nIn a future release, --detach=false will become the default.\n';

function lab(extra: Record<string, string> = {}): Lab {
	const files: Record<string, string> = swarmCorpusAvailable
		? {
				'atsea.yml': swarmCorpusFile('atsea-docker-stack.yml'),
				'ghost.yml': swarmCorpusFile('dogvscat-stack-ghost.yml'),
				'proxy.yml': swarmCorpusFile('dogvscat-stack-proxy-global.yml'),
				'secret-ghost-db': 'hunter2\n',
				pw: 'pw\n',
				...extra
			}
		: extra;
	return createLab({ flavor: 'swarm', workers: 2, seed: 7, readFile: (p) => files[p] });
}

describe.skipIf(!swarmCorpusAvailable)(
	`stack deploy of the corpus (${SKIP_REASON} when skipped)`,
	() => {
		it('ghost: a missing external network fails before anything is made', () => {
			const l = lab();
			const r = fails(l, 'docker stack deploy -c ghost.yml ghost');
			expect(r.output).toBe('');
			expect(r.error).toBe(
				DETACH_NOTICE +
					'network "proxy" is declared as external, but could not be found. You need to create a swarm-scoped network before the stack is deployed\n'
			);
		});

		it('ghost: deploys once the proxy stack made the network, then updates in place', () => {
			const l = lab();
			const proxy = succeeds(l, 'docker stack deploy -c proxy.yml proxy');
			expect(proxy.output).toBe(
				[
					'Creating network proxy',
					'Creating network proxy_traefik-consul',
					'Creating network proxy_traefik-docker',
					'Creating service proxy_consul',
					'Creating service proxy_dockersocket',
					'Creating service proxy_traefik',
					'Creating service proxy_traefik-init',
					''
				].join('\n')
			);
			expect(proxy.error).toBe(DETACH_NOTICE);
			const ghost = succeeds(l, 'docker stack deploy -c ghost.yml ghost --detach');
			expect(ghost.error).toBeUndefined();
			expect(ghost.output).toBe(
				[
					'Creating network ghost_ghost',
					'Creating secret db-password',
					'Creating service ghost_db',
					'Creating service ghost_db-backup',
					'Creating service ghost_ghost',
					''
				].join('\n')
			);
			const again = succeeds(l, 'docker stack deploy -c ghost.yml ghost -d');
			expect(again.output).toMatch(
				/^Updating service ghost_db \(id: [0-9a-z]{25}\)\nUpdating service ghost_db-backup \(id: [0-9a-z]{25}\)\nUpdating service ghost_ghost \(id: [0-9a-z]{25}\)\n$/
			);
			const inspect = succeeds(l, 'docker service inspect ghost_db');
			expect(inspect.output).toContain('"Mode": "dnsrr"');
		});

		it('atsea: missing external secrets fail after the networks, and succeed once created', () => {
			const l = lab();
			const r = l.exec('docker stack deploy -c atsea.yml atsea');
			expect(r.ok).toBe(false);
			expect(r.output).toBe(
				'Creating network atsea_back-tier\nCreating network atsea_default\nCreating network atsea_front-tier\nCreating network atsea_payment\n'
			);
			expect(r.error).toBe(
				DETACH_NOTICE + 'service appserver: secret not found: postgres_password\n'
			);
			for (const name of ['postgres_password', 'staging_token', 'revprox_key', 'revprox_cert']) {
				expect(succeeds(l, `docker secret create ${name} pw`).output).toMatch(/^[0-9a-z]{25}\n$/);
			}
			const ok = succeeds(l, 'docker stack deploy -c atsea.yml atsea');
			// The networks made by the failed attempt are the stack's own: they are not made again.
			expect(ok.output).toBe(
				'Creating service atsea_appserver\nCreating service atsea_database\nCreating service atsea_payment_gateway\nCreating service atsea_reverse_proxy\nCreating service atsea_visualizer\n'
			);
			succeeds(l, 'sim advance 1m');
			expect(succeeds(l, 'docker stack ls').output).toBe('NAME      SERVICES\natsea     5\n');
			const services = succeeds(l, 'docker stack services atsea').output;
			expect(services.split('\n')[0]).toBe(
				'ID             NAME                    MODE         REPLICAS   IMAGE                                                     PORTS'
			);
			expect(services).toMatch(/atsea_appserver\s+replicated\s+2\/2/);
			expect(services).toMatch(/atsea_reverse_proxy .*\*:80->80\/tcp, \*:443->443\/tcp\n/);
			// Nothing is labelled pcidss=yes, so the payment gateway cannot be placed.
			expect(services).toMatch(/atsea_payment_gateway\s+replicated\s+0\/1/);
		});

		it('proxy-global: global services and host-mode ports (not listed by stack services)', () => {
			const l = lab();
			succeeds(l, 'docker stack deploy -c proxy.yml proxy');
			succeeds(l, 'sim advance 1m');
			const services = succeeds(
				l,
				'docker stack services proxy --format "{{.Name}} {{.Mode}} {{.Replicas}} {{.Ports}}"'
			);
			expect(services.output).toContain('proxy_traefik global 3/3 *:8080->8080/tcp\n');
			expect(services.output).toContain('proxy_dockersocket global 1/1 \n');
			const ps = succeeds(l, 'docker stack ps proxy --format "{{.Name}}"');
			expect(ps.output.split('\n').filter((n) => n.startsWith('proxy_traefik.')).length).toBe(3);
		});

		it("rm removes services, secrets and networks in docker's order; unknown stacks say so", () => {
			const l = lab();
			succeeds(l, 'docker stack deploy -c proxy.yml proxy');
			succeeds(l, 'docker stack deploy -c ghost.yml ghost');
			const rm = succeeds(l, 'docker stack rm ghost');
			expect(rm.output).toBe(
				'Removing service ghost_db\nRemoving service ghost_db-backup\nRemoving service ghost_ghost\nRemoving secret db-password\nRemoving network ghost_ghost\n'
			);
			expect(succeeds(l, 'docker stack ls').output).toBe('NAME      SERVICES\nproxy     4\n');
			const none = succeeds(l, 'docker stack rm ghost');
			expect([none.output, none.error]).toEqual(['', 'Nothing found in stack: ghost\n']);
			const services = succeeds(l, 'docker stack services ghost');
			expect([services.output, services.error]).toEqual(['', 'Nothing found in stack: ghost\n']);
			expect(fails(l, 'docker stack ps ghost').error).toBe('nothing found in stack: ghost\n');
		});
	}
);

describe('stack command errors leave the lab untouched', () => {
	const BAD =
		'version: "3.8"\nservices:\n  web:\n    image: nginx\n    deploy:\n      replicas: many\n';

	it('reports a file that cannot be read', () => {
		expect(fails(lab(), 'docker stack deploy -c nope.yml s').error).toBe(
			'open nope.yml: no such file or directory\n'
		);
	});
	it('reports a loader error and deploys nothing', () => {
		const l = lab({ 'bad.yml': BAD });
		expect(fails(l, 'docker stack deploy -c bad.yml s').error).toBe(
			'services.web.deploy.replicas must be a integer\n'
		);
	});
	it('checks arguments and names like cobra and docker do', () => {
		const l = lab();
		expect(fails(l, 'docker stack deploy s').error).toBe(
			'Please specify a Compose file (with --compose-file)\n'
		);
		expect(fails(l, 'docker stack deploy -c x.yml').error).toBe(
			"docker: 'docker stack deploy' requires 1 argument\n\nUsage:  docker stack deploy [OPTIONS] STACK\n\nSee 'docker stack deploy --help' for more information\n"
		);
		expect(fails(l, `docker stack deploy -c x.yml "' '"`).error).toBe(
			'invalid stack name: "\' \'"\n'
		);
		expect(fails(l, 'docker stack frob').error).toContain(
			'docker: unknown command: docker stack frob'
		);
		expect(fails(l, 'docker stack ls --bogus').error).toContain('unknown flag: --bogus');
	});
	it('prints warnings on stderr before the detach notice', () => {
		const l = lab({
			'w.yml': 'services:\n  web:\n    image: nginx\n    restart: always\n    container_name: w\n'
		});
		const before = state(l);
		const r = succeeds(l, 'docker stack deploy -c w.yml w');
		expect(r.error).toBe(
			'Ignoring unsupported options: restart\n\nIgnoring deprecated options:\n\ncontainer_name: Setting the container name is not supported.\n\n' +
				DETACH_NOTICE
		);
		expect(r.output).toBe('Creating network w_default\nCreating service w_web\n');
		expect(state(l)).not.toEqual(before);
	});
	it('answers like docker outside a swarm', () => {
		const k = createLab({
			flavor: 'kubernetes',
			readFile: (p) => (p === 'w.yml' ? 'services:\n  web:\n    image: nginx\n' : undefined)
		});
		expect(fails(k, 'docker stack deploy -c w.yml w').error).toBe(
			DETACH_NOTICE +
				'this node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again\n'
		);
	});
	it('creates overlay networks, secrets and configs, refusing duplicates', () => {
		const l = lab({ data: 'x\n' });
		expect(succeeds(l, 'docker network create -d overlay proxy').output).toMatch(
			/^[0-9a-z]{25}\n$/
		);
		expect(fails(l, 'docker network create --driver overlay proxy').error).toBe(
			'Error response from daemon: network with name proxy already exists\n'
		);
		succeeds(l, 'docker config create c data');
		expect(fails(l, 'docker secret create s nope').error).toBe(
			'error reading from nope: open nope: no such file or directory\n'
		);
	});
	it('lists stacks in sortorder.NaturalLess order: bytes, with numbers compared as numbers', () => {
		const names = ['web10', 'web2', 'UPPER', 'lower', 'web02', 'a-b', 'a_b'];
		const sorted = [...names].sort((a, b) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0));
		expect(sorted).toEqual(['UPPER', 'a-b', 'a_b', 'lower', 'web2', 'web02', 'web10']);
		const l = lab({ 'w.yml': 'services:\n  web:\n    image: nginx\n' });
		for (const name of ['s10', 's2', 'Big']) succeeds(l, `docker stack deploy -c w.yml ${name} -d`);
		expect(succeeds(l, 'docker stack ls').output).toBe(
			'NAME      SERVICES\nBig       1\ns2        1\ns10       1\n'
		);
		expect(succeeds(l, "docker stack ls --format '{{json .}}'").output).toBe(
			'{"Name":"Big","Services":"1"}\n{"Name":"s2","Services":"1"}\n{"Name":"s10","Services":"1"}\n'
		);
	});
});
