/**
 * The wire between a Raft group's members: every message crosses the kernel's network (latency,
 * jitter, loss, partitions, down hosts) and arrives as a queue entry, plus the faults the network
 * itself lacks — duplication and reordering — and a short record of messages for views.
 */
import type { Kernel } from '../core/kernel';
import { LOST } from '../core/network';
import type { RandomStream } from '../core/rng';
import type { LogEntry, MessageRecord, RaftFaults, RaftMessage, RaftMessageType } from './types';

/** Messages kept for views; older delivered ones are dropped past this many. */
const MAX_RECORDS = 64;

export interface WireState {
	inFlight: MessageRecord[];
	faults: RaftFaults;
}

export class RaftWire {
	private inFlight: MessageRecord[] = [];
	private faults: RaftFaults = { duplicate: 0, reorderMs: 0 };
	private readonly kind: string;
	/** Jitter and loss for Raft messages: their own stream, so they shift no one else's draws. */
	private readonly netRandom: RandomStream;
	private readonly faultRandom: RandomStream;

	constructor(
		private readonly kernel: Kernel,
		group: string,
		deliver: (msg: RaftMessage) => void
	) {
		this.kind = `${group}:message`;
		this.netRandom = kernel.rng.stream(`${group}/network`);
		this.faultRandom = kernel.rng.stream(`${group}/faults`);
		kernel.on(this.kind, (arg) => {
			const msg = arg as RaftMessage;
			// A host that went down, or a link cut, while the message was on the wire loses it.
			if (kernel.network.canDeliver(msg.from, msg.to)) deliver(msg);
		});
	}

	/** Recent messages, for views: those with `arriveAt > now` are on the wire. */
	messages(): readonly MessageRecord[] {
		return this.inFlight;
	}

	get currentFaults(): Readonly<RaftFaults> {
		return this.faults;
	}

	setFaults(patch: Partial<RaftFaults>): void {
		this.faults = { ...this.faults, ...patch };
	}

	/** Sends one message; flat arguments, so the hot path allocates only the message itself. */
	send(
		type: RaftMessageType,
		from: string,
		to: string,
		term: number,
		index: number,
		logTerm: number,
		entries: readonly LogEntry[] | null,
		commit: number,
		ok: boolean,
		matchIndex: number,
		/** Time before the message leaves (a reply waits for its disk write). */
		holdMs = 0
	): void {
		const k = this.kernel;
		const now = k.now;
		let delay = k.network.send(from, to, this.netRandom);
		if (delay === LOST) {
			this.record({ from, to, type, term, sentAt: now, arriveAt: -1, ok, entries });
			return;
		}
		delay += holdMs;
		const { duplicate, reorderMs } = this.faults;
		const random = this.faultRandom;
		if (reorderMs > 0) delay += Math.floor(random.next() * reorderMs);
		const msg: RaftMessage = {
			type,
			from,
			to,
			term,
			index,
			logTerm,
			entries,
			commit,
			ok,
			matchIndex,
			sentAt: now,
			arriveAt: now + delay
		};
		this.record(msg);
		k.at(msg.arriveAt, this.kind, msg);
		if (duplicate > 0 && random.next() < duplicate) {
			const again = k.network.send(from, to, this.netRandom);
			if (again !== LOST) {
				const extra = reorderMs > 0 ? Math.floor(random.next() * reorderMs) : 0;
				const copy = { ...msg, arriveAt: now + again + extra };
				this.record(copy);
				k.at(copy.arriveAt, this.kind, copy);
			}
		}
	}

	private record(r: MessageRecord): void {
		const list = this.inFlight;
		list.push(r);
		if (list.length > MAX_RECORDS) {
			// Keep the newest half (a view shows messages that flew between two of its frames)
			// and anything still on the wire.
			const now = this.kernel.now;
			const from = list.length - MAX_RECORDS / 2;
			this.inFlight = list.filter((x, i) => i >= from || x.arriveAt > now).slice(-MAX_RECORDS);
		}
	}

	save(): WireState {
		return { inFlight: this.inFlight.slice(), faults: { ...this.faults } };
	}

	load(state: WireState): void {
		this.inFlight = state.inFlight.slice();
		this.faults = { ...state.faults };
	}
}
