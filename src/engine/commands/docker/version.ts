/**
 * `docker version` (docker/cli cli/command/system/version.go): the client's and the engine's
 * build facts, laid out by a tabwriter (minwidth 20, padding 1), so every label is padded to
 * 20 columns. The engine's version is the one the node reports (`docker node ls`).
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { SWARM_NODES, type SwarmNode } from '../../swarm/node-object';
import {
	CLIENT_GIT_COMMIT,
	CONTAINERD_COMMIT,
	CONTAINERD_VERSION,
	DOCKER_INIT_COMMIT,
	DOCKER_INIT_VERSION,
	ENGINE_API_VERSION,
	ENGINE_BUILT,
	ENGINE_GIT_COMMIT,
	ENGINE_GO_VERSION,
	ENGINE_MIN_API_VERSION,
	ENGINE_VERSION,
	RUNC_COMMIT,
	RUNC_VERSION
} from '../../swarm/defaults';
import { DAEMON_DOWN, unknownFlag } from './errors';
import { compileGoTemplate, TemplateError } from './go-template';

const USAGE = 'docker version [OPTIONS]';
const PLATFORM = 'Docker Engine - Community';

/** The engine version of the console's machine, as its node reports it. */
export function engineVersionOf(ctx: CommandContext): string {
	const host = ctx.swarm?.self;
	const node = host === undefined ? undefined : ctx.kernel.store.get<SwarmNode>(SWARM_NODES, host);
	return node?.Description.Engine.EngineVersion ?? ENGINE_VERSION;
}

/** version.go's template through tabwriter.NewWriter(out, 20, 1, 1, ' ', 0). */
function line(indent: string, label: string, value: string): string {
	const cell = `${indent}${label}:`;
	return `${cell.padEnd(Math.max(20, cell.length + 1))}${value}\n`;
}

function clientSection(): string {
	return (
		`Client: ${PLATFORM}\n` +
		line(' ', 'Version', ENGINE_VERSION) +
		line(' ', 'API version', ENGINE_API_VERSION) +
		line(' ', 'Go version', ENGINE_GO_VERSION) +
		line(' ', 'Git commit', CLIENT_GIT_COMMIT) +
		line(' ', 'Built', ENGINE_BUILT) +
		line(' ', 'OS/Arch', 'linux/amd64') +
		line(' ', 'Context', 'default')
	);
}

function serverSection(version: string): string {
	return (
		`\nServer: ${PLATFORM}\n` +
		' Engine:\n' +
		line('  ', 'Version', version) +
		line('  ', 'API version', `${ENGINE_API_VERSION} (minimum version ${ENGINE_MIN_API_VERSION})`) +
		line('  ', 'Go version', ENGINE_GO_VERSION) +
		line('  ', 'Git commit', ENGINE_GIT_COMMIT) +
		line('  ', 'Built', ENGINE_BUILT) +
		line('  ', 'OS/Arch', 'linux/amd64') +
		line('  ', 'Experimental', 'false') +
		' containerd:\n' +
		line('  ', 'Version', CONTAINERD_VERSION) +
		line('  ', 'GitCommit', CONTAINERD_COMMIT) +
		' runc:\n' +
		line('  ', 'Version', RUNC_VERSION) +
		line('  ', 'GitCommit', RUNC_COMMIT) +
		' docker-init:\n' +
		line('  ', 'Version', DOCKER_INIT_VERSION) +
		line('  ', 'GitCommit', DOCKER_INIT_COMMIT)
	);
}

/** The fields `--format` sees (types.Version / VersionResponse, the ones the lab fills). */
function versionData(version: string | undefined): Record<string, unknown> {
	return {
		Client: {
			Platform: { Name: PLATFORM },
			Version: ENGINE_VERSION,
			ApiVersion: ENGINE_API_VERSION,
			DefaultAPIVersion: ENGINE_API_VERSION,
			GitCommit: CLIENT_GIT_COMMIT,
			GoVersion: ENGINE_GO_VERSION,
			Os: 'linux',
			Arch: 'amd64',
			BuildTime: ENGINE_BUILT,
			Context: 'default'
		},
		Server:
			version === undefined
				? null
				: {
						Platform: { Name: PLATFORM },
						Version: version,
						ApiVersion: ENGINE_API_VERSION,
						MinAPIVersion: ENGINE_MIN_API_VERSION,
						GitCommit: ENGINE_GIT_COMMIT,
						GoVersion: ENGINE_GO_VERSION,
						Os: 'linux',
						Arch: 'amd64',
						KernelVersion: '',
						BuildTime: ENGINE_BUILT
					}
	};
}

export function dockerVersion(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'format', short: 'f' },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker version', USAGE));
	if (boolFlag(parsed.flags, 'help')) {
		return ok(`\nUsage:  ${USAGE}\n\nShow the Docker version information\n`);
	}
	if (parsed.args.length > 0) {
		return fail(
			`"docker version" accepts no arguments.\n\nUsage:  ${USAGE}\n\nRun 'docker version --help' for more information\n`
		);
	}
	const up = ctx.swarm === undefined || ctx.swarm.hosts.isRunning(ctx.swarm.self);
	const version = up ? engineVersionOf(ctx) : undefined;
	const format = flag(parsed.flags, 'format');
	if (format !== undefined && format !== '') {
		let execute: (data: unknown) => string;
		try {
			execute = compileGoTemplate(format === 'json' ? '{{json .}}' : format);
		} catch (e) {
			if (e instanceof TemplateError) return fail(`template parsing error: ${e.message}\n`);
			throw e;
		}
		let out: string;
		try {
			out = execute(versionData(version)) + '\n';
		} catch (e) {
			if (e instanceof TemplateError) return fail(`template: ${e.message}\n`);
			throw e;
		}
		return version === undefined ? fail(DAEMON_DOWN, out) : ok(out);
	}
	if (version === undefined) return fail(DAEMON_DOWN, clientSection());
	return ok(clientSection() + serverSection(version));
}
