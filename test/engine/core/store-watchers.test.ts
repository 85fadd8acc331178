/**
 * The store tells a collection's watchers from an array (core/store.ts): in the order they
 * started, as the set it replaced did — one started during a write hears it, one stopped
 * before its turn does not, a watcher started twice is told once, and a watcher's own write
 * is told to everybody within the first.
 */
import { describe, expect, it } from 'vitest';
import { Store, type WatchEvent } from '../../../src/engine/core/store';

describe('store watchers', () => {
	it('tells watchers in order; one stopped before its turn is skipped, one started hears it', () => {
		const store = new Store();
		const heard: string[] = [];
		let stopC = () => {};
		const late = (e: WatchEvent) => heard.push(`late:${e.key}`);
		store.watch('pods', (e) => {
			heard.push(`a:${e.key}`);
			if (e.key === 'x') {
				stopC();
				store.watch('pods', late);
			}
		});
		store.watch('pods', (e) => heard.push(`b:${e.key}`));
		stopC = store.watch('pods', (e) => heard.push(`c:${e.key}`));
		store.put('pods', 'w', () => 1);
		store.put('pods', 'x', () => 2);
		store.put('pods', 'y', () => 3);
		expect(heard).toEqual(['a:w', 'b:w', 'c:w', 'a:x', 'b:x', 'late:x', 'a:y', 'b:y', 'late:y']);
	});

	it('tells a watcher started twice once, and stops it with either stop', () => {
		const store = new Store();
		let n = 0;
		const w = () => n++;
		const stop1 = store.watch('pods', w);
		const stop2 = store.watch('pods', w);
		store.put('pods', 'a', () => 1);
		expect(n).toBe(1);
		stop2();
		store.put('pods', 'a', () => 2);
		expect(n).toBe(1);
		stop1();
		store.put('pods', 'a', () => 3);
		expect(n).toBe(1);
	});

	it('tells a write made by a watcher to everybody before the first write goes on', () => {
		const store = new Store();
		const heard: string[] = [];
		store.watch('pods', (e) => {
			heard.push(`a:${e.key}`);
			if (e.key === 'first') store.put('pods', 'second', () => 2);
		});
		const stopB = store.watch('pods', (e) => {
			heard.push(`b:${e.key}`);
			// Stopped while two writes are being told: it hears neither again.
			if (e.key === 'second') stopB();
		});
		store.watch('pods', (e) => heard.push(`c:${e.key}`));
		store.put('pods', 'first', () => 1);
		store.put('pods', 'third', () => 3);
		expect(heard).toEqual([
			'a:first',
			'a:second',
			'b:second',
			'c:second',
			'c:first',
			'a:third',
			'c:third'
		]);
	});

	it('tells a watcher stopped and started again during a write at the end, as a set would', () => {
		const store = new Store();
		const heard: string[] = [];
		const b = (e: WatchEvent) => heard.push(`b:${e.key}`);
		let stopB = () => {};
		store.watch('pods', (e) => {
			heard.push(`a:${e.key}`);
			if (e.key === 'x') {
				stopB();
				stopB = store.watch('pods', b);
			}
		});
		stopB = store.watch('pods', b);
		store.watch('pods', (e) => heard.push(`c:${e.key}`));
		store.put('pods', 'x', () => 1);
		store.put('pods', 'y', () => 2);
		expect(heard).toEqual(['a:x', 'c:x', 'b:x', 'a:y', 'c:y', 'b:y']);
	});
});
