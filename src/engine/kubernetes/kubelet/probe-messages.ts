/**
 * What a failed probe reports: the probers' own messages (pkg/probe/tcp tcp.go and
 * pkg/probe/http http.go return Go's error text; the exec prober the command's output), for
 * the lab's reasons to fail, with the pod's IP and the probed port as the real ones carry.
 */
import type { Container, Probe } from 'kubernetes-types/core/v1';

/** Why a probe failed. */
export type ProbeCause =
	/** Nothing listens on the port: the TCP connect is refused. */
	| 'refused'
	/** The server answers with a status outside 200–399. */
	| { status: number }
	/** The exec command failed. */
	| 'exec';

/** The port a probe names, a number or the name of one of the container's ports. */
export function probePort(probe: Probe, container: Container): number | undefined {
	const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
	if (typeof port === 'number') return port;
	if (port === undefined) return undefined;
	if (/^\d+$/.test(port)) return Number(port);
	return container.ports?.find((p) => p.name === port)?.containerPort;
}

export function probeFailure(
	probe: Probe,
	container: Container,
	ip: string | undefined,
	cause: ProbeCause
): string {
	const cmd = probe.exec?.command ?? [];
	if (cmd[0] === 'cat' && cmd[1] !== undefined)
		return `cat: can't open '${cmd[1]}': No such file or directory`;
	const port = probePort(probe, container);
	const host = probe.httpGet?.host ?? probe.tcpSocket?.host ?? ip ?? '';
	// Go's net.Dial error: "dial tcp HOST:PORT: connect: connection refused".
	const refused = `dial tcp ${host}:${port ?? ''}: connect: connection refused`;
	if (probe.httpGet !== undefined) {
		// http.go: a status outside 200–399 is a failure with its code; a failed request is
		// reported as Go's url.Error: `Get "URL": …`.
		if (typeof cause === 'object') return `HTTP probe failed with statuscode: ${cause.status}`;
		if (cause !== 'refused') return 'HTTP probe failed with statuscode: 500';
		const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
		const path = probe.httpGet.path ?? '/';
		return `Get "${scheme}://${host}:${port ?? ''}${path.startsWith('/') ? '' : '/'}${path}": ${refused}`;
	}
	if (probe.tcpSocket !== undefined) return refused;
	return 'command terminated with non-zero exit code';
}
