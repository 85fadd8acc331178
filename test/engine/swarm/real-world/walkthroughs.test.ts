// The docs.docker.com Swarm walkthroughs run as a learner types them, where the lab differed
// from docker 28: "Manage sensitive data with Docker secrets" (engine/swarm/secrets.md:
// `docker ps --filter name=redis -q`, `docker container exec … cat /run/secrets/my_secret_data`,
// `docker secret inspect`), the rolling-update walkthrough's `docker service ps`.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../../src/engine/index';
import { fails, succeeds } from '../../lab-helpers';

function swarmLab(): Lab {
	return createLab({ flavor: 'swarm', workers: 2, seed: 3 });
}

/** The one container `docker ps --filter name=NAME -q` finds on manager-1. */
function containerOf(lab: Lab, name: string): string {
	const ids = succeeds(lab, `docker ps --filter name=${name} -q`).output.trim().split('\n');
	expect(ids).toHaveLength(1);
	return ids[0]!;
}

/** A service of one replica that runs on manager-1, where the console's daemon is. */
function onManager(lab: Lab, flags: string, name: string, image: string): void {
	succeeds(
		lab,
		`docker service create -d --name ${name} --constraint node.role==manager ${flags} ${image}`
	);
	lab.advance(15_000);
}

describe('the secrets walkthrough', () => {
	it('the secret is a file in /run/secrets of the task container, and goes with --secret-rm', () => {
		const lab = swarmLab();
		succeeds(lab, 'printf "This is a secret" | docker secret create my_secret_data -');
		onManager(lab, '--secret my_secret_data', 'redis', 'redis:alpine');
		const id = containerOf(lab, 'redis');
		// secrets.md: `docker container exec $(docker ps --filter name=redis -q) cat
		// /run/secrets/my_secret_data` prints "This is a secret" (the lab's console ends the
		// output with a newline the file does not hold).
		expect(
			succeeds(lab, `docker container exec ${id} cat /run/secrets/my_secret_data`).output.trimEnd()
		).toBe('This is a secret');
		// redis:alpine's cat is busybox's: "can't open '…'" (the digest the CLI pinned the image
		// to does not hide the alpine tag).
		const missing = lab.exec(`docker container exec ${id} cat /run/secrets/other`);
		expect(missing.ok).toBe(false);
		expect(missing.output + (missing.error ?? '')).toBe(
			"cat: can't open '/run/secrets/other': No such file or directory\n"
		);
		succeeds(lab, 'docker service update -d --secret-rm my_secret_data redis');
		lab.advance(20_000);
		const again = containerOf(lab, 'redis');
		expect(again).not.toBe(id);
		expect(lab.exec(`docker container exec ${again} cat /run/secrets/my_secret_data`).ok).toBe(
			false
		);
	});

	it('an absolute secret target and configs are files where they are mounted', () => {
		const lab = swarmLab();
		succeeds(lab, 'printf pw | docker secret create db_pw -');
		succeeds(lab, 'echo "<h1>hi</h1>" | docker config create homepage -');
		onManager(
			lab,
			'--secret source=db_pw,target=/etc/app/pw --config homepage --config source=homepage,target=/srv/index.html',
			'web',
			'nginx'
		);
		const id = containerOf(lab, 'web');
		// moby getSecretTargetPath / getConfigTargetPath: an absolute target as is, a relative
		// config target under /.
		for (const [path, text] of [
			['/etc/app/pw', 'pw'],
			['/homepage', '<h1>hi</h1>'],
			['/srv/index.html', '<h1>hi</h1>']
		]) {
			expect(succeeds(lab, `docker exec ${id} cat ${path}`).output.trimEnd()).toBe(text);
		}
	});
});

describe('docker ps --filter (moby daemon/list.go)', () => {
	it('name is a regular expression, status an exact state; bad filters are refused', () => {
		const lab = swarmLab();
		onManager(lab, '', 'redis', 'redis:7');
		onManager(lab, '', 'web', 'nginx');
		const names = (filter: string) =>
			succeeds(lab, `docker ps ${filter} --format '{{.Names}}'`)
				.output.trim()
				.split('\n')
				.map((n) => n.split('.')[0]);
		expect(names('--filter name=^/web')).toEqual(['web']);
		expect(names('-f name=redis -f status=running')).toEqual(['redis']);
		expect(succeeds(lab, 'docker ps -f status=exited -q').output).toBe('');
		expect(fails(lab, 'docker ps -f status=up').error).toBe(
			"Error response from daemon: invalid filter 'status=up'\n"
		);
		expect(fails(lab, 'docker ps -f colour=red').error).toBe(
			"Error response from daemon: invalid filter 'colour'\n"
		);
		expect(fails(lab, 'docker ps -f name').error).toContain(
			'invalid argument "name" for "-f, --filter" flag: bad format of filter (expected name=value)'
		);
	});
});

describe('secret and config inspect --pretty (docker/cli secret/formatter.go, config/formatter.go)', () => {
	it('prints the pretty templates, times as Go prints a time.Time', () => {
		const lab = swarmLab();
		const secret = succeeds(lab, 'printf s | docker secret create my_secret_data -').output.trim();
		lab.advance(1500);
		const config = succeeds(
			lab,
			'echo "This is a config" | docker config create --label env=prod --label flag= my-config -'
		).output.trim();
		expect(succeeds(lab, 'docker secret inspect --pretty my_secret_data').output).toBe(
			`ID:              ${secret}\nName:              my_secret_data\nDriver:            \n` +
				'Created at:        2026-01-05 09:00:00 +0000 UTC\n' +
				'Updated at:        2026-01-05 09:00:00 +0000 UTC\n'
		);
		expect(succeeds(lab, 'docker config inspect --format pretty my-config').output).toBe(
			`ID:\t\t\t${config}\nName:\t\t\tmy-config\nLabels:\n - env=prod\n - flag\n` +
				'Created at:            \t2026-01-05 09:00:01.5 +0000 UTC\n' +
				'Updated at:            \t2026-01-05 09:00:01.5 +0000 UTC\nData:\nThis is a config\n\n'
		);
		expect(fails(lab, 'docker secret inspect --format prettyjson my_secret_data').error).toBe(
			'cannot supply extra formatting options to the pretty template\n'
		);
		expect(fails(lab, 'docker secret inspect --pretty nope').error).toBe(
			'Error response from daemon: secret nope not found\n'
		);
	});
});

describe('docker service ps (docker/cli service/ps.go, task/print.go)', () => {
	it('prints the tasks of the services it found, then fails naming the others', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --name redis redis:7');
		lab.advance(10_000);
		const r = fails(lab, 'docker service ps redis worker-1 nope');
		expect(r.output).toMatch(/^ID +NAME +IMAGE .*\n\S+ +redis\.1 +redis:7 /);
		expect(r.error).toBe('no such service: worker-1\nno such service: nope\n');
		expect(fails(lab, 'docker service ps nope').output).toBe('');
	});

	it('after a failed update rolls back, the slot shows its running task first', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --name web --replicas 1 nginx:1.27');
		lab.advance(10_000);
		succeeds(
			lab,
			'docker service update --update-failure-action rollback --image nginx:doesnotexist web'
		);
		const rows = succeeds(
			lab,
			"docker service ps --format '{{.Name}} {{.Image}} {{.DesiredState}}' web"
		)
			.output.trim()
			.split('\n');
		// The rejected task's restart and the rollback's task are made at once; the rollback's,
		// made from the newer spec, is the newest and runs.
		expect(rows[0]).toBe('web.1 nginx:1.27 Running');
	});
});

describe('list order (sortorder.NaturalLess, as docker/cli service/list.go, secret/ls.go sort)', () => {
	it('byte order, digit runs as numbers: `-` before `_`, upper case before lower', () => {
		const lab = swarmLab();
		for (const name of ['my_web', 'my-job', 'web10', 'web9', 'Zeta']) {
			succeeds(lab, `docker service create -d --name ${name} nginx`);
			succeeds(lab, `printf x | docker secret create ${name} -`);
		}
		const order = ['Zeta', 'my-job', 'my_web', 'web9', 'web10'];
		expect(succeeds(lab, "docker service ls --format '{{.Name}}'").output).toBe(
			order.join('\n') + '\n'
		);
		expect(succeeds(lab, "docker secret ls --format '{{.Name}}'").output).toBe(
			order.join('\n') + '\n'
		);
	});
});

describe('`self` names the local node only where the CLI resolves it (docker/cli node/cmd.go Reference)', () => {
	it('node inspect, node ps and ps --filter node=self take it; update, promote, rm do not', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --name web --replicas 3 nginx');
		lab.advance(10_000);
		expect(
			succeeds(lab, "docker node inspect self --format '{{.Description.Hostname}}'").output
		).toBe('manager-1\n');
		const onSelf = succeeds(lab, "docker service ps -f node=self --format '{{.Node}}' web").output;
		expect(onSelf.trim().split('\n')).toEqual(['manager-1']);
		// moby/moby#49742 (docker 28.0.4): "Error response from daemon: node self not found".
		for (const line of [
			'docker node update --availability drain self',
			'docker node promote self',
			'docker node rm self'
		]) {
			expect(fails(lab, line).error).toBe('Error response from daemon: node self not found\n');
		}
		// daemon/cluster/tasks.go resolves a node filter with getNode, or fails.
		expect(fails(lab, 'docker service ps -f node=nope web').error).toBe(
			'Error response from daemon: node nope not found\n'
		);
	});
});

describe('service update --publish-add / --publish-rm (docker/cli service/update.go updatePorts)', () => {
	const PORTS = "--format '{{json .Endpoint.Spec.Ports}}'";
	const published = (lab: Lab) =>
		(
			JSON.parse(succeeds(lab, `docker service inspect ${PORTS} my-web`).output) as
				| {
						PublishedPort?: number;
						TargetPort: number;
						Protocol: string;
				  }[]
				| null
		)?.map((p) => `${p.PublishedPort ?? 0}:${p.TargetPort}/${p.Protocol}`) ?? [];

	it('--publish-rm takes a port as --publish does and removes it by target port', () => {
		const lab = swarmLab();
		succeeds(
			lab,
			'docker service create -d --name my-web --publish published=8080,target=80 --replicas 2 nginx'
		);
		// The routing-mesh page's --publish-add; the ports come back sorted by
		// `<published>:<target>/<protocol>/<mode>`.
		succeeds(lab, 'docker service update -d --publish-add published=8081,target=80 my-web');
		succeeds(lab, 'docker service update -d --publish-add 443:443 my-web');
		expect(published(lab)).toEqual(['443:443/tcp', '8080:80/tcp', '8081:80/tcp']);
		// A published port is no target port: nothing goes.
		succeeds(lab, 'docker service update -d --publish-rm 8081 my-web');
		expect(published(lab)).toHaveLength(3);
		// The long syntax names target 80, so both ports to 80 go.
		succeeds(lab, 'docker service update -d --publish-rm published=8080,target=80 my-web');
		expect(published(lab)).toEqual(['443:443/tcp']);
		expect(fails(lab, 'docker service update -d --publish-rm foo my-web').error).toContain(
			'invalid argument "foo" for "--publish-rm" flag: '
		);
	});

	it('two ports may not publish one port and protocol (controlapi validateEndpointSpec)', () => {
		const lab = swarmLab();
		const duplicate =
			'Error response from daemon: rpc error: code = InvalidArgument desc = EndpointSpec: duplicate published ports provided\n';
		expect(
			fails(lab, 'docker service create -d --name a --publish 8080:80 --publish 8080:81 nginx')
				.error
		).toBe(duplicate);
		succeeds(
			lab,
			'docker service create -d --name my-web --publish 8080:80 --publish 8080:80/udp nginx'
		);
		expect(fails(lab, 'docker service update -d --publish-add 8080:81 my-web').error).toBe(
			duplicate
		);
	});
});

describe('node inspect reads ManagerStatus as node ls shows it (swarmkit controlapi GetNode)', () => {
	it('a stopped manager is unreachable, and the leader flag follows the election', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3, workers: 1, seed: 3 });
		const status = (host: string, node: string) =>
			succeeds(
				lab,
				`docker -H ${host} node inspect ${node} --format '{{.ManagerStatus.Reachability}} {{.ManagerStatus.Leader}}'`
			).output.trim();
		succeeds(lab, 'sim node stop manager-1');
		lab.advance(40_000);
		const ls = succeeds(
			lab,
			"docker -H manager-2 node ls --format '{{.Hostname}} {{.ManagerStatus}}'"
		)
			.output.trim()
			.split('\n');
		expect(ls).toContain('manager-1 Unreachable');
		expect(status('manager-2', 'manager-1')).toBe('unreachable false');
		const leader = ls.find((l) => l.endsWith(' Leader'))!.split(' ')[0]!;
		expect(status('manager-2', leader)).toBe('reachable true');
		expect(succeeds(lab, 'docker -H manager-2 node inspect --pretty manager-1').output).toContain(
			'Manager Status:\n Address:\t\t172.18.0.2:2377\n Raft Status:\t\tUnreachable\n Leader:\t\tNo\n'
		);
	});
});

describe('service update --constraint-add / --constraint-rm (update.go updatePlacementConstraints)', () => {
	it('appends, removes (an added one too), and sorts the constraints', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --name c --constraint node.role==worker nginx');
		succeeds(
			lab,
			"docker service update -d --constraint-add 'node.platform.os==linux' --constraint-add 'node.hostname!=x' --constraint-add node.labels.a==b --constraint-rm node.labels.a==b c"
		);
		expect(
			succeeds(
				lab,
				"docker service inspect --format '{{json .Spec.TaskTemplate.Placement.Constraints}}' c"
			).output
		).toBe('["node.hostname!=x","node.platform.os==linux","node.role==worker"]\n');
	});
});

describe('docker info after swarm init --advertise-addr (moby daemon/cluster Info)', () => {
	it('Node Address is the advertised address, as the join command prints it', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker -H worker-1 swarm leave');
		succeeds(lab, 'docker -H worker-2 swarm leave');
		succeeds(lab, 'docker swarm leave --force');
		expect(succeeds(lab, 'docker swarm init --advertise-addr 192.168.99.100').output).toContain(
			' 192.168.99.100:2377\n'
		);
		expect(
			succeeds(lab, "docker info --format '{{.Swarm.NodeAddr}} {{json .Swarm.RemoteManagers}}'")
				.output
		).toMatch(/^192\.168\.99\.100 \[\{"NodeID":"\w+","Addr":"192\.168\.99\.100:2377"\}\]\n$/);
	});
});
