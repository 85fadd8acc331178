// Random `docker service …` / `docker node …` lines never throw; a line that failed without doing
// any of its work changes nothing (design.md §3), and the lab keeps running afterwards.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { state } from '../lab-helpers';

const WORDS = [
	'service',
	'node',
	'create',
	'update',
	'scale',
	'rm',
	'ps',
	'ls',
	'inspect',
	'rollback',
	'logs',
	'promote',
	'demote',
	'web',
	'worker-1',
	'manager-1',
	'nginx',
	'nginx:2.0',
	'busybox',
	'web=3',
	'web=x',
	'--name',
	'web',
	'--replicas',
	'3',
	'-1',
	'--mode',
	'global',
	'--constraint',
	'node.role==manager',
	'node.labels.a!=b',
	'bad',
	'-p',
	'8080:80',
	'80',
	'published=1,target=2,mode=host',
	'--update-parallelism',
	'0',
	'--update-delay',
	'10s',
	'xs',
	'--image',
	'--force',
	'--rollback',
	'--availability',
	'drain',
	'pause',
	'--label-add',
	'a=b',
	'--label-rm',
	'a',
	'--format',
	'{{json .}}',
	'{{.Nope}}',
	'-q',
	'--reserve-memory',
	'1G',
	'99999T',
	'--restart-condition',
	'none',
	'--placement-pref',
	'spread=node.labels.a',
	'--filter',
	'desired-state=running',
	'<img src=x>',
	''
];

describe('docker swarm commands under random input', () => {
	it('never throw, and failures leave the lab untouched', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }), {
					minLength: 1,
					maxLength: 12
				}),
				(lines) => {
					const lab = createLab({ flavor: 'swarm', seed: 3 });
					for (const words of lines) {
						const line = `docker ${words.map((w) => (/^[\w.:=/,-]*$/.test(w) && w !== '' ? w : `'${w}'`)).join(' ')}`;
						const before = state(lab);
						const r = lab.exec(line);
						// A line that did part of its work (`scale a=1 nosuch=2`) printed that part on stdout.
						if (!r.ok && r.output === '') expect(state(lab), line).toEqual(before);
						lab.advance(1_500);
					}
					lab.advance(30_000);
					expect(lab.snapshot().nodes).toHaveLength(3);
				}
			),
			{ numRuns: 60 }
		);
	}, 120_000);
});
