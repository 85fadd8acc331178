/**
 * Go's text/template as `docker … inspect --format` runs it (docker/cli
 * cli/command/inspect/inspector.go): actions with `{{-`/`-}}` trimming, field chains on the
 * object (`.Spec.Mode`), variables (`$v`, `$k, $v := …`), `if`/`else if`/`else`, `range`,
 * `with`, pipelines, and the functions docker registers (templates.go: json, join, split, lower,
 * upper, title, pad, truncate, println) beside Go's builtins (and, or, not, len, index, eq, ne,
 * lt, le, gt, ge, print, printf, println).
 *
 * Values are JSON-shaped, as in inspect's raw fallback, which runs with `missingkey=error`: a
 * missing key is an error, not `<no value>`. A Stringer prints as Go's String() method would
 * (durations, times). Nothing here ever evaluates code: templates only read data.
 */
import { hasOwnKey, ownValue, putOwn } from '../../core/own-keys';
import { goJsonText, isMapField } from './go-json';

/** A value that prints as its Go String() method prints (time.Duration, time.Time). */
export class GoStringer {
	constructor(
		readonly text: string,
		/** Its truth in `if`: a zero duration is false. */
		readonly truth: boolean = true
	) {}
}

type Value = unknown;

/** A Go type, for templates run on typed structs (go-types.ts describes docker's). */
export type GoType =
	| { kind: 'struct'; name: string; fields: Readonly<Record<string, GoType>> }
	| { kind: 'ptr'; elem: GoType }
	| { kind: 'map'; name: string; elem: GoType }
	| { kind: 'slice'; name: string; elem: GoType }
	| { kind: 'scalar'; name: string; zero: string | number | boolean };

/** The name text/template prints for a type (reflect.Type.String()). */
export function goTypeName(t: GoType): string {
	return t.kind === 'ptr' ? `*${goTypeName(t.elem)}` : t.name;
}

/**
 * An unset pointer of a typed struct (go-types.ts): prints `<nil>`, is false in `if`, and is
 * `null` through `json`.
 */
export class GoNil extends GoStringer {
	constructor(readonly type: GoType) {
		super('<nil>', false);
	}
}

/** The Go type a typed value was attached with (its declared type: `*swarm.X` for a pointer). */
const GO_TYPE = Symbol('goType');

type Typed = Record<string, Value> & { [GO_TYPE]?: GoType };

/**
 * The JSON-shaped object as the typed struct a Go program hands text/template: every map
 * knows its Go type, so absent fields are told from fields the type does not have.
 */
export function withGoType(value: Value, type: GoType): Value {
	if (type.kind === 'ptr') {
		if (value === null || value === undefined) return new GoNil(type);
		const inner = withGoType(value, type.elem);
		if (isMap(inner)) (inner as Typed)[GO_TYPE] = type;
		return inner;
	}
	if (type.kind === 'slice') {
		return Array.isArray(value) ? value.map((v) => withGoType(v, type.elem)) : value;
	}
	if (type.kind === 'scalar' || !isMap(value)) return value;
	const out: Typed = {};
	for (const [key, v] of Object.entries(value)) {
		const field = type.kind === 'struct' ? ownValue(type.fields, key) : type.elem;
		putOwn(out, key, field === undefined ? v : withGoType(v, field));
	}
	out[GO_TYPE] = type;
	return out;
}

/**
 * funcs.go index on a map: the entry, or the zero value of the map's element type when the key
 * is missing (`""` for a map[string]string such as Labels).
 */
function mapIndex(map: Record<string, Value>, key: string): Value {
	if (Object.hasOwn(map, key)) return map[key];
	const type = (map as Typed)[GO_TYPE];
	return type?.kind === 'map' ? zeroOf(type.elem) : undefined;
}

/** The zero value of a field the JSON left out (omitempty). */
function zeroOf(type: GoType): Value {
	switch (type.kind) {
		case 'ptr':
			return new GoNil(type);
		case 'scalar':
			return type.zero;
		case 'slice': {
			// A nil slice: empty to len, range and %v (`[]`), `null` through json.
			const nil: Value[] & { [NIL_SLICE]?: true } = [];
			nil[NIL_SLICE] = true;
			return nil;
		}
		default:
			return withGoType({}, type);
	}
}

const NIL_SLICE = Symbol('nilSlice');

type Operand =
	| { kind: 'dot'; pos: number }
	| { kind: 'field'; base: 'dot' | string; path: string[]; pos: number; text: string }
	| { kind: 'literal'; value: Value }
	| { kind: 'func'; name: string; pos: number }
	| { kind: 'pipe'; pipe: Pipeline; path?: string[]; pos?: number; text?: string };

interface Command {
	operands: Operand[];
}

interface Pipeline {
	decl: string[];
	commands: Command[];
}

type Node =
	| { kind: 'text'; text: string }
	| { kind: 'action'; pipe: Pipeline }
	| { kind: 'if' | 'with'; pipe: Pipeline; then: Node[]; otherwise: Node[] }
	| { kind: 'range'; pipe: Pipeline; then: Node[]; otherwise: Node[] };

export class TemplateError extends Error {}

/** Go's own template functions, which every caller of text/template gets. */
const GO_BUILTINS = [
	'and',
	'or',
	'not',
	'len',
	'index',
	'eq',
	'ne',
	'lt',
	'le',
	'gt',
	'ge',
	'print',
	'printf',
	'println'
];

/**
 * How one program sets up text/template: the template's name (it appears in every error), the
 * functions it registers, what a missing map key does, and how its data holds numbers.
 */
export interface Dialect {
	name: string;
	functions: ReadonlySet<string>;
	/** `missingkey=error` fails on a missing key; `default` prints `<no value>` (kubectl). */
	missingKey: 'error' | 'default';
	/**
	 * Data decoded by encoding/json into interface{} holds every number as a float64, which %v
	 * prints in exponent form from 1e+06 up (kubectl); docker's typed structs print integers.
	 */
	floatNumbers: boolean;
}

/** docker/cli templates/templates.go: `template.New("")` with docker's basicFunctions. */
export const DOCKER_DIALECT: Dialect = {
	name: '',
	functions: new Set([
		...GO_BUILTINS,
		'json',
		'join',
		'split',
		'lower',
		'upper',
		'title',
		'pad',
		'truncate'
	]),
	missingKey: 'error',
	floatNumbers: false
};

/**
 * cli-runtime pkg/printers/template.go NewGoTemplatePrinter: `template.New("output")` with
 * `exists` and `base64decode`, run with missingkey=default (--allow-missing-template-keys=true,
 * kubectl's default) on the object decoded from JSON. (Newer copies of that file also register
 * sprig's functions; the lab does not model them.)
 */
export const KUBECTL_DIALECT: Dialect = {
	name: 'output',
	functions: new Set([...GO_BUILTINS, 'exists', 'base64decode']),
	missingKey: 'default',
	floatNumbers: true
};

/** What text/template prints for a missing key under missingkey=default (an invalid value). */
const NO_VALUE = new GoStringer('<no value>', false);

// ---------------------------------------------------------------- lexing and parsing

interface Action {
	/** The text between the delimiters, trim markers removed. */
	body: string;
	/** Offset of the body in the template (for error positions). */
	at: number;
}

type Piece = { text: string } | { action: Action };

function split(source: string, name: string): Piece[] {
	const pieces: Piece[] = [];
	let i = 0;
	let trimNext = false;
	while (i < source.length) {
		const open = source.indexOf('{{', i);
		let text = source.slice(i, open < 0 ? source.length : open);
		if (trimNext) text = text.replace(/^[ \t\r\n]+/, '');
		trimNext = false;
		if (open < 0) {
			if (text !== '') pieces.push({ text });
			break;
		}
		let start = open + 2;
		if (/^-[ \t\r\n]/.test(source.slice(start, start + 2))) {
			text = text.replace(/[ \t\r\n]+$/, '');
			start += 2;
		}
		if (text !== '') pieces.push({ text });
		const close = findClose(source, start);
		if (close < 0)
			throw new TemplateError(`template: ${name}:${line(source, open)}: unclosed action`);
		let end = close;
		if (/[ \t\r\n]-$/.test(source.slice(close - 2, close))) {
			end = close - 2;
			trimNext = true;
		}
		pieces.push({ action: { body: source.slice(start, end), at: start } });
		i = close + 2;
	}
	return pieces;
}

/** The `}}` that closes an action, skipping quoted strings. */
function findClose(source: string, from: number): number {
	let quote = '';
	for (let i = from; i < source.length; i++) {
		const c = source[i]!;
		if (quote !== '') {
			if (c === '\\' && quote === '"') i++;
			else if (c === quote) quote = '';
		} else if (c === '"' || c === '`' || c === "'") quote = c;
		else if (c === '}' && source[i + 1] === '}') return i;
	}
	return -1;
}

function line(source: string, at: number): number {
	let n = 1;
	for (let i = 0; i < at && i < source.length; i++) if (source[i] === '\n') n++;
	return n;
}

type Token =
	| { t: 'field'; base: 'dot' | string; path: string[]; pos: number; text: string }
	| { t: 'dot'; pos: number }
	| { t: 'var'; name: string; pos: number }
	| { t: 'ident'; name: string; pos: number }
	| { t: 'lit'; value: Value }
	| { t: 'punct'; p: '|' | '(' | ')' | ',' | ':=' | '=' }
	/** `.a.b` right after `)`: fields of the parenthesized value (parse.go ChainNode). */
	| { t: 'chain'; path: string[]; pos: number; text: string };

function tokenize(body: string, at: number, source: string, name: string): Token[] {
	const tokens: Token[] = [];
	const bad = (msg: string) => new TemplateError(`template: ${name}:${line(source, at)}: ${msg}`);
	let i = 0;
	while (i < body.length) {
		const c = body[i]!;
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		const pos = at + i;
		if (c === '|' || c === '(' || c === ')' || c === ',') {
			tokens.push({ t: 'punct', p: c });
			i++;
		} else if (body.startsWith(':=', i)) {
			tokens.push({ t: 'punct', p: ':=' });
			i += 2;
		} else if (c === '=') {
			tokens.push({ t: 'punct', p: '=' });
			i++;
		} else if (c === '"') {
			let j = i + 1;
			let s = '';
			for (; j < body.length && body[j] !== '"'; j++) {
				if (body[j] === '\\') {
					const e = body[++j];
					s += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : (e ?? '');
				} else s += body[j];
			}
			if (j >= body.length) throw bad('unterminated quoted string');
			tokens.push({ t: 'lit', value: s });
			i = j + 1;
		} else if (c === '`') {
			const j = body.indexOf('`', i + 1);
			if (j < 0) throw bad('unterminated raw quoted string');
			tokens.push({ t: 'lit', value: body.slice(i + 1, j) });
			i = j + 1;
		} else if (c === '.' && body[i - 1] === ')' && /[A-Za-z_]/.test(body[i + 1] ?? '')) {
			const chain = /^(?:\.[A-Za-z_][A-Za-z0-9_]*)+/.exec(body.slice(i))![0];
			tokens.push({ t: 'chain', path: chain.slice(1).split('.'), pos, text: chain });
			i += chain.length;
		} else if (/[0-9]/.test(c) || (/[-+.]/.test(c) && /[0-9.]/.test(body[i + 1] ?? ''))) {
			const m = /^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+)/.exec(body.slice(i))!;
			tokens.push({ t: 'lit', value: Number(m[0]) });
			i += m[0].length;
		} else if (c === '.' || c === '$') {
			const m = /^(\$[A-Za-z0-9_]*)?((?:\.[A-Za-z_][A-Za-z0-9_]*)*)/.exec(body.slice(i))!;
			const base = m[1] ?? '';
			const chain = m[2] ?? '';
			if (base === '' && chain === '') {
				tokens.push({ t: 'dot', pos });
				i++;
				continue;
			}
			if (chain === '') tokens.push({ t: 'var', name: base, pos });
			else {
				const path = chain.slice(1).split('.');
				// parse.go: a chain's node sits at its second element (`.A.B` at `.B`), a lone
				// field at itself; `$v.A` is a variable chained with `.A`.
				const second = base === '' && path.length > 1 ? path[0]!.length + 1 : 0;
				tokens.push({
					t: 'field',
					base: base === '' ? 'dot' : base,
					path,
					pos: pos + base.length + second,
					text: base + chain
				});
			}
			i += base.length + chain.length;
		} else if (/[A-Za-z_]/.test(c)) {
			const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(body.slice(i))!;
			const name = m[0];
			if (name === 'true' || name === 'false') tokens.push({ t: 'lit', value: name === 'true' });
			else if (name === 'nil') tokens.push({ t: 'lit', value: null });
			else tokens.push({ t: 'ident', name, pos });
			i += name.length;
		} else {
			throw bad(`unexpected "${c}" in command`);
		}
	}
	return tokens;
}

class Parser {
	private i = 0;
	constructor(
		private readonly tokens: Token[],
		private readonly where: string,
		private readonly dialect: Dialect
	) {}

	private bad(msg: string): TemplateError {
		return new TemplateError(`template: ${this.dialect.name}:${this.where}: ${msg}`);
	}

	pipeline(context: string, allowDecl = true): Pipeline {
		const decl: string[] = [];
		if (allowDecl) {
			const save = this.i;
			const vars: string[] = [];
			while (this.tokens[this.i]?.t === 'var') {
				vars.push((this.tokens[this.i] as { name: string }).name);
				this.i++;
				const p = this.tokens[this.i];
				if (p?.t === 'punct' && p.p === ',') {
					this.i++;
					continue;
				}
				break;
			}
			const p = this.tokens[this.i];
			if (vars.length > 0 && p?.t === 'punct' && (p.p === ':=' || p.p === '=')) {
				this.i++;
				decl.push(...vars);
			} else this.i = save;
		}
		const commands: Command[] = [];
		for (;;) {
			const operands: Operand[] = [];
			for (;;) {
				const tok = this.tokens[this.i];
				if (tok === undefined) break;
				if (tok.t === 'punct') {
					if (tok.p === '(') {
						this.i++;
						const inner = this.pipeline('parenthesized pipeline', false);
						const close = this.tokens[this.i];
						if (!(close?.t === 'punct' && close.p === ')')) throw this.bad('unclosed left paren');
						this.i++;
						const chain = this.tokens[this.i];
						if (chain?.t === 'chain') {
							this.i++;
							operands.push({ kind: 'pipe', pipe: inner, ...chain });
						} else operands.push({ kind: 'pipe', pipe: inner });
						continue;
					}
					break;
				}
				this.i++;
				if (tok.t === 'dot') operands.push({ kind: 'dot', pos: tok.pos });
				else if (tok.t === 'var')
					operands.push({ kind: 'field', base: tok.name, path: [], pos: tok.pos, text: tok.name });
				else if (tok.t === 'field') operands.push({ kind: 'field', ...tok });
				else if (tok.t === 'lit') operands.push({ kind: 'literal', value: tok.value });
				else if (tok.t === 'chain') throw this.bad(`unexpected ${tok.text} in operand`);
				else {
					if (!this.dialect.functions.has(tok.name))
						throw this.bad(`function "${tok.name}" not defined`);
					operands.push({ kind: 'func', name: tok.name, pos: tok.pos });
				}
			}
			if (operands.length === 0) throw this.bad(`missing value for ${context}`);
			commands.push({ operands });
			const tok = this.tokens[this.i];
			if (tok?.t === 'punct' && tok.p === '|') {
				this.i++;
				continue;
			}
			break;
		}
		return { decl, commands };
	}

	end(): void {
		const tok = this.tokens[this.i];
		if (tok !== undefined) {
			const shown = tok.t === 'punct' ? tok.p : tok.t === 'lit' ? String(tok.value) : 'token';
			throw this.bad(`unexpected "${shown}" in operand`);
		}
	}
}

function parsePipe(
	action: Action,
	source: string,
	context: string,
	skip: number,
	dialect: Dialect
): Pipeline {
	const tokens = tokenize(action.body.slice(skip), action.at + skip, source, dialect.name);
	const parser = new Parser(tokens, String(line(source, action.at)), dialect);
	const pipe = parser.pipeline(context);
	parser.end();
	return pipe;
}

type Frame = {
	node: Extract<Node, { kind: 'if' | 'with' | 'range' }>;
	inElse: boolean;
	/** `else if` opens a nested if that the same `end` closes. */
	chained: number;
};

export function parseTemplate(source: string, dialect: Dialect = DOCKER_DIALECT): Node[] {
	const root: Node[] = [];
	const stack: Frame[] = [];
	const out = (): Node[] => {
		const top = stack[stack.length - 1];
		return top === undefined ? root : top.inElse ? top.node.otherwise : top.node.then;
	};
	for (const piece of split(source, dialect.name)) {
		if ('text' in piece) {
			out().push({ kind: 'text', text: piece.text });
			continue;
		}
		const a = piece.action;
		const body = a.body.trim();
		const lead = a.body.length - a.body.trimStart().length;
		const word = /^[A-Za-z]+/.exec(body)?.[0] ?? '';
		const where = `template: ${dialect.name}:${line(source, a.at)}:`;
		if (body.startsWith('/*')) continue;
		if (word === 'if' || word === 'with' || word === 'range') {
			const pipe = parsePipe(a, source, word, lead + word.length, dialect);
			const node = { kind: word, pipe, then: [], otherwise: [] } as Frame['node'];
			out().push(node);
			stack.push({ node, inElse: false, chained: 0 });
		} else if (word === 'else') {
			const top = stack[stack.length - 1];
			if (top === undefined || top.inElse) throw new TemplateError(`${where} unexpected {{else}}`);
			top.inElse = true;
			const rest = body.slice(4).trim();
			if (rest.startsWith('if ') || rest.startsWith('with ')) {
				const kind = rest.startsWith('if') ? 'if' : 'with';
				const skip = a.body.indexOf(kind, a.body.indexOf('else') + 4) + kind.length;
				const pipe = parsePipe(a, source, kind, skip, dialect);
				const node = { kind, pipe, then: [], otherwise: [] } as Frame['node'];
				top.node.otherwise.push(node);
				stack.push({ node, inElse: false, chained: top.chained + 1 });
				top.chained = -1;
			} else if (rest !== '') throw new TemplateError(`${where} unexpected "${rest}" in else`);
		} else if (word === 'end' && body === 'end') {
			if (stack.length === 0) throw new TemplateError(`${where} unexpected {{end}}`);
			let top = stack.pop()!;
			while (top.chained > 0) top = stack.pop()!;
		} else {
			out().push({ kind: 'action', pipe: parsePipe(a, source, 'command', 0, dialect) });
		}
	}
	if (stack.length > 0) throw new TemplateError(`template: ${dialect.name}:1: unexpected EOF`);
	return root;
}

// ---------------------------------------------------------------- evaluation

function isMap(v: Value): v is Record<string, Value> {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoStringer);
}

export function truth(v: Value): boolean {
	if (v instanceof GoStringer) return v.truth;
	if (Array.isArray(v)) return v.length > 0;
	// exec.go isTrue: a struct (or non-nil pointer to one) is always true; a map when not empty.
	const type = isMap(v) ? (v as Typed)[GO_TYPE] : undefined;
	if (type !== undefined && type.kind !== 'map') return true;
	if (isMap(v)) return Object.keys(v).length > 0;
	return v !== undefined && v !== null && v !== false && v !== '' && v !== 0;
}

/** fmt's %v, as text/template prints a value; `floats` when every number is a float64. */
export function goPrint(v: Value, floats = false): string {
	if (v === undefined || v === null) return '<nil>';
	if (v instanceof GoStringer) return v.text;
	if (typeof v === 'string') return v;
	if (typeof v === 'number') return floats ? goFloat(v) : goNumber(v);
	if (typeof v === 'boolean') return String(v);
	if (Array.isArray(v)) return '[' + v.map((x) => goPrint(x, floats)).join(' ') + ']';
	if (isMap(v)) {
		const keys = Object.keys(v).sort();
		return 'map[' + keys.map((k) => `${k}:${goPrint(v[k], floats)}`).join(' ') + ']';
	}
	return String(v);
}

/**
 * %v of a float64: strconv's shortest 'g' form, which switches to an exponent when the
 * exponent is below -4 or at least 6 (ftoa.go: "if precision was the shortest possible, use
 * precision 6 for this decision"), so 1000000 prints as 1e+06 and 123456 as 123456.
 */
export function goFloat(n: number): string {
	if (n === 0 || !Number.isFinite(n))
		return n === 0 ? '0' : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
	const [mantissa, e] = n.toExponential().split('e') as [string, string];
	const exp = Number(e);
	if (exp < -4 || exp >= 6) {
		return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
	}
	return String(n);
}

/** %v of a number: integers as integers, others as strconv's shortest 'g' form. */
function goNumber(n: number): string {
	if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
	const exp = Math.floor(Math.log10(Math.abs(n)));
	if (exp < -4 || exp >= 21) {
		const [m, e] = n.toExponential().split('e') as [string, string];
		const sign = e.startsWith('-') ? '-' : '+';
		return `${m}e${sign}${e.replace(/^[-+]/, '').padStart(2, '0')}`;
	}
	return String(n);
}

/**
 * The `json` function (docker/cli templates.go: encoding/json, HTML left unescaped): a typed
 * map's keys sorted, a typed struct's fields in order; an untyped object is a map when its
 * field's name says so (./go-json.ts).
 */
function goJson(v: Value): string {
	return goJsonText(v, {
		isMap: (key, obj) => {
			const type = (obj as Typed)[GO_TYPE];
			return type !== undefined ? type.kind === 'map' : isMapField(key);
		},
		special: (x) =>
			x instanceof GoNil || (Array.isArray(x) && NIL_SLICE in x)
				? { json: null }
				: x instanceof GoStringer
					? { json: x.text }
					: undefined
	});
}

/** A field of a nil pointer: the nil error, unless the type has no such field at all. */
function nilField(type: GoType, key: string): string {
	const elem = type.kind === 'ptr' ? type.elem : type;
	const has = elem.kind === 'struct' && hasOwnKey(elem.fields, key);
	return has
		? `nil pointer evaluating ${goTypeName(type)}.${key}`
		: `can't evaluate field ${key} in type ${goTypeName(type)}`;
}

interface Scope {
	dot: Value;
	vars: Map<string, Value>;
}

class Exec {
	constructor(
		private readonly source: string,
		private readonly dialect: Dialect
	) {}

	private show(v: Value): string {
		return goPrint(v, this.dialect.floatNumbers);
	}

	private fail(pos: number, text: string, msg: string): TemplateError {
		let start = this.source.lastIndexOf('\n', pos - 1) + 1;
		if (start < 0) start = 0;
		const col = pos - start;
		const shown = text.length > 20 ? `${text.slice(0, 20)}...` : text;
		return new TemplateError(
			`template: ${this.dialect.name}:${line(this.source, pos)}:${col}: executing "${this.dialect.name}" at <${shown}>: ${msg}`
		);
	}

	run(nodes: readonly Node[], scope: Scope): string {
		let s = '';
		for (const n of nodes) {
			if (n.kind === 'text') s += n.text;
			else if (n.kind === 'action') {
				const v = this.pipe(n.pipe, scope);
				if (n.pipe.decl.length === 0) s += this.show(v);
			} else if (n.kind === 'if') {
				const inner = { dot: scope.dot, vars: new Map(scope.vars) };
				const v = this.pipe(n.pipe, inner);
				s += this.run(truth(v) ? n.then : n.otherwise, inner);
			} else if (n.kind === 'with') {
				const inner = { dot: scope.dot, vars: new Map(scope.vars) };
				const v = this.pipe(n.pipe, inner);
				s += truth(v)
					? this.run(n.then, { dot: v, vars: inner.vars })
					: this.run(n.otherwise, inner);
			} else {
				const decl = n.pipe.decl;
				const v = this.pipe({ decl: [], commands: n.pipe.commands }, scope);
				const entries: [Value, Value][] = Array.isArray(v)
					? v.map((x, i) => [i, x])
					: isMap(v)
						? Object.keys(v)
								.sort()
								.map((k) => [k, v[k]])
						: typeof v === 'number'
							? Array.from({ length: Math.max(0, v) }, (_, i) => [i, i])
							: [];
				if (entries.length === 0) {
					s += this.run(n.otherwise, scope);
					continue;
				}
				for (const [k, x] of entries) {
					const vars = new Map(scope.vars);
					if (decl.length === 1) vars.set(decl[0]!, x);
					else if (decl.length >= 2) {
						vars.set(decl[0]!, k);
						vars.set(decl[1]!, x);
					}
					s += this.run(n.then, { dot: x, vars });
				}
			}
		}
		return s;
	}

	private pipe(p: Pipeline, scope: Scope): Value {
		let last: Value = undefined;
		let first = true;
		for (const c of p.commands) {
			last = this.command(c, scope, first ? undefined : { value: last });
			first = false;
		}
		for (const name of p.decl) scope.vars.set(name, last);
		return last;
	}

	private command(c: Command, scope: Scope, piped?: { value: Value }): Value {
		const head = c.operands[0]!;
		if (head.kind === 'func') {
			const args = c.operands.slice(1).map((o) => this.operand(o, scope));
			if (piped !== undefined) args.push(piped.value);
			return this.call(head.name, args, head.pos);
		}
		if (c.operands.length > 1 || piped !== undefined) {
			const text = head.kind === 'field' ? head.text : '.';
			const pos = head.kind === 'field' || head.kind === 'dot' ? head.pos : 0;
			throw this.fail(pos, text, `can't give argument to non-function ${text}`);
		}
		return this.operand(head, scope);
	}

	private operand(o: Operand, scope: Scope): Value {
		switch (o.kind) {
			case 'dot':
				return scope.dot;
			case 'literal':
				return o.value;
			case 'pipe': {
				const v = this.pipe(o.pipe, { dot: scope.dot, vars: new Map(scope.vars) });
				return o.path === undefined ? v : this.walk(v, o.path, o.pos ?? 0, o.text ?? '');
			}
			case 'func':
				return this.call(o.name, [], o.pos);
			case 'field': {
				let v: Value;
				if (o.base === 'dot') v = scope.dot;
				else if (o.base === '$') v = scope.vars.get('$');
				else {
					if (!scope.vars.has(o.base)) {
						throw new TemplateError(
							`template: ${this.dialect.name}:${line(this.source, o.pos)}: undefined variable "${o.base}"`
						);
					}
					v = scope.vars.get(o.base);
				}
				return this.walk(v, o.path, o.pos, o.text);
			}
		}
	}

	/** A chain of field names applied to a value (exec.go evalFieldChain). */
	private walk(start: Value, path: readonly string[], pos: number, text: string): Value {
		let v = start;
		for (const key of path) {
			// exec.go evalField: a field of an invalid value is invalid again.
			if (v === NO_VALUE) continue;
			if (v instanceof GoNil) throw this.fail(pos, text, nilField(v.type, key));
			const type = isMap(v) ? (v as Typed)[GO_TYPE] : undefined;
			if (type !== undefined && !Object.prototype.hasOwnProperty.call(v, key)) {
				v = this.typedMissing(type, key, pos, text);
				continue;
			}
			if (isMap(v)) {
				if (!Object.prototype.hasOwnProperty.call(v, key)) {
					if (this.dialect.missingKey === 'default') {
						v = NO_VALUE;
						continue;
					}
					throw this.fail(pos, text, `map has no entry for key "${key}"`);
				}
				v = v[key];
			} else if (v === null || v === undefined) {
				throw this.fail(pos, text, `nil pointer evaluating interface {}.${key}`);
			} else {
				throw this.fail(pos, text, `can't evaluate field ${key} in type ${goType(v)}`);
			}
		}
		return v;
	}

	/**
	 * exec.go evalField on a typed value without the key: a map gives the invalid value
	 * (`<no value>`), a struct the field's zero value, or the error when it has no such field.
	 */
	private typedMissing(type: GoType, key: string, pos: number, text: string): Value {
		const struct = type.kind === 'ptr' ? type.elem : type;
		if (struct.kind === 'map') return NO_VALUE;
		const field = struct.kind === 'struct' ? ownValue(struct.fields, key) : undefined;
		if (field === undefined) {
			throw this.fail(pos, text, `can't evaluate field ${key} in type ${goTypeName(type)}`);
		}
		return zeroOf(field);
	}

	private call(name: string, args: Value[], pos: number): Value {
		const need = (n: number) => {
			if (args.length !== n) {
				throw this.fail(
					pos,
					name,
					`wrong number of args for ${name}: want ${n} got ${args.length}`
				);
			}
		};
		const cmp = (op: string): boolean => {
			need(2);
			const [a, b] = args as [Value, Value];
			if (op === 'eq') return a === b;
			if (op === 'ne') return a !== b;
			if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) {
				throw this.fail(pos, name, `error calling ${name}: incompatible types for comparison`);
			}
			const x = a as number | string;
			const y = b as number | string;
			return op === 'lt' ? x < y : op === 'le' ? x <= y : op === 'gt' ? x > y : x >= y;
		};
		switch (name) {
			case 'and':
				return args.find((a) => !truth(a)) ?? args[args.length - 1];
			case 'or':
				return args.find((a) => truth(a)) ?? args[args.length - 1];
			case 'not':
				need(1);
				return !truth(args[0]);
			case 'len': {
				need(1);
				const v = args[0];
				if (typeof v === 'string' || Array.isArray(v)) return v.length;
				if (isMap(v)) return Object.keys(v).length;
				throw this.fail(pos, name, `error calling len: len of type ${goType(v)}`);
			}
			case 'index': {
				let v = args[0];
				for (const k of args.slice(1)) {
					if (Array.isArray(v) && typeof k === 'number') {
						if (k < 0 || k >= v.length) {
							throw this.fail(pos, name, `error calling index: index out of range: ${k}`);
						}
						v = v[k];
					} else if (isMap(v) && typeof k === 'string') v = mapIndex(v, k);
					else throw this.fail(pos, name, `error calling index: cannot index ${goType(v)}`);
				}
				return v;
			}
			case 'eq':
			case 'ne':
			case 'lt':
			case 'le':
			case 'gt':
			case 'ge':
				return cmp(name);
			case 'print':
				return args.map((a) => this.show(a)).join('');
			case 'println':
				return args.map((a) => this.show(a)).join(' ') + '\n';
			case 'printf':
				return sprintf(String(args[0] ?? ''), args.slice(1), this.dialect.floatNumbers);
			case 'exists':
				return exists(args[0], args.slice(1));
			case 'base64decode': {
				need(1);
				const decoded = decodeBase64(goPrint(args[0]));
				if (decoded === undefined) {
					throw this.fail(
						pos,
						name,
						`error calling base64decode: base64 decode failed: illegal base64 data at input byte ${badBase64Byte(goPrint(args[0]))}`
					);
				}
				return decoded;
			}
			case 'json':
				need(1);
				return goJson(args[0]);
			case 'join':
				need(2);
				return (Array.isArray(args[0]) ? args[0] : [])
					.map((x) => goPrint(x))
					.join(goPrint(args[1]));
			case 'split':
				need(2);
				return goPrint(args[0]).split(goPrint(args[1]));
			case 'lower':
				need(1);
				return goPrint(args[0]).toLowerCase();
			case 'upper':
				need(1);
				return goPrint(args[0]).toUpperCase();
			case 'title':
				need(1);
				return goPrint(args[0]).replace(/\b[a-z]/g, (c) => c.toUpperCase());
			case 'pad': {
				need(3);
				const [s, before, after] = args as [Value, number, number];
				return ' '.repeat(before) + goPrint(s) + ' '.repeat(after);
			}
			case 'truncate': {
				need(2);
				const s = goPrint(args[0]);
				const n = Number(args[1]);
				return s.length > n ? s.slice(0, n) : s;
			}
		}
		throw this.fail(pos, name, `function "${name}" not defined`);
	}
}

function goType(v: Value): string {
	if (typeof v === 'string') return 'string';
	if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
	if (typeof v === 'boolean') return 'bool';
	if (Array.isArray(v)) return '[]interface {}';
	return 'interface {}';
}

/** fmt.Sprintf for the verbs templates use: %s %v %d %q %t %%. */
function sprintf(format: string, args: Value[], floats = false): string {
	let i = 0;
	return format.replace(
		/%([-+ #0]*\d*(?:\.\d+)?)([svdqtx%])/g,
		(_m, _flags: string, verb: string) => {
			if (verb === '%') return '%';
			if (i >= args.length) return `%!${verb}(MISSING)`;
			const v = args[i++];
			if (verb === 'q') return JSON.stringify(goPrint(v, floats));
			if (verb === 'x') return typeof v === 'number' ? v.toString(16) : goPrint(v, floats);
			return goPrint(v, floats);
		}
	);
}

/**
 * cli-runtime template.go `exists`: whether the path of map keys and slice indices leads to a
 * value that is not nil.
 */
function exists(item: Value, indices: readonly Value[]): boolean {
	let v = item;
	for (const k of indices) {
		if (v === null || v === undefined || v === NO_VALUE) return false;
		if (Array.isArray(v) || typeof v === 'string') {
			if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= v.length) return false;
			v = v[k];
		} else if (isMap(v)) {
			if (typeof k !== 'string') return false;
			v = Object.prototype.hasOwnProperty.call(v, k) ? v[k] : null;
		} else return false;
	}
	return v !== null && v !== undefined && v !== NO_VALUE;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The offset in Go's `illegal base64 data at input byte N`: the first character outside the
 * alphabet, or where the last, incomplete quantum starts.
 */
function badBase64Byte(text: string): number {
	const bad = /[^A-Za-z0-9+/=]/.exec(text);
	return bad !== null ? bad.index : text.length - (text.length % 4);
}

/** base64.StdEncoding.DecodeString (padded), read as UTF-8 text; undefined when not base64. */
function decodeBase64(text: string): string | undefined {
	if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
	const bytes: number[] = [];
	let bits = 0;
	let acc = 0;
	for (const c of text.replace(/=+$/, '')) {
		acc = ((acc << 6) | BASE64.indexOf(c)) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			bytes.push((acc >> bits) & 0xff);
		}
	}
	return utf8Text(bytes);
}

/** UTF-8 bytes to a string (no TextDecoder in the engine's lib); bad sequences become U+FFFD. */
function utf8Text(bytes: readonly number[]): string {
	let out = '';
	for (let i = 0; i < bytes.length;) {
		const b = bytes[i]!;
		const size = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
		const tail = bytes.slice(i + 1, i + size);
		if (size === 0 || tail.length !== size - 1 || tail.some((t) => t >> 6 !== 2)) {
			out += '\uFFFD';
			i++;
			continue;
		}
		let code = size === 1 ? b : b & (0xff >> (size + 1));
		for (const t of tail) code = (code << 6) | (t & 63);
		out += String.fromCodePoint(code);
		i += size;
	}
	return out;
}

/** Compiles once; `execute` runs it on one object. Parse errors throw TemplateError. */
export function compileGoTemplate(
	source: string,
	dialect: Dialect = DOCKER_DIALECT
): (data: Value) => string {
	const nodes = parseTemplate(source, dialect);
	const exec = new Exec(source, dialect);
	return (data) => exec.run(nodes, { dot: data, vars: new Map([['$', data]]) });
}
