/**
 * Probe, lifecycle-hook and init-container validation (pkg/apis/core/validation/validation.go,
 * v1.35: validateHandler, validateReadinessProbe, validateLifecycle, validateInitContainers,
 * checkHostPortConflicts). The website examples in fixtures/ must still be accepted; the broken
 * variants must be refused with the API server's messages and leave the lab unchanged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

function labWith(text: string) {
	return createLab({ seed: 1, workers: 1, readFile: () => text });
}

/** A Pod whose spec body (indented under `spec:`) is given. */
const pod = (spec: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
${spec}`;

/** The API server's Invalid message as kubectl prints it: one error inline, several as a list. */
const invalidPod = (...errors: string[]): string =>
	errors.length === 1
		? `The Pod "p" is invalid: ${errors[0]}\n`
		: `The Pod "p" is invalid: \n${errors.map((e) => `* ${e}\n`).join('')}`;

const rejected = (spec: string): string =>
	fails(labWith(pod(spec)), 'kubectl apply -f p.yaml').error!;

describe('probe and lifecycle validation', () => {
	it('accepts the website grpc liveness and lifecycle examples', () => {
		for (const name of ['grpc-liveness.yaml', 'lifecycle-events.yaml']) {
			expect(succeeds(labWith(fixture(name)), 'kubectl apply -f p.yaml').output).toMatch(
				/created\n$/
			);
		}
	});

	it('refuses a grpc probe on port 0', () => {
		const spec = `  containers:
  - name: c
    image: nginx
    livenessProbe: {grpc: {port: 0}}`;
		expect(rejected(spec)).toBe(
			invalidPod(
				'spec.containers[0].livenessProbe.grpc.port: Invalid value: 0: must be between 1 and 65535, inclusive'
			)
		);
	});

	it("reports the first handler's own error before forbidding the second", () => {
		const spec = `  containers:
  - name: c
    image: nginx
    readinessProbe: {exec: {command: []}, httpGet: {port: 80}}`;
		expect(rejected(spec)).toBe(
			invalidPod(
				'spec.containers[0].readinessProbe.exec.command: Required value',
				'spec.containers[0].readinessProbe.httpGet: Forbidden: may not specify more than 1 handler type'
			)
		);
	});

	it('refuses terminationGracePeriodSeconds on a readiness probe and bad header names', () => {
		const spec = `  containers:
  - name: c
    image: nginx
    readinessProbe:
      terminationGracePeriodSeconds: 5
      httpGet: {port: 80, httpHeaders: [{name: "X Bad", value: v}]}`;
		const error = rejected(spec);
		expect(error).toContain(
			`* spec.containers[0].readinessProbe.httpGet.httpHeaders: Invalid value: "X Bad": a valid HTTP header must consist of alphanumeric characters or '-'`
		);
		expect(error).toContain(
			'* spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes'
		);
	});

	it('checks lifecycle hooks: a handler is required, sleep fits in the grace period', () => {
		const spec = `  containers:
  - name: c
    image: nginx
    lifecycle:
      postStart: {}
      preStop: {sleep: {seconds: 40}}`;
		expect(rejected(spec)).toBe(
			invalidPod(
				'spec.containers[0].lifecycle.postStart: Required value: must specify a handler type',
				'spec.containers[0].lifecycle.preStop.sleep: Invalid value: 40: must be non-negative and less than terminationGracePeriodSeconds (30)'
			)
		);
	});
});

describe('init container and host port validation', () => {
	it('forbids probes on a plain init container and other restart policies than Always', () => {
		const spec = `  initContainers:
  - name: init
    image: busybox
    restartPolicy: OnFailure
    readinessProbe: {exec: {command: ["true"]}}
  containers:
  - name: c
    image: nginx`;
		expect(rejected(spec)).toBe(
			invalidPod(
				'spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
				'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always'
			)
		);
	});

	it('lets a sidecar have probes, and checks them', () => {
		const ok = `  initContainers:
  - name: proxy
    image: nginx
    restartPolicy: Always
    readinessProbe: {tcpSocket: {port: 80}}
  containers:
  - name: c
    image: nginx`;
		expect(succeeds(labWith(pod(ok)), 'kubectl apply -f p.yaml').output).toBe('pod/p created\n');
		expect(rejected(ok.replace('port: 80', 'port: 0'))).toContain(
			'spec.initContainers[0].readinessProbe.tcpSocket.port: Invalid value: 0'
		);
	});

	it('refuses the same host port twice across containers', () => {
		const spec = `  containers:
  - name: a
    image: nginx
    ports: [{containerPort: 80, hostPort: 8080}]
  - name: b
    image: nginx
    ports: [{containerPort: 81, hostPort: 8080}]`;
		expect(rejected(spec)).toBe(
			invalidPod('spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"')
		);
	});
});
