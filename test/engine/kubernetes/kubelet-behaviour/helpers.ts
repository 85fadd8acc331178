/** Shared set-up for the kubelet behaviour tests: a lab that reads this folder's fixtures. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerStatus, Event, Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../../src/engine/index';
import { succeeds } from '../../lab-helpers';

/** A lab whose `-f NAME` reads `extra[NAME]`, else `fixtures/NAME`. */
export function labWith(extra: Record<string, string> = {}): Lab {
	return createLab({
		seed: 1,
		workers: 2,
		readFile: (p) => extra[p] ?? readFileSync(join(__dirname, 'fixtures', p), 'utf8')
	});
}

/** The pod as the API server holds it. */
export function getPod(lab: Lab, name: string, namespace = 'default'): Pod {
	return JSON.parse(succeeds(lab, `kubectl get pod ${name} -n ${namespace} -o json`).output) as Pod;
}

/** The pod's (first) container status, once it has one. */
export function status(lab: Lab, name: string, namespace = 'default'): ContainerStatus | undefined {
	return getPod(lab, name, namespace).status?.containerStatuses?.[0];
}

/** The pod's `kubectl get pods` row in columns (NAME, READY, STATUS, RESTARTS, AGE). */
export function row(lab: Lab, name: string, namespace = 'default'): string[] {
	const line = succeeds(lab, `kubectl get pods -n ${namespace}`)
		.output.split('\n')
		.find((l) => l.startsWith(`${name} `));
	if (line === undefined) throw new Error(`no pod ${name}`);
	return line.split(/\s{2,}/);
}

/** Advances until `done` holds (checking every `step` ms, at most `max` ms); the time it took. */
export function until(lab: Lab, done: () => boolean, max = 120_000, step = 100): number {
	const start = lab.now();
	while (!done()) {
		if (lab.now() - start > max) throw new Error('condition never held');
		lab.advance(step);
	}
	return lab.now() - start;
}

/** The pod's events of `reason`. */
export function events(lab: Lab, reason: string, namespace = 'default'): Event[] {
	const all = JSON.parse(succeeds(lab, `kubectl get events -n ${namespace} -o json`).output) as {
		items: Event[];
	};
	return all.items.filter((e) => e.reason === reason);
}

/** A one-container pod manifest; `container` holds the container's fields after its name. */
export function podYaml(name: string, container: string, spec = ''): string {
	const indent = (text: string, by: string) =>
		text
			.trim()
			.split('\n')
			.map((l) => `${by}${l}`)
			.join('\n');
	return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec === '' ? '' : `${indent(spec, '  ')}\n`}  containers:
  - name: app
${indent(container, '    ')}
`;
}
