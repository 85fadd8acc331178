// The Swarm API other parts of the lab call (src/engine/swarm/control.ts): docker's error texts,
// quorum gating (facts.md §2.2: without quorum nothing can be changed, running tasks keep
// running), networks, secrets and configs.
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/core/kernel';
import { createSwarmCluster, type SwarmCluster } from '../../../src/engine/swarm/cluster';
import * as control from '../../../src/engine/swarm/control';
import { SWARM_TASKS, type SwarmTask } from '../../../src/engine/swarm/objects';
import type { ServiceSpec } from '../../../src/engine/swarm/spec';

function swarm(): { kernel: Kernel; swarm: SwarmCluster } {
	const kernel = new Kernel(7, { latencyMs: 1, jitterMs: 2, loss: 0 });
	const cluster = createSwarmCluster(kernel, 1, 2);
	kernel.runUntil(0);
	return { kernel, swarm: cluster };
}

const spec = (name: string, replicas = 2): ServiceSpec => ({
	Name: name,
	TaskTemplate: { ContainerSpec: { Image: 'nginx:1.27' } },
	Mode: { Replicated: { Replicas: replicas } }
});

const NO_LEADER =
	"Error response from daemon: rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.";

describe('control API', () => {
	it('creates, updates, rolls back and removes services with docker’s answers', () => {
		const ctx = swarm();
		const made = control.createService(ctx, spec('web'));
		expect(made.ok).toBe(true);
		expect(control.createService(ctx, spec('web'))).toEqual({
			ok: false,
			error:
				'Error response from daemon: rpc error: code = AlreadyExists desc = name conflicts with an existing object: service web already exists'
		});
		expect(control.createService(ctx, spec('Bad Name'))).toEqual({
			ok: false,
			error:
				'Error response from daemon: rpc error: code = InvalidArgument desc = name must be valid as a DNS name component'
		});
		ctx.kernel.runUntil(20_000);
		const running = () =>
			control
				.listTasks(ctx, control.getService(ctx, 'web')!.ID)
				.filter((t) => t.Status.State === 'running');
		expect(running()).toHaveLength(2);
		const next = { ...spec('web', 3) };
		expect(control.updateService(ctx, 'web', next).ok).toBe(true);
		expect(control.getService(ctx, 'web')!.PreviousSpec).toEqual(
			made.ok ? made.service.Spec : undefined
		);
		ctx.kernel.runUntil(40_000);
		expect(running()).toHaveLength(3);
		expect(control.rollbackService(ctx, 'web').ok).toBe(true);
		ctx.kernel.runUntil(60_000);
		expect(running()).toHaveLength(2);
		expect(control.removeService(ctx, 'web').ok).toBe(true);
		expect(control.removeService(ctx, 'web')).toEqual({
			ok: false,
			error: 'Error response from daemon: service web not found'
		});
		ctx.kernel.runUntil(70_000);
		expect(ctx.kernel.store.size(SWARM_TASKS)).toBe(0);
		expect(control.listServices(ctx)).toEqual([]);
	});

	it('networks, secrets and configs: create, exists, duplicates refused, remove', () => {
		const ctx = swarm();
		expect(control.networkExists(ctx, 'ingress')).toBe(true);
		expect(control.createNetwork(ctx, { Name: 'vote_back', Driver: 'overlay' }).ok).toBe(true);
		expect(control.networkExists(ctx, 'vote_back')).toBe(true);
		expect(control.createNetwork(ctx, { Name: 'vote_back', Driver: 'overlay' })).toEqual({
			ok: false,
			error: 'Error response from daemon: network with name vote_back already exists'
		});
		expect(control.createSecret(ctx, { Name: 'pw', Data: 'c2VjcmV0' }).ok).toBe(true);
		expect(control.secretExists(ctx, 'pw')).toBe(true);
		expect(control.createSecret(ctx, { Name: 'pw' }).ok).toBe(false);
		expect(control.createConfig(ctx, { Name: 'conf' }).ok).toBe(true);
		expect(control.configExists(ctx, 'conf')).toBe(true);
		expect(control.secretExists(ctx, 'conf')).toBe(false);
		expect(control.removeSecret(ctx, 'pw').ok).toBe(true);
		expect(control.secretExists(ctx, 'pw')).toBe(false);
		// A service on a user network gets a VIP on it and its tasks an address there.
		const made = control.createService(ctx, {
			...spec('api', 1),
			TaskTemplate: { ContainerSpec: { Image: 'nginx' }, Networks: [{ Target: 'vote_back' }] }
		});
		expect(made.ok && made.service.Endpoint.VirtualIPs?.[0]?.Addr).toBe('10.0.1.2/24');
		ctx.kernel.runUntil(5_000);
		const task = ctx.kernel.store.list<SwarmTask>(SWARM_TASKS)[0]!;
		expect(task.NetworksAttachments?.[0]?.Network.Spec.Name).toBe('vote_back');
	});

	it('without a quorum every write fails with docker’s error, nothing changes, tasks keep running', () => {
		const ctx = swarm();
		expect(control.createService(ctx, spec('web', 2)).ok).toBe(true);
		ctx.kernel.runUntil(20_000);
		const before = ctx.kernel.store.currentRevision;
		ctx.swarm.runtime.quorum = () => false;
		expect(control.createService(ctx, spec('db'))).toEqual({ ok: false, error: NO_LEADER });
		expect(control.updateService(ctx, 'web', spec('web', 5))).toEqual({
			ok: false,
			error: NO_LEADER
		});
		expect(control.removeService(ctx, 'web')).toEqual({ ok: false, error: NO_LEADER });
		expect(control.createNetwork(ctx, { Name: 'n', Driver: 'overlay' })).toEqual({
			ok: false,
			error: NO_LEADER
		});
		expect(ctx.kernel.store.currentRevision).toBe(before);
		// A machine stops: nobody can reschedule its tasks, the rest keep running.
		const host = ctx.kernel.store.list<SwarmTask>(SWARM_TASKS)[0]!;
		ctx.swarm.hosts.stop('worker-1');
		ctx.kernel.runUntil(80_000);
		const tasks = ctx.kernel.store.list<SwarmTask>(SWARM_TASKS);
		expect(tasks).toHaveLength(2);
		expect(tasks.every((t) => t.Status.State === 'running' && t.DesiredState === 'running')).toBe(
			true
		);
		void host;
		// The quorum comes back: the orchestrator catches up.
		ctx.swarm.runtime.quorum = () => true;
		ctx.kernel.runUntil(120_000);
		expect(
			ctx.kernel.store
				.list<SwarmTask>(SWARM_TASKS)
				.filter((t) => t.Status.State === 'running' && t.DesiredState === 'running')
		).toHaveLength(2);
	});
});
