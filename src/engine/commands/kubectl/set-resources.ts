/**
 * `kubectl set resources (TYPE NAME… | TYPE/NAME… | TYPE --all | TYPE -l SEL)
 * --limits=cpu=200m,memory=512Mi --requests=… [-c NAME]` (kubectl pkg/cmd/set/set_resources.go):
 * the chosen containers of each workload's pod template get the new requests and limits (merged
 * into what they had), the API server validates the result (a request above its limit is
 * refused, which kubectl wraps as `failed to patch resources update to pod template …`), and
 * the controller rolls the change out. Refusals are reported after the other objects changed.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { flag, parseFlags } from '../flags';
import { canonicalQuantity, validateObject } from '../../manifests/index';
import type { KubeObject } from '../../manifests/index';
import { unknownFlag } from './errors';
import { contextNamespace } from './kubeconfig-state';
import { qualifiedSingular, resolveType } from './resources';
import {
	invalidText,
	TEMPLATE_WORKLOADS,
	templateTargets,
	type TemplateTarget
} from './template-workloads';
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

export function setResources(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'namespace', short: 'n' },
		{ long: 'limits' },
		{ long: 'requests' },
		{ long: 'containers', short: 'c' },
		{ long: 'all', bool: true },
		{ long: 'selector', short: 'l' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'set resources'));
	// Complete: the objects first (a missing one ends the line, nothing changed).
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	const targets = templateTargets(ctx, 'set resources', parsed.args, namespace, parsed.flags);
	if (typeof targets === 'string') return fail(targets);
	// Validate: the requirements.
	const limits = resourceList(flag(parsed.flags, 'limits'));
	if (typeof limits === 'string') return fail(limits);
	const requests = resourceList(flag(parsed.flags, 'requests'));
	if (typeof requests === 'string') return fail(requests);
	if (Object.keys(limits).length + Object.keys(requests).length === 0) {
		return fail(
			'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n'
		);
	}
	// Run: each object in turn, its errors gathered after the others are updated.
	const selector = flag(parsed.flags, 'containers') ?? '*';
	let output = '';
	let errors = '';
	let changed = false;
	for (const target of targets) {
		const r = setOne(ctx, target, selector, limits, requests);
		if (r.line !== undefined) {
			output += r.line;
			changed = true;
		}
		if (r.error !== undefined) errors += r.error;
	}
	if (errors === '') return ok(output, changed);
	return fail(errors, output, changed);
}

/** One object's containers take the requirements; its line, or the error kubectl gathers. */
function setOne(
	ctx: CommandContext,
	{ plural, object }: TemplateTarget,
	selector: string,
	limits: Record<string, string>,
	requests: Record<string, string>
): { line?: string; error?: string } {
	const template = object.spec!.template!;
	const containers = template.spec!.containers;
	// selectContainers: a name, or `*` for all of them.
	const chosen = (c: Container) => selector === '*' || c.name === selector;
	if (!containers.some(chosen))
		return { error: `error: unable to find container named ${selector}\n` };
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
	if (JSON.stringify(updated) === JSON.stringify(object)) return {};
	const { collection, kind } = TEMPLATE_WORKLOADS[plural]!;
	const name = object.metadata!.name!;
	const causes = validateObject({ ...updated, kind } as unknown as KubeObject, true);
	// The API server's Invalid error, which Run wraps in a plain error (fmt.Errorf).
	if (causes.length > 0)
		return {
			error: `error: failed to patch resources update to pod template ${invalidText(kind, name, causes)}\n`
		};
	ctx.kubernetes!.apiServer.update(collection, updated, true);
	return {
		line: `${qualifiedSingular(resolveType(plural)!)}/${name} resource requirements updated\n`
	};
}
