/**
 * kubectl's simulated verbs, kept apart from its front end (./index.ts) so that only the
 * Kubernetes flavour loads them (src/engine/flavors/kubernetes.ts): a Swarm lab's kubectl is
 * refused before any verb runs. The front end knows their names from SIMULATED_VERBS.
 */
import { fail } from '../context';
import type { Verb } from '../../flavors/registry';
import { notSimulated } from './errors';
import { unknownCreate, unknownSet } from './group-commands';
import { applyOrCreate } from './apply';
import { applyOrCreatePrinting } from './dry-run-files';
import { kubectlGet } from './get';
import { cordon, taint } from './node-commands';
import { annotate, label } from './label-annotate';
import { describe } from './describe';
import { drain } from './drain';
import { expose } from './expose';
import { logs } from './logs';
import { exec } from './exec';
import { rollout } from './rollout';
import { createDeployment, scale } from './mutate';
import { setImage } from './set-image';
import { deleteCommand } from './delete';
import { patch } from './patch';
import { createCronJob, createJob } from './create-cronjob';
import { createConfigData, createNamespace } from './create-config';
import { version, top } from './version';
import { clusterInfo } from './cluster-info';
import { kubectlConfig } from './kubeconfig';
import { kubectlAuth } from './auth';
import { apiResources } from './api-resources';
import { wait } from './wait';
import { runPod } from './run-pod';
import { createService } from './create-service';
import { setEnv } from './set-env';
import { setResources } from './set-resources';
import { setSelector } from './set-selector';
import { createServiceAccount } from './create-serviceaccount';
import { createPriorityClass } from './create-priorityclass';
import { createQuota } from './create-quota';
import { createGenerator } from './create-generators';
import { autoscale } from './autoscale';
import { replace } from './replace';
import { diff } from './diff';
import { events } from './events';

export const VERBS: Record<string, Verb> = {
	get: kubectlGet,
	describe,
	logs,
	exec,
	create: (ctx, words) => {
		const [what, ...rest] = words;
		if (what === 'deployment' || what === 'deploy') return createDeployment(ctx, rest);
		if (what === 'cronjob' || what === 'cj') return createCronJob(ctx, rest);
		if (what === 'job') return createJob(ctx, rest);
		if (what === 'service' || what === 'svc') return createService(ctx, rest);
		if (what === 'namespace' || what === 'ns') return createNamespace(ctx, rest);
		if (what === 'configmap' || what === 'cm') return createConfigData(ctx, 'ConfigMap', rest);
		if (what === 'serviceaccount' || what === 'sa') return createServiceAccount(ctx, rest);
		if (what === 'priorityclass' || what === 'pc') return createPriorityClass(ctx, rest);
		if (what === 'quota' || what === 'resourcequota') return createQuota(ctx, rest);
		const generator = what === undefined ? undefined : createGenerator(what);
		if (generator !== undefined) return generator(ctx, rest);
		if (what === undefined || what.startsWith('-'))
			return applyOrCreatePrinting(ctx, words, 'create') ?? applyOrCreate(ctx, words, 'create');
		const unknown = unknownCreate(what, words);
		if (unknown !== undefined) return unknown;
		return fail(notSimulated(`create ${what}`));
	},
	apply: (ctx, words) =>
		applyOrCreatePrinting(ctx, words, 'apply') ?? applyOrCreate(ctx, words, 'apply'),
	cordon: (ctx, words) => cordon(ctx, words, true),
	uncordon: (ctx, words) => cordon(ctx, words, false),
	label,
	annotate,
	taint,
	drain,
	expose,
	rollout,
	scale,
	autoscale,
	delete: deleteCommand,
	run: runPod,
	patch,
	replace,
	diff,
	events,
	version,
	'cluster-info': clusterInfo,
	config: kubectlConfig,
	auth: kubectlAuth,
	'api-resources': apiResources,
	top,
	wait,
	set: (ctx, words) => {
		const [what, ...rest] = words;
		if (what === 'image') return setImage(ctx, rest);
		if (what === 'resources') return setResources(ctx, rest);
		if (what === 'env') return setEnv(ctx, rest);
		if (what === 'selector') return setSelector(ctx, rest);
		const unknown = what === undefined ? undefined : unknownSet(what, words);
		if (unknown !== undefined) return unknown;
		return fail(notSimulated(`set ${what ?? ''}`.trim()));
	}
};
