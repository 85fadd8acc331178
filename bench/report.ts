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

export function heapMb(): number {
	return process.memoryUsage().heapUsed / 2 ** 20;
}
