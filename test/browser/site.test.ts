import { describe, expect, inject, it } from 'vitest';
import { useChromium, openPage } from './browser';

const baseURL = inject('baseURL');
const chromium = useChromium();

describe('home page /', () => {
	it('lists the lesson in English and in Chinese, and both links open it', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, '/');
		try {
			expect(await page.title()).toBe('Orchestra Lab');
			expect(await page.locator('meta[name="description"]').getAttribute('content')).toMatch(
				/orchestration/i
			);
			const en = page.locator('section[lang="en"] a[href$="/en/why-orchestration"]');
			const zh = page.locator('section[lang="zh-CN"] a[href$="/zh/why-orchestration"]');
			expect(await en.textContent()).toBe('Why orchestration?');
			expect(await zh.textContent()).toBe('为什么需要容器编排？');

			await en.click();
			await page.waitForURL('**/en/why-orchestration');
			expect(await page.locator('h1').textContent()).toBe('Why orchestration?');

			await page.goBack();
			await page.locator('section[lang="zh-CN"] a').first().click();
			await page.waitForURL('**/zh/why-orchestration');
			expect(await page.locator('h1').textContent()).toBe('为什么需要容器编排？');
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});
});

describe('lesson pages /en/[slug] and /zh/[slug]', () => {
	it('opens in English with English metadata, and the switch goes to the Chinese lesson', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, '/en/why-orchestration');
		try {
			expect(await page.title()).toBe('Why orchestration? · Orchestra Lab');
			expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
			expect(await page.locator('meta[name="description"]').getAttribute('content')).toMatch(
				/single point of failure/
			);
			expect(await page.getByRole('button', { name: 'Stop node-2' }).count()).toBe(1);

			const toChinese = page.locator('a.lang-switch');
			expect(await toChinese.getAttribute('hreflang')).toBe('zh-CN');
			await toChinese.click();
			await page.waitForURL('**/zh/why-orchestration');
			expect(await page.locator('h1').textContent()).toBe('为什么需要容器编排？');
			expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('opens in Chinese (also when loaded directly), and the switch goes back to English', async () => {
		const { page, errors, close } = await openPage(chromium(), baseURL, '/zh/why-orchestration');
		try {
			expect(await page.title()).toBe('为什么需要容器编排？ · Orchestra Lab');
			expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
			expect(await page.locator('.site').getAttribute('lang')).toBe('zh-CN');
			expect(await page.getByRole('button', { name: '停止 node-2' }).count()).toBe(1);

			// The console's own programs answer in Chinese, kubectl in English as the real one does.
			const input = page.locator('.console-input').first();
			const answer = () => page.locator('.console .entry.out').last();
			await input.fill('help');
			await input.press('Enter');
			await expect.poll(() => answer().textContent()).toMatch(/^Orchestra Lab 控制台。/);
			expect(await answer().getAttribute('lang')).toBe('zh');
			await input.fill('kubectl get nodes');
			await input.press('Enter');
			await expect.poll(() => answer().textContent()).toMatch(/^NAME +STATUS/);
			expect(await answer().getAttribute('lang')).toBeNull();

			const toEnglish = page.getByRole('link', { name: 'Read in English' });
			expect(await toEnglish.getAttribute('hreflang')).toBe('en');
			await toEnglish.click();
			await page.waitForURL('**/en/why-orchestration');
			expect(await page.locator('h1').textContent()).toBe('Why orchestration?');
			expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	it('serves the prerendered HTML with the right <html lang> wrapper, title and description', async () => {
		const response = await fetch(`${baseURL}/zh/why-orchestration`);
		expect(response.headers.get('content-type')).toMatch(/^text\/html/);
		const html = await response.text();
		expect(html).toContain('<title>为什么需要容器编排？ · Orchestra Lab</title>');
		expect(html).toMatch(/<meta name="description" content="微服务/);
		expect(html).toMatch(/class="site[^"]*" lang="zh-CN"|lang="zh-CN" class="site/);
	});
});

describe('network', () => {
	it('requests nothing from any origin other than the test server', async () => {
		const origin = new URL(baseURL).origin;
		const seen: string[] = [];
		for (const path of ['/', '/en/why-orchestration', '/zh/why-orchestration']) {
			const { page, requests, close } = await openPage(chromium(), baseURL, path);
			try {
				const play = page.locator('.lab-widget button.play');
				if ((await play.count()) > 0) {
					await play.click();
					await page.locator('button.node-button[data-action="stop"]').nth(1).click();
					await page.waitForTimeout(500);
				}
				await page.waitForLoadState('networkidle');
				seen.push(...requests);
			} finally {
				await close();
			}
		}
		expect(seen.length).toBeGreaterThan(3);
		const outside = seen.filter((url) => {
			const { protocol } = new URL(url);
			return protocol !== 'data:' && protocol !== 'blob:' && new URL(url).origin !== origin;
		});
		expect(outside).toEqual([]);
	});
});
