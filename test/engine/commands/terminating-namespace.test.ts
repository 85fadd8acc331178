// The NamespaceLifecycle admission plugin: nothing new is created in a namespace while it is
// being deleted (plugin/pkg/admission/namespace/lifecycle).
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: dev\n';

describe('a Terminating namespace', () => {
	it('refuses new content from run, create deployment and apply, then is gone', () => {
		const lab = createLab({
			flavor: 'kubernetes',
			seed: 1,
			readFile: (p) => (p === 'cm.yaml' ? CONFIGMAP : undefined)
		});
		succeeds(lab, 'kubectl create namespace dev');
		// sleep ignores SIGTERM: the namespace stays Terminating for the 30 s grace period.
		succeeds(lab, 'kubectl run sleeper -n dev --image=busybox -- sleep 3600');
		lab.advance(10_000);
		succeeds(lab, 'kubectl delete namespace dev --wait=false');
		const why =
			'is forbidden: unable to create new content in namespace dev because it is being terminated';
		expect(fails(lab, 'kubectl run nginx -n dev --image=nginx').error).toBe(
			`Error from server (Forbidden): pods "nginx" ${why}\n`
		);
		expect(fails(lab, 'kubectl create deployment web -n dev --image=nginx').error).toBe(
			`error: failed to create deployment: deployments.apps "web" ${why}\n`
		);
		expect(fails(lab, 'kubectl apply -f cm.yaml').error).toBe(
			`Error from server (Forbidden): error when creating "cm.yaml": configmaps "cfg" ${why}\n`
		);
		expect(fails(lab, 'kubectl create configmap c -n dev --from-literal=a=b').error).toBe(
			`error: failed to create configmap: configmaps "c" ${why}\n`
		);
		expect(fails(lab, 'kubectl create job j -n dev --image=busybox').error).toBe(
			`error: failed to create job: jobs.batch "j" ${why}\n`
		);
		lab.advance(40_000);
		expect(fails(lab, 'kubectl apply -f cm.yaml').error).toBe(
			'Error from server (NotFound): error when creating "cm.yaml": namespaces "dev" not found\n'
		);
	});
});
