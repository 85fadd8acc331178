/**
 * The `hostname` of a pod's endpoint in a Service's EndpointSlice (and Endpoints address): set
 * when the pod names the Service as its subdomain (endpointslice utils.go podToEndpoint and
 * endpoints controller: `if ShouldSetHostname(pod, service) { ep.Hostname = &pod.Spec.Hostname }`,
 * pkg/controller/util/endpoint controller_utils.go). A StatefulSet's pods get `hostname` = pod
 * name and `subdomain` = serviceName, so its governing Service publishes `web-0.nginx…`.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1';

/** ShouldSetHostname: the pod's spec.hostname, when spec.subdomain names this Service. */
export function endpointHostnameOf(pod: Pod, service: Service): string | undefined {
	const hostname = pod.spec?.hostname;
	if (hostname === undefined || hostname === '') return undefined;
	const sameNamespace =
		(pod.metadata?.namespace ?? 'default') === (service.metadata?.namespace ?? 'default');
	return pod.spec?.subdomain === service.metadata?.name && sameNamespace ? hostname : undefined;
}
