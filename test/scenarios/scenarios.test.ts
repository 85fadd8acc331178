/**
 * Golden transcripts (etcd-io/raft's data-driven style): each `*.script` runs through the CLI's
 * script runner and must print its `*.transcript` byte for byte. The transcripts were checked by
 * hand against shared/facts.md; the timing tests in test/engine/commands assert the windows.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../bin/cli';
import { createLab, type Flavor } from '../../src/engine/index';

const dir = import.meta.dirname;

function optionsOf(script: string) {
	const header = script.split('\n')[0] ?? '';
	const flavor = (/--flavor (\w+)/.exec(header)?.[1] ?? 'kubernetes') as Flavor;
	const seed = Number(/--seed (\d+)/.exec(header)?.[1] ?? 1);
	return { flavor, seed };
}

describe('scenario transcripts', () => {
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.script'))) {
		it(file, () => {
			const script = readFileSync(join(dir, file), 'utf8');
			const expected = readFileSync(join(dir, file.replace(/\.script$/, '.transcript')), 'utf8');
			const { transcript, failed } = runScript(createLab(optionsOf(script)), script);
			expect(failed).toBe(0);
			expect(transcript).toBe(expected);
		});
	}
});
