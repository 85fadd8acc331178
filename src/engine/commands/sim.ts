/**
 * `sim …`: what no real CLI does — move time, power machines off and on, cut the network,
 * read the trace, reseed. Its messages are the lab's own, in the style of a Unix tool.
 */
import { fail, ok, type CommandContext, type CommandResult } from './context';
import { simRaft } from './sim-raft';
import { flag, parseFlags } from './flags';
import { formatGoDuration, parseDuration } from './durations';
import { tabwrite, KUBECTL_DESCRIBE } from './tabwriter';
import type { Pod } from 'kubernetes-types/core/v1';
import { PODS } from '../kubernetes/api/collections';
import { TRAFFIC_VERBS } from './sim-traffic';
import { simHelp } from './lab-help';
import { swarmTaskFault } from './sim-swarm';
import { ownValue } from '../core/own-keys';

/** The longest single `sim advance`: 30 simulated days keeps one line from freezing a page. */
export const MAX_ADVANCE_MS = 30 * 24 * 3600 * 1000;

type SimVerb = (ctx: CommandContext, args: readonly string[]) => CommandResult;

const usage = (text: string) => fail(`sim: usage: ${text}`);

const VERBS: Record<string, SimVerb> = {
	raft: simRaft,
	advance: (ctx, args) => {
		if (args.length !== 1) return usage('sim advance DURATION (for example 30s, 5m, 1h30m)');
		const d = parseDuration(args[0]!);
		if (!d.ok) return fail(`sim: ${d.error}`);
		if (d.ms < 0) return fail(`sim: cannot advance by a negative duration: ${args[0]}`);
		if (d.ms > MAX_ADVANCE_MS) {
			return fail(`sim: ${args[0]} is too long for one step: advance at most 720h at a time`);
		}
		ctx.advance(d.ms);
		return ok(`advanced ${formatGoDuration(d.ms)}, now ${formatGoDuration(ctx.kernel.now)}\n`);
	},
	time: (ctx, args) => {
		if (args.length > 0) return usage('sim time');
		return ok(`${formatGoDuration(ctx.kernel.now)}\n`);
	},
	node: (ctx, args) => {
		const [action, name, ...extra] = args;
		if (
			!['stop', 'start', 'restart'].includes(action ?? '') ||
			name === undefined ||
			extra.length > 0
		) {
			return usage('sim node stop|start|restart NAME');
		}
		if (!ctx.hosts.has(name)) return fail(`Error: No such node: ${name}`);
		const running = ctx.hosts.isRunning(name);
		if (action === 'stop') {
			if (!running) return fail(`Error: node ${name} is already stopped`);
			ctx.hosts.stop(name);
			return ok(`${name} stopped\n`, true);
		}
		if (action === 'start') {
			if (running) return fail(`Error: node ${name} is already running`);
			ctx.hosts.start(name);
			return ok(`${name} started\n`, true);
		}
		if (!running) return fail(`Error: node ${name} is not running: use sim node start ${name}`);
		ctx.hosts.stop(name);
		ctx.hosts.start(name);
		return ok(`${name} restarted\n`, true);
	},
	crash: (ctx, args) => podFault(ctx, args, 'crash'),
	unhealthy: (ctx, args) => podFault(ctx, args, 'unhealthy'),
	partition: (ctx, args) => {
		const groups = args
			.join(' ')
			.split('/')
			.map((g) => g.split(/[\s,]+/).filter((n) => n !== ''));
		if (groups.length < 2 || groups.some((g) => g.length === 0)) {
			return usage('sim partition A,B / C   (hosts on different sides of / cannot talk)');
		}
		const seen = new Set<string>();
		for (const host of groups.flat()) {
			if (!ctx.hosts.has(host)) return fail(`Error: No such node: ${host}`);
			if (seen.has(host)) return fail(`sim: ${host} is on two sides of the partition`);
			seen.add(host);
		}
		ctx.kernel.network.partition(groups);
		const text = groups.map((g) => g.join(',')).join(' / ');
		ctx.kernel.emit('network.partition', 'network', `Network partitioned: ${text}.`);
		return ok(`partitioned ${text}\n`, true);
	},
	heal: (ctx, args) => {
		if (args.length > 0) return usage('sim heal');
		ctx.kernel.network.heal();
		ctx.kernel.emit('network.heal', 'network', 'Network healed: every link is up.');
		return ok('network healed\n', true);
	},
	latency: (ctx, args) => {
		if (args.length !== 1) return usage('sim latency DURATION (one-way, for example 50ms)');
		const d = parseDuration(args[0]!);
		if (!d.ok) return fail(`sim: ${d.error}`);
		if (d.ms < 0 || d.ms > 60_000)
			return fail(`sim: latency must be between 0s and 1m, got ${args[0]}`);
		ctx.kernel.network.configure({ latencyMs: d.ms });
		ctx.kernel.emit(
			'network.latency',
			'network',
			`Network latency set to ${formatGoDuration(d.ms)}.`
		);
		return ok(`latency ${formatGoDuration(d.ms)}\n`, true);
	},
	loss: (ctx, args) => {
		const m = args.length === 1 ? /^(\d{1,3}(?:\.\d+)?)%$/.exec(args[0]!) : null;
		if (m === null) return usage('sim loss PERCENT (for example 10%)');
		const pct = Number(m[1]);
		if (pct > 100) return fail(`sim: loss must be between 0% and 100%, got ${args[0]}`);
		ctx.kernel.network.configure({ loss: pct / 100 });
		ctx.kernel.emit('network.loss', 'network', `Network loss set to ${pct}%.`);
		return ok(`loss ${pct}%\n`, true);
	},
	events: (ctx, args) => {
		const parsed = parseFlags(args, [{ long: 'since' }]);
		if (!parsed.ok) return fail(`sim: ${parsed.error}`);
		if (parsed.args.length > 0) return usage('sim events [--since DURATION]');
		let since = 0;
		const sinceText = flag(parsed.flags, 'since');
		if (sinceText !== undefined) {
			const d = parseDuration(sinceText);
			if (!d.ok) return fail(`sim: ${d.error}`);
			if (d.ms < 0) return fail(`sim: --since must not be negative: ${sinceText}`);
			since = Math.max(0, ctx.kernel.now - d.ms);
		}
		const events = ctx.kernel.trace.since(since);
		const lines = events.map(
			(e) => `${formatGoDuration(e.t)}\t${e.kind}\t${e.subject}\t${e.message}\n`
		);
		return ok(tabwrite(['TIME\tKIND\tSUBJECT\tMESSAGE\n', ...lines].join(''), KUBECTL_DESCRIBE));
	},
	seed: (ctx, args) => {
		if (args.length === 0) return ok(`${ctx.seed}\n`);
		if (args.length !== 1 || !/^\d{1,10}$/.test(args[0]!) || Number(args[0]) > 0xffffffff) {
			return usage('sim seed [N]   (N a whole number from 0 to 4294967295)');
		}
		ctx.reseed(Number(args[0]));
		return ok(`seed ${Number(args[0])}: the lab starts again at 0s\n`);
	},
	...TRAFFIC_VERBS
};

/** `sim crash pod NAME` (its containers exit 1 now) and `sim unhealthy pod NAME` (probes fail). */
function podFault(
	ctx: CommandContext,
	args: readonly string[],
	fault: 'crash' | 'unhealthy'
): CommandResult {
	const [kind, name, ...extra] = args;
	if (kind === 'task' && name !== undefined && extra.length === 0)
		return swarmTaskFault(ctx, name, fault);
	if ((kind !== 'pod' && kind !== 'po') || name === undefined || extra.length > 0) {
		return usage(`sim ${fault} pod NAME | sim ${fault} task NAME`);
	}
	const k8s = ctx.kubernetes;
	if (k8s === undefined)
		return fail(`sim: ${fault} pod needs a kubernetes lab (in a swarm: sim ${fault} task NAME)`);
	const pod = k8s.apiServer.get<Pod>(PODS, 'default', name);
	if (pod === undefined) return fail(`Error: No such pod: ${name}`);
	const done = fault === 'crash' ? k8s.runtime.crash(pod) : k8s.runtime.makeUnhealthy(pod);
	if (!done) return fail(`Error: pod ${name} has no running containers`);
	const what =
		fault === 'crash' ? 'its containers exited with status 1' : 'its probes fail from now on';
	ctx.kernel.emit(`pod.${fault}`, `pod/${name}`, `Pod ${name}: ${what}.`);
	return ok(`${name}: ${what}\n`, true);
}

export function sim(ctx: CommandContext, words: readonly string[]): CommandResult {
	const [verb, ...args] = words;
	if (verb === undefined || verb === 'help' || verb === '--help') return ok(simHelp(ctx.lang));
	const run = ownValue(VERBS, verb);
	if (run === undefined) return fail(`sim: unknown command "${verb}"\nRun 'sim help' for usage.`);
	return run(ctx, args);
}
