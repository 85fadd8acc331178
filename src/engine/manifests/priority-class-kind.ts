/**
 * PriorityClass (scheduling.k8s.io/v1, cluster-scoped): its field schema (k8s.io/api
 * scheduling/v1 types.go), defaulting (pkg/apis/scheduling/v1 defaults.go
 * SetDefaults_PriorityClass: preemptionPolicy PreemptLowerPriority) and the API server's create
 * and update validation (pkg/apis/scheduling/validation/validation.go ValidatePriorityClass,
 * ValidatePriorityClassUpdate; pkg/apis/scheduling/v1/helpers.go IsKnownSystemPriorityClass).
 *
 * What the cluster does with the classes (the Priority admission plugin) is ./priority-classes.ts.
 */
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { Schema } from './schema-base';
import { bool, i32, str, topLevel } from './schema-base';
import type { ErrorList } from './field-errors';
import { forbidden, isDNS1123Subdomain, notSupported } from './field-errors';
import { validateObjectMeta } from './validate-meta';
import { HIGHEST_USER_DEFINABLE_PRIORITY } from '../kubernetes/defaults';
import { SYSTEM_PRIORITY_CLASSES } from './priority-classes';
import { ownValue } from '../core/own-keys';

export const PRIORITY_CLASS_SCHEMAS: Record<'PriorityClass', Schema> = {
	PriorityClass: topLevel('PriorityClass', 'v1', {
		description: str(),
		globalDefault: bool,
		preemptionPolicy: str('v1.PreemptionPolicy'),
		value: i32
	})
};

/** scheduling.SystemPriorityClassPrefix. */
const SYSTEM_PREFIX = 'system-';

/** core validation ValidatePreemptionPolicy's list, in its order. */
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

export function defaultPriorityClass(pc: PriorityClass): void {
	pc.preemptionPolicy ??= 'PreemptLowerPriority';
	// pkg/registry/scheduling/priorityclass/strategy.go PrepareForCreate: `pc.Generation = 1`.
	pc.metadata = { ...pc.metadata, generation: 1 };
	// `value` is a plain int32 (no omitempty): a class without one is stored with 0; globalDefault
	// is `omitempty`, so a false one is not stored.
	(pc as { value: number }).value ??= 0;
	if (pc.globalDefault === false) delete (pc as { globalDefault?: boolean }).globalDefault;
}

/** IsKnownSystemPriorityClass: why a `system-` name is refused, or undefined. */
function systemClassError(name: string, value: number, globalDefault: boolean): string | undefined {
	const known = ownValue(SYSTEM_PRIORITY_CLASSES, name);
	if (known === undefined) return `${name} is not a known system priority class`;
	if (known !== value) return `value of ${name} PriorityClass must be ${known}`;
	if (globalDefault) return `globalDefault of ${name} PriorityClass must be false`;
	return undefined;
}

export function validatePriorityClass(pc: PriorityClass): ErrorList {
	const errs = validateObjectMeta(pc.metadata, false, isDNS1123Subdomain);
	const name = pc.metadata?.name ?? '';
	if (name.startsWith(SYSTEM_PREFIX)) {
		const why = systemClassError(name, pc.value, pc.globalDefault === true);
		if (why !== undefined)
			errs.push(
				forbidden(
					'metadata.name',
					`priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only. error: ${why}`
				)
			);
	} else if (pc.value > HIGHEST_USER_DEFINABLE_PRIORITY)
		errs.push(
			forbidden(
				'value',
				`maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`
			)
		);
	const policy = pc.preemptionPolicy;
	if (policy !== undefined && !PREEMPTION_POLICIES.includes(policy))
		errs.push(notSupported('preemptionPolicy', policy, PREEMPTION_POLICIES));
	return errs;
}

/**
 * ValidatePriorityClassUpdate: `value` and `preemptionPolicy` cannot change. Returns kubectl's
 * whole error text for an apply that tries, or undefined.
 */
export function priorityClassChange(
	kind: string,
	name: string,
	before: object,
	after: object
): string | undefined {
	if (kind !== 'PriorityClass') return undefined;
	const a = before as PriorityClass;
	const b = after as PriorityClass;
	const causes: string[] = [];
	if (a.value !== b.value) causes.push('value: Forbidden: may not be changed in an update.');
	if (a.preemptionPolicy !== b.preemptionPolicy)
		causes.push(
			`preemptionPolicy: Invalid value: ${JSON.stringify(b.preemptionPolicy)}: field is immutable`
		);
	if (causes.length === 0) return undefined;
	const head = `The PriorityClass ${JSON.stringify(name)} is invalid: `;
	if (causes.length === 1) return `${head}${causes[0]}\n`;
	return `${head}\n${causes.map((c) => `* ${c}`).join('\n')}\n`;
}
