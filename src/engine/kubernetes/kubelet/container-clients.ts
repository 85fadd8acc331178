/**
 * Network clients run as a container's own program (`kubectl run tmp --image=busybox --
 * wget -qO- http://web`): what they print and how they end is what `kubectl exec` would give for
 * the same command in that container at that moment (commands/kubectl/exec-*.ts: the pod's DNS,
 * kube-proxy's choice, the backend's reply). The Kubernetes flavour registers that runner per lab
 * (the kubelet does not depend on the command layer), and the output is kept in the store under
 * the container's ID, where `kubectl logs` reads it: unlike the other programs' lines, it cannot
 * be worked out again later, since the cluster has moved on.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';

/** What a client printed (stdout and stderr, as the log interleaves them) and its exit code. */
export interface ClientRun {
	lines: readonly string[];
	code: number;
	/** The container's end when it is not the program's own (a StartError), with the runtime's words. */
	reason?: string;
	message?: string;
}

/** Runs argv in the container; undefined when the lab cannot (it says so only to exec). */
export type ClientRunner = (
	pod: Pod,
	container: Container,
	argv: readonly string[]
) => ClientRun | undefined;

const RUNNERS = new WeakMap<Kernel, ClientRunner>();

export function setClientRunner(kernel: Kernel, runner: ClientRunner): void {
	RUNNERS.set(kernel, runner);
}

export function runClient(
	kernel: Kernel,
	pod: Pod,
	container: Container,
	argv: readonly string[]
): ClientRun | undefined {
	return RUNNERS.get(kernel)?.(pod, container, argv);
}

/** The store collection of clients' output, by `podUID/container/containerID`. */
export const CLIENT_OUTPUT = 'lab/v1/clientoutput';

export function clientOutputKey(pod: Pod, container: string, containerID: string): string {
	return `${pod.metadata?.uid ?? ''}/${container}/${containerID}`;
}

/** The clients' lines of one run of a container, each with the lab time it was written. */
interface ClientOutput {
	lines: readonly string[];
	at: readonly number[];
}

/** Appends a client's lines, written now, to what this run of the container printed so far. */
export function recordClientOutput(kernel: Kernel, key: string, lines: readonly string[]): void {
	const before = kernel.store.get<ClientOutput>(CLIENT_OUTPUT, key);
	kernel.store.put<ClientOutput>(CLIENT_OUTPUT, key, () => ({
		lines: [...(before?.lines ?? []), ...lines],
		at: [...(before?.at ?? []), ...lines.map(() => kernel.now)]
	}));
}

/** What the clients of this run of the container printed, if any ran, with their times. */
export function clientOutputLines(
	kernel: Kernel,
	key: string
): { t: number; text: string }[] | undefined {
	const out = kernel.store.get<ClientOutput>(CLIENT_OUTPUT, key);
	return out?.lines.map((text, i) => ({ t: out.at[i] ?? kernel.now, text }));
}
