// Compose keys docker/cli's convert.Service passes to the container (cli/compose/convert/
// service.go: convertExtraHosts, convertDNSConfig, opts.EffectiveCapAddCapDrop, convertUlimits,
// Init, StopSignal, ReadOnly, Sysctls, the log driver), and how `inspect --pretty` shows them
// (cli/command/service/formatter.go serviceInspectPrettyTemplate). The lab dropped them all, and
// its pretty form lacked the `Init:` line every `docker service create` service shows.
import { describe, expect, it } from 'vitest';
import { succeeds } from '../../lab-helpers';
import { swarmLab } from './helpers';

const STACK = `version: "3.8"
services:
  app:
    image: nginx:1.25
    extra_hosts:
      - "somehost:162.242.195.82"
    dns: 8.8.8.8
    cap_add: [net_admin]
    cap_drop: [ALL]
    sysctls:
      net.core.somaxconn: 1024
    ulimits:
      nproc: 65535
      nofile:
        soft: 20000
        hard: 40000
    init: true
    stop_signal: SIGQUIT
    read_only: true
    logging:
      driver: json-file
      options:
        max-size: "10m"
        max-file: "3"
`;

describe('container options from a compose file', () => {
	it('reach the stored spec in the Go field order', () => {
		const lab = swarmLab({ 'stack.yml': STACK });
		succeeds(lab, 'docker stack deploy -d -c stack.yml m');
		const spec = JSON.parse(
			succeeds(lab, "docker service inspect --format '{{json .Spec.TaskTemplate}}' m_app").output
		);
		expect(spec.ContainerSpec).toStrictEqual({
			// Pinned by the CLI to the lab registry's digest (commands/docker/service-image.ts).
			Image: 'nginx:1.25@sha256:f88cb71193e44fd685ec8c652b24bb1607976d72611daa8fb55ee7db56bd0ae5',
			Labels: { 'com.docker.stack.namespace': 'm' },
			Privileges: { CredentialSpec: null, SELinuxContext: null, NoNewPrivileges: false },
			Init: true,
			StopSignal: 'SIGQUIT',
			ReadOnly: true,
			// Filled in for inspect (InsertDefaults, swarmkit api/defaults/service.go).
			StopGracePeriod: 10000000000,
			Hosts: ['162.242.195.82 somehost'],
			DNSConfig: { Nameservers: ['8.8.8.8'] },
			Isolation: 'default',
			Sysctls: { 'net.core.somaxconn': '1024' },
			CapabilityAdd: ['CAP_NET_ADMIN'],
			CapabilityDrop: ['ALL'],
			Ulimits: [
				{ Name: 'nofile', Hard: 40000, Soft: 20000 },
				{ Name: 'nproc', Hard: 65535, Soft: 65535 }
			]
		});
		expect(Object.keys(spec.ContainerSpec)).toEqual([
			'Image',
			'Labels',
			'Privileges',
			'Init',
			'StopSignal',
			'ReadOnly',
			'StopGracePeriod',
			'Hosts',
			'DNSConfig',
			'Isolation',
			'Sysctls',
			'CapabilityAdd',
			'CapabilityDrop',
			'Ulimits'
		]);
		expect(spec.LogDriver).toStrictEqual({
			Name: 'json-file',
			Options: { 'max-file': '3', 'max-size': '10m' }
		});
	});

	it('appear in inspect --pretty as the template lays them out', () => {
		const lab = swarmLab({ 'stack.yml': STACK });
		succeeds(lab, 'docker stack deploy -d -c stack.yml m');
		const pretty = succeeds(lab, 'docker service inspect --pretty m_app').output;
		expect(pretty).toContain(
			'ContainerSpec:\n Image:\t\tnginx:1.25@sha256:f88cb71193e44fd685ec8c652b24bb1607976d72611daa8fb55ee7db56bd0ae5\n Init:\t\ttrue\n' +
				'Capabilities:\n Add: CAP_NET_ADMIN\n Drop: ALL\n' +
				'SysCtls:\n net.core.somaxconn: 1024\n' +
				'Ulimits:\n nofile: 20000:40000\n nproc: 65535:65535\n' +
				'Log Driver:\n Name:\t\tjson-file\n LogOpts:\n  max-file:       3\n  max-size:       10m\n\n' +
				'Resources:\n'
		);
	});

	it('docker service create shows Init: false, as every published transcript does', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --replicas 1 --name helloworld alpine ping docker.com');
		expect(succeeds(lab, 'docker service inspect --pretty helloworld').output).toContain(
			'ContainerSpec:\n Image:\t\talpine:latest@sha256:e8276ac885f078f53fcaec22d4a807cae60bad6206212fed59598ce5fb329955\n Args:\t\tping docker.com \n Init:\t\tfalse\nResources:\n'
		);
	});
});
