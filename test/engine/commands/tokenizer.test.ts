import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { tokenize } from '../../../src/engine/commands/tokenizer';

const unsupported = (op: string) =>
	'pipes, redirections and command lists are not supported in the lab console: `' + op + '`';

describe('tokenize: words', () => {
	const cases: [string, string[]][] = [
		['', []],
		['   ', []],
		['kubectl get pods', ['kubectl', 'get', 'pods']],
		['  kubectl \t get   pods  ', ['kubectl', 'get', 'pods']],
		['a\'b\'"c"', ['abc']],
		["''", ['']],
		['""', ['']],
		["a '' b", ['a', '', 'b']],
		["'a b'", ['a b']],
		["'a\\nb'", ['a\\nb']],
		["'\"$(x)|;'", ['"$(x)|;']],
		['"a b"', ['a b']],
		['"a\\"b"', ['a"b']],
		['"a\\\\b"', ['a\\b']],
		['"\\$HOME"', ['$HOME']],
		['"\\`x\\`"', ['`x`']],
		['"a\\nb"', ['a\\nb']],
		['"it\'s"', ["it's"]],
		['"|;&<>"', ['|;&<>']],
		['"$HOME"', ['$HOME']],
		['$HOME ${X}', ['$HOME', '${X}']],
		['a\\ b', ['a b']],
		['\\|', ['|']],
		['\\#x', ['#x']],
		['a\\\\', ['a\\']],
		["it\\'s", ["it's"]],
		["'it'\\''s'", ["it's"]],
		['# comment', []],
		['kubectl get pods # list pods', ['kubectl', 'get', 'pods']],
		['kubectl get pods #|; "unterminated', ['kubectl', 'get', 'pods']],
		['a#b', ['a#b']],
		["''#x", ['#x']],
		['"#"', ['#']],
		[
			"kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
			['kubectl', 'get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']
		],
		[
			"docker node ls --format '{{.ID}} {{.Hostname}}'",
			['docker', 'node', 'ls', '--format', '{{.ID}} {{.Hostname}}']
		],
		[
			'sim partition manager-1,manager-2 / manager-3',
			['sim', 'partition', 'manager-1,manager-2', '/', 'manager-3']
		],
		['kubectl get pods -l app=web,tier!=db', ['kubectl', 'get', 'pods', '-l', 'app=web,tier!=db']],
		['节点 "ノード"', ['节点', 'ノード']],
		['\ud800 x', ['\ud800', 'x']],
		['a\u00a0b', ['a\u00a0b']]
	];
	it.each(cases)('%j', (line, words) => {
		expect(tokenize(line)).toEqual({ ok: true, words });
	});
});

describe('tokenize: errors', () => {
	const cases: [string, string][] = [
		["echo 'abc", "unexpected EOF while looking for matching `''"],
		["'", "unexpected EOF while looking for matching `''"],
		['echo "abc', 'unexpected EOF while looking for matching `"\''],
		['"abc\\"', 'unexpected EOF while looking for matching `"\''],
		['echo abc\\', 'unexpected EOF after backslash'],
		['\\', 'unexpected EOF after backslash'],
		['a\u0000b', 'invalid character U+0000 in command line'],
		['kubectl get pods\n', 'invalid character U+000A in command line'],
		['a\rb', 'invalid character U+000D in command line'],
		['# \u001b[31m', 'invalid character U+001B in command line'],
		['kubectl get pods | grep web', unsupported('|')],
		['a||b', unsupported('||')],
		['a|&b', unsupported('|&')],
		['kubectl get pods; ls', unsupported(';')],
		['sleep 5 &', unsupported('&')],
		['a && b', unsupported('&&')],
		['a &> f', unsupported('&>')],
		['kubectl get pods > out.txt', unsupported('>')],
		['kubectl get pods 2>&1', unsupported('>&')],
		['a >> f', unsupported('>>')],
		['kubectl apply -f - < x.yaml', unsupported('<')],
		['cat <<EOF', unsupported('<<')],
		['echo `date`', unsupported('`')],
		['echo $(date)', unsupported('$(')],
		['echo x$(date)', unsupported('$(')],
		['echo "$(date)"', unsupported('$(')],
		['echo "`date`"', unsupported('`')],
		["'ok' | x 'unterminated", unsupported('|')]
	];
	it.each(cases)('%j', (line, error) => {
		expect(tokenize(line)).toEqual({ ok: false, error });
	});

	it('allows a tab but no other C0 control character', () => {
		expect(tokenize('a\tb')).toEqual({ ok: true, words: ['a', 'b'] });
		for (let c = 0; c < 0x20; c++) {
			if (c === 9) continue;
			const hex = c.toString(16).toUpperCase().padStart(4, '0');
			expect(tokenize('x' + String.fromCharCode(c))).toEqual({
				ok: false,
				error: `invalid character U+${hex} in command line`
			});
		}
	});
});

describe('tokenize: properties', () => {
	// Any UTF-16 code unit, lone surrogates included, with the shell's special characters
	// over-represented so the interesting paths are hit often.
	const anyUnit = fc.oneof(
		fc.constantFrom(' ', '\t', "'", '"', '\\', '#', '$', '(', '|', ';', '&', '<', '>', '`', '\n'),
		fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
		fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })
	);
	// eslint-disable-next-line no-control-regex -- control characters are what it looks for
	const noControl = (s: string) => !/[\u0000-\u0008\u000a-\u001f]/.test(s);

	it('never throws and always returns a well-formed result', () => {
		fc.assert(
			fc.property(fc.string({ unit: anyUnit, maxLength: 60 }), (line) => {
				const r = tokenize(line);
				if (r.ok) expect(r.words.every((w) => typeof w === 'string')).toBe(true);
				else expect(r.error.length).toBeGreaterThan(0);
			}),
			{ numRuns: 3000 }
		);
	});

	it('re-tokenizes space-joined words of safe characters to the same words', () => {
		const safe = fc.constantFrom(
			...'abcxyzABCXYZ0189-_./:=,@%+{}[]*?!~^'.split(''),
			'é',
			'节',
			'🚀'
		);
		const word = fc.string({ unit: safe, minLength: 1, maxLength: 12 });
		fc.assert(
			fc.property(fc.array(word, { maxLength: 8 }), (words) => {
				expect(tokenize(words.join(' '))).toEqual({ ok: true, words });
			})
		);
	});

	it("round-trips any string single-quoted with the '\\'' idiom", () => {
		const arg = fc.string({ unit: anyUnit, maxLength: 40 }).filter(noControl);
		fc.assert(
			fc.property(fc.array(arg, { maxLength: 5 }), (args) => {
				const line = args.map((a) => "'" + a.replaceAll("'", "'\\''") + "'").join(' ');
				expect(tokenize(line)).toEqual({ ok: true, words: args });
			}),
			{ numRuns: 2000 }
		);
	});

	it('round-trips any string with every character backslash-escaped', () => {
		const arg = fc.string({ unit: anyUnit, minLength: 1, maxLength: 40 }).filter(noControl);
		fc.assert(
			fc.property(arg, (a) => {
				expect(tokenize(a.replace(/[^]/g, '\\$&'))).toEqual({ ok: true, words: [a] });
			})
		);
	});

	it('handles 100k-character lines in linear time', () => {
		const long = 'a'.repeat(50_000) + ' "' + 'b\\"'.repeat(16_000) + '"';
		const r = tokenize(long);
		expect(r.ok && r.words.length).toBe(2);
		const words = tokenize('x '.repeat(50_000));
		expect(words.ok && words.words.length).toBe(50_000);
		expect(tokenize("'".repeat(99_999)).ok).toBe(false);
		expect(tokenize('\\ '.repeat(50_000)).ok).toBe(true);
	});
});
