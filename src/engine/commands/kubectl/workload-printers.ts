/**
 * `kubectl get pods|deployments|replicasets` columns and cells (printers.go printPod,
 * printDeployment, printReplicaSet; cli-formats.md §2.2–2.4).
 */
import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { kubectlAge } from '../durations';
import { LAB_EPOCH_MS } from '../../core/time';
import { formatSelector } from '../../kubernetes/pods';
import { ageOf } from './node-printer';

export interface Printer<T> {
	columns: readonly string[];
	wide: readonly string[];
	row(object: T, now: number, wide: boolean): string[];
}

/** The STATUS column: phase, reason, then the first container that is not running (printPod). */
export function podStatus(pod: Pod): string {
	let reason = pod.status?.reason || pod.status?.phase || 'Pending';
	const statuses = pod.status?.containerStatuses ?? [];
	let hasRunning = false;
	for (let i = statuses.length - 1; i >= 0; i--) {
		const c = statuses[i]!;
		if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
		else if (c.state?.terminated) {
			const t = c.state.terminated;
			reason = t.reason || (t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`);
		} else if (c.ready && c.state?.running) hasRunning = true;
	}
	if (reason === 'Completed' && hasRunning) {
		const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
		reason = ready ? 'Running' : 'NotReady';
	}
	if (
		pod.metadata?.deletionTimestamp &&
		pod.status?.phase !== 'Succeeded' &&
		pod.status?.phase !== 'Failed'
	) {
		reason = pod.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
	}
	return reason;
}

function restartsCell(pod: Pod, now: number): string {
	let restarts = 0;
	let last: number | undefined;
	for (const c of pod.status?.containerStatuses ?? []) {
		restarts += c.restartCount;
		const finished = c.lastState?.terminated?.finishedAt;
		if (finished) {
			const t = Date.parse(finished) - LAB_EPOCH_MS;
			last = last === undefined ? t : Math.max(last, t);
		}
	}
	return restarts > 0 && last !== undefined
		? `${restarts} (${kubectlAge(now - last)} ago)`
		: String(restarts);
}

export const POD_PRINTER: Printer<Pod> = {
	columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
	wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
	row(pod, now, wide) {
		const total = pod.spec?.containers?.length ?? 0;
		const ready = (pod.status?.containerStatuses ?? []).filter(
			(c) => c.ready && c.state?.running
		).length;
		const row = [
			pod.metadata?.name ?? '',
			`${ready}/${total}`,
			podStatus(pod),
			restartsCell(pod, now),
			ageOf(pod.metadata?.creationTimestamp, now)
		];
		if (wide) {
			row.push(
				pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP ?? '<none>',
				pod.spec?.nodeName || '<none>',
				pod.status?.nominatedNodeName || '<none>',
				'<none>'
			);
		}
		return row;
	}
};

function containersAndImages(
	spec: { containers?: { name: string; image?: string }[] } | undefined
) {
	const containers = spec?.containers ?? [];
	return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(',')];
}

export const DEPLOYMENT_PRINTER: Printer<Deployment> = {
	columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
	wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
	row(d, now, wide) {
		const row = [
			d.metadata?.name ?? '',
			`${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
			String(d.status?.updatedReplicas ?? 0),
			String(d.status?.availableReplicas ?? 0),
			ageOf(d.metadata?.creationTimestamp, now)
		];
		if (wide)
			row.push(...containersAndImages(d.spec?.template?.spec), formatSelector(d.spec?.selector));
		return row;
	}
};

export const REPLICASET_PRINTER: Printer<ReplicaSet> = {
	columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
	wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
	row(rs, now, wide) {
		const row = [
			rs.metadata?.name ?? '',
			String(rs.spec?.replicas ?? 1),
			String(rs.status?.replicas ?? 0),
			String(rs.status?.readyReplicas ?? 0),
			ageOf(rs.metadata?.creationTimestamp, now)
		];
		if (wide)
			row.push(...containersAndImages(rs.spec?.template?.spec), formatSelector(rs.spec?.selector));
		return row;
	}
};

/** `kubectl get events` (printers.go printEvent): list order, not time order. */
export const EVENT_PRINTER: Printer<Event> = {
	columns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
	wide: [],
	row(e, now) {
		const last = e.lastTimestamp ?? e.firstTimestamp;
		return [
			ageOf(last, now),
			e.type ?? '',
			e.reason ?? '',
			`${e.involvedObject.kind?.toLowerCase()}/${e.involvedObject.name}`,
			(e.message ?? '').trim()
		];
	}
};
