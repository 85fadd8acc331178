/**
 * ResourceQuotas as kubectl v1.35 shows them:
 * - `kubectl get quota` (pkg/printers/internalversion/printers.go resourceQuotaColumnDefinitions
 *   / printResourceQuota): NAME AGE REQUEST LIMIT, each of status.hard's names (sorted) as
 *   `name: used/hard`, the `limits.*` names under LIMIT and all others under REQUEST;
 * - `kubectl describe quota` (kubectl pkg/describe/describe.go describeQuota): the scopes with
 *   their help texts, then a Resource / Used / Hard table; a used quantity in another format
 *   than its hard one is shown in the hard one's (resource.NewQuantity(used.Value(), format)).
 *   No events: describeQuota prints none.
 */
import type { ResourceQuota } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { QUOTAS } from '../../kubernetes/controllers/resource-quota-controller';
import { formatQuantity, parseQuantity } from '../../manifests/quantity';
import { DescribeWriter } from './describe-writer';
import { ageOf } from './node-printer';
import type { Printer } from './workload-printers';
import { hasOwnKey } from '../../core/own-keys';

export { QUOTAS };

function hardNames(rq: ResourceQuota): string[] {
	return Object.keys(rq.status?.hard ?? {}).sort();
}

export const QUOTA_PRINTER: Printer<ResourceQuota> = {
	columns: ['NAME', 'AGE', 'REQUEST', 'LIMIT'],
	wide: [],
	row(rq, now) {
		const request: string[] = [];
		const limit: string[] = [];
		for (const name of hardNames(rq)) {
			const cell = `${name}: ${rq.status?.used?.[name] ?? '0'}/${rq.status!.hard![name]}`;
			(name.split('.').length > 1 && name.split('.')[0] === 'limits' ? limit : request).push(cell);
		}
		return [
			rq.metadata?.name ?? '',
			ageOf(rq.metadata?.creationTimestamp, now),
			request.join(', '),
			limit.join(', ')
		];
	}
};

/** helpTextForResourceQuotaScope. */
const SCOPE_HELP: Record<string, string> = {
	Terminating:
		'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
	NotTerminating:
		'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
	BestEffort:
		'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
	NotBestEffort:
		'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.'
};

/** The used quantity, re-expressed in the hard one's format when the two differ. */
function usedInFormatOf(used: string, hard: string): string {
	const u = parseQuantity(used);
	const h = parseQuantity(hard);
	if ('error' in u || 'error' in h || u.format === h.format) return used;
	// Value(): rounded up to a whole unit.
	const whole = (u.milli + 999n) / 1000n;
	return formatQuantity({ milli: whole * 1000n, format: h.format });
}

export function describeQuota(rq: ResourceQuota): string {
	const w = new DescribeWriter();
	w.write(0, `Name:\t${rq.metadata?.name}\n`);
	w.write(0, `Namespace:\t${rq.metadata?.namespace}\n`);
	const scopes = [...(rq.spec?.scopes ?? [])].sort();
	if (scopes.length > 0) {
		w.write(0, `Scopes:\t${scopes.join(', ')}\n`);
		for (const scope of scopes)
			if (hasOwnKey(SCOPE_HELP, scope)) w.write(0, ` * ${SCOPE_HELP[scope]}\n`);
	}
	w.write(0, 'Resource\tUsed\tHard\n');
	w.write(0, '--------\t----\t----\n');
	for (const name of hardNames(rq)) {
		const hard = rq.status!.hard![name]!;
		w.write(0, `${name}\t${usedInFormatOf(rq.status?.used?.[name] ?? '0', hard)}\t${hard}\n`);
	}
	return w.toString();
}

/** DescribeResourceQuotas, in `kubectl describe namespace`: each quota by name, its table. */
export function writeNamespaceQuotas(w: DescribeWriter, quotas: readonly ResourceQuota[]): void {
	if (quotas.length === 0) {
		w.write(0, 'No resource quota.\n');
		return;
	}
	w.write(0, 'Resource Quotas\n');
	const byName = [...quotas].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
	for (const rq of byName) {
		w.write(1, `Name:\t${rq.metadata?.name}\n`);
		const scopes = [...(rq.spec?.scopes ?? [])].sort();
		if (scopes.length > 0) {
			w.write(1, `Scopes:\t${scopes.join(', ')}\n`);
			for (const scope of scopes)
				if (hasOwnKey(SCOPE_HELP, scope)) w.write(1, `* ${SCOPE_HELP[scope]}\n`);
		}
		w.write(1, 'Resource\tUsed\tHard\n');
		w.write(1, '--------\t---\t---\n');
		for (const name of hardNames(rq))
			w.write(1, `${name}\t${rq.status?.used?.[name] ?? '0'}\t${rq.status!.hard![name]}\n`);
	}
}

/** describe.ts's entry for the type. */
export const QUOTA_DESCRIBER = {
	collection: QUOTAS,
	describe: (_kernel: Kernel, object: object) => describeQuota(object as ResourceQuota)
};
