/**
 * kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath: parser.go, jsonpath.go), used by
 * `-o jsonpath`, `-o custom-columns` and `--sort-by`. Its quirks matter to a learner comparing
 * outputs: text outside `{…}` is printed as is, the results of one `{…}` are joined by single
 * spaces, maps and lists print as compact JSON, and `{range …}…{end}` repeats its body per item.
 * No library: the dialect differs from RFC 9535 JSONPath (ranges, quoted literals, missing keys).
 */
import { goFloat, goJsonCompact, goJsonIndent } from './go-values';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Param {
	value: number;
	known: boolean;
	derived: boolean;
}

export type PathNode =
	| { type: 'list'; nodes: PathNode[] }
	| { type: 'text'; text: string }
	| { type: 'field'; name: string }
	| { type: 'wildcard' }
	| { type: 'recursive' }
	| { type: 'array'; params: [Param, Param, Param] }
	| { type: 'union'; lists: PathNode[] }
	| { type: 'filter'; left: PathNode; right: PathNode; operator: string }
	| { type: 'int'; value: number }
	| { type: 'float'; value: number }
	| { type: 'bool'; value: boolean }
	| { type: 'identifier'; name: string };

/** The parsed template: its top-level nodes (text and `{…}` lists). */
export interface Template {
	nodes: PathNode[];
}

class ParseError extends Error {}

const list = (nodes: PathNode[] = []): PathNode & { type: 'list' } => ({ type: 'list', nodes });

/** parser.go Parse. Returns the template or the parser's error text. */
export function parseJsonPath(input: string): Template | { error: string } {
	try {
		return { nodes: new Parser(input).parse() };
	} catch (e) {
		if (e instanceof ParseError) return { error: e.message };
		throw e;
	}
}

function isTerminator(c: string): boolean {
	return c === '' || ' \t\r\n.,[]$@{}'.includes(c);
}

function isAlphaNumeric(c: string): boolean {
	return c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);
}

class Parser {
	private pos = 0;
	private start = 0;
	private readonly root: PathNode[] = [];

	constructor(private readonly input: string) {}

	parse(): PathNode[] {
		this.parseText();
		return this.root;
	}

	private next(): string {
		if (this.pos >= this.input.length) {
			this.pos++;
			return '';
		}
		const c = String.fromCodePoint(this.input.codePointAt(this.pos)!);
		this.pos += c.length;
		return c;
	}

	private backup(c: string): void {
		this.pos -= c === '' ? 1 : c.length;
	}

	private peek(): string {
		const c = this.next();
		this.backup(c);
		return c;
	}

	private consume(): string {
		const text = this.input.slice(this.start, Math.min(this.pos, this.input.length));
		this.start = this.pos;
		return text;
	}

	private rest(): string {
		return this.input.slice(this.pos);
	}

	private parseText(): void {
		for (;;) {
			if (this.rest().startsWith('{')) {
				if (this.pos > this.start) this.root.push({ type: 'text', text: this.consume() });
				this.pos += 1;
				this.consume();
				const cur = list();
				this.root.push(cur);
				this.parseInsideAction(cur);
				return;
			}
			if (this.next() === '') break;
		}
		this.pos = Math.min(this.pos, this.input.length);
		if (this.pos > this.start) this.root.push({ type: 'text', text: this.consume() });
	}

	private parseInsideAction(cur: PathNode & { type: 'list' }): void {
		for (;;) {
			const rest = this.rest();
			if (rest.startsWith('}')) {
				this.pos += 1;
				this.consume();
				this.parseText();
				return;
			}
			if (rest.startsWith('[?(')) {
				this.parseFilter(cur);
				continue;
			}
			if (rest.startsWith('..')) {
				this.parseRecursive(cur);
				continue;
			}
			const c = this.next();
			if (c === '' || c === '\r' || c === '\n') throw new ParseError('unclosed action');
			if (c === ' ' || c === '@' || c === '$') this.consume();
			else if (c === '[') this.parseArray(cur);
			else if (c === '"' || c === "'") this.parseQuote(cur, c);
			else if (c === '.') this.parseField(cur);
			else if (c === '+' || c === '-' || /^\p{Nd}$/u.test(c)) {
				this.backup(c);
				this.parseNumber(cur);
			} else if (isAlphaNumeric(c)) {
				this.backup(c);
				this.parseIdentifier(cur);
			} else throw new ParseError(`unrecognized character in action: ${goRuneName(c)}`);
		}
	}

	private parseField(cur: PathNode & { type: 'list' }): void {
		this.consume();
		this.scanName();
		const value = this.consume();
		if (value === '*') cur.nodes.push({ type: 'wildcard' });
		else cur.nodes.push({ type: 'field', name: value.replace(/\\/g, '') });
	}

	/** parser.go advance: up to the next unescaped terminator. */
	private scanName(): void {
		for (;;) {
			const c = this.next();
			if (c === '\\') this.next();
			else if (isTerminator(c)) {
				this.backup(c);
				return;
			}
		}
	}

	private parseRecursive(cur: PathNode & { type: 'list' }): void {
		if (cur.nodes[cur.nodes.length - 1]?.type === 'recursive')
			throw new ParseError('invalid multiple recursive descent');
		this.pos += 2;
		this.consume();
		cur.nodes.push({ type: 'recursive' });
		if (isAlphaNumeric(this.peek())) this.parseField(cur);
	}

	private parseIdentifier(cur: PathNode & { type: 'list' }): void {
		for (;;) {
			const c = this.next();
			if (isTerminator(c) || !isAlphaNumeric(c)) {
				this.backup(c);
				break;
			}
		}
		const value = this.consume();
		if (value === 'true' || value === 'false')
			cur.nodes.push({ type: 'bool', value: value === 'true' });
		else if (value === 'range' || value === 'end')
			cur.nodes.push({ type: 'identifier', name: value });
		else throw new ParseError(`unrecognized identifier ${value}`);
	}

	private parseNumber(cur: PathNode & { type: 'list' }): void {
		const c = this.peek();
		if (c === '+' || c === '-') this.next();
		for (;;) {
			const d = this.next();
			if (d !== '.' && !/^\p{Nd}$/u.test(d)) {
				this.backup(d);
				break;
			}
		}
		const value = this.consume();
		if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ type: 'int', value: Number(value) });
		else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value))
			cur.nodes.push({ type: 'float', value: Number(value) });
		else throw new ParseError(`cannot parse number ${value}`);
	}

	private parseArray(cur: PathNode & { type: 'list' }): void {
		for (;;) {
			const c = this.next();
			if (c === '' || c === '\n') throw new ParseError('unterminated array');
			if (c === ']') break;
		}
		let text = this.consume().slice(1, -1);
		if (text === '*') text = ':';
		const parts = text.split(',');
		if (parts.length > 1) {
			const lists = parts.map((part) => {
				const nodes = new Parser(`{[${part.trim()}]}`).parse();
				return nodes[0]!;
			});
			cur.nodes.push({ type: 'union', lists });
			return;
		}
		const key = /^'([^']*)'$/.exec(text);
		if (key !== null) {
			const nodes = new Parser(`{.${key[1]}}`).parse();
			cur.nodes.push(...(nodes[0] as PathNode & { type: 'list' }).nodes);
			return;
		}
		const m = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
		if (m === null) throw new ParseError(`invalid array index ${text}`);
		const params: Param[] = [];
		for (let i = 0; i < 3; i++) {
			let v = m[i + 1] ?? '';
			if (v !== '') {
				if (i > 0) v = v.slice(1);
				if (i > 0 && v === '') params.push({ value: 0, known: false, derived: false });
				else params.push({ value: Number(v), known: true, derived: false });
			} else if (i === 1) {
				params.push({ value: params[0]!.value + 1, known: true, derived: true });
			} else params.push({ value: 0, known: false, derived: false });
		}
		cur.nodes.push({ type: 'array', params: params as [Param, Param, Param] });
	}

	private parseFilter(cur: PathNode & { type: 'list' }): void {
		this.pos += 3;
		this.consume();
		let begin = false;
		let end = false;
		let pair = '';
		for (;;) {
			const c = this.next();
			if (c === '' || c === '\n') throw new ParseError('unterminated filter');
			if (c === '"' || c === "'") {
				if (!begin) {
					begin = true;
					pair = c;
					continue;
				}
				if (this.input[this.pos - 2] !== '\\' && c === pair) end = true;
			} else if (c === ')' && begin === end) break;
		}
		if (this.next() !== ']') throw new ParseError('unclosed array expect ]');
		const text = this.consume().slice(0, -2);
		const m = /^([^!<>=]+)([!<>=]+)(.+?)$/su.exec(text);
		const action = (t: string): PathNode => new Parser(`{${t}}`).parse()[0] ?? list();
		if (m === null) {
			cur.nodes.push({ type: 'filter', left: action(text), right: list(), operator: 'exists' });
		} else {
			cur.nodes.push({
				type: 'filter',
				left: action(m[1]!),
				right: action(m[3]!),
				operator: m[2]!
			});
		}
	}

	private parseQuote(cur: PathNode & { type: 'list' }, end: string): void {
		for (;;) {
			const c = this.next();
			if (c === '' || c === '\n') throw new ParseError('unterminated quoted string');
			if (c === '\\') {
				const d = this.next();
				if (d !== '' && d !== '\n') continue;
				break;
			}
			if (c === end) break;
		}
		const value = this.consume();
		const text = unquote(value);
		if (text === undefined) throw new ParseError(`unquote string ${value} error invalid syntax`);
		cur.nodes.push({ type: 'text', text });
	}
}

/** Go's %#U of a rune: `U+0021 '!'`. */
function goRuneName(c: string): string {
	const hex = c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
	return `U+${hex} '${c}'`;
}

const ESCAPES: Record<string, string> = {
	a: '\x07',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t',
	v: '\v',
	'\\': '\\',
	'"': '"',
	"'": "'"
};

/** strconv.Unquote, extended (jsonpath UnquoteExtend) to single-quoted strings of any length. */
function unquote(quoted: string): string | undefined {
	if (quoted.length < 2 || quoted[0] !== quoted[quoted.length - 1]) return undefined;
	const body = quoted.slice(1, -1);
	let out = '';
	for (let i = 0; i < body.length; i++) {
		const c = body[i]!;
		if (c !== '\\') {
			if (c === quoted[0]) return undefined;
			out += c;
			continue;
		}
		const e = body[++i];
		if (e === undefined) return undefined;
		if (ESCAPES[e] !== undefined) out += ESCAPES[e];
		else if (e === 'x' || e === 'u' || e === 'U') {
			const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
			const hex = body.slice(i + 1, i + 1 + n);
			if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return undefined;
			out += String.fromCodePoint(parseInt(hex, 16));
			i += n;
		} else return undefined;
	}
	return out;
}

/** An evaluation error, worded as jsonpath.go words it. */
export class JsonPathError extends Error {}

/** jsonpath.go JSONPath.FindResults: one result set per top-level node, ranges expanded. */
export function findResults(
	template: Template,
	data: Json,
	allowMissingKeys: boolean
): Json[][] | { error: string } {
	try {
		return new Evaluator(allowMissingKeys).run(template.nodes, [data]);
	} catch (e) {
		if (e instanceof JsonPathError) return { error: e.message };
		throw e;
	}
}

/** Values stand in for Go's reflect.Value: undefined is a missing value. */
type Value = Json;

function isRange(node: PathNode): boolean {
	return (
		node.type === 'list' && node.nodes[0]?.type === 'identifier' && node.nodes[0].name === 'range'
	);
}

function isEnd(node: PathNode): boolean {
	return (
		node.type === 'list' && node.nodes.some((n) => n.type === 'identifier' && n.name === 'end')
	);
}

class Evaluator {
	private inRange = 0;

	constructor(private readonly allowMissingKeys: boolean) {}

	run(nodes: readonly PathNode[], cur: Value[]): Json[][] {
		const out: Json[][] = [];
		for (let i = 0; i < nodes.length; i++) {
			const node = nodes[i]!;
			if (isEnd(node) && this.inRange > 0 && !isRange(node)) {
				this.walk(cur, node);
				break;
			}
			const results = this.walk(cur, node);
			if (!isRange(node)) {
				out.push(results);
				continue;
			}
			// The body runs once per item, up to the matching {end}; then the walk resumes after it.
			const endAt = matchingEnd(nodes, i);
			const body = nodes.slice(i + 1, endAt < 0 ? nodes.length : endAt + 1);
			this.inRange++;
			for (const item of results) out.push(...this.run(body, [item]));
			if (results.length === 0) this.run(body, [null]);
			this.inRange--;
			if (endAt >= 0) i = endAt;
		}
		return out;
	}

	private walk(input: Value[], node: PathNode): Value[] {
		switch (node.type) {
			case 'list': {
				let cur = input;
				for (const n of node.nodes) cur = this.walk(cur, n);
				return cur;
			}
			case 'text':
				return [node.text];
			case 'field':
				return this.field(input, node.name);
			case 'array':
				return this.array(input, node.params);
			case 'filter':
				return this.filter(input, node);
			case 'int':
			case 'float':
			case 'bool':
				return input.map(() => node.value);
			case 'wildcard':
				return input.flatMap((v) =>
					v !== null && typeof v === 'object' && !Array.isArray(v)
						? Object.keys(v)
								.sort()
								.map((k) => v[k]!)
						: []
				);
			case 'recursive':
				return input.flatMap((v) => descendants(v));
			case 'union':
				return node.lists.flatMap((l) => this.walk(input, l));
			case 'identifier':
				if (node.name === 'range') return input;
				if (this.inRange > 0) return [];
				throw new JsonPathError('not in range, nothing to end');
		}
	}

	private field(input: Value[], name: string): Value[] {
		if (input.length === 0) return [];
		// `{.}` names the current object itself.
		if (name === '') return input.filter((v) => v !== null);
		const results: Value[] = [];
		for (const v of input) {
			if (v === null || typeof v !== 'object' || Array.isArray(v)) continue;
			if (Object.prototype.hasOwnProperty.call(v, name)) results.push(v[name]!);
		}
		if (results.length === 0 && !this.allowMissingKeys)
			throw new JsonPathError(`${name} is not found`);
		return results;
	}

	private array(input: Value[], params: readonly Param[]): Value[] {
		const result: Value[] = [];
		for (const v of input) {
			if (v === null) continue;
			if (!Array.isArray(v)) throw new JsonPathError(`${goTypeName(v)} is not array or slice`);
			const len = v.length;
			let start = params[0]!.known ? params[0]!.value : 0;
			if (start < 0) start += len;
			let end = params[1]!.known ? params[1]!.value : len;
			if (end < 0 || (end === 0 && params[1]!.derived)) end += len;
			if (end === start) return result;
			if (start >= len || start < 0)
				throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`);
			if (end > len || end < 0)
				throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`);
			if (start > end)
				throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
			let step = 1;
			if (params[2]!.known) {
				if (params[2]!.value <= 0) throw new JsonPathError('step must be > 0');
				step = params[2]!.value;
			}
			for (let i = start; i < end; i += step) result.push(v[i]!);
		}
		return result;
	}

	private filter(input: Value[], node: PathNode & { type: 'filter' }): Value[] {
		const results: Value[] = [];
		for (const v of input) {
			if (!Array.isArray(v))
				throw new JsonPathError(`${goValue(v)} is not array or slice and cannot be filtered`);
			for (const item of v) {
				const lefts = this.walk([item], node.left);
				if (node.operator === 'exists') {
					if (lefts.length > 0) results.push(item);
					continue;
				}
				if (lefts.length === 0) continue;
				if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
				const rights = this.walk([item], node.right);
				if (rights.length === 0) continue;
				if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
				if (compare(lefts[0]!, rights[0]!, node.operator, node.right)) results.push(item);
			}
		}
		return results;
	}
}

function matchingEnd(nodes: readonly PathNode[], rangeAt: number): number {
	let depth = 0;
	for (let k = rangeAt + 1; k < nodes.length; k++) {
		if (isRange(nodes[k]!)) depth++;
		else if (isEnd(nodes[k]!)) {
			if (depth === 0) return k;
			depth--;
		}
	}
	return -1;
}

function descendants(v: Value): Value[] {
	const out: Value[] = [v];
	if (Array.isArray(v)) for (const x of v) out.push(...descendants(x));
	else if (v !== null && typeof v === 'object')
		for (const k of Object.keys(v).sort()) out.push(...descendants(v[k]!));
	return out;
}

/** text/template's basic kinds: unstructured JSON decodes whole numbers as int64. */
function kindOf(v: Value, literal?: PathNode): string {
	if (typeof v === 'number') {
		if (literal?.type === 'list' && literal.nodes.length === 1) {
			const n = literal.nodes[0]!;
			if (n.type === 'float') return 'float';
			if (n.type === 'int') return 'int';
		}
		return Number.isInteger(v) ? 'int' : 'float';
	}
	if (typeof v === 'string') return 'string';
	if (typeof v === 'boolean') return 'bool';
	return 'other';
}

/** text/template's eq/ne/lt/le/gt/ge, which refuse to compare values of different kinds. */
function compare(left: Value, right: Value, operator: string, rightNode: PathNode): boolean {
	const lk = kindOf(left);
	const rk = kindOf(right, rightNode);
	const equality = operator === '==' || operator === '!=';
	if (!['==', '!=', '<', '>', '<=', '>='].includes(operator))
		throw new JsonPathError(`unrecognized filter operator ${operator}`);
	if (lk !== rk || lk === 'other') {
		if (equality && lk === 'other' && rk === 'other')
			throw new JsonPathError('invalid type for comparison');
		throw new JsonPathError('incompatible types for comparison');
	}
	if (!equality && lk === 'bool') throw new JsonPathError('invalid type for comparison');
	const l = left as string | number | boolean;
	const r = right as string | number | boolean;
	switch (operator) {
		case '==':
			return l === r;
		case '!=':
			return l !== r;
		case '<':
			return l < r;
		case '>':
			return l > r;
		case '<=':
			return l <= r;
		default:
			return l >= r;
	}
}

function goTypeName(v: Value): string {
	if (typeof v === 'string') return 'string';
	if (typeof v === 'boolean') return 'bool';
	if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
	return 'map[string]interface {}';
}

/** fmt's %v of a decoded JSON value (custom-columns cells, filter errors). */
export function goValue(v: Value): string {
	if (v === null) return '<nil>';
	if (typeof v === 'string') return v;
	if (typeof v === 'boolean') return String(v);
	if (typeof v === 'number') return goFloat(v);
	if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
	const keys = Object.keys(v).sort();
	return `map[${keys.map((k) => `${k}:${goValue(v[k]!)}`).join(' ')}]`;
}

/**
 * jsonpath.go PrintResults: maps and lists as compact JSON, anything else as fmt prints it, the
 * results of one set joined by spaces; with asJson (jsonpath-as-json) each set is one indented
 * JSON array.
 */
export function printResults(sets: readonly Json[][], asJson = false): string {
	let out = '';
	for (const set of sets) {
		if (asJson) {
			out += goJsonIndent(set) + '\n';
			continue;
		}
		out += set
			.map((r) =>
				r !== null && typeof r === 'object' ? goJsonCompact(r) : r === null ? 'null' : goValue(r)
			)
			.join(' ');
	}
	return out;
}
