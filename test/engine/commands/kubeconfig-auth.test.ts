// `kubectl config` over kubeadm's admin.conf and `kubectl auth` as its cluster-admin user.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

describe('kubectl config', () => {
	it('views admin.conf with its certificates omitted, keys sorted as kubectl prints YAML', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		expect(succeeds(lab, 'kubectl config view').output).toBe(
			[
				'apiVersion: v1',
				'clusters:',
				'- cluster:',
				'    certificate-authority-data: DATA+OMITTED',
				'    server: https://control-plane:6443',
				'  name: kubernetes',
				'contexts:',
				'- context:',
				'    cluster: kubernetes',
				'    user: kubernetes-admin',
				'  name: kubernetes-admin@kubernetes',
				'current-context: kubernetes-admin@kubernetes',
				'kind: Config',
				'preferences: {}',
				'users:',
				'- name: kubernetes-admin',
				'  user:',
				'    client-certificate-data: DATA+OMITTED',
				'    client-key-data: DATA+OMITTED',
				''
			].join('\n')
		);
		expect(succeeds(lab, 'kubectl config current-context').output).toBe(
			'kubernetes-admin@kubernetes\n'
		);
		expect(succeeds(lab, 'kubectl config get-contexts').output).toBe(
			'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n' +
				'*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n'
		);
		expect(fails(lab, 'kubectl config use-context nope').error).toBe(
			'error: no context exists with the name: "nope"\n'
		);
	});

	it('reads the kubeconfig even while the API server is down', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		succeeds(lab, 'sim node stop control-plane');
		expect(succeeds(lab, 'kubectl config current-context').output).toBe(
			'kubernetes-admin@kubernetes\n'
		);
		expect(fails(lab, 'kubectl auth can-i get pods').error).toMatch(/connection .*refused/);
	});
});

describe('kubectl auth', () => {
	it('can-i answers yes for the cluster admin, warns about an unknown type, needs two words', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		expect(succeeds(lab, 'kubectl auth can-i create deployments -n kube-system').output).toBe(
			'yes\n'
		);
		const unknown = succeeds(lab, 'kubectl auth can-i get foos');
		expect(unknown.output).toBe('yes\n');
		expect(unknown.error).toBe("Warning: the server doesn't have a resource type 'foos'\n");
		expect(fails(lab, 'kubectl auth can-i get').error).toMatch(
			/^error: you must specify two arguments: verb resource or verb resource\/resourceName\.\n/
		);
	});

	it('whoami names the kubeadm admin and its groups', () => {
		const out = succeeds(
			createLab({ flavor: 'kubernetes', seed: 1 }),
			'kubectl auth whoami'
		).output;
		const lines = out.split('\n');
		expect(lines[1]).toMatch(/^Username {4,}kubernetes-admin$/);
		expect(lines[2]).toMatch(/^Groups {6,}\[kubeadm:cluster-admins system:authenticated\]$/);
		expect(lines[3]).toMatch(
			/^Extra: authentication\.kubernetes\.io\/credential-id {3}\[X509SHA256=[0-9a-f]{64}\]$/
		);
	});
});
