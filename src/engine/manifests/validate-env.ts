/**
 * A container's `env` and `envFrom` lists, as pkg/apis/core/validation/validation.go (v1.35)
 * checks them: ValidateEnv (relaxed names, GA in v1.34), ValidateEnvFrom and
 * validateEnvVarValueFrom with its selectors (validateObjectFieldSelector,
 * validateContainerResourceFieldSelector and its divisor, validateConfigMapKeySelector /
 * validateSecretKeySelector). Checks run in source order.
 */
import type {
	EnvFromSource,
	EnvVar,
	ObjectFieldSelector,
	ResourceFieldSelector
} from 'kubernetes-types/core/v1';
import type { ErrorList } from './field-errors';
import {
	byteLength,
	child,
	index,
	invalid,
	isDNS1123Subdomain,
	isQualifiedName,
	notSupported,
	regexError,
	required
} from './field-errors';
import { canonicalQuantity } from './quantity';

/** validEnvDownwardAPIFieldPathExpressions, sorted as sets.List prints them. */
const ENV_FIELD_PATHS = [
	'metadata.name',
	'metadata.namespace',
	'metadata.uid',
	'spec.nodeName',
	'spec.serviceAccountName',
	'status.hostIP',
	'status.hostIPs',
	'status.podIP',
	'status.podIPs'
];

/** The labels pkg/apis/core/pods ConvertDownwardAPIFieldLabel accepts for v1 (spec.host aside). */
const DOWNWARD_LABELS = new Set([
	'metadata.annotations',
	'metadata.labels',
	'metadata.name',
	'metadata.namespace',
	'metadata.uid',
	'spec.nodeName',
	'spec.restartPolicy',
	'spec.serviceAccountName',
	'spec.schedulerName',
	'status.phase',
	'status.hostIP',
	'status.hostIPs',
	'status.podIP',
	'status.podIPs'
]);

/** validContainerResourceFieldPathExpressions, sorted. */
const RESOURCE_PATHS = [
	'limits.cpu',
	'limits.ephemeral-storage',
	'limits.memory',
	'requests.cpu',
	'requests.ephemeral-storage',
	'requests.memory'
];
const HUGEPAGES_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];

const SIZE_DIVISORS = [
	'1',
	'1k',
	'1M',
	'1G',
	'1T',
	'1P',
	'1E',
	'1Ki',
	'1Mi',
	'1Gi',
	'1Ti',
	'1Pi',
	'1Ei'
];
const SIZE_DIVISOR_TEXT =
	"only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the";

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** validation.IsConfigMapKey's messages (also used for env configMapKeyRef / secretKeyRef keys). */
export function configMapKeyErrors(k: string): string[] {
	const errs: string[] = [];
	if (byteLength(k) > 253) errs.push('must be no more than 253 characters');
	if (!CONFIG_KEY.test(k)) {
		const msg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
		errs.push(regexError(msg, '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
	}
	if (k === '.' || k === '..') errs.push(`must not be '${k}'`);
	else if (k.startsWith('..')) errs.push("must not start with '..'");
	return errs;
}

/** validation.IsRelaxedEnvVarName for a non-empty name or prefix. */
function relaxedNameErrors(value: string): string[] {
	return /[^\x20-\x3c\x3e-\x7e]/.test(value)
		? [
				"a valid environment variable name must consist only of printable ASCII characters other than '='"
			]
		: [];
}

export function validateEnv(env: EnvVar[], path: string): ErrorList {
	const errs: ErrorList = [];
	env.forEach((e, i) => {
		const at = index(path, i);
		if (!e.name) errs.push(required(child(at, 'name')));
		else errs.push(...relaxedNameErrors(e.name).map((m) => invalid(child(at, 'name'), e.name, m)));
		errs.push(...validateValueFrom(e, child(at, 'valueFrom')));
	});
	return errs;
}

/** maskTrailingDash: a generated-name prefix may end in '-' (NameIsDNSSubdomain with prefix). */
const maskTrailingDash = (name: string): string =>
	name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;

/** ValidateEnvFrom; its "one of" errors name the list, not the item, as the source does. */
export function validateEnvFrom(envFrom: EnvFromSource[], path: string): ErrorList {
	const errs: ErrorList = [];
	envFrom.forEach((e, i) => {
		const at = index(path, i);
		if (e.prefix)
			errs.push(
				...relaxedNameErrors(e.prefix).map((m) => invalid(child(at, 'prefix'), e.prefix, m))
			);
		let sources = 0;
		for (const [ref, name] of [
			[e.configMapRef, 'configMapRef'],
			[e.secretRef, 'secretRef']
		] as const) {
			if (!ref) continue;
			sources++;
			const field = child(child(at, name), 'name');
			if (!ref.name) errs.push(required(field));
			else
				errs.push(
					...isDNS1123Subdomain(maskTrailingDash(ref.name)).map((m) => invalid(field, ref.name, m))
				);
		}
		if (sources === 0)
			errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
		else if (sources > 1)
			errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
	});
	return errs;
}

function validateValueFrom(e: EnvVar, path: string): ErrorList {
	const from = e.valueFrom;
	if (from === undefined) return [];
	const errs: ErrorList = [];
	let sources = 0;
	if (from.fieldRef) {
		sources++;
		errs.push(...fieldSelector(from.fieldRef, child(path, 'fieldRef')));
	}
	if (from.resourceFieldRef) {
		sources++;
		errs.push(...resourceSelector(from.resourceFieldRef, child(path, 'resourceFieldRef')));
	}
	for (const [ref, name] of [
		[from.configMapKeyRef, 'configMapKeyRef'],
		[from.secretKeyRef, 'secretKeyRef']
	] as const) {
		if (!ref) continue;
		sources++;
		const at = child(path, name);
		// ValidateNameFunc(ValidateSecretName): an empty name fails the subdomain check too.
		const refName = ref.name ?? '';
		errs.push(...isDNS1123Subdomain(refName).map((m) => invalid(child(at, 'name'), refName, m)));
		if (!ref.key) errs.push(required(child(at, 'key')));
		else
			errs.push(...configMapKeyErrors(ref.key).map((m) => invalid(child(at, 'key'), ref.key, m)));
	}
	if (sources === 0) {
		const msg =
			'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`';
		errs.push(invalid(path, '', msg));
	} else if (e.value)
		errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
	else if (sources > 1)
		errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
	return errs;
}

/** SplitMaybeSubscriptedPath: `metadata.labels['app']` → ['metadata.labels', 'app']. */
function subscripted(fieldPath: string): [string, string] | undefined {
	if (!fieldPath.endsWith("']")) return undefined;
	const inner = fieldPath.slice(0, -2);
	const at = inner.indexOf("['");
	if (at <= 0) return undefined;
	return [inner.slice(0, at), inner.slice(at + 2)];
}

/** ConvertDownwardAPIFieldLabel's error, or the internal field path. */
function convertLabel(version: string, label: string): { path: string } | { error: string } {
	if (version !== 'v1') return { error: `unsupported pod version: ${version}` };
	const sub = subscripted(label);
	if (sub) {
		return sub[0] === 'metadata.annotations' || sub[0] === 'metadata.labels'
			? { path: label }
			: { error: `field label does not support subscript: ${label}` };
	}
	if (DOWNWARD_LABELS.has(label)) return { path: label };
	if (label === 'spec.host') return { path: 'spec.nodeName' };
	return { error: `field label not supported: ${label}` };
}

function fieldSelector(ref: ObjectFieldSelector, path: string): ErrorList {
	if (!ref.apiVersion) return [required(child(path, 'apiVersion'))];
	if (!ref.fieldPath) return [required(child(path, 'fieldPath'))];
	const converted = convertLabel(ref.apiVersion, ref.fieldPath);
	if ('error' in converted) {
		const msg = `error converting fieldPath: ${converted.error}`;
		return [invalid(child(path, 'fieldPath'), ref.fieldPath, msg)];
	}
	const sub = subscripted(converted.path);
	if (sub) {
		const name = sub[0] === 'metadata.annotations' ? sub[1].toLowerCase() : sub[1];
		return isQualifiedName(name).map((m) => invalid(path, name, m));
	}
	if (!ENV_FIELD_PATHS.includes(converted.path))
		return [notSupported(child(path, 'fieldPath'), converted.path, ENV_FIELD_PATHS)];
	return [];
}

function resourceSelector(ref: ResourceFieldSelector, path: string): ErrorList {
	const errs: ErrorList = [];
	const resource = ref.resource ?? '';
	if (!resource) errs.push(required(child(path, 'resource')));
	else if (
		!RESOURCE_PATHS.includes(resource) &&
		!HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p))
	)
		errs.push(notSupported(child(path, 'resource'), resource, RESOURCE_PATHS));
	errs.push(...divisorErrors(resource, ref.divisor, path));
	return errs;
}

/** validateContainerResourceDivisor: compares the divisor's canonical form (Quantity.String()). */
function divisorErrors(resource: string, divisor: string | number | undefined, path: string) {
	if (divisor === undefined) return [];
	const canonical = canonicalQuantity(String(divisor));
	const text = 'value' in canonical ? canonical.value : String(divisor);
	if (text === '0') return [];
	const at = child(path, 'divisor');
	let detail: string | undefined;
	if (resource === 'limits.cpu' || resource === 'requests.cpu') {
		if (text !== '1m' && text !== '1')
			detail = "only divisor's values 1m and 1 are supported with the cpu resource";
	} else if (resource === 'limits.memory' || resource === 'requests.memory') {
		if (!SIZE_DIVISORS.includes(text)) detail = `${SIZE_DIVISOR_TEXT} memory resource`;
	} else if (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') {
		if (!SIZE_DIVISORS.includes(text))
			detail = `${SIZE_DIVISOR_TEXT} local ephemeral storage resource`;
	}
	const errs: ErrorList = detail ? [invalid(at, resource, detail)] : [];
	if (HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p)) && !SIZE_DIVISORS.includes(text))
		errs.push(invalid(at, resource, `${SIZE_DIVISOR_TEXT} hugepages resource`));
	return errs;
}
