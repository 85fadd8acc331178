import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import '../../src/engine/index';
import type { Lab, RaftView } from '../../src/engine/types';
import { scenarioLab } from '../../src/viz/scenario-lab';
import {
	axeInBothSchemes,
	openPage,
	sidewaysOverflow,
	simulatedTime,
	startLab,
	useChromium,
	waitForSimulatedTime
} from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();
const OUT = 'test-results/screenshots';
const PATH = '/embed/raft-election?views=raft,timeline';

beforeAll(async () => {
	await mkdir(OUT, { recursive: true });
});

/** The scenario run headless in this process: same seed, same lines, at the same times. */
function headless(actions: readonly { t: number; line: string }[], t: number): Lab {
	const lab = scenarioLab('raft-election', 'swarm');
	for (const action of actions) {
		lab.advance(action.t - lab.now());
		expect(lab.exec(action.line).ok, action.line).toBe(true);
	}
	lab.advance(t - lab.now());
	return lab;
}

function raftOf(lab: Lab): RaftView {
	const raft = lab.snapshot().raft;
	if (raft === undefined) throw new Error('no Raft group');
	return raft;
}

/** What the page draws and lists for each member. */
async function shown(page: Page) {
	return page.evaluate(() => {
		const ring = [...document.querySelectorAll<SVGGElement>('g.member')].map((g) => ({
			name: g.dataset.member,
			role: g.dataset.role,
			term: Number(g.dataset.term),
			commit: Number(g.dataset.commit)
		}));
		const table = [...document.querySelectorAll<HTMLTableRowElement>('tr[data-member]')].map(
			(row) => ({
				name: row.dataset.member,
				term: Number(row.querySelector('[data-col="term"]')?.textContent),
				vote: row.querySelector('[data-col="vote"]')?.textContent,
				commit: Number(row.querySelector('[data-col="commit"]')?.textContent),
				last: Number(row.querySelector('[data-col="last"]')?.textContent)
			})
		);
		const logs = [...document.querySelectorAll<HTMLElement>('.log-row')].map((row) => ({
			name: row.dataset.member,
			boxes: [...row.querySelectorAll<HTMLElement>('.box')].map((box) => ({
				index: Number(box.dataset.index),
				term: box.dataset.term === undefined ? undefined : Number(box.dataset.term),
				committed: box.classList.contains('committed'),
				pending: box.classList.contains('pending')
			}))
		}));
		const flying = document.querySelectorAll('g.flying g.msg').length;
		const sides = Object.fromEntries(
			[...document.querySelectorAll<SVGGElement>('g.member')].map((g) => [
				g.dataset.member,
				g.dataset.side
			])
		);
		return { ring, table, logs, flying, walls: document.querySelectorAll('g.wall').length, sides };
	});
}

/** Checks every number the view shows against the headless lab at the page's time. */
async function expectAgrees(page: Page, actions: readonly { t: number; line: string }[]) {
	const t = await simulatedTime(page);
	const raft = raftOf(headless(actions, t));
	const view = await shown(page);
	expect(view.ring).toEqual(
		raft.members.map((m) => ({ name: m.name, role: m.role, term: m.term, commit: m.commitIndex }))
	);
	expect(view.table).toEqual(
		raft.members.map((m) => ({
			name: m.name,
			term: m.term,
			vote: m.votedFor ?? '<none>',
			commit: m.commitIndex,
			last: m.lastLogIndex
		}))
	);
	for (const row of view.logs) {
		const m = raft.members.find((x) => x.name === row.name)!;
		for (const box of row.boxes) {
			const has = box.index <= m.lastLogIndex;
			expect(box.term, `${m.name} #${box.index}`).toBe(
				has ? m.log[box.index - m.logStart]!.term : undefined
			);
			expect(box.committed, `${m.name} #${box.index}`).toBe(has && box.index <= m.commitIndex);
			expect(box.pending, `${m.name} #${box.index}`).toBe(has && box.index > m.commitIndex);
		}
		expect(row.boxes.at(-1)?.index).toBe(Math.max(...raft.members.map((x) => x.lastLogIndex)));
	}
	const onWire = raft.messages.filter((m) => m.sentAt <= t && m.arriveAt > t);
	expect(view.flying, `messages on the wire at ${t} ms`).toBe(onWire.length);
	expect(view.walls).toBe(raft.partitions.length >= 2 ? raft.partitions.length : 0);
	return { t, raft, view };
}

async function play(page: Page, speed: string) {
	await page.getByLabel('Speed').selectOption(speed);
	await page.getByRole('button', { name: 'Play', exact: true }).click();
}

async function pause(page: Page) {
	await page.getByRole('button', { name: 'Pause' }).click();
}

/** Presses Tab until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string) {
	for (let i = 0; i < 60; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
	}
	throw new Error(`Tab never reached ${selector}`);
}

describe('the Raft view on /embed/raft-election', () => {
	it('agrees with a headless run of the same lines, playing, and after seeking back and forth', async () => {
		const { page, errors, requests, close } = await openPage(chromium(), baseURL, PATH);
		try {
			await page.locator('g.member').first().waitFor();
			expect(await page.locator('g.member').count()).toBe(5);
			// Two client writes are in the leader's log, not yet committed: dashed boxes.
			const start = await expectAgrees(page, []);
			expect(start.t).toBe(0);
			expect(start.view.logs[0]!.boxes.filter((b) => b.pending).length).toBe(2);

			// A client write from the view: one more dashed box in the leader's row.
			await page.getByRole('button', { name: 'Client write' }).click();
			const actions = [{ t: 0, line: 'sim raft propose write-4' }];
			const written = await expectAgrees(page, actions);
			expect(written.view.logs[0]!.boxes.filter((b) => b.pending).length).toBe(3);

			await play(page, '10');
			await waitForSimulatedTime(page, 3_000);
			await pause(page);
			const played = await expectAgrees(page, actions);
			// By now the writes are committed everywhere: solid boxes.
			for (const row of played.view.logs) expect(row.boxes.every((b) => b.committed)).toBe(true);

			const scrubber = page.getByLabel('Simulated time (seek)');
			await scrubber.focus();
			await page.keyboard.press('Home');
			await page.waitForFunction(
				() => document.querySelector('.clock-value')?.textContent === '00:00'
			);
			await expectAgrees(page, actions);
			await page.keyboard.press('End');
			await waitForSimulatedTime(page, played.t);
			await expectAgrees(page, actions);
			expect(errors).toEqual([]);
			expect(requests.every((url) => url.startsWith(baseURL))).toBe(true);
		} finally {
			await close();
		}
	});

	it('with the Raft view alone (the lab advanced only when something is due), agrees after playing', async () => {
		const { page, errors, close } = await openPage(
			chromium(),
			baseURL,
			'/embed/raft-election?views=raft'
		);
		try {
			await page.locator('g.member').first().waitFor();
			await play(page, '1');
			await waitForSimulatedTime(page, 2_500);
			// At 1× the election timers turn between draws, on their own.
			const running = await page.evaluate(
				() =>
					document
						.getAnimations()
						.filter((a) => (a.effect as KeyframeEffect | null)?.target?.matches('.timer-arc'))
						.filter((a) => a.playState === 'running').length
			);
			expect(running).toBeGreaterThan(0);
			await pause(page);
			const { t } = await expectAgrees(page, []);
			expect(t).toBeGreaterThanOrEqual(2_500);
			// Paused: dots and timers stand still, with no animation left running (streaks fade out
			// in wall-clock time, then go).
			const moving = await page.evaluate(
				() =>
					document
						.getAnimations()
						.filter((a) => a.playState === 'running')
						.filter((a) => !(a.effect as KeyframeEffect | null)?.target?.matches('.trail-batch'))
						.length
			);
			expect(moving).toBe(0);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('with the timeline too, sleeps between events while playing; the needle follows the clock', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, PATH);
		try {
			await page.locator('g.member').first().waitFor();
			// Counts the frames the page asks for: a lab advanced every frame asks ~60 a second.
			await page.evaluate(() => {
				const counter = window as unknown as { frames: number };
				counter.frames = 0;
				const raf = window.requestAnimationFrame.bind(window);
				window.requestAnimationFrame = (callback) => {
					counter.frames++;
					return raf(callback);
				};
			});
			await play(page, '1');
			await waitForSimulatedTime(page, 3_000);
			await pause(page);
			const frames = await page.evaluate(() => (window as unknown as { frames: number }).frames);
			const { t } = await expectAgrees(page, []);
			// Woken for heartbeats, their answers and the clock's seconds: a few frames a second.
			expect(frames).toBeGreaterThan(0);
			expect(frames).toBeLessThan((t / 1000) * 15);
			// The needle stands at the lab's time on an axis of a minute (00:00 at x = 10, the
			// minute 10 px before the right end).
			const needle = await page.evaluate(() => {
				const svg = document.querySelector('.timeline svg')!;
				return {
					x: Number(svg.querySelector('line.now')?.getAttribute('x1')),
					width: Number(svg.getAttribute('width'))
				};
			});
			expect(t).toBeLessThan(60_000);
			expect(needle.x).toBeCloseTo(10 + (t / 60_000) * (needle.width - 20), 3);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('a lesson shows the members before its lab starts, and the live ring draws its streaks between them', async () => {
		// On a phone, where the ring is measured narrower than it is first drawn.
		const context = await chromium().newContext({ baseURL, viewport: { width: 390, height: 900 } });
		try {
			const page = await context.newPage();
			await page.goto('/en/kubernetes-architecture');
			await page.waitForLoadState('load');
			// The first paint (rendered at build time): every etcd member in the ring, leader first.
			const still = page.locator('.first-paint svg.ring .members-still g.member');
			expect(await still.locator('text.name').allTextContents()).toEqual([
				'control-plane-1',
				'control-plane-2',
				'control-plane-3'
			]);
			expect(await still.first().getAttribute('class')).toContain('role-leader');

			// The lesson's first lab with a ring.
			const nth = await page.evaluate(() =>
				[...document.querySelectorAll('.lab-widget')].findIndex((w) => w.querySelector('svg.ring'))
			);
			await startLab(page, nth);
			const ring = page.locator('.lab-widget').nth(nth).locator('svg.ring');
			await ring.locator('g.members g.member').first().waitFor();
			expect(await ring.locator('.members-still').count()).toBe(0);
			// Each streak runs from one member's rim to another's: both ends next to a member.
			// None may be left from a frame drawn before the ring's width was measured (etcd's first
			// heartbeats, 1 ms on the wire, have passed at 00:00).
			const streakEnds = () =>
				ring.evaluate((svg) => {
					const centres = [...svg.querySelectorAll<SVGGElement>('g.members g.member')].map((g) => {
						const m = g.transform.baseVal.consolidate()!.matrix;
						return { x: m.e, y: m.f };
					});
					const ends = [...svg.querySelectorAll('path.streak')].flatMap((path) =>
						[...(path.getAttribute('d') ?? '').matchAll(/[ML]([-\d.]+) ([-\d.]+)/g)].map((m) => ({
							x: Number(m[1]),
							y: Number(m[2])
						}))
					);
					const near = (p: { x: number; y: number }) =>
						centres.some((c) => Math.hypot(c.x - p.x, c.y - p.y) < 40);
					return { ends: ends.length, far: ends.filter((p) => !near(p)) };
				});
			expect((await streakEnds()).far).toEqual([]);
			// Played a moment, at the measured width: the streaks it leaves, each between two members.
			await page.getByRole('button', { name: 'Play', exact: true }).first().click();
			await ring.locator('path.streak').first().waitFor();
			await page.getByRole('button', { name: 'Pause' }).first().click();
			const played = await streakEnds();
			expect(played.ends).toBeGreaterThan(0);
			expect(played.far).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('by keyboard: Enter on the leader stops it, and the others elect a new leader', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, PATH);
		try {
			await page.locator('g.member').first().waitFor();
			await tabTo(page, 'g.member[data-member="manager-1"]');
			expect(await page.evaluate(() => document.activeElement?.matches(':focus-visible'))).toBe(
				true
			);
			await page.keyboard.press('Enter');
			const leader1 = page.locator('g.member[data-member="manager-1"]');
			expect(await leader1.getAttribute('data-role')).toBe('stopped');
			// Focus stays on the member, so Enter again would start it.
			expect(await page.evaluate(() => document.activeElement?.getAttribute('data-member'))).toBe(
				'manager-1'
			);
			const actions = [{ t: await simulatedTime(page), line: 'sim node stop manager-1' }];

			// No heartbeat any more: after a 10–19 s election timeout, someone wins term 2.
			await play(page, '30');
			await page.waitForFunction(
				() => document.querySelector('g.member[data-role="leader"]') !== null,
				undefined,
				{ timeout: 30_000 }
			);
			await pause(page);
			const { t, raft } = await expectAgrees(page, actions);
			const leader = raft.members.find((m) => m.role === 'leader')!;
			expect(leader.name).not.toBe('manager-1');
			expect(leader.term).toBe(2);
			expect(t - actions[0]!.t).toBeGreaterThanOrEqual(10_000);

			await leader1.focus();
			await page.keyboard.press('Enter');
			expect(await leader1.getAttribute('data-role')).toBe('follower');
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('partitions by ticking members and pressing Partition, heals, and partitions by dragging', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, PATH);
		try {
			await page.locator('g.member').first().waitFor();
			// The leader and one follower on the other side: a minority that cannot commit.
			for (const name of ['manager-1', 'manager-2']) {
				await page.getByLabel(`${name} on the other side`).focus();
				await page.keyboard.press('Space');
			}
			await tabTo(page, 'button.cut');
			await page.keyboard.press('Enter');
			const actions = [
				{
					t: await simulatedTime(page),
					line: 'sim partition manager-3,manager-4,manager-5 / manager-1,manager-2'
				}
			];
			expect(await page.locator('g.wall').count()).toBe(2);
			const sides = (await shown(page)).sides;
			expect(sides['manager-1']).toBe(sides['manager-2']);
			expect(sides['manager-3']).not.toBe(sides['manager-1']);

			// The majority side elects a leader of term 2; the old leader steps down (CheckQuorum).
			await play(page, '30');
			await page.waitForFunction(
				() =>
					['manager-3', 'manager-4', 'manager-5'].some(
						(n) =>
							document.querySelector(`g.member[data-member="${n}"]`)?.getAttribute('data-role') ===
							'leader'
					),
				undefined,
				{ timeout: 30_000 }
			);
			await pause(page);
			const { raft } = await expectAgrees(page, actions);
			expect(raft.partitions).toEqual([
				['manager-3', 'manager-4', 'manager-5'],
				['manager-1', 'manager-2']
			]);

			await page.getByRole('button', { name: 'Heal' }).click();
			expect(await page.locator('g.wall').count()).toBe(0);
			actions.push({ t: await simulatedTime(page), line: 'sim heal' });
			await expectAgrees(page, actions);

			// Drag manager-4 off the ring (once the members have slid back): it alone is cut off.
			await page.waitForTimeout(800);
			await page.locator('svg.ring').scrollIntoViewIfNeeded();
			const body = (await page
				.locator('g.member[data-member="manager-4"] circle.body')
				.boundingBox())!;
			const ring = (await page.locator('svg.ring').boundingBox())!;
			await page.mouse.move(body.x + body.width / 2, body.y + body.height / 2);
			await page.mouse.down();
			await page.mouse.move(body.x - 20, body.y + 40, { steps: 4 });
			await page.mouse.move(ring.x + 4, ring.y + ring.height - 4, { steps: 6 });
			await page.mouse.up();
			expect(await page.locator('g.wall').count()).toBe(2);
			expect(
				await page.locator('g.member[data-member="manager-4"]').getAttribute('data-role')
			).not.toBe('stopped');
			actions.push({
				t: await simulatedTime(page),
				line: 'sim partition manager-1,manager-2,manager-3,manager-5 / manager-4'
			});
			const dragged = await expectAgrees(page, actions);
			expect(dragged.raft.partitions).toEqual([
				['manager-1', 'manager-2', 'manager-3', 'manager-5'],
				['manager-4']
			]);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('speaks Chinese when asked', async () => {
		const { page, close } = await openPage(chromium(), baseURL, `${PATH}&lang=zh`);
		try {
			await page.locator('g.member').first().waitFor();
			expect(await page.locator('.raft-title').textContent()).toContain('Swarm 管理节点');
			expect(
				await page.locator('tr[data-member="manager-1"] [data-col="role"]').textContent()
			).toBe('领导者');
		} finally {
			await close();
		}
	});

	it('axe-core finds nothing mid-election, partitioned (light and dark)', async () => {
		const { page, close } = await openPage(chromium(), baseURL, PATH);
		try {
			await page.locator('g.member').first().waitFor();
			await page.locator('g.member[data-member="manager-1"]').click();
			await page.getByLabel('manager-5 on the other side').check();
			await page.getByRole('button', { name: 'Partition' }).click();
			await page.getByRole('button', { name: 'Step to next event' }).click();
			await page.locator('details.legend summary').click();
			expect(await axeInBothSchemes(page)).toEqual([]);
		} finally {
			await close();
		}
	});

	for (const width of [1280, 390]) {
		for (const colorScheme of ['light', 'dark'] as const) {
			it(`screenshot at ${width}px, ${colorScheme}: votes on the wire`, async () => {
				const { page, close } = await openPage(chromium(), baseURL, PATH, {
					viewport: { width, height: 900 },
					colorScheme
				});
				try {
					await page.locator('g.member').first().waitFor();
					await page.locator('g.member[data-member="manager-1"]').click();
					// The election starts; then the first votes come back.
					await page.getByRole('button', { name: 'Step to next event' }).click();
					await page.getByRole('button', { name: 'Step to next event' }).click();
					expect(await page.locator('g.flying g.msg').count()).toBeGreaterThan(0);
					const overflow = await sidewaysOverflow(page);
					expect(overflow).toBe(0);
					await page.screenshot({
						path: `${OUT}/raft-${width}-${colorScheme}.png`,
						fullPage: true
					});
				} finally {
					await close();
				}
			});
		}
	}
});
