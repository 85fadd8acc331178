/**
 * Pods made by controllers run as a ServiceAccount, as bare pods do: ServiceAccount admission
 * (plugin/pkg/admission/serviceaccount) names `default` when the template names none and sets
 * the deprecated serviceAccount alias too. The ReplicaSet controller's pods share one admitted
 * spec per template (the scale work's structural sharing), so the account costs no copy per pod.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { withClassPriority } from '../../../src/engine/kubernetes/controllers/workload-pods';
import { succeeds } from '../lab-helpers';

const ACCOUNTS = `'{range .items[*]}{.spec.serviceAccountName}/{.spec.serviceAccount}{"\\n"}{end}'`;

describe('pods made by controllers get their ServiceAccount', () => {
	it('a Deployment’s pods run as default, in both fields, as a bare pod does', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
		succeeds(lab, 'kubectl run bare --image=nginx:1.27');
		lab.advance(1_000);
		const web = succeeds(lab, `kubectl get pods -l app=web -o jsonpath=${ACCOUNTS}`).output;
		const bare = succeeds(
			lab,
			`kubectl get pods bare -o jsonpath='{.spec.serviceAccountName}/{.spec.serviceAccount}'`
		).output;
		expect(web).toBe('default/default\ndefault/default\n');
		expect(bare).toBe('default/default');
		expect(succeeds(lab, 'kubectl describe pods -l app=web').output).toMatch(
			/^Service Account: +default$/m
		);
	});

	it('a template that names an account keeps it; the deprecated field follows', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		succeeds(lab, 'kubectl create serviceaccount api');
		succeeds(lab, 'kubectl create deployment api --image=nginx:1.27 --replicas=2');
		succeeds(
			lab,
			`kubectl patch deployment api -p '{"spec":{"template":{"spec":{"serviceAccountName":"api"}}}}'`
		);
		succeeds(lab, 'kubectl rollout status deployment/api');
		expect(succeeds(lab, `kubectl get pods -l app=api -o jsonpath=${ACCOUNTS}`).output).toBe(
			'api/api\napi/api\n'
		);
	});

	it('one admitted spec per template spec, the template left as it was', () => {
		const template = { containers: [{ name: 'web', image: 'nginx:1.27' }] };
		const a = withClassPriority(template);
		expect(withClassPriority(template)).toBe(a);
		expect(a.serviceAccountName).toBe('default');
		expect(a.serviceAccount).toBe('default');
		expect(template).not.toHaveProperty('serviceAccountName');
	});
});
