/**
 * Chromium's own counters for one page, over CDP (`Performance.getMetrics`). They are
 * cumulative, so a window's figure is a difference. Durations are read in the `threadTicks`
 * domain, the main thread's CPU time: this machine is shared, and wall-clock task durations
 * would also count the time the thread waited for a core.
 */
import type { CDPSession, Page } from 'playwright-core';

export type Metrics = Record<string, number>;

export class PageMetrics {
	private constructor(private readonly cdp: CDPSession) {}

	static async attach(page: Page): Promise<PageMetrics> {
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
		return new PageMetrics(cdp);
	}

	async read(): Promise<Metrics> {
		const { metrics } = await this.cdp.send('Performance.getMetrics');
		return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
	}
}

/** Growth of metric `name` between two readings (seconds for the *Duration metrics). */
export function delta(before: Metrics, after: Metrics, name: string): number {
	return (after[name] ?? NaN) - (before[name] ?? NaN);
}
