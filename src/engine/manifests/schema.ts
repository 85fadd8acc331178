/**
 * Field schemas of the top-level kinds (k8s.io/api v1.35: core, apps, batch, networking,
 * policy, discovery types.go). See schema-base.ts for the notation.
 */
import type { Schema } from './schema-base';
import type { KubeKind } from './types';
import {
	arr,
	bool,
	bytes,
	i32,
	i64,
	intOrString,
	labelSelector,
	mapOf,
	obj,
	objectMeta,
	open,
	resourceList,
	str,
	stringMap,
	strings,
	topLevel
} from './schema-base';
import { podSpec, podTemplateSpec } from './schema-pod';
import { BUILTIN_KIND_SCHEMAS } from './builtin-kinds';
import { PRIORITY_CLASS_SCHEMAS } from './priority-class-kind';
import { HPA_SCHEMAS } from './hpa-kind';
import { STORAGE_CLASS_SCHEMAS } from './storage-class-kind';
import { INGRESS_CLASS_SCHEMAS } from './ingress-class-kind';
import { PV_SCHEMAS } from './persistent-volume-kind';
import { RESOURCE_QUOTA_SCHEMAS } from './resource-quota-kind';
import { LIMIT_RANGE_SCHEMAS } from './limit-range-kind';
import { CRD_SCHEMAS } from './custom-kinds';
import { ADMISSION_REGISTRATION_SCHEMAS } from './admission-registration-kinds';

const servicePort = obj('v1', 'ServicePort', () => ({
	appProtocol: str(),
	name: str(),
	nodePort: i32,
	port: i32,
	protocol: str('v1.Protocol'),
	targetPort: intOrString
}));

const service = topLevel('Service', 'v1', {
	spec: obj('v1', 'ServiceSpec', () => ({
		allocateLoadBalancerNodePorts: bool,
		clusterIP: str(),
		clusterIPs: strings,
		externalIPs: strings,
		externalName: str(),
		externalTrafficPolicy: str('v1.ServiceExternalTrafficPolicy'),
		healthCheckNodePort: i32,
		internalTrafficPolicy: str('v1.ServiceInternalTrafficPolicy'),
		ipFamilies: arr(str('v1.IPFamily')),
		ipFamilyPolicy: str('v1.IPFamilyPolicy'),
		loadBalancerClass: str(),
		loadBalancerIP: str(),
		loadBalancerSourceRanges: strings,
		ports: arr(servicePort),
		publishNotReadyAddresses: bool,
		selector: stringMap,
		sessionAffinity: str('v1.ServiceAffinity'),
		sessionAffinityConfig: open('v1', 'SessionAffinityConfig'),
		trafficDistribution: str(),
		type: str('v1.ServiceType')
	}))
});

const intOrStringPair = (pkg: string, struct: string) =>
	obj(pkg, struct, () => ({ maxSurge: intOrString, maxUnavailable: intOrString }));

const deployment = topLevel('Deployment', 'v1', {
	spec: obj('v1', 'DeploymentSpec', () => ({
		minReadySeconds: i32,
		paused: bool,
		progressDeadlineSeconds: i32,
		replicas: i32,
		revisionHistoryLimit: i32,
		selector: labelSelector,
		strategy: obj('v1', 'DeploymentStrategy', () => ({
			rollingUpdate: intOrStringPair('v1', 'RollingUpdateDeployment'),
			type: str('v1.DeploymentStrategyType')
		})),
		template: podTemplateSpec
	}))
});

const replicaSet = topLevel('ReplicaSet', 'v1', {
	spec: obj('v1', 'ReplicaSetSpec', () => ({
		minReadySeconds: i32,
		replicas: i32,
		selector: labelSelector,
		template: podTemplateSpec
	}))
});

const daemonSet = topLevel('DaemonSet', 'v1', {
	spec: obj('v1', 'DaemonSetSpec', () => ({
		minReadySeconds: i32,
		revisionHistoryLimit: i32,
		selector: labelSelector,
		template: podTemplateSpec,
		updateStrategy: obj('v1', 'DaemonSetUpdateStrategy', () => ({
			rollingUpdate: intOrStringPair('v1', 'RollingUpdateDaemonSet'),
			type: str('v1.DaemonSetUpdateStrategyType')
		}))
	}))
});

const persistentVolumeClaim = obj('v1', 'PersistentVolumeClaim', () => ({
	apiVersion: str(),
	kind: str(),
	metadata: objectMeta,
	spec: obj('v1', 'PersistentVolumeClaimSpec', () => ({
		accessModes: arr(str('v1.PersistentVolumeAccessMode')),
		dataSource: open('v1', 'TypedLocalObjectReference'),
		dataSourceRef: open('v1', 'TypedObjectReference'),
		resources: obj('v1', 'VolumeResourceRequirements', () => ({
			limits: resourceList,
			requests: resourceList
		})),
		selector: labelSelector,
		storageClassName: str(),
		volumeAttributesClassName: str(),
		volumeMode: str('v1.PersistentVolumeMode'),
		volumeName: str()
	})),
	status: open('v1', 'PersistentVolumeClaimStatus')
}));

const statefulSet = topLevel('StatefulSet', 'v1', {
	spec: obj('v1', 'StatefulSetSpec', () => ({
		minReadySeconds: i32,
		ordinals: open('v1', 'StatefulSetOrdinals'),
		persistentVolumeClaimRetentionPolicy: open(
			'v1',
			'StatefulSetPersistentVolumeClaimRetentionPolicy'
		),
		podManagementPolicy: str('v1.PodManagementPolicyType'),
		replicas: i32,
		revisionHistoryLimit: i32,
		selector: labelSelector,
		serviceName: str(),
		template: podTemplateSpec,
		updateStrategy: obj('v1', 'StatefulSetUpdateStrategy', () => ({
			rollingUpdate: obj('v1', 'RollingUpdateStatefulSetStrategy', () => ({
				maxUnavailable: intOrString,
				partition: i32
			})),
			type: str('v1.StatefulSetUpdateStrategyType')
		})),
		volumeClaimTemplates: arr(persistentVolumeClaim)
	}))
});

const jobSpec = obj('v1', 'JobSpec', () => ({
	activeDeadlineSeconds: i64,
	backoffLimit: i32,
	backoffLimitPerIndex: i32,
	completionMode: str('v1.CompletionMode'),
	completions: i32,
	managedBy: str(),
	manualSelector: bool,
	maxFailedIndexes: i32,
	parallelism: i32,
	podFailurePolicy: open('v1', 'PodFailurePolicy'),
	podReplacementPolicy: str('v1.PodReplacementPolicy'),
	selector: labelSelector,
	successPolicy: open('v1', 'SuccessPolicy'),
	suspend: bool,
	template: podTemplateSpec,
	ttlSecondsAfterFinished: i32
}));

const job = topLevel('Job', 'v1', { spec: jobSpec });

const cronJob = topLevel('CronJob', 'v1', {
	spec: obj('v1', 'CronJobSpec', () => ({
		concurrencyPolicy: str('v1.ConcurrencyPolicy'),
		failedJobsHistoryLimit: i32,
		jobTemplate: obj('v1', 'JobTemplateSpec', () => ({ metadata: objectMeta, spec: jobSpec })),
		schedule: str(),
		startingDeadlineSeconds: i64,
		successfulJobsHistoryLimit: i32,
		suspend: bool,
		timeZone: str()
	}))
});

const ingressBackend = obj('v1', 'IngressBackend', () => ({
	resource: open('v1', 'TypedLocalObjectReference'),
	service: obj('v1', 'IngressServiceBackend', () => ({
		name: str(),
		port: obj('v1', 'ServiceBackendPort', () => ({ name: str(), number: i32 }))
	}))
}));

const ingress = topLevel('Ingress', 'v1', {
	spec: obj('v1', 'IngressSpec', () => ({
		defaultBackend: ingressBackend,
		ingressClassName: str(),
		rules: arr(
			obj('v1', 'IngressRule', () => ({
				host: str(),
				http: obj('v1', 'HTTPIngressRuleValue', () => ({
					paths: arr(
						obj('v1', 'HTTPIngressPath', () => ({
							backend: ingressBackend,
							path: str(),
							pathType: str('v1.PathType')
						}))
					)
				}))
			}))
		),
		tls: arr(obj('v1', 'IngressTLS', () => ({ hosts: strings, secretName: str() })))
	}))
});

const podDisruptionBudget = topLevel('PodDisruptionBudget', 'v1', {
	spec: obj('v1', 'PodDisruptionBudgetSpec', () => ({
		maxUnavailable: intOrString,
		minAvailable: intOrString,
		selector: labelSelector,
		unhealthyPodEvictionPolicy: str('v1.UnhealthyPodEvictionPolicyType')
	}))
});

const SCHEMAS: Record<KubeKind, Schema> = {
	Pod: topLevel('Pod', 'v1', { spec: podSpec }),
	Service: service,
	Namespace: topLevel('Namespace', 'v1', {
		spec: obj('v1', 'NamespaceSpec', () => ({ finalizers: arr(str('v1.FinalizerName')) }))
	}),
	ConfigMap: topLevel('ConfigMap', 'v1', {
		binaryData: mapOf(bytes),
		data: stringMap,
		immutable: bool
	}),
	Secret: topLevel('Secret', 'v1', {
		data: mapOf(bytes),
		immutable: bool,
		stringData: stringMap,
		type: str('v1.SecretType')
	}),
	Deployment: deployment,
	ReplicaSet: replicaSet,
	DaemonSet: daemonSet,
	StatefulSet: statefulSet,
	Job: job,
	CronJob: cronJob,
	Ingress: ingress,
	PodDisruptionBudget: podDisruptionBudget,
	EndpointSlice: topLevel('EndpointSlice', 'v1', {
		addressType: str('v1.AddressType'),
		endpoints: arr(open('v1', 'Endpoint')),
		ports: arr(open('v1', 'EndpointPort'))
	}),
	...BUILTIN_KIND_SCHEMAS,
	PersistentVolumeClaim: persistentVolumeClaim,
	...PRIORITY_CLASS_SCHEMAS,
	...HPA_SCHEMAS,
	...STORAGE_CLASS_SCHEMAS,
	...INGRESS_CLASS_SCHEMAS,
	...PV_SCHEMAS,
	...RESOURCE_QUOTA_SCHEMAS,
	...LIMIT_RANGE_SCHEMAS,
	...CRD_SCHEMAS,
	...ADMISSION_REGISTRATION_SCHEMAS
};

export function schemaForKind(kind: KubeKind): Schema {
	return SCHEMAS[kind];
}
