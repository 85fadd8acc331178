/** Registers the Kubernetes flavour: its cluster and kubectl's verbs (see ./registry.ts). */
import { VERBS } from '../commands/kubectl/verbs';
import { createKubernetesCluster } from '../kubernetes/cluster';
import { registerFlavor } from './registry';

registerFlavor({
	name: 'kubernetes',
	build(kernel, { managers, workers }) {
		const kubernetes = createKubernetesCluster(kernel, managers, workers);
		return { hosts: kubernetes.hosts, kubernetes, booted: () => kubernetes.apiServer.booted() };
	},
	kubectlVerbs: VERBS
});
