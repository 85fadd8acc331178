/**
 * The POSIX shell grammar the lab reads (sh -c scripts, for `kubectl exec` and for containers'
 * own programs alike): words with their quotes and `$(…)`/`$((…))` kept for expansion
 * (backquotes become `$(…)`), pipelines `a | b`, lists joined by `;`, newlines, `&&`, `||`
 * and `&`, `!`, redirections, and the compound commands `for`, `while`, `until`,
 * `if/elif/else/fi`, `case … esac`, `{ …; }` and `( … )` (POSIX XCU 2.9). What it does not
 * read (functions, here-documents) throws Unsupported, so each caller decides what an
 * unsimulated script means.
 */

/** A construct the lab's shell does not simulate: the message names it. */
export class Unsupported extends Error {}

/**
 * A script the shell itself rejects: `unexpected` is the token found (undefined: end of file),
 * `expecting` what the grammar wanted there, when the shells say.
 */
export class ShellSyntaxError extends Error {
	constructor(
		readonly unexpected: string | undefined,
		readonly expecting?: string
	) {
		super(
			unexpected === undefined
				? `unexpected end of file${expecting ? ` (expecting "${expecting}")` : ''}`
				: `unexpected "${unexpected}"`
		);
	}
}

export interface Redirect {
	/** The file descriptor redirected (1 for `>`, 2 for `2>`, 0 for `<`). */
	fd: number;
	/** `&>`: stdout and stderr both to the file (bash's, and busybox ash's BASH_REDIR_OUTPUT). */
	op: '>' | '>>' | '<' | '>&' | '&>';
	/** The file (a raw word, expanded when run), or the descriptor for `>&`. */
	target: string;
}

export type Command =
	| { kind: 'simple'; words: string[]; redirects: Redirect[] }
	| { kind: 'for'; name: string; items: string[] | undefined; body: List }
	| { kind: 'while' | 'until'; cond: List; body: List }
	| { kind: 'if'; branches: { cond: List; body: List }[]; otherwise: List | undefined }
	| { kind: 'group'; body: List }
	/** `( LIST )`: run in a subshell, whose variables stay inside. */
	| { kind: 'subshell'; body: List }
	/** `a | b | c`: each one's stdout feeds the next (XCU 2.9.2). */
	| { kind: 'pipeline'; cmds: Command[] }
	/** A compound command with redirections (`while read l; do …; done < FILE`). */
	| { kind: 'redirected'; cmd: Command; redirects: Redirect[] }
	/** `case WORD in PATTERN|PATTERN) LIST ;; … esac` (XCU 2.9.4.3). */
	| { kind: 'case'; word: string; arms: { patterns: string[]; body: List }[] };

/** `a && b || c`: each command runs when the status so far says so (`first` always runs). */
export interface AndOr {
	items: { op: 'first' | '&&' | '||'; negate: boolean; cmd: Command }[];
	/** Ended by `&`: run asynchronously. */
	background: boolean;
}

export interface List {
	entries: AndOr[];
}

type Token =
	| { t: 'word'; raw: string }
	| { t: 'op'; v: ';' | '&&' | '||' | '&' | '|' | ';;' | '(' | ')' }
	| { t: 'redir'; fd: number; op: Redirect['op']; target?: string };

/** Shell words and operators; quotes and `$(…)` stay inside their word for expansion. */
export function lex(text: string): Token[] {
	const out: Token[] = [];
	let word = '';
	let inWord = false;
	const flush = () => {
		if (inWord) out.push({ t: 'word', raw: word });
		word = '';
		inWord = false;
	};
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (c === ' ' || c === '\t') flush();
		else if (c === '\n' || c === ';') {
			flush();
			if (text[i + 1] === ';' && c === ';') {
				out.push({ t: 'op', v: ';;' });
				i++;
			} else out.push({ t: 'op', v: ';' });
		} else if (c === '#' && !inWord) {
			while (i + 1 < text.length && text[i + 1] !== '\n') i++;
		} else if (c === '&' || c === '|') {
			flush();
			const two = text.slice(i, i + 2);
			if (two === '&&' || two === '||') {
				out.push({ t: 'op', v: two });
				i++;
			} else if (two === '&>') {
				out.push({ t: 'redir', fd: 1, op: '&>' });
				i++;
			} else out.push({ t: 'op', v: c });
		} else if (
			c === '>' ||
			c === '<' ||
			(/\d/.test(c) && !inWord && /^\d[<>]/.test(text.slice(i)))
		) {
			flush();
			if (text.startsWith('<<', i)) throw new Unsupported('here-documents (<<)');
			const m = /^(\d?)(>>|>&|>|<)(\d|-)?/.exec(text.slice(i))!;
			const op = m[2] as Redirect['op'];
			const fd = m[1] !== '' ? Number(m[1]) : op === '<' ? 0 : 1;
			if (op === '>&' && m[3] === undefined) throw new Unsupported(`"${m[0]}" redirections`);
			out.push(op === '>&' ? { t: 'redir', fd, op, target: m[3] } : { t: 'redir', fd, op });
			i += (op === '>&' ? m[0].length : m[1]!.length + op.length) - 1;
		} else if (c === "'" || c === '"') {
			const end = closing(text, i);
			const quoted = text.slice(i, end + 1);
			word += c === '"' ? backquotes(quoted) : quoted;
			inWord = true;
			i = end;
		} else if (c === '$' && text[i + 1] === '(') {
			const end = closingParen(text, i + 1);
			word += text.slice(i, end + 1);
			inWord = true;
			i = end;
		} else if (c === '$' && text[i + 1] === '{') {
			const end = text.indexOf('}', i);
			if (end < 0) throw new ShellSyntaxError(undefined, '}');
			word += text.slice(i, end + 1);
			inWord = true;
			i = end;
		} else if (c === '\\' && i + 1 < text.length) {
			// A backslash-newline joins lines; any other escaped character stays in the word.
			if (text[i + 1] !== '\n') {
				word += text.slice(i, i + 2);
				inWord = true;
			}
			i++;
		} else if (c === '`') {
			const end = closingBackquote(text, i);
			word += `$(${unescapeBackquoted(text.slice(i + 1, end))})`;
			inWord = true;
			i = end;
		} else if (c === '(' || c === ')') {
			flush();
			out.push({ t: 'op', v: c });
		} else {
			word += c;
			inWord = true;
		}
	}
	flush();
	return out;
}

/** The index of the backquote closing the one at `start` (an escaped one does not close it). */
function closingBackquote(text: string, start: number): number {
	for (let i = start + 1; i < text.length; i++) {
		if (text[i] === '\\') i++;
		else if (text[i] === '`') return i;
	}
	throw new ShellSyntaxError(undefined, '`');
}

/** Inside backquotes a backslash quotes only `$`, `` ` `` and `\\` (XCU 2.6.3). */
function unescapeBackquoted(inner: string): string {
	return inner.replace(/\\([$`\\])/g, '$1');
}

/** A double-quoted string's backquoted commands as `$(…)`. */
function backquotes(quoted: string): string {
	if (!quoted.includes('`')) return quoted;
	let out = '';
	for (let i = 0; i < quoted.length; i++) {
		const c = quoted[i]!;
		if (c === '\\') {
			out += quoted.slice(i, i + 2);
			i++;
		} else if (c === '`') {
			const end = closingBackquote(quoted, i);
			out += `$(${unescapeBackquoted(quoted.slice(i + 1, end))})`;
			i = end;
		} else out += c;
	}
	return out;
}

/** The index of the quote closing the one at `start`. */
export function closing(text: string, start: number): number {
	const q = text[start]!;
	for (let i = start + 1; i < text.length; i++) {
		if (q === '"' && text[i] === '\\') i++;
		else if (text[i] === q) return i;
	}
	throw new ShellSyntaxError(undefined, q);
}

/** The index of the `)` closing the `(` at `open`, quotes and nesting skipped. */
export function closingParen(text: string, open: number): number {
	let depth = 0;
	for (let i = open; i < text.length; i++) {
		if (text[i] === '(') depth++;
		else if (text[i] === ')' && --depth === 0) return i;
		else if (text[i] === "'" || text[i] === '"') i = closing(text, i);
	}
	throw new ShellSyntaxError(undefined, ')');
}

/** Reserved words that end a list (XCU 2.4), and those the lab does not read. */
const CLOSERS = new Set(['do', 'done', 'then', 'fi', 'else', 'elif', '}', 'esac', 'in']);
const UNSUPPORTED = new Set(['function', 'select']);

/** Reads a whole script. */
export function parseScript(text: string): List {
	const p = new Parser(lex(text));
	const list = p.list(new Set());
	p.end();
	return list;
}

class Parser {
	private i = 0;
	constructor(private readonly tokens: Token[]) {}

	private word(): string | undefined {
		const t = this.tokens[this.i];
		return t?.t === 'word' ? t.raw : undefined;
	}

	private separators(): void {
		for (let t = this.tokens[this.i]; t?.t === 'op' && t.v === ';'; t = this.tokens[++this.i]);
	}

	end(): void {
		const t = this.tokens[this.i];
		if (t !== undefined) throw new ShellSyntaxError(t.t === 'word' ? t.raw : tokenText(t));
	}

	/**
	 * A compound command's list, which ash requires to hold a command: `if then`, `then fi`,
	 * `do done`, `{ }` are its syntax errors at the word found (ash.c list(): "unexpected").
	 */
	private compound(stop: ReadonlySet<string>, stopOp?: ')' | ';;'): List {
		const list = this.list(stop, stopOp);
		if (list.entries.length === 0) throw this.unexpected();
		return list;
	}

	/** Commands up to one of `stop`'s reserved words, the operator `stopOp`, or the end. */
	list(stop: ReadonlySet<string>, stopOp?: ')' | ';;'): List {
		const entries: AndOr[] = [];
		for (;;) {
			this.separators();
			const w = this.word();
			if (this.i >= this.tokens.length || (w !== undefined && stop.has(w))) break;
			if (stopOp !== undefined && (this.op(stopOp) || (stopOp === ';;' && this.op(')')))) break;
			if (w !== undefined && CLOSERS.has(w)) throw new ShellSyntaxError(w);
			entries.push(this.andOr());
		}
		return { entries };
	}

	private andOr(): AndOr {
		const items: AndOr['items'] = [];
		let op: AndOr['items'][number]['op'] = 'first';
		for (;;) {
			let negate = false;
			while (this.word() === '!') {
				negate = !negate;
				this.i++;
			}
			items.push({ op, negate, cmd: this.pipeline() });
			const t = this.tokens[this.i];
			if (t?.t === 'op' && (t.v === '&&' || t.v === '||')) {
				op = t.v;
				this.i++;
				this.separators(); // a newline may follow `&&` and `||`
				continue;
			}
			const background = t?.t === 'op' && t.v === '&';
			if (background) this.i++;
			return { items, background };
		}
	}

	/** `a | b | c` (one command alone is itself); a newline may follow each `|`. */
	private pipeline(): Command {
		const cmds = [this.command()];
		for (let t = this.tokens[this.i]; t?.t === 'op' && t.v === '|'; t = this.tokens[this.i]) {
			this.i++;
			this.separators();
			cmds.push(this.command());
		}
		return cmds.length === 1 ? cmds[0]! : { kind: 'pipeline', cmds };
	}

	private op(v: string): boolean {
		const t = this.tokens[this.i];
		return t?.t === 'op' && t.v === v;
	}

	/** A command; a compound one may be followed by redirections (XCU 2.9.4). */
	private command(): Command {
		const cmd = this.bare();
		if (cmd.kind === 'simple') return cmd;
		const redirects: Redirect[] = [];
		for (let tok = this.tokens[this.i]; tok?.t === 'redir'; tok = this.tokens[this.i]) {
			redirects.push(this.redirect(tok));
			this.i++;
		}
		return redirects.length === 0 ? cmd : { kind: 'redirected', cmd, redirects };
	}

	/** The redirection at `tok` (its target word consumed when it is the next token). */
	private redirect(tok: Extract<Token, { t: 'redir' }>): Redirect {
		if (tok.target !== undefined) return { fd: tok.fd, op: tok.op, target: tok.target };
		const target = this.tokens[this.i + 1];
		if (target?.t !== 'word')
			throw new ShellSyntaxError(target === undefined ? undefined : tokenText(target));
		this.i++;
		return { fd: tok.fd, op: tok.op, target: target.raw };
	}

	private bare(): Command {
		const first = this.word();
		const t = this.tokens[this.i];
		if (t === undefined) throw new ShellSyntaxError(undefined);
		if (t.t === 'op' && t.v === '(') {
			this.i++;
			const body = this.compound(new Set(), ')');
			if (!this.op(')')) throw this.unexpected(')');
			this.i++;
			return { kind: 'subshell', body };
		}
		if (t.t === 'op') throw new ShellSyntaxError(t.v);
		if (first !== undefined && this.op2('(')) throw new Unsupported('functions');
		if (first !== undefined && UNSUPPORTED.has(first))
			throw new Unsupported(`"${first}" in scripts`);
		if (first === 'for') return this.forLoop();
		if (first === 'while' || first === 'until') {
			this.i++;
			const cond = this.compound(new Set(['do']));
			const body = this.doGroup();
			return { kind: first, cond, body };
		}
		if (first === 'if') return this.ifClause();
		if (first === 'case') return this.caseClause();
		if (first === '{') {
			this.i++;
			const body = this.compound(new Set(['}']));
			this.expect('}');
			return { kind: 'group', body };
		}
		const words: string[] = [];
		const redirects: Redirect[] = [];
		for (let tok = this.tokens[this.i]; tok !== undefined; tok = this.tokens[this.i]) {
			if (tok.t === 'word') words.push(tok.raw);
			else if (tok.t === 'redir') redirects.push(this.redirect(tok));
			else break;
			this.i++;
		}
		return { kind: 'simple', words, redirects };
	}

	/** The token after the current one is the operator `v`. */
	private op2(v: string): boolean {
		const t = this.tokens[this.i + 1];
		return t?.t === 'op' && t.v === v;
	}

	private unexpected(expecting?: string): ShellSyntaxError {
		const t = this.tokens[this.i];
		return new ShellSyntaxError(t === undefined ? undefined : tokenText(t), expecting);
	}

	/** `case WORD in [(]P1|P2) LIST ;; … esac`; the last arm's `;;` may be left out. */
	private caseClause(): Command {
		this.i++; // case
		const word = this.word();
		if (word === undefined) throw this.unexpected();
		this.i++;
		this.separators();
		this.expect('in');
		const arms: { patterns: string[]; body: List }[] = [];
		for (;;) {
			this.separators();
			if (this.word() === 'esac') break;
			if (this.op('(')) this.i++;
			const patterns: string[] = [];
			for (;;) {
				const p = this.word();
				if (p === undefined) throw this.unexpected();
				patterns.push(p);
				this.i++;
				if (!this.op('|')) break;
				this.i++;
			}
			if (!this.op(')')) throw this.unexpected(')');
			this.i++;
			const body = this.list(new Set(['esac']), ';;');
			arms.push({ patterns, body });
			if (this.op(';;')) this.i++;
			else if (this.word() !== 'esac') throw this.unexpected('esac');
		}
		this.expect('esac');
		return { kind: 'case', word, arms };
	}

	private expect(word: string): void {
		if (this.word() !== word) {
			const t = this.tokens[this.i];
			throw new ShellSyntaxError(t === undefined ? undefined : tokenText(t), word);
		}
		this.i++;
	}

	private doGroup(): List {
		this.expect('do');
		const body = this.compound(new Set(['done']));
		this.expect('done');
		return body;
	}

	private forLoop(): Command {
		this.i++; // for
		const name = this.word();
		if (name === undefined || !/^[A-Za-z_]\w*$/.test(name))
			throw new ShellSyntaxError(name ?? undefined);
		this.i++;
		let items: string[] | undefined;
		if (this.word() === 'in') {
			this.i++;
			items = [];
			for (let w = this.word(); w !== undefined; w = this.word()) {
				items.push(w);
				this.i++;
			}
		}
		this.separators();
		return { kind: 'for', name, items, body: this.doGroup() };
	}

	private ifClause(): Command {
		const branches: { cond: List; body: List }[] = [];
		let otherwise: List | undefined;
		let word = this.word();
		while (word === 'if' || word === 'elif') {
			this.i++;
			const cond = this.compound(new Set(['then']));
			this.expect('then');
			const body = this.compound(new Set(['elif', 'else', 'fi']));
			branches.push({ cond, body });
			word = this.word();
		}
		if (word === 'else') {
			this.i++;
			otherwise = this.compound(new Set(['fi']));
		}
		this.expect('fi');
		return { kind: 'if', branches, otherwise };
	}
}

function tokenText(t: Token): string {
	if (t.t === 'word') return t.raw;
	if (t.t === 'op') return t.v;
	return t.op;
}

/** Every simple command's words in a list, nested ones included (for static checks). */
export function simpleCommands(list: List): { words: string[]; redirects: Redirect[] }[] {
	const out: { words: string[]; redirects: Redirect[] }[] = [];
	const visit = (cmd: Command): void => {
		if (cmd.kind === 'simple') out.push(cmd);
		else if (cmd.kind === 'pipeline') cmd.cmds.forEach(visit);
		else if (cmd.kind === 'redirected') visit(cmd.cmd);
		else if (cmd.kind === 'case') cmd.arms.forEach((a) => walk(a.body));
		else if (cmd.kind === 'for' || cmd.kind === 'group' || cmd.kind === 'subshell') walk(cmd.body);
		else if (cmd.kind === 'if') {
			for (const b of cmd.branches) {
				walk(b.cond);
				walk(b.body);
			}
			if (cmd.otherwise) walk(cmd.otherwise);
		} else {
			walk(cmd.cond);
			walk(cmd.body);
		}
	};
	const walk = (l: List): void => l.entries.forEach((e) => e.items.forEach((it) => visit(it.cmd)));
	walk(list);
	return out;
}
