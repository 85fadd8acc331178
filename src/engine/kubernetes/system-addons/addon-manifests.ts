/**
 * The add-ons `kubeadm init` installs in kube-system, as kubeadm v1.35 writes them:
 * kube-proxy (phases/addons/proxy/manifests.go KubeProxyDaemonSet19) and CoreDNS
 * (phases/addons/dns/manifests.go CoreDNSDeployment, CoreDNSService, the Corefile), with their
 * ConfigMaps and ServiceAccounts. The API server's defaults are added when they are stored.
 */
import type { DaemonSet, Deployment } from 'kubernetes-types/apps/v1';
import type { ConfigMap, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import {
	COREDNS_IMAGE,
	COREDNS_REPLICAS,
	CONTROL_PLANE_TAINT,
	KUBE_DNS_SERVICE_IP,
	KUBE_PROXY_IMAGE,
	SERVICE_CIDR
} from '../defaults';

export const SYSTEM = 'kube-system';
const LINUX = { 'kubernetes.io/os': 'linux' };

export const KUBE_PROXY_LABELS = { 'k8s-app': 'kube-proxy' };
export const KUBE_DNS_LABELS = { 'k8s-app': 'kube-dns' };

export function kubeProxyDaemonSet(): DaemonSet {
	return {
		apiVersion: 'apps/v1',
		kind: 'DaemonSet',
		metadata: { name: 'kube-proxy', namespace: SYSTEM, labels: { ...KUBE_PROXY_LABELS } },
		spec: {
			selector: { matchLabels: { ...KUBE_PROXY_LABELS } },
			updateStrategy: { type: 'RollingUpdate' },
			template: {
				metadata: { labels: { ...KUBE_PROXY_LABELS } },
				spec: {
					priorityClassName: 'system-node-critical',
					containers: [
						{
							name: 'kube-proxy',
							image: KUBE_PROXY_IMAGE,
							imagePullPolicy: 'IfNotPresent',
							command: [
								'/usr/local/bin/kube-proxy',
								'--config=/var/lib/kube-proxy/config.conf',
								'--hostname-override=$(NODE_NAME)'
							],
							securityContext: { privileged: true },
							volumeMounts: [
								{ mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
								{ mountPath: '/run/xtables.lock', name: 'xtables-lock' },
								{ mountPath: '/lib/modules', name: 'lib-modules', readOnly: true }
							],
							env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }]
						}
					],
					hostNetwork: true,
					serviceAccountName: 'kube-proxy',
					volumes: [
						{ name: 'kube-proxy', configMap: { name: 'kube-proxy' } },
						{ name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
						{ name: 'lib-modules', hostPath: { path: '/lib/modules' } }
					],
					// kube-proxy runs on every node, whatever its taints.
					tolerations: [{ operator: 'Exists' }],
					nodeSelector: { ...LINUX }
				}
			}
		}
	};
}

export function coreDnsDeployment(): Deployment {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: { name: 'coredns', namespace: SYSTEM, labels: { ...KUBE_DNS_LABELS } },
		spec: {
			replicas: COREDNS_REPLICAS,
			strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
			selector: { matchLabels: { ...KUBE_DNS_LABELS } },
			template: {
				metadata: { labels: { ...KUBE_DNS_LABELS } },
				spec: {
					priorityClassName: 'system-cluster-critical',
					serviceAccountName: 'coredns',
					affinity: {
						podAntiAffinity: {
							preferredDuringSchedulingIgnoredDuringExecution: [
								{
									weight: 100,
									podAffinityTerm: {
										labelSelector: {
											matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }]
										},
										topologyKey: 'kubernetes.io/hostname'
									}
								}
							]
						}
					},
					tolerations: [
						{ key: 'CriticalAddonsOnly', operator: 'Exists' },
						{ key: CONTROL_PLANE_TAINT, effect: 'NoSchedule' }
					],
					nodeSelector: { ...LINUX },
					containers: [
						{
							name: 'coredns',
							image: COREDNS_IMAGE,
							imagePullPolicy: 'IfNotPresent',
							resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
							args: ['-conf', '/etc/coredns/Corefile'],
							volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
							ports: [
								{ containerPort: 53, name: 'dns', protocol: 'UDP' },
								{ containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
								{ containerPort: 9153, name: 'metrics', protocol: 'TCP' },
								{ containerPort: 8080, name: 'liveness-probe', protocol: 'TCP' },
								{ containerPort: 8181, name: 'readiness-probe', protocol: 'TCP' }
							],
							livenessProbe: {
								httpGet: { path: '/health', port: 'liveness-probe', scheme: 'HTTP' },
								initialDelaySeconds: 60,
								timeoutSeconds: 5,
								successThreshold: 1,
								failureThreshold: 5
							},
							readinessProbe: {
								httpGet: { path: '/ready', port: 'readiness-probe', scheme: 'HTTP' }
							},
							securityContext: {
								allowPrivilegeEscalation: false,
								capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
								readOnlyRootFilesystem: true
							}
						}
					],
					dnsPolicy: 'Default',
					volumes: [
						{
							name: 'config-volume',
							configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] }
						}
					]
				}
			}
		}
	};
}

export function kubeDnsService(): Service {
	return {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {
			name: 'kube-dns',
			namespace: SYSTEM,
			labels: {
				...KUBE_DNS_LABELS,
				'kubernetes.io/cluster-service': 'true',
				'kubernetes.io/name': 'CoreDNS'
			},
			annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' }
		},
		spec: {
			clusterIP: KUBE_DNS_SERVICE_IP,
			clusterIPs: [KUBE_DNS_SERVICE_IP],
			ports: [
				{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
				{ name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
				{ name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 }
			],
			selector: { ...KUBE_DNS_LABELS }
		}
	};
}

/** kubeadm's Corefile (phases/addons/dns/manifests.go CoreDNSConfigMap, cluster.local). */
const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

/** The kube-proxy configuration kubeadm stores (KubeProxyConfiguration; mode "" is iptables). */
function kubeProxyConfig(podCidr: string): string {
	return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
clientConnection:
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
clusterCIDR: ${podCidr}
iptables:
  masqueradeAll: false
  minSyncPeriod: 1s
  syncPeriod: 30s
kind: KubeProxyConfiguration
metricsBindAddress: ""
mode: ""
`;
}

function kubeProxyKubeconfig(server: string): string {
	return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: ${server}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
`;
}

export function addonConfigMaps(apiServerUrl: string, clusterCidr: string): ConfigMap[] {
	const configMap = (
		name: string,
		data: Record<string, string>,
		labels?: Record<string, string>
	): ConfigMap => ({
		apiVersion: 'v1',
		kind: 'ConfigMap',
		metadata: { name, namespace: SYSTEM, ...(labels ? { labels } : {}) },
		data
	});
	return [
		configMap('coredns', { Corefile: COREFILE }),
		configMap(
			'kube-proxy',
			{
				'config.conf': kubeProxyConfig(clusterCidr),
				'kubeconfig.conf': kubeProxyKubeconfig(apiServerUrl)
			},
			{ app: 'kube-proxy' }
		)
	];
}

export function addonServiceAccounts(): ServiceAccount[] {
	return ['coredns', 'kube-proxy'].map((name) => ({
		apiVersion: 'v1',
		kind: 'ServiceAccount',
		metadata: { name, namespace: SYSTEM }
	}));
}

/** The service range in CIDR notation (kube-apiserver's --service-cluster-ip-range). */
export const SERVICE_RANGE = `${SERVICE_CIDR.base}/${SERVICE_CIDR.prefix}`;
