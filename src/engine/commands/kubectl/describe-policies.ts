/**
 * `kubectl describe poddisruptionbudget` and `kubectl describe networkpolicy` (kubectl
 * pkg/describe/describe.go describePodDisruptionBudgetV1, describeNetworkPolicy,
 * describeNetworkPolicySpec). A NetworkPolicy's description has no Events section, as in the
 * source.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type {
	NetworkPolicy,
	NetworkPolicyPeer,
	NetworkPolicyPort,
	NetworkPolicySpec
} from 'kubernetes-types/networking/v1';
import type { Kernel } from '../../core/kernel';
import { PDBS } from '../../kubernetes/api/collections';
import { formatSelector } from '../../kubernetes/pods';
import { NETWORKPOLICIES } from './builtin-kind-printers';
import { eventsFor, writeEvents } from './describe-events';
import { DescribeWriter, writeAnnotations, writeLabels } from './describe-writer';

export function describeDisruptionBudget(
	kernel: Kernel,
	pdb: PodDisruptionBudget,
	showEvents = true
): string {
	const w = new DescribeWriter();
	const meta = pdb.metadata!;
	const spec = pdb.spec;
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Namespace:\t${meta.namespace ?? 'default'}\n`);
	if (spec?.minAvailable !== undefined) w.write(0, `Min available:\t${spec.minAvailable}\n`);
	else if (spec?.maxUnavailable !== undefined)
		w.write(0, `Max unavailable:\t${spec.maxUnavailable}\n`);
	w.write(
		0,
		`Selector:\t${spec?.selector === undefined ? '<unset>' : labelSelector(spec.selector)}\n`
	);
	w.write(0, 'Status:\n');
	const status = pdb.status;
	w.write(2, `Allowed disruptions:\t${status?.disruptionsAllowed ?? 0}\n`);
	w.write(2, `Current:\t${status?.currentHealthy ?? 0}\n`);
	w.write(2, `Desired:\t${status?.desiredHealthy ?? 0}\n`);
	w.write(2, `Total:\t${status?.expectedPods ?? 0}\n`);
	writeEvents(
		w,
		showEvents &&
			eventsFor(kernel, {
				kind: 'PodDisruptionBudget',
				name: meta.name!,
				namespace: meta.namespace,
				uid: meta.uid
			}),
		kernel.now
	);
	return w.toString();
}

export function describeNetworkPolicy(policy: NetworkPolicy): string {
	const w = new DescribeWriter();
	const meta = policy.metadata!;
	const spec: Partial<NetworkPolicySpec> = policy.spec ?? {};
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Namespace:\t${meta.namespace ?? 'default'}\n`);
	w.write(0, `Created on:\t${goTimeString(meta.creationTimestamp)}\n`);
	writeLabels(w, 'Labels', meta.labels);
	writeAnnotations(w, 'Annotations', meta.annotations);
	w.write(0, 'Spec:\n');
	// kubectl writes the selector at LEVEL_2 after `PodSelector: `, hence the wide gap.
	w.write(1, 'PodSelector: ');
	const selector = spec.podSelector ?? {};
	const empty =
		Object.keys(selector.matchLabels ?? {}).length === 0 &&
		(selector.matchExpressions ?? []).length === 0;
	w.write(
		2,
		empty
			? '<none> (Allowing the specific traffic to all pods in this namespace)\n'
			: `${labelSelector(selector)}\n`
	);
	const types = policyTypes(policy);
	if (types.includes('Ingress')) {
		w.write(1, 'Allowing ingress traffic:\n');
		writeRules(w, spec.ingress ?? [], 'From', 'ingress', 'source');
	} else w.write(1, 'Not affecting ingress traffic\n');
	if (types.includes('Egress')) {
		w.write(1, 'Allowing egress traffic:\n');
		writeRules(w, spec.egress ?? [], 'To', 'egress', 'destination');
	} else w.write(1, 'Not affecting egress traffic\n');
	w.write(1, `Policy Types: ${types.length === 0 ? '<none>' : types.join(', ')}\n`);
	return w.toString();
}

/**
 * spec.policyTypes, or what the API server defaults it to (networking/v1
 * SetDefaults_NetworkPolicy): Ingress, plus Egress when the policy has egress rules.
 */
function policyTypes(policy: NetworkPolicy): string[] {
	const given = policy.spec?.policyTypes;
	if (given !== undefined && given.length > 0) return [...given];
	return (policy.spec?.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

interface Rule {
	ports?: NetworkPolicyPort[];
	from?: NetworkPolicyPeer[];
	to?: NetworkPolicyPeer[];
}

/** printNetworkPolicySpecIngressFrom / printNetworkPolicySpecEgressTo, indented four spaces. */
function writeRules(
	w: DescribeWriter,
	rules: readonly Rule[],
	peerWord: 'From' | 'To',
	direction: 'ingress' | 'egress',
	restricted: 'source' | 'destination'
): void {
	const indent = '    ';
	if (rules.length === 0) {
		w.write(0, `${indent}<none> (Selected pods are isolated for ${direction} connectivity)\n`);
		return;
	}
	rules.forEach((rule, i) => {
		const ports = rule.ports ?? [];
		if (ports.length === 0) w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
		for (const port of ports) {
			const protocol = port.protocol ?? 'TCP';
			const number = port.port === undefined ? '<nil>' : String(port.port);
			w.write(
				0,
				port.endPort === undefined
					? `${indent}To Port: ${number}/${protocol}\n`
					: `${indent}To Port Range: ${number}-${port.endPort}/${protocol}\n`
			);
		}
		const peers = (peerWord === 'From' ? rule.from : rule.to) ?? [];
		if (peers.length === 0)
			w.write(0, `${indent}${peerWord}: <any> (traffic not restricted by ${restricted})\n`);
		for (const peer of peers) {
			w.write(0, `${indent}${peerWord}:\n`);
			if (peer.podSelector !== undefined && peer.namespaceSelector !== undefined) {
				w.write(1, `${indent}NamespaceSelector: ${labelSelector(peer.namespaceSelector)}\n`);
				w.write(1, `${indent}PodSelector: ${labelSelector(peer.podSelector)}\n`);
			} else if (peer.podSelector !== undefined)
				w.write(1, `${indent}PodSelector: ${labelSelector(peer.podSelector)}\n`);
			else if (peer.namespaceSelector !== undefined)
				w.write(1, `${indent}NamespaceSelector: ${labelSelector(peer.namespaceSelector)}\n`);
			else if (peer.ipBlock !== undefined) {
				w.write(1, `${indent}IPBlock:\n`);
				w.write(2, `${indent}CIDR: ${peer.ipBlock.cidr}\n`);
				w.write(2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
			}
		}
		if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
	});
}

/** metav1.FormatLabelSelector: the selector's string, `<none>` when it selects everything. */
function labelSelector(selector: LabelSelector): string {
	return formatSelector(selector);
}

/**
 * Go's time.Time String() of an API timestamp, as `Created on:` prints it with %s:
 * `2026-01-05 09:00:00 +0000 UTC` (API times have whole seconds).
 */
function goTimeString(timestamp: string | undefined): string {
	if (timestamp === undefined) return '0001-01-01 00:00:00 +0000 UTC';
	const iso = new Date(Date.parse(timestamp)).toISOString();
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}

/** describe.ts registry entries. */
export const PDB_DESCRIBER = {
	collection: PDBS,
	describe: (kernel: Kernel, object: object, showEvents: boolean) =>
		describeDisruptionBudget(kernel, object as PodDisruptionBudget, showEvents)
};

export const NETWORKPOLICY_DESCRIBER = {
	collection: NETWORKPOLICIES,
	describe: (_kernel: Kernel, object: object) => describeNetworkPolicy(object as NetworkPolicy)
};
