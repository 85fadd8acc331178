/** What a terminal shows for a command's result: stdout and stderr in the order they were written. */
import type { ExecResult, OutputChunk } from '../types';

/** The result's `interleaved` chunks, else stdout then stderr (empty runs left out). */
export function terminalChunks(result: ExecResult): readonly OutputChunk[] {
	const chunks: readonly OutputChunk[] = result.interleaved ?? [
		{ stream: 'stdout', text: result.output },
		{ stream: 'stderr', text: result.error ?? '' }
	];
	return chunks.filter((c) => c.text !== '');
}

/** The transcript text of a result: every chunk in order, as one string. */
export function terminalText(result: ExecResult): string {
	return terminalChunks(result)
		.map((c) => c.text)
		.join('');
}

/**
 * A result whose stderr `first` comes before its stdout: kubectl's API warnings arrive with the
 * response, before the printer writes the table (client-go rest/warnings.go).
 */
export function warnedFirst<R extends ExecResult>(result: R, warning: string): R {
	if (warning === '') return result;
	const interleaved: OutputChunk[] = [
		{ stream: 'stderr', text: warning },
		{ stream: 'stdout', text: result.output },
		{ stream: 'stderr', text: result.error ?? '' }
	];
	return { ...result, error: warning + (result.error ?? ''), interleaved };
}
