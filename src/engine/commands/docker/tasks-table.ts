/**
 * The task table of `docker service ps`, `docker node ps` and `docker stack ps` (docker/cli
 * cli/command/task/print.go, formatter.go): rows sorted by name in natural order, newest first
 * within a slot, older tasks of a slot prefixed ` \_ `; CURRENT STATE as
 * `<State> <human duration> ago`; ERROR quoted and cut to 30 characters (cli-formats §6.5).
 */
import { dockerHumanDuration } from '../durations';
import type { FlagSpec } from '../flags';
import { dockerJsonLine } from '../json';
import { DOCKER_TABLE, tabwrite } from '../tabwriter';
import { SWARM_NODES, type SwarmNode } from '../../swarm/node-object';
import { SWARM_SERVICES, type SwarmService, type SwarmTask } from '../../swarm/objects';
import { apiTimeMs } from '../../swarm/runtime';
import type { Kernel } from '../../core/kernel';
import { naturalCompare } from '../../swarm/natural';
import { prettyPrint } from './node-ls';
import { compileTemplate } from './template';
import { familiarString, parseNormalizedNamed } from '../../registry/reference';

/** The flags of every task list: `docker node ps`, `docker service ps` (cli/command/task). */
export const TASK_LIST_FLAGS: readonly FlagSpec[] = [
	{ long: 'filter', short: 'f', repeatable: true },
	{ long: 'format' },
	{ long: 'quiet', short: 'q', bool: true },
	{ long: 'no-trunc', bool: true },
	{ long: 'no-resolve', bool: true },
	{ long: 'help', bool: true }
];

export const TASK_HEADERS: Record<string, string> = {
	ID: 'ID',
	Name: 'NAME',
	Image: 'IMAGE',
	Node: 'NODE',
	DesiredState: 'DESIRED STATE',
	CurrentState: 'CURRENT STATE',
	Error: 'ERROR',
	Ports: 'PORTS'
};

/** TruncateID: drop an `algo:` prefix, keep 12 characters. */
export function truncateId(id: string): string {
	const bare = id.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
	return bare.slice(0, 12);
}

/**
 * The service and task formatters' Image (cli/command/service/formatter.go, task/formatter.go):
 * a tagged reference is shown familiar and without its digest (`nginx:latest@sha256:…` →
 * `nginx:latest`); a digest-only or unparsable one as stored.
 */
export function familiarImage(image: string): string {
	const parsed = parseNormalizedNamed(image);
	if (!parsed.ok || parsed.ref.tag === undefined) return image;
	const { domain, path, tag } = parsed.ref;
	return familiarString({ domain, path, tag });
}

/**
 * task/formatter.go Error: formatter.Ellipsis(s, 30) (29 characters and `…`) only when
 * truncating (`--no-trunc` shows it whole), then quoted when not empty.
 */
function errorCell(err: string | undefined, noTrunc: boolean): string {
	if (err === undefined || err === '') return '';
	const chars = [...err];
	const cut = !noTrunc && chars.length > 30 ? chars.slice(0, 29).join('') + '…' : err;
	return `"${cut}"`;
}

function portsCell(task: SwarmTask): string {
	return (task.Status.PortStatus?.Ports ?? [])
		.map((p) => `*:${p.PublishedPort}->${p.TargetPort}/${p.Protocol ?? 'tcp'}`)
		.join(',');
}

export interface TaskRow {
	task: SwarmTask;
	name: string;
	fields: Record<string, unknown>;
}

export function taskRows(kernel: Kernel, tasks: readonly SwarmTask[], noTrunc = false): TaskRow[] {
	const nodes = new Map(kernel.store.list<SwarmNode>(SWARM_NODES).map((n) => [n.ID, n]));
	const rows = tasks.map((task) => {
		const service = kernel.store.get<SwarmService>(SWARM_SERVICES, task.ServiceID);
		const serviceName = service?.Spec.Name ?? task.ServiceID;
		const name =
			// task/print.go names a task in slot 0 (a replicated job's first) by its node.
			task.Slot !== undefined && task.Slot !== 0
				? `${serviceName}.${task.Slot}`
				: `${serviceName}.${task.NodeID}`;
		const age = kernel.now - apiTimeMs(task.Status.Timestamp);
		const image = task.Spec.ContainerSpec.Image;
		return {
			task,
			name,
			fields: {
				CurrentState: `${prettyPrint(task.Status.State)} ${dockerHumanDuration(age).toLowerCase()} ago`,
				DesiredState: prettyPrint(task.DesiredState),
				Error: errorCell(task.Status.Err, noTrunc),
				ID: noTrunc ? task.ID : truncateId(task.ID),
				Image: noTrunc ? image : familiarImage(image),
				Name: name,
				Node: nodes.get(task.NodeID)?.Description.Hostname ?? '',
				Ports: portsCell(task)
			}
		};
	});
	return rows.sort(
		(a, b) =>
			naturalCompare(a.name, b.name) ||
			(a.task.CreatedAt < b.task.CreatedAt ? 1 : a.task.CreatedAt > b.task.CreatedAt ? -1 : 0) ||
			newerSpecFirst(a.task, b.task)
	);
}

/**
 * Real CreatedAt stamps have nanoseconds, so two tasks of a slot never tie; the lab's are
 * milliseconds, and a restart's replacement and a rollback's can be made in the same one.
 * A task is made from the service's spec at that moment and the spec's version only grows, so
 * the one made from the newer spec is the newer task (the one print.go puts first).
 */
function newerSpecFirst(a: SwarmTask, b: SwarmTask): number {
	return b.SpecVersion.Index - a.SpecVersion.Index;
}

export type TaskFormat = { ok: true; output: string } | { ok: false; error: string };

/** Prints rows with `--format` (table, json, a template) or docker's default table. */
export function renderTasks(
	rows: readonly TaskRow[],
	format: string | undefined,
	quiet: boolean
): TaskFormat {
	if (quiet) return { ok: true, output: rows.map((r) => `${r.fields.ID as string}\n`).join('') };
	if (format === 'json') {
		return { ok: true, output: rows.map((r) => dockerJsonLine(r.fields) + '\n').join('') };
	}
	const text =
		format === undefined || format === '' || format === 'table'
			? 'table {{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}\t{{.Ports}}'
			: format;
	const template = compileTemplate(text, TASK_HEADERS);
	if (!template.ok) return { ok: false, error: template.error };
	let previous: string | undefined;
	const lines = rows.map((r) => {
		// print.go: in a table, a task of the same slot as the row above is indented.
		const indent = template.table && r.name === previous;
		previous = r.name;
		return template.render(indent ? { ...r.fields, Name: ` \\_ ${r.name}` } : r.fields);
	});
	if (!template.table) return { ok: true, output: lines.map((l) => l + '\n').join('') };
	return {
		ok: true,
		output: tabwrite([template.header, ...lines].map((l) => l + '\n').join(''), DOCKER_TABLE)
	};
}
