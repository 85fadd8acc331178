/**
 * `kubectl set image (TYPE NAME… | TYPE/NAME… | TYPE --all | TYPE -l SEL) CONTAINER=IMAGE…`
 * (kubectl pkg/cmd/set/set_image.go) for deployments, replicasets, daemonsets and
 * statefulsets; their controllers roll the new template out.
 *
 * Complete builds the objects (a missing one ends the line with its NotFound, nothing changed),
 * Validate checks the pairs, and Run patches each object in turn: a container name an object
 * lacks is reported after the others are updated (the patch function gathers the error and the
 * object's other containers still change); an object whose images are already those is skipped
 * silently (empty patch).
 */
import type { Container } from 'kubernetes-types/core/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { flag, parseFlags } from '../flags';
import { unknownFlag } from './errors';
import { contextNamespace } from './kubeconfig-state';
import { qualifiedSingular, resolveType } from './resources';
import { TEMPLATE_WORKLOADS, templateTargets } from './template-workloads';

/**
 * cmdutil.GetResourcesAndPairs: the resources, then the `NAME=IMAGE` pairs; a resource after a
 * pair is an error.
 */
function resourcesAndPairs(
	args: readonly string[]
): { resources: string[]; pairs: string[] } | string {
	const resources: string[] = [];
	const pairs: string[] = [];
	for (const arg of args) {
		const isPair =
			(arg.includes('=') && !arg.startsWith('=')) || (arg.endsWith('-') && arg !== '-');
		if (isPair) pairs.push(arg);
		else if (pairs.length > 0)
			return `error: all resources must be specified before image changes: ${arg}\n`;
		else resources.push(arg);
	}
	return { resources, pairs };
}

/** set_image.go setImage: every container of that name (or every one for `*`) takes the image. */
function setImages(
	containers: readonly Container[],
	name: string,
	image: string
): { containers: Container[]; found: boolean } {
	let found = false;
	const next = containers.map((c) => {
		if (c.name !== name && name !== '*') return c;
		found = true;
		return { ...c, image };
	});
	return { containers: next, found };
}

export function setImage(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'namespace', short: 'n' },
		{ long: 'all', bool: true },
		{ long: 'selector', short: 'l' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'set image'));
	const split = resourcesAndPairs(parsed.args);
	if (typeof split === 'string') return fail(split);
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	const targets = templateTargets(ctx, 'set image', split.resources, namespace, parsed.flags);
	if (typeof targets === 'string') return fail(targets);
	// Validate, once the objects are known.
	if (split.pairs.length === 0) return fail('error: at least one image update is required\n');
	const updates = new Map(
		split.pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)])
	);
	for (const image of updates.values())
		if (image === '') return fail(`error: invalid image: ${JSON.stringify(image)}\n`);
	if (updates.size > 1 && updates.has('*'))
		return fail(
			'error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n'
		);
	// Run: each object in turn; the errors gathered (each carries its own `error: `) after them.
	const api = ctx.kubernetes!.apiServer;
	let output = '';
	let errors = '';
	let changed = false;
	for (const { plural, object } of targets) {
		const template = object.spec!.template!;
		let spec = template.spec!;
		for (const [name, image] of updates) {
			const init = setImages(spec.initContainers ?? [], name, image);
			const main = setImages(spec.containers, name, image);
			if (!init.found && !main.found)
				errors += `error: unable to find container named ${JSON.stringify(name)}\n`;
			spec = {
				...spec,
				containers: main.containers,
				...(spec.initContainers && { initContainers: init.containers })
			};
		}
		// An empty patch is skipped and kubectl prints nothing for the object.
		if (JSON.stringify(spec) === JSON.stringify(template.spec)) continue;
		api.update(
			TEMPLATE_WORKLOADS[plural]!.collection,
			{ ...object, spec: { ...object.spec!, template: { ...template, spec } } },
			true
		);
		changed = true;
		output += `${qualifiedSingular(resolveType(plural)!)}/${object.metadata!.name} image updated\n`;
	}
	if (errors === '') return ok(output, changed);
	return fail(errors, output, changed);
}
