// The loader's refusals, each in docker's own words (docker/cli cli/compose/schema/schema.go,
// cli/compose/template/template.go, cli/compose/interpolation/interpolation.go,
// cli/compose/loader/loader.go, cli/command/stack/loader/loader.go, cli/compose/convert).
import { describe, expect, it } from 'vitest';
import { loadStack, loadStackFiles } from '../../../../src/engine/swarm/stack';

function error(text: string, env: Record<string, string> = {}): string {
	const result = loadStack(text, { stackName: 'st', env });
	if (result.ok) throw new Error('loaded, but an error was expected');
	// A failed load carries nothing but its error.
	expect(Object.keys(result).sort()).toEqual(['error', 'ok']);
	return result.error;
}

function loaded(text: string, env: Record<string, string> = {}) {
	const result = loadStack(text, { stackName: 'st', env });
	if (!result.ok) throw new Error(result.error);
	return result;
}

const web = (extra: string) => `version: "3.8"\nservices:\n  web:\n    image: nginx\n${extra}`;

describe('YAML', () => {
	it('reports go-yaml syntax errors', () => {
		expect(error('services:\n  web:\n    image: nginx\n   bad: [\n')).toMatch(/^yaml: line \d+: /);
	});
	it('wants a mapping at the top', () => {
		expect(error('- a\n- b\n')).toBe('top-level object must be a mapping');
		expect(error('')).toBe('top-level object must be a mapping');
	});
	it('refuses non-string keys, naming where they are', () => {
		expect(error('1: x\n')).toBe('non-string key at top level: 1');
		expect(error('services:\n  web:\n    true: x\n')).toBe('non-string key in services.web: true');
	});
	it('expands anchors and merge keys, and ignores x- extension fields', () => {
		const stack = loaded(
			'version: "3.8"\nx-base: &base\n  image: redis\n  deploy:\n    replicas: 3\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n    image: redis:7\n'
		);
		expect(stack.services.map((s) => [s.Name, s.TaskTemplate.ContainerSpec.Image, s.Mode])).toEqual(
			[
				['st_a', 'redis', { Replicated: { Replicas: 3 } }],
				['st_b', 'redis:7', { Replicated: { Replicas: 3 } }]
			]
		);
	});
	it('reads YAML 1.1 octal modes as go-yaml does', () => {
		const stack = loaded(
			'services:\n  web:\n    image: nginx\n    secrets:\n      - source: s\n        mode: 0440\nsecrets:\n  s:\n    external: true\n'
		);
		expect(stack.services[0]?.TaskTemplate.ContainerSpec.Secrets?.[0]?.File?.Mode).toBe(0o440);
	});
});

describe('interpolation', () => {
	it('substitutes ${VAR}, $VAR, defaults and $$', () => {
		const stack = loaded(
			web(
				'    environment:\n      A: ${X}\n      B: $X\n      C: ${U:-soft}\n      D: ${E:-soft}\n      F: ${E-hard}\n      G: ${U-hard}\n      H: $$X\n'
			),
			{ X: 'x', E: '' }
		);
		expect(stack.services[0]?.TaskTemplate.ContainerSpec.Env).toEqual([
			'A=x',
			'B=x',
			'C=soft',
			'D=soft',
			'F=',
			'G=hard',
			'H=$X'
		]);
	});
	it('fails on a required variable', () => {
		expect(error(web('    environment:\n      A: ${NEED:?please set NEED}\n'))).toBe(
			'invalid interpolation format for services.web.environment.A: "required variable NEED is missing a value: please set NEED"; you may need to escape any $ with another $'
		);
		expect(
			loaded(web('    environment:\n      A: ${NEED?}\n'), { NEED: '' }).services[0]?.TaskTemplate
				.ContainerSpec.Env
		).toEqual(['A=']);
	});
	it('lets a later clean substitution clear an earlier error, as template.go does', () => {
		// SubstituteWith shares one `err` between matches, and each substitution function
		// call overwrites it.
		const stack = loaded(web('    environment:\n      A: ${NEED:?set it} $B\n'), { B: 'b' });
		expect(stack.services[0]?.TaskTemplate.ContainerSpec.Env).toEqual(['A= b']);
	});
	it('fails on a bad template, quoting the whole string', () => {
		expect(error(web('    command: echo ${bad var}\n'))).toBe(
			'invalid interpolation format for services.web.command: "echo ${bad var}"; you may need to escape any $ with another $'
		);
		expect(error(web('    labels:\n      - a=$\n'))).toBe(
			'invalid interpolation format for services.web.labels.[]: "a=$"; you may need to escape any $ with another $'
		);
	});
	it('casts interpolated numbers, and reports a failed cast', () => {
		const stack = loaded(web('    deploy:\n      replicas: ${N}\n'), { N: '4' });
		expect(stack.services[0]?.Mode).toEqual({ Replicated: { Replicas: 4 } });
		expect(error(web('    deploy:\n      replicas: ${N}\n'), { N: 'four' })).toBe(
			'error while interpolating services.web.deploy.replicas: failed to cast to expected type: strconv.Atoi: parsing "four": invalid syntax'
		);
	});
});

describe('schema validation', () => {
	it('names the field and the expected type', () => {
		expect(error(web('    deploy:\n      replicas: three\n'))).toBe(
			'services.web.deploy.replicas must be a integer'
		);
		expect(error(web('    ports: 80\n'))).toBe('services.web.ports must be a list');
		expect(error('services:\n  web: nginx\n')).toBe('services.web must be a mapping');
		expect(error(web('    environment:\n      A: [1]\n'))).toBe(
			'services.web.environment.A must be a string, number or null'
		);
		expect(error('version: 3.8\nservices: {}\n')).toBe('version must be a string');
	});
	it('refuses unknown keys', () => {
		expect(error(web('    foo: bar\n'))).toBe(
			'services.web Additional property foo is not allowed'
		);
		expect(error(web('    deploy:\n      replica: 2\n'))).toBe(
			'services.web.deploy Additional property replica is not allowed'
		);
		expect(error('services: {}\nfoo: 1\n')).toBe('(root) Additional property foo is not allowed');
	});
	it('refuses service names outside [a-zA-Z0-9._-]', () => {
		expect(error('services:\n  "<img src=x onerror=alert(1)>":\n    image: x\n')).toBe(
			'services Additional property <img src=x onerror=alert(1)> is not allowed'
		);
	});
	it('refuses repeated list items', () => {
		expect(error(web('    ports:\n      - "80:80"\n      - "80:80"\n'))).toBe(
			'services.web.ports array items[0,1] must be unique'
		);
	});
	it('checks duration formats and enums', () => {
		expect(error(web('    stop_grace_period: 5 minutes\n'))).toBe(
			"services.web.stop_grace_period Does not match format 'duration'"
		);
		expect(error(web('    deploy:\n      update_config:\n        order: random\n'))).toBe(
			'services.web.deploy.update_config.order services.web.deploy.update_config.order must be one of the following: "start-first", "stop-first"'
		);
	});
	it('shows the closest alternative of a oneOf', () => {
		expect(error(web('    ports:\n      - target: 80\n        bogus: 1\n'))).toBe(
			'services.web.ports.0 Additional property bogus is not allowed'
		);
		expect(error(web('    volumes:\n      - source: x\n'))).toBe(
			'services.web.volumes.0 type is required'
		);
	});
	it('knows the compose versions docker 28 ships', () => {
		expect(error('version: "2"\nservices: {}\n')).toBe('unsupported Compose file version: 2');
		expect(error('version: "3.99"\nservices: {}\n')).toBe('unsupported Compose file version: 3.99');
		expect(loaded('version: "3"\nservices:\n  a:\n    image: x\n').services).toHaveLength(1);
	});
});

describe('unsupported, deprecated and forbidden keys', () => {
	it('warns about unsupported keys, sorted, as docker prints them', () => {
		const stack = loaded(web('    restart: always\n    build: .\n    privileged: true\n'));
		expect(stack.warnings).toEqual([
			'Ignoring unsupported options: build, privileged, restart\n\n'
		]);
		// `restart:` still sets the restart policy when deploy has none (convertRestartPolicy).
		expect(stack.services[0]?.TaskTemplate.RestartPolicy).toEqual({ Condition: 'any' });
	});
	it('warns about deprecated keys with their explanations', () => {
		const stack = loaded(web('    container_name: w\n    expose: ["80"]\n'));
		expect(stack.warnings).toEqual([
			"Ignoring deprecated options:\n\ncontainer_name: Setting the container name is not supported.\n\nexpose: Exposing ports is unnecessary - services on the same network can access each other's containers on any port.\n\n"
		]);
	});
	it('refuses forbidden keys', () => {
		expect(error(web('    mem_limit: 1g\n    extends: base\n'))).toBe(
			'Compose file contains unsupported options:\n\nextends: Support for `extends` is not implemented yet.\n\nmem_limit: Set resource limits using deploy.resources\n'
		);
	});
});

describe('conversion', () => {
	it('parses ports: ranges, udp, bare targets', () => {
		const ports = loaded(web('    ports:\n      - "8000-8001:80-81/udp"\n      - 9000\n'))
			.services[0]?.EndpointSpec?.Ports;
		expect(ports).toEqual([
			{ Protocol: 'tcp', TargetPort: 9000, PublishMode: 'ingress' },
			{ Protocol: 'udp', TargetPort: 80, PublishedPort: 8000, PublishMode: 'ingress' },
			{ Protocol: 'udp', TargetPort: 81, PublishedPort: 8001, PublishMode: 'ingress' }
		]);
		expect(error(web('    ports:\n      - "80:http"\n'))).toBe(
			"1 error(s) decoding:\n\n* error decoding 'Ports': invalid containerPort: http"
		);
	});
	it('resolves ~ in bind sources from HOME, and warns as docker does without it', () => {
		const text = web('    volumes:\n      - ~/data:/data:ro\n');
		const withHome = loaded(text, { HOME: '/home/me' });
		expect(withHome.services[0]?.TaskTemplate.ContainerSpec.Mounts).toEqual([
			{ Type: 'bind', Source: '/home/me/data', Target: '/data', ReadOnly: true }
		]);
		const without = loaded(text);
		expect(without.warnings).toEqual([
			"WARN[0000] cannot expand '~', because the environment lacks HOME\n"
		]);
		expect(without.services[0]?.TaskTemplate.ContainerSpec.Mounts?.[0]?.Source).toBe('~/data');
	});
	it('converts deploy modes and refuses replicas with global', () => {
		const mode = (m: string) => loaded(web(`    deploy:\n      mode: ${m}\n`)).services[0]?.Mode;
		expect(mode('global')).toEqual({ Global: {} });
		expect(mode('global-job')).toEqual({ GlobalJob: {} });
		expect(
			loaded(web('    deploy:\n      mode: replicated-job\n      replicas: 2\n')).services[0]?.Mode
		).toEqual({
			ReplicatedJob: { MaxConcurrent: 2, TotalCompletions: 2 }
		});
		expect(error(web('    deploy:\n      mode: global\n      replicas: 2\n'))).toBe(
			'service web: replicas can only be used with replicated or replicated-job mode'
		);
		expect(error(web('    deploy:\n      mode: daemon\n'))).toBe(
			'service web: Unknown mode: daemon'
		);
	});
	it('converts resources with docker units, and refuses bad ones', () => {
		const resources = loaded(
			web(
				'    deploy:\n      resources:\n        limits:\n          cpus: "1.5"\n          memory: 1.5g\n'
			)
		).services[0]?.TaskTemplate.Resources;
		expect(resources).toEqual({ Limits: { NanoCPUs: 1_500_000_000, MemoryBytes: 1610612736 } });
		expect(
			error(web('    deploy:\n      resources:\n        limits:\n          cpus: lots\n'))
		).toBe('service web: failed to parse lots as a rational number');
		expect(
			error(web('    deploy:\n      resources:\n        limits:\n          memory: 1zb\n'))
		).toBe(
			"1 error(s) decoding:\n\n* error decoding 'Deploy.Resources.Limits.memory': invalid suffix: 'zb'"
		);
	});
	it('refuses negative counts where Go wants an unsigned number', () => {
		expect(error(web('    deploy:\n      replicas: -1\n'))).toBe(
			"1 error(s) decoding:\n\n* cannot parse 'Deploy.Replicas', -1 overflows uint"
		);
	});
	it('reports references to undeclared networks, secrets and volumes', () => {
		expect(error(web('    networks: [back]\n'))).toBe('service web: undefined network "back"');
		expect(error(web('    secrets: [pw]\n'))).toBe('service web: undefined secret "pw"');
		expect(error(web('    volumes: ["data:/data"]\n'))).toBe(
			'service web: undefined volume "data"'
		);
	});
	it('keeps declared network names, aliases and options', () => {
		const stack = loaded(
			web(
				'    networks:\n      front:\n        aliases: [www]\nnetworks:\n  front:\n    name: shared-front\n    attachable: true\n    driver_opts:\n      encrypted: ""\n'
			)
		);
		expect(stack.services[0]?.TaskTemplate.Networks).toEqual([
			{ Target: 'shared-front', Aliases: ['www', 'web'] }
		]);
		expect(stack.networks).toEqual([
			{
				Name: 'shared-front',
				Driver: 'overlay',
				Labels: { 'com.docker.stack.namespace': 'st' },
				Options: { encrypted: '' },
				Attachable: true
			}
		]);
	});
	it('splits a command string like a shell, and refuses an open quote', () => {
		const stack = loaded(web(`    command: "sh -c 'echo \\"a b\\"' a#b # note"\n`));
		expect(stack.services[0]?.TaskTemplate.ContainerSpec.Args).toEqual([
			'sh',
			'-c',
			'echo "a b"',
			'a#b'
		]);
		expect(error(web(`    command: "sh -c 'echo"\n`))).toBe(
			"1 error(s) decoding:\n\n* error decoding 'Command': EOF found when expecting closing quote"
		);
	});
	it('keeps durations to the nanosecond, as the Engine API does', () => {
		const spec = loaded(
			web(
				'    stop_grace_period: 1m30s\n    healthcheck:\n      interval: 1.5ms\n      timeout: 500us\n      start_period: 1.1h\n'
			)
		).services[0];
		expect(spec?.TaskTemplate.ContainerSpec.StopGracePeriod).toBe(90_000_000_000);
		expect(spec?.TaskTemplate.ContainerSpec.Healthcheck).toEqual({
			Interval: 1_500_000,
			Timeout: 500_000,
			StartPeriod: 3_960_000_000_000
		});
	});
	it('converts a healthcheck and refuses disable with a test', () => {
		const health = loaded(
			web('    healthcheck:\n      test: curl -f localhost\n      retries: 2\n')
		).services[0]?.TaskTemplate.ContainerSpec.Healthcheck;
		expect(health).toEqual({ Test: ['CMD-SHELL', 'curl -f localhost'], Retries: 2 });
		expect(error(web('    healthcheck:\n      test: ["CMD", "true"]\n      disable: true\n'))).toBe(
			"service web: test and disable can't be set at the same time"
		);
	});
	it('merges several files, later ones winning', () => {
		const result = loadStackFiles(
			[
				{ path: 'a.yml', text: web('    deploy:\n      replicas: 1\n') },
				{
					path: 'b.yml',
					text: 'version: "3.8"\nservices:\n  web:\n    deploy:\n      replicas: 5\n'
				}
			],
			{ stackName: 'st' }
		);
		expect(result.ok && result.services[0]?.Mode).toEqual({ Replicated: { Replicas: 5 } });
		expect(result.ok && result.services[0]?.TaskTemplate.ContainerSpec.Image).toBe('nginx');
		const mismatch = loadStackFiles(
			[
				{ path: 'a.yml', text: web('') },
				{ path: 'b.yml', text: 'version: "3.7"\nservices: {}\n' }
			],
			{ stackName: 'st' }
		);
		expect(mismatch).toEqual({
			ok: false,
			error: 'version mismatched between two composefiles : 3.8 and 3.7'
		});
	});
});
