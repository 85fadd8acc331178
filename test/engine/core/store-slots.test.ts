/**
 * The store's slots (issue 3): a key keeps one small number while it exists, so components
 * index what they keep per object by it; a deleted key's slot goes to a later key only once
 * every watcher has heard of the deletion, and a checkpoint restores every slot.
 */
import { describe, expect, it } from 'vitest';
import { Store, type WatchEvent } from '../../../src/engine/core/store';

describe('store slots', () => {
	it('stay with a key across replacements, and hold its object', () => {
		const s = new Store();
		s.put('pods', 'a', () => ({ v: 1 }));
		s.put('pods', 'b', () => ({ v: 1 }));
		const a = s.slotOf('pods', 'a')!;
		s.put('pods', 'a', () => ({ v: 2 }));
		expect(s.slotOf('pods', 'a')).toBe(a);
		expect(s.slotOf('pods', 'b')).not.toBe(a);
		expect(s.atSlot('pods', a)).toEqual({ v: 2 });
		expect(s.slotOf('pods', 'zzz')).toBeUndefined();
		expect(s.slotOf('nodes', 'a')).toBeUndefined();
	});

	it('are given to watchers, the deleted key’s included', () => {
		const s = new Store();
		const seen: Pick<WatchEvent, 'type' | 'key' | 'slot'>[] = [];
		s.watch('pods', (e) => seen.push({ type: e.type, key: e.key, slot: e.slot }));
		s.put('pods', 'a', () => ({}));
		const slot = s.slotOf('pods', 'a');
		s.put('pods', 'a', () => ({}));
		s.delete('pods', 'a');
		expect(seen).toEqual([
			{ type: 'ADDED', key: 'a', slot },
			{ type: 'MODIFIED', key: 'a', slot },
			{ type: 'DELETED', key: 'a', slot }
		]);
		expect(s.atSlot('pods', slot!)).toBeUndefined();
	});

	it('go to a later key only after the deletion was heard: a key made meanwhile takes another', () => {
		const s = new Store();
		s.put('pods', 'a', () => ({ v: 'a' }));
		const a = s.slotOf('pods', 'a')!;
		let madeAgain: number | undefined;
		s.watch('pods', (e) => {
			// A controller that makes the object again (a StatefulSet's pod) while told.
			if (e.type === 'DELETED' && e.key === 'a') {
				s.put('pods', 'a', () => ({ v: 'a2' }));
				madeAgain = s.slotOf('pods', 'a');
			}
		});
		s.delete('pods', 'a');
		expect(madeAgain).toBeDefined();
		expect(madeAgain).not.toBe(a);
		// Now free, the old slot is the next new key's.
		s.put('pods', 'b', () => ({ v: 'b' }));
		expect(s.slotOf('pods', 'b')).toBe(a);
		expect(s.list('pods')).toEqual([{ v: 'a2' }, { v: 'b' }]);
	});

	it('come back exactly with a checkpoint, and so does the slot a new key takes', () => {
		const s = new Store();
		for (const k of ['a', 'b', 'c', 'd']) s.put('pods', k, () => ({ k }));
		s.delete('pods', 'b');
		const saved = s.save();
		const slots = ['a', 'c', 'd'].map((k) => s.slotOf('pods', k));
		s.put('pods', 'e', () => ({ k: 'e' }));
		const e = s.slotOf('pods', 'e');
		s.delete('pods', 'a');
		s.put('pods', 'f', () => ({ k: 'f' }));
		s.load(saved);
		expect(['a', 'c', 'd'].map((k) => s.slotOf('pods', k))).toEqual(slots);
		expect(s.slotOf('pods', 'e')).toBeUndefined();
		expect(s.slotOf('pods', 'f')).toBeUndefined();
		expect(s.revisionOf('pods', 'c')).toBe(3);
		s.put('pods', 'e', () => ({ k: 'e' }));
		expect(s.slotOf('pods', 'e')).toBe(e);
		expect(s.list('pods')).toEqual([{ k: 'a' }, { k: 'c' }, { k: 'd' }, { k: 'e' }]);
	});
});
