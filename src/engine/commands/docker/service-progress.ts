/**
 * What `docker service create|update|scale|rollback` print while they wait for the service to
 * converge, unless `-d/--detach` (docker/cli cli/command/service/progress/progress.go
 * ServiceProgress; cli-formats §6.3, §6.6).
 *
 * The CLI polls every 200 ms: it reads the service and its up-to-date tasks, redraws one line
 * per slot (or per node for a global service) and an `overall progress` line, and once every
 * task runs it waits the update monitor (5 s unless the service sets one) before
 * `verify: Service … converged`. The lab runs its clock in those 200 ms steps and prints the
 * final frame a terminal wider than 110 columns shows: each line keyed by ID holds its last
 * text, in the order the IDs first appeared.
 */
import type { CommandContext, CommandResult } from '../context';
import { TerminalWriter } from '../terminal';
import { getService, listTasks } from '../../swarm/control';
import { SWARM_NODES, type SwarmNode } from '../../swarm/node-object';
import type { SwarmService, SwarmTask, TaskState } from '../../swarm/objects';
import { specsDiffer } from '../../swarm/service-spec';
import { LAB_WAIT_LIMIT_MS } from '../kubectl/lab-wait';
import { globalJobUpdater, replicatedJobUpdater } from './job-progress';

/** progress.go: `case <-time.After(200 * time.Millisecond)` between two polls. */
export const PROGRESS_POLL_MS = 200;
/** progress.go: `monitor = 5 * time.Second` unless the service's UpdateConfig sets Monitor. */
export const VERIFY_MONITOR_MS = 5_000;
/** progress.go maxProgressBars: above this many slots no per-task lines are drawn. */
export const MAX_PROGRESS_BARS = 20;
/** progress.go maxProgress: `running` fills the bar. */
const MAX_PROGRESS = 9;

/** progress.go numberedStates; states absent here (remove, orphaned) are skipped. */
const NUMBERED: Partial<Record<TaskState, number>> = {
	new: 1,
	// allocated (2) is not a state the lab's tasks take.
	pending: 3,
	assigned: 4,
	accepted: 5,
	preparing: 6,
	ready: 7,
	starting: 8,
	running: 9,
	complete: 10,
	shutdown: 11,
	failed: 12,
	rejected: 13
};

/** The longest state a task line shows (`allocated`, `preparing`, `complete`): 9. */
export const LONGEST_STATE = 9;

export function numbered(state: TaskState): number {
	return NUMBERED[state] ?? 0;
}

function terminal(state: TaskState): boolean {
	return numbered(state) > MAX_PROGRESS;
}

/** One line of the display: jsonmessage's `ID: status bar`, or a plain message. */
interface Line {
	text: string;
}

/** The terminal's final frame: lines keyed by ID redrawn in place, others appended. */
export class Frame {
	private readonly lines: Line[] = [];
	private readonly byId = new Map<string, Line>();

	/** An action line (progress.Progress{ID, Action}); `current` of `total` draws the bar. */
	action(id: string, action: string, current?: number, total = MAX_PROGRESS): void {
		this.set(id, `${id}: ${action} ${current === undefined ? '' : bar(current, total)}`);
	}

	/** A status line (progress.Progress{ID, Message}): no trailing space. */
	message(id: string, message: string): void {
		if (id === '') this.lines.push({ text: message });
		else this.set(id, `${id}: ${message}`);
	}

	private set(id: string, text: string): void {
		const line = this.byId.get(id);
		if (line !== undefined) line.text = text;
		else {
			const added = { text };
			this.byId.set(id, added);
			this.lines.push(added);
		}
	}

	toString(): string {
		return this.lines.map((l) => l.text + '\n').join('');
	}
}

/** jsonmessage JSONProgress.String on a terminal wider than 110 columns, counts hidden. */
function bar(current: number, total: number): string {
	const percentage = Math.min(50, Math.floor(Math.floor((current / total) * 100) / 2));
	return `[${'='.repeat(percentage)}>${' '.repeat(50 - percentage)}] `;
}

/** progress.go truncError: one line, at most 75 bytes with the ellipsis. */
export function truncError(err: string): string {
	const one = err.replaceAll('\n', ' ');
	return one.length > 75 ? one.slice(0, 74) + '…' : one;
}

function overall(frame: Frame, running: number, total: number, rollback: boolean): void {
	frame.action(
		'overall progress',
		rollback
			? `rolling back update: ${running} out of ${total} tasks`
			: `${running} out of ${total} tasks`
	);
}

/** Whether `a` wins its slot over `b` (progress.go tasksBySlot): lower desired, then observed. */
function preferred(a: SwarmTask, b: SwarmTask): boolean {
	const da = numbered(a.DesiredState);
	const db = numbered(b.DesiredState);
	if (db < da) return false;
	if (db === da && numbered(b.Status.State) <= numbered(a.Status.State)) return false;
	return true;
}

function taskLine(frame: Frame, id: string, task: SwarmTask): void {
	if (task.Status.Err !== undefined && task.Status.Err !== '') {
		frame.action(id, truncError(task.Status.Err));
	} else if (!terminal(task.DesiredState) && !terminal(task.Status.State)) {
		frame.action(id, task.Status.State.padEnd(LONGEST_STATE), numbered(task.Status.State));
	}
}

export interface Updater {
	update(
		service: SwarmService,
		tasks: readonly SwarmTask[],
		active: ReadonlySet<string>,
		rollback: boolean
	): boolean;
}

/** progress.go replicatedProgressUpdater. */
function replicatedUpdater(frame: Frame): Updater {
	const slotMap = new Map<number, number>();
	let initialized = false;
	let done = false;
	return {
		update(service, tasks, active, rollback) {
			const mode = service.Spec.Mode;
			const replicas = 'Replicated' in mode ? (mode.Replicated.Replicas ?? 1) : 0;
			if (!initialized) {
				overall(frame, 0, replicas, rollback);
				if (replicas <= MAX_PROGRESS_BARS) {
					for (let i = 1; i <= replicas; i++) frame.action(`${i}/${replicas}`, ' ');
				}
				initialized = true;
			}
			const bySlot = new Map<number, SwarmTask>();
			for (const t of tasks) {
				if (numbered(t.DesiredState) === 0 || numbered(t.Status.State) === 0) continue;
				const slot = t.Slot ?? 0;
				const existing = bySlot.get(slot);
				if (existing !== undefined && !preferred(t, existing)) continue;
				if (t.NodeID !== '' && !active.has(t.NodeID)) continue;
				bySlot.set(slot, t);
			}
			// Go's map order is random; the lab draws the slots in order.
			const slots = [...bySlot.keys()].sort((a, b) => a - b);
			if (done && slots.some((s) => bySlot.get(s)!.Status.State !== 'running')) done = false;
			let running = 0;
			for (const slot of slots) {
				const t = bySlot.get(slot)!;
				let mapped = slotMap.get(slot);
				if (mapped === undefined) slotMap.set(slot, (mapped = slotMap.size + 1));
				if (!terminal(t.DesiredState) && t.Status.State === 'running') running++;
				if (!done && replicas <= MAX_PROGRESS_BARS && mapped <= replicas) {
					taskLine(frame, `${mapped}/${replicas}`, t);
				}
			}
			if (!done) {
				overall(frame, running, replicas, rollback);
				if (running === replicas) done = true;
			}
			return running === replicas;
		}
	};
}

/** progress.go globalProgressUpdater: one line per node, keyed by its 12-character ID. */
function globalUpdater(frame: Frame, nodeOrder: readonly string[]): Updater {
	let initialized = false;
	let done = false;
	return {
		update(_service, tasks, active, rollback) {
			const byNode = new Map<string, SwarmTask>();
			for (const t of tasks) {
				if (numbered(t.DesiredState) === 0 || numbered(t.Status.State) === 0) continue;
				const existing = byNode.get(t.NodeID);
				if (existing !== undefined && !preferred(t, existing)) continue;
				byNode.set(t.NodeID, t);
			}
			const nodeCount = byNode.size;
			if (!initialized) {
				if (nodeCount === 0) {
					frame.action('overall progress', 'waiting for new tasks');
					return false;
				}
				overall(frame, 0, nodeCount, rollback);
				initialized = true;
			}
			const nodes = [...byNode.keys()].sort((a, b) => nodeOrder.indexOf(a) - nodeOrder.indexOf(b));
			if (done && nodes.some((n) => byNode.get(n)!.Status.State !== 'running')) done = false;
			let running = 0;
			for (const node of nodes) {
				if (!active.has(node)) continue;
				const t = byNode.get(node)!;
				if (!terminal(t.DesiredState) && t.Status.State === 'running') running++;
				if (!done && nodeCount <= MAX_PROGRESS_BARS) taskLine(frame, node.slice(0, 12), t);
			}
			if (!done) {
				overall(frame, running, nodeCount, rollback);
				if (running === nodeCount) done = true;
			}
			return running === nodeCount;
		}
	};
}

export interface ServiceWait {
	/** The progress display's final frame (empty with `--quiet`). */
	output: string;
	/** `service update paused: …` and the like, as the CLI returns them. */
	error?: string;
}

/**
 * Runs the lab until the service `ref` converges, as `WaitOnService` does after a write. `ref`
 * is what the verify line names: the full ID after a create, the argument as typed otherwise.
 * A service that never converges is given up after the lab's wait limit, as if the learner had
 * pressed Ctrl-C (progress.go's SIGINT branch).
 */
export function waitOnService(ctx: CommandContext, ref: string, quiet: boolean): ServiceWait {
	const frame = new Frame();
	const done = (error?: string): ServiceWait => ({
		output: quiet ? '' : frame.toString(),
		...(error !== undefined ? { error } : {})
	});
	const deadline = ctx.kernel.now + LAB_WAIT_LIMIT_MS;
	let updater: Updater | undefined;
	let converged = false;
	let convergedAt: number | undefined;
	let monitor = VERIFY_MONITOR_MS;
	let rollback = false;
	let message: string | undefined;
	for (;;) {
		const service = getService(ctx, ref);
		if (service === undefined) return done(`Error response from daemon: service ${ref} not found`);
		const monitorNs = service.Spec.UpdateConfig?.Monitor;
		if (monitorNs !== undefined && monitorNs !== 0) monitor = monitorNs / 1e6;
		const mode = service.Spec.Mode;
		updater ??=
			'Replicated' in mode
				? replicatedUpdater(frame)
				: 'ReplicatedJob' in mode
					? replicatedJobUpdater(frame, mode.ReplicatedJob)
					: 'GlobalJob' in mode
						? globalJobUpdater(frame)
						: globalUpdater(frame, nodeIds(ctx));
		const status = service.UpdateStatus;
		switch (status?.State) {
			case 'updating':
				rollback = false;
				break;
			case 'completed':
				if (!converged) return done();
				break;
			case 'paused':
				return done(`service update paused: ${status.Message}`);
			case 'rollback_started':
				if (!rollback && status.Message !== '') frame.action('rollback', status.Message);
				rollback = true;
				break;
			case 'rollback_paused':
				return done(`service rollback paused: ${status.Message}`);
			case 'rollback_completed':
				if (!converged) message = status.Message;
				rollback = true;
				break;
		}
		const now = ctx.kernel.now;
		if (converged && convergedAt !== undefined && now - convergedAt >= monitor) {
			frame.action('verify', `Service ${ref} converged`);
			if (message !== undefined) frame.message('rollback', message);
			return done();
		}
		converged = updater.update(service, upToDate(ctx, service), activeNodes(ctx), rollback);
		// progress.go: a job is not verified; it stays done once done.
		if (converged && ('ReplicatedJob' in mode || 'GlobalJob' in mode)) {
			frame.message('', 'job complete');
			return done();
		}
		if (converged) {
			convergedAt ??= now;
			const wait = monitor - (now - convergedAt);
			if (wait >= 0) {
				frame.action(
					'verify',
					`Waiting ${Math.max(1, Math.ceil(wait / 1000))} seconds to verify that tasks are stable...`
				);
			}
		} else {
			if (convergedAt !== undefined) frame.action('verify', 'Detected task failure');
			convergedAt = undefined;
		}
		if (now >= deadline) {
			if (!converged) {
				frame.message('', 'Operation continuing in background.');
				frame.message('', `Use \`docker service ps ${ref}\` to check progress.`);
			}
			return done();
		}
		ctx.advance(PROGRESS_POLL_MS);
	}
}

/** The tasks the CLI asks for with `_up-to-date=true`: those running the service's current spec. */
function upToDate(ctx: CommandContext, service: SwarmService): SwarmTask[] {
	return listTasks(ctx, service.ID).filter((t) => !specsDiffer(t.Spec, service.Spec.TaskTemplate));
}

function activeNodes(ctx: CommandContext): Set<string> {
	const out = new Set<string>();
	for (const n of ctx.kernel.store.list<SwarmNode>(SWARM_NODES)) {
		if (n.Status.State !== 'down') out.add(n.ID);
	}
	return out;
}

function nodeIds(ctx: CommandContext): string[] {
	return ctx.kernel.store.list<SwarmNode>(SWARM_NODES).map((n) => n.ID);
}

/** What a `-d`-less write prints after it succeeded. */
export interface WriteOutcome {
	/** The daemon's warnings (stderr, before anything else). */
	warning: string;
	/** The command's own line: the new service's ID, or the service as typed. */
	line: string;
	/** The service the progress follows and its verify line names. */
	ref: string;
	detach: boolean;
	quiet: boolean;
}

/**
 * create.go, update.go, rollback.go: warnings to stderr, the line to stdout, then unless
 * `--detach` the progress (`--quiet` waits without drawing it). A wait that ends in an error
 * (an update paused) fails the command, as the CLI exits 1.
 */
export function afterWrite(ctx: CommandContext, o: WriteOutcome): CommandResult {
	const w = new TerminalWriter();
	w.err(o.warning);
	w.out(o.line);
	let ok = true;
	if (!o.detach) {
		const waited = waitOnService(ctx, o.ref, o.quiet);
		w.out(waited.output);
		if (waited.error !== undefined) {
			w.err(waited.error + '\n');
			ok = false;
		}
	}
	return { ...w.result(ok), mutates: true };
}
