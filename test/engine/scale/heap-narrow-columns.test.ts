/**
 * Issue 3, narrower columns: the Events' revisions in two bytes a row above a base per chunk,
 * their texts' ids in two bytes above a base per block, the store's revisions in four bytes and
 * its index's entries carrying hash bits, the kubelet's times in four bytes, and the Events'
 * index rebuilt without a hash kept per row. Every value must read back exactly, through
 * truncations and checkpoint restores, and at each column's edges (2^16, 2^32, fractions).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClimbingColumn } from '../../../src/engine/core/columns';
import { Store } from '../../../src/engine/core/store';
import { EventLog } from '../../../src/engine/kubernetes/api/event-log';
import { TimeSlots } from '../../../src/engine/kubernetes/kubelet/slot-columns';

describe('ClimbingColumn', () => {
	it('reads back any revision: climbing, falling, zero, far apart', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.oneof(
						fc.integer({ min: 1, max: 30 }),
						fc.constant(0),
						fc.integer({ min: 0, max: 70_000 }),
						fc.constant(2 ** 32 - 1)
					),
					{ maxLength: 9000 }
				),
				(steps) => {
					const col = new ClimbingColumn();
					const values: number[] = [];
					let at = 1000;
					steps.forEach((s, row) => {
						// Mostly a running sum (revisions), sometimes a value of its own.
						const v = s === 0 || s === 2 ** 32 - 1 || s > 30 ? s : (at += s);
						values.push(v);
						col.set(row, v);
					});
					values.forEach((v, row) => expect(col.get(row)).toBe(v));
				}
			),
			{ numRuns: 30 }
		);
	});

	it('refuses what is not a revision rather than keeping it wrong', () => {
		const col = new ClimbingColumn();
		for (const v of [-1, 0.5, 2 ** 32]) expect(() => col.set(0, v)).toThrow(/out of range/);
	});

	it('forgets truncated rows and keeps a kept chunk readable', () => {
		const col = new ClimbingColumn();
		for (let r = 0; r < 10_000; r++) col.set(r, 5 + 3 * r);
		col.set(10_000, 0);
		col.truncate(5000);
		for (const r of [0, 4095, 4096, 4999]) expect(col.get(r)).toBe(5 + 3 * r);
		col.set(5000, 1);
		col.set(5001, 2 ** 32 - 1);
		col.set(5002, 100_000);
		expect([5000, 5001, 5002].map((r) => col.get(r))).toEqual([1, 2 ** 32 - 1, 100_000]);
		for (const r of [4096, 4999]) expect(col.get(r)).toBe(5 + 3 * r);
	});
});

describe('the store revisions', () => {
	it('read back past 2^32 (the column widens) and after a restore', () => {
		const store = new Store();
		store.put('c', 'a', () => 1);
		const internal = store as unknown as { revision: number };
		internal.revision = 2 ** 32 + 5;
		store.put('c', 'b', () => 2);
		expect(store.revisionOf('c', 'a')).toBe(1);
		expect(store.revisionOf('c', 'b')).toBe(2 ** 32 + 6);
		const saved = store.save();
		store.put('c', 'a', () => 3);
		store.load(saved);
		expect(store.revisionOf('c', 'a')).toBe(1);
		expect(store.revisionOf('c', 'b')).toBe(2 ** 32 + 6);
	});
});

describe('the store index (slots and hash bits in one entry)', () => {
	it('finds exactly the keys a Map would, through deletes, slots taken again and restores', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.constantFrom('put', 'put', 'delete', 'save', 'load'), fc.nat(400)), {
					maxLength: 1500
				}),
				(ops) => {
					const store = new Store();
					let model = new Map<string, number>();
					let saved: [ReturnType<Store['save']>, Map<string, number>] | undefined;
					for (const [op, n] of ops) {
						const key = `default/web-${n}`;
						if (op === 'put')
							model.set(
								key,
								store.put('c', key, (r) => r)
							);
						else if (op === 'delete') expect(store.delete('c', key)).toBe(model.delete(key));
						else if (op === 'save') saved = [store.save(), new Map(model)];
						else if (saved !== undefined) {
							store.load(saved[0]);
							model = new Map(saved[1]);
						}
					}
					expect(store.size('c')).toBe(model.size);
					for (let n = 0; n <= 400; n++) {
						const key = `default/web-${n}`;
						expect(store.get('c', key)).toBe(model.get(key));
						expect(store.revisionOf('c', key)).toBe(model.get(key));
					}
					const keys = store.keysOf('c');
					for (const [key] of model) expect(keys[store.slotOf('c', key)!]).toBe(key);
				}
			),
			{ numRuns: 40 }
		);
	});
});

/** The class of a kubelet's event about a pod. */
function cls(log: EventLog, reason: string): number {
	return log.addClass({
		kind: 'Pod',
		apiVersion: 'v1',
		fieldPath: undefined,
		type: 'Normal',
		reason,
		source: 'kubelet'
	});
}

describe('the Events index without row hashes', () => {
	it('finds every identity again after it grows, and after a truncation', () => {
		const log = new EventLog();
		const classes = [cls(log, 'Pulled'), cls(log, 'Started')];
		const subjects: number[] = [];
		const n = 3000;
		let revision = 0;
		for (let i = 0; i < n; i++) subjects.push(log.newSubject('default', `web-${i}`, `uid-${i}`));
		const record = (i: number, c: number, message: string) => {
			const host = log.hostId(`node-${i % 7}`);
			const row = log.find(classes[c]!, host, 'default', `web-${i}`, `uid-${i}`, -1, message);
			revision++;
			return row >= 0
				? log.again(row, revision, revision)
				: log.add(classes[c]!, subjects[i]!, host, revision, revision);
		};
		// Messages templated (the same text), cut (the name in it) and kept as texts.
		const message = (i: number, c: number) =>
			c === 0 ? 'Container image "nginx" already present' : `Started web-${i} ${i % 3}`;
		const first: number[] = [];
		for (let i = 0; i < n; i++) for (const c of [0, 1]) first.push(record(i, c, message(i, c)));
		const half = log.length;
		// The same events again are found (and aggregated), rather than made anew.
		for (let i = 0; i < n; i += 5) for (const c of [0, 1]) record(i, c, message(i, c));
		const again = log.length - half;
		expect(again).toBe(2 * Math.ceil(n / 5));
		for (let i = 0; i < n; i += 5)
			expect(
				log.find(
					classes[0]!,
					log.hostId(`node-${i % 7}`),
					'default',
					`web-${i}`,
					`uid-${i}`,
					-1,
					message(i, 0)
				)
			).toBe(half + (2 * i) / 5);
		log.truncate(half);
		for (let i = 0; i < n; i += 7)
			expect(
				log.find(
					classes[1]!,
					log.hostId(`node-${i % 7}`),
					'default',
					`web-${i}`,
					`uid-${i}`,
					-1,
					message(i, 1)
				)
			).toBe(first[2 * i + 1]);
		expect(
			log.find(classes[1]!, log.hostId('node-1'), 'default', 'web-1', 'uid-1', -1, 'other')
		).toBe(-1);
	});
});

/** The class of a ReplicaSet controller's `Created pod: …` events. */
function replicaSetClass(log: EventLog): number {
	return log.addClass({
		kind: 'ReplicaSet',
		apiVersion: 'apps/v1',
		fieldPath: undefined,
		type: 'Normal',
		reason: 'SuccessfulCreate',
		source: 'replicaset-controller'
	});
}

describe('Event texts with a shared head', () => {
	it('give back every message, are found again, and survive a truncation', () => {
		const log = new EventLog();
		const c = replicaSetClass(log);
		const rs = log.newSubject('default', 'web-5d4', 'uid-rs');
		const other = log.newSubject('prod', 'api', 'uid-api');
		const messages: string[] = [];
		let revision = 0;
		const record = (subject: number, ns: string, name: string, message: string) => {
			const uid = ns === 'prod' ? 'uid-api' : 'uid-rs';
			const row = log.find(c, log.hostId(undefined), ns, name, uid, subject, message);
			revision++;
			if (row >= 0) return log.again(row, revision, revision);
			messages.push(message);
			return log.add(c, subject, log.hostId(undefined), revision, revision);
		};
		for (let i = 0; i < 300; i++)
			record(rs, 'default', 'web-5d4', `Created pod: web-5d4-${i.toString(36)}x`);
		// Cut as `<ns>/<name>`, with no cut at all, and a text that is only a head.
		record(other, 'prod', 'api', 'Deleted prod/api by hand');
		record(other, 'prod', 'api', 'Nothing of the name');
		record(other, 'prod', 'api', 'Pod api');
		const events = log.list() as { message: string; count: number }[];
		expect(events.map((e) => e.message).sort()).toEqual([...messages].sort());
		expect(events.every((e) => e.count === 1)).toBe(true);
		const half = log.length;
		record(rs, 'default', 'web-5d4', 'Created pod: web-5d4-7x');
		expect(log.length).toBe(half + 1);
		const again = (log.list() as { message: string; count: number }[]).find(
			(e) => e.message === 'Created pod: web-5d4-7x'
		);
		expect(again?.count).toBe(2);
		log.truncate(150);
		const kept = (log.list() as { message: string }[]).map((e) => e.message).sort();
		expect(kept).toEqual(messages.slice(0, 150).sort());
		record(rs, 'default', 'web-5d4', 'Created pod: web-5d4-zzz');
		expect((log.list() as { message: string }[]).map((e) => e.message)).toContain(
			'Created pod: web-5d4-zzz'
		);
	});
});

describe('TimeSlots', () => {
	it('reads back any time exactly, and what a save held after a load', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.oneof(
						fc.nat(),
						fc.integer(),
						fc.double({ noNaN: true }),
						fc.constant(-0),
						fc.constant(2 ** 32 - 1),
						fc.constant(2 ** 32)
					),
					{ maxLength: 2500 }
				),
				(ts) => {
					const slots = new TimeSlots();
					ts.forEach((t, s) => slots.set(s, t));
					ts.forEach((t, s) => expect(Object.is(slots.get(s), t)).toBe(true));
					const saved = slots.save(ts.length);
					ts.forEach((_, s) => slots.set(s, 0.5));
					slots.load(saved);
					ts.forEach((t, s) => expect(Object.is(slots.get(s), t)).toBe(true));
					expect(slots.get(ts.length + 5)).toBe(0);
				}
			),
			{ numRuns: 40 }
		);
	});

	it('keeps whole times in four bytes a slot, and widens for one that is not', () => {
		const slots = new TimeSlots();
		for (let s = 0; s < 3000; s++) slots.set(s, 1_000 * s);
		expect(slots.save(3000)).toBeInstanceOf(Uint32Array);
		slots.set(7, 2.5);
		const saved = slots.save(3000);
		expect(saved).toBeInstanceOf(Float64Array);
		expect([slots.get(7), slots.get(2999)]).toEqual([2.5, 2_999_000]);
	});
});

describe('Event texts past the 32,767th (a text a pod)', () => {
	it('read back, are found again and survive a truncation, in two bytes a row', () => {
		const log = new EventLog();
		const c = replicaSetClass(log);
		const rs = log.newSubject('default', 'web-5d4', 'uid-rs');
		let revision = 0;
		const record = (i: number) => {
			const message = `Created pod: web-5d4-${i.toString(36)}`;
			const row = log.find(c, log.hostId(undefined), 'default', 'web-5d4', 'uid-rs', rs, message);
			revision++;
			return row >= 0
				? log.again(row, revision, revision)
				: log.add(c, rs, log.hostId(undefined), revision, revision);
		};
		const n = 40_000;
		for (let i = 0; i < n; i++) record(i);
		// The same events again, long after: their texts are far behind their rows' blocks.
		for (const i of [3, 39_999]) record(i);
		const messages = (log.list() as { message: string; count: number }[]).map(
			(e) => `${e.message} ${e.count}`
		);
		expect(messages).toHaveLength(n);
		expect(messages).toContain('Created pod: web-5d4-3 2');
		expect(messages).toContain(`Created pod: web-5d4-${(39_999).toString(36)} 2`);
		expect(messages).toContain(`Created pod: web-5d4-${(35_000).toString(36)} 1`);
		// Only the row of a text named long before its block's first is kept outside the
		// column's two bytes (the last text's again is within its block's reach).
		const msg = (log as unknown as { msg: { exceptions: Map<number, number> } }).msg;
		expect(msg.exceptions.size).toBe(1);
		log.truncate(38_000);
		expect(log.size()).toBe(38_000);
		record(37_999);
		record(38_000);
		const after = (log.list() as { message: string; count: number }[]).map(
			(e) => `${e.message} ${e.count}`
		);
		expect(after).toContain(`Created pod: web-5d4-${(37_999).toString(36)} 2`);
		expect(after).toContain(`Created pod: web-5d4-${(38_000).toString(36)} 1`);
		expect(after).toHaveLength(38_001);
	});
});
