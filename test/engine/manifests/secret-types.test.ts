/**
 * A Secret of a well-known type must carry its type's keys (ValidateSecret,
 * pkg/apis/core/validation/validation.go): the server refuses it otherwise, and nothing is stored.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const manifest = (type: string, body: string) =>
	`apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: ${type}\n${body}`;

describe('Secret types', () => {
	const files: Record<string, string> = {
		'tls.yaml': manifest('kubernetes.io/tls', 'stringData:\n  tls.crt: cert\n'),
		'tls-ok.yaml': manifest('kubernetes.io/tls', 'stringData:\n  tls.crt: cert\n  tls.key: key\n'),
		'basic.yaml': manifest('kubernetes.io/basic-auth', 'data:\n  user: YQ==\n'),
		'basic-ok.yaml': manifest('kubernetes.io/basic-auth', 'stringData:\n  password: ""\n'),
		'ssh.yaml': manifest('kubernetes.io/ssh-auth', 'stringData:\n  ssh-privatekey: ""\n'),
		'docker.yaml': manifest('kubernetes.io/dockerconfigjson', 'data: {}\n'),
		'token.yaml': manifest('kubernetes.io/service-account-token', ''),
		'custom.yaml': manifest('example.com/anything', '')
	};
	const lab = () => createLab({ seed: 3, readFile: (p) => files[p] });

	it('refuses a type without its keys, as the API server words it', () => {
		const l = lab();
		expect(fails(l, 'kubectl apply -f tls.yaml').error).toBe(
			'The Secret "s" is invalid: data[tls.key]: Required value\n'
		);
		// Both keys missing: two causes.
		expect(
			fails(l, 'kubectl create secret generic s --type=kubernetes.io/tls --from-literal=a=b').error
		).toMatch(/data\[tls\.crt\]: Required value\n\* data\[tls\.key\]: Required value\n$/);
		// The source builds these two paths from the literal "data[%s]".
		expect(fails(l, 'kubectl apply -f basic.yaml').error).toContain(
			'data[%s][username]: Required value'
		);
		expect(fails(l, 'kubectl apply -f ssh.yaml').error).toBe(
			'The Secret "s" is invalid: data[%s][ssh-privatekey]: Required value\n'
		);
		expect(fails(l, 'kubectl apply -f docker.yaml').error).toBe(
			'The Secret "s" is invalid: data[.dockerconfigjson]: Required value\n'
		);
		expect(fails(l, 'kubectl apply -f token.yaml').error).toBe(
			'The Secret "s" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value\n'
		);
	});

	it('accepts a type with its keys (basic-auth: one of the two, even empty) and any other type', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl apply -f tls-ok.yaml').output).toBe('secret/s created\n');
		succeeds(l, 'kubectl delete secret s');
		expect(succeeds(l, 'kubectl apply -f basic-ok.yaml').output).toBe('secret/s created\n');
		succeeds(l, 'kubectl delete secret s');
		expect(succeeds(l, 'kubectl apply -f custom.yaml').output).toBe('secret/s created\n');
	});
});
