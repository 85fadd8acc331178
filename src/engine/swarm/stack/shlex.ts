/**
 * github.com/google/shlex Split, which the compose loader uses for `command:` and
 * `entrypoint:` given as one string (loader.go transformShellCommand): whitespace separates
 * words, `'…'` and `"…"` quote, `\` escapes, and a `#` at the start of a word begins a comment.
 */

type State =
	'start' | 'word' | 'escaping' | 'escapingQuoted' | 'quotingEscaping' | 'quoting' | 'comment';

const SPACE = ' \t\r\n';

export function shlexSplit(
	text: string
): { ok: true; words: string[] } | { ok: false; error: string } {
	const words: string[] = [];
	let state: State = 'start';
	let value = '';
	let inToken = false;
	const finish = () => {
		if (inToken) words.push(value);
		value = '';
		inToken = false;
	};
	for (const c of text) {
		switch (state) {
			case 'start':
				if (SPACE.includes(c)) continue;
				if (c === '#') state = 'comment';
				else {
					inToken = true;
					if (c === '"') state = 'quotingEscaping';
					else if (c === "'") state = 'quoting';
					else if (c === '\\') state = 'escaping';
					else {
						value += c;
						state = 'word';
					}
				}
				break;
			case 'word':
				if (SPACE.includes(c)) {
					finish();
					state = 'start';
				} else if (c === '"') state = 'quotingEscaping';
				else if (c === "'") state = 'quoting';
				else if (c === '\\') state = 'escaping';
				else value += c;
				break;
			case 'escaping':
				value += c;
				state = 'word';
				break;
			case 'escapingQuoted':
				value += c;
				state = 'quotingEscaping';
				break;
			case 'quotingEscaping':
				if (c === '"') state = 'word';
				else if (c === '\\') state = 'escapingQuoted';
				else value += c;
				break;
			case 'quoting':
				if (c === "'") state = 'word';
				else value += c;
				break;
			case 'comment':
				if (c === '\n') state = 'start';
				break;
		}
	}
	if (state === 'escaping' || state === 'escapingQuoted') {
		return { ok: false, error: 'EOF found after escape character' };
	}
	if (state === 'quoting' || state === 'quotingEscaping') {
		return { ok: false, error: 'EOF found when expecting closing quote' };
	}
	finish();
	return { ok: true, words };
}
