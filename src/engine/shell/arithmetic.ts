/**
 * `$((…))`: the shell's integer arithmetic (POSIX XCU 2.6.4, C's operators and precedence):
 * constants (decimal, 0x hex, leading-0 octal), variables by name (unset or empty is 0),
 * unary `+ - ! ~`, `* / %`, `+ -`, `<< >>`, comparisons, `== !=`, `& ^ |`, `&& ||`, `?:`,
 * the assignments `= += -= *= /= %=` and ash's and bash's `++`/`--`. Integers are the shells'
 * signed 64-bit ones, kept here as JavaScript numbers (exact to 2^53).
 */

/** An expression the shell rejects; the message is busybox's (shell/math.c). */
export class ArithmeticError extends Error {}

export interface ArithmeticVars {
	get(name: string): string;
	set(name: string, value: string): void;
}

type Tok = { k: 'num'; v: number } | { k: 'name'; v: string } | { k: 'op'; v: string };

const OPS = [
	'<<=',
	'>>=',
	'++',
	'--',
	'<<',
	'>>',
	'<=',
	'>=',
	'==',
	'!=',
	'&&',
	'||',
	'+=',
	'-=',
	'*=',
	'/=',
	'%=',
	'&=',
	'|=',
	'^=',
	'+',
	'-',
	'*',
	'/',
	'%',
	'<',
	'>',
	'!',
	'~',
	'&',
	'|',
	'^',
	'?',
	':',
	'=',
	'(',
	')'
];

function tokens(expr: string): Tok[] {
	const out: Tok[] = [];
	let i = 0;
	while (i < expr.length) {
		const rest = expr.slice(i);
		const space = /^\s+/.exec(rest);
		const num = /^(0[xX][0-9a-fA-F]+|\d+)/.exec(rest);
		const name = /^[A-Za-z_]\w*/.exec(rest);
		if (space) i += space[0].length;
		else if (num) {
			const text = num[1]!;
			const v = /^0\d/.test(text) ? parseInt(text, 8) : Number(text);
			if (!Number.isFinite(v) || /^\d+[A-Za-z_]/.test(rest))
				throw new ArithmeticError('arithmetic syntax error');
			out.push({ k: 'num', v });
			i += text.length;
		} else if (name) {
			out.push({ k: 'name', v: name[0] });
			i += name[0].length;
		} else {
			const op = OPS.find((o) => rest.startsWith(o));
			if (op === undefined) throw new ArithmeticError('arithmetic syntax error');
			out.push({ k: 'op', v: op });
			i += op.length;
		}
	}
	return out;
}

/** Binary operators by precedence, loosest first (C's table). */
const LEVELS: readonly (readonly string[])[] = [
	['||'],
	['&&'],
	['|'],
	['^'],
	['&'],
	['==', '!='],
	['<', '<=', '>', '>='],
	['<<', '>>'],
	['+', '-'],
	['*', '/', '%']
];

const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^=']);

export function arithmetic(expr: string, vars: ArithmeticVars): number {
	const toks = tokenCache.get(expr) ?? tokens(expr);
	if (tokenCache.size > 1000) tokenCache.clear();
	tokenCache.set(expr, toks);
	if (toks.length === 0) return 0;
	return new Evaluator(toks, vars).whole();
}

/** Scripts evaluate the same few expressions again and again (a loop's `i+1`). */
const tokenCache = new Map<string, Tok[]>();

function binary(op: string, a: number, b: number): number {
	switch (op) {
		case '||':
			return a !== 0 || b !== 0 ? 1 : 0;
		case '&&':
			return a !== 0 && b !== 0 ? 1 : 0;
		case '|':
			return a | b;
		case '^':
			return a ^ b;
		case '&':
			return a & b;
		case '==':
			return a === b ? 1 : 0;
		case '!=':
			return a !== b ? 1 : 0;
		case '<':
			return a < b ? 1 : 0;
		case '<=':
			return a <= b ? 1 : 0;
		case '>':
			return a > b ? 1 : 0;
		case '>=':
			return a >= b ? 1 : 0;
		case '<<':
			return a * 2 ** b;
		case '>>':
			return Math.floor(a / 2 ** b);
		case '+':
			return a + b;
		case '-':
			return a - b;
		case '*':
			return a * b;
		default:
			if (b === 0) throw new ArithmeticError('divide by zero');
			return op === '/' ? Math.trunc(a / b) : a % b;
	}
}

/** A recursive-descent reading of one expression's tokens. */
class Evaluator {
	private i = 0;
	constructor(
		private readonly toks: readonly Tok[],
		private readonly vars: ArithmeticVars
	) {}

	whole(): number {
		const result = this.assignment();
		if (this.i < this.toks.length) throw new ArithmeticError('arithmetic syntax error');
		return result;
	}

	private isOp(v: string): boolean {
		const t = this.toks[this.i];
		return t?.k === 'op' && t.v === v;
	}

	private value(name: string): number {
		const text = this.vars.get(name).trim();
		if (text === '') return 0;
		return /^-?(0|[1-9]\d*)$/.test(text) ? Number(text) : arithmetic(text, this.vars);
	}

	private assignment(): number {
		const t = this.toks[this.i];
		const next = this.toks[this.i + 1];
		if (t?.k === 'name' && next?.k === 'op' && ASSIGN.has(next.v)) {
			this.i += 2;
			const rhs = this.assignment();
			const v = next.v === '=' ? rhs : binary(next.v.slice(0, -1), this.value(t.v), rhs);
			this.vars.set(t.v, String(v));
			return v;
		}
		return this.conditional();
	}

	private conditional(): number {
		const c = this.level(0);
		if (!this.isOp('?')) return c;
		this.i++;
		const a = this.assignment();
		if (!this.isOp(':')) throw new ArithmeticError('arithmetic syntax error');
		this.i++;
		const b = this.assignment();
		return c !== 0 ? a : b;
	}

	private level(n: number): number {
		if (n === LEVELS.length) return this.unary();
		let a = this.level(n + 1);
		for (
			let t = this.toks[this.i];
			t?.k === 'op' && LEVELS[n]!.includes(t.v);
			t = this.toks[this.i]
		) {
			this.i++;
			a = binary(t.v, a, this.level(n + 1));
		}
		return a;
	}

	private unary(): number {
		const t = this.toks[this.i];
		if (t?.k === 'op' && ['+', '-', '!', '~'].includes(t.v)) {
			this.i++;
			const v = this.unary();
			return t.v === '-' ? -v : t.v === '!' ? (v === 0 ? 1 : 0) : t.v === '~' ? ~v : v;
		}
		if (t?.k === 'op' && (t.v === '++' || t.v === '--')) {
			this.i++;
			const n = this.toks[this.i];
			if (n?.k !== 'name') throw new ArithmeticError('arithmetic syntax error');
			this.i++;
			const v = this.value(n.v) + (t.v === '++' ? 1 : -1);
			this.vars.set(n.v, String(v));
			return v;
		}
		return this.postfix();
	}

	private postfix(): number {
		const t = this.toks[this.i++];
		if (t?.k === 'num') return t.v;
		if (t?.k === 'name') {
			const v = this.value(t.v);
			if (this.isOp('++') || this.isOp('--')) {
				this.vars.set(t.v, String(v + (this.isOp('++') ? 1 : -1)));
				this.i++;
			}
			return v;
		}
		if (t?.k === 'op' && t.v === '(') {
			const v = this.assignment();
			if (!this.isOp(')')) throw new ArithmeticError('arithmetic syntax error');
			this.i++;
			return v;
		}
		throw new ArithmeticError('arithmetic syntax error');
	}
}
