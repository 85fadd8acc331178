/**
 * `sim traffic`, `sim kube-proxy` and `sim addon`: the lab's request generator, the proxy mode
 * switch, and the ingress controller addon (kubernetes/services, traffic/).
 */
import { fail, ok, type CommandContext, type CommandResult } from './context';
import { kubernetesAddon } from '../flavors/registry';
import { flag, parseFlags } from './flags';
import { KUBECTL_GET, tabwrite } from './tabwriter';
import { MAX_RATE, trafficOf, type StreamState } from '../traffic/generator';
import type { Via } from '../traffic/target';

type SimVerb = (ctx: CommandContext, args: readonly string[]) => CommandResult;

const TRAFFIC_USAGE =
	'sim: usage: sim traffic [NAME RATE [--via clusterip|nodeport|ingress] [--port P] [-n NS] [--clients N] [--host H] [--path P]]\n' +
	'       sim traffic stop [NAME] [-n NS]\n' +
	'       sim traffic clear';

const VIAS: readonly Via[] = ['clusterip', 'nodeport', 'ingress', 'mesh', 'vip'];

/** `100/s`, `2.5/s` or `600/m` → requests per second. */
export function parseRate(text: string): number | undefined {
	const m = /^(\d+(?:\.\d+)?)\/(s|m)$/.exec(text);
	if (m === null) return undefined;
	const n = Number(m[1]) / (m[2] === 'm' ? 60 : 1);
	return n > 0 ? n : undefined;
}

function rateText(rate: number): string {
	return `${Number.isInteger(rate) ? rate : rate.toFixed(2).replace(/0+$/, '')}/s`;
}

/**
 * NAME as kubectl would write it: `svc/web` and `service/web` are the service web;
 * `ingress/site` (or `ing/site`) is the ingress site, reached through the ingress controller.
 */
function typedName(word: string): { name: string; via?: Via } {
	const slash = word.indexOf('/');
	if (slash < 0) return { name: word };
	const type = word.slice(0, slash).toLowerCase();
	const name = word.slice(slash + 1);
	if (['svc', 'service', 'services'].includes(type)) return { name };
	if (['ing', 'ingress', 'ingresses'].includes(type)) return { name, via: 'ingress' };
	return { name: word };
}

function traffic(ctx: CommandContext, args: readonly string[]): CommandResult {
	const parsed = parseFlags(args, [
		{ long: 'via' },
		{ long: 'namespace', short: 'n' },
		{ long: 'clients' },
		{ long: 'host' },
		{ long: 'path' },
		{ long: 'port' }
	]);
	if (!parsed.ok) return fail(`sim: ${parsed.error}`);
	const generator = trafficOf(ctx.kernel);
	if (generator === undefined)
		return fail('sim: traffic needs a lab with services (this flavour has no traffic target yet)');
	const namespace = flag(parsed.flags, 'namespace') ?? 'default';
	const [first, second, ...extra] = parsed.args;
	if (first === undefined) return ok(statusTable(generator.list()));
	if (first === 'stop') {
		if (second !== undefined && extra.length > 0) return fail(TRAFFIC_USAGE);
		const stopped = generator.stop(second, second === undefined ? undefined : namespace);
		if (stopped.length === 0)
			return fail(
				second === undefined
					? 'sim: no traffic is running'
					: `sim: no traffic is running to ${second}`
			);
		for (const s of stopped)
			ctx.kernel.emit(
				'traffic.stopped',
				s.target.label,
				`Traffic to ${s.target.label} stopped after ${s.sent} requests.`
			);
		return ok(
			stopped.map((s) => `traffic to ${s.target.label} stopped (${s.sent} sent)\n`).join(''),
			true
		);
	}
	if (first === 'clear') {
		if (second !== undefined) return fail(TRAFFIC_USAGE);
		generator.clear();
		return ok('stopped traffic streams cleared\n', true);
	}
	if (second === undefined || extra.length > 0) return fail(TRAFFIC_USAGE);
	const named = typedName(first);
	if (named.via !== undefined && parsed.flags.has('via') && flag(parsed.flags, 'via') !== named.via)
		return fail(`sim: ${first} names an ingress: drop --via or use --via ingress`);
	const rate = parseRate(second);
	if (rate === undefined)
		return fail(`sim: invalid rate "${second}": use requests per second, for example 100/s`);
	if (rate > MAX_RATE)
		return fail(`sim: rate ${second} is too high: at most ${MAX_RATE}/s per stream`);
	const viaText = flag(parsed.flags, 'via') ?? named.via ?? generator.target.vias[0]!;
	const via = VIAS.find((v) => v === viaText);
	if (via === undefined || !generator.target.vias.includes(via))
		return fail(`sim: invalid --via "${viaText}": use ${generator.target.vias.join(', ')}`);
	const clientsText = flag(parsed.flags, 'clients') ?? '10';
	if (!/^\d{1,4}$/.test(clientsText) || Number(clientsText) < 1)
		return fail(`sim: invalid --clients "${clientsText}": a whole number from 1 to 9999`);
	const host = flag(parsed.flags, 'host') ?? '';
	const path = flag(parsed.flags, 'path') ?? '/';
	if (!path.startsWith('/')) return fail(`sim: invalid --path "${path}": it must start with /`);
	const port = flag(parsed.flags, 'port');
	if (port !== undefined && via === 'ingress')
		return fail('sim: --port is for services: an ingress picks the port by its rules');
	const resolved = generator.target.resolve(named.name, via, namespace, port);
	if (!resolved.ok) return fail(`sim: ${resolved.error}`);
	const options = { rate, clients: Number(clientsText), host, path };
	const s = generator.start(named.name, namespace, resolved.target, options);
	ctx.kernel.emit(
		'traffic.started',
		s.target.label,
		`Traffic to ${s.target.label} via ${via}: ${rateText(rate)} from ${options.clients} clients.`
	);
	return ok(
		`traffic to ${s.target.label} via ${via}: ${rateText(rate)} from ${options.clients} client${options.clients === 1 ? '' : 's'}\n`,
		true
	);
}

/** The status table: one row per stream, then the answered requests per backend. */
export function statusTable(streams: readonly StreamState[]): string {
	if (streams.length === 0) return 'no traffic: start some with sim traffic NAME 100/s\n';
	const rows = streams.map((s) => {
		const failures = Object.keys(s.failures)
			.sort()
			.map((r) => `${r}=${s.failures[r]}`)
			.join(',');
		return [
			targetCell(s),
			s.target.via,
			s.running ? rateText(s.options.rate) : 'stopped',
			String(s.sent),
			String(s.succeeded),
			String(s.failed),
			String(s.stale),
			failures === '' ? '<none>' : failures
		];
	});
	const head = ['TARGET', 'VIA', 'RATE', 'SENT', 'SUCCEEDED', 'FAILED', 'STALE', 'FAILURES'];
	let out = tabwrite([head, ...rows].map((r) => r.join('\t') + '\n').join(''), KUBECTL_GET);
	const hits = streams.flatMap((s) =>
		Object.values(s.hits)
			.sort((a, b) => (a.backend < b.backend ? -1 : a.backend > b.backend ? 1 : 0))
			.map((h) => [targetCell(s), h.backend, h.node || '<none>', String(h.hits)])
	);
	if (hits.length > 0) {
		const table = [['TARGET', 'BACKEND', 'NODE', 'HITS'], ...hits];
		out += '\n' + tabwrite(table.map((r) => r.join('\t') + '\n').join(''), KUBECTL_GET);
	}
	return out;
}

/** An ingress stream names the host and path it requests. */
function targetCell(s: StreamState): string {
	return s.target.via === 'ingress'
		? `${s.target.label} ${s.options.host}${s.options.path}`
		: s.target.label;
}

function kubeProxy(ctx: CommandContext, args: readonly string[]): CommandResult {
	const services = ctx.kubernetes?.services;
	if (services === undefined) return fail('sim: kube-proxy runs in kubernetes labs only');
	if (args.length === 0) return ok(`kube-proxy mode: ${services.proxies.proxyMode}\n`);
	const [word, mode, ...extra] = args;
	if (word !== 'mode' || (mode !== 'iptables' && mode !== 'ipvs') || extra.length > 0)
		return fail('sim: usage: sim kube-proxy [mode iptables|ipvs]');
	services.proxies.setMode(mode);
	ctx.kernel.emit(
		'kube-proxy.mode',
		'kube-proxy',
		`kube-proxy restarted in ${mode} mode on every node.`
	);
	return ok(`kube-proxy mode: ${mode}\n`, true);
}

function addon(ctx: CommandContext, args: readonly string[]): CommandResult {
	const [name, ...rest] = args;
	// Only Kubernetes has addons; its flavour (loaded in every Kubernetes lab) brings them.
	const install =
		ctx.kubernetes !== undefined && name !== undefined ? kubernetesAddon(name) : undefined;
	if (name === 'ingress-nginx' && ctx.kubernetes === undefined)
		return fail('sim: ingress-nginx is a kubernetes addon');
	if (install === undefined) return fail('sim: usage: sim addon ingress-nginx [--class NAME]');
	return install(ctx, rest);
}

export const TRAFFIC_VERBS: Record<string, SimVerb> = {
	traffic,
	'kube-proxy': kubeProxy,
	addon
};
