/**
 * Seeded randomness split into named streams.
 *
 * Each stream's state is one uint32 derived from (lab seed, stream name), so adding a new
 * consumer never shifts the numbers another stream draws. The generator is mulberry32:
 * small, fast and good enough for jitter and fault injection (not for cryptography).
 */

/** 32-bit FNV-1a of a string: mixes a stream name into its seed. */
export function fnv1a32(text: string, hash = 0x811c9dc5): number {
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** mulberry32's output for one state: a float in [0, 1). */
function mix(state: number): number {
	let z = Math.imul(state ^ (state >>> 15), state | 1);
	z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
	return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
}

export class RandomStream {
	constructor(private state: number) {}

	/** A float in [0, 1). */
	next(): number {
		return mix((this.state = (this.state + 0x6d2b79f5) | 0));
	}

	/**
	 * The index a reservoir sample over `count` items keeps, where item j (1 ≤ j < count) takes
	 * the place when `Math.floor(next() * (j + 1)) === 0`: the same index, and the stream left
	 * where those count - 1 draws leave it, but found from the last item down. mulberry32 is
	 * counter-based (draw j hashes state + j · 0x6d2b79f5), so a draw can be made out of turn,
	 * and the search stops at the first hit: about half the draws (kube-scheduler's selectHost
	 * meets hundreds of tied nodes a cycle in a big, young cluster).
	 */
	reservoir(count: number): number {
		const base = this.state;
		let chosen = 0;
		for (let j = count - 1; j >= 1; j--) {
			if (Math.floor(mix((base + Math.imul(j, 0x6d2b79f5)) | 0) * (j + 1)) === 0) {
				chosen = j;
				break;
			}
		}
		if (count > 1) this.state = (base + Math.imul(count - 1, 0x6d2b79f5)) | 0;
		return chosen;
	}

	/** An integer in [min, max] (both inclusive). */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** A float in [min, max). */
	uniform(min: number, max: number): number {
		return min + this.next() * (max - min);
	}

	getState(): number {
		return this.state;
	}

	setState(state: number): void {
		this.state = state;
	}
}

/**
 * A checkpoint's stream states: the names in creation order and each one's state. Checkpoints
 * taken while no stream was added share one names array, so a stream (one per kubelet, 5,000 in
 * a big cluster) costs each checkpoint 8 bytes rather than a map entry and a boxed number.
 */
export interface RngState {
	readonly names: readonly string[];
	readonly states: Float64Array;
}

export class Rng {
	private streams = new Map<string, RandomStream>();
	/** The streams' names in creation order, until a stream is added (see RngState). */
	private names: readonly string[] | null = null;

	constructor(readonly seed: number) {}

	/** The stream with this name, created on first use from (seed, name). */
	stream(name: string): RandomStream {
		let s = this.streams.get(name);
		if (s === undefined) {
			s = new RandomStream(this.initialState(name));
			this.streams.set(name, s);
			this.names = null;
		}
		return s;
	}

	private initialState(name: string): number {
		return fnv1a32(name, fnv1a32(String(this.seed)));
	}

	save(): RngState {
		this.names ??= Object.freeze([...this.streams.keys()]);
		const states = new Float64Array(this.names.length);
		let i = 0;
		for (const s of this.streams.values()) states[i++] = s.getState();
		return { names: this.names, states };
	}

	load(saved: RngState): void {
		// Streams created after the checkpoint go back to their first state, as if never used.
		// Stream objects are kept, so components may hold on to the streams they use.
		const at = new Map<string, number>();
		saved.names.forEach((name, i) => at.set(name, i));
		for (const [name, s] of this.streams) {
			const i = at.get(name);
			s.setState(i === undefined ? this.initialState(name) : saved.states[i]!);
		}
		saved.names.forEach((name, i) => this.stream(name).setState(saved.states[i]!));
	}
}
