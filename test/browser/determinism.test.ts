/**
 * Same seed + same command lines = same trace, in Node and in Chromium. The engine is bundled
 * with esbuild into one IIFE (global `OrchestraEngine`) and injected into a blank page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { createLab } from '../../src/engine/index';
import type { ExecResult, LabSnapshot } from '../../src/engine/types';
import { launchChromium } from './browser';

const SCRIPT = [
	'sim node stop node-2',
	'sim advance 2m',
	'kubectl get nodes',
	'sim node start node-2',
	'sim advance 1m'
];

interface Run {
	results: ExecResult[];
	hash: string;
	now: number;
	snapshot: LabSnapshot;
}

function runInNode(): Run {
	const lab = createLab({ seed: 42 });
	const results = SCRIPT.map((line) => lab.exec(line));
	return { results, hash: lab.traceHash(), now: lab.now(), snapshot: lab.snapshot() };
}

let browser: Browser;
let bundle: string;

beforeAll(async () => {
	const output = await build({
		entryPoints: ['src/engine/index.ts'],
		bundle: true,
		format: 'iife',
		globalName: 'OrchestraEngine',
		platform: 'browser',
		target: 'es2022',
		write: false,
		logLevel: 'silent'
	});
	const file = output.outputFiles[0];
	if (!file) throw new Error('esbuild produced no output');
	bundle = file.text;
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
});

describe('createLab({ seed: 42 }) in Node and in Chromium', () => {
	it('gives the same outputs and the same traceHash()', async () => {
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			await page.goto('about:blank');
			await page.addScriptTag({ content: bundle });
			const inBrowser = await page.evaluate((lines) => {
				const engine = (
					globalThis as unknown as { OrchestraEngine: typeof import('../../src/engine/index') }
				).OrchestraEngine;
				const lab = engine.createLab({ seed: 42 });
				const results = lines.map((line) => lab.exec(line));
				return { results, hash: lab.traceHash(), now: lab.now(), snapshot: lab.snapshot() };
			}, SCRIPT);
			const inNode = runInNode();

			expect(inNode.results.every((r) => r.ok)).toBe(true);
			expect(inNode.now).toBe(180_000);
			expect(inNode.results[2]?.output).toMatch(/^node-2\s+NotReady\s/m);
			expect(inNode.snapshot.nodes.find((n) => n.name === 'node-2')?.status).toBe('Ready');

			expect(inBrowser.results).toEqual(inNode.results);
			expect(inBrowser.hash).toBe(inNode.hash);
			expect(inBrowser.now).toBe(inNode.now);
			expect(inBrowser.snapshot).toEqual(JSON.parse(JSON.stringify(inNode.snapshot)));
		} finally {
			await context.close();
		}
	});

	it('is repeatable in Node, and a different seed still runs the same script', () => {
		expect(runInNode().hash).toBe(runInNode().hash);
		const other = createLab({ seed: 43 });
		for (const line of SCRIPT) expect(other.exec(line).ok, line).toBe(true);
	});
});
