/**
 * Namespaces as kubectl sees them. A kubeadm cluster starts with four (default, kube-node-lease,
 * kube-public, kube-system), made by the API server at start-up; the lab does not store them, so
 * they are drawn here from the cluster's start, and every namespace shows the `kube-root-ca.crt`
 * ConfigMap that kube-controller-manager's root-ca-cert-publisher puts in each one.
 */
import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1';
import type { CommandContext } from '../context';
import { BUILTIN_NAMESPACES, NAMESPACES } from '../../kubernetes/api/collections';
import { fnv1a32 } from '../../core/rng';
import { rfc3339 } from '../../core/time';
import { ageOf } from './node-printer';
import type { Printer } from './workload-printers';
import { withSystemPriorityClasses } from './priority-class-printer';

export { NAMESPACES };
export { CONFIGMAPS, SECRETS } from '../../kubernetes/api/collections';

/** kube-root-ca.crt, the name rootcacertpublisher gives its ConfigMap (RootCACertConfigMapName). */
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

/** Text drawn from a hash of (seed, name): stable per lab, and drawing it changes nothing. */
function hashedHex(seed: number, name: string, length: number): string {
	let out = '';
	let h = fnv1a32(`${seed}/${name}`);
	while (out.length < length) {
		h = fnv1a32(out + name, h);
		out += h.toString(16).padStart(8, '0');
	}
	return out.slice(0, length);
}

export function hashedUid(seed: number, name: string): string {
	const h = hashedHex(seed, name, 32).split('');
	h[12] = '4';
	h[16] = '89ab'[parseInt(h[16]!, 16) & 3]!;
	const s = h.join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function builtinNamespace(seed: number, name: string): Namespace {
	return {
		apiVersion: 'v1',
		kind: 'Namespace',
		metadata: {
			creationTimestamp: rfc3339(0),
			labels: { 'kubernetes.io/metadata.name': name },
			name,
			// The API server creates them in its first seconds, before anything else.
			resourceVersion: String(BUILTIN_NAMESPACES.indexOf(name) + 1),
			uid: hashedUid(seed, `namespace/${name}`)
		},
		spec: { finalizers: ['kubernetes'] },
		status: { phase: 'Active' }
	};
}

/** Every namespace, built-in and created, sorted by name as the API server lists them. */
export function listNamespaces(ctx: CommandContext): Namespace[] {
	const stored = ctx.kernel.store.list<Namespace>(NAMESPACES);
	const names = new Set(stored.map((n) => n.metadata?.name));
	const builtins = BUILTIN_NAMESPACES.filter((n) => !names.has(n)).map((n) =>
		builtinNamespace(ctx.seed, n)
	);
	return [...builtins, ...stored].sort((a, b) =>
		(a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1
	);
}

export function findNamespace(ctx: CommandContext, name: string): Namespace | undefined {
	return listNamespaces(ctx).find((n) => n.metadata?.name === name);
}

/** A PEM block the length of a kubeadm CA certificate (1,107 bytes), drawn from the seed. */
function caCertificate(seed: number): string {
	const body = btoaHex(hashedHex(seed, 'cluster-ca', 1048));
	const lines: string[] = [];
	for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
	return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Hex digits read as base64 digits, 1:1: random-looking base64 text of the same length. */
function btoaHex(hex: string): string {
	let out = '';
	for (let i = 0; i < hex.length; i += 2) out += B64[parseInt(hex.slice(i, i + 2), 16) & 63];
	return 'MIIDBTCCAe2gAwIBAgII' + out.slice(20);
}

/**
 * One object per active namespace, as a controller makes one with each namespace (the root CA
 * publisher); a Terminating namespace's are gone.
 */
export function perActiveNamespace<T>(
	ctx: CommandContext,
	make: (namespace: string, ns: Namespace) => T
): T[] {
	return listNamespaces(ctx)
		.filter((ns) => ns.status?.phase !== 'Terminating')
		.map((ns) => make(ns.metadata!.name!, ns));
}

/** The kube-root-ca.crt ConfigMap of each active namespace, made with the namespace. */
export function rootCaConfigMaps(ctx: CommandContext): ConfigMap[] {
	const cert = caCertificate(ctx.seed);
	return perActiveNamespace(ctx, (namespace, ns) => {
		return {
			apiVersion: 'v1',
			kind: 'ConfigMap',
			data: { 'ca.crt': cert },
			metadata: {
				annotations: {
					'kubernetes.io/description':
						'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.'
				},
				creationTimestamp: ns.metadata?.creationTimestamp,
				name: ROOT_CA_CONFIGMAP,
				namespace,
				resourceVersion: ns.metadata?.resourceVersion,
				uid: hashedUid(ctx.seed, `configmap/${namespace}`)
			}
		};
	});
}

/** What `kubectl get TYPE` lists for the types this module adds virtual objects to. */
export function withVirtualObjects<T>(ctx: CommandContext, plural: string, stored: T[]): T[] {
	if (plural === 'namespaces') return listNamespaces(ctx) as T[];
	if (plural === 'priorityclasses') return withSystemPriorityClasses(ctx.seed, stored);
	if (plural === 'configmaps') {
		const virtual = rootCaConfigMaps(ctx) as T[];
		const key = (o: T) => {
			const m = (o as { metadata?: { namespace?: string; name?: string } }).metadata;
			return `${m?.namespace}/${m?.name}`;
		};
		const taken = new Set(stored.map(key));
		return [...stored, ...virtual.filter((v) => !taken.has(key(v)))].sort((a, b) =>
			key(a) < key(b) ? -1 : 1
		);
	}
	return stored;
}

/** printNamespace: NAME STATUS AGE. */
export const NAMESPACE_PRINTER: Printer<Namespace> = {
	columns: ['NAME', 'STATUS', 'AGE'],
	wide: [],
	row: (ns, now) => [
		ns.metadata?.name ?? '',
		ns.status?.phase ?? '',
		ageOf(ns.metadata?.creationTimestamp, now)
	]
};
