/**
 * The side-by-side comparison: what one lab did about a machine failure, read from its trace
 * (times) and its latest snapshot (request counters, Raft). Pure functions over engine data,
 * so the table shows what the lab did, never what a lesson expects it to do.
 *
 * A failure "episode" starts when a powered-on worker goes off (`node.stopped`). It is
 * *detected* when the orchestrator writes the machine off (Kubernetes `node.notready`, Swarm
 * `swarm.node.down`) and *recovered* when as many units run on machines that are on as ran
 * just before the failure. A later stop after recovery starts a new episode; the table shows
 * the latest one.
 */
import type { Flavor, LabSnapshot, TraceEvent } from '$engine/types';

export interface Episode {
	/** The machine that went off first. */
	node: string;
	/** When it went off (ms). */
	stoppedAt: number;
	/** When the orchestrator wrote it off (ms), once it has. */
	detectedAt?: number;
	/** When the units it ran were running again elsewhere (ms), once they are. */
	recoveredAt?: number;
	/** Units running just before the failure: what "recovered" restores. */
	expected: number;
	/** Units that ran on the machine when it went off (0: nothing to recover). */
	lost: number;
}

export interface SideReport {
	flavor: Flavor;
	episode?: Episode;
	/** Raft leaders elected after the lab started; undefined for a lab without Raft. */
	leaderChanges?: number;
	/** Failed requests since the episode began; undefined without traffic or a known baseline. */
	requestsLost?: number;
	/** Requests sent since the episode began (the denominator of `requestsLost`). */
	requestsSent?: number;
}

/** The trace kinds that say the orchestrator has written a machine off. */
export const DETECTION_KINDS: Readonly<Record<Flavor, string>> = {
	kubernetes: 'node.notready',
	swarm: 'swarm.node.down'
};

const nameOf = (subject: string) => subject.replace(/^[a-z]+\//, '');

/** Units (pods, task slots) running now, by name, with the machine each runs on. */
class RunningUnits {
	readonly running = new Map<string, string>();
	/** Swarm: a slot's newest task's machine, from its assignment. */
	readonly #assigned = new Map<string, string>();

	apply(event: TraceEvent): void {
		const name = nameOf(event.subject);
		switch (event.kind) {
			// `Pod web-… is running on node-1.`
			case 'pod.running': {
				const node = / on (\S+?)\.?$/.exec(event.message)?.[1];
				if (node !== undefined) this.running.set(name, node);
				return;
			}
			case 'pod.terminating':
			case 'pod.deleted':
			case 'pod.failed':
				this.running.delete(name);
				return;
			// `Task web.2 assigned to worker-1.`; then `swarm.task.running` for that slot.
			case 'swarm.task.assigned': {
				const node = / to (\S+?)\.?$/.exec(event.message)?.[1];
				if (node !== undefined) this.#assigned.set(name, node);
				return;
			}
			case 'swarm.task.running': {
				const node = this.#assigned.get(name);
				if (node !== undefined) this.running.set(name, node);
				return;
			}
			case 'swarm.task.created':
				// A new task for the slot: the old one is being replaced.
				this.running.delete(name);
				return;
			default:
				if (/^swarm\.task\.(shutdown|failed|complete|rejected|orphaned|remove)$/.test(event.kind))
					this.running.delete(name);
		}
	}

	/** How many run on `node`. */
	on(node: string): number {
		let n = 0;
		for (const on of this.running.values()) if (on === node) n++;
		return n;
	}

	/** How many run on machines that are on. */
	onLiveNodes(off: ReadonlySet<string>): number {
		let n = 0;
		for (const node of this.running.values()) if (!off.has(node)) n++;
		return n;
	}
}

/** The latest failure episode in a trace, as far as the trace goes. */
export function latestEpisode(flavor: Flavor, events: readonly TraceEvent[]): Episode | undefined {
	const units = new RunningUnits();
	const off = new Set<string>();
	const detection = DETECTION_KINDS[flavor];
	let episode: Episode | undefined;
	for (const event of events) {
		const name = nameOf(event.subject);
		if (event.kind === 'node.stopped') {
			// A stop while an episode is still open is part of it; after recovery, a new one.
			if (episode === undefined || episode.recoveredAt !== undefined) {
				episode = {
					node: name,
					stoppedAt: event.t,
					expected: units.onLiveNodes(off),
					lost: units.on(name)
				};
			}
			off.add(name);
			continue;
		}
		if (event.kind === 'node.started') {
			off.delete(name);
			continue;
		}
		units.apply(event);
		if (episode === undefined) continue;
		if (
			episode.detectedAt === undefined &&
			event.kind === detection &&
			name === episode.node &&
			event.t >= episode.stoppedAt
		) {
			episode.detectedAt = event.t;
		}
		if (
			episode.recoveredAt === undefined &&
			episode.lost > 0 &&
			units.onLiveNodes(off) >= episode.expected &&
			units.on(episode.node) === 0
		) {
			episode.recoveredAt = event.t;
		}
	}
	return episode;
}

/** `raft.leader` is traced for every election won after the lab's own start. */
export function leaderChanges(events: readonly TraceEvent[]): number {
	let n = 0;
	for (const event of events) if (event.kind === 'raft.leader') n++;
	return n;
}

/** Failed and sent requests over every `sim traffic` stream. */
export function trafficTotals(snapshot: LabSnapshot): { sent: number; failed: number } | undefined {
	if (snapshot.traffic === undefined || snapshot.traffic.length === 0) return undefined;
	let sent = 0;
	let failed = 0;
	for (const stream of snapshot.traffic) {
		sent += stream.sent;
		failed += stream.failed;
	}
	return { sent, failed };
}

/**
 * One side's report. `baseline` is the traffic counters at the moment the episode's machine
 * went off (the widget reads them when the learner stops it): requests lost are the failures
 * since then, not the ones while the pods were still starting.
 */
export function report(
	snapshot: LabSnapshot,
	events: readonly TraceEvent[],
	baseline?: { sent: number; failed: number }
): SideReport {
	const out: SideReport = { flavor: snapshot.flavor };
	const episode = latestEpisode(snapshot.flavor, events);
	if (episode !== undefined) out.episode = episode;
	if (snapshot.raft !== undefined) out.leaderChanges = leaderChanges(events);
	const totals = trafficTotals(snapshot);
	if (totals !== undefined && baseline !== undefined && episode !== undefined) {
		out.requestsLost = Math.max(0, totals.failed - baseline.failed);
		out.requestsSent = Math.max(0, totals.sent - baseline.sent);
	}
	return out;
}

/** Seconds from `from` to `to`, to one decimal where it matters (`50`, `11.6`). */
export function seconds(from: number, to: number): string {
	const s = (to - from) / 1000;
	return Number.isInteger(s) ? String(s) : s.toFixed(1);
}
