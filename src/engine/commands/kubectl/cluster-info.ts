/**
 * `kubectl cluster-info` (kubectl pkg/cmd/clusterinfo/clusterinfo.go): where the control plane
 * answers, then every kube-system Service labelled kubernetes.io/cluster-service=true (kubeadm's
 * kube-dns, printed as CoreDNS by its kubernetes.io/name), then the hint about `cluster-info dump`. kubectl
 * colours the names with terminal escapes; the lab's console prints them plain.
 */
import type { Service } from 'kubernetes-types/core/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { parseFlags } from '../flags';
import { SERVICES } from '../../kubernetes/api/collections';
import { API_SERVER_PORT } from '../../kubernetes/defaults';
import { notSimulated, unknownFlag } from './errors';

export function clusterInfo(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, []);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'cluster-info'));
	if (parsed.args[0] === 'dump') return fail(notSimulated('cluster-info dump'));
	if (parsed.args.length > 0)
		return fail(`error: unknown command "${parsed.args[0]}" for "kubectl cluster-info"\n`);
	const server = `https://${ctx.kubernetes!.controlPlanes[0]}:${API_SERVER_PORT}`;
	let out = `Kubernetes control plane is running at ${server}\n`;
	const services = ctx.kubernetes!.apiServer.list<Service>(SERVICES, 'kube-system');
	for (const s of services) {
		if (s.metadata?.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
		const name = s.metadata.labels['kubernetes.io/name'] ?? s.metadata.name;
		const port = s.spec?.ports?.[0];
		const target = port?.name ? `${s.metadata.name}:${port.name}` : s.metadata.name;
		out += `${name} is running at ${server}/api/v1/namespaces/kube-system/services/${target}/proxy\n`;
	}
	out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
	return ok(out);
}
