/**
 * `kubectl create secret tls NAME --cert=FILE --key=FILE` and `kubectl create secret
 * docker-registry NAME --docker-username=U --docker-password=P [--docker-server=S]
 * [--docker-email=E] | --from-file=[KEY=]PATH` (kubectl pkg/cmd/create/create_secret_tls.go,
 * create_secret_docker.go), and the `kubectl create secret` group that dispatches to them and
 * to `generic` (create_secret.go NewCmdCreateSecret).
 *
 * Both wrap the server's refusal as `failed to create secret %v`, the wording kubectl v1.35's
 * create_secret.go uses too (./create-config.ts); newer sources add a colon.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags, type FlagSpec, type FlagValues } from '../flags';
import { base64Utf8 } from '../../manifests/base64';
import { goJson } from '../../manifests/json';
import type { JsonObject } from '../../manifests/types';
import { PRINT_FLAGS, printingFor, withBareDryRun, type Printing } from './dry-run';
import { unknownFlag, unknownSubcommand, notSimulated } from './errors';
import { contextNamespace } from './kubeconfig-state';
import { apiErrorText, createConfigData, sendConfigData } from './create-config';
import { addFiles, keyAdder, sliceValues } from './config-sources';
import { nameCountError } from './create-generated';
import { checkKeyPair } from './pem';
import { nameWithHash } from './append-hash';

/** create_secret_docker.go NewSecretDockerRegistryOptions: Docker Hub's v1 index. */
const DEFAULT_DOCKER_SERVER = 'https://index.docker.io/v1/';

type Started = { name: string; flags: FlagValues; printing: Printing; namespace: string };

/** Flags, NAME, printer: what both commands' Complete does before building the Secret. */
function start(
	ctx: CommandContext,
	words: readonly string[],
	own: readonly FlagSpec[],
	command: string
): Started | { refused: CommandResult } {
	const parsed = parseFlags(withBareDryRun(words), [
		...PRINT_FLAGS,
		{ long: 'namespace', short: 'n' },
		{ long: 'append-hash', bool: true },
		...own
	]);
	if (!parsed.ok) return { refused: fail(unknownFlag(parsed.error, `create secret ${command}`)) };
	const count = nameCountError(parsed.args, `secret ${command}`);
	if (count !== undefined) return { refused: fail(count) };
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return { refused: fail(printing.error) };
	return {
		name: parsed.args[0]!,
		flags: parsed.flags,
		printing,
		namespace: flag(parsed.flags, 'namespace') ?? contextNamespace(ctx)
	};
}

/**
 * newSecretObj: the namespace only with -n (EnforceNamespace), the data base64-encoded with its
 * keys sorted (a Go map), the name hashed with --append-hash (./append-hash.ts).
 */
function secretObject(
	s: Started,
	type: string,
	data: Record<string, string>
): Record<string, unknown> {
	const namespaced = flag(s.flags, 'namespace') !== undefined;
	const keys = Object.keys(data).sort();
	const encoded = Object.fromEntries(keys.map((k) => [k, base64Utf8(data[k]!)]));
	const name = boolFlag(s.flags, 'append-hash')
		? nameWithHash({ kind: 'Secret', type }, s.name, encoded)
		: s.name;
	return {
		apiVersion: 'v1',
		kind: 'Secret',
		metadata: { name, ...(namespaced ? { namespace: s.namespace } : {}) },
		type,
		...(keys.length > 0 ? { data: encoded } : {})
	};
}

function send(ctx: CommandContext, s: Started, built: Record<string, unknown>): CommandResult {
	return sendConfigData(ctx, s.printing, built, {
		kind: 'Secret',
		name: String((built.metadata as { name: string }).name),
		namespace: s.namespace,
		wrap: (text) => `error: failed to create secret ${apiErrorText(text)}\n`
	});
}

/** create_secret_tls.go readFile: `Cannot read file %v, %v` with os.ReadFile's *PathError. */
function readTlsFile(ctx: CommandContext, path: string): string | { error: string } {
	const text = ctx.readFile(path);
	if (text !== undefined) return text;
	const why =
		ctx.readDir(path) !== undefined
			? `read ${path}: is a directory`
			: `open ${path}: no such file or directory`;
	return { error: `error: Cannot read file ${path}, ${why}\n` };
}

/** `kubectl create secret tls NAME --cert=PATH --key=PATH`: type kubernetes.io/tls. */
export function createSecretTls(ctx: CommandContext, words: readonly string[]): CommandResult {
	const s = start(ctx, words, [{ long: 'cert' }, { long: 'key' }], 'tls');
	if ('refused' in s) return s.refused;
	const certPath = flag(s.flags, 'cert') ?? '';
	const keyPath = flag(s.flags, 'key') ?? '';
	if (certPath === '' || keyPath === '') return fail('error: key and cert must be specified\n');
	const cert = readTlsFile(ctx, certPath);
	if (typeof cert !== 'string') return fail(cert.error);
	const key = readTlsFile(ctx, keyPath);
	if (typeof key !== 'string') return fail(key.error);
	// tls.X509KeyPair: only the PEM framing is checked here (./pem.ts).
	const mismatch = checkKeyPair(cert, key);
	if (mismatch !== undefined) return fail(`error: ${mismatch}\n`);
	// corev1.TLSCertKey, corev1.TLSPrivateKeyKey.
	const built = secretObject(s, 'kubernetes.io/tls', { 'tls.crt': cert, 'tls.key': key });
	return send(ctx, s, built);
}

/**
 * handleDockerCfgJSONContent: json.Marshal of DockerConfigJSON{Auths: {server: entry}}, each
 * entry field omitempty, `auth` the base64 of `username:password` (encodeDockerConfigFieldAuth).
 */
export function dockerConfigJson(
	server: string,
	username: string,
	password: string,
	email: string
): string {
	const entry: JsonObject = {};
	if (username !== '') entry.username = username;
	if (password !== '') entry.password = password;
	if (email !== '') entry.email = email;
	entry.auth = base64Utf8(`${username}:${password}`);
	return goJson({ auths: { [server]: entry } });
}

/** `kubectl create secret docker-registry NAME …`: type kubernetes.io/dockerconfigjson. */
export function createSecretDockerRegistry(
	ctx: CommandContext,
	words: readonly string[]
): CommandResult {
	const s = start(
		ctx,
		words,
		[
			{ long: 'docker-username' },
			{ long: 'docker-password' },
			{ long: 'docker-email' },
			{ long: 'docker-server' },
			{ long: 'from-file', repeatable: true }
		],
		'docker-registry'
	);
	if ('refused' in s) return s.refused;
	const username = flag(s.flags, 'docker-username') ?? '';
	const password = flag(s.flags, 'docker-password') ?? '';
	const server = flag(s.flags, 'docker-server') ?? DEFAULT_DOCKER_SERVER;
	const files = sliceValues(s.flags.get('from-file'));
	if (files.length === 0 && (username === '' || password === '' || server === ''))
		return fail(
			'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n'
		);
	const data: Record<string, string> = {};
	if (files.length > 0) {
		// The files replace the flags: they are read as `secret generic --from-file` reads them.
		const problem = addFiles(ctx, files, keyAdder('Secret', s.name, data));
		if (problem !== undefined) return fail(`error: ${problem}\n`);
	} else {
		const email = flag(s.flags, 'docker-email') ?? '';
		// corev1.DockerConfigJsonKey.
		data['.dockerconfigjson'] = dockerConfigJson(server, username, password, email);
	}
	return send(ctx, s, secretObject(s, 'kubernetes.io/dockerconfigjson', data));
}

/**
 * `kubectl create secret SUBCOMMAND`: generic, tls or docker-registry. Any other word is
 * DefaultSubCommandRun's unknown command.
 */
export function createSecret(ctx: CommandContext, words: readonly string[]): CommandResult {
	const [sub, ...rest] = words;
	if (sub === 'generic') return createConfigData(ctx, 'Secret', rest);
	if (sub === 'tls') return createSecretTls(ctx, rest);
	if (sub === 'docker-registry') return createSecretDockerRegistry(ctx, rest);
	const args = words.filter((w) => !w.startsWith('-'));
	if (args.length > 0) return fail(unknownSubcommand('create secret', args));
	return fail(notSimulated('create secret'));
}
