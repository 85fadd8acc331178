/**
 * Command-line flags with pflag's rules (what kubectl and docker use): `--name value`,
 * `--name=value`, `-n value`, `-nvalue`, `-n=value`, boolean flags, `--` ends flags, and flags
 * may stand anywhere among the arguments.
 */

export interface FlagSpec {
	long: string;
	short?: string;
	/** Boolean flags take no separate value (`--flag` or `--flag=false`). */
	bool?: boolean;
	/** Flags that may be given several times keep every value. */
	repeatable?: boolean;
}

export type FlagValues = Map<string, string[]>;

export type ParsedFlags =
	{ ok: true; args: string[]; flags: FlagValues } | { ok: false; error: string };

const BOOL_WORDS = new Set(['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False']);

export function parseFlags(words: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
	const byLong = new Map(specs.map((s) => [s.long, s]));
	const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
	const args: string[] = [];
	const flags: FlagValues = new Map();
	const set = (spec: FlagSpec, value: string) => {
		const list = flags.get(spec.long) ?? [];
		flags.set(spec.long, spec.repeatable ? [...list, value] : [value]);
	};
	for (let i = 0; i < words.length; i++) {
		const w = words[i]!;
		if (w === '--') {
			args.push(...words.slice(i + 1));
			break;
		}
		if (w.startsWith('--')) {
			const eq = w.indexOf('=');
			const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
			const spec = byLong.get(name);
			if (spec === undefined) return { ok: false, error: `unknown flag: --${name}` };
			if (eq >= 0) {
				const value = w.slice(eq + 1);
				if (spec.bool && !BOOL_WORDS.has(value)) {
					return { ok: false, error: invalidBool(value, `--${name}`) };
				}
				set(spec, value);
			} else if (spec.bool) set(spec, 'true');
			else if (i + 1 < words.length) set(spec, words[++i]!);
			else return { ok: false, error: `flag needs an argument: --${name}` };
			continue;
		}
		if (w.startsWith('-') && w.length > 1) {
			// A cluster of shorthands: -Ao wide, -owide, -o=wide.
			for (let j = 1; j < w.length; j++) {
				const c = w[j]!;
				const spec = byShort.get(c);
				if (spec === undefined)
					return { ok: false, error: `unknown shorthand flag: '${c}' in ${w}` };
				if (spec.bool) {
					if (w[j + 1] === '=') {
						const value = w.slice(j + 2);
						if (!BOOL_WORDS.has(value)) return { ok: false, error: invalidBool(value, `-${c}`) };
						set(spec, value);
						break;
					}
					set(spec, 'true');
					continue;
				}
				const rest = w.slice(j + 1);
				if (rest.length > 0) set(spec, rest.startsWith('=') ? rest.slice(1) : rest);
				else if (i + 1 < words.length) set(spec, words[++i]!);
				else return { ok: false, error: `flag needs an argument: '${c}' in -${c}` };
				break;
			}
			continue;
		}
		args.push(w);
	}
	return { ok: true, args, flags };
}

function invalidBool(value: string, flag: string): string {
	return `invalid argument ${JSON.stringify(value)} for "${flag}" flag: strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`;
}

/** The last value given for a flag, or undefined. */
export function flag(flags: FlagValues, long: string): string | undefined {
	const list = flags.get(long);
	return list === undefined ? undefined : list[list.length - 1];
}

export function boolFlag(flags: FlagValues, long: string): boolean {
	const v = flag(flags, long);
	return v !== undefined && ['true', '1', 't', 'TRUE', 'True'].includes(v);
}
