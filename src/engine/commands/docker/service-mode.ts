/**
 * `docker service create --mode` (docker/cli cli/command/service/opts.go ToServiceMode):
 * replicated, global, replicated-job and global-job, with `--replicas` and `--max-concurrent`.
 * A replicated job's unset counts are filled by the daemon (moby daemon/cluster/convert
 * service.go: MaxConcurrent 1, TotalCompletions = MaxConcurrent).
 */
import { flag, type FlagValues } from '../flags';
import type { ServiceMode } from '../../swarm/spec';
import { uint } from './service-flags';

const ONLY_REPLICATED = 'replicas can only be used with replicated or replicated-job mode';
const ONLY_REPLICATED_JOB = 'max-concurrent can only be used with replicated-job mode';

/** The mode, or the CLI's error text. `replicated`/`global` keep `--replicas` for later. */
export function serviceMode(flags: FlagValues): ServiceMode | string {
	const mode = flag(flags, 'mode') ?? 'replicated';
	const concurrentText = flag(flags, 'max-concurrent');
	const replicasText = flag(flags, 'replicas');
	const known = ['replicated', 'global', 'replicated-job', 'global-job'];
	if (!known.includes(mode)) return `Unknown mode: ${mode}, only replicated and global supported`;
	if (concurrentText !== undefined && mode !== 'replicated-job') return ONLY_REPLICATED_JOB;
	if (mode === 'replicated') return { Replicated: { Replicas: 1 } };
	if (mode === 'global') return { Global: {} };
	if (mode === 'global-job')
		return replicasText !== undefined ? ONLY_REPLICATED : { GlobalJob: {} };
	const replicas = replicasText === undefined ? undefined : uint(replicasText, 'replicas');
	const concurrent =
		concurrentText === undefined ? undefined : uint(concurrentText, 'max-concurrent');
	if (typeof replicas === 'string') return replicas;
	if (typeof concurrent === 'string') return concurrent;
	// --max-concurrent defaults to --replicas; the daemon fills what is still unset.
	const max = concurrent ?? replicas ?? 1;
	return { ReplicatedJob: { MaxConcurrent: max, TotalCompletions: replicas ?? max } };
}
