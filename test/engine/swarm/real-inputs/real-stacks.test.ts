// Real stack files that docker 28 deploys as they are: their notices, and every service
// converging on a 1-manager, 2-worker swarm (cli-formats §6.7).
import { describe, expect, it } from 'vitest';
import { succeeds } from '../../lab-helpers';
import { DETACH_NOTICE, fixture, swarmLab } from './helpers';

const SERVICES = "docker stack services --format '{{.Name}} {{.Mode}} {{.Replicas}} {{.Ports}}'";

describe('real stacks deploy and converge', () => {
	it('dockersamples example-voting-app docker-stack.yml', () => {
		const lab = swarmLab({ 'docker-stack.yml': fixture('voting-docker-stack.yml') });
		const r = succeeds(lab, 'docker stack deploy -c docker-stack.yml vote');
		expect(r.error ?? '').toBe(DETACH_NOTICE);
		lab.advance(90_000);
		expect(succeeds(lab, `${SERVICES} vote`).output).toBe(
			[
				'vote_db replicated 1/1 ',
				// `- "6379"` publishes on a port the manager picks from 30000 (portallocator.go).
				'vote_redis replicated 2/2 *:30000->6379/tcp',
				'vote_result replicated 2/2 *:5001->80/tcp',
				'vote_visualizer replicated 1/1 *:8080->8080/tcp',
				'vote_vote replicated 2/2 *:5000->80/tcp',
				'vote_worker replicated 1/1 ',
				''
			].join('\n')
		);
		// db is constrained to the manager.
		expect(succeeds(lab, "docker service ps --format '{{.Node}}' vote_db").output).toBe(
			'manager-1\n'
		);
	});

	it('Portainer agent stack: a global agent on every node, the server on the manager', () => {
		const lab = swarmLab({ 'portainer-agent-stack.yml': fixture('portainer-agent-stack.yml') });
		succeeds(lab, 'docker stack deploy -d -c portainer-agent-stack.yml portainer');
		lab.advance(90_000);
		expect(succeeds(lab, `${SERVICES} portainer`).output).toBe(
			'portainer_agent global 3/3 \n' +
				'portainer_portainer replicated 1/1 *:8000->8000/tcp, *:9000->9000/tcp, *:9443->9443/tcp\n'
		);
	});

	it('awesome-compose wordpress-mysql: its restart and expose keys are only noticed', () => {
		const lab = swarmLab({ 'compose.yaml': fixture('awesome-wordpress-mysql.yaml') });
		const r = succeeds(lab, 'docker stack deploy -d -c compose.yaml wp');
		expect(r.error).toBe(
			'Ignoring unsupported options: restart\n\n' +
				'Ignoring deprecated options:\n\n' +
				"expose: Exposing ports is unnecessary - services on the same network can access each other's containers on any port.\n\n"
		);
		lab.advance(120_000);
		expect(succeeds(lab, `${SERVICES} wp`).output).toBe(
			'wp_db replicated 1/1 \nwp_phpmyadmin replicated 1/1 *:8080->80/tcp\nwp_wordpress replicated 1/1 *:80->80/tcp\n'
		);
	});
});
