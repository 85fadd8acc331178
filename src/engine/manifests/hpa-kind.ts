/**
 * HorizontalPodAutoscaler, served as autoscaling/v2 and autoscaling/v1 and stored as v2 (the
 * storage version): field schemas (k8s.io/api autoscaling/v1 and v2 types.go), the v1 → v2
 * conversion (pkg/apis/autoscaling/v1 conversion.go: targetCPUUtilizationPercentage becomes one
 * cpu Utilization metric), v2 defaulting (pkg/apis/autoscaling/v2 defaults.go
 * SetDefaults_HorizontalPodAutoscaler: minReplicas 1, a cpu 80% metric when none is given, and the
 * default scaling rules filled into a behavior that is given), the strategy's empty status on
 * create (pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go PrepareForCreate) and
 * create validation (pkg/apis/autoscaling/validation/validation.go ValidateHorizontalPodAutoscaler).
 *
 * What the controller does with them is kubernetes/controllers/hpa-controller.ts.
 */
import type {
	HorizontalPodAutoscaler,
	HPAScalingRules,
	MetricSpec,
	MetricTarget
} from 'kubernetes-types/autoscaling/v2';
import type { Schema } from './schema-base';
import { arr, i32, obj, open, quantity, str, topLevel } from './schema-base';
import type { ErrorList } from './field-errors';
import { child, forbidden, index, invalid, isDNS1123Subdomain, required } from './field-errors';
import { notSupported } from './field-errors';
import { validateObjectMeta } from './validate-meta';
import { isValidPathSegmentName } from './builtin-kinds';
import { compareQuantities } from './quantity';
import { HPA_DEFAULT_CPU_UTILIZATION } from '../kubernetes/defaults';
import { ownValue } from '../core/own-keys';

// ---- schemas -------------------------------------------------------------------------------

const crossVersionRef = obj('v2', 'CrossVersionObjectReference', () => ({
	apiVersion: str(),
	kind: str(),
	name: str()
}));

const metricTarget = obj('v2', 'MetricTarget', () => ({
	averageUtilization: i32,
	averageValue: quantity,
	type: str('v2.MetricTargetType'),
	value: quantity
}));

const scalingRules = obj('v2', 'HPAScalingRules', () => ({
	policies: arr(
		obj('v2', 'HPAScalingPolicy', () => ({
			periodSeconds: i32,
			type: str('v2.HPAScalingPolicyType'),
			value: i32
		}))
	),
	selectPolicy: str('v2.ScalingPolicySelect'),
	stabilizationWindowSeconds: i32,
	tolerance: quantity
}));

const V2 = topLevel('HorizontalPodAutoscaler', 'v2', {
	spec: obj('v2', 'HorizontalPodAutoscalerSpec', () => ({
		behavior: obj('v2', 'HorizontalPodAutoscalerBehavior', () => ({
			scaleDown: scalingRules,
			scaleUp: scalingRules
		})),
		maxReplicas: i32,
		metrics: arr(
			obj('v2', 'MetricSpec', () => ({
				containerResource: open('v2', 'ContainerResourceMetricSource'),
				external: open('v2', 'ExternalMetricSource'),
				object: open('v2', 'ObjectMetricSource'),
				pods: open('v2', 'PodsMetricSource'),
				resource: obj('v2', 'ResourceMetricSource', () => ({
					name: str('v1.ResourceName'),
					target: metricTarget
				})),
				type: str('v2.MetricSourceType')
			}))
		),
		minReplicas: i32,
		scaleTargetRef: crossVersionRef
	}))
});

const V1 = topLevel('HorizontalPodAutoscaler', 'v1', {
	spec: obj('v1', 'HorizontalPodAutoscalerSpec', () => ({
		maxReplicas: i32,
		minReplicas: i32,
		scaleTargetRef: obj('v1', 'CrossVersionObjectReference', () => ({
			apiVersion: str(),
			kind: str(),
			name: str()
		})),
		targetCPUUtilizationPercentage: i32
	}))
});

export const HPA_SCHEMAS: Record<'HorizontalPodAutoscaler', Schema> = {
	HorizontalPodAutoscaler: V2
};

/** The schema a version decodes with (autoscaling/v1 has its own shape). */
export function hpaSchema(version: string): Schema {
	return version === 'v1' ? V1 : V2;
}

// ---- conversion and defaulting ---------------------------------------------------------------

interface HpaV1Spec {
	maxReplicas?: number;
	minReplicas?: number;
	scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string };
	targetCPUUtilizationPercentage?: number;
}

/** A cpu Utilization metric, as v1's targetCPUUtilizationPercentage and kubectl autoscale make. */
export function cpuUtilization(percent: number): MetricSpec {
	return {
		type: 'Resource',
		resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } }
	};
}

/** Convert_v1_HorizontalPodAutoscaler_To_autoscaling_HorizontalPodAutoscaler, then to v2. */
export function hpaFromV1(object: object): void {
	const spec = (object as { spec?: HpaV1Spec }).spec;
	const hpa = object as unknown as HorizontalPodAutoscaler;
	hpa.apiVersion = 'autoscaling/v2';
	if (spec === undefined) return;
	const { targetCPUUtilizationPercentage: percent, ...rest } = spec;
	hpa.spec = {
		...rest,
		scaleTargetRef: { kind: '', name: '', ...rest.scaleTargetRef },
		maxReplicas: rest.maxReplicas ?? 0,
		...(percent !== undefined ? { metrics: [cpuUtilization(percent)] } : {})
	};
}

const MAX = 'Max';

/** GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: the defaults under what is given. */
function scaleRules(rules: HPAScalingRules | undefined, up: boolean): HPAScalingRules {
	const defaults: HPAScalingRules = up
		? {
				stabilizationWindowSeconds: 0,
				selectPolicy: MAX,
				policies: [
					{ type: 'Pods', value: 4, periodSeconds: 15 },
					{ type: 'Percent', value: 100, periodSeconds: 15 }
				]
			}
		: { selectPolicy: MAX, policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
	if (rules === undefined) return defaults;
	return {
		...defaults,
		...rules,
		selectPolicy: rules.selectPolicy ?? MAX,
		policies: rules.policies ?? defaults.policies
	};
}

export function defaultHpa(hpa: HorizontalPodAutoscaler): void {
	const spec = (hpa.spec ??= { maxReplicas: 0, scaleTargetRef: { kind: '', name: '' } });
	spec.minReplicas ??= 1;
	if ((spec.metrics ?? []).length === 0)
		spec.metrics = [cpuUtilization(HPA_DEFAULT_CPU_UTILIZATION)];
	if (spec.behavior !== undefined)
		spec.behavior = {
			scaleUp: scaleRules(spec.behavior.scaleUp, true),
			scaleDown: scaleRules(spec.behavior.scaleDown, false)
		};
	// PrepareForCreate: the status starts empty (desiredReplicas has no omitempty).
	(hpa as { status?: HorizontalPodAutoscaler['status'] }).status = { desiredReplicas: 0 };
}

// ---- validation ----------------------------------------------------------------------------

const SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SOURCE_FIELDS: Record<string, keyof MetricSpec> = {
	Object: 'object',
	Pods: 'pods',
	Resource: 'resource',
	External: 'external',
	ContainerResource: 'containerResource'
};

/** ValidateCrossVersionObjectReference. */
function validateRef(ref: { kind?: string; name?: string } | undefined, path: string): ErrorList {
	const errs: ErrorList = [];
	for (const key of ['kind', 'name'] as const) {
		const value = ref?.[key] ?? '';
		if (value === '') errs.push(required(child(path, key)));
		else
			for (const msg of isValidPathSegmentName(value))
				errs.push(invalid(child(path, key), value, msg));
	}
	return errs;
}

/** validateMetricTarget. */
function validateTarget(t: MetricTarget, path: string): ErrorList {
	const errs: ErrorList = [];
	if (!t.type) errs.push(required(child(path, 'type'), 'must specify a metric target type'));
	if (!['Utilization', 'Value', 'AverageValue'].includes(t.type))
		errs.push(
			invalid(
				child(path, 'type'),
				t.type ?? '',
				'must be either Utilization, Value, or AverageValue'
			)
		);
	for (const key of ['value', 'averageValue'] as const) {
		const q = t[key];
		if (q !== undefined && compareQuantities(q, '0') <= 0)
			errs.push(invalid(child(path, key), q, 'must be positive'));
	}
	if (t.averageUtilization !== undefined && t.averageUtilization < 1)
		errs.push(
			invalid(child(path, 'averageUtilization'), t.averageUtilization, 'must be greater than 0')
		);
	return errs;
}

/** validateMetricSpec, with the Resource source checked in full (the one the lab models). */
function validateMetric(m: MetricSpec, path: string): ErrorList {
	const errs: ErrorList = [];
	const type = m.type ?? '';
	if (type === '') errs.push(required(child(path, 'type'), 'must specify a metric source type'));
	if (!SOURCE_TYPES.includes(type))
		errs.push(notSupported(child(path, 'type'), type, SOURCE_TYPES));
	const present = Object.values(SOURCE_FIELDS).filter((f) => m[f] !== undefined);
	if (m.resource !== undefined && present[0] === 'resource') {
		const src = m.resource;
		const rp = child(path, 'resource');
		if (!src.name) errs.push(required(child(rp, 'name'), 'must specify a resource name'));
		const tp = child(rp, 'target');
		errs.push(...validateTarget(src.target ?? { type: '' }, tp));
		const t = src.target ?? { type: '' };
		if (t.averageUtilization === undefined && t.averageValue === undefined)
			errs.push(
				required(
					child(tp, 'averageUtilization'),
					'must set either a target raw value or a target utilization'
				)
			);
		if (t.averageUtilization !== undefined && t.averageValue !== undefined)
			errs.push(
				forbidden(
					child(tp, 'averageValue'),
					'may not set both a target raw value and a target utilization'
				)
			);
	}
	const expected = ownValue(SOURCE_FIELDS, type);
	if (expected !== undefined && m[expected] === undefined)
		errs.push(
			required(child(path, expected), 'must populate information for the given metric source')
		);
	if (present.length !== 1)
		for (const f of present)
			if (f !== expected)
				errs.push(forbidden(child(path, f), 'must populate the given metric source only'));
	return errs;
}

export function validateHpa(hpa: HorizontalPodAutoscaler): ErrorList {
	const errs = validateObjectMeta(hpa.metadata, true, isDNS1123Subdomain);
	const spec = hpa.spec;
	const min = spec?.minReplicas;
	const max = spec?.maxReplicas ?? 0;
	// The HPAScaleToZero feature gate is off by default: minReplicas' lower bound is 1.
	if (min !== undefined && min < 1)
		errs.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
	if (max < 1) errs.push(invalid('spec.maxReplicas', max, 'must be greater than 0'));
	if (min !== undefined && max < min)
		errs.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
	errs.push(...validateRef(spec?.scaleTargetRef, 'spec.scaleTargetRef'));
	(spec?.metrics ?? []).forEach((m, i) =>
		errs.push(...validateMetric(m, index('spec.metrics', i)))
	);
	return errs;
}
