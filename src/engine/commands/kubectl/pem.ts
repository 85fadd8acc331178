/**
 * The part of Go's crypto/tls X509KeyPair that the lab can check: the PEM blocks of the
 * certificate and key files (encoding/pem Decode; crypto/tls tls.go X509KeyPair, whose error
 * texts these are). kubectl create secret tls calls it before sending anything.
 *
 * Not checked, for want of real crypto: that a CERTIFICATE block holds a parsable X.509
 * certificate, that the key block holds a parsable PKCS#1/PKCS#8/EC key, and that the key
 * matches the certificate's public key ("tls: private key does not match public key").
 */

/** A block's BEGIN line, its body, and the END line naming the same type. */
const BLOCK = /-----BEGIN ([^\n]*?)-----\r?\n([\s\S]*?)-----END \1-----/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * pem.Decode, block after block: the types of the blocks whose body decodes. A block with
 * headers (`Proc-Type: …` lines, then a blank line) keeps only the part after them.
 */
export function pemBlockTypes(text: string): string[] {
	const types: string[] = [];
	for (const match of text.matchAll(BLOCK)) {
		const body = match[2]!;
		const headerEnd = /^[^\n]*:[^\n]*\n/.test(body) ? body.search(/\r?\n\r?\n/) : -1;
		const base64 = (headerEnd >= 0 ? body.slice(headerEnd) : body).replace(/\s+/g, '');
		if (BASE64.test(base64) && base64.length % 4 === 0) types.push(match[1]!);
	}
	return types;
}

/** fmt's %v of a []string: `[A B]`. */
const goList = (items: readonly string[]) => `[${items.join(' ')}]`;

/** X509KeyPair's refusal of the PEM input, or undefined when both files have their blocks. */
export function checkKeyPair(cert: string, key: string): string | undefined {
	const certTypes = pemBlockTypes(cert);
	if (!certTypes.includes('CERTIFICATE')) {
		if (certTypes.length === 0) return 'tls: failed to find any PEM data in certificate input';
		if (certTypes.length === 1 && certTypes[0]!.endsWith('PRIVATE KEY'))
			return 'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched';
		return `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: ${goList(certTypes)}`;
	}
	const skipped: string[] = [];
	for (const type of pemBlockTypes(key)) {
		if (type === 'PRIVATE KEY' || type.endsWith(' PRIVATE KEY')) return undefined;
		skipped.push(type);
	}
	if (skipped.length === 0) return 'tls: failed to find any PEM data in key input';
	if (skipped.length === 1 && skipped[0] === 'CERTIFICATE')
		return 'tls: found a certificate rather than a key in the PEM for the private key';
	return `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: ${goList(skipped)}`;
}
