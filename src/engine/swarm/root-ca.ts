/**
 * The TLSInfo every node of a swarm reports (moby api/types/swarm TLSInfo, filled by the
 * daemon from the node's certificate chain): the root CA certificate in PEM, and the issuer's
 * subject and public key as DER (base64 through JSON, as Go's []byte marshals). The subject is
 * the real DER of `CN=swarm-ca`; the key and certificate are a stand-in (the lab runs no CA),
 * an X.509 v3 CA certificate laid out as swarmkit's is (ecdsa-with-SHA256, a 20-byte serial,
 * key usage cert sign + CRL sign, basic constraints CA, a subject key identifier), its bytes
 * drawn by hashing the swarm's join-token digest, so each swarm has its own.
 */
import { LAB_EPOCH_MS } from '../core/time';
import { sha256Hex } from '../images/sha256';
import { ROOT_CA_CN, ROOT_CA_EXPIRY_MS } from './defaults';

export interface TLSInfo {
	TrustRoot: string;
	CertIssuerSubject: string;
	CertIssuerPublicKey: string;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: readonly number[]): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const [a = 0, b = 0, c = 0] = bytes.slice(i, i + 3);
		const n = (a << 16) | (b << 8) | c;
		out += B64.charAt(n >> 18) + B64.charAt((n >> 12) & 63);
		out += i + 1 < bytes.length ? B64.charAt((n >> 6) & 63) : '=';
		out += i + 2 < bytes.length ? B64.charAt(n & 63) : '=';
	}
	return out;
}

/** `n` bytes drawn from `seed` by chained SHA-256. */
function bytesOf(seed: string, n: number): number[] {
	const out: number[] = [];
	for (let i = 0; out.length < n; i++) {
		const hex = sha256Hex(`${seed}/${i}`);
		for (let j = 0; j < hex.length && out.length < n; j += 2)
			out.push(parseInt(hex.slice(j, j + 2), 16));
	}
	return out;
}

/** A DER TLV. */
function tlv(tag: number, body: readonly number[]): number[] {
	const n = body.length;
	const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
	return [tag, ...len, ...body];
}
const seq = (...parts: number[][]) => tlv(0x30, parts.flat());
/** An unsigned INTEGER (a 0 byte keeps it positive). */
const integer = (b: readonly number[]) => tlv(0x02, (b[0] ?? 0) >= 0x80 ? [0, ...b] : [...b]);
const oid = (...b: number[]) => tlv(0x06, b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const EC_PUBLIC_KEY = oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01);
const PRIME256V1 = oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07);
const ECDSA_SHA256 = seq(oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02));
/** Name: CN=swarm-ca (a PrintableString). */
const NAME = seq(tlv(0x31, seq(oid(0x55, 0x04, 0x03), tlv(0x13, ascii(ROOT_CA_CN)))));

/** UTCTime YYMMDDHHMMSSZ of a lab time. */
function utcTime(t: number): number[] {
	const d = new Date(LAB_EPOCH_MS + t);
	const two = (n: number) => String(n).padStart(2, '0');
	const s = `${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
	return tlv(0x17, ascii(s));
}

function pem(der: readonly number[]): string {
	const b = base64(der);
	const lines: string[] = [];
	for (let i = 0; i < b.length; i += 64) lines.push(b.slice(i, i + 64));
	return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** The swarm's TLSInfo, from its join-token digest (stable for the swarm's life). */
export function swarmTlsInfo(digest: string): TLSInfo {
	const point = [0x04, ...bytesOf(`${digest}/key`, 64)];
	const spki = seq(seq(EC_PUBLIC_KEY, PRIME256V1), tlv(0x03, [0, ...point]));
	const serial = bytesOf(`${digest}/serial`, 20);
	serial[0] = serial[0]! & 0x7f;
	const ski = bytesOf(`${digest}/ski`, 20);
	const extensions = tlv(
		0xa3,
		seq(
			// keyUsage (critical): keyCertSign, cRLSign.
			seq(oid(0x55, 0x1d, 0x0f), tlv(0x01, [0xff]), tlv(0x04, tlv(0x03, [0x01, 0x06]))),
			// basicConstraints (critical): CA.
			seq(oid(0x55, 0x1d, 0x13), tlv(0x01, [0xff]), tlv(0x04, seq(tlv(0x01, [0xff])))),
			// subjectKeyIdentifier.
			seq(oid(0x55, 0x1d, 0x0e), tlv(0x04, tlv(0x04, ski)))
		)
	);
	const tbs = seq(
		tlv(0xa0, integer([2])),
		integer(serial),
		ECDSA_SHA256,
		NAME,
		seq(utcTime(0), utcTime(ROOT_CA_EXPIRY_MS)),
		NAME,
		spki,
		extensions
	);
	const signature = seq(integer(bytesOf(`${digest}/r`, 32)), integer(bytesOf(`${digest}/s`, 32)));
	const cert = seq(tbs, ECDSA_SHA256, tlv(0x03, [0, ...signature]));
	return {
		TrustRoot: pem(cert),
		CertIssuerSubject: base64(NAME),
		CertIssuerPublicKey: base64(spki)
	};
}
