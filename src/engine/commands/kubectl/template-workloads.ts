/**
 * The workloads whose pod template `kubectl set image|resources|env` change in the lab (set.go's
 * polymorphichelpers.UpdatePodSpecForObject lists these and more), by plural: where each is
 * stored and its kind in the apps group.
 */
import {
	DAEMONSETS,
	DEPLOYMENTS,
	REPLICASETS,
	STATEFULSETS
} from '../../kubernetes/api/collections';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { CommandContext } from '../context';
import { boolFlag, flag, type FlagValues } from '../flags';
import type { KubeObject as StoredObject } from '../../kubernetes/api/api-server';
import { resourceTargets } from './resource-targets';
import { checkErrors } from './check-errors';
import type { FieldError } from '../../manifests/types';
import { fieldErrorText } from '../../manifests/field-errors';

export const TEMPLATE_WORKLOADS: Readonly<Record<string, { collection: string; kind: string }>> = {
	deployments: { collection: DEPLOYMENTS, kind: 'Deployment' },
	replicasets: { collection: REPLICASETS, kind: 'ReplicaSet' },
	daemonsets: { collection: DAEMONSETS, kind: 'DaemonSet' },
	statefulsets: { collection: STATEFULSETS, kind: 'StatefulSet' }
};

/** A stored workload with a pod template. */
export interface Templated extends StoredObject {
	spec?: { template?: PodTemplateSpec };
}

/** One workload a `kubectl set` line acts on, with its type's plural (`deployments`). */
export interface TemplateTarget {
	plural: string;
	object: Templated;
}

/**
 * The workloads named (`TYPE/NAME…`, `TYPE NAME…`) or selected (`TYPE --all`, `TYPE -l SEL`),
 * as the `kubectl set` verbs build them (set_env.go, set_image.go, set_resources.go Complete:
 * `ResourceTypeOrNameArgs(o.All, …)` with ContinueOnError, then `o.Infos, err = …Infos(); if
 * err != nil { return err }`): a missing one ends the line with every NotFound gathered, and
 * nothing is changed. `verb` is `set env`, `set image`…
 */
export function templateTargets(
	ctx: CommandContext,
	verb: string,
	resources: readonly string[],
	namespace: string,
	flags: FlagValues
): TemplateTarget[] | string {
	const found = resourceTargets(ctx, verb, resources, {
		namespace,
		selector: flag(flags, 'selector'),
		all: boolFlag(flags, 'all'),
		collectionOf: (type) => TEMPLATE_WORKLOADS[type.plural]?.collection
	});
	if (typeof found === 'string') return found;
	const missing = found.flatMap((t) => ('missing' in t ? [t.missing] : []));
	if (missing.length > 0) return checkErrors(missing);
	return found.flatMap((t) =>
		'missing' in t ? [] : [{ plural: t.type.plural, object: t.object as Templated }]
	);
}

/**
 * The API server's Invalid error as its Error() text, `Deployment.apps "web" is invalid: …`
 * (errors.NewInvalid), which the `kubectl set` verbs wrap in a plain error (fmt.Errorf).
 */
export function invalidText(kind: string, name: string, causes: readonly FieldError[]): string {
	const texts = [...new Set(causes.map(fieldErrorText))];
	const why = texts.length === 1 ? texts[0]! : `[${texts.join(', ')}]`;
	return `${kind}.apps ${JSON.stringify(name)} is invalid: ${why}`;
}
