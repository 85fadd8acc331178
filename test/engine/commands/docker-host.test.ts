/** `docker -H HOST`: which machine's daemon a docker command talks to. */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

describe('docker -H', () => {
	it('talks to the named manager, marks it * in node ls, and accepts ssh:// and tcp:// forms', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3, workers: 1, seed: 2 });
		for (const host of ['manager-2', 'ssh://root@manager-2', 'tcp://manager-2:2375']) {
			const self = succeeds(lab, `docker -H ${host} node ls`)
				.output.split('\n')
				.find((l) => l.includes(' * '));
			expect(self).toMatch(/manager-2/);
		}
		expect(succeeds(lab, 'docker --host=manager-3 node ls').output).toMatch(/ \* +manager-3/);
	});

	it("refuses a worker's daemon, an unknown machine and a stopped one, in docker's words", () => {
		const lab = createLab({ flavor: 'swarm', managers: 3, workers: 1, seed: 2 });
		expect(fails(lab, 'docker -H worker-1 node ls').error).toMatch(
			/^Error response from daemon: This node is not a swarm manager\. Worker nodes can't be used/
		);
		expect(fails(lab, 'docker -H manager-9 node ls').error).toBe(
			'error during connect: Get "http://manager-9:2375/_ping": dial tcp: lookup manager-9: no such host\n'
		);
		succeeds(lab, 'sim node stop manager-2');
		expect(fails(lab, 'docker -H manager-2 service ls').error).toMatch(
			/^Cannot connect to the Docker daemon/
		);
	});
});
