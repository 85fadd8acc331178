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

	private spawn(host: string, snapshot?: Snapshot<unknown>): HostActor {
		const machine = hostMachine.provide({
			actions: {
				boot: () => {
					this.kernel.network.setHostUp(host, true);
					this.kernel.emit('node.started', `node/${host}`, `Machine ${host} powered on.`);
					this.hooks.boot(host);
				},
				halt: () => {
					this.kernel.network.setHostUp(host, false);
					this.kernel.emit('node.stopped', `node/${host}`, `Machine ${host} powered off.`);
					this.hooks.halt(host);
				}
			}
		});
		const actor = createActor(machine, { clock: this.kernel.clock, snapshot });
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

	save(): Map<string, Snapshot<unknown>> {
		const out = new Map<string, Snapshot<unknown>>();
		for (const [host, actor] of this.actors) out.set(host, actor.getPersistedSnapshot());
		return out;
	}

	load(state: unknown): void {
		const saved = state as Map<string, Snapshot<unknown>>;
		for (const [host, actor] of this.actors) {
			actor.stop();
			this.actors.set(host, this.spawn(host, saved.get(host)));
		}
	}
}
