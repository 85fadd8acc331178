/**
 * The API server's create validation for the lab's kinds: object metadata with each kind's
 * name rule, then the kind's spec. The causes come back in the source's order, ready for
 * kubectl's `The Deployment "web" is invalid: …` (see index.ts for the rendering).
 */
import type { FieldError, KubeObject } from './types';
import type { NameCheck } from './validate-meta';
import { validateObjectMeta } from './validate-meta';
import { isDNS1123Subdomain } from './field-errors';
import { validatePodSpec } from './validate-pod';
import {
	validateDaemonSetSpec,
	validateDeploymentSpec,
	validateReplicaSetSpec,
	validateStatefulSetSpec
} from './validate-workloads';
import {
	namespaceName,
	serviceName,
	validateDataKeys,
	validateIngressSpec,
	validateNodePorts,
	validatePdbSpec,
	validateServiceSpec
} from './validate-service';
import { validateJobSpec } from './validate-job';
import { validateCronJob } from './validate-cronjob';
import { emptyPodSpec } from './defaults';
import { validateBuiltinKind } from './builtin-kinds';
import { validateSecretType } from './validate-secret';
import { resourceForKind } from './registry';
import { validateCustomObject } from './custom-schema';
import type { JsonObject } from './types';

/** Most kinds: apimachinery NameIsDNSSubdomain. */
const subdomain: NameCheck = isDNS1123Subdomain;

export function validateObject(object: KubeObject, namespaced: boolean): FieldError[] {
	const meta = (check: NameCheck) => validateObjectMeta(object.metadata, namespaced, check);
	switch (object.kind) {
		case 'Pod':
			return [...meta(subdomain), ...validatePodSpec(object.spec ?? emptyPodSpec(), 'spec')];
		case 'Service': {
			const errs = [...meta(serviceName), ...validateServiceSpec(object)];
			return errs.length > 0 ? errs : validateNodePorts(object);
		}
		case 'Namespace':
			return meta(namespaceName);
		case 'ConfigMap':
			return [
				...meta(subdomain),
				...validateDataKeys([
					['data', object.data],
					['binaryData', object.binaryData]
				])
			];
		case 'Secret':
			return [
				...meta(subdomain),
				...validateDataKeys([
					['data', object.data],
					['stringData', object.stringData]
				]),
				...validateSecretType(object)
			];
		case 'Deployment':
			return [...meta(subdomain), ...validateDeploymentSpec(object.spec ?? {}, 'spec')];
		case 'ReplicaSet':
			return [...meta(subdomain), ...validateReplicaSetSpec(object.spec ?? {}, 'spec')];
		case 'DaemonSet':
			return [...meta(subdomain), ...validateDaemonSetSpec(object.spec ?? {}, 'spec')];
		case 'StatefulSet':
			return [...meta(subdomain), ...validateStatefulSetSpec(object.spec ?? {}, 'spec')];
		case 'Job':
			return [...meta(subdomain), ...validateJobSpec(object.spec ?? {}, 'spec')];
		case 'CronJob':
			return [...meta(subdomain), ...validateCronJob(object)];
		case 'Ingress':
			return [...meta(subdomain), ...validateIngressSpec(object.spec ?? {})];
		case 'PodDisruptionBudget':
			return [...meta(subdomain), ...validatePdbSpec(object.spec ?? {})];
		default: {
			// A custom object's update (apply's merge): its metadata and its version's schema.
			const custom = resourceForKind(object.kind ?? '')?.custom;
			if (custom !== undefined)
				return validateCustomObject(object as unknown as JsonObject, custom);
			return validateBuiltinKind(object, namespaced) ?? meta(subdomain);
		}
	}
}
