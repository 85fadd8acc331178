/**
 * PriorityClasses as kubectl shows them:
 * - `kubectl get priorityclasses|pc` (pkg/printers/internalversion/printers.go
 *   priorityClassColumnDefinitions / printPriorityClass): NAME VALUE GLOBAL-DEFAULT AGE
 *   PREEMPTIONPOLICY, every column shown without -o wide;
 * - `kubectl describe pc` (kubectl pkg/describe/describe.go PriorityClassDescriber): Name, Value,
 *   GlobalDefault, PreemptionPolicy, Description, Annotations, Events;
 * - the two system classes, which the API server makes at start-up
 *   (kubernetes/api/priority-class-store.ts says why they are not stored), listed with the
 *   cluster's age, and their refusal to be deleted (pkg/registry/scheduling/priorityclass/storage
 *   storage.go Delete: "this is a system priority class and cannot be deleted").
 */
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { Kernel } from '../../core/kernel';
import { rfc3339 } from '../../core/time';
import { SYSTEM_PRIORITY_CLASS_DESCRIPTIONS } from '../../kubernetes/defaults';
import { SYSTEM_PRIORITY_CLASSES } from '../../manifests/priority-classes';
import { eventsFor, writeEvents } from './describe-events';
import { DescribeWriter, writeAnnotations } from './describe-writer';
import { hashedUid } from './namespaces';
import { ageOf } from './node-printer';
import type { Printer } from './workload-printers';

import { PRIORITYCLASSES as PRIORITYCLASS_COLLECTION } from '../../kubernetes/api/priority-class-store';
import { hasOwnKey } from '../../core/own-keys';

export const PRIORITYCLASSES = PRIORITYCLASS_COLLECTION;

export const PRIORITYCLASS_PRINTER: Printer<PriorityClass> = {
	columns: ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
	wide: [],
	row: (pc, now) => [
		pc.metadata?.name ?? '',
		String(pc.value ?? 0),
		String(pc.globalDefault === true),
		ageOf(pc.metadata?.creationTimestamp, now),
		pc.preemptionPolicy ?? ''
	]
};

/** The system classes as stored at the cluster's creation (generation 1, like any class). */
export function systemPriorityClasses(seed: number): PriorityClass[] {
	return Object.entries(SYSTEM_PRIORITY_CLASSES).map(([name, value]) => ({
		apiVersion: 'scheduling.k8s.io/v1',
		kind: 'PriorityClass',
		description: SYSTEM_PRIORITY_CLASS_DESCRIPTIONS[name],
		metadata: {
			creationTimestamp: rfc3339(0),
			generation: 1,
			name,
			resourceVersion: '1',
			uid: hashedUid(seed, `priorityclass/${name}`)
		},
		preemptionPolicy: 'PreemptLowerPriority',
		value
	}));
}

/** The system classes and the stored ones, in the API server's order (by name). */
export function withSystemPriorityClasses<T>(seed: number, stored: T[]): T[] {
	const all = [...(systemPriorityClasses(seed) as T[]), ...stored];
	const name = (o: T) => (o as PriorityClass).metadata?.name ?? '';
	return all.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

/** The API server's refusal to delete a system class, or undefined. */
export function systemClassDeletion(plural: string, name: string): string | undefined {
	if (plural !== 'priorityclasses' || !hasOwnKey(SYSTEM_PRIORITY_CLASSES, name)) return undefined;
	return `Error from server (Forbidden): priorityclasses.scheduling.k8s.io ${JSON.stringify(name)} is forbidden: this is a system priority class and cannot be deleted\n`;
}

export function describePriorityClass(
	kernel: Kernel,
	pc: PriorityClass,
	showEvents: boolean
): string {
	const w = new DescribeWriter();
	const meta = pc.metadata ?? {};
	w.write(0, `Name:\t${meta.name}\n`);
	w.write(0, `Value:\t${pc.value ?? 0}\n`);
	w.write(0, `GlobalDefault:\t${pc.globalDefault === true}\n`);
	w.write(0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
	w.write(0, `Description:\t${pc.description ?? ''}\n`);
	writeAnnotations(w, 'Annotations', meta.annotations);
	const events = showEvents && eventsFor(kernel, { kind: 'PriorityClass', name: meta.name ?? '' });
	writeEvents(w, events, kernel.now);
	return w.toString();
}

/** describe.ts's entry for the type. */
export const PRIORITYCLASS_DESCRIBER = {
	collection: PRIORITYCLASS_COLLECTION,
	describe: (kernel: Kernel, object: object, showEvents: boolean) =>
		describePriorityClass(kernel, object as PriorityClass, showEvents)
};
