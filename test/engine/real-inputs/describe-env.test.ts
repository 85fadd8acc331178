/**
 * `kubectl describe` Environment lines for downward-API variables, from the kubernetes/website
 * examples of the task "Expose Pod Information to Containers Through Environment Variables"
 * (fixtures beside this file). describe.go describeContainerEnvVars: a fieldRef shows the pod's
 * name or namespace only (EnvValueRetriever), a resourceFieldRef shows ceil(quantity/divisor)
 * (kubectl pkg/util/resource ExtractContainerResourceValue), "node allocatable" for an unset
 * cpu or memory limit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

function labWith(files: Record<string, string>) {
	return createLab({ seed: 1, workers: 2, readFile: (p) => files[p] });
}

/** The Environment block of one container, its lines trimmed on the right. */
function environment(output: string): string[] {
	const lines = output.split('\n');
	const start = lines.findIndex((l) => l.trim().startsWith('Environment:'));
	const end = lines.findIndex((l, i) => i > start && l.trim().startsWith('Mounts:'));
	return lines.slice(start + 1, end).map((l) => l.trim().replace(/\s+/g, ' '));
}

describe('describe pod: downward API environment', () => {
	it('shows resourceFieldRef values in base units, rounded up (dapi-envars-container.yaml)', () => {
		const lab = labWith({ 'pod.yaml': fixture('dapi-envars-container.yaml') });
		succeeds(lab, 'kubectl apply -f pod.yaml');
		const out = succeeds(lab, 'kubectl describe pod dapi-envars-resourcefieldref').output;
		// The docs' printenv output for this pod: 1, 1, 33554432, 67108864.
		expect(environment(out)).toEqual([
			'MY_CPU_REQUEST: 1 (requests.cpu)',
			'MY_CPU_LIMIT: 1 (limits.cpu)',
			'MY_MEM_REQUEST: 33554432 (requests.memory)',
			'MY_MEM_LIMIT: 67108864 (limits.memory)'
		]);
	});

	it('resolves metadata.name and metadata.namespace only (dapi-envars-pod.yaml)', () => {
		const lab = labWith({ 'pod.yaml': fixture('dapi-envars-pod.yaml') });
		succeeds(lab, 'kubectl apply -f pod.yaml');
		lab.advance(10_000);
		const out = succeeds(lab, 'kubectl describe pod dapi-envars-fieldref').output;
		expect(environment(out)).toEqual([
			'MY_NODE_NAME: (v1:spec.nodeName)',
			'MY_POD_NAME: dapi-envars-fieldref (v1:metadata.name)',
			'MY_POD_NAMESPACE: default (v1:metadata.namespace)',
			'MY_POD_IP: (v1:status.podIP)',
			'MY_POD_SERVICE_ACCOUNT: (v1:spec.serviceAccountName)'
		]);
	});

	it('honours a divisor, says "node allocatable" for an unset limit, and leaves templates unresolved', () => {
		const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels: {app: d}
  template:
    metadata:
      labels: {app: d}
    spec:
      containers:
      - name: c
        image: nginx
        resources:
          requests: {cpu: 250m, memory: 100Mi}
        env:
        - name: CPU_MILLI
          valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}
        - name: MEM_MI
          valueFrom: {resourceFieldRef: {resource: requests.memory, divisor: 1Mi}}
        - name: CPU_LIMIT
          valueFrom: {resourceFieldRef: {resource: limits.cpu}}
        - name: NAME
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
`;
		const lab = labWith({ 'd.yaml': deployment });
		succeeds(lab, 'kubectl apply -f d.yaml');
		expect(environment(succeeds(lab, 'kubectl describe deployment d').output)).toEqual([
			'CPU_MILLI: 250 (requests.cpu)',
			'MEM_MI: 100 (requests.memory)',
			'CPU_LIMIT: node allocatable (limits.cpu)',
			'NAME: (v1:metadata.name)'
		]);
	});
});
