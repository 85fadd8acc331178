// The listing commands only read: whatever flags and filters a learner types, the lab is left
// as it was (no time travel entry, no state change) and nothing throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { state } from '../lab-helpers';

const COMMANDS = [
	'network ls',
	'network inspect',
	'secret ls',
	'secret inspect',
	'config ls',
	'config inspect',
	'ps',
	'container ls',
	'info',
	'version',
	'node ls',
	'stack ps web',
	'stack services web'
];

const WORDS = [
	'-a',
	'-q',
	'--no-trunc',
	'-f',
	'--filter',
	'role=manager',
	'name=web',
	'driver=overlay',
	'desired-state=bogus',
	'colour=red',
	'node=worker-1',
	'nofilter',
	'--format',
	'{{.Name}}',
	'{{json .}}',
	'{{.Nope}}',
	'json',
	'ingress',
	'bridge',
	'nosuch',
	'-H',
	'worker-1'
];

describe('docker listing commands under random flags', () => {
	it('never throw and never change the lab', () => {
		const lab = createLab({ flavor: 'swarm', seed: 9, workers: 2 });
		lab.exec('docker network create -d overlay backend');
		lab.exec('docker service create --name web --network backend --replicas 2 nginx:alpine');
		lab.advance(30_000);
		fc.assert(
			fc.property(
				fc.constantFrom(...COMMANDS),
				fc.array(fc.constantFrom(...WORDS), { maxLength: 5 }),
				(command, words) => {
					const line = `docker ${command} ${words.map((w) => `'${w}'`).join(' ')}`;
					const before = state(lab);
					const r = lab.exec(line);
					expect(typeof r.ok).toBe('boolean');
					expect(state(lab), line).toEqual(before);
				}
			),
			{ numRuns: 150 }
		);
	});
});
