/** `kubectl describe pod` (describe.go describePod; cli-formats.md §3.2). */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { kubectlAge } from '../durations';
import { LAB_EPOCH_MS } from '../../core/time';
import { qosClass } from '../../manifests/admission';
import { writeContainers, tolerationLines, writeVolumes } from './describe-containers';
import { eventsFor, writeEvents } from './describe-events';
import {
	DescribeWriter,
	rfc1123z,
	writeAnnotations,
	writeLabels,
	writeList
} from './describe-writer';

export function describePod(kernel: Kernel, pod: Pod, showEvents = true): string {
	const w = new DescribeWriter();
	const spec = pod.spec;
	const status = pod.status;
	w.write(0, `Name:\t${pod.metadata?.name}\n`);
	w.write(0, `Namespace:\t${pod.metadata?.namespace ?? 'default'}\n`);
	if (spec?.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
	if (spec?.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
	if (spec?.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
	if (spec?.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
	w.write(0, `Node:\t${spec?.nodeName ? `${spec.nodeName}/${status?.hostIP ?? ''}` : '<none>'}\n`);
	if (status?.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
	writeLabels(w, 'Labels', pod.metadata?.labels);
	writeAnnotations(w, 'Annotations', pod.metadata?.annotations);
	const deletion = pod.metadata?.deletionTimestamp;
	if (deletion && status?.phase !== 'Failed' && status?.phase !== 'Succeeded') {
		const since = kernel.now - (Date.parse(deletion) - LAB_EPOCH_MS);
		w.write(0, `Status:\tTerminating (lasts ${kubectlAge(since)})\n`);
		w.write(0, `Termination Grace Period:\t${pod.metadata?.deletionGracePeriodSeconds ?? 0}s\n`);
	} else w.write(0, `Status:\t${status?.phase ?? ''}\n`);
	if (status?.reason) w.write(0, `Reason:\t${status.reason}\n`);
	if (status?.message) w.write(0, `Message:\t${status.message}\n`);
	w.write(0, `IP:\t${status?.podIP ?? ''}\n`);
	const ips = status?.podIPs ?? [];
	if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
	else {
		w.write(0, 'IPs:\n');
		for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
	}
	const owner = pod.metadata?.ownerReferences?.find((r) => r.controller === true);
	if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
	if (status?.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
	if ((spec?.initContainers ?? []).length > 0)
		writeContainers(
			w,
			'Init Containers',
			spec!.initContainers!,
			status?.initContainerStatuses,
			'',
			pod
		);
	writeContainers(w, 'Containers', spec?.containers ?? [], status?.containerStatuses, '', pod);
	if ((spec?.readinessGates ?? []).length > 0) {
		w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
		for (const g of spec!.readinessGates!) {
			const c = status?.conditions?.find((x) => x.type === g.conditionType);
			w.write(1, `${g.conditionType} \t${c?.status ?? '<none>'} \n`);
		}
	}
	const conditions = status?.conditions ?? [];
	if (conditions.length > 0) {
		w.write(0, 'Conditions:\n  Type\tStatus\n');
		// Each cell ends in a space: describe.go writes "%v \t%v \n".
		for (const c of conditions) w.write(1, `${c.type} \t${c.status} \n`);
	}
	writeVolumes(w, spec?.volumes);
	// describe.go: status.qosClass, else qos.GetPodQOS.
	w.write(
		0,
		`QoS Class:\t${pod.status?.qosClass || (pod.spec ? qosClass(pod.spec) : 'BestEffort')}\n`
	);
	writeLabels(w, 'Node-Selectors', spec?.nodeSelector);
	writeList(w, 'Tolerations', tolerationLines(spec?.tolerations));
	const spread = [...(spec?.topologySpreadConstraints ?? [])].sort((a, b) =>
		a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0
	);
	if (spread.length > 0) {
		w.write(0, 'Topology Spread Constraints:\t');
		spread.forEach((t, i) => {
			const selector = t.labelSelector
				? ` for selector ${Object.entries(t.labelSelector.matchLabels ?? {})
						.sort(([a], [b]) => (a < b ? -1 : 1))
						.map(([k, v]) => `${k}=${v}`)
						.join(',')}`
				: '';
			w.write(
				0,
				`${i === 0 ? '' : '\t'}${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded${selector}\n`
			);
		});
	}
	const meta = pod.metadata;
	writeEvents(
		w,
		showEvents &&
			eventsFor(kernel, {
				kind: 'Pod',
				name: meta!.name!,
				namespace: meta?.namespace,
				uid: meta?.uid
			}),
		kernel.now
	);
	return w.toString();
}
