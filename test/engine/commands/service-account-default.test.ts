// The `default` ServiceAccount is a stored object that kube-controller-manager's serviceaccounts
// controller keeps in every active namespace (serviceaccounts_controller.go): deleting it works,
// and the controller puts a new one back at once — a new uid, AGE 0s — while a namespace being
// deleted gets none back.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

function lab(): Lab {
	return createLab({ seed: 11 });
}

const uidOf = (l: Lab, ns = 'default') =>
	succeeds(l, `kubectl get sa default -n ${ns} -o jsonpath={.metadata.uid}`).output;

describe('kubectl delete sa default', () => {
	it('deletes it, and the controller makes a new one at once', () => {
		const l = lab();
		succeeds(l, 'sim advance 2m');
		const before = uidOf(l);
		expect(succeeds(l, 'kubectl get sa').output).toBe(
			'NAME      SECRETS   AGE\ndefault   0         2m\n'
		);
		expect(succeeds(l, 'kubectl delete sa default').output).toBe(
			'serviceaccount "default" deleted from default namespace\n'
		);
		expect(succeeds(l, 'kubectl get sa').output).toBe(
			'NAME      SECRETS   AGE\ndefault   0         0s\n'
		);
		const after = uidOf(l);
		expect(after).toMatch(/^[0-9a-f-]{36}$/);
		expect(after).not.toBe(before);
		// Pods that name no account are admitted straight away.
		succeeds(l, 'kubectl run web --image=nginx:1.27');
	});

	it('is made with a new namespace, and not made again while the namespace is deleted', () => {
		const l = lab();
		succeeds(l, 'sim advance 30s');
		succeeds(l, 'kubectl create namespace team');
		expect(succeeds(l, 'kubectl get sa -n team').output).toBe(
			'NAME      SECRETS   AGE\ndefault   0         0s\n'
		);
		succeeds(l, 'kubectl delete namespace team');
		// kubectl prints this on stderr.
		expect(succeeds(l, 'kubectl get sa -n team').error).toBe(
			'No resources found in team namespace.\n'
		);
	});

	it('comes back as it was when time travels to before the deletion', () => {
		const l = lab();
		succeeds(l, 'sim advance 10s');
		const original = uidOf(l, 'kube-public');
		succeeds(l, 'kubectl delete sa default -n kube-public');
		expect(uidOf(l, 'kube-public')).not.toBe(original);
		succeeds(l, 'sim advance 10s');
		l.seek(5_000);
		expect(uidOf(l, 'kube-public')).toBe(original);
		expect(succeeds(l, 'kubectl get sa -n kube-public default').output).toBe(
			'NAME      SECRETS   AGE\ndefault   0         5s\n'
		);
	});
});
