/**
 * The event log keeps messages cut into templates and Latin-1 bytes, counts only on aggregated
 * rows and subjects as ids (kubernetes/api/event-log.ts): whatever a message holds, every Event
 * must read back exactly as recorded, aggregated as the recorder's correlator does, and a
 * checkpoint restore must bring back exactly the events of that moment.
 */
import fc from 'fast-check';
import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/core/kernel';
import { EVENTS } from '../../../src/engine/kubernetes/api/collections';
import { EventRecorder } from '../../../src/engine/kubernetes/api/events';

const NAMES = ['web-1', 'web-12', 'db', 'a'];
/** Messages that hold the object's name, its namespace/name, placeholders, wide characters. */
const MESSAGES = (name: string) => [
	'Container started',
	`Successfully assigned default/${name} to node-3`,
	`Created pod: ${name}-x7k2p`,
	`${name} and ${name} again`,
	'odd \u0001 control \u0002 characters',
	`wide → ✓ ${name}`,
	'',
	`Back-off restarting failed container ${name} in pod ${name}_default(uid)`
];

interface Write {
	name: number;
	message: number;
	reason: number;
	host: number;
}

const write = fc.record({
	name: fc.nat(NAMES.length - 1),
	message: fc.nat(7),
	reason: fc.nat(1),
	host: fc.nat(2)
});

function setup() {
	const kernel = new Kernel(1, { latencyMs: 1, jitterMs: 0, loss: 0 });
	return { kernel, recorder: new EventRecorder(kernel) };
}

function record(kernel: Kernel, recorder: EventRecorder, w: Write, t: number): void {
	kernel.now = t;
	const name = NAMES[w.name]!;
	recorder.record(
		{ kind: 'Pod', name, namespace: 'default', uid: `uid-${name}`, apiVersion: 'v1' },
		{
			type: 'Normal',
			reason: ['Started', 'BackOff'][w.reason]!,
			message: MESSAGES(name)[w.message]!,
			source: 'kubelet',
			host: w.host === 0 ? undefined : `node-${w.host}`
		}
	);
}

/**
 * What the correlator makes of the writes: one event per identity (the reporting node is part
 * of it: client-go getEventKey joins Source.Host), counted.
 */
function expected(writes: readonly Write[]) {
	const events = new Map<string, { count: number; first: number; last: number; host?: string }>();
	writes.forEach((w, t) => {
		const name = NAMES[w.name]!;
		const id = `${name}|${['Started', 'BackOff'][w.reason]}|${MESSAGES(name)[w.message]}|${w.host === 0 ? '' : `node-${w.host}`}`;
		const seen = events.get(id);
		if (seen !== undefined) events.set(id, { ...seen, count: seen.count + 1, last: t * 1000 });
		else
			events.set(id, {
				count: 1,
				first: t * 1000,
				last: t * 1000,
				host: w.host === 0 ? undefined : `node-${w.host}`
			});
	});
	return events;
}

function read(kernel: Kernel) {
	return kernel.store.list<Event>(EVENTS).map((e) => ({
		id: `${e.involvedObject.name}|${e.reason}|${e.message}|${e.source?.host ?? ''}`,
		count: e.count,
		first: Date.parse(e.firstTimestamp!),
		last: Date.parse(e.lastTimestamp!),
		host: e.source?.host
	}));
}

describe('compact event encoding', () => {
	it('reads back every message exactly as recorded, aggregated by identity', () => {
		fc.assert(
			fc.property(fc.array(write, { maxLength: 60 }), (writes) => {
				const { kernel, recorder } = setup();
				writes.forEach((w, t) => record(kernel, recorder, w, t * 1000));
				const got = read(kernel);
				const want = expected(writes);
				expect(got).toHaveLength(want.size);
				for (const e of got) {
					const w = want.get(e.id);
					expect(w, e.id).toBeDefined();
					expect(e.count).toBe(w!.count);
					expect(e.last - e.first).toBe(w!.last - w!.first);
					expect(e.host).toBe(w!.host);
				}
			}),
			{ numRuns: 150 }
		);
	});

	it('restores a checkpoint exactly and goes on as a straight run does', () => {
		fc.assert(
			fc.property(
				fc.array(write, { maxLength: 40 }),
				fc.array(write, { maxLength: 40 }),
				(before, after) => {
					const straight = setup();
					before.forEach((w, t) => record(straight.kernel, straight.recorder, w, t * 1000));
					const atCheckpoint = JSON.stringify(straight.kernel.store.list(EVENTS));
					const all = [...before, ...after];
					after.forEach((w, i) =>
						record(straight.kernel, straight.recorder, w, (before.length + i) * 1000)
					);

					const travelled = setup();
					before.forEach((w, t) => record(travelled.kernel, travelled.recorder, w, t * 1000));
					const saved = travelled.recorder.save();
					// Something else happens, then is undone.
					[...after]
						.reverse()
						.forEach((w, i) =>
							record(travelled.kernel, travelled.recorder, w, (before.length + i) * 1000)
						);
					travelled.recorder.load(saved);
					travelled.kernel.now = (before.length - 1) * 1000;
					expect(JSON.stringify(travelled.kernel.store.list(EVENTS))).toBe(atCheckpoint);
					after.forEach((w, i) =>
						record(travelled.kernel, travelled.recorder, w, (before.length + i) * 1000)
					);
					// Same messages, counts and times (revisions differ: the undone writes took some).
					expect(read(travelled.kernel)).toEqual(read(straight.kernel));
					expect(read(straight.kernel).length).toBe(expected(all).size);
				}
			),
			{ numRuns: 100 }
		);
	});
});
