/**
 * kubectl's simulated verbs, kept apart from its front end (./index.ts) so that only the
 * Kubernetes flavour loads them (src/engine/flavors/kubernetes.ts): a Swarm lab's kubectl is
 * refused before any verb runs. The front end knows their names from SIMULATED_VERBS.
 */
import { fail } from '../context';
import type { Verb } from '../../flavors/registry';
import { notSimulated } from './errors';
import { applyOrCreate } from './apply';
import { kubectlGet } from './get';
import { cordon, label, taint } from './node-commands';
import { describe } from './describe';
import { drain } from './drain';
import { expose } from './expose';
import { logs } from './logs';
import { rollout } from './rollout';
import { createDeployment, deleteCommand, scale, setImage } from './mutate';
import { patch } from './patch';
import { runPod } from './run-pod';

export const VERBS: Record<string, Verb> = {
	get: kubectlGet,
	describe,
	logs,
	create: (ctx, words) => {
		const [what, ...rest] = words;
		if (what === 'deployment' || what === 'deploy') return createDeployment(ctx, rest);
		if (what === undefined || what.startsWith('-')) return applyOrCreate(ctx, words, 'create');
		return fail(notSimulated(`create ${what}`));
	},
	apply: (ctx, words) => applyOrCreate(ctx, words, 'apply'),
	cordon: (ctx, words) => cordon(ctx, words, true),
	uncordon: (ctx, words) => cordon(ctx, words, false),
	label,
	taint,
	drain,
	expose,
	rollout,
	scale,
	delete: deleteCommand,
	run: runPod,
	patch,
	set: (ctx, words) => {
		const [what, ...rest] = words;
		if (what === 'image') return setImage(ctx, rest);
		return fail(notSimulated(`set ${what ?? ''}`.trim()));
	}
};
