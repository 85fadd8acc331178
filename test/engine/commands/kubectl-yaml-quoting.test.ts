/**
 * kubectl -o yaml quotes strings as go-yaml v2 does (sigs.k8s.io/yaml): double quotes for a
 * string that would read as another type (encode.go stringv: resolve() gives a non-string tag),
 * single quotes for one that cannot be plain for its characters (emitterc.go
 * yaml_emitter_select_scalar_style falls back from plain to single-quoted).
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { kubectlYaml } from '../../../src/engine/commands/json';
import { succeeds } from '../lab-helpers';

describe('kubectl -o yaml quoting', () => {
	it('double-quotes numbers, booleans, null and timestamps; single-quotes what cannot be plain', () => {
		expect(
			kubectlYaml({
				cron: '*/5 * * * *',
				version: '49',
				created: '2026-01-05T09:00:00Z',
				empty: '',
				flag: 'yes',
				on: 'on',
				word: 'plain',
				colon: 'a: b',
				dash: '- x',
				lead: ' x',
				hash: 'a #b',
				apostrophe: "it's",
				multiline: 'a\nb'
			})
		).toBe(
			[
				"apostrophe: it's",
				"colon: 'a: b'",
				'created: "2026-01-05T09:00:00Z"',
				"cron: '*/5 * * * *'",
				"dash: '- x'",
				'empty: ""',
				'flag: "yes"',
				"hash: 'a #b'",
				"lead: ' x'",
				'multiline: |-',
				'  a',
				'  b',
				'"on": "on"',
				'version: "49"',
				'word: plain',
				''
			].join('\n')
		);
	});

	it("prints a CronJob's schedule as kubectl does: single-quoted", () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 1, seed: 1 });
		succeeds(
			lab,
			'kubectl create cronjob tick --image=busybox:1.36 --schedule="*/1 * * * *" -- date'
		);
		const yaml = succeeds(lab, 'kubectl get cronjob tick -o yaml').output;
		expect(yaml).toContain("\n  schedule: '*/1 * * * *'\n");
		expect(yaml).toMatch(/\n {2}creationTimestamp: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n/);
		expect(yaml).toMatch(/\n {2}resourceVersion: "\d+"\n/);
	});
});
