/**
 * The heap diet, session 9 (issue 3: at most a kilobyte of heap per pod): the store's index of
 * keys, the informer's lists of slots, the trace's and the Events' narrower columns must keep
 * every answer a reader gets — lookups, key order, time travel, the trace's text.
 */
import fc from 'fast-check';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { ShortColumn } from '../../../src/engine/core/columns';
import { Store } from '../../../src/engine/core/store';
import { Trace } from '../../../src/engine/core/trace';
import { createLab } from '../../../src/engine/index';
import { SlotList } from '../../../src/engine/kubernetes/api/slot-list';
import { succeeds } from '../lab-helpers';

/** An operation on a collection: put (a value) or delete a key drawn from a few. */
const op = fc.record({
	key: fc.constantFrom('a', 'b', 'default/web-1', 'default/web-2', 'x/y', '', 'ü', 'node-10'),
	del: fc.boolean(),
	v: fc.nat(100)
});

describe('the store index', () => {
	it('answers as a Map would through any mix of puts and deletes, and after a restore', () => {
		fc.assert(
			fc.property(fc.array(op, { maxLength: 60 }), fc.nat(60), (ops, at) => {
				const store = new Store();
				const model = new Map<string, number>();
				let saved: { state: ReturnType<Store['save']>; model: Map<string, number> } | undefined;
				ops.forEach((o, i) => {
					if (i === at) saved = { state: store.save(), model: new Map(model) };
					if (o.del) expect(store.delete('c', o.key)).toBe(model.delete(o.key));
					else {
						store.put('c', o.key, () => ({ v: o.v }));
						model.set(o.key, o.v);
					}
				});
				const check = (m: Map<string, number>) => {
					expect(store.size('c')).toBe(m.size);
					for (const k of ['a', 'b', 'default/web-1', 'default/web-2', 'x/y', '', 'ü', 'node-10'])
						expect(store.get<{ v: number }>('c', k)?.v).toBe(m.get(k));
					expect(store.list<{ v: number }>('c').map((o) => o.v)).toEqual(
						[...m.keys()].sort().map((k) => m.get(k))
					);
				};
				check(model);
				if (saved !== undefined) {
					store.load(saved.state);
					check(saved.model);
				}
			})
		);
	});

	it('finds every one of many keys, and none of those deleted (the index grows and shifts)', () => {
		const store = new Store();
		const keys = Array.from({ length: 5000 }, (_, i) => `default/app-${i % 7}-${i}`);
		for (const k of keys) store.put('pods', k, () => ({ k }));
		// Delete every third key: entries after each hole shift back along their probe runs.
		keys.forEach((k, i) => {
			if (i % 3 === 0) store.delete('pods', k);
		});
		keys.forEach((k, i) => {
			const found = store.get<{ k: string }>('pods', k);
			if (i % 3 === 0) expect(found).toBeUndefined();
			else expect(found?.k).toBe(k);
		});
		expect(store.size('pods')).toBe(keys.length - Math.ceil(keys.length / 3));
		// A deleted key's slot goes to the next new key, which is found where it now is.
		store.put('pods', 'default/late', () => ({ k: 'late' }));
		expect(store.keysOf('pods')[store.slotOf('pods', 'default/late')!]).toBe('default/late');
	});
});

describe('ShortColumn', () => {
	it('reads back any integer, two bytes or not, and forgets truncated rows', () => {
		fc.assert(
			fc.property(
				fc.array(fc.oneof(fc.integer({ min: -40_000, max: 70_000 }), fc.integer()), {
					maxLength: 300
				}),
				fc.nat(300),
				(values, keep) => {
					const col = new ShortColumn(0x8000);
					values.forEach((v, row) => col.set(row, v));
					values.forEach((v, row) => expect(col.get(row)).toBe(v));
					col.truncate(keep);
					const rewritten = values.map((v, row) => (row < keep ? v : -v));
					rewritten.forEach((v, row) => {
						if (row >= keep) col.set(row, v);
					});
					rewritten.forEach((v, row) => expect(col.get(row)).toBe(v === 0 ? 0 : v));
				}
			)
		);
	});
});

describe('SlotList', () => {
	it('keeps slots in their keys’ order through inserts and removals', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ slot: fc.nat(40), add: fc.boolean() }), { maxLength: 120 }),
				(ops) => {
					// Slot s holds key k-<s reversed>, so key order is not slot order.
					const keys = Array.from({ length: 41 }, (_, s) => `k-${String(40 - s).padStart(2, '0')}`);
					const list = new SlotList();
					const model = new Set<number>();
					for (const o of ops) {
						if (o.add) {
							list.insert(o.slot, keys[o.slot]!, keys);
							model.add(o.slot);
						} else expect(list.remove(o.slot, keys[o.slot]!, keys)).toBe(model.delete(o.slot));
					}
					const expected = [...model].sort((a, b) => (keys[a]! < keys[b]! ? -1 : 1));
					expect([...list.slots()]).toEqual(expected);
				}
			)
		);
	});

	it('removes a slot whose key no longer reads (deleted while watchers are told)', () => {
		const keys: (string | undefined)[] = ['a', 'b', 'c', 'd', 'e'];
		const list = new SlotList();
		for (let s = 0; s < keys.length; s++) list.insert(s, keys[s]!, keys);
		keys[2] = undefined;
		expect(list.remove(2, 'c', keys)).toBe(true);
		keys[3] = undefined;
		expect(list.remove(3, 'd', keys)).toBe(true);
		expect([...list.slots()]).toEqual([0, 1, 4]);
	});
});

describe('the informer’s pods by node and owner', () => {
	interface PodList {
		items: Pod[];
	}

	it('lists a node’s pods in name order, before and after time travel and deletions', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 2, seed: 5 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=9');
		lab.advance(20_000);
		const onNode = (node: string) =>
			(JSON.parse(succeeds(lab, 'kubectl get pods -o json').output) as PodList).items
				.filter((p) => p.spec?.nodeName === node)
				.map((p) => p.metadata!.name!);
		const before = onNode('node-1');
		expect(before.length).toBeGreaterThan(0);
		expect(before).toEqual([...before].sort());
		// Scaling down deletes pods; the ReplicaSet then sees exactly the pods that are left.
		succeeds(lab, 'kubectl scale deployment web --replicas=3');
		lab.advance(60_000);
		const pods = (JSON.parse(succeeds(lab, 'kubectl get pods -o json').output) as PodList).items;
		expect(pods).toHaveLength(3);
		expect(succeeds(lab, 'kubectl get rs').output).toMatch(/web-\S+\s+3\s+3\s+3/);
		// Back before the scale-down: the index is rebuilt from the restored store.
		lab.seek(20_000);
		expect(onNode('node-1')).toEqual(before);
		succeeds(lab, 'kubectl scale deployment web --replicas=4');
		lab.advance(60_000);
		expect(
			(JSON.parse(succeeds(lab, 'kubectl get pods -o json').output) as PodList).items
		).toHaveLength(4);
	});
});

describe('the trace’s narrower rows', () => {
	const RUNNING = {
		subject: ['pod/', 0],
		message: ['Pod ', 0, ' is running on ', 1, '.']
	} as const;
	const SCHEDULED = { subject: ['pod/', 0], message: [1] } as const;

	it('reads back interned, cut and plain arguments alike, and after a truncation', () => {
		const formatted = new Trace();
		const built = new Trace();
		const rows: [number, string, string][] = [];
		for (let i = 0; i < 9000; i++) rows.push([i >> 4, `web-${i}`, `node-${i % 3}`]);
		for (const [t, pod, node] of rows) {
			formatted.addFormatted(t, 'pod.running', RUNNING, pod, node);
			built.add({
				t,
				kind: 'pod.running',
				subject: `pod/${pod}`,
				message: `Pod ${pod} is running on ${node}.`
			});
			formatted.addFormatted(
				t,
				'pod.scheduled',
				SCHEDULED,
				pod,
				`Successfully assigned default/${pod} to ${node}`
			);
			built.add({
				t,
				kind: 'pod.scheduled',
				subject: `pod/${pod}`,
				message: `Successfully assigned default/${pod} to ${node}`
			});
			if (t % 50 === 0) {
				formatted.add({ t, kind: 'x', subject: '', message: `plain ${pod}` });
				built.add({ t, kind: 'x', subject: '', message: `plain ${pod}` });
			}
		}
		expect(formatted.digest()).toBe(built.digest());
		expect(formatted.since()).toEqual(built.since());
		expect(formatted.since(200)).toEqual(built.since(200));
		// Truncated mid-chunk, then appended again: no row of the cut-off part shows through.
		const saved = formatted.save();
		formatted.addFormatted(600, 'pod.running', RUNNING, 'late', 'node-9');
		formatted.add({ t: 600, kind: 'x', subject: 's', message: 'gone' });
		formatted.load(saved);
		formatted.addFormatted(601, 'pod.scheduled', SCHEDULED, 'again', 'no cut here');
		formatted.addFormatted(601, 'pod.running', RUNNING, 'again', '');
		const tail = formatted.since(601);
		expect(tail.map((e) => e.message)).toEqual(['no cut here', 'Pod again is running on .']);
	});
});
