/**
 * `docker stack …` as the CLI answers it on any lab (docker/cli cli/command/stack, docker CLI 28;
 * cli-formats §6.7): the help, the subcommand names, `docker stack config`, and `docker stack
 * deploy` up to the point where it needs a swarm manager — its flags, then the compose files
 * read with the stack loader (src/engine/swarm/stack), then the manager check. A Kubernetes lab
 * answers all of that too (a bad compose file is reported before "not a swarm manager"), so
 * this part is in every lab. What only a swarm manager does — deploying the loaded stack, and
 * `ls`, `ps`, `services`, `rm` — is ./stack.ts, which the Swarm flavour brings
 * (src/engine/flavors/registry.ts).
 */
import { daemonError } from './host';
import { TerminalWriter } from '../terminal';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags, type FlagSpec } from '../flags';
import { dockerSwarmVerb, swarmDocker } from '../../flavors/registry';
import { loadStackFiles, stackConfigYaml, type StackFile } from '../../swarm/stack';
import { NO_LEADER, NOT_A_SWARM_MANAGER, unknownCommand, unknownFlag } from './errors';
import { shellEnv } from '../shell-env';

const DETACH_NOTICE =
	'Since --detach=false was not specified, tasks will be created in the background.\n' +
	'In a future release, --detach=false will become the default.\n';

/** checkDaemonIsSwarmManager (stack/swarm/deploy.go): the CLI's own words, lower case. */
const DEPLOY_NOT_MANAGER =
	'this node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again';

// --- cobra's argument errors (cli/required.go) ---------------------------------------------

export function requiresExactly(command: string, usage: string): string {
	return `docker: '${command}' requires 1 argument\n\nUsage:  ${usage}\n\nSee '${command} --help' for more information\n`;
}

export function requiresAtLeast(command: string, usage: string): string {
	return `docker: '${command}' requires at least 1 argument\n\nUsage:  ${usage}\n\nSee '${command} --help' for more information\n`;
}

export function acceptsNoArgs(command: string, usage: string): string {
	return `"${command}" accepts no arguments.\n\nUsage:  ${usage}\n\nRun '${command} --help' for more information\n`;
}

/** validateStackName (cli/command/stack/common.go): blank or only quotes is refused; Go's %q
 * is written as JSON, which agrees for the names a terminal can type. */
export function invalidStackName(name: string): string | undefined {
	const trimmed = name.replace(/^[\s"']+|[\s"']+$/gu, '');
	return trimmed === '' ? `invalid stack name: ${JSON.stringify(name)}` : undefined;
}

// --- docker stack deploy --------------------------------------------------------------------

const DEPLOY_USAGE = 'docker stack deploy [OPTIONS] STACK';
const DEPLOY_FLAGS: FlagSpec[] = [
	{ long: 'compose-file', short: 'c', repeatable: true },
	{ long: 'detach', short: 'd', bool: true },
	{ long: 'prune', bool: true },
	{ long: 'quiet', short: 'q', bool: true },
	{ long: 'resolve-image' },
	{ long: 'with-registry-auth', bool: true },
	{ long: 'help', bool: true }
];

const DEPLOY_HELP = `
Usage:  ${DEPLOY_USAGE}

Deploy a new stack or update an existing stack

Aliases:
  docker stack deploy, docker stack up

Options:
  -c, --compose-file strings   Path to a Compose file, or "-" to read from stdin
  -d, --detach                 Exit immediately instead of waiting for the stack services to converge (default true)
      --prune                  Prune services that are no longer referenced
  -q, --quiet                  Suppress progress output
      --resolve-image string   Query the registry to resolve image digest and supported platforms ("always", "changed", "never") (default "always")
      --with-registry-auth     Send registry authentication details to Swarm agents
`;

/**
 * The running transcript of a deploy, and whether it wrote: its notices (stderr) come before
 * the `Creating …` lines (stdout), as deploy_composefile.go prints them before it creates anything.
 */
export class Transcript extends TerminalWriter {
	wrote = false;
	print(line: string) {
		this.out(`${line}\n`);
	}
	warn(text: string) {
		this.err(text);
	}
	fail(error: string): CommandResult {
		this.err(error.endsWith('\n') ? error : `${error}\n`);
		return { ...this.result(false), mutates: this.wrote };
	}
	done(): CommandResult {
		return { ...this.result(true), mutates: this.wrote };
	}
}

function dockerStackDeploy(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, DEPLOY_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker stack deploy', DEPLOY_USAGE));
	if (boolFlag(parsed.flags, 'help')) return ok(DEPLOY_HELP);
	if (parsed.args.length !== 1) return fail(requiresExactly('docker stack deploy', DEPLOY_USAGE));
	const stack = parsed.args[0]!;
	const badName = invalidStackName(stack);
	if (badName !== undefined) return fail(badName);
	const files = readComposeFiles(ctx, parsed.flags.get('compose-file') ?? []);
	if (typeof files === 'string') return fail(files);
	const loaded = loadStackFiles(files, {
		stackName: stack,
		env: shellEnv(ctx.kernel).vars,
		readFile: (p) => ctx.readFile(p)
	});
	if (!loaded.ok) return fail(loaded.error);
	const log = new Transcript();
	log.warn(loaded.warnings.join(''));
	const resolve = flag(parsed.flags, 'resolve-image') ?? 'always';
	if (!['always', 'changed', 'never'].includes(resolve)) {
		return log.fail(`Invalid option ${resolve} for flag --resolve-image`);
	}
	if (!parsed.flags.has('detach')) log.warn(DETACH_NOTICE);
	const swarm = ctx.swarm;
	if (swarm === undefined) return log.fail(DEPLOY_NOT_MANAGER);
	const daemon = daemonError(ctx, swarm);
	if (daemon !== undefined) return log.fail(daemon);
	if (swarm.locate.leader() === undefined) return log.fail(NO_LEADER);
	// --detach defaults to true for stack deploy; --detach=false waits as `service create` does.
	const detach = !parsed.flags.has('detach') || boolFlag(parsed.flags, 'detach');
	// A swarm exists, so the Swarm flavour is loaded: it deploys (./stack.ts).
	return swarmDocker().stackDeploy(ctx, stack, loaded, boolFlag(parsed.flags, 'prune'), log, {
		detach,
		quiet: boolFlag(parsed.flags, 'quiet'),
		resolveImage: resolve
	});
}

// --- docker stack config --------------------------------------------------------------------

const CONFIG_USAGE = 'docker stack config [OPTIONS]';
const CONFIG_FLAGS: FlagSpec[] = [
	{ long: 'compose-file', short: 'c', repeatable: true },
	{ long: 'skip-interpolation', bool: true },
	{ long: 'help', bool: true }
];

const CONFIG_HELP = `
Usage:  ${CONFIG_USAGE}

Outputs the final config file, after doing merges and interpolations

Options:
  -c, --compose-file strings   Path to a Compose file, or "-" to read from stdin
      --skip-interpolation     Skip interpolation and output only merged config
`;

/**
 * cli/command/stack/config.go (docker 25+): a client-side command, no swarm needed. The files
 * go through the loader as for deploy, and the merged config is printed as YAML.
 */
function dockerStackConfig(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, CONFIG_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker stack config', CONFIG_USAGE));
	if (boolFlag(parsed.flags, 'help')) return ok(CONFIG_HELP);
	if (parsed.args.length > 0) return fail(acceptsNoArgs('docker stack config', CONFIG_USAGE));
	const files = readComposeFiles(ctx, parsed.flags.get('compose-file') ?? []);
	if (typeof files === 'string') return fail(files);
	const config = stackConfigYaml(
		files,
		{ env: shellEnv(ctx.kernel).vars, readFile: (p) => ctx.readFile(p) },
		!boolFlag(parsed.flags, 'skip-interpolation')
	);
	return config.ok ? ok(config.yaml) : fail(`${config.error}\n`);
}

/** loader.GetConfigDetails: `-c a.yml,b.yml` (a StringSlice) names two files, read in order. */
function readComposeFiles(ctx: CommandContext, values: readonly string[]): StackFile[] | string {
	const paths = values.flatMap((v) => v.split(','));
	if (paths.length === 0) return 'Please specify a Compose file (with --compose-file)\n';
	const files: StackFile[] = [];
	for (const path of paths) {
		const text = ctx.readFile(path);
		if (text === undefined) return `open ${path}: no such file or directory\n`;
		files.push({ path, text });
	}
	return files;
}

// --- docker stack ---------------------------------------------------------------------------

const STACK_HELP = `
Usage:  docker stack COMMAND

Manage Swarm stacks

Commands:
  config      Outputs the final config file, after doing merges and interpolations
  deploy      Deploy a new stack or update an existing stack
  ls          List stacks
  ps          List the tasks in the stack
  rm          Remove one or more stacks
  services    List the services in the stack

Run 'docker stack COMMAND --help' for more information on a command.
`;

/**
 * The subcommands that need a manager before anything else: the verbs are ./stack.ts, from the
 * Swarm flavour. `deploy` (and `up`) reads its files first, `config` needs no daemon.
 */
const MANAGER_COMMANDS = new Set(['ls', 'list', 'ps', 'services', 'rm', 'remove', 'down']);

/** `docker stack …`. Deploy checks for a manager itself (after reading the files), as docker does. */
export function dockerStack(
	ctx: CommandContext,
	sub: string | undefined,
	rest: readonly string[]
): CommandResult {
	if (sub === undefined || sub === '--help') return ok(STACK_HELP);
	if (sub === 'config') return dockerStackConfig(ctx, rest);
	if (sub === 'deploy' || sub === 'up') return dockerStackDeploy(ctx, rest);
	if (!MANAGER_COMMANDS.has(sub)) {
		return fail(unknownCommand(`docker stack ${sub}`, 'docker stack COMMAND'));
	}
	const swarm = ctx.swarm;
	if (swarm === undefined) return fail(NOT_A_SWARM_MANAGER);
	const daemon = daemonError(ctx, swarm);
	if (daemon !== undefined) return fail(daemon);
	if (swarm.locate.leader() === undefined) return fail(NO_LEADER);
	const verb = dockerSwarmVerb('stack', sub);
	return verb === undefined
		? fail(unknownCommand(`docker stack ${sub}`, 'docker stack COMMAND'))
		: verb(ctx, swarm, rest);
}
