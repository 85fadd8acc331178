/**
 * The five-steps lesson (en, zh) pastes what its labs print. Here the lesson's own labs are run
 * the way its text tells the learner to, and every pasted `$ …` block must be what the lab prints
 * at that point, byte for byte: a change to the engine that moves an ID, a time or a count makes
 * this fail until the lesson says what the lab now says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../src/engine/index';
import type { Lab } from '../../src/engine/types';
import { scenarioLab } from '../../src/viz/scenario-lab';

const LESSONS = path.join(import.meta.dirname, '../../src/lessons');

/** The lesson's terminal blocks: each a list of `$ line` and what followed it. */
function pastedBlocks(lang: 'en' | 'zh'): { line: string; printed: string }[][] {
	const source = readFileSync(path.join(LESSONS, lang, 'five-steps.md'), 'utf8');
	return [...source.matchAll(/^ {3}```\n((?: {3}\$ [\s\S]*?)) {3}```$/gm)].map((block) => {
		const lines = block[1]!.split('\n').map((l) => l.replace(/^ {3}/, ''));
		const steps: { line: string; printed: string }[] = [];
		for (const l of lines.slice(0, -1)) {
			if (l.startsWith('$ ')) steps.push({ line: l.slice(2), printed: '' });
			else steps.at(-1)!.printed += `${l}\n`;
		}
		return steps;
	});
}

/** What the console shows for a line: its output, then its errors. */
function run(lab: Lab, line: string): string {
	const r = lab.exec(line);
	expect(r.ok, `${line}: ${r.error ?? ''}`).toBe(true);
	return r.output + (r.error ?? '');
}

describe.each(['en', 'zh'] as const)(
	'five-steps (%s): the pasted transcripts are the lab’s',
	(lang) => {
		const blocks = pastedBlocks(lang);
		const check = (lab: Lab, index: number) => {
			for (const { line, printed } of blocks[index]!) {
				expect(run(lab, line).replace(/\n*$/, '\n'), `${lang} block ${index}: ${line}`).toBe(
					printed
				);
			}
		};

		it('has the blocks this test replays', () => {
			expect(blocks.map((b) => b.map((s) => s.line))).toEqual([
				['docker images'],
				['kubectl get nodes'],
				['kubectl get pods -o wide'],
				['sim traffic web 10/s', 'sim advance 30s', 'sim traffic'],
				['docker swarm init'],
				['docker node ls'],
				[
					'docker service create --name web --replicas 3 --publish 8080:80 registry.lab:5000/web:1',
					'docker service ps web'
				]
			]);
		});

		it('on Kubernetes', () => {
			const lab = scenarioLab('five-steps', 'kubernetes');
			run(lab, 'docker build -t registry.lab:5000/web:1 .');
			check(lab, 0);
			run(lab, 'docker push registry.lab:5000/web:1');
			check(lab, 1);
			run(lab, 'kubectl create deployment web --image=registry.lab:5000/web:1 --replicas=3');
			run(lab, 'sim advance 10s');
			check(lab, 2);
			run(lab, 'kubectl expose deployment web --port=80');
			// "once the clock has run a moment": the transcript's clock then reads 12 s.
			run(lab, 'sim advance 2s');
			run(lab, 'kubectl get endpoints web');
			check(lab, 3);
		});

		it('on Docker Swarm, from nothing', () => {
			const lab = scenarioLab('five-steps', 'swarm');
			run(lab, 'docker build -t registry.lab:5000/web:1 .');
			run(lab, 'docker push registry.lab:5000/web:1');
			expect(lab.exec('docker node ls').ok).toBe(false);
			check(lab, 4);
			const join = /docker swarm join --token \S+ \S+/.exec(blocks[4]![0]!.printed)![0];
			for (const worker of ['worker-1', 'worker-2']) {
				expect(run(lab, `docker -H ${worker} ${join.slice('docker '.length)}`)).toBe(
					'This node joined a swarm as a worker.\n'
				);
			}
			check(lab, 5);
			check(lab, 6);
		});
	}
);
