/**
 * `docker exec` in a swarm lab: a task container on the console's machine, found as `docker ps`
 * names it; the daemon's errors; and calls to services by name from inside it, through the
 * embedded DNS and the node's IPVS round robin.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

/** Three hostname servers and a busybox client on manager-1, on one overlay network. */
function swarmLab(): { lab: Lab; client: string } {
	const lab = createLab({ flavor: 'swarm', seed: 3, workers: 2 });
	succeeds(lab, 'docker network create -d overlay appnet');
	succeeds(
		lab,
		'docker service create --name echo --replicas 3 --network appnet registry.k8s.io/e2e-test-images/agnhost:2.39 serve-hostname'
	);
	succeeds(
		lab,
		'docker service create --name client --network appnet --constraint node.hostname==manager-1 busybox:1.36 sleep 3600'
	);
	lab.advance(30_000);
	const names = succeeds(lab, "docker ps --format '{{.Names}}'").output.split('\n');
	return { lab, client: names.find((n) => n.startsWith('client.'))! };
}

describe('docker exec (swarm)', () => {
	it('runs in the task container: hostname is the container ID, env the daemon gives', () => {
		const { lab } = swarmLab();
		const row = succeeds(lab, "docker ps --format '{{.ID}} {{.Names}}'")
			.output.split('\n')
			.find((l) => l.includes(' client.'))!;
		const [id, name] = row.split(' ') as [string, string];
		expect(succeeds(lab, `docker exec ${name} hostname`).output).toBe(`${id}\n`);
		expect(succeeds(lab, `docker exec ${id.slice(0, 4)} env`).output).toBe(
			`PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=${id}\nHOME=/root\n`
		);
	});

	it('calls a service by name: its VIP, balanced round robin by the node’s IPVS', () => {
		const { lab, client } = swarmLab();
		const out = succeeds(
			lab,
			`docker exec ${client} sh -c 'for i in $(seq 1 9); do wget -qO- echo; echo; done'`
		)
			.output.trim()
			.split('\n');
		expect(out).toHaveLength(9);
		expect(new Set(out.slice(0, 3)).size).toBe(3);
		for (let i = 3; i < out.length; i++) expect(out[i]).toBe(out[i - 3]);
		expect(fails(lab, `docker exec ${client} wget -qO- nowhere`).error).toBe(
			"wget: bad address 'nowhere'\n"
		);
	});

	it('the daemon’s and the CLI’s errors', () => {
		const { lab, client } = swarmLab();
		expect(fails(lab, 'docker exec nope ls').error).toBe(
			'Error response from daemon: No such container: nope\n'
		);
		expect(fails(lab, `docker exec ${client}`).error).toBe(
			'"docker exec" requires at least 2 arguments.\nSee \'docker exec --help\'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n'
		);
		expect(fails(lab, `docker exec ${client} bash`).error).toBe(
			'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\n'
		);
		expect(fails(lab, `docker exec -it ${client} sh`).error).toBe(
			'the input device is not a TTY\n'
		);
		// docker adds nothing to a failing command's own output.
		const r = lab.exec(`docker exec ${client} sh -c 'echo bye; exit 2'`);
		expect(r.ok).toBe(false);
		expect(r.output).toBe('bye\n');
		expect(r.error ?? '').toBe('');
	});
});
