/**
 * Figures with a goal: the engine benchmarks' line (bench/report.ts: `{ name, value, unit }`)
 * plus the goal it is held to and whether it was met. A figure with no goal prints as theirs do.
 */
import { meets, type Goal } from './stats';

const json = process.argv.includes('--json');

export interface GoalLine {
	name: string;
	value: number;
	unit: string;
	/** The goal as text, e.g. "<= 16.7 ms". */
	goal?: string;
	met?: boolean;
}

function round(value: number): number {
	return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}

/** The line for one figure; kept separate from printing so that it can be checked. */
export function goalLine(name: string, value: number, unit: string, goal?: Goal): GoalLine {
	const line: GoalLine = { name, value: round(value), unit };
	if (goal !== undefined) {
		line.goal = `${goal.op} ${goal.target} ${unit}`;
		line.met = meets(value, goal);
	}
	return line;
}

export function reportGoal(name: string, value: number, unit: string, goal?: Goal): GoalLine {
	const line = goalLine(name, value, unit, goal);
	if (json) console.log(JSON.stringify(line));
	else {
		const figure = `${name.padEnd(58)} ${line.value.toLocaleString('en-US')} ${unit}`;
		const verdict =
			goal === undefined ? '' : `  (goal ${line.goal}: ${line.met ? 'met' : 'MISSED'})`;
		console.log(figure + verdict);
	}
	return line;
}

/** A heading or a remark: plain text for people, nothing in the JSON stream. */
export function note(text: string): void {
	if (!json) console.log(text);
}
