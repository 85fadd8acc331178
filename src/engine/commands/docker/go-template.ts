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

/** A value that prints as its Go String() method prints (time.Duration, time.Time). */
export class GoStringer {
	constructor(
		readonly text: string,
		/** Its truth in `if`: a zero duration is false. */
		readonly truth: boolean = true
	) {}
}

type Value = unknown;

type Operand =
	| { kind: 'dot'; pos: number }
	| { kind: 'field'; base: 'dot' | string; path: string[]; pos: number; text: string }
	| { kind: 'literal'; value: Value }
	| { kind: 'func'; name: string; pos: number }
	| { kind: 'pipe'; pipe: Pipeline };

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

const BUILTINS = new Set([
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
	'println',
	'json',
	'join',
	'split',
	'lower',
	'upper',
	'title',
	'pad',
	'truncate'
]);

// ---------------------------------------------------------------- lexing and parsing

interface Action {
	/** The text between the delimiters, trim markers removed. */
	body: string;
	/** Offset of the body in the template (for error positions). */
	at: number;
}

type Piece = { text: string } | { action: Action };

function split(source: string): Piece[] {
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
		if (close < 0) throw new TemplateError(`template: :${line(source, open)}: unclosed action`);
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
	| { t: 'punct'; p: '|' | '(' | ')' | ',' | ':=' | '=' };

function tokenize(body: string, at: number, source: string): Token[] {
	const tokens: Token[] = [];
	const bad = (msg: string) => new TemplateError(`template: :${line(source, at)}: ${msg}`);
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
		} else if (/[-+0-9]/.test(c) && /[0-9.]/.test(body[i + 1] ?? c)) {
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
		private readonly where: string
	) {}

	private bad(msg: string): TemplateError {
		return new TemplateError(`template: :${this.where}: ${msg}`);
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
						operands.push({ kind: 'pipe', pipe: inner });
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
				else {
					if (!BUILTINS.has(tok.name)) throw this.bad(`function "${tok.name}" not defined`);
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

function parsePipe(action: Action, source: string, context: string, skip: number): Pipeline {
	const tokens = tokenize(action.body.slice(skip), action.at + skip, source);
	const parser = new Parser(tokens, String(line(source, action.at)));
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

export function parseTemplate(source: string): Node[] {
	const root: Node[] = [];
	const stack: Frame[] = [];
	const out = (): Node[] => {
		const top = stack[stack.length - 1];
		return top === undefined ? root : top.inElse ? top.node.otherwise : top.node.then;
	};
	for (const piece of split(source)) {
		if ('text' in piece) {
			out().push({ kind: 'text', text: piece.text });
			continue;
		}
		const a = piece.action;
		const body = a.body.trim();
		const lead = a.body.length - a.body.trimStart().length;
		const word = /^[A-Za-z]+/.exec(body)?.[0] ?? '';
		const where = `template: :${line(source, a.at)}:`;
		if (body.startsWith('/*')) continue;
		if (word === 'if' || word === 'with' || word === 'range') {
			const pipe = parsePipe(a, source, word, lead + word.length);
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
				const pipe = parsePipe(a, source, kind, skip);
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
			out().push({ kind: 'action', pipe: parsePipe(a, source, 'command', 0) });
		}
	}
	if (stack.length > 0) throw new TemplateError('template: :1: unexpected EOF');
	return root;
}

// ---------------------------------------------------------------- evaluation

function isMap(v: Value): v is Record<string, Value> {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoStringer);
}

export function truth(v: Value): boolean {
	if (v instanceof GoStringer) return v.truth;
	if (Array.isArray(v)) return v.length > 0;
	if (isMap(v)) return Object.keys(v).length > 0;
	return v !== undefined && v !== null && v !== false && v !== '' && v !== 0;
}

/** fmt's %v, as text/template prints a value. */
export function goPrint(v: Value): string {
	if (v === undefined || v === null) return '<nil>';
	if (v instanceof GoStringer) return v.text;
	if (typeof v === 'string') return v;
	if (typeof v === 'number') return goNumber(v);
	if (typeof v === 'boolean') return String(v);
	if (Array.isArray(v)) return '[' + v.map(goPrint).join(' ') + ']';
	if (isMap(v)) {
		const keys = Object.keys(v).sort();
		return 'map[' + keys.map((k) => `${k}:${goPrint(v[k])}`).join(' ') + ']';
	}
	return String(v);
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

function goJson(v: Value): string {
	return JSON.stringify(v, (_k, x: unknown) => (x instanceof GoStringer ? x.text : x)) ?? 'null';
}

interface Scope {
	dot: Value;
	vars: Map<string, Value>;
}

class Exec {
	constructor(private readonly source: string) {}

	private fail(pos: number, text: string, msg: string): TemplateError {
		let start = this.source.lastIndexOf('\n', pos - 1) + 1;
		if (start < 0) start = 0;
		const col = pos - start;
		const shown = text.length > 20 ? `${text.slice(0, 20)}...` : text;
		return new TemplateError(
			`template: :${line(this.source, pos)}:${col}: executing "" at <${shown}>: ${msg}`
		);
	}

	run(nodes: readonly Node[], scope: Scope): string {
		let s = '';
		for (const n of nodes) {
			if (n.kind === 'text') s += n.text;
			else if (n.kind === 'action') {
				const v = this.pipe(n.pipe, scope);
				if (n.pipe.decl.length === 0) s += goPrint(v);
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
			case 'pipe':
				return this.pipe(o.pipe, { dot: scope.dot, vars: new Map(scope.vars) });
			case 'func':
				return this.call(o.name, [], o.pos);
			case 'field': {
				let v: Value;
				if (o.base === 'dot') v = scope.dot;
				else if (o.base === '$') v = scope.vars.get('$');
				else {
					if (!scope.vars.has(o.base)) {
						throw new TemplateError(
							`template: :${line(this.source, o.pos)}: undefined variable "${o.base}"`
						);
					}
					v = scope.vars.get(o.base);
				}
				for (const key of o.path) {
					if (isMap(v)) {
						if (!Object.prototype.hasOwnProperty.call(v, key)) {
							throw this.fail(o.pos, o.text, `map has no entry for key "${key}"`);
						}
						v = v[key];
					} else if (v === null || v === undefined) {
						throw this.fail(o.pos, o.text, `nil pointer evaluating interface {}.${key}`);
					} else {
						throw this.fail(o.pos, o.text, `can't evaluate field ${key} in type ${goType(v)}`);
					}
				}
				return v;
			}
		}
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
					} else if (isMap(v) && typeof k === 'string') v = v[k];
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
				return args.map(goPrint).join('');
			case 'println':
				return args.map(goPrint).join(' ') + '\n';
			case 'printf':
				return sprintf(String(args[0] ?? ''), args.slice(1));
			case 'json':
				need(1);
				return goJson(args[0]);
			case 'join':
				need(2);
				return (Array.isArray(args[0]) ? args[0] : []).map(goPrint).join(goPrint(args[1]));
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
function sprintf(format: string, args: Value[]): string {
	let i = 0;
	return format.replace(
		/%([-+ #0]*\d*(?:\.\d+)?)([svdqtx%])/g,
		(_m, _flags: string, verb: string) => {
			if (verb === '%') return '%';
			if (i >= args.length) return `%!${verb}(MISSING)`;
			const v = args[i++];
			if (verb === 'q') return JSON.stringify(goPrint(v));
			if (verb === 'x') return typeof v === 'number' ? v.toString(16) : goPrint(v);
			return goPrint(v);
		}
	);
}

/** Compiles once; `execute` runs it on one object. Parse errors throw TemplateError. */
export function compileGoTemplate(source: string): (data: Value) => string {
	const nodes = parseTemplate(source);
	const exec = new Exec(source);
	return (data) => exec.run(nodes, { dot: data, vars: new Map([['$', data]]) });
}
