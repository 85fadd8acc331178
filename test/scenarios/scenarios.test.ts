/**
 * Golden transcripts (etcd-io/raft's data-driven style): each `*.script` runs through the CLI's
 * script runner and must print its `*.transcript` byte for byte. The transcripts were checked by
 * hand against shared/facts.md; the timing tests in test/engine/commands assert the windows.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../bin/cli';
import { createLab, type Flavor } from '../../src/engine/index';

const dir = import.meta.dirname;

function optionsOf(script: string) {
	const header = script.split('\n')[0] ?? '';
	const flavor = (/--flavor (\w+)/.exec(header)?.[1] ?? 'kubernetes') as Flavor;
	const seed = Number(/--seed (\d+)/.exec(header)?.[1] ?? 1);
	const number = (flag: string) => {
		const m = new RegExp(`--${flag} (\\d+)`).exec(header);
		return m === null ? {} : { [flag]: Number(m[1]) };
	};
	return { flavor, seed, ...number('workers'), ...number('managers') };
}

describe('scenario transcripts', () => {
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.script'))) {
		it(file, () => {
			const script = readFileSync(join(dir, file), 'utf8');
			const expected = readFileSync(join(dir, file.replace(/\.script$/, '.transcript')), 'utf8');
			// `-f FILE` resolves against this folder, as the CLI resolves it against the script's.
			const readFile = (path: string) => {
				const full = join(dir, path);
				return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
			};
			const { transcript } = runScript(createLab({ ...optionsOf(script), readFile }), script);
			expect(transcript).toBe(expected);
		});
	}
});
