/**
 * Services, Ingresses, PodDisruptionBudgets, ConfigMaps and Secrets:
 * pkg/apis/core/validation/validation.go (ValidateService, validateServicePort,
 * validateServiceExternalTrafficPolicy, ValidateConfigMap, ValidateSecret),
 * pkg/apis/networking/validation/validation.go (ValidateIngressSpec and friends) and
 * pkg/apis/policy/validation/validation.go (ValidatePodDisruptionBudgetSpec).
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import type { IngressBackend, IngressSpec } from 'kubernetes-types/networking/v1';
import type { PodDisruptionBudgetSpec } from 'kubernetes-types/policy/v1';
import type { ErrorList } from './field-errors';
import {
	byteLength,
	child,
	duplicate,
	forbidden,
	index,
	invalid,
	invalidGoValue,
	isDNS1035Label,
	isDNS1123Label,
	isDNS1123Subdomain,
	isValidPortName,
	isValidPortNum,
	key,
	notSupported,
	required,
	tooLong
} from './field-errors';
import { goStruct, sortedKeys } from './json';
import { selectorJson, validateLabels, validateLabelSelector } from './validate-meta';
import { portNumber, portNumOrName } from './validate-pod';
import { notMoreThan100Percent, positiveIntOrPercent } from './validate-workloads';
import { configMapKeyErrors } from './validate-env';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
/** kube-apiserver --service-node-port-range default. */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };

function servicePort(port: ServicePort, requireName: boolean, names: Set<string>, at: string) {
	const errs: ErrorList = [];
	if (requireName && !port.name) errs.push(required(child(at, 'name')));
	else if (port.name) {
		for (const msg of isDNS1123Label(port.name))
			errs.push(invalid(child(at, 'name'), port.name, msg));
		if (names.has(port.name)) errs.push(duplicate(child(at, 'name'), port.name));
		names.add(port.name);
	}
	errs.push(...portNumber(port.port ?? 0, child(at, 'port')));
	if (!port.protocol) errs.push(required(child(at, 'protocol')));
	else if (!PROTOCOLS.includes(port.protocol)) {
		errs.push(notSupported(child(at, 'protocol'), port.protocol, PROTOCOLS));
	}
	errs.push(...portNumOrName(port.targetPort, child(at, 'targetPort')));
	return errs;
}

export function validateServiceSpec(service: Service): ErrorList {
	const spec = service.spec ?? {};
	const errs: ErrorList = [];
	const ports = spec.ports ?? [];
	const headless = spec.clusterIP === 'None';
	if (ports.length === 0 && !headless && spec.type !== 'ExternalName') {
		errs.push(required('spec.ports'));
	}
	if ((spec.type === 'LoadBalancer' || spec.type === 'NodePort') && headless) {
		const msg = `may not be set to 'None' for ${spec.type} services`;
		errs.push(invalid('spec.clusterIP', spec.clusterIP, msg));
	}
	if (spec.type === 'ExternalName') {
		const cname = (spec.externalName ?? '').replace(/\.$/, '');
		if (!cname) errs.push(required('spec.externalName'));
		for (const msg of isDNS1123Subdomain(cname)) {
			if (cname) errs.push(invalid('spec.externalName', cname, msg));
		}
	}
	const names = new Set<string>();
	ports.forEach((p, i) =>
		errs.push(...servicePort(p, ports.length > 1, names, index('spec.ports', i)))
	);
	if (spec.selector) errs.push(...validateLabels(spec.selector, 'spec.selector'));
	const affinity = spec.sessionAffinity;
	if (!affinity) errs.push(required('spec.sessionAffinity'));
	else if (!['ClientIP', 'None'].includes(affinity)) {
		errs.push(notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
	}
	if (!spec.type) errs.push(required('spec.type'));
	else if (!SERVICE_TYPES.includes(spec.type))
		errs.push(notSupported('spec.type', spec.type, SERVICE_TYPES));
	if (spec.type === 'ClusterIP') {
		ports.forEach((p, i) => {
			const msg = "may not be used when `type` is 'ClusterIP'";
			if (p.nodePort) errs.push(forbidden(child(index('spec.ports', i), 'nodePort'), msg));
		});
	}
	errs.push(...duplicatePorts(ports));
	const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
	const policy = spec.externalTrafficPolicy;
	if (!external && policy) {
		const msg = 'may only be set for externally-accessible services';
		errs.push(invalid('spec.externalTrafficPolicy', policy, msg));
	} else if (external && !policy) errs.push(required('spec.externalTrafficPolicy'));
	else if (external && policy && !['Cluster', 'Local'].includes(policy)) {
		errs.push(notSupported('spec.externalTrafficPolicy', policy, ['Cluster', 'Local']));
	}
	return errs;
}

function duplicatePorts(ports: ServicePort[]): ErrorList {
	const errs: ErrorList = [];
	const nodePorts = new Set<string>();
	ports.forEach((p, i) => {
		if (!p.nodePort) return;
		const id = `${p.protocol ?? ''}/${p.nodePort}`;
		if (nodePorts.has(id))
			errs.push(duplicate(child(index('spec.ports', i), 'nodePort'), p.nodePort));
		nodePorts.add(id);
	});
	const seen = new Set<string>();
	ports.forEach((p, i) => {
		const id = `${p.protocol ?? ''}/${p.port ?? 0}`;
		if (seen.has(id)) {
			// The key is an internal core.ServicePort, marshalled with Go field names.
			const value = goStruct([
				['Name', ''],
				['Protocol', p.protocol ?? ''],
				['AppProtocol', null],
				['Port', p.port ?? 0],
				['TargetPort', 0],
				['NodePort', 0]
			]);
			errs.push({
				type: 'Duplicate value',
				field: index('spec.ports', i),
				body: `Duplicate value: ${value}`
			});
		}
		seen.add(id);
	});
	return errs;
}

/** The node-port allocator's check, which runs once validation has passed. */
export function validateNodePorts(service: Service): ErrorList {
	const errs: ErrorList = [];
	(service.spec?.ports ?? []).forEach((p, i) => {
		const port = p.nodePort;
		if (port && (port < NODE_PORT_RANGE.min || port > NODE_PORT_RANGE.max)) {
			const range = `${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`;
			const msg = `provided port is not in the valid range. The range of valid ports is ${range}`;
			errs.push(invalid(child(index('spec.ports', i), 'nodePort'), port, msg));
		}
	});
	return errs;
}

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

export function validateIngressSpec(spec: IngressSpec): ErrorList {
	const errs: ErrorList = [];
	const rules = spec.rules ?? [];
	if (rules.length === 0 && !spec.defaultBackend) {
		errs.push(
			invalid(
				'spec',
				spec.rules ? [] : null,
				'either `defaultBackend` or `rules` must be specified'
			)
		);
	}
	if (spec.defaultBackend) errs.push(...ingressBackend(spec.defaultBackend, 'spec.defaultBackend'));
	rules.forEach((rule, i) => {
		const at = index('spec.rules', i);
		const host = rule.host ?? '';
		if (/^[0-9.]+$|:/.test(host))
			errs.push(invalid(child(at, 'host'), host, 'must be a DNS name, not an IP address'));
		if (host && !host.includes('*')) {
			for (const msg of isDNS1123Subdomain(host)) errs.push(invalid(child(at, 'host'), host, msg));
		}
		if (!rule.http) return;
		const paths = rule.http.paths ?? [];
		if (paths.length === 0) errs.push(required(child(child(at, 'http'), 'paths')));
		paths.forEach((p, j) => {
			const pathAt = index(child(child(at, 'http'), 'paths'), j);
			if (!p.pathType) {
				errs.push(required(child(pathAt, 'pathType'), 'pathType must be specified'));
				return;
			}
			const path = p.path ?? '';
			if (!PATH_TYPES.includes(p.pathType)) {
				errs.push(notSupported(child(pathAt, 'pathType'), p.pathType, PATH_TYPES));
			} else if (!path.startsWith('/') && (p.pathType !== 'ImplementationSpecific' || path)) {
				errs.push(invalid(child(pathAt, 'path'), path, 'must be an absolute path'));
			}
			errs.push(...ingressBackend(p.backend ?? {}, child(pathAt, 'backend')));
		});
	});
	if (spec.ingressClassName !== undefined) {
		for (const msg of isDNS1123Subdomain(spec.ingressClassName)) {
			errs.push(invalid('spec.ingressClassName', spec.ingressClassName, msg));
		}
	}
	return errs;
}

function ingressBackend(backend: IngressBackend, at: string): ErrorList {
	if (backend.resource && backend.service) {
		return [invalid(at, '', 'cannot set both resource and service backends')];
	}
	if (backend.resource) return [];
	const service = backend.service;
	if (!service) return [invalid(at, '', 'resource or service backend is required')];
	const errs: ErrorList = [];
	const name = child(child(at, 'service'), 'name');
	if (!service.name) errs.push(required(name));
	else for (const msg of isDNS1035Label(service.name)) errs.push(invalid(name, service.name, msg));
	const portName = service.port?.name ?? '';
	const portNumberValue = service.port?.number ?? 0;
	const portPath = child(child(at, 'service'), 'port');
	if (portName && portNumberValue)
		errs.push(invalid(at, '', 'cannot set both port name & port number'));
	else if (portName) {
		for (const msg of isValidPortName(portName))
			errs.push(invalid(child(portPath, 'name'), portName, msg));
	} else if (portNumberValue) {
		for (const msg of isValidPortNum(portNumberValue)) {
			errs.push(invalid(child(portPath, 'number'), portNumberValue, msg));
		}
	} else errs.push(required(at, 'port name or number is required'));
	return errs;
}

export function validatePdbSpec(spec: PodDisruptionBudgetSpec): ErrorList {
	const errs: ErrorList = [];
	if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
		// The internal policy.PodDisruptionBudgetSpec, marshalled with Go field names.
		const value = goStruct([
			['MinAvailable', spec.minAvailable],
			['Selector', selectorJson(spec.selector)],
			['MaxUnavailable', spec.maxUnavailable],
			['UnhealthyPodEvictionPolicy', spec.unhealthyPodEvictionPolicy ?? null]
		]);
		errs.push(invalidGoValue('spec', value, 'minAvailable and maxUnavailable cannot be both set'));
	}
	for (const field of ['minAvailable', 'maxUnavailable'] as const) {
		if (spec[field] === undefined) continue;
		errs.push(...positiveIntOrPercent(spec[field], `spec.${field}`));
		errs.push(...notMoreThan100Percent(spec[field], `spec.${field}`));
	}
	errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
	const policy = spec.unhealthyPodEvictionPolicy;
	if (policy !== undefined && !['AlwaysAllow', 'IfHealthyBudget'].includes(policy)) {
		errs.push(
			notSupported('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget'])
		);
	}
	return errs;
}

/** core.MaxSecretSize, which also bounds ConfigMaps. */
const MAX_DATA_SIZE = 1024 * 1024;

/** IsConfigMapKey, and the 1 MiB size limit, for ConfigMap and Secret data. */
export function validateDataKeys(maps: [string, Record<string, string> | undefined][]): ErrorList {
	const errs: ErrorList = [];
	let total = 0;
	for (const [name, map] of maps) {
		for (const k of sortedKeys(map ?? {})) {
			const at = key(name, k);
			errs.push(...configMapKeyErrors(k).map((msg) => invalid(at, k, msg)));
			total += byteLength(map?.[k] ?? '');
		}
	}
	if (total > MAX_DATA_SIZE) errs.push(tooLong('', MAX_DATA_SIZE));
	return errs;
}

export const namespaceName = (name: string): string[] => isDNS1123Label(name);
export const serviceName = (name: string): string[] => isDNS1035Label(name);
