/**
 * Registers the Swarm flavour: its cluster (see ./registry.ts). The docker CLI is not here: a
 * Kubernetes lab answers `docker build`/`push` and docker's own "not a swarm manager" errors too,
 * so it is part of every lab (../commands/run.ts).
 */
import { createSwarmCluster } from '../swarm/cluster';
import { registerFlavor } from './registry';

registerFlavor({
	name: 'swarm',
	build(kernel, { managers, workers, swarmInitialized }) {
		const swarm = createSwarmCluster(kernel, managers, workers, { initialized: swarmInitialized });
		return { hosts: swarm.hosts, swarm };
	}
});
