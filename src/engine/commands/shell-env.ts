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
	/** The exported variables with values: what a command run from the shell inherits. */
	vars: Record<string, string> = {};
	/**
	 * Names exported without ever being given a value (`export NAME`): bash marks them for
	 * export, but an unset variable is in no child's environment (so a Compose file's
	 * `${NAME?…}` still fails); `export` lists them as `declare -x NAME`.
	 */
	declared = new Set<string>();

	save(): { vars: Record<string, string>; declared: string[] } {
		return { vars: { ...this.vars }, declared: [...this.declared] };
	}

	load(state: unknown): void {
		const saved = state as { vars: Record<string, string>; declared: string[] } | undefined;
		this.vars = { ...saved?.vars };
		this.declared = new Set(saved?.declared);
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

/**
 * bash's `export [NAME[=value]…]`: with no names it lists the variables as `declare -x`,
 * sorted, each value in double quotes with `"`, `\`, `$` and `` ` `` escaped (bash's
 * sh_double_quote), a name without a value bare.
 */
export function exportCommand(ctx: CommandContext, args: readonly string[]): CommandResult {
	const env = shellEnv(ctx.kernel);
	if (args.length === 0) {
		const names = [...Object.keys(env.vars), ...env.declared].sort();
		return ok(
			names
				.map((k) =>
					hasOwnKey(env.vars, k)
						? `declare -x ${k}="${env.vars[k]!.replace(/["\\$`]/g, '\\$&')}"\n`
						: `declare -x ${k}\n`
				)
				.join('')
		);
	}
	for (const word of args) {
		const pair = assignment(word);
		if (pair !== undefined) {
			putOwn(env.vars, pair[0], pair[1]);
			env.declared.delete(pair[0]);
		} else if (NAME.test(word)) {
			if (!hasOwnKey(env.vars, word)) env.declared.add(word);
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
		env.declared.delete(word);
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
