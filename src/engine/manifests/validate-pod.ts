/**
 * Pod spec validation, the common cases of pkg/apis/core/validation/validation.go (v1.35):
 * ValidatePodSpec, validateContainers/validateContainerCommon, validateContainerPorts,
 * ValidateEnv (validate-env.ts), ValidateVolumes, ValidateVolumeMounts and
 * resources; probes and scheduling fields have their own files. Checks run in source order.
 */
import type { Container, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { Volume } from 'kubernetes-types/core/v1';
import type { ErrorList } from './field-errors';
import {
	child,
	duplicate,
	forbidden,
	inclusiveRangeError,
	index,
	invalid,
	isDNS1123Label,
	isDNS1123Subdomain,
	isValidPortName,
	isValidPortNum,
	key,
	notFound,
	notSupported,
	required
} from './field-errors';
import { validateAnnotations, validateLabels } from './validate-meta';
import { validateEnv, validateEnvFrom } from './validate-env';
import { validateLifecycle, validateProbe } from './validate-probe';
import {
	validateAffinity,
	validateTolerations,
	validateTopologySpread
} from './validate-scheduling';
import { compareQuantities } from './quantity';
import { emptyPodSpec } from './defaults';

const dns1123Label = (value: string, field: string): ErrorList =>
	isDNS1123Label(value).map((msg) => invalid(field, value, msg));

const subdomain = (value: string, field: string): ErrorList =>
	isDNS1123Subdomain(value).map((msg) => invalid(field, value, msg));

function oneOf(value: string | undefined, field: string, valid: string[]): ErrorList {
	if (!value) return [required(field)];
	return valid.includes(value) ? [] : [notSupported(field, value, valid)];
}

/** ValidatePodTemplateSpec: note that its label errors say `….template.labels`. */
export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, path: string) {
	const t = template ?? {};
	return [
		...validateLabels(t.metadata?.labels, child(path, 'labels')),
		...validateAnnotations(t.metadata?.annotations, child(path, 'annotations')),
		...validatePodSpec(t.spec ?? emptyPodSpec(), child(path, 'spec'))
	];
}

export function validatePodSpec(spec: PodSpec, path: string): ErrorList {
	const errs: ErrorList = [];
	if (spec.terminationGracePeriodSeconds === undefined) {
		errs.push(required(child(path, 'terminationGracePeriodSeconds')));
	}
	const volumes = new Set<string>();
	errs.push(...validateVolumes(spec.volumes ?? [], child(path, 'volumes'), volumes));
	const names = new Set<string>();
	const grace = spec.terminationGracePeriodSeconds;
	errs.push(
		...validateContainers(spec.containers ?? [], child(path, 'containers'), volumes, {
			names,
			grace
		})
	);
	errs.push(
		...validateInitContainers(spec.initContainers ?? [], child(path, 'initContainers'), volumes, {
			names,
			grace
		})
	);
	errs.push(...oneOf(spec.restartPolicy, child(path, 'restartPolicy'), RESTART_POLICIES));
	errs.push(...oneOf(spec.dnsPolicy, child(path, 'dnsPolicy'), DNS_POLICIES));
	errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
	(spec.imagePullSecrets ?? []).forEach((s, i) => {
		if (!s.name) errs.push(required(child(index(child(path, 'imagePullSecrets'), i), 'name')));
	});
	errs.push(...validateAffinity(spec.affinity, child(path, 'affinity')));
	errs.push(...validateTopologySpread(spec, child(path, 'topologySpreadConstraints')));
	const named: [string | undefined, string][] = [
		[spec.serviceAccountName, 'serviceAccountName'],
		[spec.nodeName, 'nodeName']
	];
	for (const [value, field] of named) if (value) errs.push(...subdomain(value, child(path, field)));
	const deadline = spec.activeDeadlineSeconds;
	if (deadline !== undefined && (deadline < 1 || deadline > 2147483647)) {
		const msg = inclusiveRangeError(1, 2147483647);
		errs.push(invalid(child(path, 'activeDeadlineSeconds'), deadline, msg));
	}
	if (spec.hostname) errs.push(...dns1123Label(spec.hostname, child(path, 'hostname')));
	if (spec.subdomain) errs.push(...dns1123Label(spec.subdomain, child(path, 'subdomain')));
	errs.push(...validateTolerations(spec, child(path, 'tolerations')));
	if (spec.priorityClassName) {
		errs.push(...subdomain(spec.priorityClassName, child(path, 'priorityClassName')));
	}
	return errs;
}

/** Container names are unique across containers and initContainers. */
function uniqueName(name: string, names: Set<string>, field: string): ErrorList {
	const seen = names.has(name);
	names.add(name);
	return seen ? [duplicate(field, name)] : [];
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** What container checks share across the lists: names seen so far, the pod's grace period. */
interface ContainerScope {
	names: Set<string>;
	grace: number | undefined;
}

/** Probes and lifecycle hooks, allowed for regular containers and sidecars. */
function validateHooksAndProbes(c: Container, at: string, grace: number | undefined): ErrorList {
	return [
		...(c.lifecycle ? validateLifecycle(c.lifecycle, child(at, 'lifecycle'), grace) : []),
		...validateProbe(c.livenessProbe, child(at, 'livenessProbe'), 'liveness', grace),
		...validateProbe(c.readinessProbe, child(at, 'readinessProbe'), 'readiness', grace),
		...validateProbe(c.startupProbe, child(at, 'startupProbe'), 'startup', grace)
	];
}

function validateContainers(
	containers: Container[],
	path: string,
	volumes: Set<string>,
	scope: ContainerScope
): ErrorList {
	if (containers.length === 0) return [required(path)];
	const errs: ErrorList = [];
	containers.forEach((c, i) => {
		const at = index(path, i);
		errs.push(...validateContainerCommon(c, at, volumes));
		errs.push(...uniqueName(c.name ?? '', scope.names, child(at, 'name')));
		errs.push(...validateHooksAndProbes(c, at, scope.grace));
		if (c.restartPolicy) {
			errs.push(forbidden(child(at, 'restartPolicy'), 'may not be set for non-init containers'));
		}
	});
	errs.push(...hostPortConflicts(containers, path));
	return errs;
}

const INIT_ONLY = 'may not be set for init containers without restartPolicy=Always';

/** validateInitContainers: sidecars (restartPolicy Always) may have probes and hooks. */
function validateInitContainers(
	containers: Container[],
	path: string,
	volumes: Set<string>,
	scope: ContainerScope
): ErrorList {
	const errs: ErrorList = [];
	containers.forEach((c, i) => {
		const at = index(path, i);
		errs.push(...validateContainerCommon(c, at, volumes));
		if (c.restartPolicy !== undefined && c.restartPolicy !== 'Always')
			errs.push(notSupported(child(at, 'restartPolicy'), c.restartPolicy, ['Always']));
		const name = c.name ?? '';
		if (scope.names.has(name)) errs.push(duplicate(child(at, 'name'), name));
		else if (name) scope.names.add(name);
		// Each init container is checked alone, under the list's path: the source passes
		// []Container{ctr} with fldPath, so a conflict always reads initContainers[0].
		errs.push(...hostPortConflicts([c], path));
		if (c.restartPolicy === 'Always') errs.push(...validateHooksAndProbes(c, at, scope.grace));
		else {
			for (const field of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const)
				if (c[field]) errs.push(forbidden(child(at, field), INIT_ONLY));
		}
	});
	return errs;
}

/** checkHostPortConflicts: one protocol/hostIP/hostPort per list (AccumulateUniqueHostPorts). */
function hostPortConflicts(containers: Container[], path: string): ErrorList {
	const errs: ErrorList = [];
	const seen = new Set<string>();
	containers.forEach((c, ci) => {
		(c.ports ?? []).forEach((p, pi) => {
			if (!p.hostPort) return;
			const key = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
			const at = child(index(child(index(path, ci), 'ports'), pi), 'hostPort');
			if (seen.has(key)) errs.push(duplicate(at, key));
			seen.add(key);
		});
	});
	return errs;
}

function validateContainerCommon(c: Container, path: string, volumes: Set<string>): ErrorList {
	const errs: ErrorList = [];
	if (!c.name) errs.push(required(child(path, 'name')));
	else errs.push(...dns1123Label(c.name, child(path, 'name')));
	if (!c.image) errs.push(required(child(path, 'image')));
	errs.push(
		...oneOf(c.terminationMessagePolicy, child(path, 'terminationMessagePolicy'), [
			'File',
			'FallbackToLogsOnError'
		])
	);
	errs.push(...validateContainerPorts(c, child(path, 'ports')));
	errs.push(...validateEnv(c.env ?? [], child(path, 'env')));
	errs.push(...validateEnvFrom(c.envFrom ?? [], child(path, 'envFrom')));
	const mountPaths = new Set<string>();
	(c.volumeMounts ?? []).forEach((m, i) => {
		const at = index(child(path, 'volumeMounts'), i);
		if (!m.name) errs.push(required(child(at, 'name')));
		const name = m.name ?? '';
		const mountPath = m.mountPath ?? '';
		if (!volumes.has(name)) errs.push(notFound(child(at, 'name'), name));
		if (!mountPath) errs.push(required(child(at, 'mountPath')));
		if (mountPaths.has(mountPath))
			errs.push(invalid(child(at, 'mountPath'), mountPath, 'must be unique'));
		mountPaths.add(mountPath);
	});
	errs.push(...oneOf(c.imagePullPolicy, child(path, 'imagePullPolicy'), PULL_POLICIES));
	errs.push(...validateResources(c, child(path, 'resources')));
	return errs;
}

function validateContainerPorts(c: Container, path: string): ErrorList {
	const errs: ErrorList = [];
	const names = new Set<string>();
	(c.ports ?? []).forEach((port, i) => {
		const at = index(path, i);
		if (port.name) {
			const msgs = isValidPortName(port.name);
			msgs.forEach((msg) => errs.push(invalid(child(at, 'name'), port.name, msg)));
			if (msgs.length === 0 && names.has(port.name))
				errs.push(duplicate(child(at, 'name'), port.name));
			names.add(port.name);
		}
		if (!port.containerPort) errs.push(required(child(at, 'containerPort')));
		else errs.push(...portNumber(port.containerPort, child(at, 'containerPort')));
		if (port.hostPort) errs.push(...portNumber(port.hostPort, child(at, 'hostPort')));
		if (!port.protocol) errs.push(required(child(at, 'protocol')));
		else if (!PROTOCOLS.includes(port.protocol)) {
			errs.push(notSupported(child(at, 'protocol'), port.protocol, PROTOCOLS));
		}
	});
	return errs;
}

export const portNumber = (port: number, field: string): ErrorList =>
	isValidPortNum(port).map((msg) => invalid(field, port, msg));

/** ValidatePortNumOrName for an intstr.IntOrString. */
export function portNumOrName(port: number | string | undefined, field: string): ErrorList {
	if (typeof port === 'string')
		return isValidPortName(port).map((msg) => invalid(field, port, msg));
	return portNumber(port ?? 0, field);
}

const STANDARD_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

function validateResourceName(name: string, value: string, at: string): ErrorList {
	const errs: ErrorList = [];
	const standard = STANDARD_RESOURCES.includes(name) || name.startsWith('hugepages-');
	if (!name.includes('/') && !standard) {
		errs.push(invalid(at, name, 'must be a standard resource for containers'));
	}
	if (value.startsWith('-')) errs.push(invalid(at, value, 'must be greater than or equal to 0'));
	return errs;
}

/** ValidateContainerResourceRequirements (maps in sorted order, the lab's stable choice). */
function validateResources(c: Container, path: string): ErrorList {
	const errs: ErrorList = [];
	const { limits = {}, requests = {} } = c.resources ?? {};
	const limitsPath = child(path, 'limits');
	const requestsPath = child(path, 'requests');
	for (const name of Object.keys(limits).sort()) {
		errs.push(...validateResourceName(name, limits[name] ?? '0', key(limitsPath, name)));
	}
	for (const name of Object.keys(requests).sort()) {
		const request = requests[name] ?? '0';
		errs.push(...validateResourceName(name, request, key(requestsPath, name)));
		const limit = limits[name];
		if (limit !== undefined && compareQuantities(request, limit) > 0) {
			const msg = `must be less than or equal to ${name} limit of ${limit}`;
			errs.push(invalid(requestsPath, request, msg));
		}
	}
	return errs;
}

const VOLUME_NAME_KEYS = new Set(['name']);

function validateVolumes(volumes: Volume[], path: string, names: Set<string>): ErrorList {
	const errs: ErrorList = [];
	volumes.forEach((v, i) => {
		const at = index(path, i);
		const sources = Object.keys(v).filter((k) => !VOLUME_NAME_KEYS.has(k));
		if (sources.length === 0) errs.push(required(at, 'must specify a volume type'));
		sources.slice(1).forEach((s) => {
			errs.push(forbidden(child(at, s), 'may not specify more than 1 volume type'));
		});
		if (v.hostPath && !v.hostPath.path) errs.push(required(child(child(at, 'hostPath'), 'path')));
		if (v.configMap && !v.configMap.name)
			errs.push(required(child(child(at, 'configMap'), 'name')));
		if (v.secret && !v.secret.secretName) {
			errs.push(required(child(child(at, 'secret'), 'secretName')));
		}
		const claim = v.persistentVolumeClaim;
		if (claim && !claim.claimName) {
			errs.push(required(child(child(at, 'persistentVolumeClaim'), 'claimName')));
		}
		if (!v.name) errs.push(required(child(at, 'name')));
		else errs.push(...dns1123Label(v.name, child(at, 'name')));
		errs.push(...uniqueName(v.name ?? '', names, child(at, 'name')));
	});
	return errs;
}
