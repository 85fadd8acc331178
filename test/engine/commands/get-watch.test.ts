// `kubectl get -w` runs until Ctrl-C in a real terminal; the lab's console runs one line at a
// time, so it says the watch is not simulated (not that kubectl has no such flag).
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

describe('kubectl get --watch', () => {
	it('is answered as not simulated, -w and --watch-only alike, and changes nothing', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		for (const line of [
			'kubectl get pods -w',
			'kubectl get rs --watch',
			'kubectl get po --watch-only'
		])
			expect(fails(lab, line).error).toBe(
				'error: "kubectl get --watch" is not simulated in this lab yet\n'
			);
		expect(succeeds(lab, 'kubectl get pods --watch=false').output).toBe('');
	});
});
