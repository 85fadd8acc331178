/** The traffic view's plain data, built from the generator's streams. */
import type { TrafficView } from '../types';
import type { StreamState, TrafficGenerator } from './generator';

// Streams are replaced on every change: a stream's view is built once per version.
const cache = new WeakMap<StreamState, TrafficView>();

export function trafficViews(generator: TrafficGenerator): readonly TrafficView[] {
	return Object.freeze(
		generator.list().map((s) => {
			let view = cache.get(s);
			if (view === undefined) {
				view = Object.freeze({
					target: s.target.label,
					namespace: s.namespace,
					via: s.target.via,
					entries: s.target.entries,
					...(s.target.via === 'ingress' ? { request: `${s.options.host}${s.options.path}` } : {}),
					rate: s.options.rate,
					running: s.running,
					sent: s.sent,
					succeeded: s.succeeded,
					failed: s.failed,
					stale: s.stale,
					failures: Object.freeze({ ...s.failures }),
					hits: Object.freeze(
						Object.values(s.hits)
							.sort((a, b) => (a.backend < b.backend ? -1 : a.backend > b.backend ? 1 : 0))
							.map((h) => Object.freeze({ ...h }))
					),
					answered: Object.freeze(
						Object.values(s.answered)
							.sort((a, b) => (a.backend < b.backend ? -1 : a.backend > b.backend ? 1 : 0))
							.map((h) => Object.freeze({ ...h }))
					),
					misses: Object.freeze(
						Object.values(s.misses)
							.sort((a, b) => (a.backend < b.backend ? -1 : a.backend > b.backend ? 1 : 0))
							.map((m) => Object.freeze({ ...m, failures: Object.freeze({ ...m.failures }) }))
					),
					// Entries are frozen when recorded, and the list is replaced on every tick.
					recent: s.recent
				});
				cache.set(s, view);
			}
			return view;
		})
	);
}
