/**
 * `kubectl set image` and `kubectl set resources` on several workloads (kubectl
 * pkg/cmd/set/set_image.go, set_resources.go, v1.35): `TYPE/NAME…`, `TYPE NAME…`, `TYPE --all`,
 * `TYPE -l SEL`. Complete builds every object first and a missing one ends the line with its
 * NotFound, nothing changed; Run patches each in turn, one line per object changed, and what
 * one object refuses (a container it lacks, an invalid result) is reported after the others.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import type { Lab } from '../../../src/engine/types';
import { fails, succeeds } from '../lab-helpers';

function lab(): Lab {
	const l = createLab({ seed: 9 });
	succeeds(l, 'kubectl create deployment a --image=nginx:1.27');
	succeeds(l, 'kubectl create deployment b --image=nginx:1.27');
	succeeds(l, 'kubectl create deployment multi --image=nginx:1.27 --image=busybox:1.36');
	succeeds(l, 'kubectl label deployment a multi tier=web');
	l.advance(30_000);
	return l;
}

const images = (l: Lab, name: string) =>
	succeeds(
		l,
		`kubectl get deployment ${name} -o jsonpath={.spec.template.spec.containers[*].image}`
	).output;

describe('kubectl set image on several workloads', () => {
	it('updates each TYPE/NAME, one line each', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl set image deployment/a deployment/b nginx=nginx:1.28').output).toBe(
			'deployment.apps/a image updated\ndeployment.apps/b image updated\n'
		);
		expect([images(l, 'a'), images(l, 'b')]).toEqual(['nginx:1.28', 'nginx:1.28']);
	});

	it('--all and -l pick the workloads; * sets every container', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl set image deployment -l tier=web *=nginx:1.29').output).toBe(
			'deployment.apps/a image updated\ndeployment.apps/multi image updated\n'
		);
		expect(images(l, 'multi')).toBe('nginx:1.29 nginx:1.29');
		// b is the only one not already at 1.29: the others' patches are empty, printed nothing.
		expect(succeeds(l, 'kubectl set image deployment --all nginx=nginx:1.29').output).toBe(
			'deployment.apps/b image updated\n'
		);
	});

	it('updates the workloads that have the container and reports the one that lacks it', () => {
		const l = lab();
		const r = l.exec('kubectl set image deployment a multi busybox=busybox:1.37');
		expect(r).toMatchObject({
			ok: false,
			output: 'deployment.apps/multi image updated\n',
			error: 'error: unable to find container named "busybox"\n'
		});
		expect(images(l, 'multi')).toBe('nginx:1.27 busybox:1.37');
		expect(images(l, 'a')).toBe('nginx:1.27');
	});

	it('changes nothing when an object is missing or the arguments are wrong', () => {
		const l = lab();
		expect(fails(l, 'kubectl set image deployment a nope nginx=nginx:1.28').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n'
		);
		expect(fails(l, 'kubectl set image deployment a nope1 nope2 nginx=nginx:1.28').error).toBe(
			'Error from server (NotFound): deployments.apps "nope1" not found\n' +
				'Error from server (NotFound): deployments.apps "nope2" not found\n'
		);
		expect(fails(l, 'kubectl set image deployment a nginx=nginx:1.28 b').error).toBe(
			'error: all resources must be specified before image changes: b\n'
		);
		expect(fails(l, 'kubectl set image deployment a *=nginx:1.28 nginx=nginx:1.29').error).toBe(
			'error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n'
		);
		expect(fails(l, 'kubectl set image deployment nginx=nginx:1.28').error).toBe(
			'error: resource(s) were provided, but no name was specified\n'
		);
		expect(fails(l, 'kubectl set image deployment --all -l tier=web nginx=x:1').error).toBe(
			'error: cannot set --all and --selector at the same time\n'
		);
	});
});

describe('kubectl set resources on several workloads', () => {
	it('updates each named or selected workload, one line each', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl set resources deployment a b --limits=cpu=200m').output).toBe(
			'deployment.apps/a resource requirements updated\ndeployment.apps/b resource requirements updated\n'
		);
		expect(
			succeeds(l, 'kubectl set resources deployment -l tier=web --requests=memory=64Mi').output
		).toBe(
			'deployment.apps/a resource requirements updated\ndeployment.apps/multi resource requirements updated\n'
		);
		expect(succeeds(l, 'kubectl set resources deployment --all --limits=cpu=200m').output).toBe(
			'deployment.apps/multi resource requirements updated\n'
		);
	});

	it('reports what one workload refuses after updating the others', () => {
		const l = lab();
		succeeds(l, 'kubectl set resources deployment a --limits=cpu=200m');
		const r = l.exec('kubectl set resources deployment a b --requests=cpu=1');
		expect(r).toMatchObject({
			ok: false,
			output: 'deployment.apps/b resource requirements updated\n',
			error:
				'error: failed to patch resources update to pod template Deployment.apps "a" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 200m\n'
		});
		expect(fails(l, 'kubectl set resources deployment a nope --limits=cpu=300m').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n'
		);
	});
});
