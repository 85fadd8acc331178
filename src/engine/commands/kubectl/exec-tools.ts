/**
 * The network tools learners run inside pods, with their own output and errors:
 *  - busybox 1.36 `wget` (networking/wget.c: "Connecting to", "writing to stdout", "saving to
 *    'FILE'" … "'FILE' saved" (the file itself is not kept), the progress line of
 *    libbb/progress.c, "bad address", "can't connect to remote host", "server returned error";
 *    -S's response lines, of which the lab has only the status line);
 *  - curl 7.88.1, the Debian bookworm curl of the nginx image (lib/strerror.c texts: "(6) Could
 *    not resolve host", "(7) Failed to connect to H port P after N ms: Couldn't connect to
 *    server", "(22) The requested URL returned error", "(28) Connection timed out after N
 *    milliseconds"; the progress meter of lib/progress.c);
 *  - busybox 1.36 `nslookup` (networking/nslookup.c: a dotless name is asked under each search
 *    domain, A then AAAA; each reply printed, then a blank line; exit 1 when any query failed),
 *    and busybox ≤ 1.28's (busybox:1.28, the Kubernetes DNS pages' image), which asks libc's
 *    getaddrinfo and prints `Server:`/`Name:` with `Address N: IP NAME` lines.
 * A name goes through /etc/hosts first, then DNS in the image's libc's search order.
 */
import { busyboxBuild } from '../../images/executables';
import { TCP_CONNECT_TIMEOUT_MS } from '../../kubernetes/defaults';
import { utf8 } from '../../images/sha256';
import type { OutputChunk } from '../../types';
import type { HttpReply } from '../../images/http-replies';
import type { SearchOrder } from './exec-dns';
import type { Connection, ContainerNetwork } from './exec-network';

export interface ToolResult {
	out: string;
	err: string;
	code: number;
	/** Both streams in the order they were written, when it matters (else stdout, then stderr). */
	chunks?: readonly OutputChunk[];
}

/** A result's writes in order. */
export function chunksOf(r: ToolResult): readonly OutputChunk[] {
	return (
		r.chunks ?? [
			{ stream: 'stdout', text: r.out },
			{ stream: 'stderr', text: r.err }
		]
	);
}

/** A tool's use the lab does not simulate: the message says which part. */
export class NotSimulated extends Error {}

export interface ToolWorld {
	net: ContainerNetwork;
	/** The image the tools run from (a built image's public base), when the caller knows it. */
	image?: string;
	/** The server's answer behind an open connection (undefined: the lab cannot know it). */
	reply(conn: Connection & { ok: true }, path: string): HttpReply | undefined;
}

interface Url {
	host: string;
	/** The host part as written, with its port when one was given (wget's G.host). */
	hostPort: string;
	port: number;
	path: string;
	https: boolean;
}

function parseUrl(text: string): Url | undefined {
	const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([/?][^#]*)?$/i.exec(text);
	if (m === null) return undefined;
	const https = m[1]?.toLowerCase() === 'https';
	const port = m[3] !== undefined ? Number(m[3]) : https ? 443 : 80;
	const host = m[2]!;
	const path = m[4] === undefined ? '/' : m[4].startsWith('?') ? `/${m[4]}` : m[4];
	return { host, hostPort: m[3] !== undefined ? `${host}:${m[3]}` : host, port, path, https };
}

/** What a GET met: a reply, or a failure before any. */
type Fetch =
	| { kind: 'reply'; ip: string; reply: HttpReply; conn: Connection & { ok: true } }
	| { kind: 'unknown-body'; ip: string; conn: Connection & { ok: true } }
	| { kind: 'unresolved' | 'upstream' }
	| { kind: 'refused'; ip: string }
	| { kind: 'timeout'; ip: string }
	| { kind: 'outside'; ip: string };

/** The search order of the image's libc resolver (uClibc: the name as given first). */
function searchOrder(world: ToolWorld): SearchOrder {
	const build = world.image === undefined ? undefined : busyboxBuild(world.image);
	return build?.libc === 'uclibc' ? 'as-given-first' : 'ndots';
}

function fetch(world: ToolWorld, url: Url): Fetch {
	const found = world.net.lookup(url.host, searchOrder(world));
	if (!found.ok) return { kind: found.reason === 'upstream' ? 'upstream' : 'unresolved' };
	const conn = world.net.connect(found.ip, url.port);
	if (!conn.ok)
		return conn.reason === 'refused'
			? { kind: 'refused', ip: found.ip }
			: conn.reason === 'timeout'
				? { kind: 'timeout', ip: found.ip }
				: { kind: 'outside', ip: found.ip };
	if (url.https) throw new NotSimulated('HTTPS (TLS) inside containers');
	const reply = world.reply(conn, url.path);
	return reply === undefined
		? { kind: 'unknown-body', ip: found.ip, conn }
		: { kind: 'reply', ip: found.ip, reply, conn };
}

const REASONS: Record<number, string> = { 200: 'OK', 403: 'Forbidden', 404: 'Not Found' };

/** The body the lab cannot know: a short, plainly marked stand-in. */
function standIn(conn: Connection & { ok: true }): string {
	return `[lab: ${conn.label} (${conn.container.image ?? ''}) answered on port ${conn.port}; the lab does not know what this image serves]\n`;
}

function outsideNote(what: string): never {
	throw new NotSimulated(
		`${what}: addresses outside the cluster (the node's upstream DNS, the Internet)`
	);
}

/**
 * Flags of a busybox/curl command line (`-qO-`, `-O -`, `--max-time=5`); a flag the lab does
 * not know is not simulated.
 */
function scanFlags(
	tool: string,
	args: readonly string[],
	withValue: ReadonlySet<string>,
	known: ReadonlySet<string>
): { flags: Map<string, string>; rest: string[] } {
	const flags = new Map<string, string>();
	const rest: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const a = args[i]!;
		if (a.startsWith('--') && a.length > 2) {
			const eq = a.indexOf('=');
			const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
			if (eq >= 0) flags.set(name, a.slice(eq + 1));
			else flags.set(name, withValue.has(name) ? (args[++i] ?? '') : '');
		} else if (a.startsWith('-') && a.length > 1) {
			for (let j = 1; j < a.length; j++) {
				const c = a[j]!;
				if (withValue.has(c)) {
					flags.set(c, j + 1 < a.length ? a.slice(j + 1) : (args[++i] ?? ''));
					break;
				}
				flags.set(c, '');
			}
		} else rest.push(a);
	}
	const unknown = [...flags.keys()].find((f) => !known.has(f));
	if (unknown !== undefined)
		throw new NotSimulated(`${tool} -${unknown.length > 1 ? '-' : ''}${unknown}`);
	return { flags, rest };
}

// ---------------------------------------------------------------------------------------------
// busybox wget
// ---------------------------------------------------------------------------------------------

const WGET_VALUES = new Set(['O', 'T', 'timeout', 'output-document', 'U', 'user-agent']);
const WGET_KNOWN = new Set([
	'S',
	'server-response',
	'q',
	'O',
	'T',
	'timeout',
	'output-document',
	'quiet',
	'U',
	'user-agent'
]);

export function wget(args: readonly string[], world: ToolWorld): ToolResult {
	const { flags, rest } = scanFlags('wget', args, WGET_VALUES, WGET_KNOWN);
	const quiet = flags.has('q') || flags.has('quiet');
	const target = flags.get('O') ?? flags.get('output-document');
	const timeout = Number(flags.get('T') ?? flags.get('timeout') ?? 900) * 1000;
	const urlText = rest[0];
	// Without a URL busybox prints its usage, whose build line the lab does not know.
	if (urlText === undefined) throw new NotSimulated('wget without a URL');
	const url = parseUrl(urlText);
	if (url === undefined) return { out: '', err: `wget: bad address '${urlText}'\n`, code: 1 };
	const fetched = fetch(world, url);
	let err = '';
	switch (fetched.kind) {
		case 'unresolved':
			return { out: '', err: `wget: bad address '${url.host}'\n`, code: 1 };
		case 'upstream':
			return outsideNote(`wget ${urlText}`);
		default:
	}
	if (fetched.kind === 'outside') return outsideNote(`wget ${urlText}`);
	if (!quiet) err += `Connecting to ${url.hostPort} (${fetched.ip}:${url.port})\n`;
	if (fetched.kind === 'refused' || fetched.kind === 'timeout') {
		// Its -T alarm ends the wait first when it is shorter than the kernel's SYN retries.
		if (fetched.kind === 'timeout' && timeout < TCP_CONNECT_TIMEOUT_MS)
			return { out: '', err: `${err}wget: download timed out\n`, code: 1 };
		const why = fetched.kind === 'refused' ? 'Connection refused' : 'Connection timed out';
		return {
			out: '',
			err: `${err}wget: can't connect to remote host (${fetched.ip}): ${why}\n`,
			code: 1
		};
	}
	const reply =
		fetched.kind === 'reply' ? fetched.reply : { status: 200, body: standIn(fetched.conn) };
	const statusLine = `HTTP/1.1 ${reply.status} ${REASONS[reply.status] ?? ''}`;
	// -S: each line of the response head, after two spaces (wget.c fgets_trim_sanitize "  %s\n").
	// The lab keeps no response headers: only the status line is printed.
	if (flags.has('S') || flags.has('server-response')) err += `  ${statusLine}\n`;
	if (reply.status >= 400)
		return { out: '', err: `${err}wget: server returned error: ${statusLine}\n`, code: 1 };
	// Without -O the body goes to a file named after the URL's last path part, else index.html.
	const file = target ?? (url.path.split('/').pop() || 'index.html');
	const toStdout = file === '-';
	const size = utf8(reply.body).length;
	if (!toStdout) {
		const name = file.split('/').pop() ?? file;
		const saved = quiet
			? ''
			: `saving to '${file}'\n${name.slice(0, 20).padEnd(20)} 100% |${'*'.repeat(32)}| ${String(size).padStart(5)}  0:00:00 ETA\n'${file}' saved\n`;
		return { out: '', err: err + saved, code: 0 };
	}
	if (quiet) return { out: reply.body, err, code: 0 };
	const before = `${err}writing to stdout\n`;
	const after = `${'-'.padEnd(20)} 100% |${'*'.repeat(32)}| ${String(size).padStart(5)}  0:00:00 ETA\nwritten to stdout\n`;
	return {
		out: reply.body,
		err: before + after,
		code: 0,
		chunks: [
			{ stream: 'stderr', text: before },
			{ stream: 'stdout', text: reply.body },
			{ stream: 'stderr', text: after }
		]
	};
}

// ---------------------------------------------------------------------------------------------
// curl 7.88.1
// ---------------------------------------------------------------------------------------------

const CURL_VALUES = new Set(['o', 'm', 'max-time', 'connect-timeout', 'output', 'A', 'user-agent']);
const CURL_KNOWN = new Set([
	's',
	'S',
	'silent',
	'show-error',
	'f',
	'fail',
	'L',
	'location',
	'o',
	'output',
	'm',
	'max-time',
	'connect-timeout',
	'A',
	'user-agent'
]);

/** curl's max5data: a size in five characters. */
function max5(bytes: number): string {
	if (bytes < 100_000) return String(bytes).padStart(5);
	if (bytes < 10_000 * 1024) return `${Math.floor(bytes / 1024)}k`.padStart(5);
	return `${Math.floor(bytes / 1024 / 1024)}M`.padStart(5);
}

const METER_HEAD =
	'  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
	'                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** curl's time2str: `--:--:--` under a second, else H:MM:SS in eight characters. */
function time2str(ms: number): string {
	const s = Math.floor(ms / 1000);
	if (s <= 0) return '--:--:--';
	const two = (n: number) => String(n).padStart(2, '0');
	return `${String(Math.floor(s / 3600)).padStart(2)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** The progress meter's last state as it stays on the screen: nothing received after `spentMs`. */
function emptyMeter(spentMs: number): string {
	return `${METER_HEAD}  0     0    0     0    0     0      0      0 --:--:-- ${time2str(spentMs)} --:--:--     0\n`;
}

/** The meter after a whole transfer (the lab's takes its 1 ms tick: size per millisecond). */
function fullMeter(size: number): string {
	const speed = max5(size * 1000);
	return `${METER_HEAD}100 ${max5(size)}  100 ${max5(size)}    0     0 ${speed}      0 --:--:-- --:--:-- --:--:-- ${speed}\n`;
}

export function curl(args: readonly string[], world: ToolWorld): ToolResult {
	const { flags, rest } = scanFlags('curl', args, CURL_VALUES, CURL_KNOWN);
	const silent = flags.has('s') || flags.has('silent');
	const showError = !silent || flags.has('S') || flags.has('show-error');
	const failOnError = flags.has('f') || flags.has('fail');
	if (
		(flags.get('o') ?? flags.get('output') ?? '-') !== '-' &&
		(flags.get('o') ?? flags.get('output')) !== '/dev/null'
	)
		throw new NotSimulated('curl saving to a file');
	const discard = (flags.get('o') ?? flags.get('output')) === '/dev/null';
	const limit = flags.get('connect-timeout') ?? flags.get('m') ?? flags.get('max-time');
	const limitMs = limit === undefined ? Infinity : Number(limit) * 1000;
	const urlText = rest[0];
	const failure = (code: number, message: string): ToolResult => ({
		out: '',
		err: showError ? `curl: (${code}) ${message}\n` : '',
		code
	});
	if (urlText === undefined)
		return {
			out: '',
			err: "curl: try 'curl --help' or 'curl --manual' for more information\n",
			code: 2
		};
	const url = parseUrl(urlText);
	if (url === undefined) return failure(3, `URL using bad/illegal format or missing URL`);
	const fetched = fetch(world, url);
	const withMeter = (r: ToolResult, spentMs = 0): ToolResult =>
		silent ? r : { ...r, err: emptyMeter(spentMs) + r.err };
	switch (fetched.kind) {
		case 'unresolved':
			return withMeter(failure(6, `Could not resolve host: ${url.host}`));
		case 'upstream':
		case 'outside':
			return outsideNote(`curl ${urlText}`);
		case 'refused':
			return withMeter(
				failure(
					7,
					`Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`
				)
			);
		case 'timeout':
			if (limitMs < TCP_CONNECT_TIMEOUT_MS)
				return withMeter(
					failure(28, `Connection timed out after ${limitMs + 1} milliseconds`),
					limitMs
				);
			return withMeter(
				failure(
					7,
					`Failed to connect to ${url.host} port ${url.port} after ${TCP_CONNECT_TIMEOUT_MS} ms: Couldn't connect to server`
				),
				TCP_CONNECT_TIMEOUT_MS
			);
		default:
	}
	const reply =
		fetched.kind === 'reply' ? fetched.reply : { status: 200, body: standIn(fetched.conn) };
	if (failOnError && reply.status >= 400)
		return withMeter(failure(22, `The requested URL returned error: ${reply.status}`));
	const size = utf8(reply.body).length;
	const body = discard ? '' : reply.body;
	if (silent) return { out: body, err: '', code: 0 };
	const meter = fullMeter(size);
	return {
		out: body,
		err: meter,
		code: 0,
		chunks: [
			{ stream: 'stderr', text: meter },
			{ stream: 'stdout', text: body }
		]
	};
}

// ---------------------------------------------------------------------------------------------
// busybox nslookup
// ---------------------------------------------------------------------------------------------

export function nslookup(args: readonly string[], world: ToolWorld): ToolResult {
	const build = world.image === undefined ? undefined : busyboxBuild(world.image);
	if (build?.old === true) return getaddrinfoNslookup(args, world, build.libc);
	const words = args.filter((a) => !a.startsWith('-'));
	if (args.some((a) => a.startsWith('-')))
		throw new NotSimulated(`nslookup ${args.find((a) => a.startsWith('-'))}`);
	const [name, server] = words;
	const conf = world.net.conf;
	if (name === undefined) throw new NotSimulated('nslookup without a name');
	const ns = server ?? conf?.nameservers[0];
	if (ns === undefined || conf === undefined)
		throw new NotSimulated("nslookup with the node's own resolv.conf");
	if (server !== undefined && server !== conf.nameservers[0])
		throw new NotSimulated(`nslookup against the DNS server ${server}`);
	let out = `Server:\t\t${ns}\nAddress:\t${ns}:53\n\n`;
	if (!world.net.dnsReachable())
		return {
			out: `${out};; connection timed out; no servers could be reached\n\n`,
			err: '',
			code: 1
		};
	// An address is one PTR query (make_ptr), printed `NAME\tname = TARGET`.
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return ptrLookup(name, out, world);
	// add_query_with_search: a dotless name under each search domain, else the name as it is.
	const names =
		name.includes('.') || conf.search.length === 0
			? [name.replace(/\.$/, '')]
			: conf.search.map((d) => `${name}.${d}`);
	let failed = false;
	for (const type of ['A', 'AAAA'] as const) {
		for (const q of names) {
			const answer = world.net.query(q)!;
			if (answer.type === 'upstream') outsideNote(`nslookup ${name}`);
			if (answer.type === 'NXDOMAIN') {
				failed = true;
				out += `** server can't find ${q}: NXDOMAIN\n\n`;
				continue;
			}
			if (answer.type === 'CNAME') {
				out += `${q}\tcanonical name = ${answer.target}\n`;
				const target = world.net.query(answer.target)!;
				if (target.type === 'upstream') outsideNote(`nslookup ${name} (an ExternalName)`);
				if (type === 'A' && target.type === 'A')
					for (const ip of target.ips) out += `Name:\t${answer.target}\nAddress: ${ip}\n`;
				out += '\n';
				continue;
			}
			// The cluster's records are IPv4 only: the AAAA reply is empty (NOERROR, no answer).
			if (type === 'A') for (const ip of answer.ips) out += `Name:\t${q}\nAddress: ${ip}\n`;
			out += '\n';
		}
	}
	return { out, err: '', code: failed ? 1 : 0 };
}

/** PRIVATE-USE reverse zones (10/8, 172.16/12, 192.168/16): resolvers answer NXDOMAIN (RFC 6303). */
const PRIVATE = /^(10\.|172\.(1[6-9]|2\d|3[01])\.|192\.168\.)/;

/**
 * busybox 1.36's PTR query for an address: cluster DNS names ClusterIPs and endpoints; other
 * private addresses fall through to the upstream, which has no such zone.
 */
function ptrLookup(ip: string, head: string, world: ToolWorld): ToolResult {
	const q = `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
	const target = world.net.ptr?.(ip);
	if (target !== undefined) return { out: `${head}${q}\tname = ${target}\n\n`, err: '', code: 0 };
	if (!PRIVATE.test(ip)) outsideNote(`nslookup ${ip}`);
	return { out: `${head}** server can't find ${q}: NXDOMAIN\n\n`, err: '', code: 1 };
}

/**
 * busybox ≤ 1.28's nslookup (networking/nslookup.c before the 1.29 rewrite), the one the
 * Kubernetes DNS pages show: the server through print_host (getaddrinfo, then getnameinfo with
 * NI_NAMEREQD for the name after the address), a blank line, then the name the same way, each
 * as `printf("%-10s %s\n", header, host)` and `Address N: IP[ NAME]`; a failed lookup is
 * bb_error_msg("can't resolve '%s'") on stderr and exit 1. getaddrinfo is libc's, with its
 * /etc/hosts and search order (uClibc in the bare tags: the name as given first).
 */
function getaddrinfoNslookup(
	args: readonly string[],
	world: ToolWorld,
	libc: 'uclibc' | 'glibc' | 'musl'
): ToolResult {
	// `!argv[1] || argv[1][0] == '-' || argc > 3`: the usage text, whose build line the lab does
	// not know.
	if (args.length === 0 || args.length > 2 || args[0]!.startsWith('-'))
		throw new NotSimulated(`nslookup ${args.join(' ')} (busybox's usage text)`);
	// musl's res_init leaves _res empty: the musl build cannot print its server.
	if (libc === 'musl') throw new NotSimulated('nslookup of a musl busybox ≤ 1.28');
	const [name, server] = args as [string, string | undefined];
	const net = world.net;
	const conf = net.conf;
	if (conf === undefined || conf.nameservers[0] === undefined || net.reverse === undefined)
		throw new NotSimulated("nslookup with the node's own resolv.conf");
	const ns = conf.nameservers[0];
	if (server !== undefined && server !== ns)
		throw new NotSimulated(`nslookup against the DNS server ${server}`);
	// localhost's /etc/hosts lines hold ::1 as well, in an order libc decides.
	if (/^(localhost|ip6-)/i.test(name)) throw new NotSimulated(`nslookup ${name}`);
	const host = (header: string, shown: string, ips: readonly string[]): string =>
		`${header.padEnd(10)} ${shown}\n` +
		ips
			.map((ip, i) => {
				const rev = net.reverse!(ip);
				return `Address ${i + 1}: ${ip}${rev === undefined ? '' : ` ${rev}`}\n`;
			})
			.join('');
	const out = `${host('Server:', ns, [ns])}\n`;
	const found = net.lookup(name, libc === 'uclibc' ? 'as-given-first' : 'ndots');
	if (found.ok)
		return { out: out + host('Name:', name, found.ips ?? [found.ip]), err: '', code: 0 };
	if (found.reason === 'upstream') outsideNote(`nslookup ${name}`);
	const err = `nslookup: can't resolve '${name}'\n`;
	return {
		out,
		err,
		code: 1,
		chunks: [
			{ stream: 'stdout', text: out },
			{ stream: 'stderr', text: err }
		]
	};
}
