/**
 * `env[].valueFrom` validation (pkg/apis/core/validation/validation.go validateEnvVarValueFrom
 * and its selectors, v1.35). Found with a real-world mistake: an env var carrying both `value`
 * and `valueFrom`, which the lab accepted. Bad input must leave the lab unchanged (fails()).
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

/** A Pod whose only container has the given `env` block (YAML flow style). */
const pod = (env: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: nginx
    env: ${env}
`;

function apply(env: string) {
	const lab = createLab({ seed: 1, workers: 1, readFile: () => pod(env) });
	return { lab, line: 'kubectl apply -f pod.yaml' };
}

const rejected = (env: string): string => {
	const { lab, line } = apply(env);
	return fails(lab, line).error!;
};

describe('env valueFrom validation', () => {
	it('refuses value together with valueFrom', () => {
		expect(
			rejected('[{name: A, value: x, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]')
		).toBe(
			'The Pod "p" is invalid: spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty\n'
		);
	});

	it('refuses an empty valueFrom and two sources at once', () => {
		expect(rejected('[{name: A, valueFrom: {}}]')).toContain(
			'spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'
		);
		expect(
			rejected(
				'[{name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}, configMapKeyRef: {name: c, key: k}}}]'
			)
		).toContain(
			'valueFrom: Invalid value: "": may not have more than one field specified at a time'
		);
	});

	it('names the supported downward-API fields, and reports unknown labels as a conversion error', () => {
		expect(rejected('[{name: A, valueFrom: {fieldRef: {fieldPath: metadata.labels}}}]')).toContain(
			'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "metadata.labels": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"'
		);
		expect(rejected('[{name: A, valueFrom: {fieldRef: {fieldPath: spec.foo}}}]')).toContain(
			'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.foo": error converting fieldPath: field label not supported: spec.foo'
		);
	});

	it('checks resourceFieldRef resources and divisors', () => {
		expect(
			rejected('[{name: A, valueFrom: {resourceFieldRef: {resource: limits.gpu}}}]')
		).toContain(
			'resourceFieldRef.resource: Unsupported value: "limits.gpu": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"'
		);
		expect(
			rejected('[{name: A, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1Mi}}}]')
		).toContain(
			'resourceFieldRef.divisor: Invalid value: "limits.cpu": only divisor\'s values 1m and 1 are supported with the cpu resource'
		);
	});

	it('requires a key in configMapKeyRef and a single Required error for an empty name', () => {
		expect(rejected('[{name: A, valueFrom: {configMapKeyRef: {name: cfg}}}]')).toBe(
			'The Pod "p" is invalid: spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value\n'
		);
		expect(rejected('[{name: "", value: x}]')).toBe(
			'The Pod "p" is invalid: spec.containers[0].env[0].name: Required value\n'
		);
	});

	it('checks envFrom: one source per item, names and prefixes', () => {
		const lab = createLab({
			seed: 1,
			workers: 1,
			readFile: () =>
				pod('[]').replace(
					'    env: []',
					'    envFrom: [{prefix: "A=B"}, {configMapRef: {name: Bad_Name}}, {configMapRef: {name: gen-}}]'
				)
		});
		const error = fails(lab, 'kubectl apply -f pod.yaml').error!;
		expect(error).toContain(
			'* spec.containers[0].envFrom[0].prefix: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\''
		);
		expect(error).toContain(
			'* spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`'
		);
		expect(error).toContain(
			'* spec.containers[0].envFrom[1].configMapRef.name: Invalid value: "Bad_Name"'
		);
		// A trailing dash is allowed (generated-name prefix rule), so item 2 adds nothing.
		expect(error).not.toContain('envFrom[2]');
	});

	it('accepts what the API server accepts: label subscripts, hostIPs, hugepages, optional refs', () => {
		const { lab, line } = apply(`
    - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
    - {name: HOSTS, valueFrom: {fieldRef: {fieldPath: status.hostIPs}}}
    - {name: HP, valueFrom: {resourceFieldRef: {resource: limits.hugepages-2Mi, divisor: 1Mi}}}
    - {name: MEM, valueFrom: {resourceFieldRef: {resource: requests.memory, divisor: 1Mi}}}
    - {name: OPT, valueFrom: {secretKeyRef: {name: s, key: token, optional: true}}}`);
		expect(succeeds(lab, line).output).toBe('pod/p created\n');
	});
});
