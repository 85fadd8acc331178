/**
 * Drives a lab in scaled real time. A requestAnimationFrame loop turns wall-clock time into
 * simulated time (`wall ms × speed`) and hands it to `advance`. The loop runs only while the
 * learner has pressed play, the tab is visible and the widget is on screen, so a page with
 * several widgets never runs hidden simulations. It never starts by itself.
 *
 * @example
 * const player = new Player((ms) => lab.advance(ms), { speed: 10 });
 * // <div {@attach player.observe}> … <button onclick={() => player.toggle()}>
 */

import { untrack } from 'svelte';

export interface PlayerOptions {
	/** Simulated milliseconds per wall-clock millisecond (default 10). */
	speed?: number;
	/**
	 * The longest wall-clock gap one frame may account for. A frame that arrives later than this
	 * (a stalled main thread, a laptop waking up) advances by this much only. Default 100 ms.
	 */
	maxFrameMs?: number;
}

export class Player {
	/** What the learner asked for: play (true) or pause (false). */
	playing = $state(false);
	/** Simulated milliseconds per wall-clock millisecond. */
	speed = $state(10);
	/** False while the observed element is scrolled out of view. */
	onScreen = $state(true);
	/** False while the browser tab is hidden. */
	pageVisible = $state(true);
	/** Whether simulated time is actually moving right now. */
	readonly running = $derived(this.playing && this.onScreen && this.pageVisible);

	readonly #advance: (ms: number) => void;
	readonly #maxFrameMs: number;
	#frame = 0;
	#last: number | undefined;
	#carry = 0;

	constructor(advance: (ms: number) => void, options: PlayerOptions = {}) {
		this.#advance = advance;
		this.speed = options.speed ?? 10;
		this.#maxFrameMs = options.maxFrameMs ?? 100;
	}

	play() {
		this.playing = true;
		this.#sync();
	}

	pause() {
		this.playing = false;
		this.#sync();
	}

	toggle() {
		if (this.playing) this.pause();
		else this.play();
	}

	/**
	 * An attachment for the widget's root element: pauses the loop while the element is off
	 * screen or the tab is hidden, and stops it for good when the element goes away.
	 */
	observe = (element: Element) => {
		const onVisibility = () => {
			this.pageVisible = document.visibilityState !== 'hidden';
			this.#sync();
		};
		// Attachments re-run when state they read changes: read nothing reactive here.
		untrack(onVisibility);
		document.addEventListener('visibilitychange', onVisibility);

		let observer: IntersectionObserver | undefined;
		if (typeof IntersectionObserver === 'function') {
			observer = new IntersectionObserver((entries) => {
				const entry = entries[entries.length - 1];
				if (!entry) return;
				this.onScreen = entry.isIntersecting;
				this.#sync();
			});
			observer.observe(element);
		}

		return () => {
			document.removeEventListener('visibilitychange', onVisibility);
			observer?.disconnect();
			this.pause();
		};
	};

	#sync() {
		if (this.running && this.#frame === 0) {
			this.#last = undefined;
			this.#frame = requestAnimationFrame(this.#tick);
		} else if (!this.running && this.#frame !== 0) {
			cancelAnimationFrame(this.#frame);
			this.#frame = 0;
			this.#last = undefined;
		}
	}

	#tick = (timestamp: number) => {
		this.#frame = 0;
		if (!this.running) return;
		if (this.#last !== undefined) {
			const wall = Math.min(Math.max(timestamp - this.#last, 0), this.#maxFrameMs);
			// The engine counts whole milliseconds; keep the fraction for the next frame.
			const simulated = wall * this.speed + this.#carry;
			const whole = Math.floor(simulated);
			this.#carry = simulated - whole;
			if (whole > 0) {
				try {
					this.#advance(whole);
				} catch (error) {
					this.pause();
					throw error;
				}
			}
		}
		this.#last = timestamp;
		this.#frame = requestAnimationFrame(this.#tick);
	};
}
