/**
 * `kubectl set resources TYPE NAME --limits=cpu=200m,memory=512Mi --requests=… [-c NAME]`
 * (kubectl pkg/cmd/set/set_resources.go): the chosen containers of a workload's pod template
 * get the new requests and limits (merged into what they had), the API server validates the
 * result (a request above its limit is refused), and the controller rolls the change out.
 */
import type { Container, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { flag, parseFlags } from '../flags';
import type { KubeObject as StoredObject } from '../../kubernetes/api/api-server';
import { canonicalQuantity, describeError, validateObject } from '../../manifests/index';
import type { KubeObject } from '../../manifests/index';
import { notFound, unknownFlag } from './errors';
import { typeAndName } from './mutate';
import { contextNamespace } from './kubeconfig-state';
import { TEMPLATE_WORKLOADS } from './template-workloads';
import { putOwn } from '../../core/own-keys';

/** ParseResourceList: `cpu=200m,memory=512Mi`, each quantity parsed as the API parses it. */
function resourceList(text: string | undefined): Record<string, string> | string {
	const out: Record<string, string> = {};
	if (text === undefined || text === '') return out;
	for (const pair of text.split(',')) {
		const eq = pair.indexOf('=');
		if (eq <= 0) return `error: invalid resource specification: ${pair}\n`;
		const q = canonicalQuantity(pair.slice(eq + 1));
		if ('error' in q) return `error: ${q.error}\n`;
		putOwn(out, pair.slice(0, eq), pair.slice(eq + 1));
	}
	return out;
}

interface Templated extends StoredObject {
	spec?: { template?: PodTemplateSpec };
}

export function setResources(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'namespace', short: 'n' },
		{ long: 'limits' },
		{ long: 'requests' },
		{ long: 'containers', short: 'c' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'set resources'));
	const target = typeAndName(parsed.args);
	if ('error' in target) return fail(target.error);
	const limits = resourceList(flag(parsed.flags, 'limits'));
	if (typeof limits === 'string') return fail(limits);
	const requests = resourceList(flag(parsed.flags, 'requests'));
	if (typeof requests === 'string') return fail(requests);
	if (Object.keys(limits).length + Object.keys(requests).length === 0) {
		return fail(
			'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n'
		);
	}
	const collection = TEMPLATE_WORKLOADS[target.plural]?.collection;
	if (collection === undefined)
		return fail(
			`error: "kubectl set resources ${target.plural}" is not simulated in this lab yet\n`
		);
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	const api = ctx.kubernetes!.apiServer;
	const object = api.get<Templated>(collection, namespace, target.name);
	if (object === undefined) return fail(notFound(target.qualifiedPlural, target.name));

	const selector = flag(parsed.flags, 'containers') ?? '*';
	const template = object.spec!.template!;
	const containers = template.spec!.containers;
	// selectContainers: a name, or `*` for all of them.
	const chosen = (c: Container) => selector === '*' || c.name === selector;
	if (!containers.some(chosen)) return fail(`error: unable to find container named ${selector}\n`);
	const next = containers.map((c) =>
		chosen(c)
			? {
					...c,
					resources: {
						...c.resources,
						limits: { ...c.resources?.limits, ...limits },
						requests: { ...c.resources?.requests, ...requests }
					}
				}
			: c
	);
	for (const c of next) {
		if (Object.keys(c.resources?.limits ?? {}).length === 0) delete c.resources?.limits;
		if (Object.keys(c.resources?.requests ?? {}).length === 0) delete c.resources?.requests;
	}
	const updated = {
		...object,
		spec: {
			...object.spec,
			template: { ...template, spec: { ...template.spec!, containers: next } }
		}
	};
	// An empty patch is skipped and kubectl prints nothing.
	if (JSON.stringify(updated) === JSON.stringify(object)) return ok('');
	const { kind } = TEMPLATE_WORKLOADS[target.plural]!;
	const group = 'apps';
	const causes = validateObject({ ...updated, kind } as unknown as KubeObject, true);
	if (causes.length > 0) {
		return fail(
			describeError({ stage: 'invalid', kind, group, name: target.name, causes }, '').standalone
		);
	}
	api.update(collection, updated, true);
	return ok(`${target.qualifiedSingular}/${target.name} resource requirements updated\n`, true);
}
