/**
 * Workload specs: pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec,
 * ValidateReplicaSetSpec, ValidateDaemonSetSpec, ValidateStatefulSetSpec,
 * ValidatePodTemplateSpecForReplicaSet/-StatefulSet, ValidatePositiveIntOrPercent) and
 * pkg/apis/batch/validation/validation.go (validateJobSpec), in their source order.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { DaemonSetSpec, DeploymentSpec, ReplicaSetSpec } from 'kubernetes-types/apps/v1';
import type { StatefulSetSpec } from 'kubernetes-types/apps/v1';
import type { ErrorList } from './field-errors';
import { child, forbidden, invalid, isValidPercent, notSupported, required } from './field-errors';
import { notSupportedRendered } from './field-errors';
import { goStruct, sortedMap } from './json';
import {
	asSelector,
	nonNegative,
	selectorJson,
	selectorMatches,
	validateAnnotations,
	validateLabels,
	validateLabelSelector
} from './validate-meta';
import { validatePodTemplateSpec } from './validate-pod';

type IntOrPercent = number | string | undefined;

/** getPercentValue / getIntOrPercentValue: `25%` → 25, `3` → 3, anything else → 0. */
function intOrPercentValue(value: IntOrPercent): { value: number; percent: boolean } {
	if (typeof value === 'number') return { value, percent: false };
	if (typeof value === 'string' && isValidPercent(value).length === 0) {
		return { value: parseInt(value.slice(0, -1), 10), percent: true };
	}
	const parsed = /^[-+]?\d+$/.test(value ?? '') ? parseInt(value ?? '0', 10) : 0;
	return { value: parsed, percent: false };
}

export function positiveIntOrPercent(value: IntOrPercent, field: string): ErrorList {
	if (typeof value === 'string')
		return isValidPercent(value).map((m) => invalid(field, value, m, true));
	return nonNegative(field, value ?? 0);
}

export function notMoreThan100Percent(value: IntOrPercent, field: string): ErrorList {
	const { value: n, percent } = intOrPercentValue(value);
	return percent && n > 100 ? [invalid(field, value, 'must not be greater than 100%', true)] : [];
}

/** The selector checks that Deployments, ReplicaSets and StatefulSets share. */
function selectorChecks(
	selector: LabelSelector | undefined,
	path: string,
	emptyMessage: string
): { errs: ErrorList; parsed: ReturnType<typeof asSelector> } {
	const errs: ErrorList = [];
	const selectorPath = child(path, 'selector');
	if (!selector) errs.push(required(selectorPath));
	else {
		errs.push(...validateLabelSelector(selector, selectorPath));
		if (asSelector(selector).kind === 'everything') {
			errs.push(invalid(selectorPath, selectorJson(selector), emptyMessage));
		}
	}
	return { errs, parsed: asSelector(selector) };
}

export function templateMatches(
	parsed: ReturnType<typeof asSelector>,
	template: PodTemplateSpec | undefined,
	path: string
): ErrorList {
	const labels = template?.metadata?.labels;
	if (parsed.kind === 'everything' || selectorMatches(parsed, labels)) return [];
	const value = labels ? sortedMap(labels) : null;
	const msg = '`selector` does not match template `labels`';
	return [invalid(child(child(path, 'metadata'), 'labels'), value, msg)];
}

function forReplicaSet(
	spec: { selector?: LabelSelector; template?: PodTemplateSpec },
	path: string
) {
	const template = spec.template;
	const at = child(path, 'template');
	const errs = templateMatches(asSelector(spec.selector), template, at);
	errs.push(...validatePodTemplateSpec(template, at));
	const podSpec = template?.spec;
	if (podSpec?.restartPolicy !== 'Always') {
		const field = child(child(at, 'spec'), 'restartPolicy');
		errs.push(notSupported(field, podSpec?.restartPolicy ?? '', ['Always']));
	}
	if (podSpec?.activeDeadlineSeconds !== undefined) {
		const field = child(child(at, 'spec'), 'activeDeadlineSeconds');
		const msg = 'activeDeadlineSeconds in ReplicaSet is not Supported';
		errs.push(invalid(field, podSpec.activeDeadlineSeconds, msg));
	}
	return errs;
}

/**
 * The selector checks a Deployment and a ReplicaSet share, then the template checks when the
 * selector parses (the real ReplicaSet message says "deployment" too).
 */
function selectorAndTemplate(spec: Parameters<typeof forReplicaSet>[0], path: string): ErrorList {
	const { errs, parsed } = selectorChecks(
		spec.selector,
		path,
		'empty selector is invalid for deployment'
	);
	if (parsed.kind === 'invalid') {
		errs.push(
			invalid(child(path, 'selector'), selectorJson(spec.selector), 'invalid label selector')
		);
	} else errs.push(...forReplicaSet(spec, path));
	return errs;
}

export function validateDeploymentSpec(spec: Partial<DeploymentSpec>, path: string): ErrorList {
	const errs = nonNegative(child(path, 'replicas'), spec.replicas);
	errs.push(...selectorAndTemplate(spec, path));
	errs.push(...deploymentStrategy(spec, child(path, 'strategy')));
	errs.push(...nonNegative(child(path, 'minReadySeconds'), spec.minReadySeconds));
	errs.push(...nonNegative(child(path, 'revisionHistoryLimit'), spec.revisionHistoryLimit));
	const deadline = spec.progressDeadlineSeconds;
	if (deadline !== undefined) {
		errs.push(...nonNegative(child(path, 'progressDeadlineSeconds'), deadline));
		if (deadline <= (spec.minReadySeconds ?? 0)) {
			const msg = 'must be greater than minReadySeconds';
			errs.push(invalid(child(path, 'progressDeadlineSeconds'), deadline, msg));
		}
	}
	return errs;
}

function deploymentStrategy(spec: Partial<DeploymentSpec>, path: string): ErrorList {
	const strategy = spec.strategy ?? {};
	const rolling = strategy.rollingUpdate;
	if (strategy.type === 'Recreate') {
		const msg = "may not be specified when strategy `type` is 'Recreate'";
		return rolling ? [forbidden(child(path, 'rollingUpdate'), msg)] : [];
	}
	if (strategy.type !== 'RollingUpdate') {
		const value = goStruct([
			['Type', strategy.type ?? ''],
			['RollingUpdate', rolling ? { ...rolling } : null]
		]);
		return [notSupportedRendered(path, value, ['Recreate', 'RollingUpdate'])];
	}
	if (!rolling)
		return [required(child(path, 'rollingUpdate'), 'this should be defaulted and never be nil')];
	const at = child(path, 'rollingUpdate');
	const errs = [
		...positiveIntOrPercent(rolling.maxUnavailable, child(at, 'maxUnavailable')),
		...positiveIntOrPercent(rolling.maxSurge, child(at, 'maxSurge'))
	];
	const unavailable = intOrPercentValue(rolling.maxUnavailable).value;
	if (unavailable === 0 && intOrPercentValue(rolling.maxSurge).value === 0) {
		const msg = 'may not be 0 when `maxSurge` is 0';
		errs.push(invalid(child(at, 'maxUnavailable'), rolling.maxUnavailable ?? 0, msg, true));
	}
	errs.push(...notMoreThan100Percent(rolling.maxUnavailable, child(at, 'maxUnavailable')));
	return errs;
}

export function validateReplicaSetSpec(spec: Partial<ReplicaSetSpec>, path: string): ErrorList {
	const errs = [
		...nonNegative(child(path, 'replicas'), spec.replicas),
		...nonNegative(child(path, 'minReadySeconds'), spec.minReadySeconds)
	];
	errs.push(...selectorAndTemplate(spec, path));
	return errs;
}

export function validateDaemonSetSpec(spec: Partial<DaemonSetSpec>, path: string): ErrorList {
	const errs = validateLabelSelector(spec.selector, child(path, 'selector'));
	const parsed = asSelector(spec.selector);
	const at = child(path, 'template');
	if (parsed.kind !== 'invalid') errs.push(...templateMatches(parsed, spec.template, at));
	if (spec.selector && parsed.kind === 'everything') {
		const msg = 'empty selector is invalid for daemonset';
		errs.push(invalid(child(path, 'selector'), selectorJson(spec.selector), msg));
	}
	errs.push(...validatePodTemplateSpec(spec.template, at));
	errs.push(...alwaysRestart(spec.template, at, 'DaemonSet'));
	errs.push(...nonNegative(child(path, 'minReadySeconds'), spec.minReadySeconds));
	const strategy = spec.updateStrategy ?? {};
	const strategyPath = child(path, 'updateStrategy');
	if (strategy.type === 'RollingUpdate') {
		const rolling = strategy.rollingUpdate;
		if (!rolling) errs.push(required(child(strategyPath, 'rollingUpdate')));
		else errs.push(...rollingUpdateDaemonSet(rolling, child(strategyPath, 'rollingUpdate')));
	} else if (strategy.type !== 'OnDelete') {
		errs.push(notSupported(strategyPath, strategy.type ?? '', ['RollingUpdate', 'OnDelete']));
	}
	errs.push(...nonNegative(child(path, 'revisionHistoryLimit'), spec.revisionHistoryLimit));
	return errs;
}

function rollingUpdateDaemonSet(
	rolling: { maxSurge?: IntOrPercent; maxUnavailable?: IntOrPercent },
	at: string
) {
	const errs = [
		...positiveIntOrPercent(rolling.maxUnavailable, child(at, 'maxUnavailable')),
		...positiveIntOrPercent(rolling.maxSurge, child(at, 'maxSurge')),
		...notMoreThan100Percent(rolling.maxUnavailable, child(at, 'maxUnavailable')),
		...notMoreThan100Percent(rolling.maxSurge, child(at, 'maxSurge'))
	];
	const unavailable = intOrPercentValue(rolling.maxUnavailable).value !== 0;
	const surge = intOrPercentValue(rolling.maxSurge).value !== 0;
	if (unavailable && surge) {
		const msg = 'may not be set when maxUnavailable is non-zero';
		errs.push(invalid(child(at, 'maxSurge'), rolling.maxSurge ?? 0, msg, true));
	} else if (!unavailable && !surge) {
		errs.push(required(child(at, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
	}
	return errs;
}

function alwaysRestart(template: PodTemplateSpec | undefined, at: string, kind: string) {
	const errs: ErrorList = [];
	const spec = template?.spec;
	const field = child(child(at, 'spec'), 'restartPolicy');
	if (spec?.restartPolicy !== 'Always')
		errs.push(notSupported(field, spec?.restartPolicy ?? '', ['Always']));
	if (spec?.activeDeadlineSeconds !== undefined) {
		const deadline = child(child(at, 'spec'), 'activeDeadlineSeconds');
		const msg = `activeDeadlineSeconds in ${kind} is not Supported`;
		errs.push(
			kind === 'StatefulSet'
				? forbidden(deadline, msg)
				: invalid(deadline, spec.activeDeadlineSeconds, msg)
		);
	}
	return errs;
}

export function validateStatefulSetSpec(spec: Partial<StatefulSetSpec>, path: string): ErrorList {
	const errs: ErrorList = [];
	const policy = spec.podManagementPolicy;
	if (!policy) errs.push(required(child(path, 'podManagementPolicy')));
	else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
		const msg = "must be 'OrderedReady' or 'Parallel'";
		errs.push(invalid(child(path, 'podManagementPolicy'), policy, msg));
	}
	const strategy = spec.updateStrategy ?? {};
	const strategyPath = child(path, 'updateStrategy');
	if (!strategy.type) errs.push(required(strategyPath));
	else if (strategy.type === 'RollingUpdate') {
		errs.push(
			...nonNegative(
				child(child(strategyPath, 'rollingUpdate'), 'partition'),
				strategy.rollingUpdate?.partition
			)
		);
	} else if (strategy.type === 'OnDelete') {
		const rolling = strategy.rollingUpdate;
		if (rolling) {
			// The internal RollingUpdateStatefulSetStrategy: Partition int32, MaxUnavailable pointer.
			const value = goStruct([
				['Partition', rolling.partition ?? 0],
				['MaxUnavailable', rolling.maxUnavailable ?? null]
			]);
			const body = `Invalid value: ${value}: only allowed for updateStrategy 'RollingUpdate'`;
			errs.push({ type: 'Invalid value', field: child(strategyPath, 'rollingUpdate'), body });
		}
	} else {
		const value = goStruct([
			['Type', strategy.type],
			['RollingUpdate', strategy.rollingUpdate ? { ...strategy.rollingUpdate } : null]
		]);
		const body = `Invalid value: ${value}: must be 'RollingUpdate' or 'OnDelete'`;
		errs.push({ type: 'Invalid value', field: strategyPath, body });
	}
	errs.push(...nonNegative(child(path, 'replicas'), spec.replicas));
	errs.push(...nonNegative(child(path, 'minReadySeconds'), spec.minReadySeconds));
	const { errs: selectorErrs, parsed } = selectorChecks(
		spec.selector,
		path,
		'empty selector is invalid for statefulset'
	);
	errs.push(...selectorErrs);
	const at = child(path, 'template');
	if (parsed.kind === 'invalid')
		errs.push(invalid(child(path, 'selector'), selectorJson(spec.selector), ''));
	else {
		// The pod spec itself is not validated here (apps validation.go leaves it to pod creation).
		errs.push(...templateMatches(parsed, spec.template, at));
		errs.push(...validateLabels(spec.template?.metadata?.labels, child(at, 'labels')));
		errs.push(
			...validateAnnotations(spec.template?.metadata?.annotations, child(at, 'annotations'))
		);
	}
	errs.push(...alwaysRestart(spec.template, at, 'StatefulSet'));
	return errs;
}
