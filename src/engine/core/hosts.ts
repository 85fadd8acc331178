/**
 * The simulated machines of a lab, each with its power machine (an xstate actor on the lab's
 * clock). Agents of either flavour hook their boot and shutdown in here.
 */
import { createActor, type Actor, type Snapshot } from 'xstate';
import { hostMachine } from '../machines/host.machine';
import type { Component, Kernel } from './kernel';

export interface HostHooks {
	boot(host: string): void;
	halt(host: string): void;
}

type HostActor = Actor<typeof hostMachine>;

export class Hosts implements Component {
	readonly name = 'hosts';
	private actors = new Map<string, HostActor>();

	constructor(
		private readonly kernel: Kernel,
		readonly names: readonly string[],
		private readonly hooks: HostHooks
	) {
		for (const host of names) this.actors.set(host, this.spawn(host));
		kernel.register(this);
	}

	// One machine for every host of this lab; the actions read which host from the context.
	private readonly machine = hostMachine.provide({
		actions: {
			boot: ({ context }) => {
				this.kernel.network.setHostUp(context.host, true);
				this.kernel.emit(
					'node.started',
					`node/${context.host}`,
					`Machine ${context.host} powered on.`
				);
				this.hooks.boot(context.host);
			},
			halt: ({ context }) => {
				this.kernel.network.setHostUp(context.host, false);
				this.kernel.emit(
					'node.stopped',
					`node/${context.host}`,
					`Machine ${context.host} powered off.`
				);
				this.hooks.halt(context.host);
			}
		}
	});

	private spawn(host: string, snapshot?: Snapshot<unknown>): HostActor {
		const actor = createActor(this.machine, {
			clock: this.kernel.clock,
			input: { host },
			snapshot
		});
		actor.start();
		return actor;
	}

	has(host: string): boolean {
		return this.actors.has(host);
	}

	isRunning(host: string): boolean {
		return this.actors.get(host)?.getSnapshot().value === 'running';
	}

	stop(host: string): void {
		this.actors.get(host)?.send({ type: 'STOP' });
	}

	start(host: string): void {
		this.actors.get(host)?.send({ type: 'START' });
	}

	/** The stopped hosts: a host's power machine has no other state worth keeping. */
	save(): string[] {
		return this.names.filter((host) => !this.isRunning(host));
	}

	load(state: unknown): void {
		const stopped = new Set(state as string[]);
		for (const [host, actor] of this.actors) {
			const value = stopped.has(host) ? 'stopped' : 'running';
			if (actor.getSnapshot().value === value) continue;
			actor.stop();
			const snapshot = this.machine.resolveState({ value, context: { host } });
			this.actors.set(host, this.spawn(host, snapshot as Snapshot<unknown>));
		}
	}
}
