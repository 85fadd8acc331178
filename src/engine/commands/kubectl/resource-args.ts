/**
 * kubectl's resource.Builder argument forms with comma-joined types
 * (staging/src/k8s.io/cli-runtime/pkg/resource/builder.go): `SplitResourceArgument` splits
 * `pods,services` into its types, each once, in order; `normalizeMultipleResourcesArgs` turns
 * `pod,service baz foo` into `pod/baz pod/foo service/baz service/foo`.
 */

/** `a,b,a` -> `[a, b]`: unique types in their order (empty parts stay, as the builder keeps them). */
export function splitResourceArgument(arg: string): string[] {
	return [...new Set(arg.split(','))];
}

/** The arguments with a comma list of types before names rewritten as TYPE/NAME tuples. */
export function normalizeResourceArgs(args: readonly string[]): readonly string[] {
	const [first, ...names] = args;
	if (first === undefined || names.length === 0) return args;
	const types = splitResourceArgument(first);
	if (types.length < 2) return args;
	return types.flatMap((type) => names.map((name) => `${type}/${name}`));
}
