/** `docker node ls` (docker/cli cli/command/node/formatter.go, ls.go). */
import { naturalCompare } from '../../swarm/natural';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { dockerJsonLine } from '../json';
import { DOCKER_TABLE, tabwrite } from '../tabwriter';
import { SWARM_NODES, type SwarmNode } from '../../swarm/node-object';
import type { SwarmCluster } from '../../swarm/cluster';
import { managerStatusOf } from '../../swarm/manager-status';
import { unknownFlag } from './errors';
import { compileTemplate } from './template';
import { nodeFilter } from './node-filters';

const USAGE = 'docker node ls [OPTIONS]';
const HEADERS: Record<string, string> = {
	ID: 'ID',
	Self: '',
	Hostname: 'HOSTNAME',
	Status: 'STATUS',
	Availability: 'AVAILABILITY',
	ManagerStatus: 'MANAGER STATUS',
	EngineVersion: 'ENGINE VERSION',
	TLSStatus: 'TLS STATUS'
};

/** PrettyPrint: first letter upper case, the rest lower case (formatter.go). */
export function prettyPrint(s: string): string {
	if (s.length <= 1) return s.toLowerCase();
	return s[0]!.toUpperCase() + s.slice(1).toLowerCase();
}

const NODE_LS_HELP = `
Usage:  ${USAGE}

List nodes in the swarm

Aliases:
  docker node ls, docker node list

Options:
  -f, --filter filter   Filter output based on conditions provided
      --format string   Format output using a custom template:
                        'table':            Print output in table format with column headers (default)
                        'table TEMPLATE':   Print output in table format using the given Go template
                        'json':             Print in JSON format
                        'TEMPLATE':         Print output using the given Go template.
  -q, --quiet           Only display IDs
`;

/** From the Raft member list, not the role (swarm/manager-status.ts). */
function managerStatus(ctx: CommandContext, swarm: SwarmCluster, node: SwarmNode): string {
	return managerStatusOf(ctx.kernel, swarm, node);
}

function nodeRow(
	ctx: CommandContext,
	swarm: SwarmCluster,
	node: SwarmNode
): Record<string, unknown> {
	// The daemon's own node: a machine that joined again also has its old row listed.
	const self = node.ID === swarm.membership.nodeIdOf(swarm.self);
	return {
		Availability: prettyPrint(node.Spec.Availability),
		EngineVersion: node.Description.Engine.EngineVersion,
		Hostname: node.Description.Hostname,
		ID: node.ID,
		ManagerStatus: managerStatus(ctx, swarm, node),
		Self: self,
		Status: prettyPrint(node.Status.State),
		TLSStatus: 'Ready'
	};
}

export function dockerNodeLs(
	ctx: CommandContext,
	swarm: SwarmCluster,
	words: readonly string[]
): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'filter', short: 'f', repeatable: true },
		{ long: 'format' },
		{ long: 'quiet', short: 'q', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker node ls', USAGE));
	if (parsed.args.length > 0) {
		return fail(
			`"docker node ls" accepts no arguments.\n\nUsage:  ${USAGE}\n\nRun 'docker node ls --help' for more information\n`
		);
	}
	const filter = nodeFilter(parsed.flags.get('filter') ?? []);
	if (!filter.ok) return fail(filter.error);
	const nodes = ctx.kernel.store
		.list<SwarmNode>(SWARM_NODES)
		.filter(filter.keep)
		.sort((a, b) => naturalCompare(a.Description.Hostname, b.Description.Hostname));
	const rows = nodes.map((n) => nodeRow(ctx, swarm, n));
	if (boolFlag(parsed.flags, 'quiet')) return ok(rows.map((r) => `${r.ID as string}\n`).join(''));
	if (boolFlag(parsed.flags, 'help')) return ok(NODE_LS_HELP);
	const format = flag(parsed.flags, 'format');
	// An empty --format means the default table, as in docker.
	if (format === undefined || format === '' || format === 'table') {
		// The default table: `{{.ID}} {{if .Self}}*{{else}} {{ end }}\t{{.Hostname}}\t…`.
		const cells = rows.map((r) =>
			[
				`${r.ID as string} ${r.Self === true ? '*' : ' '}`,
				r.Hostname,
				r.Status,
				r.Availability,
				r.ManagerStatus,
				r.EngineVersion
			].join('\t')
		);
		const header = 'ID  \tHOSTNAME\tSTATUS\tAVAILABILITY\tMANAGER STATUS\tENGINE VERSION';
		return ok(tabwrite([header, ...cells].map((l) => l + '\n').join(''), DOCKER_TABLE));
	}
	if (format === 'json') return ok(rows.map((r) => dockerJsonLine(r) + '\n').join(''));
	const template = compileTemplate(format, HEADERS);
	if (!template.ok) return fail(template.error);
	const lines = rows.map((r) => template.render(r));
	if (!template.table) return ok(lines.map((l) => l + '\n').join(''));
	return ok(tabwrite([template.header, ...lines].map((l) => l + '\n').join(''), DOCKER_TABLE));
}
