import { describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { Kernel } from '../../../src/engine/core/kernel';

const kernel = () => new Kernel(1, { latencyMs: 1, jitterMs: 0, loss: 0 });

describe('Kernel', () => {
	it('runs queue entries in time order and moves the clock to the target', () => {
		const k = kernel();
		const log: string[] = [];
		k.on('say', (a) => log.push(`${k.now}:${a as string}`));
		k.at(30, 'say', 'c');
		k.at(10, 'say', 'a');
		k.at(10, 'say', 'b');
		k.runUntil(20);
		expect(log).toEqual(['10:a', '10:b']);
		expect(k.now).toBe(20);
		k.runUntil(100);
		expect(log).toEqual(['10:a', '10:b', '30:c']);
		expect(k.now).toBe(100);
	});

	it('fires xstate `after` delays in simulated time, not wall time', () => {
		const k = kernel();
		const machine = createMachine({
			initial: 'waiting',
			states: { waiting: { after: { 5000: 'done' } }, done: {} }
		});
		const actor = createActor(machine, { clock: k.clock }).start();
		k.runUntil(4999);
		expect(actor.getSnapshot().value).toBe('waiting');
		expect(k.save()).toBeNull(); // a pending xstate timer cannot be checkpointed
		k.runUntil(5000);
		expect(actor.getSnapshot().value).toBe('done');
		expect(k.save()).not.toBeNull();
	});

	it('restores everything a checkpoint holds', () => {
		const k = kernel();
		let count = 0;
		k.on('tick', () => {
			count++;
			k.emit('tick', 'x', `tick at ${k.now}`);
			k.after(10, 'tick');
		});
		k.at(0, 'tick');
		k.runUntil(50);
		const saved = k.save()!;
		const hash = k.trace.digest();
		k.runUntil(200);
		k.load(saved);
		expect(k.now).toBe(50);
		expect(k.trace.digest()).toBe(hash);
		const before = count;
		k.runUntil(200);
		expect(count - before).toBe(15); // 60, 70, …, 200
	});
});
