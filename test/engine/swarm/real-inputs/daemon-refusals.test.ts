// Real compose files that docker 28's `docker stack deploy` starts and the daemon then refuses,
// part way through (the services before the refused one stay, as deploy_composefile.go stops at
// the first error). The lab created every one of these services.
import { describe, expect, it } from 'vitest';
import { fails, succeeds } from '../../lab-helpers';
import { DETACH_NOTICE, fixture, swarmLab } from './helpers';

describe('docker stack deploy: what the daemon refuses', () => {
	it('awesome-compose prometheus-grafana: two mounts on /prometheus (swarmkit validateMounts)', () => {
		const lab = swarmLab({ 'compose.yaml': fixture('awesome-prometheus-grafana.yaml') });
		const r = lab.exec('docker stack deploy -c compose.yaml prom');
		expect(r.ok).toBe(false);
		expect(r.output).toBe(
			'Creating network prom_default\nCreating service prom_grafana\nCreating service prom_prometheus\n'
		);
		expect(r.error).toBe(
			'Ignoring unsupported options: restart\n\n' +
				'Ignoring deprecated options:\n\ncontainer_name: Setting the container name is not supported.\n\n' +
				DETACH_NOTICE +
				'failed to create service prom_prometheus: Error response from daemon: rpc error: code = InvalidArgument desc = invalid duplicate mount point: /prometheus\n'
		);
		const services = succeeds(lab, 'docker stack services --format "{{.Name}}" prom');
		expect(services.output).toBe('prom_grafana\n');
	});

	it('awesome-compose elasticsearch-logstash-kibana: a `driver: bridge` network is made on the manager, and no service may use it', () => {
		const lab = swarmLab({ 'compose.yaml': fixture('awesome-elk.yaml') });
		const r = lab.exec('docker stack deploy -c compose.yaml elk');
		expect(r.ok).toBe(false);
		expect(r.output).toBe('Creating network elk_elastic\nCreating service elk_elasticsearch\n');
		expect(r.error).toContain(
			'failed to create service elk_elasticsearch: Error response from daemon: The network elk_elastic cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver.\n'
		);
		const nets = succeeds(
			lab,
			'docker network ls --filter name=elk --format "{{.Name}} {{.Driver}} {{.Scope}}"'
		);
		expect(nets.output).toBe('elk_elastic bridge local\n');
		// A second deploy finds the stack's network and does not create it again.
		const again = lab.exec('docker stack deploy -c compose.yaml elk');
		expect(again.output).toBe('Creating service elk_elasticsearch\n');
		const rm = succeeds(lab, 'docker stack rm elk');
		expect(rm.output).toBe('Removing network elk_elastic\n');
	});

	it('an unset ${VAR} leaves `nginx:`, which is no image reference (swarmkit validateImage)', () => {
		const lab = swarmLab({
			'stack.yml': 'version: "3.8"\nservices:\n  web:\n    image: "nginx:${NGINX_TAG}"\n'
		});
		const r = lab.exec('docker stack deploy -d -c stack.yml web');
		expect(r.error).toBe(
			'failed to create service web_web: Error response from daemon: rpc error: code = InvalidArgument desc = ContainerSpec: "nginx:" is not a valid repository/tag\n'
		);
	});
});

describe('docker service create|update: networks and image names the daemon refuses', () => {
	it('an unknown network is not found, and nothing is created', () => {
		const lab = swarmLab();
		const r = fails(lab, 'docker service create -d --network nosuch nginx');
		expect(r.error).toBe('Error response from daemon: network nosuch not found\n');
	});

	it('an upper-case repository name is not a valid repository/tag', () => {
		const lab = swarmLab();
		const r = fails(lab, 'docker service create -d --name web Nginx');
		expect(r.error).toBe(
			'Error response from daemon: rpc error: code = InvalidArgument desc = ContainerSpec: "Nginx" is not a valid repository/tag\n'
		);
		succeeds(lab, 'docker service create -d --name ok my--org/my__app:1.0');
	});

	it('stores network IDs; --network-add and --network-rm take names', () => {
		const lab = swarmLab();
		const ov = succeeds(lab, 'docker network create -d overlay ov').output.trim();
		const ov2 = succeeds(lab, 'docker network create -d overlay ov2').output.trim();
		succeeds(lab, 'docker service create -d --name w --network ov nginx');
		const json = '{{json .Spec.TaskTemplate.Networks}}';
		expect(succeeds(lab, `docker service inspect --format '${json}' w`).output).toBe(
			`[{"Target":"${ov}"}]\n`
		);
		expect(fails(lab, 'docker service update -d --network-add ov w').error).toBe(
			'service is already attached to network ov\n'
		);
		succeeds(lab, 'docker service update -d --network-add ov2 --network-rm ov w');
		expect(succeeds(lab, `docker service inspect --format '${json}' w`).output).toBe(
			`[{"Target":"${ov2}"}]\n`
		);
	});
});
