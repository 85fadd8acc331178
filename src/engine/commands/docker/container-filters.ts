/**
 * `docker ps --filter` as the daemon applies it (moby daemon/list.go acceptedPsFilterTags,
 * foldFilter, includeContainerInList; api/types/filters Args.Match, MatchKVList): `name` and
 * `id` are regular expressions matched anywhere (the name with and without its leading `/`),
 * `label` keys or `key=value` pairs that must all be there, `status` an exact state (and a
 * status filter lists stopped containers too), `is-task` true or false.
 */
import type { Filters } from './filters';
import { labelsMatch } from './filters';

/** daemon/list.go acceptedPsFilterTags: any other key is `invalid filter '<key>'`. */
export const PS_FILTER_KEYS: readonly string[] = [
	'ancestor',
	'before',
	'exited',
	'id',
	'isolation',
	'label',
	'name',
	'status',
	'health',
	'since',
	'volume',
	'network',
	'is-task',
	'publish',
	'expose'
];

/** The keys the lab answers; the others are valid docker filters it does not simulate yet. */
export const SIMULATED_PS_FILTERS: readonly string[] = ['id', 'label', 'name', 'status', 'is-task'];

/** container/state.go IsValidStateString. */
const STATES = ['paused', 'restarting', 'removing', 'running', 'dead', 'created', 'exited'];

/** What the filters read of a container. */
export interface FilteredContainer {
	/** Without the leading `/`. */
	readonly name: string;
	readonly id: string;
	readonly labels: Readonly<Record<string, string>>;
	/** container/state.go StateString: `running`, `exited`, … */
	readonly state: string;
}

export type ContainerFilter =
	{ ok: true; keep: (c: FilteredContainer) => boolean } | { ok: false; error: string };

/**
 * filters.Args.Match: an exact value, or one that as a regular expression matches somewhere in
 * the source; a value that does not compile matches nothing.
 */
function matches(values: readonly string[] | undefined, source: string): boolean {
	if (values === undefined) return true;
	return values.some((v) => {
		if (v === source) return true;
		try {
			return new RegExp(v).test(source);
		} catch {
			return false;
		}
	});
}

export function containerFilter(filters: Filters): ContainerFilter {
	for (const value of filters.get('status') ?? []) {
		if (!STATES.includes(value)) {
			return { ok: false, error: `Error response from daemon: invalid filter 'status=${value}'\n` };
		}
	}
	const isTask = filters.get('is-task');
	if (isTask !== undefined && !isTask.includes('true') && !isTask.includes('false')) {
		return {
			ok: false,
			error: `Error response from daemon: invalid filter 'is-task=${isTask.join(',')}'\n`
		};
	}
	// Every container here runs a swarm task, so `is-task=false` keeps none.
	const wantsTasks = isTask === undefined || isTask.includes('true');
	return {
		ok: true,
		keep: (c) =>
			wantsTasks &&
			(matches(filters.get('name'), `/${c.name}`) || matches(filters.get('name'), c.name)) &&
			matches(filters.get('id'), c.id) &&
			labelsMatch(filters, 'label', c.labels) &&
			(!filters.has('status') || filters.get('status')!.includes(c.state))
	};
}
