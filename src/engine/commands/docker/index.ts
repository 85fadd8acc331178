/** `docker …`: the docker CLI 28 commands the lab answers, with docker's errors. */
import { fail, type CommandContext, type CommandResult } from '../context';
// `service` and `node` verbs come from the Swarm flavour (./swarm-verbs.ts): only a swarm runs them.
import { dockerSwarmVerb } from '../../flavors/registry';
import {
	NO_LEADER,
	NOT_A_SWARM_MANAGER,
	notSimulated,
	unknownCommand,
	unknownFlag
} from './errors';
import { chooseHost, daemonError } from './host';
import { dockerStack } from './stack-cli';
import { dockerObjectCreate } from './network-secret-config';
import { dockerImageCommand } from './images';
import { dockerSwarm } from './swarm-commands';
import { dockerVolume } from './volume-commands';
import { dockerNetwork } from './network-commands';
import { dockerPs } from './containers';
import { dockerExec } from './exec';
import { dockerInfo } from './info';
import { dockerVersion } from './version';
import { dockerSecretOrConfig } from './secret-config-commands';
import { hasOwnKey } from '../../core/own-keys';

// docker --help (v28): management commands and common commands, to tell "not simulated yet"
// apart from "unknown".
const DOCKER_COMMANDS = [
	'attach',
	'build',
	'builder',
	'buildx',
	'checkpoint',
	'commit',
	'compose',
	'config',
	'container',
	'context',
	'cp',
	'create',
	'diff',
	'events',
	'exec',
	'export',
	'history',
	'image',
	'images',
	'import',
	'info',
	'inspect',
	'kill',
	'load',
	'login',
	'logout',
	'logs',
	'manifest',
	'network',
	'node',
	'pause',
	'plugin',
	'port',
	'ps',
	'pull',
	'push',
	'rename',
	'restart',
	'rm',
	'rmi',
	'run',
	'save',
	'search',
	'secret',
	'service',
	'stack',
	'start',
	'stats',
	'stop',
	'swarm',
	'system',
	'tag',
	'top',
	'trust',
	'unpause',
	'update',
	'version',
	'volume',
	'wait'
];

const NODE_COMMANDS = [
	'demote',
	'inspect',
	'ls',
	'list',
	'promote',
	'ps',
	'rm',
	'remove',
	'update'
];

export function docker(outer: CommandContext, input: readonly string[]): CommandResult {
	const chosen = chooseHost(outer, input);
	if (!chosen.ok) return fail(chosen.error);
	const { ctx, words } = chosen;
	const [command, sub, ...rest] = words;
	if (command === undefined || command === '--help' || command === 'help') {
		return { ok: true, output: DOCKER_HELP };
	}
	if (!DOCKER_COMMANDS.includes(command)) {
		if (command.startsWith('-')) {
			// docker 28 cli/cobra.go FlagErrorFunc, with the root command's use line.
			return fail(
				unknownFlag(
					command.startsWith('--')
						? `unknown flag: ${command.split('=')[0]}`
						: `unknown shorthand flag: '${command[1] ?? ''}' in ${command}`,
					'docker',
					'docker [OPTIONS] COMMAND [ARG...]'
				)
			);
		}
		return fail(unknownCommand(`docker ${command}`));
	}
	if (command === 'service') return dockerService(ctx, sub, rest);
	if (command === 'stack') return dockerStack(ctx, sub, rest);
	if (command === 'swarm') return dockerSwarm(ctx, sub, rest);
	if (command === 'ps') return dockerPs(ctx, 'docker ps', words.slice(1));
	if (command === 'exec') return dockerExec(ctx, words.slice(1));
	if (command === 'container' && sub === 'exec') return dockerExec(ctx, rest);
	if (command === 'container' && sub !== undefined && ['ls', 'list', 'ps'].includes(sub)) {
		return dockerPs(ctx, `docker container ${sub}`, rest);
	}
	if (command === 'info') return dockerInfo(ctx, words.slice(1));
	if (command === 'version') return dockerVersion(ctx, words.slice(1));
	if (command === 'volume') {
		const volume = dockerVolume(ctx, sub, rest);
		if (volume !== undefined) return volume;
	}
	const created = dockerObjectCreate(ctx, command, sub, rest);
	if (created !== undefined) return created;
	const listed =
		command === 'network'
			? dockerNetwork(ctx, sub, rest)
			: dockerSecretOrConfig(ctx, command, sub, rest);
	if (listed !== undefined) return listed;
	const image = dockerImageCommand(ctx, command, sub, rest);
	if (image !== undefined) return image;
	if (command !== 'node') return fail(notSimulated(command));
	if (sub === undefined || sub === '--help') return { ok: true, output: NODE_HELP };
	if (!NODE_COMMANDS.includes(sub)) {
		return fail(unknownCommand(`docker node ${sub}`, 'docker node COMMAND'));
	}
	const swarm = ctx.swarm;
	if (swarm === undefined) return fail(NOT_A_SWARM_MANAGER);
	const daemon = daemonError(ctx, swarm);
	if (daemon !== undefined) return fail(daemon);
	if (swarm.locate.leader() === undefined) return fail(NO_LEADER);
	return swarmVerb('node', sub)(ctx, swarm, rest);
}

/** A `service`/`node` verb the front end has already checked the name of. */
function swarmVerb(command: 'service' | 'node', sub: string) {
	return (
		dockerSwarmVerb(command, sub) ??
		(() => fail(unknownCommand(`docker ${command} ${sub}`, `docker ${command} COMMAND`)))
	);
}

/** `docker service`'s subcommands (the verbs themselves: ./swarm-verbs.ts). */
const SERVICE_COMMANDS: Record<string, true> = {
	create: true,
	inspect: true,
	logs: true,
	ls: true,
	list: true,
	ps: true,
	rm: true,
	remove: true,
	rollback: true,
	scale: true,
	update: true
};

/** `docker service …`: every subcommand needs a reachable manager with a leader. */
function dockerService(
	ctx: CommandContext,
	sub: string | undefined,
	rest: readonly string[]
): CommandResult {
	if (sub === undefined || sub === '--help') return { ok: true, output: SERVICE_HELP };
	if (!hasOwnKey(SERVICE_COMMANDS, sub)) {
		return fail(unknownCommand(`docker service ${sub}`, 'docker service COMMAND'));
	}
	const swarm = ctx.swarm;
	if (swarm === undefined) return fail(NOT_A_SWARM_MANAGER);
	const daemon = daemonError(ctx, swarm);
	if (daemon !== undefined) return fail(daemon);
	if (swarm.locate.leader() === undefined) return fail(NO_LEADER);
	return swarmVerb('service', sub)(ctx, swarm, rest);
}

const SERVICE_HELP = `
Usage:  docker service COMMAND

Manage Swarm services

Commands:
  create      Create a new service
  inspect     Display detailed information on one or more services
  logs        Fetch the logs of a service or task
  ls          List services
  ps          List the tasks of one or more services
  rm          Remove one or more services
  rollback    Revert changes to a service's configuration
  scale       Scale one or multiple replicated services
  update      Update a service

Run 'docker service COMMAND --help' for more information on a command.
`;

const DOCKER_HELP = `Usage:  docker [OPTIONS] COMMAND

The lab's docker CLI talks to the simulated swarm's first manager, manager-1.

Options:
  -H, --host HOST   Talk to another machine's daemon (manager-2, ssh://manager-2)

Commands answered so far:
  swarm init|join|join-token|leave
  node ls|ps|inspect|update|promote|demote|rm
  service create|ls|ps|inspect|scale|update|rollback|rm|logs
  stack deploy|ls|ps|services|rm
  network create (overlay)|ls|inspect|rm, secret|config create|ls|inspect|rm
  ps (container ls), info, version: the daemon of the machine the CLI talks to
  exec CONTAINER CMD: run a command in a task's container there (env, hostname, wget/curl
                    to services by name, sh -c)
  build, push, tag, images (image build|push|tag|ls): the lab registry is registry.lab:5000
  (commands that wait for a service to converge print what they print with --detach)

Other docker commands are recognised and will be simulated as the lab grows.
`;

const NODE_HELP = `
Usage:  docker node COMMAND

Manage Swarm nodes

Commands:
  demote      Demote one or more nodes from manager in the swarm
  inspect     Display detailed information on one or more nodes
  ls          List nodes in the swarm
  promote     Promote one or more nodes to manager in the swarm
  ps          List tasks running on one or more nodes, defaults to the current node
  rm          Remove one or more nodes from the swarm
  update      Update a node

Run 'docker node COMMAND --help' for more information on a command.
`;
