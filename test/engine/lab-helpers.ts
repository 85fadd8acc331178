/** Shared checks for tests that drive a lab with command lines. */
import { expect } from 'vitest';
import type { ExecResult, Lab } from '../../src/engine/index';

/** Everything a failed line must leave untouched (design.md §3: "changes nothing"). */
export function state(lab: Lab) {
	return { snapshot: JSON.stringify(lab.snapshot()), now: lab.now(), hash: lab.traceHash() };
}

/** Runs a line that must fail, and checks that it changed nothing. */
export function fails(lab: Lab, line: string): ExecResult {
	const before = state(lab);
	const r = lab.exec(line);
	expect(r.ok, `expected ${JSON.stringify(line)} to fail`).toBe(false);
	expect(typeof r.error).toBe('string');
	expect(r.error!.length).toBeGreaterThan(0);
	expect(state(lab)).toEqual(before);
	return r;
}

export function succeeds(lab: Lab, line: string): ExecResult {
	const r = lab.exec(line);
	expect(r.ok, `${line} failed: ${r.error}`).toBe(true);
	return r;
}
