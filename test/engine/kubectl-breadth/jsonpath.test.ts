// kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath): what `-o jsonpath` prints for
// the templates people copy from the kubectl cheat sheet, and the parser's and evaluator's own
// error texts.
import { describe, expect, it } from 'vitest';
import {
	findResults,
	parseJsonPath,
	printResults,
	type Json
} from '../../../src/engine/commands/kubectl/jsonpath';
import { goFloat, goSharpV } from '../../../src/engine/commands/kubectl/go-values';

const LIST: Json = {
	kind: 'List',
	items: [
		{
			metadata: { name: 'web-1', labels: { app: 'web', 'app.kubernetes.io/name': 'web' } },
			spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
			status: { phase: 'Running', restarts: 0 }
		},
		{
			metadata: { name: 'web-2', labels: { app: 'web' } },
			spec: { nodeName: 'node-2', containers: [{ name: 'nginx', image: 'nginx:1.28' }] },
			status: { phase: 'Pending', restarts: 3 }
		}
	]
};

function run(template: string, data: Json = LIST, allowMissing = true): string {
	const parsed = parseJsonPath(template);
	if ('error' in parsed) throw new Error(parsed.error);
	const results = findResults(parsed, data, allowMissing);
	if ('error' in results) return `ERROR ${results.error}`;
	return printResults(results);
}

describe('kubectl JSONPath', () => {
	it('joins the values of one expression with spaces and prints text around it as is', () => {
		expect(run('{.items[*].metadata.name}')).toBe('web-1 web-2');
		expect(run('names: {.items[*].metadata.name}!')).toBe('names: web-1 web-2!');
		expect(run('{.items[0].metadata.name} {.items[1].status.phase}')).toBe('web-1 Pending');
	});

	it('indexes, slices and counts from the end', () => {
		expect(run('{.items[-1].metadata.name}')).toBe('web-2');
		expect(run('{.items[0:1].metadata.name}')).toBe('web-1');
		expect(run('{.items[:].spec.nodeName}')).toBe('node-1 node-2');
		expect(run('{.items[0,1].status.restarts}')).toBe('0 3');
	});

	it('repeats a range body per item, with quoted tab and newline literals', () => {
		expect(run('{range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}')).toBe(
			'web-1\tnode-1\nweb-2\tnode-2\n'
		);
		expect(run('{range .items[*]}[{.metadata.name}]{end}')).toBe('[web-1][web-2]');
	});

	it('filters items by a field, and by its presence', () => {
		expect(run('{.items[?(@.status.phase=="Running")].metadata.name}')).toBe('web-1');
		expect(run("{.items[?(@.status.phase!='Running')].metadata.name}")).toBe('web-2');
		expect(run('{.items[?(@.status.restarts>1)].metadata.name}')).toBe('web-2');
		expect(run('{.items[?(@.metadata.labels.app\\.kubernetes\\.io/name)].metadata.name}')).toBe(
			'web-1'
		);
	});

	it('prints maps and lists as compact JSON with sorted keys', () => {
		expect(run('{.items[1].metadata.labels}')).toBe('{"app":"web"}');
		expect(run('{.items[0].spec.containers[0]}')).toBe('{"image":"nginx:1.27","name":"nginx"}');
		expect(run("{.items[0].metadata.labels['app']}")).toBe('web');
	});

	it('finds keys at any depth with ..', () => {
		expect(run('{..image}')).toBe('nginx:1.27 nginx:1.28');
	});

	it('prints nothing for a missing key by default, and names it when keys must exist', () => {
		expect(run('{.items[0].spec.hostNetwork}')).toBe('');
		expect(run('{.items[0].spec.hostNetwork}', LIST, false)).toBe('ERROR hostNetwork is not found');
	});

	it('words evaluation errors as client-go does', () => {
		expect(run('{.items[5].metadata.name}')).toBe(
			'ERROR array index out of bounds: index 5, length 2'
		);
		expect(run('{.kind[0]}')).toBe('ERROR string is not array or slice');
		expect(run('{end}')).toBe('ERROR not in range, nothing to end');
		// text/template refuses to compare a whole number with a float literal.
		expect(run('{.items[?(@.status.restarts==3.0)].metadata.name}')).toBe(
			'ERROR incompatible types for comparison'
		);
	});

	it('words parse errors as client-go does', () => {
		const error = (t: string) => {
			const r = parseJsonPath(t);
			return 'error' in r ? r.error : 'parsed';
		};
		expect(error('{.items[*')).toBe('unterminated array');
		expect(error('{.items')).toBe('unclosed action');
		expect(error('{.items[?(@.x=="a"')).toBe('unterminated filter');
		expect(error('{.items[x]}')).toBe('invalid array index x');
		expect(error('{foo}')).toBe('unrecognized identifier foo');
		expect(error('{!}')).toBe("unrecognized character in action: U+0021 '!'");
		expect(error('{"abc}')).toBe('unterminated quoted string');
	});

	it('jsonpath-as-json prints each expression as an indented JSON array', () => {
		const parsed = parseJsonPath('{.items[*].metadata.name}');
		if ('error' in parsed) throw new Error(parsed.error);
		const results = findResults(parsed, LIST, true);
		if ('error' in results) throw new Error(results.error);
		expect(printResults(results, true)).toBe('[\n    "web-1",\n    "web-2"\n]\n');
	});
});

describe("Go's printing of decoded JSON", () => {
	it('prints whole numbers in full and other floats as %v does', () => {
		expect(goFloat(3)).toBe('3');
		expect(goFloat(1_000_000)).toBe('1000000');
		expect(goFloat(0.5)).toBe('0.5');
		expect(goFloat(1234567.5)).toBe('1.2345675e+06');
		expect(goFloat(0.00001)).toBe('1e-05');
	});

	it('dumps a value as %#v for the jsonpath error message', () => {
		expect(goSharpV({ b: [1, 'x', null], a: true })).toBe(
			'map[string]interface {}{"a":true, "b":[]interface {}{1, "x", interface {}(nil)}}'
		);
	});
});
