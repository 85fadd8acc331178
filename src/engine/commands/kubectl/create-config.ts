/**
 * `kubectl create namespace NAME`, `kubectl create configmap NAME` and `kubectl create secret
 * generic NAME` with --from-literal=KEY=VALUE, --from-file=[KEY=]PATH (a file or a folder) and
 * --from-env-file=PATH (./config-sources.ts; kubectl
 * pkg/cmd/create/create_namespace.go, create_configmap.go, create_secret.go). The object goes
 * through the same decode, defaults and validation as a manifest, so a bad name or key gets the
 * API server's own words.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { readManifests } from '../../manifests/index';
import type { KubeObject } from '../../kubernetes/api/api-server';
import { base64Utf8 } from '../../manifests/base64';
import { namespaceExists, terminatingRefusal } from './apply';
import { unknownFlag } from './errors';
import {
	PRINT_FLAGS,
	printed,
	printingFor,
	serverDryRunObject,
	withBareDryRun,
	type Printing
} from './dry-run';
import { CONFIGMAPS, NAMESPACES, SECRETS, findNamespace, ROOT_CA_CONFIGMAP } from './namespaces';
import { createAdmission, webhookAdmission } from './create-admission';
import { contextNamespace } from './kubeconfig-state';
import { nameWithHash } from './append-hash';
import { addEnvFiles, addFiles, addLiterals, keyAdder, sliceValues } from './config-sources';

type Kind = 'Namespace' | 'ConfigMap' | 'Secret';

const NOUN: Record<Kind, string> = {
	Namespace: 'namespace',
	ConfigMap: 'configmap',
	Secret: 'secret'
};

/** A refusal as its Go error's %v: the `The ` of CheckErr's form and the newline dropped. */
export function apiErrorText(message: string): string {
	return message.replace(/^The /, '').replace(/\n$/, '');
}

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
	const text = apiErrorText(message);
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
		{ long: 'from-env-file', repeatable: true },
		{ long: 'append-hash', bool: true },
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
	// Validate(): env files replace the other sources.
	const envFiles = sliceValues(parsed.flags.get('from-env-file'));
	const literals = parsed.flags.get('from-literal') ?? [];
	const files = sliceValues(parsed.flags.get('from-file'));
	if (envFiles.length > 0 && (files.length > 0 || literals.length > 0))
		return fail('error: from-env-file cannot be combined with from-file or from-literal\n');
	const data: Record<string, string> = {};
	const add = keyAdder(kind, name, data);
	// createConfigMap reads the files before the literals; createSecret the literals first.
	const problem =
		kind === 'ConfigMap'
			? (addFiles(ctx, files, add) ?? addLiterals(literals, add))
			: (addLiterals(literals, add) ?? addFiles(ctx, files, add));
	const envProblem = problem ?? addEnvFiles(ctx, envFiles, kind, add);
	if (envProblem !== undefined) return fail(`error: ${envProblem}\n`);
	// newSecretObj / newConfigMapObj: the type only when --type is given (the server defaults it
	// to Opaque), an empty data map left out (omitempty), the namespace only with -n; the data
	// keys sorted, as encoding/json writes a Go map.
	const type = kind === 'Secret' ? flag(parsed.flags, 'type') : undefined;
	const encoded = Object.fromEntries(
		Object.keys(data)
			.sort()
			.map((k) => [k, kind === 'Secret' ? base64Utf8(data[k]!) : data[k]!])
	);
	const finalName = boolFlag(parsed.flags, 'append-hash')
		? nameWithHash(kind === 'Secret' ? { kind, type: type ?? '' } : { kind }, name, encoded)
		: name;
	const built: Record<string, unknown> = {
		apiVersion: 'v1',
		kind,
		metadata: { name: finalName, ...(namespaceFlag !== undefined ? { namespace } : {}) },
		...(type !== undefined ? { type } : {}),
		...(Object.keys(encoded).length > 0 ? { data: encoded } : {})
	};
	return sendConfigData(ctx, printing, built, {
		kind,
		name: finalName,
		namespace,
		wrap: (text) => wrap(kind, text)
	});
}

/** What sendConfigData needs besides the object kubectl built. */
export interface ConfigTarget {
	kind: 'ConfigMap' | 'Secret';
	name: string;
	namespace: string;
	/** The command's `failed to create …` wrapping of the server's refusal (a whole line). */
	wrap: (text: string) => string;
}

/**
 * Prints the built ConfigMap or Secret for a client dry run; otherwise sends it through the API
 * server's create path (decode, defaults, validation, NamespaceLifecycle, AlreadyExists, quota)
 * and prints its answer. A Secret without a type is defaulted to Opaque by the server.
 */
export function sendConfigData(
	ctx: CommandContext,
	printing: Printing,
	built: Record<string, unknown>,
	target: ConfigTarget
): CommandResult {
	const { kind, name, namespace, wrap } = target;
	const what = `${NOUN[kind]}/${name}`;
	if (printing.strategy === 'client') return printed(printing, built, what);
	const object: Record<string, unknown> = {
		...built,
		metadata: { ...(built.metadata as Record<string, unknown>), name, namespace },
		...(kind === 'Secret' ? { type: built.type ?? 'Opaque' } : {})
	};
	const admitted = admit(object, true, namespace);
	if ('error' in admitted) return fail(wrap(admitted.error));
	const plural = kind === 'Secret' ? 'secrets' : 'configmaps';
	if (!namespaceExists(ctx, namespace)) return fail(wrap(`namespaces "${namespace}" not found`));
	const terminating = terminatingRefusal(ctx, namespace, plural, name);
	if (terminating !== undefined) return fail(wrap(terminating));
	const collection = kind === 'Secret' ? SECRETS : CONFIGMAPS;
	const exists =
		ctx.kubernetes!.apiServer.get(collection, namespace, name) !== undefined ||
		(kind === 'ConfigMap' && name === ROOT_CA_CONFIGMAP);
	if (exists) return fail(wrap(`${plural} "${name}" already exists`));
	const overQuota = createAdmission(ctx, { kind, ...admitted.object });
	if (overQuota !== undefined) return fail(wrap(overQuota));
	const webhookRefused = webhookAdmission(ctx, { kind, ...admitted.object }, 'CREATE');
	if (webhookRefused !== undefined) return fail(wrap(webhookRefused));
	if (printing.strategy === 'server')
		return printed(printing, serverDryRunObject(ctx, admitted.object, namespace), what);
	return printed(
		printing,
		ctx.kubernetes!.apiServer.create(collection, admitted.object, true),
		what
	);
}
