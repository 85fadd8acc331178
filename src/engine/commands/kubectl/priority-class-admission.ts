/**
 * The Priority admission plugin as kubectl meets it on create (plugin/pkg/admission/priority/
 * admission.go): the cluster's classes a pod is admitted against, and the plugin's check of a
 * new PriorityClass (validatePriorityClass: `PriorityClass <name> is already marked as default.
 * Only one default can exist`).
 */
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { CommandContext } from '../context';
import type { KubeObject } from '../../manifests/index';
import { clusterPriorityClasses, PRIORITYCLASSES } from '../../kubernetes/api/priority-class-store';
import { SYSTEM_PRIORITY_CLASSES, type PriorityClasses } from '../../manifests/priority-classes';
import { notSimulated } from './errors';
import { hasOwnKey } from '../../core/own-keys';

/** The classes the lab's API server resolves a pod's priorityClassName against. */
export function priorityClassesOf(ctx: CommandContext): PriorityClasses {
	return clusterPriorityClasses(() => ctx.kernel.store.list<PriorityClass>(PRIORITYCLASSES));
}

/**
 * Why creating this PriorityClass fails, as kubectl prints it, or undefined. A class named like a
 * system one that passed validation is the system class itself: it exists already.
 */
export function priorityClassCreateRefusal(
	ctx: CommandContext,
	object: KubeObject,
	verb: 'apply' | 'create',
	file: string
): string | undefined {
	if (object.kind !== 'PriorityClass') return undefined;
	const name = object.metadata?.name ?? '';
	if (hasOwnKey(SYSTEM_PRIORITY_CLASSES, name))
		return verb === 'create'
			? `Error from server (AlreadyExists): error when creating ${JSON.stringify(file)}: priorityclasses.scheduling.k8s.io ${JSON.stringify(name)} already exists\n`
			: notSimulated('apply of a system PriorityClass');
	if ((object as PriorityClass).globalDefault !== true) return undefined;
	const current = priorityClassesOf(ctx).globalDefault();
	if (current === undefined) return undefined;
	return (
		`Error from server (Forbidden): error when creating ${JSON.stringify(file)}: ` +
		`priorityclasses.scheduling.k8s.io ${JSON.stringify(name)} is forbidden: ` +
		`PriorityClass ${current.name} is already marked as default. Only one default can exist\n`
	);
}
