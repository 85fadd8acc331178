/**
 * Placement constraints (moby/swarmkit manager/constraint/constraint.go): `key==value` or
 * `key!=value`, matched case-insensitively; several constraints are ANDed.
 */
import type { SwarmNode } from './node-object';
import { ownValue } from '../core/own-keys';

export interface Constraint {
	key: string;
	equal: boolean;
	value: string;
}

// constraint.go: alphaNumeric and valuePattern.
const KEY = /^[a-z_][a-z0-9\-_.]+$/i;
const VALUE = /^[a-z0-9:\-_\s.*()?+[\]\\^$|/]+$/i;

/** Parses constraints, or gives swarmkit's error text (constraint.Parse). */
export function parseConstraints(exprs: readonly string[]): Constraint[] | string {
	const out: Constraint[] = [];
	for (const e of exprs) {
		// swarmkit tries the operators in order: "==" first, then "!=".
		const op = e.includes('==') ? '==' : e.includes('!=') ? '!=' : undefined;
		if (op === undefined) return 'constraint expected one operator from ==, !=';
		const at = e.indexOf(op);
		const key = e.slice(0, at).trim();
		const value = e.slice(at + 2).trim();
		if (!KEY.test(key)) return `key '${key}' is invalid`;
		if (!VALUE.test(value)) return `value '${value}' is invalid`;
		out.push({ key, equal: op === '==', value });
	}
	return out;
}

/**
 * The constraints as the orchestrators, scheduler and enforcer read them: they were validated
 * when the service was written, and a Go caller that drops constraint.Parse's error gets no
 * constraints, which every node matches.
 */
export function constraintsOrNone(exprs: readonly string[]): Constraint[] {
	const parsed = parseConstraints(exprs);
	return typeof parsed === 'string' ? [] : parsed;
}

function matches(c: Constraint, what: string): boolean {
	const hit = c.value.toLowerCase() === what.toLowerCase();
	return c.equal ? hit : !hit;
}

/** constraint.NodeMatches: a key the node cannot answer never matches. */
export function nodeMatches(constraints: readonly Constraint[], node: SwarmNode): boolean {
	for (const c of constraints) {
		const key = c.key.toLowerCase();
		let what: string | undefined;
		if (key === 'node.id') what = node.ID;
		else if (key === 'node.hostname') what = node.Description.Hostname;
		else if (key === 'node.role') what = node.Spec.Role;
		else if (key === 'node.platform.os') what = node.Description.Platform.OS;
		else if (key === 'node.platform.arch') what = node.Description.Platform.Architecture;
		else if (key.startsWith('node.labels.'))
			what = ownValue(node.Spec.Labels, c.key.slice('node.labels.'.length)) ?? '';
		else if (key.startsWith('engine.labels.'))
			what = ownValue(engineLabels(node), c.key.slice('engine.labels.'.length)) ?? '';
		if (what === undefined || !matches(c, what)) return false;
	}
	return true;
}

export function engineLabels(node: SwarmNode): Record<string, string> {
	const engine = node.Description.Engine as { Labels?: Record<string, string> };
	return engine.Labels ?? {};
}
