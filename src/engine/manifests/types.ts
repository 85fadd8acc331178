/**
 * Shapes shared by the manifest pipeline: text → documents → typed, defaulted, validated
 * Kubernetes objects (what `kubectl apply -f` / `create -f` send and the API server stores).
 */
import type { ConfigMap, Namespace, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type {
	PersistentVolume,
	LimitRange,
	PersistentVolumeClaim,
	ResourceQuota,
	ServiceAccount
} from 'kubernetes-types/core/v1';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { IngressClass } from 'kubernetes-types/networking/v1';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1';
import type { CustomKind } from './custom-kinds';
import type {
	MutatingWebhookConfiguration,
	ValidatingWebhookConfiguration
} from 'kubernetes-types/admissionregistration/v1';
import type { APIService } from './admission-registration-kinds';

/** What YAML-to-JSON conversion yields: kubectl sends exactly this to the API server. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
	[key: string]: JsonValue;
}

/** Every object kind the lab can read from a manifest. */
export type KubeObject =
	| Pod
	| Service
	| Namespace
	| ConfigMap
	| Secret
	| Deployment
	| ReplicaSet
	| DaemonSet
	| StatefulSet
	| Job
	| CronJob
	| Ingress
	| PodDisruptionBudget
	| EndpointSlice
	// builtin-kinds.ts: stored and printed, with admission effects where the lab models them.
	| ServiceAccount
	| Role
	| ClusterRole
	| RoleBinding
	| ClusterRoleBinding
	| NetworkPolicy
	| PersistentVolumeClaim
	// Kinds added in session 9 (priority-class-kind.ts, …).
	| PriorityClass
	| HorizontalPodAutoscaler
	| StorageClass
	// Session 10 (persistent-volume-kind.ts, …).
	| PersistentVolume
	| ResourceQuota
	| LimitRange
	| IngressClass
	// custom-kinds.ts; custom objects themselves travel as their CRD's kind, cast.
	| CustomResourceDefinition
	// admission-registration-kinds.ts.
	| ValidatingWebhookConfiguration
	| MutatingWebhookConfiguration
	| APIService;

export type KubeKind = NonNullable<KubeObject['kind']>;

/** One document of a manifest file, after YAML/JSON parsing and `kind: List` expansion. */
export interface ManifestDocument {
	/** Position among the file's objects (List items get their own positions). */
	index: number;
	/** Position of the YAML/JSON document it comes from: List items share their List's. */
	source: number;
	/** 1-based line in the file where the document's text starts. */
	line: number;
	/** The document as JSON, with kubectl's YAML 1.1 conversions already applied. */
	value: JsonValue;
	/** True for an item of a `kind: List` or typed list (`DeploymentList`). */
	fromList: boolean;
}

/** One field-level validation failure (apimachinery util/validation/field.Error). */
export interface FieldError {
	/** `Required value`, `Invalid value`, `Unsupported value`, … (field.ErrorType.String()). */
	type: FieldErrorType;
	/** Dotted path with indices and keys: `spec.template.spec.containers[0].name`. */
	field: string;
	/** Already rendered ErrorBody: `Invalid value: "Web": a lowercase RFC 1123 …`. */
	body: string;
}

export type FieldErrorType =
	| 'Required value'
	| 'Invalid value'
	| 'Unsupported value'
	| 'Duplicate value'
	| 'Forbidden'
	| 'Too long'
	| 'Too many'
	| 'Not found';

/**
 * Why one document cannot be stored. `stage` says who rejects it: kubectl while reading the
 * file (`parse`, `schema`, `mapping`) or the API server (`decode`, `invalid`, `method`).
 */
export type ManifestError =
	| { stage: 'parse' | 'schema' | 'mapping'; message: string }
	| { stage: 'decode'; kind: string; version: string; message: string }
	| { stage: 'method' }
	| {
			stage: 'invalid';
			kind: string;
			/** API group, '' for the core group (`Deployment.apps "web" is invalid` in lists). */
			group: string;
			name: string;
			causes: FieldError[];
	  };

/** Where a kind lives in the API (the REST mapping kubectl looks up). */
export interface ResourceInfo {
	kind: KubeKind;
	apiVersion: string;
	group: string;
	version: string;
	/** Lower-case plural used in URLs and messages: `deployments`. */
	resource: string;
	namespaced: boolean;
	/** The lab manages these itself: a file may not create them. */
	readOnly: boolean;
	/** Served by a CustomResourceDefinition (custom-kinds.ts). */
	custom?: CustomKind;
}
