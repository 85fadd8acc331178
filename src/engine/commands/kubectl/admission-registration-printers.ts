/**
 * How kubectl v1.35 prints the admission and aggregation kinds (the server's tables):
 * - webhook configurations: pkg/printers/internalversion/printers.go
 *   validatingWebhookColumnDefinitions / mutatingWebhookColumnDefinitions: NAME WEBHOOKS AGE,
 *   WEBHOOKS the number of webhooks (printValidatingWebhook: `len(obj.Webhooks)`);
 * - APIServices: kube-aggregator pkg/registry/apiservice/etcd/etcd.go ConvertToTable: NAME SERVICE
 *   AVAILABLE AGE, SERVICE `namespace/name` or `Local`, AVAILABLE the Available condition's status,
 *   with its reason in parentheses unless True, `Unknown` when there is no condition yet.
 * `describe` uses kubectl's generic describer for all three (describe.go has no describer of its own).
 */
import type {
	WebhookConfiguration,
	APIService
} from '../../manifests/admission-registration-kinds';
import { ageOf } from './node-printer';
import type { Printer } from './workload-printers';
import { describeGeneric } from './custom-resource-printers';
import type { Kernel } from '../../core/kernel';

export const WEBHOOK_CONFIGURATION_PRINTER: Printer<WebhookConfiguration> = {
	columns: ['NAME', 'WEBHOOKS', 'AGE'],
	wide: [],
	row: (c, now) => [
		c.metadata?.name ?? '',
		String((c.webhooks ?? []).length),
		ageOf(c.metadata?.creationTimestamp, now)
	]
};

/** The AVAILABLE cell. */
export function apiServiceAvailable(api: APIService): string {
	const condition = (api.status?.conditions ?? []).find((c) => c.type === 'Available');
	if (condition === undefined) return 'Unknown';
	if (condition.status === 'True' || !condition.reason) return condition.status;
	return `${condition.status} (${condition.reason})`;
}

export const APISERVICE_PRINTER: Printer<APIService> = {
	columns: ['NAME', 'SERVICE', 'AVAILABLE', 'AGE'],
	wide: [],
	row: (api, now) => {
		const service = api.spec?.service;
		return [
			api.metadata?.name ?? '',
			service === undefined ? 'Local' : `${service.namespace ?? ''}/${service.name ?? ''}`,
			apiServiceAvailable(api),
			ageOf(api.metadata?.creationTimestamp, now)
		];
	}
};

/** describe.ts's entries: the generic describer. */
export const genericDescriber = (collection: string) => ({
	collection,
	describe: (kernel: Kernel, object: object, showEvents: boolean) =>
		describeGeneric(kernel, object as Parameters<typeof describeGeneric>[1], showEvents)
});
