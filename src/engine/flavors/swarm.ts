/**
 * Registers the Swarm flavour: its cluster and what only a swarm manager answers of docker's CLI
 * (`docker service …`, `docker node …`, the manager's side of `docker stack`, `swarm`,
 * `secret`, `config` and the Swarm API; ../commands/docker/swarm-verbs.ts, ./registry.ts). The
 * rest of the docker CLI is not here: a Kubernetes lab answers `docker build`/`push`, `docker
 * stack config` and docker's own "not a swarm manager" errors too, so it is part of every lab
 * (../commands/run.ts).
 */
import { DOCKER_SWARM_VERBS } from '../commands/docker/swarm-verbs';
import { createSwarmCluster } from '../swarm/cluster';
import { swarmViews } from './swarm-views';
import { registerFlavor } from './registry';

registerFlavor({
	name: 'swarm',
	build(kernel, { managers, workers, swarmInitialized }) {
		const swarm = createSwarmCluster(kernel, managers, workers, { initialized: swarmInitialized });
		return { hosts: swarm.hosts, swarm };
	},
	views: swarmViews,
	dockerVerbs: DOCKER_SWARM_VERBS
});
