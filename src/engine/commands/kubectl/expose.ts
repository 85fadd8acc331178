/**
 * `kubectl expose deployment|replicaset|pod|service NAME` (kubectl expose.go and the service
 * generator, generate/versioned/service.go ServiceGeneratorV2): a Service selecting what the
 * object selects, its ports from `--port` or from the containers' ports, `targetPort` from
 * `--target-port` or else the port, the object's labels copied.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodSpec, Service, ServicePort } from 'kubernetes-types/core/v1';
import { fail, type CommandContext, type CommandResult } from '../context';
import { flag, parseFlags } from '../flags';
import { DEPLOYMENTS, PODS, REPLICASETS, SERVICES } from '../../kubernetes/api/collections';
import { admitService } from '../../kubernetes/services/index';
import {
	applyDefaults,
	describeError,
	validateObject,
	type KubeObject
} from '../../manifests/index';
import { notFound, unknownFlag } from './errors';
import { createAdmission } from './create-admission';
import { fieldErrorText } from '../../manifests/field-errors';
import type { FieldError } from '../../manifests/types';
import { qualifiedPlural, resolveType } from './resources';
import {
	PRINT_FLAGS,
	printed,
	printingFor,
	serverDryRunObject,
	withBareDryRun,
	withoutRandomness,
	type Printing
} from './dry-run';
import { contextNamespace } from './kubeconfig-state';
import { putOwn } from '../../core/own-keys';

const EXPOSE_FLAGS = [
	{ long: 'port' },
	{ long: 'target-port' },
	{ long: 'type' },
	{ long: 'name' },
	{ long: 'protocol' },
	{ long: 'namespace', short: 'n' },
	{ long: 'selector' },
	{ long: 'session-affinity' },
	{ long: 'cluster-ip' },
	...PRINT_FLAGS
];

interface Exposable {
	labels: Record<string, string>;
	selector: Record<string, string> | string;
	spec: PodSpec | undefined;
}

function exposable(
	ctx: CommandContext,
	plural: string,
	ns: string,
	name: string
): Exposable | undefined | string {
	const api = ctx.kubernetes!.apiServer;
	const fromSelector = (
		sel: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined
	) =>
		(sel?.matchExpressions?.length ?? 0) > 0
			? `couldn't convert expressions - "${JSON.stringify(sel?.matchExpressions)}" to map-based selector format`
			: { ...sel?.matchLabels };
	if (plural === 'deployments' || plural === 'replicasets') {
		const o = api.get<Deployment | ReplicaSet>(
			plural === 'deployments' ? DEPLOYMENTS : REPLICASETS,
			ns,
			name
		);
		if (o === undefined) return undefined;
		return {
			labels: { ...o.metadata?.labels },
			selector: fromSelector(o.spec?.selector),
			spec: o.spec?.template?.spec
		};
	}
	if (plural === 'pods') {
		const p = api.get<Pod>(PODS, ns, name);
		if (p === undefined) return undefined;
		const labels = { ...p.metadata?.labels };
		if (Object.keys(labels).length === 0) return `the pod has no labels and cannot be exposed`;
		return { labels, selector: labels, spec: p.spec };
	}
	const s = api.get<Service>(SERVICES, ns, name);
	if (s === undefined) return undefined;
	if (!s.spec?.selector) return `the service has no pod selector set`;
	return { labels: { ...s.metadata?.labels }, selector: { ...s.spec.selector }, spec: undefined };
}

export function expose(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(withBareDryRun(words), EXPOSE_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'expose'));
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return fail(printing.error);
	const args = parsed.args;
	let typeWord: string | undefined;
	let name: string | undefined;
	if (args.length === 1 && args[0]!.includes('/')) [typeWord, name] = args[0]!.split('/', 2);
	else if (args.length === 2) [typeWord, name] = args;
	if (typeWord === undefined || !name)
		return fail(
			"error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"
		);
	const type = resolveType(typeWord);
	if (type === undefined)
		return fail(`error: the server doesn't have a resource type "${typeWord}"\n`);
	if (!['deployments', 'replicasets', 'pods', 'services'].includes(type.plural))
		return fail(`error: cannot expose a ${type.kind}\n`);
	const namespaceFlag = flag(parsed.flags, 'namespace');
	const ns = namespaceFlag ?? contextNamespace(ctx);
	const found = exposable(ctx, type.plural, ns, name);
	if (found === undefined) return fail(notFound(qualifiedPlural(type), name));
	if (typeof found === 'string') return fail(`error: ${found}\n`);
	if (typeof found.selector === 'string') return fail(`error: ${found.selector}\n`);
	const protocol = flag(parsed.flags, 'protocol');
	const ports = servicePorts(flag(parsed.flags, 'port'), protocol, found.spec);
	if (typeof ports === 'string') return fail(ports);
	const target = flag(parsed.flags, 'target-port');
	for (const p of ports)
		p.targetPort = target === undefined ? p.port : /^\d+$/.test(target) ? Number(target) : target;
	const selectorText = flag(parsed.flags, 'selector');
	const selector = selectorText === undefined ? found.selector : parseMapSelector(selectorText);
	if (selector === undefined)
		return fail(`error: invalid selector ${JSON.stringify(selectorText)}\n`);
	const serviceName = flag(parsed.flags, 'name') ?? name;
	const affinity = flag(parsed.flags, 'session-affinity');
	const clusterIP = flag(parsed.flags, 'cluster-ip');
	const type2 = flag(parsed.flags, 'type');
	const object: KubeObject = {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {
			name: serviceName,
			...(namespaceFlag !== undefined ? { namespace: ns } : {}),
			...(Object.keys(found.labels).length > 0 ? { labels: found.labels } : {})
		},
		spec: {
			ports,
			selector,
			...(type2 !== undefined ? { type: type2 } : {}),
			...(affinity !== undefined ? { sessionAffinity: affinity } : {}),
			...(clusterIP !== undefined ? { clusterIP } : {})
		}
	} as KubeObject;
	return sendService(ctx, printing, object, ns, 'kubectl expose', 'exposed');
}

/**
 * Sends a Service a kubectl generator made (expose, create service): a client dry run prints
 * it as built (the namespace only with -n; ServiceStatus's empty loadBalancer struct always
 * prints), a server dry run prints what the API server would store, else it is stored.
 * `failedTo` is how create service wraps the server's refusal (create_service.go Run:
 * `failed to create ClusterIP service: …`); expose prints the server's error as it is.
 */
export function sendService(
	ctx: CommandContext,
	printing: Printing,
	object: KubeObject,
	ns: string,
	by: string,
	operation: string,
	failedTo?: string
): CommandResult {
	const what = `service/${object.metadata?.name ?? ''}`;
	if (printing.strategy === 'client')
		return printed(printing, { ...object, status: { loadBalancer: {} } }, what, operation);
	const sent = { ...object, metadata: { ...object.metadata, namespace: ns } } as KubeObject;
	const stored =
		printing.strategy === 'server'
			? withoutRandomness(ctx, () => storeService(ctx, sent, ns, by, false))
			: storeService(ctx, sent, ns, by, true);
	if ('refused' in stored) return fail(refusalText(stored.refused, failedTo));
	const answer =
		printing.strategy === 'server' ? serverDryRunObject(ctx, stored.service, ns) : stored.service;
	return printed(printing, answer, what, operation);
}

/** The API server's refusal of a create: its reason, message, and Invalid causes. */
interface Refusal {
	reason: 'AlreadyExists' | 'Forbidden' | 'Invalid';
	message: string;
	invalid?: { name: string; causes: FieldError[] };
}

/**
 * As kubectl prints a refusal: wrapped by fmt.Errorf (`error: <failedTo>: <message>`), or as
 * the StatusError itself (cmdutil.CheckErr: an Invalid error lists its causes).
 */
function refusalText(refused: Refusal, failedTo: string | undefined): string {
	if (failedTo !== undefined) return `error: ${failedTo}: ${refused.message}\n`;
	if (refused.invalid !== undefined)
		return describeError({ stage: 'invalid', kind: 'Service', group: '', ...refused.invalid }, '')
			.standalone;
	return `Error from server (${refused.reason}): ${refused.message}\n`;
}

/**
 * The API server's create of a generated Service: defaults, validation, admission, ClusterIP
 * and node port allocation, and the write unless `store` is false (a server dry run). The
 * answer, or the API server's refusal.
 */
function storeService(
	ctx: CommandContext,
	object: KubeObject,
	ns: string,
	by: string,
	store: boolean
): { refused: Refusal } | { service: Service } {
	const serviceName = object.metadata?.name ?? '';
	const api = ctx.kubernetes!.apiServer;
	if (api.get(SERVICES, ns, serviceName) !== undefined)
		return {
			refused: {
				reason: 'AlreadyExists',
				message: `services ${JSON.stringify(serviceName)} already exists`
			}
		};
	applyDefaults(object, ns, true);
	const invalid = (causes: FieldError[]) => ({
		refused: {
			reason: 'Invalid' as const,
			message: `Service ${JSON.stringify(serviceName)} is invalid: ${aggregate(causes)}`,
			invalid: { name: serviceName, causes }
		}
	});
	const causes = validateObject(object, true);
	if (causes.length > 0) return invalid(causes);
	const forbidden = createAdmission(ctx, object);
	if (forbidden !== undefined) return { refused: { reason: 'Forbidden', message: forbidden } };
	const admitted = admitService(ctx.kernel, object as Service);
	if (!admitted.ok) return invalid(admitted.causes);
	if (!store) return { service: admitted.service };
	const service = api.create(SERVICES, admitted.service);
	ctx.kernel.emit(
		'service.created',
		`service/${serviceName}`,
		`Service ${serviceName} created by ${by}.`
	);
	return { service };
}

/** errors.NewInvalid's message: one cause as it is, several as `[a, b]` (Aggregate). */
function aggregate(causes: readonly FieldError[]): string {
	const texts = [...new Set(causes.map(fieldErrorText))];
	return texts.length === 1 ? texts[0]! : `[${texts.join(', ')}]`;
}

/** `--port`, or every container port of the template (named port-1, port-2… when several). */
function servicePorts(
	portText: string | undefined,
	protocol: string | undefined,
	spec: PodSpec | undefined
): ServicePort[] | string {
	if (portText !== undefined) {
		if (!/^\d+$/.test(portText))
			return `error: invalid argument "${portText}" for "--port" flag: strconv.ParseInt: parsing "${portText}": invalid syntax\n`;
		return [{ port: Number(portText), protocol: protocol ?? 'TCP' }];
	}
	const found = (spec?.containers ?? []).flatMap((c) => c.ports ?? []);
	if (found.length === 0) return "error: couldn't find port via --port flag or introspection\n";
	return found.map((p, i) => ({
		...(found.length > 1 ? { name: `port-${i + 1}` } : {}),
		port: p.containerPort,
		protocol: protocol ?? p.protocol ?? 'TCP'
	}));
}

function parseMapSelector(text: string): Record<string, string> | undefined {
	const out: Record<string, string> = {};
	for (const part of text.split(',')) {
		const eq = part.indexOf('=');
		if (eq <= 0) return undefined;
		putOwn(out, part.slice(0, eq), part.slice(eq + 1));
	}
	return out;
}
