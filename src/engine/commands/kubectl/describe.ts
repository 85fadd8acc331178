/**
 * `kubectl describe TYPE [NAME…]` / `TYPE/NAME` with `-n`, `-A`, `-l` (kubectl pkg/cmd/describe):
 * each object's description in kubectl v1.35's layout, two blank lines between objects. A NAME
 * with no exact match describes every object whose name starts with it
 * (DescribeMatchingResources), and a NotFound error only when none does.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ConfigMap, Namespace, Node, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { Kernel } from '../../core/kernel';
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags, type FlagSpec } from '../flags';
import {
	CRONJOBS,
	DEPLOYMENTS,
	INGRESSES,
	JOBS,
	PODS,
	REPLICASETS,
	SERVICES
} from '../../kubernetes/api/collections';
import { describeJob } from './describe-job';
import { describeConfigMap, describeNamespace, describeSecret } from './describe-config';
import { CONFIGMAPS, NAMESPACES, SECRETS, withVirtualObjects } from './namespaces';
import { describeCronJob } from './describe-cronjob';
import { NODES } from '../../kubernetes/node-object';
import { describeNode } from './describe-node';
import { describePod } from './describe-pod';
import { describeService } from './describe-service';
import { describeIngress } from './describe-ingress';
import type { Ingress } from 'kubernetes-types/networking/v1';
import { describeDeployment, describeReplicaSet } from './describe-workloads';
import { notFound, notSimulated, unknownFlag } from './errors';
import { qualifiedPlural, resolveType } from './resources';
import { matches, parseSelector } from './selector';
import { fileSections } from './get-files';
import { ROLEBINDINGS, CLUSTERROLEBINDINGS, SERVICEACCOUNTS } from './builtin-kind-printers';
import { describeRoleBinding, describeServiceAccount } from './describe-builtin-kinds';
import type { ServiceAccount } from 'kubernetes-types/core/v1';
import type { RoleBinding } from 'kubernetes-types/rbac/v1';
import { unmodeledListing } from './service-accounts';
import { PRIORITYCLASS_DESCRIBER } from './priority-class-printer';
import { HPA_DESCRIBER } from './hpa-printer';
import { STORAGECLASS_DESCRIBER } from './storage-class-printer';
import { PV_DESCRIBER } from './pv-printer';
import { QUOTAS, QUOTA_DESCRIBER } from './quota-printer';
import { LIMITRANGES, LIMITRANGE_DESCRIBER } from './limit-range-printer';
import { DAEMONSET_DESCRIBER, STATEFULSET_DESCRIBER } from './describe-pod-controllers';
import { CLAIM_DESCRIBER } from './describe-claims';
import { NETWORKPOLICY_DESCRIBER, PDB_DESCRIBER } from './describe-policies';
import { CLUSTERROLE_DESCRIBER, ROLE_DESCRIBER } from './describe-roles';
import { contextNamespace } from './kubeconfig-state';
import { customSource, describeGeneric } from './custom-resource-printers';
import { ENDPOINTSLICE_DESCRIBER, ENDPOINTS_DESCRIBER } from './describe-endpoints';
import { ENDPOINTS_WARNING } from './service-printers';
import { warnedFirst } from '../terminal';
import { genericDescriber } from './admission-registration-printers';
import {
	APISERVICES,
	MUTATING_WEBHOOKS,
	VALIDATING_WEBHOOKS
} from '../../kubernetes/api/collections';

const DESCRIBE_FLAGS: readonly FlagSpec[] = [
	{ long: 'namespace', short: 'n' },
	{ long: 'all-namespaces', short: 'A', bool: true },
	{ long: 'selector', short: 'l' },
	{ long: 'show-events', bool: true },
	{ long: 'filename', short: 'f', repeatable: true },
	{ long: 'recursive', short: 'R', bool: true }
];

interface Obj {
	metadata?: ObjectMeta;
}

/** Describes one object; without events the Events section is left out (`--show-events=false`). */
type Describer = (kernel: Kernel, object: Obj, showEvents: boolean) => string;

const DESCRIBERS: Record<string, { collection: string; describe: Describer }> = {
	pods: { collection: PODS, describe: (k, o, e) => describePod(k, o as Pod, e) },
	nodes: { collection: NODES, describe: (k, o, e) => describeNode(k, o as Node, e) },
	deployments: {
		collection: DEPLOYMENTS,
		describe: (k, o, e) => describeDeployment(k, o as Deployment, e)
	},
	replicasets: {
		collection: REPLICASETS,
		describe: (k, o, e) => describeReplicaSet(k, o as ReplicaSet, e)
	},
	services: { collection: SERVICES, describe: (k, o, e) => describeService(k, o as Service, e) },
	ingresses: {
		collection: INGRESSES,
		describe: (k, o, e) => describeIngress(k, o as Ingress, e)
	},
	jobs: { collection: JOBS, describe: (k, o, e) => describeJob(k, o as Job, e) },
	cronjobs: {
		collection: CRONJOBS,
		describe: (k, o, e) => describeCronJob(k, o as CronJob, e)
	},
	namespaces: {
		collection: NAMESPACES,
		describe: (k, o) => {
			const ns = (o as Namespace).metadata?.name ?? '';
			const inNs = <T extends { metadata?: { namespace?: string } }>(c: string) =>
				k.store.list<T>(c).filter((x) => x.metadata?.namespace === ns);
			return describeNamespace(o as Namespace, inNs(QUOTAS), inNs(LIMITRANGES));
		}
	},
	configmaps: {
		collection: CONFIGMAPS,
		describe: (k, o, e) => describeConfigMap(k, o as ConfigMap, e)
	},
	secrets: { collection: SECRETS, describe: (_k, o) => describeSecret(o as Secret) },
	serviceaccounts: {
		collection: SERVICEACCOUNTS,
		describe: (k, o, e) => describeServiceAccount(k, o as ServiceAccount, e)
	},
	rolebindings: {
		collection: ROLEBINDINGS,
		describe: (_k, o) => describeRoleBinding(o as RoleBinding)
	},
	clusterrolebindings: {
		collection: CLUSTERROLEBINDINGS,
		describe: (_k, o) => describeRoleBinding(o as RoleBinding)
	},
	priorityclasses: PRIORITYCLASS_DESCRIBER,
	horizontalpodautoscalers: HPA_DESCRIBER,
	storageclasses: STORAGECLASS_DESCRIBER,
	persistentvolumes: PV_DESCRIBER,
	resourcequotas: QUOTA_DESCRIBER,
	limitranges: LIMITRANGE_DESCRIBER,
	daemonsets: DAEMONSET_DESCRIBER,
	statefulsets: STATEFULSET_DESCRIBER,
	persistentvolumeclaims: CLAIM_DESCRIBER,
	poddisruptionbudgets: PDB_DESCRIBER,
	networkpolicies: NETWORKPOLICY_DESCRIBER,
	roles: ROLE_DESCRIBER,
	clusterroles: CLUSTERROLE_DESCRIBER,
	endpoints: ENDPOINTS_DESCRIBER,
	endpointslices: ENDPOINTSLICE_DESCRIBER,
	validatingwebhookconfigurations: genericDescriber(VALIDATING_WEBHOOKS),
	mutatingwebhookconfigurations: genericDescriber(MUTATING_WEBHOOKS),
	apiservices: genericDescriber(APISERVICES)
};

/** A built-in describer, else describe.go's generic one for CRDs and the kinds they define. */
function describerFor(plural: string, type = resolveType(plural)) {
	const custom = type === undefined ? undefined : customSource(type);
	return (
		DESCRIBERS[plural] ??
		(custom === undefined
			? undefined
			: { collection: custom.collection, describe: describeGeneric })
	);
}

const NO_TYPE =
	'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n';

export function describe(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, DESCRIBE_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'describe'));
	const selector = parseSelector(flag(parsed.flags, 'selector') ?? '');
	if (!selector.ok) return fail(`error: ${selector.error}\n`);
	const all = boolFlag(parsed.flags, 'all-namespaces');
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	const show =
		flag(parsed.flags, 'show-events') === undefined || boolFlag(parsed.flags, 'show-events');
	const read = fileSections(
		ctx,
		'describe',
		parsed.flags,
		parsed.args,
		selector.selector,
		(plural) => describerFor(plural)?.collection
	);
	if (typeof read === 'string') return fail(read);
	if (read !== undefined) {
		const found = read.sections.flatMap((s) =>
			s.objects.map((o) => describerFor(s.type.plural)!.describe(ctx.kernel, o, show))
		);
		return described(found, read.errors, 'No resources found');
	}
	const [first, ...names] = parsed.args;
	if (first === undefined) return fail(NO_TYPE);
	let typeWord = first;
	if (first.includes('/')) {
		if (names.length > 0 || first.indexOf('/') <= 0 || first.endsWith('/'))
			return fail('error: arguments in resource/name form must have a single resource and name\n');
		typeWord = first.slice(0, first.indexOf('/'));
		names.push(first.slice(first.indexOf('/') + 1));
	}
	const type = resolveType(typeWord);
	if (type === undefined)
		return fail(`error: the server doesn't have a resource type "${typeWord}"\n`);
	const source = describerFor(type.plural, type);
	if (source === undefined) return fail(notSimulated(`describe ${type.plural}`));
	const unmodeled = unmodeledListing(type.plural, namespace, all, names);
	if (unmodeled !== undefined) return fail(notSimulated(unmodeled.replace(/^get/, 'describe')));
	const inScope = withVirtualObjects(
		ctx,
		type.plural,
		ctx.kernel.store.list<Obj>(source.collection)
	)
		.filter((o) => !type.namespaced || all || (o.metadata?.namespace ?? 'default') === namespace)
		.filter((o) => matches(selector.selector, o.metadata?.labels ?? {}))
		.sort((a, b) => {
			const x = `${a.metadata?.namespace ?? ''}/${a.metadata?.name}`;
			const y = `${b.metadata?.namespace ?? ''}/${b.metadata?.name}`;
			return x < y ? -1 : x > y ? 1 : 0;
		});
	const found: Obj[] = [];
	let errors = '';
	if (names.length === 0) found.push(...inScope);
	for (const name of names) {
		const exact = inScope.find((o) => o.metadata?.name === name);
		if (exact !== undefined) found.push(exact);
		else if (names.length === 1 && !first.includes('/')) {
			// DescribeMatchingResources: `kubectl describe pods web` describes web-… pods.
			const prefixed = inScope.filter((o) => o.metadata?.name?.startsWith(name));
			if (prefixed.length > 0) found.push(...prefixed);
			else errors += notFound(qualifiedPlural(type), name);
		} else errors += notFound(qualifiedPlural(type), name);
	}
	const none =
		all || !type.namespaced
			? 'No resources found'
			: `No resources found in ${namespace} namespace.`;
	const result = described(
		found.map((o) => source.describe(ctx.kernel, o, show)),
		errors,
		none
	);
	// The API server's deprecation warning comes with every read of v1 Endpoints.
	return type.plural === 'endpoints' ? warnedFirst(result, ENDPOINTS_WARNING) : result;
}

/** describe.go Run: two blank lines between descriptions, the errors after them. */
function described(texts: readonly string[], errors: string, none: string): CommandResult {
	const output = texts.map((text, i) => (i === 0 ? text : `\n\n${text}`)).join('');
	if (errors !== '') return { ok: false, output, error: errors };
	if (texts.length === 0) return { ok: true, output: '', error: none + '\n' };
	return { ok: true, output };
}
