/** What a terminal shows for a result: both streams in the order the real tool writes them. */
import { describe, expect, it } from 'vitest';
import { terminalChunks, terminalText, warnedFirst } from '../../../src/engine/commands/terminal';
import type { ExecResult } from '../../../src/engine/types';

describe('terminal output', () => {
	it('shows stdout, then stderr, when nothing says otherwise', () => {
		const result = {
			ok: false,
			output: 'pod/a deleted\n',
			error: 'Error from server (NotFound)\n'
		};
		expect(terminalText(result)).toBe('pod/a deleted\nError from server (NotFound)\n');
		expect(terminalChunks(result).map((c) => c.stream)).toEqual(['stdout', 'stderr']);
	});

	it('leaves out an empty stream', () => {
		expect(terminalChunks({ ok: true, output: 'x\n' })).toEqual([
			{ stream: 'stdout', text: 'x\n' }
		]);
		expect(terminalChunks({ ok: true, output: '' })).toEqual([]);
	});

	it('puts an API warning before the table it came with, and keeps it on stderr', () => {
		const table = 'NAME   ENDPOINTS\nweb    10.244.1.2:80\n';
		const warning =
			'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';
		const result: ExecResult = warnedFirst({ ok: true, output: table }, warning);
		expect(result.output).toBe(table);
		expect(result.error).toBe(warning);
		expect(terminalText(result)).toBe(warning + table);
	});

	it('changes nothing without a warning', () => {
		const result = { ok: true, output: 'x\n' };
		expect(warnedFirst(result, '')).toBe(result);
	});
});
