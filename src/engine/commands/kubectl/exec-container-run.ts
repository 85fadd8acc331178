/**
 * A network client run as a container's own program (kubelet/container-clients.ts): the same
 * run `kubectl exec` would make of the command in that container at this moment, its stdout and
 * stderr as the container's log lines. Undefined for what the lab does not simulate (a name
 * outside the cluster, an unknown flag): the kubelet then lets the program run as before.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { ClientRun } from '../../kubernetes/kubelet/container-clients';
import { runProgram } from './exec-shell';
import { NotSimulated, chunksOf } from './exec-tools';
import type { ClusterContext } from './exec-network';
import { shellWorld } from './exec';

export function runContainerClient(
	ctx: ClusterContext,
	pod: Pod,
	container: Container,
	argv: readonly string[]
): ClientRun | undefined {
	const world = shellWorld(ctx, pod, container, ctx.kernel.now);
	let result;
	try {
		result = runProgram(argv, world);
	} catch (e) {
		if (e instanceof NotSimulated) return undefined;
		throw e;
	}
	const text = chunksOf(result)
		.map((c) => c.text)
		.join('');
	const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
	return { lines: text === '' ? [] : lines, code: result.code };
}
