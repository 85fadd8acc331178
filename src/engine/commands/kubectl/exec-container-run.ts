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
import { hasProgram } from '../../images/executables';
import { missingProgram } from './exec-session';

export function runContainerClient(
	ctx: ClusterContext,
	pod: Pod,
	container: Container,
	argv: readonly string[]
): ClientRun | undefined {
	const world = shellWorld(ctx, pod, container, ctx.kernel.now);
	// A program the image lacks: runc cannot start the container (kubelet reports StartError,
	// exit 128, with containerd's message).
	if (hasProgram(world.tools, argv[0] ?? '') === false)
		return {
			lines: [],
			code: 128,
			reason: 'StartError',
			message:
				'failed to create containerd task: failed to create shim task: OCI runtime create failed: ' +
				`runc create failed: unable to start container process: ${missingProgram(argv[0] ?? '')}: unknown`
		};
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
