/** `kubectl get TYPE [NAME…]` with `-o wide|json|yaml|name`, `-l`, `--show-labels`, `--no-headers`. */
import type { Node } from 'kubernetes-types/core/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags, type FlagSpec } from '../flags';
import { kubectlJson, kubectlList, kubectlYaml } from '../json';
import { KUBECTL_GET, tabwrite } from '../tabwriter';
import { NODES } from '../../kubernetes/node-object';
import { notFound, notSimulated, unknownFlag } from './errors';
import { NODE_COLUMNS, NODE_WIDE_COLUMNS, nodeRow } from './node-printer';
import { qualifiedPlural, qualifiedSingular, resolveType, type ResourceType } from './resources';
import { matches, parseSelector } from './selector';

export const GET_FLAGS: readonly FlagSpec[] = [
	{ long: 'output', short: 'o' },
	{ long: 'namespace', short: 'n' },
	{ long: 'all-namespaces', short: 'A', bool: true },
	{ long: 'selector', short: 'l' },
	{ long: 'show-labels', bool: true },
	{ long: 'no-headers', bool: true }
];

const OUTPUTS = ['', 'wide', 'json', 'yaml', 'name'];

const PRINTER_ERROR =
	'error: unable to match a printer suitable for the output format "%s", allowed formats are: ' +
	'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,' +
	'jsonpath-file,name,template,templatefile,wide,yaml\n';

const GET_USAGE =
	'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
	'error: Required resource not specified.\n' +
	'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
	"See 'kubectl get -h' for help and examples\n";

export function kubectlGet(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, GET_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'get'));
	const output = flag(parsed.flags, 'output') ?? '';
	if (!OUTPUTS.includes(output)) return fail(PRINTER_ERROR.replace('%s', output));
	const selectorText = flag(parsed.flags, 'selector') ?? '';
	const selector = parseSelector(selectorText);
	if (!selector.ok) return fail(`error: ${selector.error}\n`);
	const [typeWord, ...names] = parsed.args;
	if (typeWord === undefined) return fail(GET_USAGE);
	if (typeWord.includes(',') || typeWord.includes('/')) {
		return notSimulatedResult('get with several types or TYPE/NAME');
	}
	const type = resolveType(typeWord);
	if (type === undefined) {
		return fail(`error: the server doesn't have a resource type "${typeWord}"\n`);
	}
	if (!type.simulated) return notSimulatedResult(`get ${type.plural}`);
	const namespace = flag(parsed.flags, 'namespace') ?? 'default';
	const all = boolFlag(parsed.flags, 'all-namespaces');
	if (type.alwaysEmpty) return emptyResult(type, names, namespace, all, output);

	const objects = ctx.kernel.store
		.list<Node>(NODES)
		.filter((n) => matches(selector.selector, n.metadata?.labels ?? {}));
	const found: Node[] = [];
	let errors = '';
	if (names.length === 0) found.push(...objects);
	else {
		for (const name of names) {
			const node = objects.find((n) => n.metadata?.name === name);
			if (node !== undefined) found.push(node);
			else errors += notFound(qualifiedPlural(type), name);
		}
	}
	const text = render(ctx, type, found, output, names.length === 1, {
		showLabels: boolFlag(parsed.flags, 'show-labels'),
		noHeaders: boolFlag(parsed.flags, 'no-headers')
	});
	if (errors !== '') return { ok: false, output: text, error: errors };
	if (found.length === 0 && output !== 'json' && output !== 'yaml') {
		return { ok: true, output: '', error: 'No resources found\n' };
	}
	return ok(text);
}

function notSimulatedResult(what: string): CommandResult {
	return fail(notSimulated(what));
}

function emptyResult(
	type: ResourceType,
	names: readonly string[],
	ns: string,
	all: boolean,
	output: string
): CommandResult {
	if (names.length > 0) {
		return fail(names.map((n) => notFound(qualifiedPlural(type), n)).join(''));
	}
	// Structured output of nothing is still a List (cli-formats.md §2.10).
	if (output === 'json') return ok(kubectlJson(kubectlList([])));
	if (output === 'yaml') return ok(kubectlYaml(kubectlList([])));
	const text =
		all || !type.namespaced ? 'No resources found' : `No resources found in ${ns} namespace.`;
	return { ok: true, output: '', error: text + '\n' };
}

function render(
	ctx: CommandContext,
	type: ResourceType,
	nodes: readonly Node[],
	output: string,
	single: boolean,
	opts: { showLabels: boolean; noHeaders: boolean }
): string {
	if (output === 'json')
		return kubectlJson(single && nodes.length === 1 ? nodes[0] : kubectlList(nodes));
	if (output === 'yaml')
		return kubectlYaml(single && nodes.length === 1 ? nodes[0] : kubectlList(nodes));
	if (output === 'name') {
		return nodes.map((n) => `${qualifiedSingular(type)}/${n.metadata?.name}\n`).join('');
	}
	if (nodes.length === 0) return '';
	const wide = output === 'wide';
	const header = [...NODE_COLUMNS, ...(wide ? NODE_WIDE_COLUMNS : [])];
	if (opts.showLabels) header.push('LABELS');
	const rows = nodes.map((n) => {
		const row = nodeRow(n, ctx.kernel.now, wide);
		if (opts.showLabels) row.push(labelsCell(n.metadata?.labels));
		return row;
	});
	const lines = opts.noHeaders ? rows : [header, ...rows];
	return tabwrite(lines.map((cells) => cells.join('\t') + '\n').join(''), KUBECTL_GET);
}

function labelsCell(labels: Record<string, string> | undefined): string {
	const keys = Object.keys(labels ?? {}).sort();
	return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}
