/**
 * Containers as kubectl describe prints them (describe.go describeContainers, DescribeProbe,
 * describeStatus): ports, command and args, state, probes, environment and mounts. Used for
 * pods (with their statuses) and for pod templates (without).
 */
import type {
	Container,
	ContainerState,
	ContainerStatus,
	EnvVar,
	Pod,
	PodTemplateSpec,
	Probe,
	ResourceFieldSelector,
	ResourceRequirements,
	Toleration,
	Volume
} from 'kubernetes-types/core/v1';
import {
	PROBE_FAILURE_THRESHOLD,
	PROBE_PERIOD_SECONDS,
	PROBE_SUCCESS_THRESHOLD,
	PROBE_TIMEOUT_SECONDS
} from '../../kubernetes/defaults';
import { canonicalQuantity } from '../../manifests/quantity';
import { milliValue, quantityValue } from '../../kubernetes/scheduler/resources';
import {
	rfc1123z,
	writeAnnotations,
	writeLabels,
	writeList,
	type DescribeWriter
} from './describe-writer';

export function writeContainers(
	w: DescribeWriter,
	label: string,
	containers: readonly Container[],
	statuses: readonly ContainerStatus[] | undefined,
	space = '',
	pod?: Pod
): void {
	w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
	for (const c of containers) {
		const status = statuses?.find((s) => s.name === c.name);
		w.write(1, `${space === '' ? '' : ' '}${c.name}:\n`);
		if (status !== undefined) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
		w.write(2, `Image:\t${c.image ?? ''}\n`);
		if (status !== undefined) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
		const ports = (c.ports ?? []).map(
			(p) => `${p.containerPort}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`
		);
		const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`);
		w.write(2, `${ports.length > 1 ? 'Ports' : 'Port'}:\t${ports.join(', ') || '<none>'}\n`);
		w.write(
			2,
			`${hostPorts.length > 1 ? 'Host Ports' : 'Host Port'}:\t${hostPorts.join(', ') || '<none>'}\n`
		);
		writeLines(w, 'Command', c.command);
		writeLines(w, 'Args', c.args);
		if (status !== undefined) {
			writeState(w, 'State', status.state);
			if (status.lastState?.terminated !== undefined) writeState(w, 'Last State', status.lastState);
			w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
			w.write(2, `Restart Count:\t${status.restartCount}\n`);
		}
		writeResources(w, c.resources, 2);
		if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
		if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
		if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
		writeEnvironment(w, c, pod);
		const mounts = [...(c.volumeMounts ?? [])].sort((a, b) =>
			a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0
		);
		w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
		for (const m of mounts) {
			const flags = [
				m.readOnly ? 'ro' : 'rw',
				...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])
			];
			w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
		}
	}
}

function writeLines(w: DescribeWriter, title: string, items: readonly string[] | undefined): void {
	if (items === undefined || items.length === 0) return;
	w.write(2, `${title}:\n`);
	for (const item of items) for (const line of item.split('\n')) w.write(3, `${line}\n`);
}

function writeState(w: DescribeWriter, title: string, state: ContainerState | undefined): void {
	if (state?.running !== undefined) {
		w.write(2, `${title}:\tRunning\n`);
		w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
	} else if (state?.terminated !== undefined) {
		const t = state.terminated;
		w.write(2, `${title}:\tTerminated\n`);
		if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
		if (t.message) w.write(3, `Message:\t${t.message}\n`);
		w.write(3, `Exit Code:\t${t.exitCode}\n`);
		if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${t.signal}\n`);
		w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
		w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
	} else {
		w.write(2, `${title}:\tWaiting\n`);
		if (state?.waiting?.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
	}
}

/** Limits then Requests, resource names sorted (describeResources, SortedResourceNames). */
export function writeResources(
	w: DescribeWriter,
	resources: ResourceRequirements | undefined,
	level: number
): void {
	for (const [title, list] of [
		['Limits', resources?.limits],
		['Requests', resources?.requests]
	] as const) {
		const names = Object.keys(list ?? {}).sort();
		if (names.length === 0) continue;
		w.write(level, `${title}:\n`);
		for (const n of names) w.write(level + 1, `${n}:\t${quantityText(list![n])}\n`);
	}
}

function quantityText(q: string | number | undefined): string {
	const c = canonicalQuantity(String(q ?? '0'));
	return 'value' in c ? c.value : String(q);
}

/**
 * What describe shows for a fieldRef: a pod's (not a template's) name or namespace, and nothing
 * for other paths, because kubectl's scheme has no Pod field-label conversions
 * (describe.go EnvValueRetriever: Scheme.ConvertFieldLabel falls back to
 * DefaultMetaV1FieldSelectorConversion, which knows only metadata.name and metadata.namespace).
 */
function fieldRefValue(e: EnvVar, pod: Pod | undefined): string {
	const path = e.valueFrom?.fieldRef?.fieldPath;
	if (pod === undefined) return '';
	if (path === 'metadata.name') return pod.metadata?.name ?? '';
	if (path === 'metadata.namespace') return pod.metadata?.namespace ?? '';
	return '';
}

/**
 * A resourceFieldRef's value in this container: ceil(quantity / divisor), divisor 1 when unset
 * (kubectl pkg/util/resource ExtractContainerResourceValue), and "node allocatable" for an unset
 * cpu or memory limit (describe.go describeContainerEnvVars).
 */
function resourceFieldValue(c: Container, ref: ResourceFieldSelector): string {
	const divisor =
		ref.divisor === undefined || milliValue(ref.divisor) === 0 ? '1' : String(ref.divisor);
	const [kind, name] = ref.resource.split('.', 2);
	if (kind !== 'limits' && kind !== 'requests') return '';
	const list = kind === 'limits' ? c.resources?.limits : c.resources?.requests;
	let value: number;
	if (name === 'cpu') value = Math.ceil(milliValue(list?.cpu) / milliValue(divisor));
	else if (name === 'memory' || name === 'ephemeral-storage')
		value = Math.ceil(quantityValue(list?.[name]) / quantityValue(divisor));
	else return '';
	if (value === 0 && (ref.resource === 'limits.cpu' || ref.resource === 'limits.memory'))
		return 'node allocatable';
	return String(value);
}

function writeEnvironment(w: DescribeWriter, c: Container, pod: Pod | undefined): void {
	if ((c.envFrom ?? []).length > 0) {
		w.write(2, 'Environment Variables from:\n');
		for (const e of c.envFrom!) {
			const from = e.configMapRef ? 'ConfigMap' : 'Secret';
			const ref = e.configMapRef ?? e.secretRef;
			const what = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
			w.write(3, `${ref?.name ?? ''}\t${what}\tOptional: ${ref?.optional === true}\n`);
		}
	}
	const env = c.env ?? [];
	w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
	for (const e of env) {
		const v = e.valueFrom;
		if (v === undefined) {
			(e.value ?? '')
				.split('\n')
				.forEach((line, i) => w.write(3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`));
		} else if (v.fieldRef)
			w.write(
				3,
				`${e.name}:\t${fieldRefValue(e, pod)} (${v.fieldRef.apiVersion ?? 'v1'}:${v.fieldRef.fieldPath})\n`
			);
		else if (v.resourceFieldRef)
			w.write(
				3,
				`${e.name}:\t${resourceFieldValue(c, v.resourceFieldRef)} (${v.resourceFieldRef.resource})\n`
			);
		else if (v.secretKeyRef)
			w.write(
				3,
				`${e.name}:\t<set to the key '${v.secretKeyRef.key}' in secret '${v.secretKeyRef.name}'>\tOptional: ${v.secretKeyRef.optional === true}\n`
			);
		else if (v.configMapKeyRef)
			w.write(
				3,
				`${e.name}:\t<set to the key '${v.configMapKeyRef.key}' of config map '${v.configMapKeyRef.name}'>\tOptional: ${v.configMapKeyRef.optional === true}\n`
			);
	}
}

/** DescribeProbe: `exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3`. */
export function describeProbe(p: Probe): string {
	const attrs =
		`delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? PROBE_TIMEOUT_SECONDS}s ` +
		`period=${p.periodSeconds ?? PROBE_PERIOD_SECONDS}s #success=${p.successThreshold ?? PROBE_SUCCESS_THRESHOLD} ` +
		`#failure=${p.failureThreshold ?? PROBE_FAILURE_THRESHOLD}`;
	if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
	if (p.httpGet) {
		const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
		const host = p.httpGet.host ?? '';
		const port = String(p.httpGet.port);
		const hostPort = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
		return `http-get ${scheme}://${hostPort}${p.httpGet.path ?? ''} ${attrs}`;
	}
	if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
	if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
	return `unknown ${attrs}`;
}

/** printTolerationsMultiline: `key=value:Effect op=Exists for 300s`, sorted by key. */
export function tolerationLines(tolerations: readonly Toleration[] | undefined): string[] {
	return [...(tolerations ?? [])]
		.sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0))
		.map((t) => {
			let s = t.key ?? '';
			if (t.value) s += `=${t.value}`;
			if (t.effect) s += `:${t.effect}`;
			if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
			if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
				s += ` for ${t.tolerationSeconds}s`;
			return s;
		});
}

/** DescribePodTemplate, as deployments and replica sets show their template. */
export function writePodTemplate(w: DescribeWriter, template: PodTemplateSpec | undefined): void {
	w.write(0, 'Pod Template:\n');
	if (template === undefined) {
		w.write(1, '<unset>');
		return;
	}
	writeLabels(w, '  Labels', template.metadata?.labels);
	if (Object.keys(template.metadata?.annotations ?? {}).length > 0)
		writeAnnotations(w, '  Annotations', template.metadata?.annotations);
	const spec = template.spec;
	if (spec?.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
	if ((spec?.initContainers ?? []).length > 0)
		writeContainers(w, 'Init Containers', spec!.initContainers!, undefined, '  ');
	writeContainers(w, 'Containers', spec?.containers ?? [], undefined, '  ');
	writeVolumes(w, spec?.volumes, '  ');
	if (spec?.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
	writeLabels(w, '  Node-Selectors', spec?.nodeSelector);
	writeList(w, '  Tolerations', tolerationLines(spec?.tolerations));
}

/** describeVolumes, for the volume kinds lab manifests use. */
export function writeVolumes(
	w: DescribeWriter,
	volumes: readonly Volume[] | undefined,
	space = ''
): void {
	const list = volumes ?? [];
	if (list.length === 0) {
		w.write(0, `${space}Volumes:\t<none>\n`);
		return;
	}
	w.write(0, `${space}Volumes:\n`);
	for (const v of list) {
		w.write(1, `${space === '' ? '' : ' '}${v.name}:\n`);
		if (v.emptyDir) {
			w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n`);
			w.write(2, `Medium:\t${v.emptyDir.medium ?? ''}\n`);
			w.write(2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
		} else if (v.hostPath) {
			w.write(2, `Type:\tHostPath (bare host directory volume)\n`);
			w.write(2, `Path:\t${v.hostPath.path}\n`);
			w.write(2, `HostPathType:\t${v.hostPath.type || '<none>'}\n`);
		} else if (v.configMap) {
			w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n`);
			w.write(2, `Name:\t${v.configMap.name ?? ''}\n`);
			w.write(2, `Optional:\t${v.configMap.optional === true}\n`);
		} else if (v.secret) {
			w.write(2, `Type:\tSecret (a volume populated by a Secret)\n`);
			w.write(2, `SecretName:\t${v.secret.secretName ?? ''}\n`);
			w.write(2, `Optional:\t${v.secret.optional === true}\n`);
		} else if (v.persistentVolumeClaim) {
			w.write(
				2,
				`Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n`
			);
			w.write(2, `ClaimName:\t${v.persistentVolumeClaim.claimName}\n`);
			w.write(2, `ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
		} else if (v.projected) {
			// The kube-api-access-* volume every pod with a service account gets.
			w.write(2, `Type:\tProjected (a volume that contains injected data from multiple sources)\n`);
			for (const source of v.projected.sources ?? []) {
				if (source.secret) {
					w.write(2, `SecretName:\t${source.secret.name ?? ''}\n`);
					w.write(2, `Optional:\t${source.secret.optional === true}\n`);
				} else if (source.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
				else if (source.configMap) {
					w.write(2, `ConfigMapName:\t${source.configMap.name ?? ''}\n`);
					w.write(2, `Optional:\t${source.configMap.optional === true}\n`);
				} else if (source.serviceAccountToken)
					// expirationSeconds defaults to 3600 (core/v1 ServiceAccountTokenProjection).
					w.write(
						2,
						`TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 3600}\n`
					);
			}
		} else w.write(1, '<unknown>\n');
	}
}
