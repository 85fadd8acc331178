// Reading manifest text the way kubectl does (apimachinery util/yaml YAMLOrJSONDecoder and
// YAMLReader, sigs.k8s.io/yaml on go-yaml v2), and the caps that protect the lab.
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../../src/engine/manifests/parse';
import { MAX_DEPTH, MAX_DOCUMENTS, MAX_MANIFEST_BYTES } from '../../../src/engine/manifests/parse';
import type { JsonValue } from '../../../src/engine/manifests/index';

function values(text: string): JsonValue[] {
	const result = parseManifests(text, 'f.yaml');
	if (!result.ok) throw new Error(result.error);
	return result.documents.map((d) => d.value);
}

function failure(text: string): string {
	const result = parseManifests(text, 'f.yaml');
	return result.ok ? '' : result.error;
}

describe('documents', () => {
	it('splits on `---` lines, skips empty documents, and records where each starts', () => {
		const text = '# leading comment\n---\na: 1\n---\n---\n# only a comment\n---   # trailing\nb: 2';
		const result = parseManifests(text, 'f.yaml');
		expect(result.documents.map((d) => [d.value, d.line, d.index])).toEqual([
			[{ a: 1 }, 3, 0],
			[{ b: 2 }, 8, 1]
		]);
	});

	it('reads JSON, a JSON stream, and KYAML with or without a leading `---`', () => {
		expect(values('{"kind": "Pod", "x": [1, 2]}')).toEqual([{ kind: 'Pod', x: [1, 2] }]);
		expect(values('{"a": 1}\n{"b": 2}\n')).toEqual([{ a: 1 }, { b: 2 }]);
		const kyaml = '{\n  kind: "Pod",\n  list: [\n    "x",\n  ],\n}\n';
		expect(values(kyaml)).toEqual([{ kind: 'Pod', list: ['x'] }]);
		expect(values(`---\n${kyaml}`)).toEqual([{ kind: 'Pod', list: ['x'] }]);
	});

	it('keeps UTF-8, CRLF line ends and a last line without newline', () => {
		expect(values('# 中文注释\r\nname: café\r\n')).toEqual([{ name: 'café' }]);
		expect(values('a: 1\nb: 2')).toEqual([{ a: 1, b: 2 }]);
	});

	it('resolves anchors and merge keys; a repeated key keeps its last value', () => {
		const text = 'base: &b {p: 1, q: 2}\nd:\n  <<: *b\n  q: 3\nz: *b\nk: 1\nk: 2\n';
		expect(values(text)).toEqual([
			{ base: { p: 1, q: 2 }, d: { p: 1, q: 3 }, z: { p: 1, q: 2 }, k: 2 }
		]);
	});

	it('flattens `kind: List` and typed lists', () => {
		const list =
			'apiVersion: v1\nkind: List\nitems:\n- {kind: Pod, metadata: {name: a}}\n- {kind: Service}\n';
		const result = parseManifests(list, 'f.yaml');
		expect(result.documents.map((d) => [d.value, d.fromList, d.index, d.source])).toEqual([
			[{ kind: 'Pod', metadata: { name: 'a' } }, true, 0, 0],
			[{ kind: 'Service' }, true, 1, 0]
		]);
		const typed = parseManifests('a: 1\n---\nkind: DeploymentList\nitems:\n- {b: 2}\n', 'f.yaml');
		expect(typed.documents.map((d) => [d.value, d.source])).toEqual([
			[{ a: 1 }, 0],
			[{ b: 2 }, 1]
		]);
	});
});

describe('YAML 1.1 scalars, as go-yaml v2 reads them', () => {
	it('reads booleans, octal, hex and underscores like go-yaml', () => {
		const text = 'a: yes\nb: off\nc: y\nd: 010\ne: 0o17\nf: 0x1F\ng: 1_000\nh: ~\ni: .5\n';
		expect(values(text)).toEqual([
			{ a: true, b: false, c: true, d: 8, e: 15, f: 31, g: 1000, h: null, i: 0.5 }
		]);
	});

	it('turns a `y` or `no` key into "true" or "false" (the Norway problem, as in go-yaml v2)', () => {
		expect(values('y: 1\nno: 2\n')).toEqual([{ true: 1, false: 2 }]);
	});

	it('keeps times, dates and binary as strings', () => {
		expect(values('a: 1:20\nb: 2001-12-14\nc: !!binary aGVsbG8=\n')).toEqual([
			{ a: '1:20', b: '2001-12-14', c: 'aGVsbG8=' }
		]);
	});

	it('refuses what JSON cannot hold (checked with kubectl)', () => {
		expect(failure('a: .inf\n')).toBe(
			'error: error parsing f.yaml: error converting YAML to JSON: json: unsupported value: +Inf'
		);
		expect(failure('a: .nan\n')).toContain('json: unsupported value: NaN');
		expect(failure('[a]: 1\n')).toContain('unsupported map key of type: []interface {}');
	});
});

describe('hostile input', () => {
	it('stops a billion-laughs document (go-yaml: excessive aliasing)', () => {
		let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
		for (let i = 1; i < 12; i++)
			text += `a${i}: &a${i} [${Array(10)
				.fill(`*a${i - 1}`)
				.join(', ')}]\n`;
		expect(failure(text)).toBe(
			'error: error parsing f.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing'
		);
	});

	it('caps the size of a file', () => {
		const text = `a: ${'x'.repeat(MAX_MANIFEST_BYTES)}\n`;
		expect(failure(text)).toBe(
			`error: error reading f.yaml: the file has ${MAX_MANIFEST_BYTES + 4} bytes; this lab reads manifests of up to ${MAX_MANIFEST_BYTES} bytes`
		);
		// Multi-byte characters count as bytes, as in Go.
		expect(failure(`a: ${'é'.repeat(MAX_MANIFEST_BYTES / 2)}`)).toContain('error reading f.yaml');
	});

	it('caps the number of documents', () => {
		const text = 'a: 1\n---\n'.repeat(MAX_DOCUMENTS + 1);
		const result = parseManifests(text, 'f.yaml');
		expect(result.ok ? '' : result.error).toBe(
			`error: error parsing f.yaml: more than ${MAX_DOCUMENTS} objects; this lab reads up to ${MAX_DOCUMENTS} per file`
		);
		expect(result.documents).toHaveLength(MAX_DOCUMENTS);
	});

	it('caps nesting depth before the YAML parser sees it', () => {
		const deep = `a: ${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}\n`;
		expect(failure(deep)).toBe(
			`error: error parsing f.yaml: error converting YAML to JSON: yaml: exceeded max depth of ${MAX_DEPTH}`
		);
		expect(failure(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`)).toContain(
			'exceeded max depth'
		);
	});

	it('does not let `__proto__` keys change prototypes', () => {
		const [value] = values('__proto__: {polluted: true}\nb: 1\n');
		expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(JSON.stringify(value)).toBe('{"__proto__":{"polluted":true},"b":1}');
	});
});
