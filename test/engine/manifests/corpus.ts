// Reads the shared corpus (../shared/corpus/kubernetes, SOURCES.md) for the manifest tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_DIR = join(import.meta.dirname, '../../../../shared/corpus/kubernetes');

export const corpusAvailable = existsSync(CORPUS_DIR);

/** Why a corpus test is skipped, for the test name (vitest prints it). */
export const SKIP_REASON = `corpus folder missing: ${CORPUS_DIR}`;

export interface CorpusFile {
	name: string;
	text: string;
}

export function corpusFiles(): CorpusFile[] {
	if (!corpusAvailable) return [];
	return readdirSync(CORPUS_DIR)
		.filter((name) => /\.ya?ml$/.test(name))
		.sort()
		.map((name) => ({ name, text: readFileSync(join(CORPUS_DIR, name), 'utf8') }));
}
