/**
 * The objects a manifest names, for the verbs that only look them up (`get -f`, `describe -f`,
 * `delete -f`): cli-runtime's resource builder over files (FilenameParam, then the mapper) reads
 * each document's kind, name and namespace and sends nothing of its spec, so a spec the server
 * would refuse does not matter here. A path that is not there, a file that does not parse, a
 * document without a kind or of a kind the server does not serve, or one without a name, fails
 * the line before anything is looked up.
 */
import type { CommandContext } from '../context';
import { lookupResource, parseManifests } from '../../manifests/index';
import { kindMissingError, mappingError } from '../../manifests/registry';
import type { JsonValue } from '../../manifests/types';
import { resolveType, type ResourceType } from './resources';
import { manifestPaths, readManifestText } from './manifest-paths';
import { contextNamespace } from './kubeconfig-state';
import { putOwn } from '../../core/own-keys';

/** One object a file names, and where it goes. */
export interface FileObjectRef {
	file: string;
	type: ResourceType;
	apiVersion: string;
	name: string;
	/** As the file gives it ('' when absent). */
	ownNamespace: string;
	/** Where the builder looks for it: the file's, else `-n`, else `default` ('' if cluster-scoped). */
	namespace: string;
	labels: Readonly<Record<string, string>>;
}

function field(value: JsonValue | undefined, key: string): JsonValue | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? value[key]
		: undefined;
}

function text(value: JsonValue | undefined): string {
	return typeof value === 'string' ? value : '';
}

function labelsOf(metadata: JsonValue | undefined): Record<string, string> {
	const labels = field(metadata, 'labels');
	const out: Record<string, string> = {};
	if (labels !== null && typeof labels === 'object' && !Array.isArray(labels))
		for (const [k, v] of Object.entries(labels)) putOwn(out, k, text(v));
	return out;
}

/** Every object the files name, in file order, or kubectl's error. */
export function objectRefsInFiles(
	ctx: CommandContext,
	paths: readonly string[],
	namespaceFlag: string | undefined,
	recursive = false
): FileObjectRef[] | string {
	const files = manifestPaths(ctx, paths, recursive);
	if (typeof files === 'string') return files;
	const refs: FileObjectRef[] = [];
	for (const file of files) {
		const source = readManifestText(ctx, file);
		if (typeof source !== 'string') return source.error;
		const parsed = parseManifests(source, file === '-' ? 'STDIN' : file);
		if (!parsed.ok) return `${parsed.error}\n`;
		for (const doc of parsed.documents) {
			const kind = text(field(doc.value, 'kind'));
			const apiVersion = text(field(doc.value, 'apiVersion'));
			const metadata = field(doc.value, 'metadata');
			const name = text(field(metadata, 'name'));
			const own = text(field(metadata, 'namespace'));
			if (kind === '') return `error: ${kindMissingError(doc.value, file)}\n`;
			const type = lookupResource(apiVersion, kind) ? resolveType(kind) : undefined;
			if (type === undefined) return `error: ${mappingError(kind, apiVersion, name, own, file)}\n`;
			if (name === '') return 'error: resource name may not be empty\n';
			// cli-runtime visitor.go RequireNamespace.
			if (namespaceFlag !== undefined && type.namespaced && own !== '' && own !== namespaceFlag)
				return `error: the namespace from the provided object "${own}" does not match the namespace "${namespaceFlag}". You must pass '--namespace=${own}' to perform this operation.\n`;
			const namespace = type.namespaced ? own || namespaceFlag || contextNamespace(ctx) : '';
			refs.push({
				file,
				type,
				apiVersion,
				name,
				ownNamespace: own,
				namespace,
				labels: labelsOf(metadata)
			});
		}
	}
	return refs;
}

/** builder.go visitByPaths: a file names its objects, so no TYPE or NAME may be given too. */
export const PATHS_AND_ARGS =
	'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n';
