/**
 * Registers the Kubernetes flavour: its cluster, its part of a snapshot (./kubernetes-views.ts)
 * and kubectl's verbs (see ./registry.ts).
 */
import { VERBS } from '../commands/kubectl/verbs';
import { ingressNginxAddon } from '../commands/kubectl/addon-ingress-nginx';
import { createKubernetesCluster } from '../kubernetes/cluster';
import { kubernetesViews } from './kubernetes-views';
import { registerFlavor } from './registry';

registerFlavor({
	name: 'kubernetes',
	build(kernel, { managers, workers }) {
		const kubernetes = createKubernetesCluster(kernel, managers, workers);
		return { hosts: kubernetes.hosts, kubernetes, booted: () => kubernetes.apiServer.booted() };
	},
	views: kubernetesViews,
	kubectlVerbs: VERBS,
	addons: { 'ingress-nginx': ingressNginxAddon }
});
