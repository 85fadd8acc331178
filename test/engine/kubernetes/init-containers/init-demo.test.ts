/**
 * The website's init-demo pod (content/en/examples/pods/init-containers.yaml, used by the task
 * "Configure Pod Initialization"): a busybox init container fetches a page with wget, then nginx
 * starts. kubelet v1.35 runs the init container to completion first
 * (kuberuntime_container.go computeInitContainerActions), pulling each image right before its
 * container is created; kubectl prints Init:0/1, then PodInitializing, then Running
 * (printers.go printPod).
 */
import { describe, expect, it } from 'vitest';
import { succeeds } from '../../lab-helpers';
import { events, getPod, labWith, row, section } from './helpers';

describe('init-demo (pods/init-containers.yaml)', () => {
	it('runs the init container to completion before nginx starts', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl apply -f init-containers.yaml');
		const seen: string[] = [];
		for (let s = 0; s < 10; s++) {
			const [, ready, status] = row(lab, 'init-demo');
			if (seen.at(-1) !== `${ready} ${status}`) seen.push(`${ready} ${status}`);
			lab.advance(1_000);
		}
		expect(seen).toEqual(['0/1 Pending', '0/1 Init:0/1', '0/1 PodInitializing', '1/1 Running']);
	});

	it('reports the init container while it runs, and Initialized False until it completed', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl apply -f init-containers.yaml');
		lab.advance(1_500);
		const pod = getPod(lab, 'init-demo');
		expect(pod.status?.phase).toBe('Pending');
		const [install] = pod.status!.initContainerStatuses!;
		expect(install!.name).toBe('install');
		expect(install!.state?.running).toBeDefined();
		expect(install!.containerID).toMatch(/^containerd:\/\//);
		expect(pod.status!.containerStatuses![0]!.state).toEqual({
			waiting: { reason: 'PodInitializing' }
		});
		const initialized = pod.status!.conditions!.find((c) => c.type === 'Initialized')!;
		expect(initialized).toMatchObject({
			status: 'False',
			reason: 'ContainersNotInitialized',
			message: 'containers with incomplete status: [install]'
		});
	});

	it('ends with the init container Completed and the pod Running', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl apply -f init-containers.yaml');
		lab.advance(30_000);
		const pod = getPod(lab, 'init-demo');
		expect(pod.status?.phase).toBe('Running');
		const install = pod.status!.initContainerStatuses![0]!;
		expect(install.state?.terminated).toMatchObject({ reason: 'Completed', exitCode: 0 });
		// prober_manager.go UpdatePodStatus: a regular init container that exited 0 is ready.
		expect(install).toMatchObject({ ready: true, started: false, restartCount: 0 });
		expect(install.imageID).toMatch(/^docker\.io\/library\/busybox@sha256:/);
		const conditions = pod.status!.conditions!;
		const at = (type: string) => conditions.find((c) => c.type === type)!;
		expect(at('Initialized').status).toBe('True');
		// Initialized when the init container finished, Ready only after nginx started.
		expect(at('Initialized').lastTransitionTime).toBe(install.state!.terminated!.finishedAt);
		expect(at('Ready').lastTransitionTime! > at('Initialized').lastTransitionTime!).toBe(true);
		expect(
			pod.status!.containerStatuses![0]!.state!.running!.startedAt! >=
				install.state!.terminated!.finishedAt!
		).toBe(true);
	});

	it('describes the init container and records its events under spec.initContainers{install}', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl apply -f init-containers.yaml');
		lab.advance(30_000);
		const init = section(lab, 'init-demo', 'Init Containers:');
		expect(init).toContain('    State:          Terminated');
		expect(init).toContain('      Reason:       Completed');
		expect(init).toContain('      Exit Code:    0');
		expect(init).toContain('    Ready:          True');
		expect(init).toContain('    Restart Count:  0');
		expect(init.some((l) => /^ {4}Container ID: {2}containerd:\/\//.test(l))).toBe(true);
		const reasons = events(lab, 'init-demo').map((e) =>
			e.replace(/ (Successfully|Pulling image|Container ).*/, '')
		);
		expect(reasons).toEqual([
			'Normal Scheduled default-scheduler',
			'Normal Pulling kubelet spec.initContainers{install}:',
			'Normal Pulled kubelet spec.initContainers{install}:',
			'Normal Created kubelet spec.initContainers{install}:',
			'Normal Started kubelet spec.initContainers{install}:',
			'Normal Pulling kubelet spec.containers{nginx}:',
			'Normal Pulled kubelet spec.containers{nginx}:',
			'Normal Created kubelet spec.containers{nginx}:',
			'Normal Started kubelet spec.containers{nginx}:'
		]);
	});

	it('gives the init container logs (kubectl logs POD -c INIT, as "Debug Init Containers" does)', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl apply -f init-containers.yaml');
		lab.advance(30_000);
		const r = succeeds(lab, 'kubectl logs init-demo -c install');
		expect(r.error).toBeUndefined();
		expect(succeeds(lab, 'kubectl logs init-demo').error).toBe(
			'Defaulted container "nginx" out of: nginx, install (init)\n'
		);
	});
});
