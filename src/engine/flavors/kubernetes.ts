/**
 * Registers the Kubernetes flavour: its cluster, its part of a snapshot (./kubernetes-views.ts)
 * and kubectl's verbs (see ./registry.ts).
 */
import { VERBS } from '../commands/kubectl/verbs';
import { ingressNginxAddon } from '../commands/kubectl/addon-ingress-nginx';
import { createKubernetesCluster } from '../kubernetes/cluster';
import { kubernetesViews } from './kubernetes-views';
import { registerFlavor } from './registry';
import { setClientRunner } from '../kubernetes/kubelet/container-clients';
import { runContainerClient } from '../commands/kubectl/exec-container-run';
import { CERTGEN_PROGRAM, runCertgen } from '../kubernetes/kubelet/webhook-certgen';

registerFlavor({
	name: 'kubernetes',
	build(kernel, { managers, workers }) {
		const kubernetes = createKubernetesCluster(kernel, managers, workers);
		// Containers whose program is a network client run it as `kubectl exec` would.
		// kube-webhook-certgen's sub-commands talk to the API server (kubelet/webhook-certgen.ts).
		setClientRunner(kernel, (pod, container, argv) =>
			argv[0] === CERTGEN_PROGRAM
				? runCertgen(kernel, kubernetes.apiServer, pod, container, argv.slice(1))
				: runContainerClient({ kernel, kubernetes }, pod, container, argv)
		);
		return { hosts: kubernetes.hosts, kubernetes, booted: () => kubernetes.apiServer.booted() };
	},
	views: kubernetesViews,
	kubectlVerbs: VERBS,
	addons: { 'ingress-nginx': ingressNginxAddon }
});
