/** `docker …`: the docker CLI 28 commands the lab answers, with docker's errors. */
import { fail, type CommandContext, type CommandResult } from '../context';
import {
	DAEMON_DOWN,
	NO_LEADER,
	NOT_A_SWARM_MANAGER,
	notSimulated,
	unknownCommand
} from './errors';
import { dockerNodeLs } from './node-ls';

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

export function docker(ctx: CommandContext, words: readonly string[]): CommandResult {
	const [command, sub, ...rest] = words;
	if (command === undefined || command === '--help' || command === 'help') {
		return { ok: true, output: DOCKER_HELP };
	}
	if (!DOCKER_COMMANDS.includes(command)) {
		if (command.startsWith('-')) {
			return fail(`unknown flag: ${command.split('=')[0]}\nSee 'docker --help'.\n`);
		}
		return fail(unknownCommand(`docker ${command}`));
	}
	if (command !== 'node') return fail(notSimulated(command));
	if (sub === undefined || sub === '--help') return { ok: true, output: NODE_HELP };
	if (!NODE_COMMANDS.includes(sub)) {
		return fail(unknownCommand(`docker node ${sub}`, 'docker node COMMAND'));
	}
	if (sub !== 'ls' && sub !== 'list') return fail(notSimulated(`node ${sub}`));
	const swarm = ctx.swarm;
	if (swarm === undefined) return fail(NOT_A_SWARM_MANAGER);
	if (!swarm.hosts.isRunning(swarm.self)) return fail(DAEMON_DOWN);
	if (swarm.locate.leader() === undefined) return fail(NO_LEADER);
	return dockerNodeLs(ctx, swarm, rest);
}

const DOCKER_HELP = `Usage:  docker [OPTIONS] COMMAND

The lab's docker CLI talks to the simulated swarm's first manager.

Commands answered so far:
  node ls     List nodes in the swarm (--format '{{json .}}', --format json, -q)

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
