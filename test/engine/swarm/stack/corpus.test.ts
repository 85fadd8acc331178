// The real stack files of the shared corpus load the way `docker stack deploy` reads them
// (SOURCES.md, "Docker Swarm" rows).
import { describe, expect, it } from 'vitest';
import { loadStack, type LoadedStack } from '../../../../src/engine/swarm/stack';
import type { ServiceSpec } from '../../../../src/engine/swarm/spec';
import { SKIP_REASON, swarmCorpusAvailable, swarmCorpusFile, swarmCorpusFiles } from './corpus';

const NS = 1_000_000_000;

/** Files next to the stack file that the corpus stacks read (env_file, secrets, configs). */
const FILES: Record<string, string> = {
	'stacks/grafana/config.monitoring':
		'GF_SECURITY_ADMIN_PASSWORD=foobar\nGF_USERS_ALLOW_SIGN_UP=false\n',
	'stacks/secret-ghost-db': 'hunter2\n',
	'stacks/swarmprom/dockerd-exporter/Caddyfile': ':9323 {}\n',
	'stacks/swarmprom/prometheus/rules/swarm_node.rules.yml': 'groups: []\n',
	'stacks/swarmprom/prometheus/rules/swarm_task.rules.yml': 'groups: []\n'
};

function load(name: string, env: Record<string, string> = {}): LoadedStack {
	const result = loadStack(swarmCorpusFile(name), {
		stackName: 'st',
		path: `stacks/${name}`,
		env,
		readFile: (path) => FILES[path]
	});
	if (!result.ok) throw new Error(`${name}: ${result.error}`);
	return result;
}

function service(stack: LoadedStack, name: string): ServiceSpec {
	const found = stack.services.find((s) => s.Name === `st_${name}`);
	if (found === undefined) throw new Error(`no service st_${name}`);
	return found;
}

describe.skipIf(!swarmCorpusAvailable)(`swarm corpus (${SKIP_REASON} when skipped)`, () => {
	it.each(swarmCorpusFiles().map((f) => f.name))('%s loads', (name) => {
		const stack = load(name);
		expect(stack.services.length).toBeGreaterThan(0);
		for (const spec of stack.services) {
			expect(spec.Name.startsWith('st_')).toBe(true);
			expect(spec.Labels?.['com.docker.stack.namespace']).toBe('st');
			expect(spec.Labels?.['com.docker.stack.image']).toBe(spec.TaskTemplate.ContainerSpec.Image);
			expect(spec.TaskTemplate.ContainerSpec.Labels?.['com.docker.stack.namespace']).toBe('st');
		}
	});

	it('atsea: external secrets, worker constraints, update and restart policies, durations in ns', () => {
		const stack = load('atsea-docker-stack.yml');
		expect(stack.services.map((s) => s.Name)).toEqual([
			'st_appserver',
			'st_database',
			'st_payment_gateway',
			'st_reverse_proxy',
			'st_visualizer'
		]);
		expect(stack.secrets.map((s) => [s.Name, s.External])).toEqual([
			['postgres_password', true],
			['revprox_cert', true],
			['revprox_key', true],
			['staging_token', true]
		]);
		const app = service(stack, 'appserver');
		expect(app.Mode).toEqual({ Replicated: { Replicas: 2 } });
		expect(app.UpdateConfig).toEqual({ Parallelism: 2, FailureAction: 'rollback' });
		expect(app.TaskTemplate.RestartPolicy).toEqual({
			Condition: 'on-failure',
			Delay: 5 * NS,
			MaxAttempts: 3,
			Window: 120 * NS
		});
		expect(app.TaskTemplate.Networks?.map((n) => n.Target)).toEqual([
			'st_back-tier',
			'st_front-tier',
			'st_payment'
		]);
		// Every attachment to a user-defined network carries the service name as an alias.
		expect(app.TaskTemplate.Networks?.[0]?.Aliases).toEqual(['appserver']);
		const payment = service(stack, 'payment_gateway');
		expect(payment.TaskTemplate.Placement?.Constraints).toEqual([
			'node.role == worker',
			'node.labels.pcidss == yes'
		]);
		expect(payment.TaskTemplate.ContainerSpec.Secrets).toEqual([
			{
				SecretName: 'staging_token',
				File: { Name: 'payment_token', UID: '0', GID: '0', Mode: 0o444 }
			}
		]);
		const visualizer = service(stack, 'visualizer');
		expect(visualizer.TaskTemplate.ContainerSpec.StopGracePeriod).toBe(90 * NS);
		expect(visualizer.TaskTemplate.ContainerSpec.Mounts).toEqual([
			{ Type: 'bind', Source: '/var/run/docker.sock', Target: '/var/run/docker.sock' }
		]);
		// visualizer names no network, so it joins `<stack>_default`, which the stack creates.
		expect(visualizer.TaskTemplate.Networks).toEqual([
			{ Target: 'st_default', Aliases: ['visualizer'] }
		]);
		expect(stack.networks.map((n) => n.Name)).toContain('st_default');
		const proxy = service(stack, 'reverse_proxy');
		expect(proxy.EndpointSpec?.Ports).toEqual([
			{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 80, PublishMode: 'ingress' },
			{ Protocol: 'tcp', TargetPort: 443, PublishedPort: 443, PublishMode: 'ingress' }
		]);
		const net = stack.networks.find((n) => n.Name === 'st_payment');
		expect(net).toMatchObject({ Driver: 'overlay', Options: { encrypted: 'yes' } });
		expect(stack.warnings).toEqual([]);
	});

	it('prometheus: global mode, relative binds and env_file against the stack folder, $$ escapes', () => {
		const stack = load('prometheus-docker-stack.yml');
		expect(service(stack, 'node-exporter').Mode).toEqual({ Global: {} });
		expect(service(stack, 'cadvisor').Mode).toEqual({ Global: {} });
		const grafana = service(stack, 'grafana');
		expect(grafana.TaskTemplate.ContainerSpec.User).toBe('472');
		expect(grafana.TaskTemplate.ContainerSpec.Env).toEqual([
			'GF_SECURITY_ADMIN_PASSWORD=foobar',
			'GF_USERS_ALLOW_SIGN_UP=false'
		]);
		expect(grafana.TaskTemplate.ContainerSpec.Mounts).toContainEqual({
			Type: 'bind',
			Source: 'stacks/grafana/provisioning',
			Target: '/etc/grafana/provisioning/'
		});
		expect(grafana.TaskTemplate.Placement?.Constraints).toEqual(['node.role==manager']);
		const exporter = service(stack, 'node-exporter');
		expect(exporter.TaskTemplate.ContainerSpec.Args?.join(' ')).toContain('($|/)');
		// depends_on is ignored silently.
		expect(stack.warnings).toEqual([]);
	});

	it('prometheus: a missing env_file is docker\'s "no such file" error', () => {
		const result = loadStack(swarmCorpusFile('prometheus-docker-stack.yml'), {
			stackName: 'st',
			path: 'stacks/prometheus-docker-stack.yml',
			readFile: () => undefined
		});
		expect(result).toEqual({
			ok: false,
			error: 'open stacks/grafana/config.monitoring: no such file or directory'
		});
	});

	it('proxy-global: anchors and merge keys, host-mode ports, network name override, ${VAR:-default}', () => {
		const stack = load('dogvscat-stack-proxy-global.yml');
		const traefik = service(stack, 'traefik');
		expect(traefik.Mode).toEqual({ Global: {} });
		expect(traefik.EndpointSpec?.Ports).toEqual([
			{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 80, PublishMode: 'host' },
			{ Protocol: 'tcp', TargetPort: 443, PublishedPort: 443, PublishMode: 'host' },
			{ Protocol: 'tcp', TargetPort: 8080, PublishedPort: 8080, PublishMode: 'ingress' }
		]);
		expect(traefik.Labels?.['traefik.port']).toBe('8080');
		expect(traefik.TaskTemplate.Networks?.map((n) => n.Target)).toEqual([
			'proxy',
			'st_traefik-consul',
			'st_traefik-docker'
		]);
		expect(stack.networks.map((n) => n.Name)).toEqual([
			'proxy',
			'st_traefik-consul',
			'st_traefik-docker'
		]);
		expect(service(stack, 'traefik-init').TaskTemplate.RestartPolicy).toEqual({
			Condition: 'on-failure'
		});
		expect(service(stack, 'consul').TaskTemplate.ContainerSpec.Args).toEqual([
			'agent',
			'-server',
			'-bootstrap-expect=1'
		]);
		expect(stack.volumes.find((v) => v.Key === 'consul')?.Driver).toBe('local');
		const withDriver = load('dogvscat-stack-proxy-global.yml', {
			DOCKER_VOL_DRIVER: 'rexray/dobs'
		});
		expect(withDriver.volumes.find((v) => v.Key === 'consul')?.Driver).toBe('rexray/dobs');
		const consulMount = service(stack, 'consul').TaskTemplate.ContainerSpec.Mounts?.[0];
		expect(consulMount?.Source).toBe('st_consul');
		expect(consulMount?.VolumeOptions?.DriverConfig?.Name).toBe('local');
	});

	it('ghost: dnsrr, external network, a file secret with its own name, deploy labels as a map', () => {
		const stack = load('dogvscat-stack-ghost.yml');
		expect(service(stack, 'db').EndpointSpec?.Mode).toBe('dnsrr');
		expect(service(stack, 'ghost').EndpointSpec?.Mode).toBeUndefined();
		expect(stack.networks).toContainEqual({ Name: 'proxy', Driver: '', External: true });
		expect(stack.secrets).toEqual([
			{
				Key: 'db-password',
				Name: 'db-password',
				Labels: { 'com.docker.stack.namespace': 'st' },
				File: 'stacks/secret-ghost-db',
				Data: 'hunter2\n'
			}
		]);
		expect(
			service(stack, 'ghost').Labels?.['traefik.http.services.ghost.loadbalancer.server.port']
		).toBe('2368');
		const backup = service(stack, 'db-backup');
		expect(backup.TaskTemplate.RestartPolicy).toEqual({ Delay: 600 * NS });
		expect(backup.TaskTemplate.ContainerSpec.Args?.[2]).toContain(
			'--password=$(< $MYSQL_ROOT_PASSWORD_FILE)'
		);
		expect(
			service(stack, 'db').TaskTemplate.ContainerSpec.Mounts?.[0]?.VolumeOptions?.DriverConfig
		).toEqual({
			Name: 'rexray/dobs',
			Options: { size: '1' }
		});
	});

	it('ghost: a missing secret file is left for the deploy to report', () => {
		const result = loadStack(swarmCorpusFile('dogvscat-stack-ghost.yml'), {
			stackName: 'st',
			path: 'stacks/dogvscat-stack-ghost.yml',
			readFile: () => undefined
		});
		expect(result.ok && result.secrets[0]?.Data).toBe(undefined);
	});

	it('swarmprom: memory reservations, bcrypt defaults with $, Go templates in env kept', () => {
		const stack = load('dogvscat-stack-swarmprom.yml');
		const cadvisor = service(stack, 'cadvisor');
		expect(cadvisor.Mode).toEqual({ Global: {} });
		expect(cadvisor.TaskTemplate.Resources).toEqual({
			Limits: { MemoryBytes: 128 * 1024 * 1024 },
			Reservations: { MemoryBytes: 64 * 1024 * 1024 }
		});
		expect(
			service(stack, 'alertmanager').Labels?.[
				'traefik.http.middlewares.alertmanager-auth.basicauth.users'
			]
		).toBe('admin:$2y$05$oZcj4FgdSFEYNCH0EH/3Vu7Hp72gkvEadHzMsDhGFkbvS/ZrKMKfK');
		const set = load('dogvscat-stack-swarmprom.yml', { AM_USER: 'ops', AM_PASSWORD: 'x' });
		expect(
			service(set, 'alertmanager').Labels?.[
				'traefik.http.middlewares.alertmanager-auth.basicauth.users'
			]
		).toBe('ops:x');
		const env = stack.services.flatMap((s) => s.TaskTemplate.ContainerSpec.Env ?? []);
		expect(env.some((e) => e.includes('{{.Node.ID}}'))).toBe(true);
		expect(stack.configs.map((c) => c.Name)).toEqual([
			'st_dockerd_config',
			'st_node_rules',
			'st_task_rules'
		]);
	});

	it('swarmpit: no top-level version, CPU and memory limits, healthcheck', () => {
		const stack = load('swarmpit-docker-compose.yml');
		const app = service(stack, 'app');
		expect(app.TaskTemplate.Resources).toEqual({
			Limits: { NanoCPUs: 500_000_000, MemoryBytes: 1024 * 1024 * 1024 },
			Reservations: { NanoCPUs: 250_000_000, MemoryBytes: 512 * 1024 * 1024 }
		});
		expect(app.TaskTemplate.ContainerSpec.Healthcheck?.Interval).toBe(60 * NS);
		expect(app.EndpointSpec?.Ports).toEqual([
			{ Protocol: 'tcp', TargetPort: 8080, PublishedPort: 888, PublishMode: 'ingress' }
		]);
		expect(service(stack, 'agent').Mode).toEqual({ Global: {} });
	});
});
