/**
 * The learner's shell variables on their own machine: `export DOMAIN=example.com` before
 * `docker stack deploy`, whose Compose file reads `${DOMAIN}` (docker/cli passes its environment
 * to the loader's interpolation). Kept per lab, so time travel restores them, and recorded with
 * the lines that set them.
 */
import { perLab } from '../core/per-lab';
import { hasOwnKey, putOwn } from '../core/own-keys';
import { ok, fail, type CommandContext, type CommandResult } from './context';

class ShellEnv {
	vars: Record<string, string> = {};

	save(): Record<string, string> {
		return { ...this.vars };
	}

	load(state: unknown): void {
		this.vars = { ...((state as Record<string, string> | undefined) ?? {}) };
	}
}

export const shellEnv = perLab('console.env', () => new ShellEnv());

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A `NAME=value` word, split; undefined for any other word. */
export function assignment(word: string): [string, string] | undefined {
	const eq = word.indexOf('=');
	if (eq <= 0 || !NAME.test(word.slice(0, eq))) return undefined;
	return [word.slice(0, eq), word.slice(eq + 1)];
}

/** bash's `export [NAME[=value]…]`: with no names it lists the variables, as `declare -x`. */
export function exportCommand(ctx: CommandContext, args: readonly string[]): CommandResult {
	const env = shellEnv(ctx.kernel);
	if (args.length === 0)
		return ok(
			Object.keys(env.vars)
				.sort()
				.map((k) => `declare -x ${k}=${JSON.stringify(env.vars[k])}\n`)
				.join('')
		);
	for (const word of args) {
		const pair = assignment(word);
		if (pair !== undefined) putOwn(env.vars, pair[0], pair[1]);
		else if (NAME.test(word)) {
			if (!hasOwnKey(env.vars, word)) putOwn(env.vars, word, '');
		} else return fail(`bash: export: \`${word}': not a valid identifier`);
	}
	return ok('', true);
}

/** bash's `unset NAME…`. */
export function unsetCommand(ctx: CommandContext, args: readonly string[]): CommandResult {
	const env = shellEnv(ctx.kernel);
	for (const word of args) {
		if (!NAME.test(word)) return fail(`bash: unset: \`${word}': not a valid identifier`);
		delete env.vars[word];
	}
	return ok('', true);
}

/**
 * `NAME=value … COMMAND`: the variables hold for that command alone (bash's temporary
 * assignments), then the environment is as it was.
 */
export function withAssignments(
	ctx: CommandContext,
	pairs: readonly [string, string][],
	run: () => CommandResult
): CommandResult {
	const env = shellEnv(ctx.kernel);
	const before = { ...env.vars };
	for (const [k, v] of pairs) putOwn(env.vars, k, v);
	try {
		return run();
	} finally {
		env.vars = before;
	}
}
