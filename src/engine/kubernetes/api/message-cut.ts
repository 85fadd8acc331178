/**
 * An event message with its subject cut out (its template key): `Successfully assigned
 * default/web-1 to node-3` about default/web-1 is `Successfully assigned \u0001 to node-3`.
 * Worked out as positions in the message, so that recording an event hashes the key and checks
 * it against a template without building it; the key string is built only when a new text is
 * kept (./event-log).
 */

/** Where the subject goes in a template's key; messages holding these are never templated. */
export const NS_NAME = '\u0001';
export const NAME = '\u0002';
export const NS_NAME_CODE = 1;
export const NAME_CODE = 2;

/** No cut (the key is the message). */
const WHOLE = 0;
/** A message holding a placeholder: its key is both placeholders, then the message. */
const SELF = 3;
const SLASH = 0x2f;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** The separator `mix` ends a hashed text with. */
const END = 0x7c;

/**
 * A message with the subject cut out: `prefix`, then (slot 1) `<namespace>/<name>` or (slot 2)
 * `<name>` or (slot 0) nothing, then `suffix`.
 */
export interface Template {
	readonly prefix: string;
	readonly slot: 0 | 1 | 2;
	readonly suffix: string;
}

/** FNV-1a of `s` and a separator, from `h`. */
export function mix(h: number, s: string): number {
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
	return Math.imul(h ^ END, FNV_PRIME);
}

/** The template a key stands for. */
export function templateOf(key: string): Template {
	if (key.startsWith(NAME + NS_NAME)) return { prefix: key.slice(2), slot: 0, suffix: '' };
	for (const [mark, slot] of [
		[NS_NAME, 1],
		[NAME, 2]
	] as const) {
		const at = key.indexOf(mark);
		if (at >= 0) return { prefix: key.slice(0, at), slot, suffix: key.slice(at + 1) };
	}
	return { prefix: key, slot: 0, suffix: '' };
}

/** The cut of one message at a time (reused: recording an event allocates none). */
export class MessageCut {
	private message = '';
	/** The cut's start and length in the message, and what goes there (NS_NAME_CODE, NAME_CODE). */
	private at = 0;
	private len = 0;
	private code = WHOLE;

	/**
	 * Cuts `message` about `ns/name`: the first `<ns>/<name>`, else the first `<name>`, else
	 * nothing. A message holding a placeholder character is its own template: its key (with
	 * both placeholders, which no cut key has) never cuts anything.
	 */
	of(message: string, ns: string, name: string): void {
		this.message = message;
		this.code = WHOLE;
		if (message.includes(NS_NAME) || message.includes(NAME)) {
			this.code = SELF;
			return;
		}
		if (name === '') {
			const at = message.indexOf(`${ns}/`);
			if (at >= 0) this.cut(at, ns.length + 1, NS_NAME_CODE);
			return;
		}
		// The first `<ns>/<name>` is the first `<name>` right after `<ns>/`. Found without
		// building `<ns>/<name>` (most messages hold neither).
		const first = message.indexOf(name);
		if (first < 0) return;
		for (let at = first; at >= 0; at = message.indexOf(name, at + 1)) {
			const start = at - ns.length - 1;
			if (start >= 0 && message.charCodeAt(at - 1) === SLASH && message.startsWith(ns, start))
				return this.cut(start, ns.length + 1 + name.length, NS_NAME_CODE);
		}
		this.cut(first, name.length, NAME_CODE);
	}

	/** Takes `message` as one known to have no cut for its subject (its key is itself). */
	uncut(message: string): void {
		this.message = message;
		this.code = WHOLE;
	}

	/** Whether the message has no cut (its key is itself). */
	isUncut(): boolean {
		return this.code === WHOLE;
	}

	private cut(at: number, len: number, code: number): void {
		this.at = at;
		this.len = len;
		this.code = code;
	}

	/** FNV-1a of the key and a separator (`mix` from the offset basis), hashed from the message. */
	hash(): number {
		const m = this.message;
		let h = FNV_OFFSET;
		if (this.code === SELF) {
			h = Math.imul(h ^ NAME_CODE, FNV_PRIME);
			h = Math.imul(h ^ NS_NAME_CODE, FNV_PRIME);
		}
		const cut = this.code === NS_NAME_CODE || this.code === NAME_CODE;
		const stop = cut ? this.at : m.length;
		for (let i = 0; i < stop; i++) h = Math.imul(h ^ m.charCodeAt(i), FNV_PRIME);
		if (cut) {
			h = Math.imul(h ^ this.code, FNV_PRIME);
			for (let i = this.at + this.len; i < m.length; i++)
				h = Math.imul(h ^ m.charCodeAt(i), FNV_PRIME);
		}
		return Math.imul(h ^ END, FNV_PRIME);
	}

	/** The key as a string. */
	key(): string {
		const m = this.message;
		if (this.code === SELF) return NAME + NS_NAME + m;
		if (this.code === WHOLE) return m;
		const mark = this.code === NS_NAME_CODE ? NS_NAME : NAME;
		return m.slice(0, this.at) + mark + m.slice(this.at + this.len);
	}

	/** Whether `t` is the key's template, compared in place. */
	is(t: Template): boolean {
		const m = this.message;
		// A slot-0 template whose prefix is a message holding a placeholder was made from a
		// SELF key (a key without a cut holds none), so one comparison serves both.
		if (this.code === WHOLE || this.code === SELF) return t.slot === 0 && t.prefix === m;
		return (
			t.slot === this.code &&
			t.prefix.length === this.at &&
			t.suffix.length === m.length - this.at - this.len &&
			m.startsWith(t.prefix) &&
			m.endsWith(t.suffix)
		);
	}
}
