/**
 * `docker exec [OPTIONS] CONTAINER COMMAND [ARG...]` on the machine the console talks to
 * (docker/cli cli/command/container/exec.go; moby daemon/exec.go): a swarm task's container
 * there, found by name or ID prefix as `docker ps` lists them, running; then the command runs
 * in it as `kubectl exec` runs one (../kubectl/exec-session.ts). docker prints no line of its
 * own for a non-zero exit: the exit status is the command's.
 */
import { imageTools } from '../../images/executables';
import { DEFAULT_PATH_ENV } from '../../kubernetes/defaults';
import { labRegistry } from '../../registry/lab-registry';
import {
	SWARM_SERVICES,
	SWARM_TASKS,
	type SwarmService,
	type SwarmTask
} from '../../swarm/objects';
import { fail, type CommandContext, type CommandResult } from '../context';
import { httpReply } from '../../images/http-replies';
import { runSession } from '../kubectl/exec-session';
import type { ShellWorld } from '../kubectl/exec-shell';
import { DAEMON_DOWN, notSimulated, unknownFlag } from './errors';
import { TaskNetwork, taskContainer, taskHostname } from './exec-network';
import { taskFiles } from './task-files';

const USAGE = 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]';

/** docker 28's `docker exec --help` (cli/command/container/exec.go flags). */
const HELP = `
Usage:  ${USAGE}

Execute a command in a running container

Aliases:
  docker container exec, docker exec

Options:
  -d, --detach               Detached mode: run command in the background
      --detach-keys string   Override the key sequence for detaching a container
  -e, --env list             Set environment variables
      --env-file list        Read in a file of environment variables
  -i, --interactive          Keep STDIN open even if not attached
      --privileged           Give extended privileges to the command
  -t, --tty                  Allocate a pseudo-TTY
  -u, --user string          Username or UID (format: "<name|uid>[:<group|gid>]")
  -w, --workdir string       Working directory inside the container
`;

const VALUE_FLAGS = new Map([
	['-e', 'env'],
	['--env', 'env'],
	['--env-file', 'env-file'],
	['-u', 'user'],
	['--user', 'user'],
	['-w', 'workdir'],
	['--workdir', 'workdir'],
	['--detach-keys', 'detach-keys']
]);
const BOOL_FLAGS = new Map([
	['-i', 'interactive'],
	['--interactive', 'interactive'],
	['-t', 'tty'],
	['--tty', 'tty'],
	['-d', 'detach'],
	['--detach', 'detach'],
	['--privileged', 'privileged'],
	['--help', 'help']
]);

interface Parsed {
	flags: Map<string, string[]>;
	args: string[];
}

/** Flags up to the container (cobra SetInterspersed(false)): `-it`, `-e K=V`, `--env=K=V`. */
function parse(words: readonly string[]): Parsed | string {
	const flags = new Map<string, string[]>();
	const add = (name: string, value: string) => flags.set(name, [...(flags.get(name) ?? []), value]);
	let i = 0;
	for (; i < words.length; i++) {
		const w = words[i]!;
		if (w === '--') {
			i++;
			break;
		}
		if (!w.startsWith('-') || w === '-') break;
		const eq = w.indexOf('=');
		const name = w.startsWith('--') && eq > 0 ? w.slice(0, eq) : w;
		const long = VALUE_FLAGS.get(name);
		if (long !== undefined) {
			const value = w.startsWith('--') && eq > 0 ? w.slice(eq + 1) : words[++i];
			if (value === undefined)
				return `flag needs an argument: ${w.startsWith('--') ? w : `'${w[1]}' in ${w}`}`;
			add(long, value);
			continue;
		}
		if (BOOL_FLAGS.has(name)) {
			add(BOOL_FLAGS.get(name)!, 'true');
			continue;
		}
		if (w.startsWith('--')) return `unknown flag: ${name}`;
		// A cluster of shorthands: -it, -ite K=V.
		for (let j = 1; j < w.length; j++) {
			const short = `-${w[j]}`;
			const v = VALUE_FLAGS.get(short);
			if (v !== undefined) {
				const value = j + 1 < w.length ? w.slice(j + 1) : words[++i];
				if (value === undefined) return `flag needs an argument: '${w[j]}' in ${short}`;
				add(v, value);
				break;
			}
			const b = BOOL_FLAGS.get(short);
			if (b === undefined) return `unknown shorthand flag: '${w[j]}' in ${w}`;
			add(b, 'true');
		}
	}
	return { flags, args: words.slice(i) };
}

/** The container `ref` names among this machine's task containers (name, or ID prefix). */
function findContainer(ctx: CommandContext, ref: string): SwarmTask | undefined {
	const swarm = ctx.swarm;
	const nodeId = swarm === undefined ? undefined : swarm.membership.nodeIdOf(swarm.self);
	if (nodeId === undefined) return undefined;
	const mine = ctx.kernel.store
		.list<SwarmTask>(SWARM_TASKS)
		.filter((t) => t.NodeID === nodeId && t.Status.ContainerStatus !== undefined);
	const name = ref.replace(/^\//, '');
	const byName = mine.find((t) => {
		const service = ctx.kernel.store.get<SwarmService>(SWARM_SERVICES, t.ServiceID);
		return `${service?.Spec.Name ?? t.ServiceID}.${t.Slot ?? t.NodeID}.${t.ID}` === name;
	});
	if (byName !== undefined) return byName;
	const byId = mine.filter((t) => t.Status.ContainerStatus!.ContainerID.startsWith(ref));
	return byId.length === 1 ? byId[0] : undefined;
}

export function dockerExec(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parse(words);
	if (typeof parsed === 'string') return fail(unknownFlag(parsed, 'docker exec', USAGE));
	if (parsed.flags.has('help')) return { ok: true, output: HELP };
	const [ref, ...command] = parsed.args;
	if (ref === undefined || command.length === 0)
		return fail(
			`"docker exec" requires at least 2 arguments.\nSee 'docker exec --help'.\n\nUsage:  ${USAGE}\n\nExecute a command in a running container\n`
		);
	for (const unsupported of ['env-file', 'user', 'workdir', 'detach', 'detach-keys', 'privileged'])
		if (parsed.flags.has(unsupported)) return fail(notSimulated(`exec --${unsupported}`));
	const swarm = ctx.swarm;
	if (swarm !== undefined && !swarm.hosts.isRunning(swarm.self)) return fail(DAEMON_DOWN);
	const task = findContainer(ctx, ref);
	if (swarm === undefined || task === undefined)
		return fail(`Error response from daemon: No such container: ${ref}\n`);
	const id = task.Status.ContainerStatus!.ContainerID;
	const host = swarm.self;
	const run = swarm.runtime.state.runs[host]?.[task.ID];
	if (run === undefined || run.state !== 'running' || run.stopping === true)
		return fail(`Error response from daemon: container ${id} is not running\n`);
	// cli/command/container/exec.go → streams.In().CheckTty: the console's stdin is no terminal.
	if (parsed.flags.has('interactive') && parsed.flags.has('tty'))
		return fail('the input device is not a TTY\n');
	const hostname = taskHostname(task);
	const { pod, container } = taskContainer(task, hostname);
	const files = taskFiles(ctx.kernel, task, hostname);
	const image = task.Spec.ContainerSpec.Image;
	// The CLI pins the image to a digest (`redis:alpine@sha256:…`); which tools the image holds
	// is read from its name and tag, without the digest.
	const base = labRegistry(ctx.kernel).configOf(image)?.base ?? image.replace(/@[^@]*$/, '');
	// The daemon's environment: the image's PATH, HOSTNAME, the spec's and -e variables, HOME.
	const env = [
		`PATH=${DEFAULT_PATH_ENV}`,
		`HOSTNAME=${hostname}`,
		...(task.Spec.ContainerSpec.Env ?? []),
		...(parsed.flags.get('env') ?? []),
		'HOME=/root'
	];
	const net = new TaskNetwork(ctx.kernel, swarm, task);
	const world: ShellWorld = {
		tools: imageTools(base),
		ctx: {
			pod,
			container,
			env,
			readFile: (path: string) => files.get(path)
		},
		now: ctx.kernel.now,
		net: {
			net,
			reply: (conn, path) =>
				httpReply(conn.pod, conn.container, path, {
					readFile: () => undefined,
					base:
						labRegistry(ctx.kernel).configOf(conn.container.image ?? '')?.base ??
						conn.container.image ??
						''
				})
		}
	};
	return runSession(
		command,
		world,
		{
			example: 'docker exec CONTAINER',
			stdin: parsed.flags.has('interactive'),
			notSimulated: (what) => notSimulated(`exec … ${what}`),
			runtimeError: (reason) =>
				`OCI runtime exec failed: exec failed: unable to start container process: ${reason}: unknown\n`,
			exitMessage: () => ''
		},
		''
	);
}
