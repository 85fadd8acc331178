/**
 * `kubectl rollout pause|resume` (pause.go, resume.go and polymorphichelpers objectpauser.go /
 * objectresumer.go): only Deployments pause; kubectl flips `spec.paused`, and the Deployment
 * controller stops rolling the template out until it is resumed (changes made meanwhile roll out
 * together then). Pausing a paused one, or resuming one that is not, is an error.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import { fail, ok, type CommandResult } from '../context';
import type { ApiServer } from '../../kubernetes/api/api-server';
import { DEPLOYMENTS } from '../../kubernetes/api/collections';
import type { WorkloadTarget } from './rollout-workloads';

export function pauseOrResume(
	api: ApiServer,
	target: Deployment | WorkloadTarget,
	pause: boolean
): CommandResult {
	if ('collection' in target) {
		const resource = target.kind === 'DaemonSet' ? 'daemonsets.apps' : 'statefulsets.apps';
		const what = pause ? 'pausing' : 'resuming';
		return fail(`error: ${resource} "${target.object.metadata!.name}" ${what} is not supported\n`);
	}
	const name = target.metadata!.name!;
	const paused = target.spec?.paused === true;
	if (paused === pause) {
		return fail(
			`error: deployments.apps "${name}" ${pause ? 'is already paused' : 'is not paused'}\n`
		);
	}
	const spec = { ...target.spec! };
	if (pause) spec.paused = true;
	else delete spec.paused;
	api.update<Deployment>(DEPLOYMENTS, { ...target, spec }, true);
	return ok(`deployment.apps/${name} ${pause ? 'paused' : 'resumed'}\n`, true);
}

/** rollback.go and objectrestarter.go refuse a paused Deployment. */
export function refusePaused(d: Deployment, sub: 'undo' | 'restart'): CommandResult | undefined {
	if (d.spec?.paused !== true) return undefined;
	return fail(
		sub === 'undo'
			? "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n"
			: `error: deployments.apps "${d.metadata!.name}" can't restart paused deployment (run rollout resume first)\n`
	);
}
