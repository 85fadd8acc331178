/** Shared set-up for the init container tests: a lab that reads this folder's fixtures. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../../src/engine/index';
import { succeeds } from '../../lab-helpers';

/** A lab whose `-f NAME` reads `fixtures/NAME`, or `extra[NAME]`. */
export function labWith(extra: Record<string, string> = {}): Lab {
	return createLab({
		seed: 1,
		workers: 2,
		readFile: (p) => extra[p] ?? readFileSync(join(__dirname, 'fixtures', p), 'utf8')
	});
}

/** The pod as the API server holds it. */
export function getPod(lab: Lab, name: string): Pod {
	return JSON.parse(succeeds(lab, `kubectl get pod ${name} -o json`).output) as Pod;
}

/** The `kubectl get pods` row of the pod whose name starts with `prefix`, in columns. */
export function row(lab: Lab, prefix: string): string[] {
	const line = succeeds(lab, 'kubectl get pods')
		.output.split('\n')
		.find((l) => l.startsWith(prefix));
	if (line === undefined) throw new Error(`no pod ${prefix}`);
	return line.split(/\s{2,}/);
}

/** The lines of `kubectl describe pod NAME` between `title` and the next unindented line. */
export function section(lab: Lab, name: string, title: string): string[] {
	const lines = succeeds(lab, `kubectl describe pod ${name}`).output.split('\n');
	const start = lines.indexOf(title);
	const end = lines.findIndex((l, i) => i > start && /^\S/.test(l));
	return lines.slice(start + 1, end);
}

/** `kubectl describe pod NAME`'s event lines (type, reason, from, message), ages left out. */
export function events(lab: Lab, name: string): string[] {
	const lines = succeeds(lab, `kubectl describe pod ${name}`).output.split('\n');
	return lines
		.slice(lines.findIndex((l) => l.startsWith('  ----')) + 1)
		.filter((l) => l.trim() !== '')
		.map((l) => {
			const [type, reason, , from, ...message] = l.trim().split(/\s{2,}/);
			return `${type} ${reason} ${from} ${message.join('  ')}`;
		});
}
