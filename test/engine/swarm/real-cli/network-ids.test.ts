// Network IDs as docker shows them: a swarm-scoped network (overlay, made by the manager) has a
// swarmkit ID (manager/identity NewID: a 128-bit random number in base 36, padded to 25
// characters); a local network (bridge, host, none, docker_gwbridge) has the daemon's 64 hex
// digits (libnetwork stringid.GenerateRandomID). `docker network ls` shows 12 characters of
// either (stringid.TruncateID). Input: the overlay tutorial
// (https://docs.docker.com/engine/network/tutorials/overlay/) and a stack's default network.
import { describe, expect, it } from 'vitest';
import { succeeds } from '../../lab-helpers';
import { swarmLab } from './helpers';

describe('network IDs', () => {
	it('swarm networks have 25 base-36 characters, local ones 64 hex digits', () => {
		const lab = swarmLab({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' });
		succeeds(lab, 'docker network create -d overlay my-overlay');
		succeeds(lab, 'docker stack deploy -d -c compose.yaml s');
		const ids = new Map(
			succeeds(lab, "docker network ls --no-trunc --format '{{.Name}} {{.ID}} {{.Scope}}'")
				.output.trim()
				.split('\n')
				.map((l) => l.split(' ') as [string, string, string])
				.map(([name, id, scope]) => [name, { id, scope }])
		);
		for (const name of ['ingress', 'my-overlay', 's_default']) {
			expect(ids.get(name)?.scope).toBe('swarm');
			expect(ids.get(name)?.id, name).toMatch(/^[0-9a-z]{25}$/);
		}
		for (const name of ['bridge', 'host', 'none', 'docker_gwbridge']) {
			expect(ids.get(name)?.scope).toBe('local');
			expect(ids.get(name)?.id, name).toMatch(/^[0-9a-f]{64}$/);
		}
		const table = succeeds(lab, 'docker network ls').output.trim().split('\n').slice(1);
		for (const row of table) {
			const [short, name] = row.split(/\s+/) as [string, string];
			expect(short).toBe(ids.get(name)!.id.slice(0, 12));
		}
	});
});
