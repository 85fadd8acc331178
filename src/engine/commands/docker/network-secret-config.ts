/**
 * `docker network create`, `docker secret create` and `docker config create`: the objects a
 * stack names as `external` must exist before `docker stack deploy`
 * (docker/cli cli/command/network/create.go, secret/create.go, config/create.go). Each prints
 * the new object's ID. The lab's networks are all swarm-scoped, so only overlay networks are
 * simulated; a local bridge network is refused with a clear note instead of being faked.
 * Each writes once a manager with a leader is found, through the Swarm API the Swarm flavour
 * brings (src/engine/flavors/registry.ts): a lab without a swarm stops before.
 */
import { parseCidr, subnetMatches, type IpamConfig } from '../../swarm/ipam';
import { daemonError } from './host';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { base64Utf8 } from '../../manifests/base64';
import { swarmDocker } from '../../flavors/registry';
import type { NetworkSpec } from '../../swarm/spec';
import { keyValues } from './key-values';
import { NO_LEADER, NOT_A_SWARM_MANAGER, unknownCommand, unknownFlag } from './errors';

/** The flag's map, or none when it was not given (the spec then has no such field). */
function givenKeyValues(list: readonly string[]): Record<string, string> | undefined {
	return list.length === 0 ? undefined : keyValues(list);
}

function requiresRange(command: string, usage: string, min: number, max: number): string {
	return `docker: '${command}' requires at least ${min} and at most ${max} arguments\n\nUsage:  ${usage}\n\nSee '${command} --help' for more information\n`;
}

function requiresExactly(command: string, usage: string, n: number): string {
	return `docker: '${command}' requires ${n} argument${n === 1 ? '' : 's'}\n\nUsage:  ${usage}\n\nSee '${command} --help' for more information\n`;
}

/** Every write needs a manager with a leader (cli-formats §6.9). */
export function managerProblem(ctx: CommandContext): string | undefined {
	const swarm = ctx.swarm;
	if (swarm === undefined) return NOT_A_SWARM_MANAGER;
	const daemon = daemonError(ctx, swarm);
	if (daemon !== undefined) return daemon;
	if (swarm.locate.leader() === undefined) return NO_LEADER;
	return undefined;
}

const NETWORK_USAGE = 'docker network create [OPTIONS] NETWORK';

function networkCreate(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'driver', short: 'd' },
		{ long: 'attachable', bool: true },
		{ long: 'internal', bool: true },
		{ long: 'label', repeatable: true },
		{ long: 'opt', short: 'o', repeatable: true },
		{ long: 'scope' },
		{ long: 'subnet', repeatable: true },
		{ long: 'gateway', repeatable: true },
		{ long: 'ip-range', repeatable: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker network create', NETWORK_USAGE));
	if (boolFlag(parsed.flags, 'help')) return ok(`\nUsage:  ${NETWORK_USAGE}\n\nCreate a network\n`);
	if (parsed.args.length !== 1)
		return fail(requiresExactly('docker network create', NETWORK_USAGE, 1));
	const name = parsed.args[0]!;
	const driver = flag(parsed.flags, 'driver') ?? 'bridge';
	if (driver !== 'overlay' && flag(parsed.flags, 'scope') !== 'swarm') {
		return fail(
			`"docker network create" of a local ${driver} network is not simulated in this lab: every lab network is swarm-scoped (use --driver overlay)\n`
		);
	}
	const ipam = consolidateIpam(parsed.flags);
	if (typeof ipam === 'string') return fail(ipam);
	if (ipam.length > 1) {
		return fail(
			'"docker network create" with more than one --subnet is not simulated in this lab: give one subnet\n'
		);
	}
	const problem = managerProblem(ctx);
	if (problem !== undefined) return fail(problem);
	const spec: NetworkSpec = { Name: name, Driver: driver };
	const labels = givenKeyValues(parsed.flags.get('label') ?? []);
	if (labels !== undefined) spec.Labels = labels;
	const options = givenKeyValues(parsed.flags.get('opt') ?? []);
	if (options !== undefined) spec.Options = options;
	if (boolFlag(parsed.flags, 'attachable')) spec.Attachable = true;
	if (boolFlag(parsed.flags, 'internal')) spec.Internal = true;
	const made = swarmDocker().control.createNetwork(ctx, spec, ipam[0]);
	return made.ok ? ok(`${made.id}\n`, true) : fail(made.error);
}

/**
 * docker/cli network/create.go consolidateIpam: each --ip-range and --gateway goes to the one
 * --subnet that holds it. The CLI's error text, or the pools (one per subnet).
 */
function consolidateIpam(flags: ReadonlyMap<string, readonly string[]>): IpamConfig[] | string {
	const subnets = flags.get('subnet') ?? [];
	const ranges = flags.get('ip-range') ?? [];
	const gateways = flags.get('gateway') ?? [];
	if (subnets.length < ranges.length || subnets.length < gateways.length)
		return 'every ip-range or gateway must have a corresponding subnet';
	const pools = subnets.map((s): IpamConfig => ({ Subnet: s }));
	const assign = (values: readonly string[], key: 'IPRange' | 'Gateway'): string | undefined => {
		const what = key === 'IPRange' ? 'range' : 'gateway';
		for (const v of values) {
			let matched = false;
			for (const pool of pools) {
				const holds = subnetMatches(pool.Subnet, v);
				if (holds === undefined) {
					return parseCidr(pool.Subnet) === undefined
						? `invalid subnet: invalid CIDR address: ${pool.Subnet}`
						: `invalid CIDR address: ${v}`;
				}
				if (!holds) continue;
				const had = pool[key];
				if (had !== undefined) {
					return key === 'IPRange'
						? `cannot configure multiple ranges (${v}, ${had}) on the same subnet (${pool.Subnet})`
						: `cannot configure multiple gateways (${v}, ${had}) for the same subnet (${pool.Subnet})`;
				}
				pool[key] = v;
				matched = true;
			}
			if (!matched) return `no matching subnet for ${what} ${v}`;
		}
		return undefined;
	};
	return assign(ranges, 'IPRange') ?? assign(gateways, 'Gateway') ?? pools;
}

/** readSecretData: a file is required and must not be empty. */
function readData(
	ctx: CommandContext,
	file: string | undefined
): { data: string } | { error: string } {
	if (file === undefined || file === '') return { error: 'secret file is required' };
	if (file === '-') {
		// A pipeline's stdin (`printf … | docker secret create NAME -`), else nothing.
		const piped = ctx.readFile('-') ?? '';
		return piped === '' ? { error: 'error reading from STDIN: data is empty' } : { data: piped };
	}
	const text = ctx.readFile(file);
	if (text === undefined)
		return { error: `error reading from ${file}: open ${file}: no such file or directory` };
	if (text === '') return { error: `error reading from ${file}: data is empty` };
	return { data: text };
}

function secretCreate(ctx: CommandContext, words: readonly string[]): CommandResult {
	const usage = 'docker secret create [OPTIONS] SECRET [file|-]';
	const parsed = parseFlags(words, [
		{ long: 'label', short: 'l', repeatable: true },
		{ long: 'driver', short: 'd' },
		{ long: 'template-driver' },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker secret create', usage));
	if (boolFlag(parsed.flags, 'help'))
		return ok(`\nUsage:  ${usage}\n\nCreate a secret from a file or STDIN as content\n`);
	if (parsed.args.length < 1 || parsed.args.length > 2) {
		return fail(requiresRange('docker secret create', usage, 1, 2));
	}
	const [name, file] = parsed.args as [string, string | undefined];
	const driver = flag(parsed.flags, 'driver');
	let data = '';
	if (driver !== undefined && driver !== '') {
		if (file !== undefined && file !== '')
			return fail('When using secret driver secret data must be empty');
	} else {
		const read = readData(ctx, file);
		if ('error' in read) return fail(read.error);
		data = read.data;
	}
	const problem = managerProblem(ctx);
	if (problem !== undefined) return fail(problem);
	const made = swarmDocker().control.createSecret(ctx, {
		Name: name,
		Labels: givenKeyValues(parsed.flags.get('label') ?? []),
		Data: base64Utf8(data)
	});
	return made.ok ? ok(`${made.id}\n`, true) : fail(made.error);
}

function configCreate(ctx: CommandContext, words: readonly string[]): CommandResult {
	const usage = 'docker config create [OPTIONS] CONFIG file|-';
	const parsed = parseFlags(words, [
		{ long: 'label', short: 'l', repeatable: true },
		{ long: 'template-driver' },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker config create', usage));
	if (boolFlag(parsed.flags, 'help'))
		return ok(`\nUsage:  ${usage}\n\nCreate a config from a file or STDIN\n`);
	if (parsed.args.length !== 2) return fail(requiresExactly('docker config create', usage, 2));
	const [name, file] = parsed.args as [string, string];
	const read = readData(ctx, file);
	if ('error' in read) return fail(read.error.replace('secret file', 'config file'));
	const problem = managerProblem(ctx);
	if (problem !== undefined) return fail(problem);
	const made = swarmDocker().control.createConfig(ctx, {
		Name: name,
		Labels: givenKeyValues(parsed.flags.get('label') ?? []),
		Data: base64Utf8(read.data)
	});
	return made.ok ? ok(`${made.id}\n`, true) : fail(made.error);
}

const CREATORS: Record<string, (ctx: CommandContext, words: readonly string[]) => CommandResult> = {
	network: networkCreate,
	secret: secretCreate,
	config: configCreate
};

/**
 * `docker network|secret|config create …`; undefined for the other subcommands, which the
 * caller answers as not simulated yet.
 */
export function dockerObjectCreate(
	ctx: CommandContext,
	command: string,
	sub: string | undefined,
	rest: readonly string[]
): CommandResult | undefined {
	const run = CREATORS[command];
	if (run === undefined) return undefined;
	if (sub === 'create') return run(ctx, rest);
	if (
		sub !== undefined &&
		!['ls', 'list', 'inspect', 'rm', 'remove', 'prune', 'connect', 'disconnect', 'update'].includes(
			sub
		)
	) {
		return fail(unknownCommand(`docker ${command} ${sub}`, `docker ${command} COMMAND`));
	}
	return undefined;
}
