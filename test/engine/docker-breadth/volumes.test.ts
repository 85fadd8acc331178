// `docker volume create|ls|inspect|rm` and `--mount` (docker/cli cli/command/volume,
// opts/mount.go; moby volume/service): volumes are local to a machine and outlive the tasks and
// the stacks that made them.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const STACK = `services:
  db:
    image: postgres:15-alpine
    volumes:
      - db-data:/var/lib/postgresql/data
    deploy:
      placement:
        constraints: [node.hostname == worker-1]
volumes:
  db-data:
`;

function lab(): Lab {
	return createLab({
		flavor: 'swarm',
		seed: 2,
		workers: 2,
		readFile: (p) => (p === 'stack.yml' ? STACK : undefined)
	});
}

describe('docker volume', () => {
	it('a stack volume is made on the node that runs the task, labelled with the stack', () => {
		const l = lab();
		succeeds(l, 'docker stack deploy -c stack.yml shop');
		l.advance(60_000);
		expect(succeeds(l, 'docker volume ls').output).toBe('DRIVER    VOLUME NAME\n');
		expect(succeeds(l, 'docker -H worker-1 volume ls').output).toBe(
			'DRIVER    VOLUME NAME\nlocal     shop_db-data\n'
		);
		const [v] = JSON.parse(succeeds(l, 'docker -H worker-1 volume inspect shop_db-data').output);
		expect(v).toMatchObject({
			Driver: 'local',
			Labels: { 'com.docker.stack.namespace': 'shop' },
			Mountpoint: '/var/lib/docker/volumes/shop_db-data/_data',
			Name: 'shop_db-data',
			Options: null,
			Scope: 'local'
		});
		expect(v.CreatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(Object.keys(v)).toEqual([
			'CreatedAt',
			'Driver',
			'Labels',
			'Mountpoint',
			'Name',
			'Options',
			'Scope'
		]);
	});

	it('refuses to remove a volume a container uses; it stays after the stack is gone', () => {
		const l = lab();
		succeeds(l, 'docker stack deploy -c stack.yml shop');
		l.advance(60_000);
		expect(fails(l, 'docker -H worker-1 volume rm shop_db-data').error).toMatch(
			/^Error response from daemon: remove shop_db-data: volume is in use - \[[0-9a-f]{64}\]\n$/
		);
		succeeds(l, 'docker stack rm shop');
		l.advance(30_000);
		expect(succeeds(l, 'docker -H worker-1 volume ls -q').output).toBe('shop_db-data\n');
		expect(succeeds(l, 'docker -H worker-1 volume rm shop_db-data').output).toBe('shop_db-data\n');
		expect(succeeds(l, 'docker -H worker-1 volume ls -q').output).toBe('');
	});

	it('create names, lists by name in natural order, inspects with {} maps, refuses bad names', () => {
		const l = lab();
		expect(succeeds(l, 'docker volume create vol10').output).toBe('vol10\n');
		succeeds(l, 'docker volume create --label team=a vol9');
		const anonymous = succeeds(l, 'docker volume create').output.trim();
		expect(anonymous).toMatch(/^[0-9a-f]{64}$/);
		expect(succeeds(l, 'docker volume ls -q').output).toBe(`${anonymous}\nvol9\nvol10\n`);
		expect(succeeds(l, 'docker volume ls -q --filter label=team=a').output).toBe('vol9\n');
		const [v] = JSON.parse(succeeds(l, 'docker volume inspect vol10').output);
		expect(v.Labels).toEqual({});
		expect(v.Options).toEqual({});
		expect(fails(l, 'docker volume create a').error).toContain(
			'"a" includes invalid characters for a local volume name'
		);
		expect(fails(l, 'docker volume create -d nfs x').error).toBe(
			'Error response from daemon: create x: error looking up volume plugin nfs: plugin "nfs" not found\n'
		);
		const missing = fails(l, 'docker volume inspect nosuch');
		expect(missing.output).toBe('[]\n');
		expect(missing.error).toBe('Error response from daemon: get nosuch: no such volume\n');
		expect(fails(l, 'docker volume rm nosuch').error).toBe(
			'Error response from daemon: get nosuch: no such volume\n'
		);
		expect(succeeds(l, 'docker volume rm -f nosuch').output).toBe('');
	});

	it("--mount makes the volume where the task runs; bad mounts get docker's errors", () => {
		const l = lab();
		succeeds(
			l,
			'docker service create --name data --constraint node.hostname==worker-2 --mount type=volume,source=appdata,target=/data,volume-label=team=a nginx'
		);
		const [v] = JSON.parse(succeeds(l, 'docker -H worker-2 volume inspect appdata').output);
		expect(v.Labels).toEqual({ team: 'a' });
		expect(fails(l, 'docker service create --name bad --mount source=x nginx').error).toMatch(
			/^invalid argument "source=x" for "--mount" flag: target is required\n/
		);
		expect(
			fails(l, 'docker service create --name bad --mount type=foo,target=/x nginx').error
		).toBe('Error response from daemon: invalid MountType: "foo"\n');
		expect(
			fails(l, 'docker service create --name bad --mount type=bind,target=/x,volume-nocopy nginx')
				.error
		).toContain("cannot mix 'volume-*' options with mount type 'bind'");
		succeeds(l, 'docker service update --mount-add type=volume,source=logs,target=/logs data');
		succeeds(l, 'docker service update --mount-rm /data data');
		const mounts = JSON.parse(
			succeeds(
				l,
				"docker service inspect --format '{{json .Spec.TaskTemplate.ContainerSpec.Mounts}}' data"
			).output
		);
		expect(mounts).toEqual([{ Type: 'volume', Source: 'logs', Target: '/logs' }]);
		expect(succeeds(l, 'docker -H worker-2 volume ls -q').output).toBe('appdata\nlogs\n');
	});

	it('seeking back before a volume was made removes it; forward brings it back', () => {
		const l = lab();
		succeeds(l, 'docker volume create early');
		l.advance(10_000);
		succeeds(l, 'docker volume create late');
		l.seek(5_000);
		expect(succeeds(l, 'docker volume ls -q').output).toBe('early\n');
		l.seek(10_000);
		expect(succeeds(l, 'docker volume ls -q').output).toBe('early\nlate\n');
	});
});
