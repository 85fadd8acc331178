/**
 * A container's main process runs as PID 1, which the kernel sends only the signals it has a
 * handler for (pid_namespaces(7)). A server stops on SIGTERM at once; `sleep` and a shell script
 * do not, and are killed when the grace period ends: Swarm's stop grace period (10 s by default,
 * facts §2.5) and Kubernetes' terminationGracePeriodSeconds (30 s by default).
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import type { Lab } from '../../../src/engine/types';
import { STOP_GRACE_PERIOD_MS } from '../../../src/engine/swarm/defaults';
import {
	CONTAINER_STOP_MS,
	TERMINATION_GRACE_PERIOD_SECONDS
} from '../../../src/engine/kubernetes/defaults';
import { succeeds } from '../lab-helpers';

/** Names of the service's tasks still listed by `docker service ps`. */
function listed(lab: Lab, service: string): string[] {
	return succeeds(lab, `docker service ps ${service}`)
		.output.split('\n')
		.slice(1)
		.filter((l) => l.trim() !== '')
		.map((l) => l.split(/\s+/)[1]!);
}

describe('Swarm: stopping a task', () => {
	function lab(): Lab {
		const l = createLab({ flavor: 'swarm', seed: 2 });
		succeeds(l, 'docker service create --name sleeper busybox sleep 3600');
		succeeds(l, 'docker service create --name quick --stop-grace-period 3s busybox sleep 3600');
		succeeds(l, 'docker service create --name web nginx');
		succeeds(l, 'sim advance 30s');
		succeeds(l, 'docker service scale -d sleeper=0 quick=0 web=0');
		return l;
	}

	it('stops nginx at once, but kills sleep only when the stop grace period ends', () => {
		const l = lab();
		l.advance(1_000);
		expect(listed(l, 'web')).toEqual([]);
		expect(listed(l, 'sleeper')).toEqual(['sleeper.1']);
		l.advance(STOP_GRACE_PERIOD_MS - 2_000);
		expect(listed(l, 'sleeper')).toEqual(['sleeper.1']);
		l.advance(2_000);
		expect(listed(l, 'sleeper')).toEqual([]);
	});

	it('honours --stop-grace-period', () => {
		const l = lab();
		l.advance(2_500);
		expect(listed(l, 'quick')).toEqual(['quick.1']);
		l.advance(1_000);
		expect(listed(l, 'quick')).toEqual([]);
	});
});

describe('Kubernetes: deleting a pod', () => {
	function lab(image: string): Lab {
		const l = createLab({ flavor: 'kubernetes', seed: 2 });
		succeeds(
			l,
			`kubectl run tmp --image=${image} --restart=Never${image === 'busybox' ? ' -- sleep 3600' : ''}`
		);
		succeeds(l, 'sim advance 30s');
		expect(succeeds(l, 'kubectl get pod tmp').output).toMatch(/Running/);
		return l;
	}

	/** How long `kubectl delete pod tmp …` waits for the pod to go. */
	function deletion(l: Lab, flags = ''): number {
		const before = l.now();
		succeeds(l, `kubectl delete pod tmp${flags}`);
		expect(l.exec('kubectl get pod tmp').ok).toBe(false);
		return l.now() - before;
	}

	it('stops nginx at once', () => {
		expect(deletion(lab('nginx'))).toBeLessThanOrEqual(CONTAINER_STOP_MS + 1_000);
	});

	it('waits the whole grace period for `sleep`, which never sees SIGTERM', () => {
		const waited = deletion(lab('busybox'));
		expect(waited).toBeGreaterThanOrEqual(TERMINATION_GRACE_PERIOD_SECONDS * 1000);
		expect(waited).toBeLessThan(TERMINATION_GRACE_PERIOD_SECONDS * 1000 + 1_000);
	});

	it('kills `sleep` after the grace period the delete asks for', () => {
		const waited = deletion(lab('busybox'), ' --grace-period=5');
		expect(waited).toBeGreaterThanOrEqual(5_000);
		expect(waited).toBeLessThan(6_000);
	});
});
