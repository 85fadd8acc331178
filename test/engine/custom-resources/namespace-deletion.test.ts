// Deleting a namespace deletes its custom objects too: the namespace controller deletes every
// namespaced resource discovery lists (pkg/controller/namespace/deletion/
// namespaced_resources_deleter.go deleteAllContent), CRD-defined kinds included; those in other
// namespaces stay.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';
import { CRONTAB_CRD, MY_CRONTAB } from './crd-fixtures';

describe('a namespace with custom objects', () => {
	it('takes them with it when it is deleted', () => {
		const files: Record<string, string> = { 'crd.yaml': CRONTAB_CRD, 'ct.yaml': MY_CRONTAB };
		const lab = createLab({ seed: 5, readFile: (p) => files[p] });
		succeeds(lab, 'kubectl apply -f crd.yaml');
		succeeds(lab, 'kubectl create namespace team');
		succeeds(lab, 'kubectl apply -f ct.yaml -n team');
		succeeds(lab, 'kubectl apply -f ct.yaml');
		expect(succeeds(lab, 'kubectl get ct -A -o name').output).toBe(
			'crontab.stable.example.com/my-new-cron-object\n'.repeat(2)
		);
		expect(succeeds(lab, 'kubectl delete namespace team').output).toBe(
			'namespace "team" deleted\n'
		);
		expect(succeeds(lab, 'kubectl get ct -A').output).toBe(
			'NAMESPACE   NAME                 AGE\ndefault     my-new-cron-object   0s\n'
		);
		// Made again, the namespace starts empty.
		succeeds(lab, 'kubectl create namespace team');
		expect(succeeds(lab, 'kubectl get ct -n team').error).toBe(
			'No resources found in team namespace.\n'
		);
	});
});
