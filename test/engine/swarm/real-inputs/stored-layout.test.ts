// A service spec reads back as docker 28's daemon returns it (moby daemon/cluster/convert
// serviceFromGRPC / taskSpecFromGRPC / containerSpecFromGRPC): the Go structs' field order,
// map keys sorted, `Labels: {}` when none, `Isolation: default`, `ForceUpdate: 0`,
// `Runtime: container`, one replica when none was asked for, no empty `Ports`. The reference is a
// published `docker inspect` of a stack service on a 28.5.1 manager (a postgres:16 `db` with a
// volume, a placement constraint and `restart_policy: {condition: on-failure}`), and the
// docs' `docker service create --replicas 1 --name helloworld alpine ping docker.com`; `docker
// service inspect` adds what InsertDefaults fills in (swarmkit api/defaults/service.go).
// The image is pinned to a digest the lab makes up (commands/docker/service-image.ts); the lab
// records no Placement.Platforms.
import { describe, expect, it } from 'vitest';
import { succeeds } from '../../lab-helpers';
import { swarmLab } from './helpers';

const STACK = `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: postgres
      POSTGRES_PASSWORD: password
      POSTGRES_DB: appdb
    volumes:
      - dbdata:/var/lib/postgresql/data
    deploy:
      placement:
        constraints:
          - node.labels.role == db
      restart_policy:
        condition: on-failure
volumes:
  dbdata:
`;

describe('the stored spec layout', () => {
	it('a stack service', () => {
		const lab = swarmLab({ 'stack.yml': STACK });
		succeeds(lab, 'docker stack deploy -d -c stack.yml mcapp');
		const net = succeeds(lab, 'docker network ls -q --filter name=mcapp_default').output.trim();
		const spec = succeeds(lab, "docker service inspect --format '{{json .Spec}}' mcapp_db").output;
		const netId = JSON.parse(spec).TaskTemplate.Networks[0].Target as string;
		expect(netId.startsWith(net)).toBe(true);
		expect(JSON.parse(spec)).toStrictEqual({
			Name: 'mcapp_db',
			Labels: {
				'com.docker.stack.image': 'postgres:16',
				'com.docker.stack.namespace': 'mcapp'
			},
			TaskTemplate: {
				ContainerSpec: {
					Image:
						'postgres:16@sha256:3c0a6f95b53dedd5eb67ac89491d6d5b217c4a490804cfd50c4ba724a883b9b0',
					Labels: { 'com.docker.stack.namespace': 'mcapp' },
					Env: ['POSTGRES_DB=appdb', 'POSTGRES_PASSWORD=password', 'POSTGRES_USER=postgres'],
					Privileges: { CredentialSpec: null, SELinuxContext: null, NoNewPrivileges: false },
					Mounts: [
						{
							Type: 'volume',
							Source: 'mcapp_dbdata',
							Target: '/var/lib/postgresql/data',
							VolumeOptions: { Labels: { 'com.docker.stack.namespace': 'mcapp' } }
						}
					],
					// `docker service inspect` asks with InsertDefaults (docker/cli service/inspect.go):
					// swarmkit api/defaults/service.go InterpolateService fills these in.
					StopGracePeriod: 10000000000,
					DNSConfig: {},
					Isolation: 'default'
				},
				Resources: {},
				RestartPolicy: { Condition: 'on-failure', Delay: 5000000000, MaxAttempts: 0 },
				Placement: { Constraints: ['node.labels.role == db'] },
				Networks: [{ Target: netId, Aliases: ['db'] }],
				ForceUpdate: 0,
				Runtime: 'container'
			},
			Mode: { Replicated: { Replicas: 1 } },
			UpdateConfig: {
				Parallelism: 1,
				FailureAction: 'pause',
				Monitor: 5000000000,
				MaxFailureRatio: 0,
				Order: 'stop-first'
			},
			RollbackConfig: {
				Parallelism: 1,
				FailureAction: 'pause',
				Monitor: 5000000000,
				MaxFailureRatio: 0,
				Order: 'stop-first'
			},
			EndpointSpec: { Mode: 'vip' }
		});
		// Key order is the Go structs' order.
		expect(Object.keys(JSON.parse(spec).TaskTemplate.ContainerSpec)).toEqual([
			'Image',
			'Labels',
			'Env',
			'Privileges',
			'Mounts',
			'StopGracePeriod',
			'DNSConfig',
			'Isolation'
		]);
	});

	it('docker service create', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --replicas 1 --name helloworld alpine ping docker.com');
		expect(
			succeeds(
				lab,
				"docker service inspect --format '{{json .Spec.Labels}} {{json .Spec.TaskTemplate.ContainerSpec}}' helloworld"
			).output
		).toBe(
			'{} {"Image":"alpine:latest@sha256:e8276ac885f078f53fcaec22d4a807cae60bad6206212fed59598ce5fb329955","Args":["ping","docker.com"],"Init":false,"StopGracePeriod":10000000000,"DNSConfig":{},"Isolation":"default"}\n'
		);
		expect(
			succeeds(
				lab,
				"docker service inspect --format '{{.Spec.TaskTemplate.ForceUpdate}} {{.Spec.TaskTemplate.Runtime}}' helloworld"
			).output
		).toBe('0 container\n');
	});
});
