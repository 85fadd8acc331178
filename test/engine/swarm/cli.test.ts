// The docker CLI 28 formats for services, tasks and node commands (cli-formats.md §1.1, §1.4,
// §1.5, §6.2–§6.6, §6.8, §6.9): exact bytes, docker's errors, and failed lines change nothing.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

function lab3(): Lab {
	return createLab({ flavor: 'swarm', seed: 1, workers: 2 });
}

describe('docker service ls', () => {
	it('prints only the header on an empty swarm (docker prints headers with zero rows)', () => {
		expect(succeeds(lab3(), 'docker service ls').output).toBe(
			'ID        NAME      MODE      REPLICAS   IMAGE     PORTS\n'
		);
	});

	it('REPLICAS counts running tasks; PORTS shows ingress ports; rows without ports end padded', () => {
		const lab = lab3();
		const id = succeeds(
			lab,
			'docker service create -d --name web --replicas 3 -p 8080:80 nginx:alpine'
		).output;
		expect(id).toMatch(/^[0-9a-z]{25}\n$/);
		succeeds(lab, 'docker service create -d --name redis redis:7.4.1');
		expect(succeeds(lab, 'docker service ls').output.split('\n')[2]).toMatch(/ 0\/3 /);
		lab.advance(20_000);
		const lines = succeeds(lab, 'docker service ls').output.split('\n');
		const redis = succeeds(lab, 'docker service ls -q --filter name=redis').output.slice(0, 12);
		expect(lines[0]).toBe('ID             NAME      MODE         REPLICAS   IMAGE          PORTS');
		expect(lines[1]).toBe(`${redis}   redis     replicated   1/1        redis:7.4.1    `);
		expect(lines[2]).toBe(
			`${id.slice(0, 12)}   web       replicated   3/3        nginx:alpine   *:8080->80/tcp`
		);
		const json = succeeds(lab, "docker service ls --format '{{json .}}'").output.split('\n')[1]!;
		expect(Object.keys(JSON.parse(json) as object)).toEqual([
			'ID',
			'Image',
			'Mode',
			'Name',
			'Ports',
			'Replicas'
		]);
		expect(json).toContain('"Ports":"*:8080->80/tcp"');
	});

	it('an unpublished port gets the first free port from 30000', () => {
		const lab = lab3();
		succeeds(lab, 'docker service create --name a -p 80 nginx');
		succeeds(lab, 'docker service create --name b -p 80 nginx');
		const ports = succeeds(lab, "docker service ls --format '{{.Name}} {{.Ports}}'").output;
		expect(ports).toBe('a *:30000->80/tcp\nb *:30001->80/tcp\n');
		expect(fails(lab, 'docker service create --name c -p 30000:80 nginx').error).toMatch(
			/^Error response from daemon: rpc error: code = InvalidArgument desc = port '30000' is already in use by service 'a'/
		);
	});
});

describe('docker service ps', () => {
	it('prints the task table with ` \\_ ` history rows, quoted errors and padded empty cells', () => {
		const lab = lab3();
		succeeds(
			lab,
			'docker service create --name web --replicas 1 --constraint node.hostname==worker-1 nginx:1.27'
		);
		lab.advance(10_000);
		succeeds(lab, 'docker service update -d --image nginx:2.0 web');
		lab.advance(4_000);
		const out = succeeds(lab, 'docker service ps web').output.split('\n');
		// Columns line up under the header (one tabwriter pass; minwidth 10, padding 3).
		const header = out[0]!;
		const col = (name: string) => header.indexOf(name);
		expect(header).toMatch(
			/^ID {13}NAME {8}IMAGE {8}NODE {7}DESIRED STATE {3}CURRENT STATE {3,}ERROR {3,}PORTS$/
		);
		const rows = out.slice(1, -1);
		expect(rows).toHaveLength(3);
		expect(rows[0]!.slice(col('NAME'))).toMatch(
			/^web\.1 {7}nginx:2\.0 {4}worker-1 {3}Ready {11}Rejected /
		);
		expect(rows[1]!.slice(col('NAME'))).toMatch(/^ \\_ web\.1 {3}nginx:2\.0 /);
		expect(rows[2]!.slice(col('NAME'))).toMatch(
			/^ \\_ web\.1 {3}nginx:1\.27 {3}worker-1 {3}Shutdown {8}Shutdown 3 seconds ago/
		);
		expect(rows[0]!.slice(col('ERROR'))).toBe('"No such image: nginx:2.0"   ');
		// Empty ERROR and PORTS cells: the row ends in the padded ERROR cell (§1.1 rule 4).
		expect(rows[2]!.slice(col('ERROR'))).toBe(' '.repeat(col('PORTS') - col('ERROR')));
		// JSON lines: sorted keys, plain names.
		const json = JSON.parse(
			succeeds(lab, "docker service ps --format '{{json .}}' web").output.split('\n')[1]!
		) as Record<string, string>;
		expect(Object.keys(json)).toEqual([
			'CurrentState',
			'DesiredState',
			'Error',
			'ID',
			'Image',
			'Name',
			'Node',
			'Ports'
		]);
		expect(json.Name).toBe('web.1');
	});

	it('a long error is cut to 29 characters and …', () => {
		const lab = lab3();
		succeeds(lab, 'docker service create --name x --constraint node.labels.a==b nginx');
		lab.advance(1_000);
		expect(succeeds(lab, "docker service ps --format '{{.Error}}' x").output).toBe(
			'"no suitable node (scheduling …"\n'
		);
	});

	it('answers with docker’s errors', () => {
		const lab = lab3();
		expect(fails(lab, 'docker service ps nosuch').error).toBe('no such service: nosuch\n');
		expect(fails(lab, 'docker service ps').error).toBe(
			"docker: 'docker service ps' requires at least 1 argument\n\nUsage:  docker service ps [OPTIONS] SERVICE [SERVICE...]\n\nSee 'docker service ps --help' for more information\n"
		);
		const inspect = fails(lab, 'docker service inspect nosuch');
		expect(inspect.output).toBe('[]\n');
		expect(inspect.error).toBe('Error: no such service: nosuch\n');
		expect(fails(lab, 'docker service logs nosuch').error).toBe(
			'no such task or service: nosuch\n'
		);
		expect(fails(lab, 'docker service rm nosuch').error).toBe(
			'Error response from daemon: service nosuch not found\n'
		);
		expect(fails(lab, 'docker service scale nosuch=3').error).toBe(
			'nosuch: Error response from daemon: service nosuch not found\n'
		);
		expect(fails(lab, 'docker service scale web').error).toBe(
			"invalid scale specifier 'web'.\nSee 'docker service scale --help'.\n\nUsage:  docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\nScale one or multiple replicated services\n"
		);
		expect(fails(lab, 'docker service frob').error).toBe(
			"docker: unknown command: docker service frob\n\nUsage:  docker service COMMAND\n\nRun 'docker service --help' for more information\n"
		);
		expect(fails(lab, 'docker service ls --bogus').error).toBe(
			"unknown flag: --bogus\n\nUsage:  docker service ls [OPTIONS]\n\nRun 'docker service ls --help' for more information\n"
		);
		succeeds(lab, 'docker service create --name web nginx');
		expect(fails(lab, 'docker service create --name web nginx').error).toBe(
			'Error response from daemon: rpc error: code = AlreadyExists desc = name conflicts with an existing object: service web already exists\n'
		);
	});

	it('warns on stderr when the image cannot be resolved, and still creates the service', () => {
		const lab = lab3();
		const r = succeeds(lab, 'docker service create --name t nginx:0.0.0-nope');
		expect(r.error).toBe(
			'image nginx:0.0.0-nope could not be accessed on a registry to record\nits digest. Each node will access nginx:0.0.0-nope independently,\npossibly leading to different nodes running different\nversions of the image.\n\n'
		);
	});

	it('flags after the image are the command (interspersed flags stop at IMAGE)', () => {
		const lab = lab3();
		succeeds(lab, 'docker service create --name s busybox sleep -h');
		const spec = JSON.parse(succeeds(lab, 'docker service inspect s').output)[0].Spec.TaskTemplate
			.ContainerSpec;
		expect(spec.Args).toEqual(['sleep', '-h']);
		expect(spec.Image).toMatch(/^busybox:latest@sha256:[0-9a-f]{64}$/);
	});
});

describe('docker node commands', () => {
	it('update prints the argument; labels and availability land in the spec', () => {
		const lab = lab3();
		expect(
			succeeds(lab, 'docker node update --label-add zone=east --availability pause worker-1').output
		).toBe('worker-1\n');
		const node = JSON.parse(succeeds(lab, 'docker node inspect worker-1').output)[0];
		expect(node.Spec).toEqual({ Labels: { zone: 'east' }, Role: 'worker', Availability: 'pause' });
		expect(succeeds(lab, 'docker node ls').output).toMatch(/worker-1 {4}Ready {5}Pause /);
		expect(fails(lab, 'docker node update --label-rm nope worker-1').error).toBe(
			"key nope doesn't exist in node's labels\n"
		);
		expect(fails(lab, 'docker node update --availability x worker-1').error).toBe(
			'Error response from daemon: invalid Availability: "x"\n'
		);
		expect(fails(lab, 'docker node update --availability drain nosuch').error).toBe(
			'Error response from daemon: node nosuch not found\n'
		);
	});

	it('promote / demote / rm answer like docker', () => {
		const lab = lab3();
		expect(succeeds(lab, 'docker node promote worker-1').output).toBe(
			'Node worker-1 promoted to a manager in the swarm.\n'
		);
		expect(succeeds(lab, 'docker node ls').output).toMatch(
			/worker-1 {4}Ready {5}Active {9}Reachable /
		);
		const id = JSON.parse(succeeds(lab, 'docker node inspect worker-1').output)[0].ID as string;
		expect(succeeds(lab, 'docker node promote worker-1').output).toBe(
			`Node ${id} is already a manager.\n`
		);
		// The API only records the desired role; the role manager makes the Raft changes in turn
		// (qa-fixes.test.ts), so a demote right after the promote is accepted.
		expect(succeeds(lab, 'docker node demote worker-1').output).toBe(
			'Manager worker-1 demoted in the swarm.\n'
		);
		lab.advance(2_000);
		expect(fails(lab, 'docker node demote manager-1').error).toBe(
			'Error response from daemon: rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm\n'
		);
		const w2 = JSON.parse(succeeds(lab, 'docker node inspect worker-2').output)[0].ID as string;
		expect(fails(lab, 'docker node rm worker-2').error).toBe(
			`Error response from daemon: rpc error: code = FailedPrecondition desc = node ${w2} is not down and can't be removed\n`
		);
		succeeds(lab, 'sim node stop worker-2');
		lab.advance(20_000);
		expect(succeeds(lab, 'docker node rm worker-2').output).toBe('worker-2\n');
		expect(succeeds(lab, 'docker node ls').output).not.toContain('worker-2');
	});

	it('node ps lists the tasks of a node (self by default)', () => {
		const lab = lab3();
		succeeds(lab, 'docker service create --name g --mode global nginx');
		lab.advance(10_000);
		const self = succeeds(
			lab,
			"docker node ps --format '{{.Name}} {{.Node}} {{.CurrentState}}'"
		).output;
		expect(self).toMatch(/^g\.[0-9a-z]{25} manager-1 Running \d+ seconds ago\n$/);
		expect(fails(lab, 'docker node ps nosuch').error).toBe(
			'Error response from daemon: node nosuch not found\n'
		);
	});
});
