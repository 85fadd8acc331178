/**
 * `docker service create --mode` (docker/cli cli/command/service/opts.go ToServiceMode):
 * replicated, global, replicated-job and global-job, with `--replicas` and `--max-concurrent`.
 * A replicated job's unset counts are filled by the daemon (moby daemon/cluster/convert
 * service.go: MaxConcurrent 1, TotalCompletions = MaxConcurrent).
 */
import { flag, type FlagValues } from '../flags';
import type { ServiceMode } from '../../swarm/spec';
import { parseGoUint } from '../go-int';
import { uint } from './service-flags';

const ONLY_REPLICATED = 'replicas can only be used with replicated or replicated-job mode';
const ONLY_REPLICATED_JOB = 'max-concurrent can only be used with replicated-job mode';
const MAX_PER_NODE_ONLY_REPLICATED =
	'replicas-max-per-node can only be used with replicated or replicated-job mode';

/**
 * The mode, or the CLI's error text, checked in ToServiceMode's order (docker/cli v28
 * cli/command/service/opts.go): global refuses --replicas, then a non-zero
 * --replicas-max-per-node, then --max-concurrent. A value that is no number is left to the
 * flag parsing that reports it.
 */
export function serviceMode(flags: FlagValues): ServiceMode | string {
	const mode = flag(flags, 'mode') ?? 'replicated';
	const concurrentText = flag(flags, 'max-concurrent');
	const replicasText = flag(flags, 'replicas');
	const maxText = flag(flags, 'replicas-max-per-node');
	const maxValue = maxText === undefined ? 0 : parseGoUint(maxText, 64);
	const maxPerNode = typeof maxValue === 'number' && maxValue > 0;
	const replicasSet =
		replicasText !== undefined && typeof parseGoUint(replicasText, 64) === 'number';
	if (mode === 'global') {
		if (replicasSet) return ONLY_REPLICATED;
		if (maxPerNode) return MAX_PER_NODE_ONLY_REPLICATED;
		if (concurrentText !== undefined) return ONLY_REPLICATED_JOB;
		return { Global: {} };
	}
	if (mode === 'replicated') {
		if (concurrentText !== undefined) return ONLY_REPLICATED_JOB;
		return { Replicated: { Replicas: 1 } };
	}
	if (mode === 'global-job') {
		if (maxPerNode) return MAX_PER_NODE_ONLY_REPLICATED;
		if (concurrentText !== undefined) return ONLY_REPLICATED_JOB;
		return replicasText !== undefined ? ONLY_REPLICATED : { GlobalJob: {} };
	}
	if (mode !== 'replicated-job')
		return `Unknown mode: ${mode}, only replicated and global supported`;
	const replicas = replicasText === undefined ? undefined : uint(replicasText, 'replicas');
	const concurrent =
		concurrentText === undefined ? undefined : uint(concurrentText, 'max-concurrent');
	if (typeof replicas === 'string') return replicas;
	if (typeof concurrent === 'string') return concurrent;
	// --max-concurrent defaults to --replicas; the daemon fills what is still unset.
	const max = concurrent ?? replicas ?? 1;
	return { ReplicatedJob: { MaxConcurrent: max, TotalCompletions: replicas ?? max } };
}
