// JSON as Go's encoding/json writes it for docker: a map's keys sorted (encode.go sorts map
// keys), a struct's fields in order, a nil slice as null; moby api/types/swarm UpdateConfig's
// MaxFailureRatio has no omitempty.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

function lab() {
	return createLab({ flavor: 'swarm', managers: 1, workers: 1 });
}

describe('docker JSON output', () => {
	it('{{json .Spec.Labels}} of a node prints its labels sorted by key', () => {
		const l = lab();
		succeeds(l, 'docker node update --label-add zz=1 --label-add aa=2 --label-add mm=3 worker-1');
		expect(
			succeeds(l, "docker node inspect worker-1 --format '{{json .Spec.Labels}}'").output
		).toBe('{"aa":"2","mm":"3","zz":"1"}\n');
		// The indented inspect output sorts the map too.
		const text = succeeds(l, 'docker node inspect worker-1').output;
		expect(text.indexOf('"aa": "2"')).toBeLessThan(text.indexOf('"zz": "1"'));
	});

	it('a stack service’s rollback config keeps "MaxFailureRatio":0', () => {
		const l = createLab({
			flavor: 'swarm',
			managers: 1,
			workers: 0,
			readFile: (p) =>
				p === 'stack.yml'
					? 'services:\n  web:\n    image: nginx\n    deploy:\n      rollback_config:\n        parallelism: 0\n'
					: undefined
		});
		succeeds(l, 'docker stack deploy -c stack.yml app');
		expect(
			succeeds(l, "docker service inspect app_web --format '{{json .Spec.RollbackConfig}}'").output
		).toMatch(/"MaxFailureRatio":0/);
	});

	it('a dnsrr service has no virtual IPs: .Endpoint.VirtualIPs is null through json', () => {
		const l = lab();
		succeeds(l, 'docker service create -d --name d --endpoint-mode dnsrr nginx');
		expect(
			succeeds(l, "docker service inspect d --format '{{json .Endpoint.VirtualIPs}}'").output
		).toBe('null\n');
		// %v of the nil slice and its length stay those of an empty slice.
		expect(
			succeeds(
				l,
				"docker service inspect d --format '{{.Endpoint.VirtualIPs}} {{len .Endpoint.VirtualIPs}}'"
			).output
		).toBe('[] 0\n');
	});
});
