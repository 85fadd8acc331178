/** Reading a swarm lab's membership from the outside: `docker node ls`, tokens, `sim raft`. */
import type { Lab } from '../../../../src/engine/index';
import { succeeds } from '../../lab-helpers';

export interface NodeRow {
	ID: string;
	Hostname: string;
	Status: string;
	Availability: string;
	ManagerStatus: string;
	Self: boolean;
}

/** `docker [-H host] node ls --format '{{json .}}'`. */
export function nodes(lab: Lab, host?: string): NodeRow[] {
	const h = host === undefined ? '' : `-H ${host} `;
	return succeeds(lab, `docker ${h}node ls --format '{{json .}}'`)
		.output.split('\n')
		.filter((l) => l !== '')
		.map((l) => JSON.parse(l) as NodeRow);
}

export function row(lab: Lab, hostname: string): NodeRow {
	const rows = nodes(lab).filter((r) => r.Hostname === hostname);
	if (rows.length !== 1) throw new Error(`${rows.length} rows for ${hostname}`);
	return rows[0]!;
}

export function token(lab: Lab, role: 'worker' | 'manager', host = 'manager-1'): string {
	return succeeds(lab, `docker -H ${host} swarm join-token -q ${role}`).output.trim();
}

/** The members and roles `sim raft -o json` reports. */
export function raftRoles(lab: Lab): Record<string, string> {
	const views = JSON.parse(succeeds(lab, 'sim raft -o json').output) as {
		name: string;
		role: string;
	}[];
	return Object.fromEntries(views.map((v) => [v.name, v.role]));
}

/** The DATA column of `sim raft`'s log table (configuration changes read `add x`, `remove x`). */
export function raftLog(lab: Lab): string[] {
	const out = succeeds(lab, 'sim raft').output;
	const table = out.slice(out.indexOf('LOG\n') + 4).split('\n');
	return table
		.slice(1)
		.filter((l) => /^\d/.test(l))
		.map((l) => l.split(/ {3,}/).pop()!);
}

export const TOKEN = /^SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}$/;

export const DAEMON = 'Error response from daemon: ';
