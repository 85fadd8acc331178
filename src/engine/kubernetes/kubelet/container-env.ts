/**
 * The environment a container's process starts with, as `printenv` shows it: containerd puts
 * the default PATH and HOSTNAME first (internal/cri/server/container_create.go buildLinuxSpec:
 * WithDefaultPathEnv, then `HOSTNAME=<pod hostname>`), then the kubelet's variables
 * (kubelet_pods.go makeEnvironmentVariables: envFrom, then env with `$(VAR)` expanded, then the
 * Services' variables — pkg/kubelet/envvars FromServices — for names not already set); runc
 * adds HOME last when it is unset. The kubelet builds its part from a Go map, so the real order
 * of those varies; the lab keeps the spec's order, then Services by name.
 */
import type { ConfigMap, Container, EnvVar, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import type { Store } from '../../core/store';
import { LAB_EPOCH_MS } from '../../core/time';
import { CONFIGMAPS, key, SECRETS, SERVICES } from '../api/collections';
import { DEFAULT_PATH_ENV } from '../defaults';
import { base64Decode } from '../../manifests/base64';
import { ownValue, putOwn } from '../../core/own-keys';

/** The container's variables in order, as NAME=VALUE lines; `startedAt`: lab ms of its start. */
export function containerEnv(
	store: Store,
	pod: Pod,
	container: Container,
	startedAt: number
): string[] {
	const namespace = pod.metadata?.namespace ?? 'default';
	const vars = new Map<string, string>();
	for (const from of container.envFrom ?? []) {
		const prefix = from.prefix ?? '';
		const data = from.configMapRef
			? store.get<ConfigMap>(CONFIGMAPS, key(namespace, from.configMapRef.name ?? ''))?.data
			: secretData(store.get<Secret>(SECRETS, key(namespace, from.secretRef?.name ?? ''))?.data);
		for (const [k, v] of Object.entries(data ?? {})) vars.set(prefix + k, v);
	}
	const services = serviceVars(store, pod, startedAt);
	for (const e of container.env ?? []) {
		const value = valueOf(store, pod, e, (name) => vars.get(name) ?? services.get(name));
		if (value !== undefined) vars.set(e.name, value);
	}
	for (const [k, v] of services) if (!vars.has(k)) vars.set(k, v);
	// oci.WithEnv replaces a variable already set where it stands.
	const lines = [
		`PATH=${vars.get('PATH') ?? DEFAULT_PATH_ENV}`,
		`HOSTNAME=${vars.get('HOSTNAME') ?? podHostname(pod)}`
	];
	for (const [k, v] of vars) if (k !== 'PATH' && k !== 'HOSTNAME') lines.push(`${k}=${v}`);
	if (!vars.has('HOME')) lines.push('HOME=/root');
	return lines;
}

/**
 * The pod's hostname: `spec.hostname`, else its name (kubelet GeneratePodHostNameAndDomain); a
 * hostNetwork pod's sandbox has none, so the runtime gives the node's (containerd os.Hostname).
 */
export function podHostname(pod: Pod): string {
	if (pod.spec?.hostNetwork === true) return pod.spec.nodeName ?? '';
	return pod.spec?.hostname ?? pod.metadata?.name ?? '';
}

/** A Secret's data, decoded. */
export function secretData(
	data: Record<string, string> | undefined
): Record<string, string> | undefined {
	if (data === undefined) return undefined;
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(data)) putOwn(out, k, base64Decode(v));
	return out;
}

/** One `env` entry's value (undefined when its source is missing and optional). */
function valueOf(
	store: Store,
	pod: Pod,
	e: EnvVar,
	lookup: (name: string) => string | undefined
): string | undefined {
	const from = e.valueFrom;
	const namespace = pod.metadata?.namespace ?? 'default';
	if (from === undefined) return expand(e.value ?? '', lookup);
	if (from.configMapKeyRef) {
		const cm = store.get<ConfigMap>(CONFIGMAPS, key(namespace, from.configMapKeyRef.name ?? ''));
		return ownValue(cm?.data, from.configMapKeyRef.key);
	}
	if (from.secretKeyRef) {
		const data = store.get<Secret>(SECRETS, key(namespace, from.secretKeyRef.name ?? ''))?.data;
		const raw = ownValue(data, from.secretKeyRef.key);
		return raw === undefined ? undefined : base64Decode(raw);
	}
	if (from.fieldRef) return fieldValue(pod, from.fieldRef.fieldPath);
	return undefined;
}

/** The downward API's pod fields (podFieldSelectorRuntimeValue, ExtractFieldPathAsString). */
function fieldValue(pod: Pod, path: string): string | undefined {
	const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
	if (label) return ownValue(pod.metadata?.[label[1] as 'labels' | 'annotations'], label[2]!) ?? '';
	const fields: Record<string, string | undefined> = {
		'metadata.name': pod.metadata?.name,
		'metadata.namespace': pod.metadata?.namespace ?? 'default',
		'metadata.uid': pod.metadata?.uid,
		'spec.nodeName': pod.spec?.nodeName,
		'spec.serviceAccountName': pod.spec?.serviceAccountName,
		'status.hostIP': pod.status?.hostIP,
		'status.podIP': pod.status?.podIP
	};
	return ownValue(fields, path) ?? '';
}

/** `$(VAR)` references to defined variables are replaced; `$$` escapes (third_party/forked/golang/expansion). */
function expand(text: string, lookup: (name: string) => string | undefined): string {
	return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string | undefined) =>
		name === undefined ? '$' : (lookup(name) ?? whole)
	);
}

/**
 * The Services' variables the container starts with (getServiceEnvVarMap): the `kubernetes`
 * Service's in every namespace; with enableServiceLinks (default true) those of every Service
 * of the pod's namespace that has a cluster IP and existed when the container started.
 */
function serviceVars(store: Store, pod: Pod, startedAt: number): Map<string, string> {
	const namespace = pod.metadata?.namespace ?? 'default';
	const links = pod.spec?.enableServiceLinks ?? true;
	const out = new Map<string, string>();
	for (const s of store.list<Service>(SERVICES)) {
		const ns = s.metadata?.namespace ?? 'default';
		const master = ns === 'default' && s.metadata?.name === 'kubernetes';
		if (!master && !(links && ns === namespace)) continue;
		const ip = s.spec?.clusterIP;
		if (ip === undefined || ip === '' || ip === 'None') continue;
		if (!master && createdAfter(s, startedAt)) continue;
		for (const [k, v] of fromService(s, ip)) out.set(k, v);
	}
	return out;
}

function createdAfter(s: Service, startedAt: number): boolean {
	const created = s.metadata?.creationTimestamp;
	return created !== undefined && Date.parse(created) > LAB_EPOCH_MS + startedAt;
}

/** envvars.go FromServices and makeLinkVariables for one Service. */
function fromService(s: Service, ip: string): [string, string][] {
	const prefix = envName(s.metadata?.name ?? '');
	const ports = s.spec?.ports ?? [];
	const out: [string, string][] = [[`${prefix}_SERVICE_HOST`, ip]];
	if (ports[0] !== undefined) out.push([`${prefix}_SERVICE_PORT`, String(ports[0].port)]);
	for (const p of ports)
		if (p.name) out.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
	ports.forEach((p, i) => {
		const protocol = (p.protocol ?? 'TCP').toLowerCase();
		const url = `${protocol}://${ip}:${p.port}`;
		if (i === 0) out.push([`${prefix}_PORT`, url]);
		const portPrefix = `${prefix}_PORT_${p.port}_${protocol.toUpperCase()}`;
		out.push(
			[portPrefix, url],
			[`${portPrefix}_PROTO`, protocol],
			[`${portPrefix}_PORT`, String(p.port)],
			[`${portPrefix}_ADDR`, ip]
		);
	});
	return out;
}

/**
 * envvars.go makeEnvVariableName: upper case and `-` to `_`, nothing else (its TODO leaves
 * leading digits alone: a port named `80-80` gives `WEB_SERVICE_PORT_80_80`).
 */
function envName(name: string): string {
	return name.toUpperCase().replaceAll('-', '_');
}
