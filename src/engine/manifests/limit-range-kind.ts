/**
 * LimitRange (v1, namespaced): its field schema (k8s.io/api core/v1 types.go LimitRangeSpec),
 * defaulting (pkg/apis/core/v1/defaults.go SetDefaults_LimitRangeItem: for a Container item, a
 * missing default limit is the max, a missing default request the default limit, else the min)
 * and create validation (pkg/apis/core/validation/validation.go ValidateLimitRange: the type,
 * no duplicate type, no defaults on a Pod item, a PersistentVolumeClaim item with a storage min
 * or max, and min ≤ default request ≤ default ≤ max, max limit/request ratio ≥ 1).
 *
 * The LimitRanger admission plugin that applies it to pods is ./limit-ranger.ts.
 */
import type { LimitRange, LimitRangeItem } from 'kubernetes-types/core/v1';
import type { Schema } from './schema-base';
import { arr, obj, resourceList, str, topLevel } from './schema-base';
import type { ErrorList } from './field-errors';
import { child, duplicate, forbidden, index, invalid, key, required } from './field-errors';
import { validateObjectMeta } from './validate-meta';
import { isDNS1123Subdomain } from './field-errors';
import { compareQuantities, quantityText } from './quantity';

export const LIMIT_RANGE_SCHEMAS: Record<'LimitRange', Schema> = {
	LimitRange: topLevel('LimitRange', 'v1', {
		spec: obj('v1', 'LimitRangeSpec', () => ({
			limits: arr(
				obj('v1', 'LimitRangeItem', () => ({
					default: resourceList,
					defaultRequest: resourceList,
					max: resourceList,
					maxLimitRequestRatio: resourceList,
					min: resourceList,
					type: str('v1.LimitType')
				}))
			)
		}))
	})
};

const STANDARD_TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'];

/** SetDefaults_LimitRangeItem. */
export function defaultLimitRange(lr: LimitRange): void {
	for (const item of lr.spec?.limits ?? []) {
		if (item.type !== 'Container') continue;
		const mutable = item as {
			default?: Record<string, string>;
			defaultRequest?: Record<string, string>;
		};
		const defaults = (mutable.default ??= {});
		const requests = (mutable.defaultRequest ??= {});
		for (const [name, value] of Object.entries(item.max ?? {})) defaults[name] ??= value;
		for (const [name, value] of Object.entries(defaults)) requests[name] ??= value;
		for (const [name, value] of Object.entries(item.min ?? {})) requests[name] ??= value;
		// Empty maps are omitted from what the API server returns (omitempty).
		if (Object.keys(defaults).length === 0) delete mutable.default;
		if (Object.keys(requests).length === 0) delete mutable.defaultRequest;
	}
}

const text = quantityText;

/** The ordering checks of one resource of one item, in ValidateLimitRange's order. */
function orderChecks(item: LimitRangeItem, name: string, path: string): ErrorList {
	const errs: ErrorList = [];
	const min = item.min?.[name];
	const max = item.max?.[name];
	const def = item.default?.[name];
	const defReq = item.defaultRequest?.[name];
	const ratio = item.maxLimitRequestRatio?.[name];
	const at = (field: string) => key(child(path, field), name);
	if (min !== undefined && max !== undefined && compareQuantities(min, max) > 0)
		errs.push(
			invalid(at('min'), min, `min value ${text(min)} is greater than max value ${text(max)}`)
		);
	if (defReq !== undefined && min !== undefined && compareQuantities(min, defReq) > 0)
		errs.push(
			invalid(
				at('defaultRequest'),
				defReq,
				`min value ${text(min)} is greater than default request value ${text(defReq)}`
			)
		);
	if (defReq !== undefined && max !== undefined && compareQuantities(defReq, max) > 0)
		errs.push(
			invalid(
				at('defaultRequest'),
				defReq,
				`default request value ${text(defReq)} is greater than max value ${text(max)}`
			)
		);
	if (defReq !== undefined && def !== undefined && compareQuantities(defReq, def) > 0)
		errs.push(
			invalid(
				at('defaultRequest'),
				defReq,
				`default request value ${text(defReq)} is greater than default limit value ${text(def)}`
			)
		);
	if (def !== undefined && min !== undefined && compareQuantities(min, def) > 0)
		errs.push(
			invalid(
				at('default'),
				min,
				`min value ${text(min)} is greater than default value ${text(def)}`
			)
		);
	// The value shown is the max, as the source has it.
	if (def !== undefined && max !== undefined && compareQuantities(def, max) > 0)
		errs.push(
			invalid(
				at('default'),
				max,
				`default value ${text(def)} is greater than max value ${text(max)}`
			)
		);
	if (ratio !== undefined && compareQuantities(ratio, '1') < 0)
		errs.push(invalid(at('maxLimitRequestRatio'), ratio, `ratio ${text(ratio)} is less than 1`));
	return errs;
}

/** Every resource an item names, sorted. */
export function itemResourceNames(item: LimitRangeItem): string[] {
	const lists = [item.max, item.min, item.default, item.defaultRequest, item.maxLimitRequestRatio];
	return [...new Set(lists.flatMap((list) => Object.keys(list ?? {})))].sort();
}

export function validateLimitRange(lr: LimitRange): ErrorList {
	const errs = validateObjectMeta(lr.metadata, true, isDNS1123Subdomain);
	const seen = new Set<string>();
	(lr.spec?.limits ?? []).forEach((item, i) => {
		const path = index('spec.limits', i);
		const type = item.type ?? '';
		// validateLimitRangeTypeName: a standard type, or a qualified name with a domain.
		if (!STANDARD_TYPES.includes(type) && !type.includes('/'))
			errs.push(
				invalid(child(path, 'type'), type, 'must be a standard limit type or fully qualified')
			);
		if (seen.has(type)) errs.push(duplicate(child(path, 'type'), type));
		seen.add(type);
		if (type === 'Pod') {
			if (Object.keys(item.default ?? {}).length > 0)
				errs.push(forbidden(child(path, 'default'), "may not be specified when `type` is 'Pod'"));
			if (Object.keys(item.defaultRequest ?? {}).length > 0)
				errs.push(
					forbidden(child(path, 'defaultRequest'), "may not be specified when `type` is 'Pod'")
				);
		}
		if (
			type === 'PersistentVolumeClaim' &&
			item.min?.['storage'] === undefined &&
			item.max?.['storage'] === undefined
		)
			errs.push(
				required(
					child(path, 'limits'),
					'either minimum or maximum storage value is required, but neither was provided'
				)
			);
		for (const name of itemResourceNames(item)) errs.push(...orderChecks(item, name, path));
	});
	return errs;
}
