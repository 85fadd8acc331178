// `docker network ls|inspect|rm` (docker/cli cli/command/network; swarmkit controlapi
// network.go): each daemon's own networks, the swarm's overlays, docker's errors.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

function lab(): Lab {
	return createLab({ flavor: 'swarm', seed: 2, workers: 2 });
}

const names = (out: string) =>
	out
		.trimEnd()
		.split('\n')
		.slice(1)
		.map((l) => l.split(/\s+/)[1]);

describe('docker network ls', () => {
	it('lists the node-local networks and ingress, by name, in docker table layout', () => {
		const out = succeeds(lab(), 'docker network ls').output;
		const lines = out.trimEnd().split('\n');
		expect(lines[0]).toBe('NETWORK ID     NAME              DRIVER    SCOPE');
		expect(names(out)).toEqual(['bridge', 'docker_gwbridge', 'host', 'ingress', 'none']);
		expect(lines[4]).toMatch(/^[0-9a-z]{12} {3}ingress {11}overlay {3}swarm$/);
		expect(lines[5]).toMatch(/^[0-9a-f]{12} {3}none {14}null {6}local$/);
	});

	it('a manager sees every overlay; a worker only those its tasks are attached to', () => {
		const l = lab();
		succeeds(l, 'docker network create -d overlay backend');
		expect(names(succeeds(l, 'docker network ls').output)).toContain('backend');
		expect(names(succeeds(l, 'docker -H worker-1 network ls').output)).not.toContain('backend');
		succeeds(l, 'docker service create --name api --mode global --network backend nginx:alpine');
		l.advance(30_000);
		expect(names(succeeds(l, 'docker -H worker-1 network ls').output)).toContain('backend');
	});

	it('filters by driver, scope, name and type; -q prints only IDs', () => {
		const l = lab();
		succeeds(l, 'docker network create -d overlay backend');
		const overlays = succeeds(l, 'docker network ls -q --filter driver=overlay').output;
		expect(overlays).toMatch(/^([0-9a-z]{12}\n){2}$/);
		expect(names(succeeds(l, 'docker network ls -f scope=local').output)).toEqual([
			'bridge',
			'docker_gwbridge',
			'host',
			'none'
		]);
		expect(names(succeeds(l, 'docker network ls -f type=custom').output)).toEqual(['backend']);
		// moby matches a name filter anywhere in the name, not as a prefix.
		expect(names(succeeds(l, 'docker network ls -f name=br').output)).toEqual([
			'bridge',
			'docker_gwbridge'
		]);
		expect(
			succeeds(l, "docker network ls --format '{{.Name}}:{{.Driver}}' -f name=ing").output
		).toBe('ingress:overlay\n');
	});

	it('refuses a malformed or unknown filter as docker does, changing nothing', () => {
		const l = lab();
		expect(fails(l, 'docker network ls -f driver').error).toBe(
			`invalid argument "driver" for "-f, --filter" flag: bad format of filter (expected name=value)\n\nUsage:  docker network ls [OPTIONS]\n\nRun 'docker network ls --help' for more information\n`
		);
		expect(fails(l, 'docker network ls -f colour=red').error).toBe(
			"Error response from daemon: invalid filter 'colour'\n"
		);
	});
});

describe('docker network inspect', () => {
	it('prints the Engine API NetworkResource of an overlay, with its subnet', () => {
		const l = lab();
		const id = succeeds(
			l,
			'docker network create -d overlay --label tier=back backend'
		).output.trim();
		const [net] = JSON.parse(succeeds(l, 'docker network inspect backend').output) as Record<
			string,
			unknown
		>[];
		expect(net).toMatchObject({
			Name: 'backend',
			Id: id,
			Scope: 'swarm',
			Driver: 'overlay',
			Ingress: false,
			Labels: { tier: 'back' }
		});
		expect(Object.keys(net!).slice(0, 5)).toEqual(['Name', 'Id', 'Created', 'Scope', 'Driver']);
		expect(
			succeeds(l, "docker network inspect -f '{{.Name}} {{.Scope}} {{.Ingress}}' ingress").output
		).toBe('ingress swarm true\n');
	});

	it('prints what it found and the error for a missing one', () => {
		const r = lab().exec('docker network inspect -f "{{.Name}}" host nosuch');
		expect(r.ok).toBe(false);
		expect(r.output).toBe('host\n');
		expect(r.error).toBe('Error response from daemon: network nosuch not found\n');
	});
});

describe('docker network rm', () => {
	it('refuses a network a service uses, naming both IDs; removes it once the service is gone', () => {
		const l = lab();
		const netId = succeeds(l, 'docker network create -d overlay backend').output.trim();
		const svcId = succeeds(
			l,
			'docker service create -d --name api --network backend nginx:alpine'
		).output.trim();
		expect(fails(l, 'docker network rm backend').error).toBe(
			`Error response from daemon: rpc error: code = FailedPrecondition desc = network ${netId} is in use by service ${svcId}\n`
		);
		succeeds(l, 'docker service rm api');
		const r = succeeds(l, 'docker network rm backend');
		expect(r.output).toBe('backend\n');
		expect(names(succeeds(l, 'docker network ls').output)).not.toContain('backend');
	});

	it("refuses the pre-defined networks and unknown names with the daemon's errors", () => {
		const l = lab();
		expect(fails(l, 'docker network rm bridge nosuch').error).toBe(
			'Error response from daemon: bridge is a pre-defined network and cannot be removed\n' +
				'Error response from daemon: network nosuch not found\n'
		);
		// --force ignores a network that does not exist.
		expect(succeeds(l, 'docker network rm -f nosuch').output).toBe('');
	});

	it('removes what it can and reports the rest, marking the line as a change', () => {
		const l = lab();
		succeeds(l, 'docker network create -d overlay one');
		const r = l.exec('docker network rm one nosuch');
		expect(r.ok).toBe(false);
		expect(r.output).toBe('one\n');
		expect(names(succeeds(l, 'docker network ls').output)).not.toContain('one');
	});
});
