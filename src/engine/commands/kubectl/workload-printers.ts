/**
 * `kubectl get pods|deployments|replicasets|daemonsets|statefulsets|jobs|pvc|pdb` columns and
 * cells (printers.go printPod, printDeployment, printReplicaSet, printDaemonSet,
 * printStatefulSet, printJob, printPersistentVolumeClaim, printPodDisruptionBudget;
 * cli-formats.md §2.2–2.4).
 */
import type { Event, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { kubectlAge } from '../durations';
import { LAB_EPOCH_MS } from '../../core/time';
import { formatSelector } from '../../kubernetes/pods';
import { ageOf } from './node-printer';

export interface Printer<T> {
	columns: readonly string[];
	wide: readonly string[];
	/** The whole -o wide header, for tables whose wide columns are not all at the end (events). */
	wideColumns?: readonly string[];
	row(object: T, now: number, wide: boolean): string[];
}

/** READY, STATUS and RESTARTS of one pod: a port of printers.go printPod (kubectl v1.35). */
interface PodCells {
	ready: number;
	total: number;
	reason: string;
	restarts: number;
	/** When the last restarted container last finished (lab ms), for `N (AGE ago)`. */
	lastRestart: number | undefined;
}

type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];

function lastFinished(c: ContainerStatus, last: number | undefined): number | undefined {
	const finished = c.lastState?.terminated?.finishedAt;
	if (!finished) return last;
	const t = Date.parse(finished) - LAB_EPOCH_MS;
	return last === undefined ? t : Math.max(last, t);
}

function terminatedReason(t: NonNullable<NonNullable<ContainerStatus['state']>['terminated']>) {
	if (t.reason) return t.reason;
	return t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
}

function hasCondition(pod: Pod, type: string): boolean {
	return pod.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

/**
 * Init containers first (`Init:N/M`, `Init:<reason>`; a started sidecar, i.e. an init container
 * with restartPolicy Always, counts in READY), then the app containers from the last one back,
 * as printPod does.
 */
function podCells(pod: Pod): PodCells {
	const status = pod.status;
	const inits = pod.spec?.initContainers ?? [];
	const sidecars = new Set(inits.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
	const cells: PodCells = {
		ready: 0,
		total: (pod.spec?.containers?.length ?? 0) + sidecars.size,
		reason: status?.reason || status?.phase || 'Pending',
		restarts: 0,
		lastRestart: undefined
	};
	if (status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated'))
		cells.reason = 'SchedulingGated';
	let sidecarRestarts = 0;
	let sidecarLast: number | undefined;
	let initializing = false;
	const initStatuses = status?.initContainerStatuses ?? [];
	for (let i = 0; i < initStatuses.length; i++) {
		const c = initStatuses[i]!;
		cells.restarts += c.restartCount;
		cells.lastRestart = lastFinished(c, cells.lastRestart);
		const sidecar = sidecars.has(c.name);
		if (sidecar) {
			sidecarRestarts += c.restartCount;
			sidecarLast = lastFinished(c, sidecarLast);
		}
		const terminated = c.state?.terminated;
		const waiting = c.state?.waiting?.reason;
		if (terminated && terminated.exitCode === 0) continue;
		if (sidecar && c.started) {
			if (c.ready) cells.ready++;
			continue;
		}
		if (terminated) cells.reason = `Init:${terminatedReason(terminated)}`;
		else if (waiting && waiting !== 'PodInitializing') cells.reason = `Init:${waiting}`;
		else cells.reason = `Init:${i}/${inits.length}`;
		initializing = true;
		break;
	}
	if (!initializing || hasCondition(pod, 'Initialized')) {
		cells.restarts = sidecarRestarts;
		cells.lastRestart = sidecarLast;
		let hasRunning = false;
		const statuses = status?.containerStatuses ?? [];
		for (let i = statuses.length - 1; i >= 0; i--) {
			const c = statuses[i]!;
			cells.restarts += c.restartCount;
			cells.lastRestart = lastFinished(c, cells.lastRestart);
			if (c.state?.waiting?.reason) cells.reason = c.state.waiting.reason;
			else if (c.state?.terminated) cells.reason = terminatedReason(c.state.terminated);
			else if (c.ready && c.state?.running) {
				hasRunning = true;
				cells.ready++;
			}
		}
		if (cells.reason === 'Completed' && hasRunning)
			cells.reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
	}
	const phase = status?.phase;
	if (pod.metadata?.deletionTimestamp && status?.reason === 'NodeLost') cells.reason = 'Unknown';
	else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
		cells.reason = 'Terminating';
	return cells;
}

/** The STATUS column (printPod's reason). */
export function podStatus(pod: Pod): string {
	return podCells(pod).reason;
}

function restartsCell(cells: PodCells, now: number): string {
	return cells.restarts > 0 && cells.lastRestart !== undefined
		? `${cells.restarts} (${kubectlAge(now - cells.lastRestart)} ago)`
		: String(cells.restarts);
}

/** READINESS GATES: `<none>`, or how many of the gates' conditions are True (printPod). */
function readinessGatesCell(pod: Pod): string {
	const gates = pod.spec?.readinessGates ?? [];
	if (gates.length === 0) return '<none>';
	const met = gates.filter((g) =>
		pod.status?.conditions?.some((c) => c.type === g.conditionType && c.status === 'True')
	).length;
	return `${met}/${gates.length}`;
}

export const POD_PRINTER: Printer<Pod> = {
	columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
	wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
	row(pod, now, wide) {
		const cells = podCells(pod);
		const row = [
			pod.metadata?.name ?? '',
			`${cells.ready}/${cells.total}`,
			cells.reason,
			restartsCell(cells, now),
			ageOf(pod.metadata?.creationTimestamp, now)
		];
		if (wide) {
			row.push(
				pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>',
				pod.spec?.nodeName || '<none>',
				pod.status?.nominatedNodeName || '<none>',
				readinessGatesCell(pod)
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
/** printers.go printEvent: the wide table adds SUBOBJECT and SOURCE before MESSAGE. */
export const EVENT_PRINTER: Printer<Event> = {
	columns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
	wide: [],
	wideColumns: [
		'LAST SEEN',
		'TYPE',
		'REASON',
		'OBJECT',
		'SUBOBJECT',
		'SOURCE',
		'MESSAGE',
		'FIRST SEEN',
		'COUNT',
		'NAME'
	],
	row(e, now, wide) {
		const first = ageOf(e.firstTimestamp ?? e.eventTime, now);
		let last = e.lastTimestamp ? ageOf(e.lastTimestamp, now) : first;
		let count = e.count ?? 0;
		if (e.series) {
			last = ageOf(e.series.lastObservedTime, now);
			count = e.series.count ?? 0;
		} else if (count === 0) count = 1; // singleton events of the new API carry no count
		const kind = e.involvedObject.kind?.toLowerCase() ?? '';
		const target = e.involvedObject.name ? `${kind}/${e.involvedObject.name}` : kind;
		const message = (e.message ?? '').trim();
		if (!wide) return [last, e.type ?? '', e.reason ?? '', target, message];
		const component = e.source?.component || e.reportingComponent || '';
		const instance = e.source?.host || e.reportingInstance || '';
		return [
			last,
			e.type ?? '',
			e.reason ?? '',
			target,
			e.involvedObject.fieldPath ?? '',
			instance ? `${component}, ${instance}` : component,
			message,
			first,
			String(count),
			e.metadata?.name ?? ''
		];
	}
};

/** labels.FormatLabels: `k=v` sorted by key and joined with `,`, or `<none>`. */
function formatLabels(labels: Record<string, string> | undefined): string {
	const keys = Object.keys(labels ?? {}).sort();
	return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** `kubectl get daemonsets` (printers.go daemonSetColumnDefinitions, printDaemonSet). */
export const DAEMONSET_PRINTER: Printer<DaemonSet> = {
	columns: [
		'NAME',
		'DESIRED',
		'CURRENT',
		'READY',
		'UP-TO-DATE',
		'AVAILABLE',
		'NODE SELECTOR',
		'AGE'
	],
	wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
	row(ds, now, wide) {
		const s = ds.status;
		const row = [
			ds.metadata?.name ?? '',
			String(s?.desiredNumberScheduled ?? 0),
			String(s?.currentNumberScheduled ?? 0),
			String(s?.numberReady ?? 0),
			String(s?.updatedNumberScheduled ?? 0),
			String(s?.numberAvailable ?? 0),
			formatLabels(ds.spec?.template?.spec?.nodeSelector),
			ageOf(ds.metadata?.creationTimestamp, now)
		];
		if (wide)
			row.push(...containersAndImages(ds.spec?.template?.spec), formatSelector(ds.spec?.selector));
		return row;
	}
};

/** `kubectl get statefulsets` (printStatefulSet): READY is `<readyReplicas>/<spec.replicas>`. */
export const STATEFULSET_PRINTER: Printer<StatefulSet> = {
	columns: ['NAME', 'READY', 'AGE'],
	wide: ['CONTAINERS', 'IMAGES'],
	row(sts, now, wide) {
		const row = [
			sts.metadata?.name ?? '',
			`${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 1}`,
			ageOf(sts.metadata?.creationTimestamp, now)
		];
		if (wide) row.push(...containersAndImages(sts.spec?.template?.spec));
		return row;
	}
};

function hasJobCondition(job: Job, type: string): boolean {
	return job.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

/** The STATUS cell of printJob (v1.35): Complete, Failed, Terminating, Suspended, FailureTarget, Running. */
export function jobStatus(job: Job): string {
	if (hasJobCondition(job, 'Complete')) return 'Complete';
	if (hasJobCondition(job, 'Failed')) return 'Failed';
	if (job.metadata?.deletionTimestamp) return 'Terminating';
	if (hasJobCondition(job, 'Suspended')) return 'Suspended';
	if (hasJobCondition(job, 'FailureTarget')) return 'FailureTarget';
	return 'Running';
}

function labTime(t: string): number {
	return Date.parse(t) - LAB_EPOCH_MS;
}

/** `kubectl get jobs` (jobColumnDefinitions, printJob): NAME STATUS COMPLETIONS DURATION AGE. */
export const JOB_PRINTER: Printer<Job> = {
	columns: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
	wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
	row(job, now, wide) {
		const succeeded = job.status?.succeeded ?? 0;
		const completions = job.spec?.completions;
		const parallelism = job.spec?.parallelism ?? 0;
		let cell: string;
		if (completions !== undefined && completions !== null) cell = `${succeeded}/${completions}`;
		else if (parallelism > 1) cell = `${succeeded}/1 of ${parallelism}`;
		else cell = `${succeeded}/1`;
		const start = job.status?.startTime;
		const end = job.status?.completionTime;
		const duration =
			start === undefined
				? ''
				: kubectlAge((end === undefined ? now : labTime(end)) - labTime(start));
		const row = [
			job.metadata?.name ?? '',
			jobStatus(job),
			cell,
			duration,
			ageOf(job.metadata?.creationTimestamp, now)
		];
		if (wide)
			row.push(
				...containersAndImages(job.spec?.template?.spec),
				formatSelector(job.spec?.selector)
			);
		return row;
	}
};

/**
 * `kubectl get persistentvolumeclaims` (printPersistentVolumeClaim): an unbound claim shows
 * no volume, capacity or access modes; STORAGECLASS is spec.storageClassName (or the beta
 * annotation); VOLUMEATTRIBUTESCLASS is `<unset>` when none is named.
 */
export const PVC_PRINTER: Printer<PersistentVolumeClaim> = {
	columns: [
		'NAME',
		'STATUS',
		'VOLUME',
		'CAPACITY',
		'ACCESS MODES',
		'STORAGECLASS',
		'VOLUMEATTRIBUTESCLASS',
		'AGE'
	],
	wide: ['VOLUMEMODE'],
	row(pvc, now, wide) {
		const bound = Boolean(pvc.spec?.volumeName);
		const row = [
			pvc.metadata?.name ?? '',
			pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
			pvc.spec?.volumeName ?? '',
			bound ? (pvc.status?.capacity?.['storage'] ?? '') : '',
			bound ? accessModes(pvc.status?.accessModes) : '',
			pvc.spec?.storageClassName ??
				pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ??
				'',
			pvc.spec?.volumeAttributesClassName ?? '<unset>',
			ageOf(pvc.metadata?.creationTimestamp, now)
		];
		if (wide) row.push(pvc.spec?.volumeMode ?? '<unset>');
		return row;
	}
};

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order. */
function accessModes(modes: readonly string[] | undefined): string {
	const short: [string, string][] = [
		['ReadWriteOnce', 'RWO'],
		['ReadOnlyMany', 'ROX'],
		['ReadWriteMany', 'RWX'],
		['ReadWriteOncePod', 'RWOP']
	];
	return short
		.filter(([m]) => modes?.includes(m))
		.map(([, s]) => s)
		.join(',');
}

/** `kubectl get poddisruptionbudgets` (printPodDisruptionBudget). */
export const PDB_PRINTER: Printer<PodDisruptionBudget> = {
	columns: ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
	wide: [],
	row(pdb, now) {
		const spec = pdb.spec;
		return [
			pdb.metadata?.name ?? '',
			spec?.minAvailable !== undefined ? String(spec.minAvailable) : 'N/A',
			spec?.maxUnavailable !== undefined ? String(spec.maxUnavailable) : 'N/A',
			String(pdb.status?.disruptionsAllowed ?? 0),
			ageOf(pdb.metadata?.creationTimestamp, now)
		];
	}
};
