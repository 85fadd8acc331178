// busybox ash needs a command in every compound list: `if then`, `then fi`, `do done` and `{ }`
// are syntax errors at the word it found (shell/ash.c list(): `syntax error: unexpected "fi"`),
// so such a container exits 2 and shows Error — it does not complete.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

describe('empty compound lists', () => {
	it.each([
		['if then fi', 'sh: syntax error: unexpected "then"'],
		['if true; then fi', 'sh: syntax error: unexpected "fi"'],
		['while true; do done', 'sh: syntax error: unexpected "done"'],
		['{ }', 'sh: syntax error: unexpected "}"']
	])('%s is refused by the shell', (script, message) => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		succeeds(lab, `kubectl run s --image=busybox --restart=Never -- sh -c '${script}'`);
		lab.advance(10_000);
		expect(succeeds(lab, 'kubectl logs s').output).toBe(`${message}\n`);
		expect(succeeds(lab, 'kubectl get pod s').output).toMatch(/0\/1 +Error +0 /);
	});
});
