/** What a failed probe reports (the probers' messages for the lab's reasons to fail). */
import type { Probe } from 'kubernetes-types/core/v1';

export function probeFailure(probe: Probe): string {
	const cmd = probe.exec?.command ?? [];
	if (cmd[0] === 'cat' && cmd[1] !== undefined)
		return `cat: can't open '${cmd[1]}': No such file or directory`;
	if (probe.httpGet !== undefined) return 'HTTP probe failed with statuscode: 500';
	if (probe.tcpSocket !== undefined) return 'dial tcp: connect: connection refused';
	return 'command terminated with non-zero exit code';
}
