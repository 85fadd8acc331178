/**
 * The control plane's static pods, as kubeadm v1.35 writes them to /etc/kubernetes/manifests
 * (phases/controlplane/manifests.go, phases/etcd/local.go) and as the kubelet mirrors them to
 * the API server: named `<component>-<node>`, owned by their Node, annotated
 * `kubernetes.io/config.mirror` (kubelet pkg/kubelet/types: ConfigMirrorAnnotationKey).
 */
import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import {
	API_SERVER_PORT,
	CONTROL_PLANE_IMAGE,
	ETCD_IMAGE,
	SYSTEM_NODE_CRITICAL_PRIORITY
} from '../defaults';
import { SERVICE_RANGE, SYSTEM } from './addon-manifests';

/** kubelet pkg/kubelet/types/pod_update.go ConfigMirrorAnnotationKey. */
export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

interface Component {
	name: string;
	image: string;
	command: string[];
	requests: Record<string, string>;
	annotations?: Record<string, string>;
}

/** The four components on one control-plane node (`ip`: its address; `members`: etcd's peers). */
function components(
	node: string,
	ip: string,
	clusterCidr: string,
	members: readonly [string, string][]
): Component[] {
	const pki = '/etc/kubernetes/pki';
	return [
		{
			name: 'etcd',
			image: ETCD_IMAGE,
			requests: { cpu: '100m', memory: '100Mi' },
			annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
			command: [
				'etcd',
				`--advertise-client-urls=https://${ip}:2379`,
				`--cert-file=${pki}/etcd/server.crt`,
				'--client-cert-auth=true',
				'--data-dir=/var/lib/etcd',
				`--initial-advertise-peer-urls=https://${ip}:2380`,
				`--initial-cluster=${members.map(([n, a]) => `${n}=https://${a}:2380`).join(',')}`,
				`--key-file=${pki}/etcd/server.key`,
				`--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
				'--listen-metrics-urls=http://127.0.0.1:2381',
				`--listen-peer-urls=https://${ip}:2380`,
				`--name=${node}`,
				`--peer-cert-file=${pki}/etcd/peer.crt`,
				'--peer-client-cert-auth=true',
				`--peer-key-file=${pki}/etcd/peer.key`,
				`--peer-trusted-ca-file=${pki}/etcd/ca.crt`,
				'--snapshot-count=10000',
				`--trusted-ca-file=${pki}/etcd/ca.crt`
			]
		},
		{
			name: 'kube-apiserver',
			image: CONTROL_PLANE_IMAGE('kube-apiserver'),
			requests: { cpu: '250m' },
			annotations: {
				'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:${API_SERVER_PORT}`
			},
			command: [
				'kube-apiserver',
				`--advertise-address=${ip}`,
				'--allow-privileged=true',
				'--authorization-mode=Node,RBAC',
				`--client-ca-file=${pki}/ca.crt`,
				'--enable-admission-plugins=NodeRestriction',
				'--enable-bootstrap-token-auth=true',
				'--etcd-servers=https://127.0.0.1:2379',
				`--secure-port=${API_SERVER_PORT}`,
				'--service-account-issuer=https://kubernetes.default.svc.cluster.local',
				`--service-cluster-ip-range=${SERVICE_RANGE}`,
				`--tls-cert-file=${pki}/apiserver.crt`,
				`--tls-private-key-file=${pki}/apiserver.key`
			]
		},
		{
			name: 'kube-controller-manager',
			image: CONTROL_PLANE_IMAGE('kube-controller-manager'),
			requests: { cpu: '200m' },
			command: [
				'kube-controller-manager',
				'--allocate-node-cidrs=true',
				'--bind-address=127.0.0.1',
				`--cluster-cidr=${clusterCidr}`,
				'--cluster-name=kubernetes',
				'--controllers=*,bootstrapsigner,tokencleaner',
				'--kubeconfig=/etc/kubernetes/controller-manager.conf',
				'--leader-elect=true',
				`--service-cluster-ip-range=${SERVICE_RANGE}`,
				'--use-service-account-credentials=true'
			]
		},
		{
			name: 'kube-scheduler',
			image: CONTROL_PLANE_IMAGE('kube-scheduler'),
			requests: { cpu: '100m' },
			command: [
				'kube-scheduler',
				'--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
				'--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
				'--bind-address=127.0.0.1',
				'--kubeconfig=/etc/kubernetes/scheduler.conf',
				'--leader-elect=true'
			]
		}
	];
}

/**
 * The mirror pods of one control-plane node's static pods. `hash` gives each manifest's
 * config hash (the kubelet's hash of the file's pod; here any stable 32-hex-digit value).
 */
export function staticPods(
	node: Node,
	ip: string,
	clusterCidr: string,
	members: readonly [string, string][],
	hash: () => string
): Pod[] {
	const name = node.metadata!.name!;
	return components(name, ip, clusterCidr, members).map((c) => {
		const configHash = hash();
		const container: Container = {
			name: c.name,
			image: c.image,
			imagePullPolicy: 'IfNotPresent',
			command: c.command,
			resources: { requests: c.requests }
		};
		return {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {
				name: `${c.name}-${name}`,
				namespace: SYSTEM,
				labels: { component: c.name, tier: 'control-plane' },
				annotations: {
					...c.annotations,
					'kubernetes.io/config.hash': configHash,
					[MIRROR_ANNOTATION]: configHash,
					'kubernetes.io/config.source': 'file'
				},
				ownerReferences: [
					{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata!.uid!, controller: true }
				]
			},
			spec: {
				containers: [container],
				hostNetwork: true,
				nodeName: name,
				priority: SYSTEM_NODE_CRITICAL_PRIORITY,
				priorityClassName: 'system-node-critical',
				securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
				tolerations: [{ operator: 'Exists', effect: 'NoExecute' }]
			}
		};
	});
}

export function isMirrorPod(pod: Pod): boolean {
	return pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined;
}
