/** Base64 of a string's UTF-8 bytes, as Go's []byte fields hold it (no DOM btoa in the engine). */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function utf8Bytes(text: string): number[] {
	const bytes: number[] = [];
	for (const ch of text) {
		const code = ch.codePointAt(0) ?? 0;
		if (code < 0x80) bytes.push(code);
		else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
		else if (code < 0x10000) {
			bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
		} else {
			bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63));
			bytes.push(0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
		}
	}
	return bytes;
}

export function base64Utf8(text: string): string {
	const bytes = utf8Bytes(text);
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const [a = 0, b = 0, c = 0] = bytes.slice(i, i + 3);
		const n = (a << 16) | (b << 8) | c;
		out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63);
		out += i + 1 < bytes.length ? ALPHABET.charAt((n >> 6) & 63) : '=';
		out += i + 2 < bytes.length ? ALPHABET.charAt(n & 63) : '=';
	}
	return out;
}

/** Base64 decoded and read as UTF-8 (a Secret's value as a process sees it). */
export function base64Decode(text: string): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
	let binary = '';
	let bits = 0;
	let acc = 0;
	for (const ch of text.replace(/=+$/, '')) {
		acc = ((acc << 6) | Math.max(0, alphabet.indexOf(ch))) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			binary += String.fromCharCode((acc >> bits) & 0xff);
		}
	}
	try {
		return decodeURIComponent(escape(binary)); // the bytes as UTF-8 (no TextDecoder here)
	} catch {
		return binary;
	}
}
