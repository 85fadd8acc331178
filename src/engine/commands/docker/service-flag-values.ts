/**
 * The value checks docker/cli runs while pflag parses the container flags of `docker service
 * create|update` (a pflag.Value's Set, or a ListOpts validator): each returns the value as the
 * CLI keeps it, or the reason it refuses it (pflag then prints `invalid argument "v" for
 * "--flag" flag: <reason>`).
 */
import { numError, parseGoInt } from '../go-int';
import type { Ulimit } from '../../swarm/spec';

export type Checked<T> = { ok: true; value: T } | { ok: false; why: string };

const good = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (why: string): Checked<never> => ({ ok: false, why });

/**
 * strconv.ParseInt(s, base, 64) for base 10 or 0 (pflag's Int64Var uses 0: `0x`, `0o`, `0b`
 * and a leading `0` pick the base, and `_` may separate digits).
 */
export function parseInt64(s: string, base0: boolean): Checked<number> {
	const n = parseGoInt(s, 64, base0 ? 0 : 10);
	return typeof n === 'string' ? bad(numError('ParseInt', s, n)) : good(n);
}

/** net.ParseIP's dotted quad: four decimal fields, no leading zeros (netip.ParseAddr). */
function ipv4Bytes(s: string): number[] | undefined {
	const fields = s.split('.');
	if (fields.length !== 4) return undefined;
	const out: number[] = [];
	for (const f of fields) {
		if (!/^\d{1,3}$/.test(f) || (f.length > 1 && f.startsWith('0')) || Number(f) > 255) {
			return undefined;
		}
		out.push(Number(f));
	}
	return out;
}

/** netip.ParseAddr's IPv6: hex groups, one `::`, an optional dotted quad at the end. */
function ipv6Bytes(s: string): number[] | undefined {
	const ip: number[] = [];
	let ellipsis = -1;
	let rest = s;
	if (rest.startsWith('::')) {
		ellipsis = 0;
		rest = rest.slice(2);
	}
	while (rest !== '' && ip.length < 16) {
		const group = /^[\da-f]{1,4}/i.exec(rest)?.[0];
		if (group === undefined) return undefined;
		if (rest[group.length] === '.') {
			const v4 = ipv4Bytes(rest);
			if (v4 === undefined || ip.length > 12) return undefined;
			ip.push(...v4);
			rest = '';
			break;
		}
		const n = parseInt(group, 16);
		ip.push(n >> 8, n & 255);
		rest = rest.slice(group.length);
		if (rest === '') break;
		if (rest[0] !== ':' || rest.length === 1) return undefined;
		rest = rest.slice(1);
		if (rest.startsWith(':')) {
			if (ellipsis >= 0) return undefined;
			ellipsis = ip.length;
			rest = rest.slice(1);
		}
	}
	if (rest !== '') return undefined;
	if (ip.length < 16) {
		if (ellipsis < 0) return undefined;
		ip.splice(ellipsis, 0, ...new Array<number>(16 - ip.length).fill(0));
	} else if (ellipsis >= 0) return undefined;
	return ip;
}

/** net.IP.String: an IPv4-mapped address as a dotted quad, else RFC 5952 (longest zero run). */
function ipString(ip: number[]): string {
	if (ip.length === 4) return ip.join('.');
	if (ip.slice(0, 10).every((b) => b === 0) && ip[10] === 255 && ip[11] === 255) {
		return ip.slice(12).join('.');
	}
	const groups = Array.from({ length: 8 }, (_, i) => (ip[2 * i]! << 8) | ip[2 * i + 1]!);
	let best = [-1, -1];
	for (let i = 0; i < 8; i++) {
		let j = i;
		while (j < 8 && groups[j] === 0) j++;
		if (j - i > best[1]! - best[0]!) best = [i, j];
		i = Math.max(i, j);
	}
	const hex = (g: number[]) => g.map((n) => n.toString(16)).join(':');
	if (best[1]! - best[0]! < 2) return hex(groups);
	return `${hex(groups.slice(0, best[0]))}::${hex(groups.slice(best[1]))}`;
}

/** opts.ValidateIPAddress (`--dns`): the address in net.IP's normal form. */
export function validateIPAddress(v: string): Checked<string> {
	const s = v.trim();
	const ip = s.includes(':') ? ipv6Bytes(s) : ipv4Bytes(s);
	return ip === undefined ? bad(`IP address is not correctly formatted: ${v}`) : good(ipString(ip));
}

// opts/opts.go domainRegexp, `(:?` groups and all.
const DOMAIN =
	/^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))(:?\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])))*)\.?\s*$/;

/** opts.ValidateDNSSearch (`--dns-search`): `.`, or a domain (kept without its final dot). */
export function validateDNSSearch(v: string): Checked<string> {
	const s = v.replace(/^ +| +$/g, '');
	if (s === '.') return good(s);
	const m = /[a-zA-Z]/.test(s) ? DOMAIN.exec(s) : null;
	if (m !== null && m[1]!.length < 255) return good(m[1]!);
	return bad(`${s} is not a valid domain`);
}

/** opts.ValidateEnv (`--env`, `--log-opt`): a name is required; `NAME` alone takes the client's value. */
export function validateEnv(v: string, clientEnv: Record<string, string>): Checked<string> {
	const eq = v.indexOf('=');
	const key = eq < 0 ? v : v.slice(0, eq);
	if (key === '') return bad(`invalid environment variable: ${v}`);
	if (eq < 0 && Object.hasOwn(clientEnv, key)) return good(`${key}=${clientEnv[key]}`);
	return good(v);
}

// go-units ulimit.go ulimitNameMapping (`as` is disabled there).
const ULIMIT_NAMES = new Set([
	'core',
	'cpu',
	'data',
	'fsize',
	'locks',
	'memlock',
	'msgqueue',
	'nice',
	'nofile',
	'nproc',
	'rss',
	'rtprio',
	'rttime',
	'sigpending',
	'stack'
]);

/**
 * go-units v0.5.0 ParseUlimit (docker 28's opts.UlimitOpt): `name=soft[:hard]`, the hard limit
 * the soft one when absent; -1 is unlimited. (`infinity` came to go-units after v0.5.0.)
 */
export function parseUlimit(v: string): Checked<Ulimit> {
	const eq = v.indexOf('=');
	if (eq < 0) return bad(`invalid ulimit argument: ${v}`);
	const name = v.slice(0, eq);
	if (!ULIMIT_NAMES.has(name)) return bad(`invalid ulimit type: ${name}`);
	const limits = v.slice(eq + 1).split(':');
	if (limits.length > 2) {
		return bad(
			`too many limit value arguments - ${v.slice(eq + 1)}, can only have up to two, \`soft[:hard]\``
		);
	}
	// The hard value is read first, as ParseUlimit's fallthrough does.
	const hard = limits.length === 2 ? parseInt64(limits[1]!, false) : undefined;
	if (hard !== undefined && !hard.ok) return hard;
	const soft = parseInt64(limits[0]!, false);
	if (!soft.ok) return soft;
	const h = hard?.value ?? soft.value;
	if (h !== -1) {
		if (soft.value === -1) {
			return bad(
				`ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: ${h}`
			);
		}
		if (soft.value > h) {
			return bad(
				`ulimit soft limit must be less than or equal to hard limit: ${soft.value} > ${h}`
			);
		}
	}
	return good({ Name: name, Hard: h, Soft: soft.value });
}
