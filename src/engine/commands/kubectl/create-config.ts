/**
 * `kubectl create namespace NAME`, `kubectl create configmap NAME` and `kubectl create secret
 * generic NAME` with --from-literal=KEY=VALUE and --from-file=[KEY=]PATH (kubectl
 * pkg/cmd/create/create_namespace.go, create_configmap.go, create_secret.go). The object goes
 * through the same decode, defaults and validation as a manifest, so a bad name or key gets the
 * API server's own words.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { flag, parseFlags } from '../flags';
import { readManifests } from '../../manifests/index';
import type { KubeObject } from '../../kubernetes/api/api-server';
import { base64Utf8 } from '../../manifests/base64';
import { namespaceExists, terminatingRefusal } from './apply';
import { unknownFlag } from './errors';
import { PRINT_FLAGS, printed, printingFor, serverDryRunObject, withBareDryRun } from './dry-run';
import { CONFIGMAPS, NAMESPACES, SECRETS, findNamespace, ROOT_CA_CONFIGMAP } from './namespaces';
import { createAdmission } from './create-admission';
import { contextNamespace } from './kubeconfig-state';

type Kind = 'Namespace' | 'ConfigMap' | 'Secret';

const NOUN: Record<Kind, string> = {
	Namespace: 'namespace',
	ConfigMap: 'configmap',
	Secret: 'secret'
};

/** The API server's answer to a create, through the manifest pipeline; undefined: admitted. */
function admit(
	object: Record<string, unknown>,
	namespaced: boolean,
	namespace: string
): { error: string } | { object: KubeObject } {
	const read = readManifests(JSON.stringify(object), '', {
		namespace,
		enforceNamespace: namespaced
	});
	const created = read.objects[0];
	if (!read.ok || created === undefined) return { error: read.ok ? '' : (read.error ?? '') };
	return { object: created };
}

export function createNamespace(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(withBareDryRun(words), [
		{ long: 'namespace', short: 'n' },
		...PRINT_FLAGS
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'create namespace'));
	if (parsed.args.length !== 1)
		return fail(
			`error: exactly one NAME is required, got ${parsed.args.length}\nSee 'kubectl create namespace -h' for help and examples\n`
		);
	const name = parsed.args[0]!;
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return fail(printing.error);
	const what = `namespace/${name}`;
	// create_namespace.go: only the name; NamespaceSpec and NamespaceStatus print as `{}`.
	if (printing.strategy === 'client')
		return printed(
			printing,
			{ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: {} },
			what
		);
	const admitted = admit(
		{ apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
		false,
		'default'
	);
	if ('error' in admitted) return fail(admitted.error);
	if (findNamespace(ctx, name) !== undefined)
		return fail(`Error from server (AlreadyExists): namespaces "${name}" already exists\n`);
	if (printing.strategy === 'server')
		return printed(printing, serverDryRunObject(ctx, admitted.object, undefined), what);
	return printed(
		printing,
		ctx.kubernetes!.apiServer.create(NAMESPACES, admitted.object, false),
		what
	);
}

/** create_secret.go: `failed to create secret %v`, create_configmap.go `…configmap: %v`. */
function wrap(kind: Kind, message: string): string {
	const text = message.replace(/^The /, '').replace(/\n$/, '');
	return kind === 'Secret'
		? `error: failed to create secret ${text}\n`
		: `error: failed to create configmap: ${text}\n`;
}

/** kubectl create configmap / secret generic: the data from literals and files. */
export function createConfigData(
	ctx: CommandContext,
	kind: 'ConfigMap' | 'Secret',
	words: readonly string[]
): CommandResult {
	const command = kind === 'Secret' ? 'create secret generic' : 'create configmap';
	const parsed = parseFlags(withBareDryRun(words), [
		...PRINT_FLAGS,
		{ long: 'namespace', short: 'n' },
		{ long: 'from-literal', repeatable: true },
		{ long: 'from-file', repeatable: true },
		...(kind === 'Secret' ? [{ long: 'type' }] : [])
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, command));
	if (parsed.args.length !== 1)
		return fail(
			`error: exactly one NAME is required, got ${parsed.args.length}\nSee 'kubectl ${command} -h' for help and examples\n`
		);
	const name = parsed.args[0]!;
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return fail(printing.error);
	const namespaceFlag = flag(parsed.flags, 'namespace');
	const namespace = namespaceFlag ?? contextNamespace(ctx);
	const data: Record<string, string> = {};
	const add = (key: string, value: string): string | undefined => {
		if (key in data)
			return kind === 'Secret'
				? `error: cannot add key ${key}, another key by that name already exists in Data for Secret "${name}"\n`
				: `error: cannot add key ${key}, another key by that name already exists in Data for ConfigMap "${name}"\n`;
		data[key] = value;
		return undefined;
	};
	for (const literal of parsed.flags.get('from-literal') ?? []) {
		// util.ParseLiteralSource: key=value, split at the first '='.
		const eq = literal.indexOf('=');
		if (eq <= 0) return fail(`error: invalid literal source ${literal}, expected key=value\n`);
		const problem = add(literal.slice(0, eq), literal.slice(eq + 1));
		if (problem !== undefined) return fail(problem);
	}
	for (const source of parsed.flags.get('from-file') ?? []) {
		// util.ParseFileSource: [key=]path; without a key, the file's base name.
		const eq = source.indexOf('=');
		if (eq === 0 || eq === source.length - 1)
			return fail(`error: key names or file paths cannot be empty\n`);
		const path = eq < 0 ? source : source.slice(eq + 1);
		const key = eq < 0 ? (path.split('/').pop() ?? path) : source.slice(0, eq);
		const text = ctx.readFile(path);
		if (text === undefined)
			return fail(`error: error reading ${path}: no such file or directory\n`);
		const problem = add(key, text);
		if (problem !== undefined) return fail(problem);
	}
	// newSecretObj / newConfigMapObj: the type only when --type is given (the server defaults it
	// to Opaque), an empty data map left out (omitempty), the namespace only with -n.
	const type = kind === 'Secret' ? flag(parsed.flags, 'type') : undefined;
	const built: Record<string, unknown> = {
		apiVersion: 'v1',
		kind,
		metadata: { name, ...(namespaceFlag !== undefined ? { namespace } : {}) },
		...(type !== undefined ? { type } : {})
	};
	if (Object.keys(data).length > 0)
		built.data =
			kind === 'Secret'
				? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, base64Utf8(v)]))
				: data;
	const what = `${NOUN[kind]}/${name}`;
	if (printing.strategy === 'client') return printed(printing, built, what);
	const object: Record<string, unknown> = {
		...built,
		metadata: { name, namespace },
		...(kind === 'Secret' ? { type: type ?? 'Opaque' } : {})
	};
	const admitted = admit(object, true, namespace);
	if ('error' in admitted) return fail(wrap(kind, admitted.error));
	const plural = kind === 'Secret' ? 'secrets' : 'configmaps';
	if (!namespaceExists(ctx, namespace))
		return fail(wrap(kind, `namespaces "${namespace}" not found`));
	const terminating = terminatingRefusal(ctx, namespace, plural, name);
	if (terminating !== undefined) return fail(wrap(kind, terminating));
	const collection = kind === 'Secret' ? SECRETS : CONFIGMAPS;
	const exists =
		ctx.kubernetes!.apiServer.get(collection, namespace, name) !== undefined ||
		(kind === 'ConfigMap' && name === ROOT_CA_CONFIGMAP);
	if (exists) return fail(wrap(kind, `${plural} "${name}" already exists`));
	const overQuota = createAdmission(ctx, { kind, ...admitted.object });
	if (overQuota !== undefined) return fail(wrap(kind, overQuota));
	if (printing.strategy === 'server')
		return printed(printing, serverDryRunObject(ctx, admitted.object, namespace), what);
	return printed(
		printing,
		ctx.kubernetes!.apiServer.create(collection, admitted.object, true),
		what
	);
}
