/**
 * `docker service logs [OPTIONS] SERVICE|TASK` (docker/cli cli/command/service/logs.go): the
 * lines the tasks' containers printed (swarm/task-logs.ts), in time order. The target is a
 * service (name, ID or ID prefix) or else a task (ID or unique ID prefix).
 *
 * Each line as the daemon writes it (moby api/server/httputils/write_log_stream.go): with
 * `-t` its time in RFC3339Nano with nine digits first, then with details (asked by `--details`,
 * or by the CLI itself unless `--raw`) the context attributes `k=v` sorted and joined by `,`.
 * Unless `--raw`, the CLI's logWriter turns the context into `<service>.<slot>.<task id>@<node>`
 * padded to the widest slot number and `    | `; `--details` then adds the attributes left
 * (none here) and a space.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { parseDuration } from '../durations';
import { SWARM_NODES, type SwarmNode } from '../../swarm/node-object';
import { SWARM_TASKS, stateValue, type SwarmService, type SwarmTask } from '../../swarm/objects';
import { apiTime } from '../../swarm/runtime';
import { LAB_EPOCH_MS } from '../../core/time';
import { getService, listTasks } from '../../swarm/control';
import { taskLogLines, type LogLine } from '../../swarm/task-logs';
import { unknownFlag } from './errors';
import { truncateId } from './tasks-table';

const USAGE = 'docker service logs [OPTIONS] SERVICE|TASK';

const FLAGS = [
	{ long: 'follow', short: 'f', bool: true },
	{ long: 'tail', short: 'n' },
	{ long: 'since' },
	{ long: 'timestamps', short: 't', bool: true },
	{ long: 'details', bool: true },
	{ long: 'raw', bool: true },
	{ long: 'no-trunc', bool: true },
	{ long: 'no-task-ids', bool: true },
	{ long: 'no-resolve', bool: true },
	{ long: 'help', bool: true }
];

interface Target {
	tasks: SwarmTask[];
	/** logs.go maxLength: the digits of the replica count (a service) or of the task's slot. */
	width: number;
}

function findTarget(ctx: CommandContext, ref: string): Target | undefined {
	const service = getService(ctx, ref);
	if (service !== undefined) {
		const replicas = 'Replicated' in service.Spec.Mode ? service.Spec.Mode.Replicated.Replicas : 0;
		return { tasks: listTasks(ctx, service.ID), width: String(replicas ?? 0).length };
	}
	// client.TaskInspectWithRaw: a task ID, or a prefix only one task has.
	const all = ctx.kernel.store.list<SwarmTask>(SWARM_TASKS);
	const byPrefix = all.filter((t) => t.ID.startsWith(ref));
	const task = all.find((t) => t.ID === ref) ?? (byPrefix.length === 1 ? byPrefix[0] : undefined);
	if (task === undefined || ref === '') return undefined;
	return { tasks: [task], width: String(task.Slot ?? 0).length };
}

/**
 * timetypes.GetTimestamp: a Go duration before now, Unix seconds, or an RFC 3339 time (a date
 * alone is midnight UTC). Undefined when it is none of these.
 */
function sinceMs(value: string, now: number): number | undefined {
	const d = parseDuration(value);
	if (d.ok) return now - d.ms;
	if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000 - LAB_EPOCH_MS;
	if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
	const t = Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(value) ? value : `${value}Z`);
	return Number.isNaN(t) ? undefined : t - LAB_EPOCH_MS;
}

/** The daemon's --tail: the last N lines of each container ("all" or a negative: every line). */
function tailed(lines: LogLine[], tail: string | undefined): LogLine[] {
	if (tail === undefined || tail === 'all') return lines;
	const n = Number(tail);
	if (!Number.isInteger(n) || n < 0) return lines;
	return n === 0 ? [] : lines.slice(-n);
}

export function dockerServiceLogs(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker service logs', USAGE));
	if (boolFlag(parsed.flags, 'help')) {
		return ok(`\nUsage:  ${USAGE}\n\nFetch the logs of a service or task\n`);
	}
	if (parsed.args.length !== 1) {
		return fail(
			`docker: 'docker service logs' requires 1 argument\n\nUsage:  ${USAGE}\n\nSee 'docker service logs --help' for more information\n`
		);
	}
	const rt = ctx.swarm?.runtime;
	const ref = parsed.args[0]!;
	const target = findTarget(ctx, ref);
	if (target === undefined || rt === undefined) return fail(`no such task or service: ${ref}\n`);
	const f = parsed.flags;
	const since = flag(f, 'since');
	const from = since === undefined || since === '' ? -Infinity : sinceMs(since, ctx.kernel.now);
	if (from === undefined) {
		return fail(
			`invalid value for "since": failed to parse value as time or duration: ${JSON.stringify(since)}\n`
		);
	}
	const o = {
		timestamps: boolFlag(f, 'timestamps'),
		details: boolFlag(f, 'details'),
		raw: boolFlag(f, 'raw'),
		noTrunc: boolFlag(f, 'no-trunc'),
		noTaskIds: boolFlag(f, 'no-task-ids'),
		noResolve: boolFlag(f, 'no-resolve')
	};
	const nodes = new Map(ctx.kernel.store.list<SwarmNode>(SWARM_NODES).map((n) => [n.ID, n]));
	const services = new Map<string, SwarmService | undefined>();
	const out: { t: number; order: number; text: string }[] = [];
	const tasks = target.tasks.filter((t) => stateValue(t.Status.State) >= stateValue('running'));
	tasks.forEach((task, order) => {
		if (!services.has(task.ServiceID))
			services.set(task.ServiceID, getService(ctx, task.ServiceID));
		const service = services.get(task.ServiceID);
		const lines = tailed(
			taskLogLines(rt, task).filter((l) => l.t >= from),
			flag(f, 'tail')
		);
		const attrs =
			`com.docker.swarm.node.id=${task.NodeID},com.docker.swarm.service.id=${task.ServiceID},` +
			`com.docker.swarm.task.id=${task.ID}`;
		for (const line of lines) {
			const stamp = o.timestamps ? `${apiTime(line.t)} ` : '';
			let text: string;
			if (o.raw) text = `${stamp}${o.details ? `${attrs} ` : ''}${line.text}`;
			else {
				const serviceName = o.noResolve ? task.ServiceID : (service?.Spec.Name ?? task.ServiceID);
				const nodeName = o.noResolve
					? task.NodeID
					: (nodes.get(task.NodeID)?.Description.Hostname ?? task.NodeID);
				const slot = task.Slot ?? 0;
				let name = `${serviceName}.${slot}`;
				if (!o.noTaskIds) name += `.${o.noTrunc ? task.ID : truncateId(task.ID)}`;
				const pad = ' '.repeat(Math.max(0, target.width - String(slot).length));
				text = `${stamp}${name}@${nodeName}${pad}    | ${o.details ? ' ' : ''}${line.text}`;
			}
			out.push({ t: line.t, order, text });
		}
	});
	out.sort((a, b) => a.t - b.t || a.order - b.order);
	return ok(out.map((l) => `${l.text}\n`).join(''));
}
