/** Shared reporting for benchmarks: a readable line, or one JSON object a line with --json. */
import { performance } from 'node:perf_hooks';

const json = process.argv.includes('--json');

export function report(name: string, value: number, unit: string): void {
	const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
	if (json) console.log(JSON.stringify({ name, value: rounded, unit }));
	else console.log(`${name.padEnd(52)} ${rounded.toLocaleString('en-US')} ${unit}`);
}

export function wallMs(): number {
	return performance.now();
}

/** Runs a full collection when node was started with --expose-gc, so heap figures are honest. */
export function gc(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

/**
 * Collects until memory stops shrinking. A typed array's contents are freed by V8's array
 * buffer sweeper after the collection that found the array dead, on another thread: read
 * straight after one gc(), `arrayBuffers` still counts garbage (the same lab read 169–264 B of
 * typed arrays per pod from run to run). Each round collects, lets the sweeper run, and reads.
 */
export async function settledGc(): Promise<void> {
	let last = Infinity;
	for (let round = 0; round < 10; round++) {
		gc();
		await new Promise((resolve) => setTimeout(resolve, 20));
		const { heapUsed, arrayBuffers } = process.memoryUsage();
		if (heapUsed + arrayBuffers >= last) return;
		last = heapUsed + arrayBuffers;
	}
}

export function heapMb(): number {
	return process.memoryUsage().heapUsed / 2 ** 20;
}
