/**
 * A scenario's lab built outside a page exactly as LabWidget builds it: the scenario's cluster
 * and seed, its set-up lines for the flavour, then time 0 run (what the set-up set off at its
 * last moment). The /embed first paint draws from it, and tests compare the page against it.
 * The engine flavour must be loaded (`$engine/index` loads both; the widget loads its own).
 */
import { createLab } from '../engine/lab';
import type { ExecResult, Flavor, Lab, LabOptions } from '../engine/types';
import { scenario, type ScenarioId } from './scenarios';

/**
 * What the lab's host brings: the files the scenario does not hold (the CLI: the script's
 * folder), and the language the lab's own help answers in (a page's; English by default).
 */
export type ScenarioHost = Pick<LabOptions, 'readFile' | 'readDir' | 'lang'>;

/**
 * `onSetupLine` sees each set-up line's result (tests check that a scenario's lines all work);
 * `host` serves the files the scenario does not hold, and the page's language.
 */
export function scenarioLab(
	id: ScenarioId,
	flavor: Flavor,
	seed?: number,
	onSetupLine?: (line: string, result: ExecResult) => void,
	host?: ScenarioHost
): Lab {
	const steps = scenarioLabSteps(id, flavor, seed, onSetupLine, host);
	let step = steps.next();
	while (!step.done) step = steps.next();
	return step.value;
}

/**
 * The same build one step at a time: the cluster, each set-up line, then time 0, so that a page
 * can run each step in a task of its own (src/viz/embed/mount-in-slices.ts).
 */
export function* scenarioLabSteps(
	id: ScenarioId,
	flavor: Flavor,
	seed?: number,
	onSetupLine?: (line: string, result: ExecResult) => void,
	host?: ScenarioHost
): Generator<void, Lab, void> {
	const found = scenario(id);
	const lab = createLab({
		flavor,
		seed: seed ?? found.seed,
		workers: found.workers,
		managers: found.managers,
		swarm: found.swarm,
		readFile: (path) => found.files?.[path] ?? host?.readFile?.(path),
		...(host?.readDir !== undefined ? { readDir: host.readDir } : {}),
		...(host?.lang !== undefined ? { lang: host.lang } : {})
	});
	for (const line of found.setup[flavor]) {
		yield;
		const result = lab.exec(line);
		onSetupLine?.(line, result);
	}
	yield;
	lab.advance(0);
	return lab;
}
