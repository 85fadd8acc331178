/**
 * A lab that reads the shared corpus (shared/corpus/SOURCES.md: kubernetes/website examples
 * application/deployment.yaml, deployment-update.yaml, nginx-app.yaml …) plus a few files of
 * the test's own.
 */
import { createLab, type Lab } from '../../../../src/engine/index';
import { corpusFiles } from '../../manifests/corpus';

export function labWith(extra: Record<string, string> = {}, seed = 1): Lab {
	const files = new Map<string, string>([
		...corpusFiles().map((f) => [f.name, f.text] as const),
		...Object.entries(extra)
	]);
	return createLab({ seed, readFile: (path) => files.get(path) });
}
