/** Fake timers, and animation frames every 16 ms on them (Node has none), for Player tests. */
import { vi } from 'vitest';

export function fakeFrames() {
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
	vi.stubGlobal('requestAnimationFrame', (callback: (t: number) => void) =>
		setTimeout(() => callback(performance.now()), 16)
	);
	vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
}

export function realFrames() {
	vi.unstubAllGlobals();
	vi.useRealTimers();
}
