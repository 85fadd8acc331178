/**
 * What one node's kube-proxy has programmed: for each Service, its ClusterIP, ports and the
 * endpoints it knew at its last sync. Built from the Services and EndpointSlices it read then;
 * immutable, so a checkpoint shares it.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { key } from '../api/collections';
import { CLIENT_IP_AFFINITY_SECONDS } from '../defaults';
import { compareIp } from './desired-endpoints';
import { SERVICE_NAME_LABEL } from './endpointslice-controller';

export interface ProxyEndpoint {
	readonly ip: string;
	readonly port: number;
	/** The pod behind the address (targetRef), when the slice names one. */
	readonly pod?: string;
	readonly namespace: string;
	readonly node?: string;
	readonly ready: boolean;
	readonly serving: boolean;
	readonly terminating: boolean;
}

export interface ProxyServicePort {
	readonly name: string;
	readonly port: number;
	readonly protocol: string;
	readonly nodePort?: number;
	readonly endpoints: readonly ProxyEndpoint[];
}

export interface ProxyService {
	readonly key: string;
	readonly clusterIP: string;
	readonly type: string;
	readonly ports: readonly ProxyServicePort[];
	/** ClientIP affinity timeout in ms, or null for sessionAffinity None. */
	readonly affinityMs: number | null;
	/** externalTrafficPolicy Local: node ports answer only with this node's endpoints. */
	readonly externalLocal: boolean;
}

export type ProxyView = ReadonlyMap<string, ProxyService>;

/**
 * Each Service's rules, by the Service and slices they were built from: stored objects are
 * replaced, never changed, so the same objects mean the same rules. Every node's kube-proxy
 * syncs the same Services (kube-dns on a 5,000-node lab): they share one set of rules.
 */
const built = new WeakMap<Service, { slices: readonly EndpointSlice[]; rules: ProxyService }>();

/** The last view built: a node that syncs the same rules as the one before shares its map. */
let lastView: ProxyView = new Map();

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameView(a: ProxyView, b: ProxyView): boolean {
	if (a.size !== b.size) return false;
	for (const [k, v] of a) if (b.get(k) !== v) return false;
	return true;
}

/** The rules kube-proxy writes for the current Services and slices (headless and ExternalName get none). */
export function buildProxyView(
	services: readonly Service[],
	slices: readonly EndpointSlice[]
): ProxyView {
	const slicesBy = new Map<string, EndpointSlice[]>();
	for (const s of slices) {
		const svc = s.metadata?.labels?.[SERVICE_NAME_LABEL];
		if (svc === undefined) continue;
		const k = key(s.metadata?.namespace ?? 'default', svc);
		const list = slicesBy.get(k) ?? [];
		list.push(s);
		slicesBy.set(k, list);
	}
	const view = new Map<string, ProxyService>();
	for (const svc of services) {
		const spec = svc.spec;
		const ip = spec?.clusterIPs?.[0] ?? spec?.clusterIP;
		if (spec === undefined || ip === undefined || ip === 'None' || spec.type === 'ExternalName')
			continue;
		const ns = svc.metadata?.namespace ?? 'default';
		const k = key(ns, svc.metadata!.name!);
		const mine = slicesBy.get(k) ?? [];
		const before = built.get(svc);
		if (before !== undefined && sameItems(before.slices, mine)) {
			view.set(k, before.rules);
			continue;
		}
		const ports = (spec.ports ?? []).map((p): ProxyServicePort => {
			const endpoints: ProxyEndpoint[] = [];
			for (const slice of mine) {
				const sp = slice.ports?.find((x) => (x.name ?? '') === (p.name ?? ''));
				if (sp?.port === undefined) continue;
				for (const e of slice.endpoints ?? []) {
					endpoints.push({
						ip: e.addresses[0]!,
						port: sp.port,
						...(e.targetRef?.name ? { pod: e.targetRef.name } : {}),
						namespace: e.targetRef?.namespace ?? ns,
						...(e.nodeName ? { node: e.nodeName } : {}),
						// A nil condition reads as ready (discovery/v1 EndpointConditions).
						ready: e.conditions?.ready !== false,
						serving: e.conditions?.serving ?? e.conditions?.ready !== false,
						terminating: e.conditions?.terminating === true
					});
				}
			}
			endpoints.sort((a, b) => compareIp(a.ip, b.ip));
			return {
				name: p.name ?? '',
				port: p.port,
				protocol: p.protocol ?? 'TCP',
				...(p.nodePort ? { nodePort: p.nodePort } : {}),
				endpoints
			};
		});
		const rules: ProxyService = {
			key: k,
			clusterIP: ip,
			type: spec.type ?? 'ClusterIP',
			ports,
			affinityMs:
				spec.sessionAffinity === 'ClientIP'
					? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? CLIENT_IP_AFFINITY_SECONDS) *
						1000
					: null,
			externalLocal: spec.externalTrafficPolicy === 'Local'
		};
		built.set(svc, { slices: mine, rules });
		view.set(k, rules);
	}
	if (sameView(view, lastView)) return lastView;
	lastView = view;
	return view;
}

/**
 * The endpoints a proxy sends new connections to: the ready ones; when none is ready, the
 * serving-and-terminating ones (ProxyTerminatingEndpoints; facts.md §1.6).
 */
export function usableEndpoints(
	port: ProxyServicePort,
	onlyNode?: string
): readonly ProxyEndpoint[] {
	const local =
		onlyNode === undefined ? port.endpoints : port.endpoints.filter((e) => e.node === onlyNode);
	const ready = local.filter((e) => e.ready);
	return ready.length > 0 ? ready : local.filter((e) => e.serving && e.terminating);
}
