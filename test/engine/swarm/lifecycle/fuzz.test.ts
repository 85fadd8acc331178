// Random `docker [-H host] swarm …` lines never throw; a failed line changes nothing (design.md
// §3), and whatever the lines did, every machine can still end up in one working swarm.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../../src/engine/index';
import { state, succeeds } from '../../lab-helpers';

const HOSTS = ['', '-H manager-1', '-H manager-2', '-H worker-1', '-H worker-2', '-H nosuch'];
const WORDS = [
	'init',
	'join',
	'join-token',
	'leave',
	'ca',
	'worker',
	'manager',
	'boss',
	'--force',
	'-f',
	'--force-new-cluster',
	'--rotate',
	'-q',
	'--token',
	'TOKEN_W',
	'TOKEN_M',
	'SWMTKN-1-x-y',
	'172.18.0.2:2377',
	'172.18.0.3:2377',
	'manager-2',
	'10.0.0.9',
	'--advertise-addr',
	'eth0',
	'eth9',
	'--availability',
	'drain',
	'sometimes',
	'--bogus'
];

describe('docker swarm lifecycle under random input', () => {
	it('never throws, and failures leave the lab untouched', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(
						fc.constantFrom(...HOSTS),
						fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 })
					),
					{ minLength: 1, maxLength: 10 }
				),
				(lines) => {
					const lab = createLab({ flavor: 'swarm', seed: 2, managers: 2, workers: 2 });
					const tokens = {
						TOKEN_W: succeeds(lab, 'docker swarm join-token -q worker').output.trim(),
						TOKEN_M: succeeds(lab, 'docker swarm join-token -q manager').output.trim()
					};
					for (const [host, words] of lines) {
						const args = words.map((w) => tokens[w as keyof typeof tokens] ?? w);
						const line = `docker ${host} swarm ${args.join(' ')}`.replace(/ +/g, ' ');
						const before = state(lab);
						const r = lab.exec(line);
						if (!r.ok) expect(state(lab), line).toEqual(before);
						lab.advance(2_000);
					}
					lab.advance(30_000);
					// Everyone leaves (the swarm is erased), and a new swarm forms from scratch.
					for (const h of ['worker-1', 'worker-2', 'manager-2', 'manager-1']) {
						lab.exec(`docker -H ${h} swarm leave --force`);
					}
					succeeds(lab, 'docker swarm init');
					const w = succeeds(lab, 'docker swarm join-token -q worker').output.trim();
					const m = succeeds(lab, 'docker swarm join-token -q manager').output.trim();
					succeeds(lab, `docker -H manager-2 swarm join --token ${m} 172.18.0.2:2377`);
					succeeds(lab, `docker -H worker-1 swarm join --token ${w} 172.18.0.2:2377`);
					succeeds(lab, `docker -H worker-2 swarm join --token ${w} 172.18.0.2:2377`);
					lab.advance(20_000);
					const ready = lab.snapshot().nodes.filter((n) => n.status === 'Ready');
					expect(ready.map((n) => n.name).sort()).toEqual([
						'manager-1',
						'manager-2',
						'worker-1',
						'worker-2'
					]);
				}
			),
			{ numRuns: 80 }
		);
	}, 120_000);
});
