// Property tests for the console: whatever a learner types or pastes, `exec` answers (it never
// throws), the answer has the documented shape (types.ts ExecResult), and a line that fails
// changes nothing (design.md §3): same snapshot, same time, same trace hash.
//
// Every fc.assert runs with a fixed seed, so a run is reproducible. On failure fast-check prints
// the seed and the counterexample path; replay with `{ seed, path, endOnFailure: true }`.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createLab } from '../../src/engine/index';
import type { Flavor, Lab } from '../../src/engine/index';

const SEED = 20_260_105;

let linesRun = 0;
let linesFailed = 0;

/** Runs one line and checks the contract; throws (failing the property) on any breach. */
function execChecked(lab: Lab, line: string): void {
	const snapshot = JSON.stringify(lab.snapshot());
	const now = lab.now();
	const hash = lab.traceHash();
	let r: unknown;
	try {
		r = lab.exec(line);
	} catch (e) {
		throw new Error(`exec threw on ${JSON.stringify(line)}: ${String(e)}`, { cause: e });
	}
	linesRun++;
	const res = r as { ok: unknown; output: unknown; error?: unknown };
	const where = `for ${JSON.stringify(line)} -> ${JSON.stringify(r)}`;
	if (typeof res !== 'object' || res === null) throw new Error(`not an object ${where}`);
	if (typeof res.ok !== 'boolean') throw new Error(`ok is not a boolean ${where}`);
	if (typeof res.output !== 'string') throw new Error(`output is not a string ${where}`);
	if (res.error !== undefined && typeof res.error !== 'string')
		throw new Error(`error is not a string ${where}`);
	if (res.ok) {
		// Time only moves forward, except when `sim seed N` starts the lab again at 0.
		if (lab.now() < now && !/^\s*sim\s+seed\s/.test(line))
			throw new Error(`time went back ${where}`);
		return;
	}
	linesFailed++;
	if (typeof res.error !== 'string' || res.error.length === 0)
		throw new Error(`failed without an error ${where}`);
	if (lab.now() !== now) throw new Error(`failed line moved time ${now} -> ${lab.now()} ${where}`);
	if (lab.traceHash() !== hash) throw new Error(`failed line changed the trace ${where}`);
	if (JSON.stringify(lab.snapshot()) !== snapshot)
		throw new Error(`failed line changed the snapshot ${where}`);
}

const flavor = fc.constantFrom<Flavor>('kubernetes', 'swarm');

// Valid lines for both flavours (the other flavour's lines fail, which is useful too). Durations
// stay short so a run of mutations cannot spend minutes of CPU simulating days.
const VALID = [
	'kubectl get nodes',
	'kubectl get nodes -o wide',
	'kubectl get nodes node-1 -o json',
	'kubectl get nodes -o yaml',
	'kubectl get nodes -o name',
	"kubectl get nodes -l 'kubernetes.io/hostname in (node-1,node-3)'",
	"kubectl get nodes -l '!node-role.kubernetes.io/control-plane' --show-labels",
	'kubectl get nodes --no-headers',
	'kubectl get pods',
	'docker node ls',
	"docker node ls --format '{{json .}}'",
	"docker node ls --format 'table {{.Hostname}}\\t{{.Status}}'",
	'docker node ls -q',
	'sim advance 30s',
	'sim advance 1m30s',
	'sim advance 250ms',
	'sim time',
	'sim node stop node-1',
	'sim node start node-1',
	'sim node restart node-2',
	'sim node stop worker-1',
	'sim node start worker-1',
	'sim node stop control-plane',
	'sim node start control-plane',
	'sim node stop manager-1',
	'sim node start manager-1',
	'sim partition node-1 / control-plane',
	'sim partition worker-1 / manager-1,worker-2',
	'sim heal',
	'sim latency 50ms',
	'sim loss 10%',
	'sim loss 0%',
	'sim events --since 1m',
	'sim seed',
	'sim seed 7',
	'help'
];

const NASTY = [
	"'",
	'"',
	'\\',
	'\\\\',
	'--',
	'-o',
	'-o=',
	'=',
	'==',
	'--output',
	'99999999999999999999h',
	'9223372036854775807ns',
	'-9223372036854775808ns',
	'1e9s',
	'-5s',
	'-1h30m',
	'-0',
	'+1s',
	'.5s',
	'--frobnicate',
	'--foo=bar',
	'-Z',
	'-qq',
	'--format',
	'{{',
	'}}',
	'{{json .Nope}}',
	'',
	' ',
	'\t',
	'    ',
	'#',
	'$(',
	'`',
	'|',
	';',
	'&&',
	'>',
	'\u0000',
	'\u001b[31m',
	'\u009b',
	'\u202e',
	'\u200b',
	'\ud800',
	'\udfff',
	'👩‍👩‍👧',
	'节点',
	'ノード',
	'µs',
	'x'.repeat(5_000),
	'-'.repeat(300),
	'node-'.repeat(200),
	'node-9',
	'NODE-1',
	'nodes,pods',
	'nodes/node-1',
	'in (',
	')',
	'!',
	'%',
	'101%',
	'1.5.5%'
];

const nasty = fc.constantFrom(...NASTY);

const unicodeWord = fc.oneof(
	fc.string({ unit: 'grapheme', maxLength: 12 }),
	fc.string({ unit: 'binary', maxLength: 8 }),
	fc.string({ unit: 'grapheme-ascii', maxLength: 12 })
);

const flagWord = fc.stringMatching(/^-{1,2}[a-zA-Z][a-z-]{0,10}(=[a-z0-9.%]{0,6})?$/);

const word = fc.oneof(
	{ weight: 3, arbitrary: unicodeWord },
	{ weight: 3, arbitrary: nasty },
	{ weight: 2, arbitrary: flagWord },
	{
		weight: 1,
		arbitrary: fc.constantFrom(
			'nodes',
			'node-1',
			'worker-1',
			'manager-1',
			'control-plane',
			'ls',
			'get',
			'json',
			'wide'
		)
	}
);

/** A whole line of arbitrary text, including control characters and lone surrogates. */
const randomLine = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 80 }),
	fc.string({ unit: 'grapheme', maxLength: 80 }),
	fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
	fc.array(word, { maxLength: 8 }).map((ws) => ws.join(' '))
);

type Mutation =
	| { op: 'insertWord'; at: number; token: string }
	| { op: 'insertChars'; at: number; token: string }
	| { op: 'deleteChars'; at: number; length: number }
	| { op: 'replaceWord'; at: number; token: string }
	| { op: 'duplicateWord'; at: number }
	| { op: 'replaceLine'; token: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({ op: fc.constant('insertWord' as const), at: fc.nat(), token: fc.oneof(nasty, word) }),
	fc.record({
		op: fc.constant('insertChars' as const),
		at: fc.nat(),
		token: fc.oneof(nasty, unicodeWord)
	}),
	fc.record({
		op: fc.constant('deleteChars' as const),
		at: fc.nat(),
		length: fc.integer({ min: 1, max: 6 })
	}),
	fc.record({
		op: fc.constant('replaceWord' as const),
		at: fc.nat(),
		token: fc.oneof(nasty, word)
	}),
	fc.record({ op: fc.constant('duplicateWord' as const), at: fc.nat() }),
	fc.record({
		op: fc.constant('replaceLine' as const),
		token: fc.constantFrom('', ' ', '\t\t', '   \t ', 'x'.repeat(100_001))
	})
);

function mutate(line: string, m: Mutation): string {
	const words = line.split(' ');
	switch (m.op) {
		case 'insertWord': {
			const i = m.at % (words.length + 1);
			return [...words.slice(0, i), m.token, ...words.slice(i)].join(' ');
		}
		case 'insertChars': {
			const i = m.at % (line.length + 1);
			return line.slice(0, i) + m.token + line.slice(i);
		}
		case 'deleteChars': {
			const i = m.at % (line.length + 1);
			return line.slice(0, i) + line.slice(i + m.length);
		}
		case 'replaceWord': {
			const i = m.at % words.length;
			return [...words.slice(0, i), m.token, ...words.slice(i + 1)].join(' ');
		}
		case 'duplicateWord': {
			const i = m.at % words.length;
			return [...words.slice(0, i + 1), words[i], ...words.slice(i + 1)].join(' ');
		}
		case 'replaceLine':
			return m.token;
	}
}

const mutatedLine = fc
	.tuple(fc.constantFrom(...VALID), fc.array(mutation, { minLength: 1, maxLength: 3 }))
	.map(([line, ms]) => ms.reduce(mutate, line));

/** Mostly mutated lines, with some valid ones so the lab's state moves between them. */
const mutationScript = fc.array(
	fc.oneof(
		{ weight: 4, arbitrary: mutatedLine },
		{ weight: 1, arbitrary: fc.constantFrom(...VALID) }
	),
	{ minLength: 10, maxLength: 30 }
);

const PREFIXES = [
	'kubectl get',
	'kubectl get nodes',
	'kubectl',
	'docker node',
	'docker node ls',
	'docker',
	'sim node stop',
	'sim node start',
	'sim advance',
	'sim partition',
	'sim events',
	'sim seed',
	'sim latency',
	'sim loss',
	'sim'
];

const prefixedLine = fc
	.tuple(fc.constantFrom(...PREFIXES), fc.array(word, { maxLength: 4 }))
	.map(([prefix, ws]) => [prefix, ...ws].join(' '));

const prefixScript = fc.array(
	fc.oneof(
		{ weight: 5, arbitrary: prefixedLine },
		{ weight: 1, arbitrary: fc.constantFrom(...VALID) }
	),
	{ minLength: 10, maxLength: 30 }
);

const randomScript = fc.array(randomLine, { minLength: 10, maxLength: 30 });

function runScript(f: Flavor, seed: number, lines: readonly string[]): void {
	const lab = createLab({ flavor: f, seed });
	for (const line of lines) execChecked(lab, line);
}

describe('fuzzing the console (fast-check)', () => {
	it('random unicode lines never throw, and failing ones change nothing', () => {
		fc.assert(
			fc.property(flavor, fc.nat({ max: 1000 }), randomScript, (f, seed, lines) =>
				runScript(f, seed, lines)
			),
			{ seed: SEED, numRuns: 500 }
		);
	});

	it('mutations of valid lines never throw, and failing ones change nothing', () => {
		fc.assert(
			fc.property(flavor, fc.nat({ max: 1000 }), mutationScript, (f, seed, lines) =>
				runScript(f, seed, lines)
			),
			{ seed: SEED + 1, numRuns: 500 }
		);
	});

	it('valid command prefixes followed by random words never throw, and failing ones change nothing', () => {
		fc.assert(
			fc.property(flavor, fc.nat({ max: 1000 }), prefixScript, (f, seed, lines) =>
				runScript(f, seed, lines)
			),
			{ seed: SEED + 2, numRuns: 500 }
		);
	});

	it('the properties above ran at least 10,000 lines, with both outcomes well represented', () => {
		expect(linesRun).toBeGreaterThanOrEqual(10_000);
		// The generators must not degenerate into "everything fails" (or "everything succeeds").
		expect(linesFailed).toBeGreaterThanOrEqual(linesRun * 0.3);
		expect(linesRun - linesFailed).toBeGreaterThanOrEqual(linesRun * 0.1);
		console.log(`fuzz: ${linesRun} lines, ${linesFailed} failed`);
	});
});

describe('the fuzz helpers themselves', () => {
	it('notice a failed line that changes state', () => {
		// A fake lab whose failing exec moves time: execChecked must reject it.
		let t = 0;
		const fake = {
			snapshot: () => ({ t }),
			now: () => t,
			traceHash: () => 'h',
			exec: () => {
				t += 1;
				return { ok: false, output: '', error: 'nope\n' };
			}
		} as unknown as Lab;
		expect(() => execChecked(fake, 'x')).toThrow(/moved time/);
	});

	it('notice a failure without an error text, and a thrown exception', () => {
		const silent = {
			snapshot: () => ({}),
			now: () => 0,
			traceHash: () => 'h',
			exec: () => ({ ok: false, output: '' })
		} as unknown as Lab;
		expect(() => execChecked(silent, 'x')).toThrow(/without an error/);
		const throwing = {
			...silent,
			exec: () => {
				throw new Error('boom');
			}
		} as unknown as Lab;
		expect(() => execChecked(throwing, 'x')).toThrow(/exec threw/);
	});

	it('mutations produce the nasty inputs they promise', () => {
		expect(mutate('sim advance 30s', { op: 'replaceWord', at: 2, token: '-5s' })).toBe(
			'sim advance -5s'
		);
		expect(mutate('sim time', { op: 'insertWord', at: 1, token: '--' })).toBe('sim -- time');
		expect(mutate('sim time', { op: 'insertChars', at: 3, token: '"' })).toBe('sim" time');
		expect(mutate('sim time', { op: 'duplicateWord', at: 0 })).toBe('sim sim time');
		expect(mutate('sim time', { op: 'deleteChars', at: 0, length: 4 })).toBe('time');
		expect(mutate('sim time', { op: 'replaceLine', token: ' ' })).toBe(' ');
	});
});
