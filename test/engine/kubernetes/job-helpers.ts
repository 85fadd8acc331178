/** What the Job tests share: a Job manifest builder, and reading Jobs and their pods back. */
import type { Job } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

/** A Job of one busybox container running `command` (a YAML flow list), `spec` lines added. */
export function job(
	name: string,
	command: string,
	spec: string[],
	restartPolicy = 'Never'
): string {
	return [
		'apiVersion: batch/v1',
		'kind: Job',
		`metadata:\n  name: ${name}`,
		'spec:',
		...spec.map((s) => `  ${s}`),
		'  template:',
		'    spec:',
		`      restartPolicy: ${restartPolicy}`,
		`      containers:\n      - name: c\n        image: busybox:1.36\n        command: ${command}`,
		''
	].join('\n');
}

/** Runs a line that must succeed and returns what it printed. */
export function must(l: Lab, line: string): string {
	return succeeds(l, line).output;
}

export function getJob(l: Lab, name: string): Job {
	return JSON.parse(must(l, `kubectl get job ${name} -o json`)) as Job;
}

export function jobPods(l: Lab, name: string): Pod[] {
	const all = (JSON.parse(must(l, 'kubectl get pods -o json')) as { items: Pod[] }).items;
	return all.filter((p) => p.metadata?.ownerReferences?.[0]?.name === name);
}
