/**
 * One simulated machine's power: running or stopped. The node agent (kubelet, swarm agent)
 * provides what happens on boot and on power-off; stopping a stopped host is refused by the
 * command layer before it reaches here, so the machine only sees meaningful transitions.
 */
import { setup } from 'xstate';

export type HostEvent = { type: 'STOP' } | { type: 'START' };

export const hostMachine = setup({
	types: {
		events: {} as HostEvent,
		context: {} as { host: string },
		input: {} as { host: string }
	},
	actions: {
		// Replaced per host with .provide(): the agent's boot and shutdown.
		boot: () => {},
		halt: () => {}
	}
}).createMachine({
	id: 'host',
	context: ({ input }) => ({ host: input.host }),
	initial: 'running',
	states: {
		running: { on: { STOP: { target: 'stopped', actions: 'halt' } } },
		stopped: { on: { START: { target: 'running', actions: 'boot' } } }
	}
});
