// Reads the shared Swarm corpus (../shared/corpus/swarm, described in SOURCES.md).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SWARM_CORPUS_DIR = join(import.meta.dirname, '../../../../../shared/corpus/swarm');

export const swarmCorpusAvailable = existsSync(SWARM_CORPUS_DIR);

export const SKIP_REASON = `corpus folder missing: ${SWARM_CORPUS_DIR}`;

export interface CorpusFile {
	name: string;
	text: string;
}

export function swarmCorpusFiles(): CorpusFile[] {
	if (!swarmCorpusAvailable) return [];
	return readdirSync(SWARM_CORPUS_DIR)
		.filter((name) => /\.ya?ml$/.test(name))
		.sort()
		.map((name) => ({ name, text: readFileSync(join(SWARM_CORPUS_DIR, name), 'utf8') }));
}

export function swarmCorpusFile(name: string): string {
	return readFileSync(join(SWARM_CORPUS_DIR, name), 'utf8');
}
