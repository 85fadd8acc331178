/**
 * Registers the Swarm flavour: its cluster and docker's cluster verbs (`docker service …`,
 * `docker node …`; see ./registry.ts). The rest of the docker CLI is not here: a Kubernetes lab
 * answers `docker build`/`push` and docker's own "not a swarm manager" errors too, so it is part
 * of every lab (../commands/run.ts).
 */
import { NODE_VERBS, SERVICE_VERBS } from '../commands/docker/swarm-verbs';
import { createSwarmCluster } from '../swarm/cluster';
import { registerFlavor } from './registry';

registerFlavor({
	name: 'swarm',
	build(kernel, { managers, workers, swarmInitialized }) {
		const swarm = createSwarmCluster(kernel, managers, workers, { initialized: swarmInitialized });
		return { hosts: swarm.hosts, swarm };
	},
	dockerVerbs: { service: SERVICE_VERBS, node: NODE_VERBS }
});
