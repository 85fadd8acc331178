/**
 * What the API server's Service REST storage adds to a Service before it is stored
 * (pkg/registry/core/service/storage: alloc.go, rest.go `patchAllocatedValues`):
 * a ClusterIP from the service range (or `None` for headless), node ports for NodePort and
 * LoadBalancer Services, the IP family fields; and on update, the allocated values the new
 * object leaves out are carried over, while a changed ClusterIP is refused.
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import type { FieldError } from '../../manifests/types';
import { invalid } from '../../manifests/field-errors';
import { describeError } from '../../manifests/render';
import { SERVICES } from '../api/collections';
import { NODE_PORT_MAX, NODE_PORT_MIN } from '../defaults';
import {
	allocateClusterIP,
	allocateNodePort,
	inServiceRange,
	SERVICE_CIDR_TEXT,
	usedClusterIPs,
	usedNodePorts
} from './addresses';

export type Admission = { ok: true; service: Service } | { ok: false; causes: FieldError[] };

const wantsNodePorts = (s: Service) =>
	s.spec?.type === 'NodePort' ||
	(s.spec?.type === 'LoadBalancer' && s.spec.allocateLoadBalancerNodePorts !== false);

/** Allocates (create) or carries over and checks (update) a Service's addresses and ports. */
export function admitService(kernel: Kernel, service: Service, existing?: Service): Admission {
	const others = kernel.store
		.list<Service>(SERVICES)
		.filter((s) => s.metadata?.uid !== existing?.metadata?.uid || existing === undefined);
	const spec = { ...service.spec };
	const causes: FieldError[] = [];
	const old = existing?.spec;
	// normalizeClusterIPs: an update that changes clusterIP but leaves clusterIPs as they were
	// (an older client, or a merge patch) meant clusterIPs to follow.
	if (
		old !== undefined &&
		spec.clusterIP !== old.clusterIP &&
		JSON.stringify(spec.clusterIPs) === JSON.stringify(old.clusterIPs)
	)
		spec.clusterIPs = spec.clusterIP ? [spec.clusterIP] : undefined;
	// patchAllocatedValues: what the caller did not set stays as allocated.
	if (old !== undefined && spec.type !== 'ExternalName' && old.type !== 'ExternalName') {
		if (!spec.clusterIP && !spec.clusterIPs) {
			spec.clusterIP = old.clusterIP;
			spec.clusterIPs = old.clusterIPs;
		}
	}
	if (spec.clusterIP && !spec.clusterIPs) spec.clusterIPs = [spec.clusterIP];
	if (spec.type === 'ExternalName') {
		delete spec.clusterIP;
		delete spec.clusterIPs;
	} else if (old !== undefined && old.clusterIPs !== undefined && spec.clusterIPs !== undefined) {
		const before = old.clusterIPs;
		const after = spec.clusterIPs;
		before.forEach((ip, i) => {
			if (after[i] !== undefined && after[i] !== ip)
				causes.push(invalid(`spec.clusterIPs[${i}]`, after, 'may not change once set'));
		});
	} else if (spec.clusterIPs === undefined || spec.clusterIPs.length === 0) {
		const ip = allocateClusterIP(usedClusterIPs(others), kernel.rng.stream('services/cluster-ips'));
		if (ip === undefined) {
			causes.push(invalid('spec.clusterIPs', [], 'failed to allocate a serviceIP: range is full'));
		} else {
			spec.clusterIP = ip;
			spec.clusterIPs = [ip];
		}
	} else if (spec.clusterIPs[0] !== 'None') {
		const ip = spec.clusterIPs[0]!;
		if (!inServiceRange(ip)) {
			causes.push(
				invalid(
					'spec.clusterIPs',
					spec.clusterIPs,
					`failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR_TEXT}`
				)
			);
		} else if (usedClusterIPs(others).has(ip)) {
			causes.push(
				invalid(
					'spec.clusterIPs',
					spec.clusterIPs,
					`failed to allocate IP ${ip}: provided IP is already allocated`
				)
			);
		}
	}
	if (spec.type !== 'ExternalName') {
		spec.ipFamilies ??= ['IPv4'];
		spec.ipFamilyPolicy ??= 'SingleStack';
	}
	spec.ports = allocatePorts(kernel, service, spec.ports ?? [], old, others, causes);
	if (causes.length > 0) return { ok: false, causes };
	return {
		ok: true,
		service: { ...service, spec, status: service.status ?? { loadBalancer: {} } }
	};
}

function allocatePorts(
	kernel: Kernel,
	service: Service,
	ports: readonly ServicePort[],
	old: Service['spec'],
	others: readonly Service[],
	causes: FieldError[]
): ServicePort[] {
	if (!wantsNodePorts(service)) return ports.map((p) => ({ ...p }));
	const used = usedNodePorts(others);
	const out: ServicePort[] = ports.map((p) => {
		if (p.nodePort) return { ...p };
		// Carried over from the stored object when the port is the same (patchAllocatedValues).
		const kept = old?.ports?.find((o) => o.port === p.port && o.protocol === p.protocol)?.nodePort;
		return kept ? { ...p, nodePort: kept } : { ...p };
	});
	const mine = new Set<number>();
	out.forEach((p, i) => {
		if (!p.nodePort) return;
		const keptFromOld = old?.ports?.some((o) => o.nodePort === p.nodePort) ?? false;
		if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) return; // validation said so
		if ((used.has(p.nodePort) && !keptFromOld) || mine.has(p.nodePort)) {
			causes.push(
				invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated')
			);
		}
		mine.add(p.nodePort);
	});
	const random = kernel.rng.stream('services/node-ports');
	for (const p of out) {
		if (p.nodePort) continue;
		const port = allocateNodePort(new Set([...used, ...mine]), random);
		if (port === undefined) {
			causes.push(invalid('spec.ports', null, 'failed to allocate a nodePort: range is full'));
			break;
		}
		p.nodePort = port;
		mine.add(port);
	}
	return out;
}

/**
 * The Service step of `kubectl apply/create`: the object to store, or the API server's 422 as
 * kubectl prints it (`The Service "x" is invalid: …`).
 */
export function admitServiceObject<T>(
	kernel: Kernel,
	object: T,
	existing: unknown,
	file: string
): { ok: true; object: T } | { ok: false; error: string } {
	const service = object as Service;
	const admitted = admitService(kernel, service, existing as Service | undefined);
	if (admitted.ok) return { ok: true, object: admitted.service as T };
	const error = describeError(
		{
			stage: 'invalid',
			kind: 'Service',
			group: '',
			name: service.metadata?.name ?? '',
			causes: admitted.causes
		},
		file,
		existing === undefined ? 'creating' : 'patching'
	);
	return { ok: false, error: error.standalone };
}
