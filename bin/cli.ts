/**
 * `orchestra-lab [--flavor kubernetes|swarm] [--seed N] [--workers N] [--managers N] [--uninitialized] [SCRIPT | -]`
 * `orchestra-lab --exercise ID [SCRIPT | -]`
 *
 * Reads command lines (one a line, `#` comments) from SCRIPT or standard input and prints a
 * terminal transcript: `$ line`, then what the command printed. It goes on past a failed line
 * and exits 1 if any line failed (design.md §4).
 *
 * With `--exercise`, the lab is the exercise's (its scenario's cluster, seed and set-up, as the
 * page starts it) and the transcript ends with the exercise's goals, each met or not, checked
 * as the page checks them; it exits 1 also when a goal is unmet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { terminalText } from '../src/engine/commands/terminal';
import { createLab, type Flavor, type Lab, type LabOptions } from '../src/engine/index';
import { EXERCISES, isExerciseId, type ExerciseId } from '../src/viz/exercises/catalog';
import { goalsHeld } from '../src/viz/exercises/check';
import { scenarioLab } from '../src/viz/scenario-lab';
import { scenario } from '../src/viz/scenarios';

const USAGE =
	'usage: orchestra-lab [--flavor kubernetes|swarm] [--seed N] [--workers N] [--managers N] [--uninitialized] [SCRIPT | -]\n' +
	'       orchestra-lab --exercise ID [SCRIPT | -]    (ID: ' +
	Object.keys(EXERCISES).join(', ') +
	')\n';

interface Options {
	flavor: Flavor;
	seed?: number;
	workers?: number;
	managers?: number;
	swarm?: 'uninitialized';
	exercise?: ExerciseId;
	script: string;
}

function parseArgs(argv: readonly string[]): Options | string {
	const opts: Options = { flavor: 'kubernetes', script: '-' };
	let script: string | undefined;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		const [name, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
		const value = () => inline ?? argv[++i];
		switch (name) {
			case '--help':
			case '-h':
				return 'help';
			case '--flavor': {
				const v = value();
				if (v !== 'kubernetes' && v !== 'swarm')
					return `--flavor must be kubernetes or swarm, got ${v ?? 'nothing'}`;
				opts.flavor = v;
				break;
			}
			case '--exercise': {
				const v = value();
				if (v === undefined || !isExerciseId(v))
					return `--exercise must be one of ${Object.keys(EXERCISES).join(', ')}, got ${v ?? 'nothing'}`;
				opts.exercise = v;
				break;
			}
			case '--uninitialized':
				// A swarm lab whose machines run Docker but form no swarm yet.
				opts.swarm = 'uninitialized';
				break;
			case '--seed':
			case '--workers':
			case '--managers': {
				const v = value();
				if (v === undefined || !/^\d{1,10}$/.test(v))
					return `${name} needs a whole number, got ${v ?? 'nothing'}`;
				opts[name.slice(2) as 'seed' | 'workers' | 'managers'] = Number(v);
				break;
			}
			default:
				if (arg.startsWith('-') && arg !== '-') return `unknown option ${arg}`;
				if (script !== undefined) return `one script at most, got ${script} and ${arg}`;
				script = arg;
		}
	}
	opts.script = script ?? '-';
	// An exercise's lab is its scenario's: nothing else may shape it.
	const shaping = argv.find((a) => /^--(flavor|seed|workers|managers|uninitialized)\b/.test(a));
	if (opts.exercise !== undefined && shaping !== undefined)
		return `--exercise sets the cluster itself: drop ${shaping.split('=')[0]}`;
	return opts;
}

/** What the exercise's lab ran before the script, as comments opening the transcript. */
function setupNote(id: ExerciseId): string {
	const { scenario: scenarioId, flavor } = EXERCISES[id];
	const lines = scenario(scenarioId).setup[flavor];
	return `# exercise ${id}: the lab ran this before your script\n${lines.map((l) => `#   ${l}\n`).join('')}`;
}

/** The goals' lines closing an exercise's transcript, and how many are unmet. */
function goalReport(lab: Lab, id: ExerciseId): { text: string; unmet: number } {
	const goals = EXERCISES[id].goals;
	const held = goalsHeld(lab, goals);
	const met = held.filter(Boolean).length;
	let text = `# exercise ${id}: ${met} of ${goals.length} goals met\n`;
	goals.forEach((goal, i) => {
		text += `${held[i] ? '✓' : '✗'} ${goal.label.en}  (${goal.line})\n`;
	});
	return { text, unmet: goals.length - met };
}

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** Runs every line of a script against the lab; returns the transcript and whether all passed. */
export function runScript(lab: Lab, text: string): { transcript: string; failed: number } {
	let transcript = '';
	let failed = 0;
	for (const raw of text.split('\n')) {
		const line = raw.replace(/\r$/, '');
		if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
		const result = lab.exec(line);
		transcript += `$ ${line}\n${terminalText(result)}`;
		if (!result.ok) failed++;
	}
	return { transcript, failed };
}

export async function main(argv: readonly string[]): Promise<number> {
	const opts = parseArgs(argv);
	if (opts === 'help') {
		process.stdout.write(USAGE);
		return 0;
	}
	if (typeof opts === 'string') {
		process.stderr.write(`orchestra-lab: ${opts}\n${USAGE}`);
		return 2;
	}
	let text: string;
	try {
		text = opts.script === '-' ? await readStdin() : await readFile(opts.script, 'utf8');
	} catch (e) {
		process.stderr.write(`orchestra-lab: cannot read ${opts.script}: ${(e as Error).message}\n`);
		return 2;
	}
	// `-f FILE` paths resolve against the script's folder (or the working folder for stdin).
	const base = opts.script === '-' ? process.cwd() : dirname(resolve(opts.script));
	const host: Pick<LabOptions, 'readFile' | 'readDir'> = {
		readFile: (path) => {
			try {
				return readFileSync(resolve(base, path), 'utf8');
			} catch {
				return undefined;
			}
		},
		readDir: (path) => {
			try {
				return readdirSync(resolve(base, path), { withFileTypes: true }).map((e) =>
					e.isDirectory() ? `${e.name}/` : e.name
				);
			} catch {
				return undefined;
			}
		}
	};
	let lab: Lab;
	try {
		if (opts.exercise !== undefined) {
			const exercise = EXERCISES[opts.exercise];
			lab = scenarioLab(exercise.scenario, exercise.flavor, undefined, undefined, host);
		} else {
			lab = createLab({
				flavor: opts.flavor,
				seed: opts.seed,
				workers: opts.workers,
				managers: opts.managers,
				...(opts.swarm !== undefined ? { swarm: opts.swarm } : {}),
				...host
			});
		}
	} catch (e) {
		process.stderr.write(`orchestra-lab: ${(e as Error).message}\n`);
		return 2;
	}
	if (opts.exercise !== undefined) process.stdout.write(setupNote(opts.exercise));
	const { transcript, failed } = runScript(lab, text);
	process.stdout.write(transcript);
	if (opts.exercise === undefined) return failed > 0 ? 1 : 0;
	const report = goalReport(lab, opts.exercise);
	process.stdout.write(report.text);
	return failed > 0 || report.unmet > 0 ? 1 : 0;
}
