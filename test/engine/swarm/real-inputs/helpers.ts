// A swarm lab (1 manager, 2 workers) whose `-c FILE` paths read the real-world stack files kept
// in ./fixtures (each names its source URL and licence in its first lines; stored as .txt so
// that formatters leave their bytes alone).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLab, type Lab } from '../../../../src/engine/index';

const FIXTURES = join(import.meta.dirname, 'fixtures');

export function fixture(name: string): string {
	return readFileSync(join(FIXTURES, `${name}.txt`), 'utf8');
}

/** `files` maps a path the commands name to its text; fixtures are named by their file name. */
export function swarmLab(files: Record<string, string> = {}): Lab {
	return createLab({ flavor: 'swarm', workers: 2, seed: 11, readFile: (p) => files[p] });
}

/** stderr's notices before the transcript lines of `docker stack deploy` without --detach. */
export const DETACH_NOTICE =
	'Since --detach=false was not specified, tasks will be created in the background.\nIn a future release, --detach=false will become the default.\n';

/** The rows of a table whose first cell (after the ID) starts with `name`. */
export function rowsOf(table: string, name: string): string[] {
	return table.split('\n').filter((line) => line.split(/\s+/)[1]?.startsWith(name));
}
