import { describe, expect, it } from 'vitest';
import { Store, type WatchEvent } from '../../../src/engine/core/store';

interface Obj {
	name: string;
	rv: number;
	v?: number;
}

describe('Store', () => {
	it('stamps each write with a new, increasing revision', () => {
		const s = new Store();
		const a = s.put<Obj>('pods', 'a', (rv) => ({ name: 'a', rv }));
		const b = s.put<Obj>('pods', 'b', (rv) => ({ name: 'b', rv }));
		const a2 = s.put<Obj>('pods', 'a', (rv) => ({ name: 'a', rv, v: 2 }));
		expect([a.rv, b.rv, a2.rv]).toEqual([1, 2, 3]);
		expect(s.currentRevision).toBe(3);
		expect(s.revisionOf('pods', 'a')).toBe(3);
		expect(s.get<Obj>('pods', 'a')).toBe(a2);
	});

	it('lists a collection in key order', () => {
		const s = new Store();
		for (const k of ['node-2', 'node-10', 'control-plane', 'node-1'])
			s.put('nodes', k, () => ({ k }));
		expect(s.list<{ k: string }>('nodes').map((o) => o.k)).toEqual([
			'control-plane',
			'node-1',
			'node-10',
			'node-2'
		]);
	});

	it('keeps key order and fresh objects across additions, replacements, deletions and loads', () => {
		const s = new Store();
		const names = () => s.list<Obj>('pods').map((o) => `${o.name}:${o.rv}`);
		s.put<Obj>('pods', 'b', (rv) => ({ name: 'b', rv }));
		s.put<Obj>('pods', 'd', (rv) => ({ name: 'd', rv }));
		expect(names()).toEqual(['b:1', 'd:2']);
		const saved = s.save();
		s.put<Obj>('pods', 'b', (rv) => ({ name: 'b', rv })); // a replacement shows the new object
		expect(names()).toEqual(['b:3', 'd:2']);
		s.put<Obj>('pods', 'a', (rv) => ({ name: 'a', rv }));
		s.put<Obj>('pods', 'c', (rv) => ({ name: 'c', rv }));
		expect(names()).toEqual(['a:4', 'b:3', 'c:5', 'd:2']);
		s.delete('pods', 'b');
		expect(names()).toEqual(['a:4', 'c:5', 'd:2']);
		s.load(saved);
		expect(names()).toEqual(['b:1', 'd:2']);
	});

	it('tells watchers of additions, modifications and deletions, in order', () => {
		const s = new Store();
		const seen: Array<Pick<WatchEvent, 'type' | 'key' | 'revision'>> = [];
		const stop = s.watch('pods', (e) =>
			seen.push({ type: e.type, key: e.key, revision: e.revision })
		);
		s.put('pods', 'a', () => ({}));
		s.put('nodes', 'n', () => ({}));
		s.put('pods', 'a', () => ({}));
		s.delete('pods', 'a');
		stop();
		s.put('pods', 'b', () => ({}));
		expect(seen).toEqual([
			{ type: 'ADDED', key: 'a', revision: 1 },
			{ type: 'MODIFIED', key: 'a', revision: 3 },
			{ type: 'DELETED', key: 'a', revision: 4 }
		]);
	});

	it('reports deleting a missing key without a new revision', () => {
		const s = new Store();
		expect(s.delete('pods', 'nope')).toBe(false);
		expect(s.currentRevision).toBe(0);
	});

	it('restores a checkpoint without touching later-shared objects', () => {
		const s = new Store();
		s.put('pods', 'a', (rv) => ({ rv }));
		const saved = s.save();
		s.put('pods', 'a', (rv) => ({ rv }));
		s.put('pods', 'b', (rv) => ({ rv }));
		s.load(saved);
		expect(s.list('pods')).toEqual([{ rv: 1 }]);
		expect(s.currentRevision).toBe(1);
	});
});
