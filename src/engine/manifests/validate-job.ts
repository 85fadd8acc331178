/**
 * Job specs: pkg/apis/batch/validation/validation.go validateJobSpec, in its source order. The
 * restartPolicy check is worded for the Always that SetDefaults_PodSpec fills in.
 */
import type { JobSpec } from 'kubernetes-types/batch/v1';
import type { ErrorList } from './field-errors';
import { child, notSupported, required } from './field-errors';
import { asSelector, nonNegative, validateLabelSelector } from './validate-meta';
import { validatePodTemplateSpec } from './validate-pod';
import { templateMatches } from './validate-workloads';

/** A Job's selector is generated from its UID on create unless `manualSelector` is true. */
export function validateJobSpec(spec: Partial<JobSpec>, path: string): ErrorList {
	const errs: ErrorList = [];
	for (const field of [
		'parallelism',
		'completions',
		'activeDeadlineSeconds',
		'backoffLimit'
	] as const) {
		errs.push(...nonNegative(child(path, field), spec[field]));
	}
	errs.push(...nonNegative(child(path, 'ttlSecondsAfterFinished'), spec.ttlSecondsAfterFinished));
	const mode = spec.completionMode;
	if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
		errs.push(notSupported(child(path, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
	}
	if (mode === 'Indexed' && spec.completions === undefined) {
		errs.push(required(child(path, 'completions'), 'when completion mode is Indexed'));
	}
	const at = child(path, 'template');
	if (spec.manualSelector === true) {
		if (!spec.selector) errs.push(required(child(path, 'selector')));
		else errs.push(...validateLabelSelector(spec.selector, child(path, 'selector')));
		const parsed = asSelector(spec.selector);
		if (parsed.kind !== 'invalid') errs.push(...templateMatches(parsed, spec.template, at));
	}
	errs.push(...validatePodTemplateSpec(spec.template, at));
	const restart = spec.template?.spec?.restartPolicy ?? '';
	const field = child(child(at, 'spec'), 'restartPolicy');
	if (restart === 'Always' || restart === '') {
		errs.push(required(field, 'valid values: "OnFailure", "Never"'));
	} else if (restart !== 'OnFailure' && restart !== 'Never') {
		errs.push(notSupported(field, restart, ['OnFailure', 'Never']));
	}
	return errs;
}
