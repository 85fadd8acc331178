/**
 * The kubelet's image pulls by pull policy, as learners meet them in kubernetes.io's
 * walkthroughs ("Connecting Applications with Services": `image: nginx`, no tag):
 * kubelet images/image_manager.go shouldPullImage pulls every time for Always (the default for
 * no tag or `:latest`, pkg/apis/core/v1/defaults.go), only when the node lacks the image for
 * IfNotPresent; startContainer ensures the image before every start, restarts included.
 */
import { describe, expect, it } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../src/engine/index';
import { succeeds } from '../engine/lab-helpers';

function events(lab: Lab, pod: string): Event[] {
	const all = JSON.parse(succeeds(lab, 'kubectl get events -o json').output) as { items: Event[] };
	return all.items.filter((e) => e.involvedObject.name === pod);
}

function oneNodeLab(): Lab {
	return createLab({ flavor: 'kubernetes', seed: 4, workers: 1 });
}

/**
 * `REASON: MESSAGE` of the events of a pod made on a node that already pulled its image: two
 * Deployments of `image`, one after the other, on a one-worker cluster.
 */
function secondPodEvents(image: string): string[] {
	const lab = oneNodeLab();
	succeeds(lab, `kubectl create deployment first --image=${image}`);
	lab.advance(20_000);
	succeeds(lab, `kubectl create deployment second --image=${image}`);
	lab.advance(20_000);
	const pod = succeeds(lab, 'kubectl get pods -l app=second -o name').output.trim();
	return events(lab, pod.replace('pod/', '')).map((e) => `${e.reason}: ${e.message}`);
}

describe('pull policy Always (an untagged image)', () => {
	it('pulls for every pod, even on a node that already holds the image', () => {
		const seen = secondPodEvents('nginx');
		expect(seen).toContain('Pulling: Pulling image "nginx"');
		// A pull that finds every layer there still asks the registry (PRESENT_IMAGE_PULL_MS, 500 ms).
		expect(seen).toContain(
			'Pulled: Successfully pulled image "nginx" in 500ms (500ms including waiting). Image size: 70000000 bytes.'
		);
		expect(seen.some((s) => s.includes('already present'))).toBe(false);
	});

	it('pulls again before each restart (describe shows Pulling counted with the starts)', () => {
		const lab = oneNodeLab();
		succeeds(lab, 'kubectl run crash --image=busybox -- /bin/sh -c "exit 1"');
		lab.advance(40_000);
		const byReason = (reason: string) =>
			events(lab, 'crash')
				.filter((e) => e.reason === reason)
				.reduce((n, e) => n + (e.count ?? 1), 0);
		expect(byReason('Started')).toBeGreaterThanOrEqual(3);
		expect(byReason('Pulling')).toBe(byReason('Started'));
		expect(byReason('Pulled')).toBe(byReason('Started'));
		const describe = succeeds(lab, 'kubectl describe pod crash').output;
		expect(describe).not.toContain('already present');
	});
});

describe('pull policy IfNotPresent (a tagged image)', () => {
	it('finds the image the node holds: "already present on machine"', () => {
		const seen = secondPodEvents('nginx:1.27');
		expect(seen).toContain(
			'Pulled: Container image "nginx:1.27" already present on machine and can be accessed by the pod'
		);
		expect(seen.some((s) => s.startsWith('Pulling'))).toBe(false);
	});

	it('an explicit imagePullPolicy: Always on a tagged image pulls too', () => {
		const lab = oneNodeLab();
		succeeds(lab, 'kubectl run one --image=nginx:1.27');
		lab.advance(20_000);
		succeeds(lab, 'kubectl run two --image=nginx:1.27 --image-pull-policy=Always');
		lab.advance(20_000);
		const seen = events(lab, 'two').map((e) => e.reason);
		expect(seen).toContain('Pulling');
	});
});
