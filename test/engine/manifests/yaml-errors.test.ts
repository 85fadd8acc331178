// go-yaml's wording and line numbers for broken YAML. Every expected text below was printed by
// kubectl itself (`kubectl create -f FILE --validate=false`, client v1.32.4, offline: the YAML is
// converted before any server is contacted), so these are go-yaml v2 / sigs.k8s.io/yaml facts:
//   error: error parsing FILE: error converting YAML to JSON: <expected>
// Line numbers count from the start of each `---` document, as kubectl's do.
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../../src/engine/manifests/parse';

const CASES: [string, string, string][] = [
	[
		'amp',
		'apiVersion: v1\nkind: Pod\nmetadata:\n  name: &\n',
		'yaml: line 4: did not find expected alphabetic or numeric character'
	],
	[
		'anchor',
		'apiVersion: v1\nkind: Pod\nmetadata:\n  name: *x\n',
		"yaml: unknown anchor 'x' referenced"
	],
	[
		'at',
		'apiVersion: v1\nkind: Pod\nmetadata:\n  name: @x\n',
		'yaml: line 4: found character that cannot start any token'
	],
	[
		'backtick',
		'apiVersion: v1\nkind: Pod\nmetadata:\n  name: `x`\n',
		'yaml: line 4: found character that cannot start any token'
	],
	[
		'blockscalar',
		'apiVersion: v1\nkind: Pod\nmetadata:\n  name: >\n x\n',
		'yaml: line 4: did not find expected key'
	],
	[
		'dash',
		'apiVersion: v1\nkind: Pod\nmetadata:\n  - name: x\n  labels: y\n',
		"yaml: line 4: did not find expected '-' indicator"
	],
	[
		'escape',
		'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "a\\qb"\n',
		'yaml: line 4: found unknown escape character'
	],
	[
		'flow1',
		'apiVersion: v1\nkind: Pod\nspec:\n  command: [a, b\n  image: x\n',
		"yaml: line 4: did not find expected ',' or ']'"
	],
	[
		'flow2',
		'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n',
		"yaml: line 3: did not find expected ',' or '}'"
	],
	[
		'flow3',
		'apiVersion: v1\nkind: Pod\nmetadata: {name: x}}\n',
		'yaml: line 2: did not find expected key'
	],
	[
		'flow4',
		'apiVersion: v1\nkind: Pod\nspec:\n  command: [a, b]]\n',
		'yaml: line 3: did not find expected key'
	],
	[
		'indent1',
		'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   labels: y\n',
		'yaml: line 5: mapping values are not allowed in this context'
	],
	[
		'indent2',
		'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n   image: b\n',
		'yaml: line 5: did not find expected key'
	],
	[
		'indent3',
		'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n      image: b\n',
		'yaml: line 6: mapping values are not allowed in this context'
	],
	[
		'indent4',
		'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n labels: y\n',
		'yaml: line 4: did not find expected key'
	],
	[
		'laughs',
		'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n',
		'yaml: document contains excessive aliasing'
	],
	[
		'map1',
		'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a: b\n',
		'yaml: line 4: mapping values are not allowed in this context'
	],
	[
		'nocolon',
		'apiVersion: v1\nkind: Pod\nmetadata:\n  name x\n  labels: {}\n',
		'yaml: line 5: mapping values are not allowed in this context'
	],
	[
		'nocolon2',
		'apiVersion: v1\nkind Pod\nmetadata:\n  name: x\n',
		"yaml: line 3: could not find expected ':'"
	],
	[
		'nocolon3',
		'apiVersion v1\nkind: Pod\n',
		'yaml: line 2: mapping values are not allowed in this context'
	],
	[
		'percent',
		'apiVersion: v1\nkind: Pod\nmetadata:\n  name: %x\n',
		'yaml: line 4: found character that cannot start any token'
	],
	[
		'pipe',
		'apiVersion: v1\nkind: Pod\nmetadata:\n  name: |x\n',
		'yaml: line 4: did not find expected comment or line break'
	],
	[
		'quote1',
		'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "abc\n  x: y\n',
		'yaml: line 6: found unexpected end of stream'
	],
	[
		'quote2',
		"apiVersion: v1\nkind: Pod\nmetadata:\n  name: 'abc\n",
		'yaml: line 5: found unexpected end of stream'
	],
	['seq1', 'apiVersion: v1\nkind: Pod\n- a\n', 'yaml: line 2: did not find expected key'],
	[
		'seq2',
		'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n  - name: b\n',
		'yaml: line 5: did not find expected key'
	],
	[
		'tab1',
		'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n',
		'yaml: line 4: found character that cannot start any token'
	],
	[
		'docrel2',
		'# comment\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a: b\n',
		'yaml: line 4: mapping values are not allowed in this context'
	],
	['l1at', 'a: @x\n', 'yaml: found character that cannot start any token'],
	['l1map', 'a: b: c\n', 'yaml: mapping values are not allowed in this context'],
	['l1quote', 'a: "x\n', 'yaml: line 2: found unexpected end of stream'],
	['l1tab', '\ta: b\n', 'yaml: found character that cannot start any token'],
	[
		'nocolon4',
		'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image b\n    ports: []\n',
		"yaml: line 7: could not find expected ':'"
	],
	[
		'nocolon5',
		'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image b\n',
		"yaml: line 7: could not find expected ':'"
	]
];

describe('YAML syntax errors read like go-yaml (checked against kubectl)', () => {
	it.each(CASES)('%s', (name, text, expected) => {
		const result = parseManifests(text, `${name}.yaml`);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error).toBe(
			`error: error parsing ${name}.yaml: error converting YAML to JSON: ${expected}`
		);
	});

	it('rejects a document separator followed by text (apimachinery YAMLReader)', () => {
		const result = parseManifests('apiVersion: v1\nkind: Pod\n---foo\napiVersion: v1\n', 'x.yaml');
		expect(result.ok ? '' : result.error).toBe(
			'error: error parsing x.yaml: invalid Yaml document separator: foo'
		);
	});

	it('counts lines from the start of the broken document, and keeps the ones before it', () => {
		const text =
			'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: y\n   z: 1\n';
		const result = parseManifests(text, 'multi.yaml');
		// kubectl prints `line 5` for file line 10 (checked with kubectl v1.32.4).
		expect(result.ok ? '' : result.error).toBe(
			'error: error parsing multi.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context'
		);
		expect(result.documents.map((d) => d.line)).toEqual([1]);
	});
});
