/**
 * `kubectl describe namespace|configmap|secret` (kubectl pkg/describe/describe.go
 * describeNamespace, describeConfigMap, describeSecret). A Secret shows each key's size in
 * bytes, never its value. Go walks maps in random order; the lab sorts keys so runs repeat.
 */
import type {
	ConfigMap,
	LimitRange,
	Namespace,
	ResourceQuota,
	Secret
} from 'kubernetes-types/core/v1';
import { writeNamespaceQuotas } from './quota-printer';
import { writeNamespaceLimits } from './limit-range-printer';
import type { Kernel } from '../../core/kernel';
import { eventsFor, writeEvents } from './describe-events';
import { DescribeWriter, writeAnnotations, writeLabels } from './describe-writer';

export function describeNamespace(
	namespace: Namespace,
	quotas: readonly ResourceQuota[] = [],
	ranges: readonly LimitRange[] = []
): string {
	const w = new DescribeWriter();
	w.write(0, `Name:\t${namespace.metadata?.name}\n`);
	writeLabels(w, 'Labels', namespace.metadata?.labels);
	writeAnnotations(w, 'Annotations', namespace.metadata?.annotations);
	w.write(0, `Status:\t${namespace.status?.phase ?? ''}\n`);
	// DescribeResourceQuotas and DescribeLimitRanges (quota-printer.ts, limit-range-printer.ts).
	w.write(0, '\n');
	writeNamespaceQuotas(w, quotas);
	w.write(0, '\n');
	writeNamespaceLimits(w, ranges);
	return w.toString();
}

export function describeConfigMap(kernel: Kernel, cm: ConfigMap, showEvents: boolean): string {
	const w = new DescribeWriter();
	const meta = cm.metadata ?? {};
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Namespace:\t${meta.namespace ?? 'default'}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	w.write(0, '\nData\n====\n');
	for (const key of Object.keys(cm.data ?? {}).sort()) {
		w.write(0, `${key}:\n----\n`);
		w.write(0, `${cm.data![key]}\n`);
		w.write(0, '\n');
	}
	w.write(0, '\nBinaryData\n====\n');
	for (const key of Object.keys(cm.binaryData ?? {}).sort())
		w.write(0, `${key}: ${base64Length(cm.binaryData![key]!)} bytes\n`);
	w.write(0, '\n');
	const events =
		showEvents &&
		eventsFor(kernel, { kind: 'ConfigMap', name: meta.name ?? '', namespace: meta.namespace });
	writeEvents(w, events, kernel.now);
	return w.toString();
}

export function describeSecret(secret: Secret): string {
	const w = new DescribeWriter();
	const meta = secret.metadata ?? {};
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Namespace:\t${meta.namespace ?? 'default'}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	w.write(0, `\nType:\t${secret.type ?? ''}\n`);
	w.write(0, '\nData\n====\n');
	for (const key of Object.keys(secret.data ?? {}).sort()) {
		// A service account token is the one value describe prints.
		const value = secret.data![key]!;
		if (key === 'token' && secret.type === 'kubernetes.io/service-account-token')
			w.write(0, `${key}:\t${atobText(value)}\n`);
		else w.write(0, `${key}:\t${base64Length(value)} bytes\n`);
	}
	return w.toString();
}

/** The number of bytes a base64 text decodes to. */
export function base64Length(b64: string): number {
	const clean = b64.replace(/\s/g, '');
	const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
	return Math.floor((clean.length * 3) / 4) - padding;
}

/** Base64 to text (UTF-8 decoded by hand: the engine has no DOM or Node globals). */
function atobText(b64: string): string {
	const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
	const bytes: number[] = [];
	let bits = 0;
	let acc = 0;
	for (const c of b64.replace(/[\s=]/g, '')) {
		acc = ((acc << 6) | B64.indexOf(c)) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			bytes.push((acc >> bits) & 0xff);
		}
	}
	const escaped = bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
	try {
		return decodeURIComponent(escaped);
	} catch {
		// Not UTF-8: Go would print the bytes as they are; the lab shows the base64 text.
		return b64;
	}
}
