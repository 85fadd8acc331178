// Type arguments as kubectl's RESTMapper reads them (apimachinery schema.ParseResourceArg):
// `resource`, `resource.group`, and `resource.version.group` as the Deployments docs type it.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

describe('resource.version.group', () => {
	it('names a type with its version and group, as in `set image deployment.v1.apps/x`', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27');
		expect(succeeds(lab, 'kubectl set image deployment.v1.apps/web nginx=nginx:1.28').output).toBe(
			'deployment.apps/web image updated\n'
		);
		const image = "-o jsonpath='{.spec.template.spec.containers[0].image}'";
		expect(succeeds(lab, `kubectl get deployments.v1.apps web ${image}`).output).toBe('nginx:1.28');
		expect(succeeds(lab, `kubectl get deployment.apps web ${image}`).output).toBe('nginx:1.28');
		expect(fails(lab, 'kubectl get deployment.v2.apps').error).toBe(
			'error: the server doesn\'t have a resource type "deployment.v2.apps"\n'
		);
	});
});
