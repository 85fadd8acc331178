/**
 * The `kubernetes` Service in `default`, which the API server's bootstrap controller keeps
 * (pkg/controlplane/controller/kubernetesservice): ClusterIP 10.96.0.1, port `https` 443 →
 * 6443, and endpoints — the control-plane nodes' addresses — written by the API server itself
 * (its slice is named plain `kubernetes`; cli-formats.md §2.7). Deleted (`kubectl delete svc
 * --all` in default), it is created again, with a new uid, at the controller's next round.
 */
import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Kernel } from '../../core/kernel';
import { uuid } from '../../core/ids';
import { rfc3339 } from '../../core/time';
import { ENDPOINTSLICES, SERVICES, key } from '../api/collections';
import {
	API_SERVER_PORT,
	KUBERNETES_SERVICE_IP,
	KUBERNETES_SERVICE_RECONCILE_MS
} from '../defaults';
import { ENDPOINTS, SERVICE_NAME_LABEL } from './endpointslice-controller';

const SERVICE_KEY = key('default', 'kubernetes');
const RECONCILE = 'apiserver.kubernetesservice';

export function createKubernetesService(kernel: Kernel, controlPlaneIPs: readonly string[]): void {
	// Its own stream: adding this object shifts no other object's uid.
	const ids = kernel.rng.stream('services/bootstrap-uids');
	const at = rfc3339(kernel.now);
	const labels = { component: 'apiserver', provider: 'kubernetes' };
	const meta = (name: string, rv: number, extra: Record<string, unknown> = {}) => ({
		name,
		namespace: 'default',
		uid: uuid(ids),
		resourceVersion: String(rv),
		creationTimestamp: at,
		...extra
	});
	const putService = () =>
		kernel.store.put<Service>(SERVICES, SERVICE_KEY, (rv) => ({
			apiVersion: 'v1',
			kind: 'Service',
			metadata: meta('kubernetes', rv, { labels, creationTimestamp: rfc3339(kernel.now) }),
			spec: {
				clusterIP: KUBERNETES_SERVICE_IP,
				clusterIPs: [KUBERNETES_SERVICE_IP],
				internalTrafficPolicy: 'Cluster',
				ipFamilies: ['IPv4'],
				ipFamilyPolicy: 'SingleStack',
				ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: API_SERVER_PORT }],
				sessionAffinity: 'None',
				type: 'ClusterIP'
			},
			status: { loadBalancer: {} }
		}));
	putService();
	// The controller's loop (wait.Until every 10 s since the API server started) finds it gone.
	kernel.on(RECONCILE, () => {
		if (kernel.store.get(SERVICES, SERVICE_KEY) === undefined) putService();
	});
	kernel.store.watch(SERVICES, (e) => {
		if (e.type !== 'DELETED' || e.key !== SERVICE_KEY) return;
		const period = KUBERNETES_SERVICE_RECONCILE_MS;
		kernel.after(period - (kernel.now % period), RECONCILE);
	});
	const ports = [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }];
	kernel.store.put<Endpoints>(ENDPOINTS, key('default', 'kubernetes'), (rv) => ({
		apiVersion: 'v1',
		kind: 'Endpoints',
		metadata: meta('kubernetes', rv, {
			labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' }
		}),
		subsets: [{ addresses: controlPlaneIPs.map((ip) => ({ ip })), ports }]
	}));
	kernel.store.put<EndpointSlice>(ENDPOINTSLICES, key('default', 'kubernetes'), (rv) => ({
		apiVersion: 'discovery.k8s.io/v1',
		kind: 'EndpointSlice',
		metadata: meta('kubernetes', rv, {
			generation: 1,
			labels: { [SERVICE_NAME_LABEL]: 'kubernetes' }
		}),
		addressType: 'IPv4',
		endpoints: controlPlaneIPs.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
		ports
	}));
}
