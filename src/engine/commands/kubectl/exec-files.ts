/**
 * Files the kubelet and the runtime put in every container, as `cat` reads them: /etc/hosts
 * (kubelet_pods.go managedHostsFileContent and hostsEntriesFromHostAliases), /etc/resolv.conf
 * (./exec-dns.ts). The ServiceAccount token volume's files are the kubelet's, as any volume's
 * (kubernetes/kubelet/volume-files.ts).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { CLUSTER_DOMAIN } from '../../kubernetes/defaults';
import { podHostname } from '../../kubernetes/kubelet/container-env';
import { podResolvConf, resolvConfText } from './exec-dns';

function hostsFile(pod: Pod): string {
	const hostname = podHostname(pod);
	const ns = pod.metadata?.namespace ?? 'default';
	const subdomain = pod.spec?.subdomain;
	let text =
		'# Kubernetes-managed hosts file.\n' +
		'127.0.0.1\tlocalhost\n' +
		'::1\tlocalhost ip6-localhost ip6-loopback\n' +
		'fe00::0\tip6-localnet\n' +
		'fe00::0\tip6-mcastprefix\n' +
		'fe00::1\tip6-allnodes\n' +
		'fe00::2\tip6-allrouters\n';
	const ips = pod.status?.podIPs?.map((p) => p.ip) ?? [pod.status?.podIP ?? ''];
	for (const ip of ips)
		text += subdomain
			? `${ip}\t${hostname}.${subdomain}.${ns}.svc.${CLUSTER_DOMAIN}\t${hostname}\n`
			: `${ip}\t${hostname}\n`;
	const aliases = pod.spec?.hostAliases ?? [];
	if (aliases.length > 0) {
		text += '\n# Entries added by HostAliases.\n';
		for (const a of aliases) text += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
	}
	return text;
}

/** The content of one of these files, or undefined for any other path. */
export function podFile(pod: Pod, path: string): string | undefined {
	// A hostNetwork pod sees the node's own files, which the lab does not model.
	if (pod.spec?.hostNetwork === true) return undefined;
	if (path === '/etc/hosts') return hostsFile(pod);
	if (path === '/etc/resolv.conf') {
		const conf = podResolvConf(pod);
		return conf === undefined ? undefined : resolvConfText(conf);
	}
	return undefined;
}
