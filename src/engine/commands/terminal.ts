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

/** Collects what a command writes to each stream, in order, for a result with `interleaved`. */
export class TerminalWriter {
	private chunks: OutputChunk[] = [];

	out(text: string): void {
		this.write('stdout', text);
	}

	err(text: string): void {
		this.write('stderr', text);
	}

	get stdout(): string {
		return this.joined('stdout');
	}

	get stderr(): string {
		return this.joined('stderr');
	}

	/** The result: each stream whole, and both in the order they were written. */
	result(ok: boolean): ExecResult {
		const error = this.stderr;
		return {
			ok,
			output: this.stdout,
			...(error === '' ? {} : { error }),
			interleaved: [...this.chunks]
		};
	}

	private write(stream: OutputChunk['stream'], text: string): void {
		if (text === '') return;
		const last = this.chunks[this.chunks.length - 1];
		if (last?.stream === stream)
			this.chunks[this.chunks.length - 1] = { stream, text: last.text + text };
		else this.chunks.push({ stream, text });
	}

	private joined(stream: OutputChunk['stream']): string {
		return this.chunks
			.filter((c) => c.stream === stream)
			.map((c) => c.text)
			.join('');
	}
}
