// The lab's own help in the page's language (LabOptions.lang): `help` and `sim help` answer in
// Chinese in a Chinese lab; kubectl's and docker's own help stay English, as the real tools
// print it; English is the default; and the language changes no simulated outcome.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';
import type { LabLang } from '../../../src/engine/types';

/** The commands a help text lists: each line's first column (`  sim advance DURATION`). */
function commands(help: string): string[] {
	return help
		.split('\n')
		.filter((line) => /^ {2}\S/.test(line))
		.map((line) => line.split(/ {2,}/)[1]!);
}

describe('help in the lab’s language', () => {
	it('is English by default, as the CLI and the tests have it', () => {
		const lab = createLab();
		const help = succeeds(lab, 'help').output;
		expect(help).toMatch(/^Orchestra Lab console\. Three programs drive the lab:\n/);
		expect(help).toContain('\n\nsim drives the simulation itself:\n');
		expect(help.endsWith(succeeds(lab, 'sim help').output)).toBe(true);
		expect(succeeds(createLab({ lang: 'en' }), 'help').output).toBe(help);
	});

	it('is Chinese in a Chinese lab, listing the same commands as typed', () => {
		const en = createLab({ flavor: 'swarm' });
		const zh = createLab({ flavor: 'swarm', lang: 'zh' });
		const help = succeeds(zh, 'help').output;
		expect(help).toMatch(/^Orchestra Lab 控制台。/);
		expect(help).toContain('  sim advance DURATION           让时间向前走');
		expect(help).toContain('  sim traffic NAME 100/s         向一个 Service 持续发送请求');
		expect(commands(help)).toEqual(commands(succeeds(en, 'help').output));
		const simHelp = succeeds(zh, 'sim help').output;
		expect(simHelp).toMatch(/^sim 操控模拟本身：\n/);
		expect(succeeds(zh, 'sim').output).toBe(simHelp);
		expect(succeeds(zh, 'sim --help').output).toBe(simHelp);
		expect(help.endsWith(simHelp)).toBe(true);
	});

	it('leaves kubectl’s and docker’s own help, and every other answer, as the real tools print it', () => {
		for (const [flavor, lines] of [
			['kubernetes', ['kubectl help', 'kubectl get pods --help', 'kubectl get nodes']],
			['swarm', ['docker help', 'docker node ls --help', 'docker node ls']]
		] as const) {
			const en = createLab({ flavor });
			const zh = createLab({ flavor, lang: 'zh' });
			for (const line of lines) {
				expect(zh.exec(line), line).toEqual(en.exec(line));
			}
			expect(fails(zh, 'sim frobnicate').error).toBe(fails(en, 'sim frobnicate').error);
		}
	});

	it('changes nothing the simulation does: the same seed and lines give the same trace', () => {
		const run = (lang: LabLang) => {
			const lab = createLab({ seed: 7, lang });
			for (const line of [
				'help',
				'kubectl create deployment web --image=nginx --replicas=3',
				'sim advance 20s',
				'sim node stop node-2',
				'sim help',
				'sim advance 1m'
			]) {
				lab.exec(line);
			}
			return { events: lab.events(), snapshot: lab.snapshot() };
		};
		expect(run('zh')).toEqual(run('en'));
	});

	it('refuses a language it does not speak', () => {
		expect(() => createLab({ lang: 'fr' as LabLang })).toThrow(/unknown lang fr: use en or zh/);
	});
});
