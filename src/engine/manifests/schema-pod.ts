/**
 * PodSpec and everything under it (k8s.io/api core/v1 types.go, v1.35). Inline (embedded)
 * Go structs, such as Probe's ProbeHandler and Volume's VolumeSource, are merged into their
 * parent, because Go names the parent struct in errors about their fields.
 */
import type { Fields, Schema } from './schema-base';
import {
	any,
	arr,
	bool,
	i32,
	i64,
	intOrString,
	labelSelector,
	obj,
	objectMeta,
	open,
	quantity,
	resourceList,
	str,
	stringMap,
	strings
} from './schema-base';

const localObjectReference = obj('v1', 'LocalObjectReference', () => ({ name: str() }));

const keySelector = (struct: string) =>
	obj('v1', struct, () => ({ key: str(), name: str(), optional: bool }));

const envVar = obj('v1', 'EnvVar', () => ({
	name: str(),
	value: str(),
	valueFrom: obj('v1', 'EnvVarSource', () => ({
		configMapKeyRef: keySelector('ConfigMapKeySelector'),
		fieldRef: obj('v1', 'ObjectFieldSelector', () => ({ apiVersion: str(), fieldPath: str() })),
		fileKeyRef: open('v1', 'FileKeySelector'),
		resourceFieldRef: open('v1', 'ResourceFieldSelector'),
		secretKeyRef: keySelector('SecretKeySelector')
	}))
}));

const containerPort = obj('v1', 'ContainerPort', () => ({
	containerPort: i32,
	hostIP: str(),
	hostPort: i32,
	name: str(),
	protocol: str('v1.Protocol')
}));

export const resourceRequirements = obj('v1', 'ResourceRequirements', () => ({
	claims: arr(open('v1', 'ResourceClaim')),
	limits: resourceList,
	requests: resourceList
}));

const probe = obj('v1', 'Probe', () => ({
	exec: obj('v1', 'ExecAction', () => ({ command: strings })),
	grpc: open('v1', 'GRPCAction'),
	httpGet: obj('v1', 'HTTPGetAction', () => ({
		host: str(),
		httpHeaders: arr(obj('v1', 'HTTPHeader', () => ({ name: str(), value: str() }))),
		path: str(),
		port: intOrString,
		scheme: str('v1.URIScheme')
	})),
	tcpSocket: obj('v1', 'TCPSocketAction', () => ({ host: str(), port: intOrString })),
	failureThreshold: i32,
	initialDelaySeconds: i32,
	periodSeconds: i32,
	successThreshold: i32,
	terminationGracePeriodSeconds: i64,
	timeoutSeconds: i32
}));

const volumeMount = obj('v1', 'VolumeMount', () => ({
	mountPath: str(),
	mountPropagation: str('v1.MountPropagationMode'),
	name: str(),
	readOnly: bool,
	recursiveReadOnly: str('v1.RecursiveReadOnlyMode'),
	subPath: str(),
	subPathExpr: str()
}));

export const container = obj('v1', 'Container', () => ({
	args: strings,
	command: strings,
	env: arr(envVar),
	envFrom: arr(open('v1', 'EnvFromSource')),
	image: str(),
	imagePullPolicy: str('v1.PullPolicy'),
	lifecycle: open('v1', 'Lifecycle'),
	livenessProbe: probe,
	name: str(),
	ports: arr(containerPort),
	readinessProbe: probe,
	resizePolicy: arr(open('v1', 'ContainerResizePolicy')),
	resources: resourceRequirements,
	restartPolicy: str('v1.ContainerRestartPolicy'),
	restartPolicyRules: arr(open('v1', 'ContainerRestartRule')),
	securityContext: open('v1', 'SecurityContext'),
	startupProbe: probe,
	stdin: bool,
	stdinOnce: bool,
	terminationMessagePath: str(),
	terminationMessagePolicy: str('v1.TerminationMessagePolicy'),
	tty: bool,
	volumeDevices: arr(open('v1', 'VolumeDevice')),
	volumeMounts: arr(volumeMount),
	workingDir: str()
}));

const keyToPath = obj('v1', 'KeyToPath', () => ({ key: str(), mode: i32, path: str() }));

/** The volume sources the lab models; the others are accepted as open objects. */
const OPEN_SOURCES = [
	'awsElasticBlockStore:AWSElasticBlockStoreVolumeSource',
	'azureDisk:AzureDiskVolumeSource',
	'azureFile:AzureFileVolumeSource',
	'cephfs:CephFSVolumeSource',
	'cinder:CinderVolumeSource',
	'csi:CSIVolumeSource',
	'downwardAPI:DownwardAPIVolumeSource',
	'ephemeral:EphemeralVolumeSource',
	'fc:FCVolumeSource',
	'flexVolume:FlexVolumeSource',
	'flocker:FlockerVolumeSource',
	'gcePersistentDisk:GCEPersistentDiskVolumeSource',
	'gitRepo:GitRepoVolumeSource',
	'glusterfs:GlusterfsVolumeSource',
	'image:ImageVolumeSource',
	'iscsi:ISCSIVolumeSource',
	'nfs:NFSVolumeSource',
	'photonPersistentDisk:PhotonPersistentDiskVolumeSource',
	'portworxVolume:PortworxVolumeSource',
	'projected:ProjectedVolumeSource',
	'quobyte:QuobyteVolumeSource',
	'rbd:RBDVolumeSource',
	'scaleIO:ScaleIOVolumeSource',
	'storageos:StorageOSVolumeSource',
	'vsphereVolume:VsphereVirtualDiskVolumeSource'
];

const volume = obj('v1', 'Volume', () => ({
	...Object.fromEntries(
		OPEN_SOURCES.map((entry) => {
			const [name = '', struct = ''] = entry.split(':');
			return [name, open('v1', struct)];
		})
	),
	configMap: obj('v1', 'ConfigMapVolumeSource', () => ({
		defaultMode: i32,
		items: arr(keyToPath),
		name: str(),
		optional: bool
	})),
	emptyDir: obj('v1', 'EmptyDirVolumeSource', () => ({
		medium: str('v1.StorageMedium'),
		sizeLimit: quantity
	})),
	hostPath: obj('v1', 'HostPathVolumeSource', () => ({
		path: str(),
		type: str('v1.HostPathType')
	})),
	name: str(),
	persistentVolumeClaim: obj('v1', 'PersistentVolumeClaimVolumeSource', () => ({
		claimName: str(),
		readOnly: bool
	})),
	secret: obj('v1', 'SecretVolumeSource', () => ({
		defaultMode: i32,
		items: arr(keyToPath),
		optional: bool,
		secretName: str()
	}))
}));

const nodeSelectorRequirement = obj('v1', 'NodeSelectorRequirement', () => ({
	key: str(),
	operator: str('v1.NodeSelectorOperator'),
	values: strings
}));

const nodeSelectorTerm = obj('v1', 'NodeSelectorTerm', () => ({
	matchExpressions: arr(nodeSelectorRequirement),
	matchFields: arr(nodeSelectorRequirement)
}));

const podAffinityTerm = obj('v1', 'PodAffinityTerm', () => ({
	labelSelector,
	matchLabelKeys: strings,
	mismatchLabelKeys: strings,
	namespaceSelector: labelSelector,
	namespaces: strings,
	topologyKey: str()
}));

const podAffinityFields = (): Fields => ({
	preferredDuringSchedulingIgnoredDuringExecution: arr(
		obj('v1', 'WeightedPodAffinityTerm', () => ({ podAffinityTerm, weight: i32 }))
	),
	requiredDuringSchedulingIgnoredDuringExecution: arr(podAffinityTerm)
});

const affinity = obj('v1', 'Affinity', () => ({
	nodeAffinity: obj('v1', 'NodeAffinity', () => ({
		preferredDuringSchedulingIgnoredDuringExecution: arr(
			obj('v1', 'PreferredSchedulingTerm', () => ({ preference: nodeSelectorTerm, weight: i32 }))
		),
		requiredDuringSchedulingIgnoredDuringExecution: obj('v1', 'NodeSelector', () => ({
			nodeSelectorTerms: arr(nodeSelectorTerm)
		}))
	})),
	podAffinity: obj('v1', 'PodAffinity', podAffinityFields),
	podAntiAffinity: obj('v1', 'PodAntiAffinity', podAffinityFields)
}));

const toleration = obj('v1', 'Toleration', () => ({
	effect: str('v1.TaintEffect'),
	key: str(),
	operator: str('v1.TolerationOperator'),
	tolerationSeconds: i64,
	value: str()
}));

const topologySpreadConstraint = obj('v1', 'TopologySpreadConstraint', () => ({
	labelSelector,
	matchLabelKeys: strings,
	maxSkew: i32,
	minDomains: i32,
	nodeAffinityPolicy: str('v1.NodeInclusionPolicy'),
	nodeTaintsPolicy: str('v1.NodeInclusionPolicy'),
	topologyKey: str(),
	whenUnsatisfiable: str('v1.UnsatisfiableConstraintAction')
}));

export const podSpec: Schema = obj('v1', 'PodSpec', () => ({
	activeDeadlineSeconds: i64,
	affinity,
	automountServiceAccountToken: bool,
	containers: arr(container),
	dnsConfig: open('v1', 'PodDNSConfig'),
	dnsPolicy: str('v1.DNSPolicy'),
	enableServiceLinks: bool,
	ephemeralContainers: arr(open('v1', 'EphemeralContainer')),
	hostAliases: arr(open('v1', 'HostAlias')),
	hostIPC: bool,
	hostNetwork: bool,
	hostPID: bool,
	hostUsers: bool,
	hostname: str(),
	hostnameOverride: str(),
	imagePullSecrets: arr(localObjectReference),
	initContainers: arr(container),
	nodeName: str(),
	nodeSelector: stringMap,
	os: open('v1', 'PodOS'),
	overhead: resourceList,
	preemptionPolicy: str('v1.PreemptionPolicy'),
	priority: i32,
	priorityClassName: str(),
	readinessGates: arr(open('v1', 'PodReadinessGate')),
	resourceClaims: arr(open('v1', 'PodResourceClaim')),
	resources: resourceRequirements,
	restartPolicy: str('v1.RestartPolicy'),
	runtimeClassName: str(),
	schedulerName: str(),
	schedulingGates: arr(open('v1', 'PodSchedulingGate')),
	securityContext: open('v1', 'PodSecurityContext'),
	serviceAccount: str(),
	serviceAccountName: str(),
	setHostnameAsFQDN: bool,
	shareProcessNamespace: bool,
	subdomain: str(),
	terminationGracePeriodSeconds: i64,
	tolerations: arr(toleration),
	topologySpreadConstraints: arr(topologySpreadConstraint),
	volumes: arr(volume),
	workloadRef: any
}));

export const podTemplateSpec: Schema = obj('v1', 'PodTemplateSpec', () => ({
	metadata: objectMeta,
	spec: podSpec
}));
