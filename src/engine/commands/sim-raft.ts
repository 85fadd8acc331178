/**
 * `sim raft`: the lab's Raft group (swarm managers, or Kubernetes' etcd members) as a table of
 * members and their logs; `-o json` for tools. Also a client write and the message faults the
 * network itself lacks, so a Raft fault schedule replays in a lab line for line.
 */
import type { CommandContext, CommandResult } from './context';
import { fail, ok } from './context';
import { formatGoDuration, parseDuration } from './durations';
import { flag, parseFlags } from './flags';
import { KUBECTL_GET, tabwrite } from './tabwriter';
import type { RaftGroup } from '../raft/group';
import type { RaftMember } from '../raft/types';

const USAGE = `sim: usage: sim raft [-o json]
       sim raft propose DATA        append DATA to the leader's log (a client write)
       sim raft duplicate PERCENT   deliver that share of Raft messages twice
       sim raft reorder DURATION    delay Raft messages by up to DURATION more, so they overtake`;

/** How many of the newest log entries the table shows. */
const LOG_ROWS = 20;

export function raftGroupOf(ctx: CommandContext): RaftGroup | undefined {
	return ctx.swarm?.raft ?? ctx.kubernetes?.etcd.group;
}

export function simRaft(ctx: CommandContext, args: readonly string[]): CommandResult {
	const group = raftGroupOf(ctx);
	if (group === undefined) return fail('sim: this lab has no Raft group');
	const [verb, ...rest] = args;
	if (verb === 'propose') {
		if (rest.length !== 1 || rest[0] === '') return fail(USAGE);
		const r = group.propose(rest[0]!);
		if (!r.ok) return fail(`sim: raft propose: ${r.error}: the group cannot take a write now`);
		ctx.kernel.emit(
			'raft.propose',
			`raft/${r.leader}`,
			`A client write "${rest[0]}" is entry ${r.index} in leader ${r.leader}'s log (term ${r.term}).`
		);
		return ok(`${r.leader} appended entry ${r.index} (term ${r.term})\n`, true);
	}
	if (verb === 'duplicate') {
		const m = rest.length === 1 ? /^(\d{1,3}(?:\.\d+)?)%$/.exec(rest[0]!) : null;
		if (m === null || Number(m[1]) > 100) return fail(USAGE);
		group.setFaults({ duplicate: Number(m[1]) / 100 });
		ctx.kernel.emit(
			'raft.faults',
			'network',
			`Raft messages are duplicated ${Number(m[1])}% of the time.`
		);
		return ok(`raft duplicate ${Number(m[1])}%\n`, true);
	}
	if (verb === 'reorder') {
		const d = rest.length === 1 ? parseDuration(rest[0]!) : undefined;
		if (d === undefined || !d.ok || d.ms < 0 || d.ms > 60_000) return fail(USAGE);
		group.setFaults({ reorderMs: d.ms });
		const text = formatGoDuration(d.ms);
		ctx.kernel.emit(
			'raft.faults',
			'network',
			`Raft messages get up to ${text} of extra random delay.`
		);
		return ok(`raft reorder ${text}\n`, true);
	}
	const parsed = parseFlags(args, [{ long: 'output', short: 'o' }]);
	if (!parsed.ok) return fail(`sim: ${parsed.error}`);
	const output = flag(parsed.flags, 'output');
	if (parsed.args.length > 0 || (output !== undefined && output !== 'json')) return fail(USAGE);
	if (output === 'json') return ok(JSON.stringify(group.views(), null, 2) + '\n');
	return ok(membersTable(group) + '\n' + logTable(group));
}

function membersTable(group: RaftGroup): string {
	const rows = group
		.list()
		.map((m) =>
			[
				m.name,
				m.role,
				m.currentTerm,
				m.votedFor ?? '<none>',
				m.commitIndex,
				m.log.length,
				m.leader ?? '<none>'
			].join('\t')
		);
	return tabwrite(
		['NAME\tROLE\tTERM\tVOTED FOR\tCOMMIT INDEX\tLAST LOG INDEX\tLEADER', ...rows].join('\n') +
			'\n',
		KUBECTL_GET
	);
}

/**
 * One row per log index, one column per member: the entry's term, with `*` where that member
 * has not committed it yet; `-` where the member has no entry there.
 */
function logTable(group: RaftGroup): string {
	const members = group.list();
	const longest = Math.max(0, ...members.map((m) => m.log.length));
	const first = Math.max(1, longest - LOG_ROWS + 1);
	const head = ['INDEX', ...members.map((m) => m.name.toUpperCase()), 'DATA'].join('\t');
	const rows: string[] = [];
	for (let i = first; i <= longest; i++) {
		const cells = members.map((m) => cell(m, i));
		const entry = (members.find((m) => m.role === 'leader' && m.log.length >= i) ??
			members.find((m) => m.log.length >= i))!.log[i - 1]!;
		rows.push([i, ...cells, describe(entry.data)].join('\t'));
	}
	const note = first > 1 ? `(${first - 1} older entries not shown)\n` : '';
	const legend =
		longest === 0
			? 'The logs are empty.\n'
			: '* not yet committed on that member; - no entry there\n';
	return 'LOG\n' + note + tabwrite([head, ...rows].join('\n') + '\n', KUBECTL_GET) + legend;
}

function cell(m: RaftMember, index: number): string {
	const entry = m.log[index - 1];
	if (entry === undefined) return '-';
	return index <= m.commitIndex ? String(entry.term) : `${entry.term}*`;
}

function describe(data: string): string {
	if (data === '') return '(no-op of a new leader)';
	return data.length > 60 ? data.slice(0, 57) + '...' : data;
}
