/**
 * The simulated machines of a lab, each with its power machine. Agents of either flavour hook
 * their boot and shutdown in here.
 *
 * One machine steps every host: a host's state is plain data (whether it is stopped), resolved
 * into a snapshot only when it gets an event, so 5,000 hosts cost a set entry each rather than
 * an actor each (kilobytes apiece).
 */
import { transition } from 'xstate';
import { hostMachine, type HostEvent } from '../machines/host.machine';
import type { Component, Kernel } from './kernel';

export interface HostHooks {
	boot(host: string): void;
	halt(host: string): void;
}

type Power = 'running' | 'stopped';

export class Hosts implements Component {
	readonly name = 'hosts';
	private readonly known: ReadonlySet<string>;
	/** The stopped hosts (every host starts running: the machine's initial state). */
	private stopped = new Set<string>();

	constructor(
		private readonly kernel: Kernel,
		readonly names: readonly string[],
		private readonly hooks: HostHooks
	) {
		this.known = new Set(names);
		kernel.register(this);
	}

	private power(host: string): Power {
		return this.stopped.has(host) ? 'stopped' : 'running';
	}

	/** Steps `host`'s machine with `event`: its actions run first, as an actor's would. */
	private send(host: string, event: HostEvent): void {
		if (!this.known.has(host)) return;
		const snapshot = hostMachine.resolveState({ value: this.power(host), context: { host } });
		const [next, actions] = transition(hostMachine, snapshot, event);
		for (const action of actions) {
			if (action.type === 'boot') this.boot(host);
			else if (action.type === 'halt') this.halt(host);
		}
		if (next.value === 'stopped') this.stopped.add(host);
		else this.stopped.delete(host);
	}

	private boot(host: string): void {
		this.kernel.network.setHostUp(host, true);
		this.kernel.emit('node.started', `node/${host}`, `Machine ${host} powered on.`);
		this.hooks.boot(host);
	}

	private halt(host: string): void {
		this.kernel.network.setHostUp(host, false);
		this.kernel.emit('node.stopped', `node/${host}`, `Machine ${host} powered off.`);
		this.hooks.halt(host);
	}

	has(host: string): boolean {
		return this.known.has(host);
	}

	isRunning(host: string): boolean {
		// Asked for every pod a kubelet takes on; most labs have no stopped host to look up.
		return this.known.has(host) && (this.stopped.size === 0 || !this.stopped.has(host));
	}

	stop(host: string): void {
		this.send(host, { type: 'STOP' });
	}

	start(host: string): void {
		this.send(host, { type: 'START' });
	}

	/** The stopped hosts: a host's power machine has no other state worth keeping. */
	save(): string[] {
		return this.names.filter((host) => this.stopped.has(host));
	}

	load(state: unknown): void {
		this.stopped = new Set(state as string[]);
	}
}
