/**
 * LimitRanges as kubectl v1.35 shows them:
 * - `kubectl get limits`: printers.go registers no columns for LimitRange, so the API server's
 *   default table (apiserver pkg/registry/rest/table.go DefaultTableConvertor) answers: NAME and
 *   CREATED AT, the creation time in RFC 3339 (UTC);
 * - `kubectl describe limits` (kubectl pkg/describe/describe.go describeLimitRange): one row per
 *   item and resource, `-` where the item sets no value. describe.go walks a Go map, whose order
 *   varies from run to run; the lab lists the resources sorted.
 */
import type { LimitRange } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { LIMITRANGES } from '../../kubernetes/api/collections';
import { quantityText } from '../../manifests/quantity';
import { itemResourceNames } from '../../manifests/limit-range-kind';
import { DescribeWriter } from './describe-writer';
import type { Printer } from './workload-printers';

export { LIMITRANGES };

export const LIMITRANGE_PRINTER: Printer<LimitRange> = {
	columns: ['NAME', 'CREATED AT'],
	wide: [],
	row: (lr) => [lr.metadata?.name ?? '', lr.metadata?.creationTimestamp ?? '']
};

const shown = (value: string | undefined) => (value === undefined ? '-' : quantityText(value));

/** describeLimitRangeSpec: one row per item and resource, each starting with `prefix`. */
function writeLimitRangeSpec(w: DescribeWriter, lr: LimitRange, prefix: string): void {
	for (const item of lr.spec?.limits ?? [])
		for (const name of itemResourceNames(item))
			w.write(
				0,
				`${prefix}${item.type}\t${name}\t${shown(item.min?.[name])}\t${shown(item.max?.[name])}\t` +
					`${shown(item.defaultRequest?.[name])}\t${shown(item.default?.[name])}\t` +
					`${shown(item.maxLimitRequestRatio?.[name])}\n`
			);
}

const HEADER =
	'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n';
const RULE = '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n';

export function describeLimitRange(lr: LimitRange): string {
	const w = new DescribeWriter();
	w.write(0, `Name:\t${lr.metadata?.name}\n`);
	w.write(0, `Namespace:\t${lr.metadata?.namespace}\n`);
	w.write(0, HEADER);
	w.write(0, RULE);
	writeLimitRangeSpec(w, lr, '');
	return w.toString();
}

/** DescribeLimitRanges, the last section of `kubectl describe namespace`. */
export function writeNamespaceLimits(w: DescribeWriter, ranges: readonly LimitRange[]): void {
	if (ranges.length === 0) {
		w.write(0, 'No LimitRange resource.\n');
		return;
	}
	w.write(0, `Resource Limits\n ${HEADER}`);
	w.write(0, ` ${RULE}`);
	for (const lr of ranges) writeLimitRangeSpec(w, lr, ' ');
}

/** describe.ts's entry for the type. */
export const LIMITRANGE_DESCRIBER = {
	collection: LIMITRANGES,
	describe: (_kernel: Kernel, object: object) => describeLimitRange(object as LimitRange)
};
