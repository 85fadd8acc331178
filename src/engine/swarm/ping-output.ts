/**
 * What busybox `ping HOST` prints (networking/ping.c: `PING %s (%s): %d data bytes`, then per
 * reply `%d bytes from %s: seq=%u ttl=%d time=%u.%03u ms`), one reply a second of simulated
 * time from the container's start until it ends. Only the plain `ping HOST` is read (it runs
 * until stopped); options (`-c N` ends with statistics) leave the output unknown.
 */
import { PING_DATA_BYTES, PING_INTERVAL_MS, PING_LAB_TTL } from './defaults';

export interface TimedText {
	/** Ms after the program started. */
	t: number;
	text: string;
}

const MAX_LINES = 10_000;

/** The stand-in address of an outside name: 203.0.113.x from a hash of the name. */
function standInAddress(host: string): string {
	if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
	let h = 0;
	for (const c of host) h = (h * 31 + c.charCodeAt(0)) >>> 0;
	return `203.0.113.${1 + (h % 254)}`;
}

/** A round trip in µs, fixed by the address and sequence number (10–20 ms). */
function roundTripUs(address: string, seq: number): number {
	let h = seq + 7;
	for (const c of address) h = (h * 33 + c.charCodeAt(0)) >>> 0;
	return 10_000 + (h % 10_000);
}

/** The lines `argv` prints within `elapsedMs` of its start, or undefined when it is not ping. */
export function pingOutput(argv: readonly string[], elapsedMs: number): TimedText[] | undefined {
	if (argv[0]?.split('/').pop() !== 'ping') return undefined;
	const rest = argv.slice(1);
	if (rest.length !== 1 || rest[0]!.startsWith('-')) return undefined;
	const host = rest[0]!;
	const address = standInAddress(host);
	const lines: TimedText[] = [
		{ t: 0, text: `PING ${host} (${address}): ${PING_DATA_BYTES} data bytes` }
	];
	// The lab keeps the latest lines of a long run (as container-script.ts does).
	const last = Math.floor(elapsedMs / PING_INTERVAL_MS);
	for (let seq = Math.max(0, last - MAX_LINES + 1); seq <= last; seq++) {
		const us = roundTripUs(address, seq);
		const ms = `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
		lines.push({
			t: seq * PING_INTERVAL_MS,
			text: `${PING_DATA_BYTES + 8} bytes from ${address}: seq=${seq} ttl=${PING_LAB_TTL} time=${ms} ms`
		});
	}
	return lines;
}
