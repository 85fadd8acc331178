/**
 * Where `kubectl create configmap` and `kubectl create secret generic|docker-registry` get their
 * keys: --from-literal, --from-file (a file or every regular file in a folder) and
 * --from-env-file (kubectl pkg/cmd/create/create_configmap.go, create_secret.go,
 * pkg/util/util.go ParseLiteralSource/ParseFileSource, pkg/cmd/util/env_file.go AddFromEnvFile).
 * Each reader hands the keys to `add`, which checks them as the command does and returns its
 * refusal; the first refusal stops everything, as kubectl's CheckErr does.
 */
import type { CommandContext } from '../context';
import { shellEnv } from '../shell-env';
import { ownValue, putOwn } from '../../core/own-keys';
import { goQuote } from '../../manifests/json';
import { regexError } from '../../manifests/field-errors';
import { configMapKeyErrors } from '../../manifests/validate-env';

/** Adds one key; returns kubectl's error text (without `error: `), or undefined when added. */
export type AddKey = (key: string, value: string) => string | undefined;

/** pflag's StringSlice (--from-file, --from-env-file): each value is a comma-separated list. */
export function sliceValues(values: readonly string[] | undefined): string[] {
	return (values ?? []).flatMap((v) => (v === '' ? [] : v.split(',')));
}

/** util.ParseLiteralSource: split after the first `=`; a leading `=` or none is refused. */
export function addLiterals(literals: readonly string[], add: AddKey): string | undefined {
	for (const literal of literals) {
		const eq = literal.indexOf('=');
		if (eq <= 0) return `invalid literal source ${literal}, expected key=value`;
		const problem = add(literal.slice(0, eq), literal.slice(eq + 1));
		if (problem !== undefined) return problem;
	}
	return undefined;
}

/** util.ParseFileSource: `[key=]path`, counting the `=` signs. */
function parseFileSource(source: string): { key: string; path: string } | string {
	const separators = source.split('=').length - 1;
	if (separators === 0) return { key: baseName(source), path: source };
	if (separators === 1 && source.startsWith('='))
		return `key name for file path ${source.slice(1)} missing`;
	if (separators === 1 && source.endsWith('='))
		return `file path for key name ${source.slice(0, -1)} missing`;
	if (separators > 1) return "key names or file paths cannot contain '='";
	const [key, path] = source.split('=') as [string, string];
	return { key, path };
}

/** path.Base: the last element, trailing slashes dropped. */
function baseName(path: string): string {
	const trimmed = path.replace(/\/+$/, '');
	if (trimmed === '') return path === '' ? '.' : '/';
	return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** path.Join of a folder and one of its entries. */
function joinPath(folder: string, name: string): string {
	const base = folder.replace(/\/+$/, '');
	return base === '' ? `/${name}` : base === '.' ? name : `${base}/${name}`;
}

/**
 * handleConfigMapFromFileSources / handleSecretFromFileSources: a file's content under its key;
 * a folder gives every regular file in it (os.ReadDir: sorted by name), subfolders skipped, and
 * may not be given a key.
 */
export function addFiles(
	ctx: CommandContext,
	sources: readonly string[],
	add: AddKey
): string | undefined {
	for (const source of sources) {
		const parsed = parseFileSource(source);
		if (typeof parsed === 'string') return parsed;
		const text = ctx.readFile(parsed.path);
		if (text !== undefined) {
			const problem = add(parsed.key, text);
			if (problem !== undefined) return problem;
			continue;
		}
		const entries = ctx.readDir(parsed.path);
		// os.Stat's *PathError: only its Err is printed.
		if (entries === undefined) return `error reading ${parsed.path}: no such file or directory`;
		if (source.includes('=')) return 'cannot give a key name for a directory path';
		const files = entries.filter((e) => !e.endsWith('/')).sort((a, b) => (a < b ? -1 : 1));
		for (const name of files) {
			const problem = add(name, ctx.readFile(joinPath(parsed.path, name)) ?? '');
			if (problem !== undefined) return problem;
		}
	}
	return undefined;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** validation.IsEnvVarName: the regex, then hasChDirPrefix. */
function envVarNameErrors(name: string): string[] {
	const errs: string[] = [];
	if (!ENV_NAME.test(name))
		errs.push(
			regexError(
				"a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
				'[-._a-zA-Z][-._a-zA-Z0-9]*',
				'my.env-name',
				'MY_ENV.NAME',
				'MyEnvName1'
			)
		);
	if (name === '.' || name === '..') errs.push(`must not be '${name}'`);
	else if (name.startsWith('..')) errs.push("must not start with '..'");
	return errs;
}

/**
 * cmdutil.AddFromEnvFile / processEnvFileLine, line by line (bufio.ScanLines drops a trailing
 * `\r`): leading white space trimmed (a UTF-8 BOM on the first line too), blank lines and `#`
 * comments skipped, `KEY=VALUE` split at the first `=` with the value kept as it is, and a
 * line that is only `KEY` takes os.Getenv(KEY): the shell's exported variable, or "" when it
 * is unset (the key is still added). The key must be a valid environment variable name.
 */
export function addEnvFiles(
	ctx: CommandContext,
	files: readonly string[],
	kind: 'ConfigMap' | 'Secret',
	add: AddKey
): string | undefined {
	for (const file of files) {
		const text = ctx.readFile(file);
		if (text === undefined) {
			if (ctx.readDir(file) !== undefined)
				return `env ${kind === 'Secret' ? 'secret' : 'config'} file cannot be a directory`;
			return `error reading ${file}: no such file or directory`;
		}
		const lines = text.split('\n');
		if (lines[lines.length - 1] === '') lines.pop();
		for (const [index, raw] of lines.entries()) {
			let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
			if (index === 0) line = line.replace(/^\uFEFF/, '');
			line = line.replace(/^\s+/, '');
			if (line === '' || line.startsWith('#')) continue;
			const eq = line.indexOf('=');
			const key = eq < 0 ? line : line.slice(0, eq);
			const errs = envVarNameErrors(key);
			if (errs.length > 0) return `${goQuote(key)} is not a valid key name: ${errs.join(';')}`;
			const value = eq < 0 ? (ownValue(shellEnv(ctx.kernel).vars, key) ?? '') : line.slice(eq + 1);
			const problem = add(key, value);
			if (problem !== undefined) return problem;
		}
	}
	return undefined;
}

/**
 * The data map and its checks: create_configmap.go validateNewConfigMap and create_secret.go
 * addKeyFromLiteralToSecret word their refusals differently.
 */
export function keyAdder(
	kind: 'ConfigMap' | 'Secret',
	name: string,
	data: Record<string, string>
): AddKey {
	return (key, value) => {
		const errs = configMapKeyErrors(key);
		if (kind === 'ConfigMap') {
			if (errs.length > 0)
				return `${goQuote(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`;
			if (Object.hasOwn(data, key))
				return `cannot add key ${goQuote(key)}, another key by that name already exists in Data for ConfigMap ${goQuote(name)}`;
		} else {
			if (errs.length > 0)
				return `${goQuote(key)} is not valid key name for a Secret ${errs.join(';')}`;
			if (Object.hasOwn(data, key))
				return `cannot add key ${key}, another key by that name already exists`;
		}
		putOwn(data, key, value);
		return undefined;
	};
}
