// A container's status names its image as containerd reports it — the normalised reference,
// not the spec's text — and always carries lastState (a struct in the API, `{}` when empty), as
// `kubectl get pod -o yaml` on a containerd node shows them.
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

describe('containerStatuses', () => {
	it('reports the normalised image and an empty lastState before any restart', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		succeeds(lab, 'kubectl run a --image=nginx');
		succeeds(lab, 'kubectl run b --image=registry.k8s.io/pause:3.9');
		succeeds(lab, 'kubectl run c --image=busybox:1.36 --restart=Always -- sh -c "exit 1"');
		lab.advance(20_000);
		const status = (name: string) =>
			(JSON.parse(succeeds(lab, `kubectl get pod ${name} -o json`).output) as Pod).status!
				.containerStatuses![0]!;
		expect(status('a').image).toBe('docker.io/library/nginx:latest');
		expect(status('a').lastState).toEqual({});
		expect(status('b').image).toBe('registry.k8s.io/pause:3.9');
		expect(status('c').image).toBe('docker.io/library/busybox:1.36');
		expect(status('c').lastState?.terminated?.exitCode).toBe(1);
		// describe shows the spec's image, as kubectl's describer reads it from the container spec.
		expect(succeeds(lab, 'kubectl describe pod a').output).toMatch(/\n {4}Image: {10}nginx\n/);
		expect(succeeds(lab, 'kubectl get pod a -o yaml').output).toContain('    lastState: {}\n');
	});
});
