// --sort-by (kubectl pkg/cmd/get/sorter.go) and -o custom-columns (cli-runtime
// printers/customcolumn.go) on decoded objects.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	naturalLess,
	relaxedJsonPath,
	sortByPath
} from '../../../src/engine/commands/kubectl/sort-by';
import {
	parseCustomColumns,
	printCustomColumns
} from '../../../src/engine/commands/kubectl/custom-columns';
import type { Json } from '../../../src/engine/commands/kubectl/jsonpath';

const obj = (name: string, extra: Record<string, Json> = {}): Json => ({
	metadata: { name },
	...extra
});
const names = (list: Json[] | { error: string }) =>
	'error' in list
		? list.error
		: list.map((o) => (o as { metadata: { name: string } }).metadata.name);

describe('--sort-by', () => {
	it('accepts the four spellings of a path', () => {
		for (const p of ['a.b', '.a.b', '{a.b}', '{.a.b}']) expect(relaxedJsonPath(p)).toBe('{.a.b}');
		expect(relaxedJsonPath('{.a}{.b}')).toEqual({
			error:
				"unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"
		});
	});

	it('orders names naturally: web-9 before web-10', () => {
		const list = ['web-10', 'web-9', 'api', 'web-1'].map((n) => obj(n));
		expect(names(sortByPath(list, '.metadata.name', (o) => o))).toEqual([
			'api',
			'web-1',
			'web-9',
			'web-10'
		]);
	});

	it('orders quantities by value and numbers numerically', () => {
		const list = [
			obj('a', { cpu: '2', n: 10 }),
			obj('b', { cpu: '500m', n: 9 }),
			obj('c', { cpu: '1500m', n: 100 })
		];
		expect(names(sortByPath(list, '.cpu', (o) => o))).toEqual(['b', 'c', 'a']);
		expect(names(sortByPath(list, '.n', (o) => o))).toEqual(['b', 'a', 'c']);
	});

	it('puts objects without the field first, and refuses a field no object has', () => {
		const list = [obj('a', { x: 'b' }), obj('b'), obj('c', { x: 'a' })];
		expect(names(sortByPath(list, '.x', (o) => o))).toEqual(['b', 'c', 'a']);
		expect(sortByPath(list, '.nope', (o) => o)).toEqual({
			error: 'couldn\'t find any field with path "{.nope}" in the list of objects'
		});
	});

	it('natural order is a strict order that agrees with numbers', () => {
		fc.assert(
			fc.property(fc.nat(10_000), fc.nat(10_000), (a, b) => {
				expect(naturalLess(`pod-${a}`, `pod-${b}`)).toBe(a < b);
				expect(naturalLess(`pod-${a}`, `pod-${a}`)).toBe(false);
			})
		);
	});
});

describe('-o custom-columns', () => {
	it('prints a header, one row per object, <none> for a missing field, commas for several', () => {
		const columns = parseCustomColumns(
			'NAME:.metadata.name,NODE:.spec.nodeName,IMAGES:.spec.c[*].i'
		);
		if ('error' in columns) throw new Error(columns.error);
		const text = printCustomColumns(
			columns,
			[
				obj('web-1', { spec: { nodeName: 'node-1', c: [{ i: 'a' }, { i: 'b' }] } }),
				obj('pending-pod', { spec: {} })
			],
			false
		);
		expect(text).toBe(
			'NAME          NODE     IMAGES\nweb-1         node-1   a,b\npending-pod   <none>   <none>\n'
		);
	});

	it('refuses a column without a path, and an empty spec', () => {
		expect(parseCustomColumns('NAME')).toEqual({
			error: 'unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>'
		});
		expect(parseCustomColumns('')).toEqual({
			error: 'custom-columns format specified but no custom columns given'
		});
	});
});
