/**
 * `kubectl version [--client]` (kubectl pkg/cmd/version/version.go): the client, the Kustomize
 * it embeds and the API server, one line each.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, parseFlags } from '../flags';
import { KUBELET_VERSION } from '../../kubernetes/defaults';
import { notSimulated, unknownFlag } from './errors';

/** The kubectl of the lab's cluster version (kubeadm installs matching kubectl and kubelet). */
export const CLIENT_VERSION = KUBELET_VERSION;
/**
 * Kustomize bundled with kubectl v1.35: k8s.io/kubectl v0.35.x requires
 * sigs.k8s.io/kustomize/kustomize/v5 v5.7.1 (go.mod of a module built on kubectl v0.35.3,
 * werf/werf, read through the search index).
 */
export const KUSTOMIZE_VERSION = 'v5.7.1';

export function version(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'client', bool: true },
		{ long: 'output', short: 'o' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'version'));
	if (parsed.flags.has('output')) return fail(notSimulated('version -o'));
	const client = `Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
	if (boolFlag(parsed.flags, 'client')) return ok(client);
	// The API server runs the control plane's version, as the nodes' kubelets do.
	return ok(`${client}Server Version: ${ctx.kubernetes === undefined ? '' : KUBELET_VERSION}\n`);
}

/**
 * `kubectl top node|pod` (pkg/cmd/top): a kubeadm cluster has no metrics-server, so the
 * metrics.k8s.io API is not served and kubectl says so.
 */
export function top(_ctx: CommandContext, words: readonly string[]): CommandResult {
	const [what] = words;
	const known = ['node', 'nodes', 'no', 'pod', 'pods', 'po'];
	if (what === undefined || what.startsWith('-'))
		return fail(
			'Display resource (CPU/memory) usage.\n\n' +
				' The top command allows you to see the resource consumption for nodes or pods.\n\n' +
				' This command requires Metrics Server to be correctly configured and working on the server.\n'
		);
	if (!known.includes(what)) return fail(`error: unknown command "${what}" for "kubectl top"\n`);
	return fail('error: Metrics API not available\n');
}
