/**
 * `docker node ps|inspect|update|promote|demote|rm` (docker/cli cli/command/node; cli-formats
 * §6.2, §6.9). Writes ask the manager for a quorum first, like every swarm write.
 *
 * `promote`/`demote` change the node's desired role (controlapi/node.go UpdateNode); the role
 * manager (swarm/role-manager.ts) then adds or removes the node as a voter of the managers' Raft
 * group, so several changes in a row all succeed.
 */
import { NODE_TYPE } from './go-types';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { SWARM_NODES, type SwarmNode } from '../../swarm/node-object';
import { SWARM_TASKS, type SwarmTask } from '../../swarm/objects';
import { apiTime } from '../../swarm/runtime';
import { NO_LEADER_ERROR } from '../../swarm/services';
import type { SwarmCluster } from '../../swarm/cluster';
import {
	canRemoveMember,
	isRaftMember,
	nodeKey,
	withLiveManagerStatus
} from '../../swarm/manager-status';
import { runInspect } from './inspect-output';
import { nodePretty } from './inspect-pretty';
import { unknownFlag } from './errors';
import { addKeyValues } from './key-values';
import { hasOwnKey } from '../../core/own-keys';
import { renderTasks, taskRows, TASK_LIST_FLAGS } from './tasks-table';

const DAEMON = 'Error response from daemon: ';

/**
 * A node by ID, hostname or unique ID prefix, as the daemon finds one (daemon/cluster/helpers.go
 * getNode). `self` is the CLI's word, which only `node inspect` and `node ps` turn into the
 * local node's ID (docker/cli node/cmd.go Reference); update, promote, demote and rm send it
 * as it is, and the daemon finds no node of that name.
 */
export function findNode(
	ctx: CommandContext,
	swarm: SwarmCluster,
	ref: string,
	selfIsLocal = false
): SwarmNode | undefined {
	const all = ctx.kernel.store.list<SwarmNode>(SWARM_NODES);
	if (ref === 'self' && selfIsLocal)
		return all.find((n) => n.ID === swarm.membership.nodeIdOf(swarm.self));
	const name = ref;
	const prefixed = all.filter((n) => n.ID.startsWith(ref));
	return (
		all.find((n) => n.ID === ref) ??
		all.find((n) => n.Description.Hostname === name) ??
		(prefixed.length === 1 ? prefixed[0] : undefined)
	);
}

function writeNode(
	ctx: CommandContext,
	node: SwarmNode,
	change: (n: SwarmNode) => SwarmNode
): void {
	const k = ctx.kernel;
	k.store.put<SwarmNode>(SWARM_NODES, nodeKey(k, node), (rv) => ({
		...change(node),
		Version: { Index: rv },
		UpdatedAt: apiTime(k.now)
	}));
}

const PS_USAGE = 'docker node ps [OPTIONS] [NODE...]';

export function dockerNodePs(
	ctx: CommandContext,
	swarm: SwarmCluster,
	words: readonly string[]
): CommandResult {
	const parsed = parseFlags(words, TASK_LIST_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker node ps', PS_USAGE));
	const refs = parsed.args.length > 0 ? parsed.args : ['self'];
	const ids: string[] = [];
	for (const ref of refs) {
		const node = findNode(ctx, swarm, ref, true);
		if (node === undefined) return fail(`${DAEMON}node ${ref} not found\n`);
		ids.push(node.ID);
	}
	let tasks = ctx.kernel.store.list<SwarmTask>(SWARM_TASKS).filter((t) => ids.includes(t.NodeID));
	for (const f of parsed.flags.get('filter') ?? []) {
		const [key, value = ''] = f.split('=');
		if (key !== 'desired-state') return fail(`${DAEMON}invalid filter '${key}'\n`);
		tasks = tasks.filter((t) => t.DesiredState === value);
	}
	const r = renderTasks(
		taskRows(ctx.kernel, tasks, boolFlag(parsed.flags, 'no-trunc')),
		flag(parsed.flags, 'format'),
		boolFlag(parsed.flags, 'quiet')
	);
	return r.ok ? ok(r.output) : fail(r.error);
}

const INSPECT_USAGE = 'docker node inspect [OPTIONS] self|NODE [NODE...]';

export function dockerNodeInspect(
	ctx: CommandContext,
	swarm: SwarmCluster,
	words: readonly string[]
): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'format', short: 'f' },
		{ long: 'pretty', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker node inspect', INSPECT_USAGE));
	if (parsed.args.length === 0) {
		return fail(
			`docker: 'docker node inspect' requires at least 1 argument\n\nUsage:  ${INSPECT_USAGE}\n\nSee 'docker node inspect --help' for more information\n`
		);
	}
	// node/inspect.go: --pretty wins over --format.
	const pretty = boolFlag(parsed.flags, 'pretty');
	return runInspect({
		refs: parsed.args,
		find: (ref) => {
			const node = findNode(ctx, swarm, ref, true);
			return node === undefined ? undefined : withLiveManagerStatus(ctx.kernel, swarm, node);
		},
		missing: (ref) => `Error response from daemon: node ${ref} not found`,
		format: flag(parsed.flags, 'format'),
		goType: NODE_TYPE,
		...(pretty ? { pretty: nodePretty } : {})
	});
}

const UPDATE_USAGE = 'docker node update [OPTIONS] NODE';

export function dockerNodeUpdate(
	ctx: CommandContext,
	swarm: SwarmCluster,
	words: readonly string[]
): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'availability' },
		{ long: 'role' },
		{ long: 'label-add', repeatable: true },
		{ long: 'label-rm', repeatable: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker node update', UPDATE_USAGE));
	if (parsed.args.length !== 1) {
		return fail(
			`docker: 'docker node update' requires 1 argument\n\nUsage:  ${UPDATE_USAGE}\n\nSee 'docker node update --help' for more information\n`
		);
	}
	const f = parsed.flags;
	const availability = flag(f, 'availability');
	const role = flag(f, 'role');
	const ref = parsed.args[0]!;
	const node = findNode(ctx, swarm, ref);
	if (node === undefined) return fail(`${DAEMON}node ${ref} not found\n`);
	if (!swarm.hasQuorum()) return fail(`${DAEMON}${NO_LEADER_ERROR}\n`);
	// The CLI sends both words as they are (docker/cli node/update.go StringVar); the daemon's
	// conversion refuses an unknown one, role first (moby daemon/cluster/convert/node.go
	// NodeSpecToGRPC, upper-casing the word), as an invalid-parameter error.
	if (role !== undefined && !['manager', 'worker'].includes(role.toLowerCase()))
		return fail(`${DAEMON}invalid Role: ${JSON.stringify(role)}\n`);
	if (
		availability !== undefined &&
		!['active', 'pause', 'drain'].includes(availability.toLowerCase())
	)
		return fail(`${DAEMON}invalid Availability: ${JSON.stringify(availability)}\n`);
	if (role !== undefined && role.toLowerCase() !== node.Spec.Role) {
		const r = setRole(ctx, swarm, node, role.toLowerCase() as 'manager' | 'worker');
		if (r !== undefined) return fail(r);
	}
	const latest = findNode(ctx, swarm, node.ID)!;
	const labels = { ...latest.Spec.Labels };
	for (const k of f.get('label-rm') ?? []) {
		if (!hasOwnKey(labels, k)) return fail(`key ${k} doesn't exist in node's labels\n`);
		delete labels[k];
	}
	addKeyValues(labels, f.get('label-add') ?? []);
	writeNode(ctx, latest, (n) => ({
		...n,
		Spec: {
			...n.Spec,
			Labels: labels,
			...(availability !== undefined ? { Availability: availability.toLowerCase() } : {})
		}
	}));
	if (availability !== undefined && availability.toLowerCase() !== node.Spec.Availability) {
		ctx.kernel.emit(
			'swarm.node.availability',
			`node/${node.Description.Hostname}`,
			`Node ${node.Description.Hostname} availability is now ${availability.toLowerCase()}.`
		);
	}
	return ok(`${ref}\n`, true);
}

/** Changes a node's role; undefined when done, else docker's error line. */
function setRole(
	ctx: CommandContext,
	swarm: SwarmCluster,
	node: SwarmNode,
	role: 'manager' | 'worker'
): string | undefined {
	if (role === 'worker') {
		const managers = ctx.kernel.store
			.list<SwarmNode>(SWARM_NODES)
			.filter((n) => n.Spec.Role === 'manager');
		if (managers.length <= 1) {
			return `${DAEMON}rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm\n`;
		}
		// controlapi/node.go UpdateNode's demotion checks: the manager must be a Raft member
		// (a just-promoted node has not joined yet), and removing it must keep the quorum.
		if (!isRaftMember(ctx.kernel, swarm, node)) {
			return `${DAEMON}rpc error: code = NotFound desc = can't find manager in raft memberlist\n`;
		}
		if (!canRemoveMember(ctx.kernel, swarm, node.Description.Hostname)) {
			return `${DAEMON}rpc error: code = FailedPrecondition desc = can't remove member from the raft: this would result in a loss of quorum\n`;
		}
	}
	writeNode(ctx, node, (n) => {
		const next: SwarmNode = { ...n, Spec: { ...n.Spec, Role: role } };
		if (role === 'manager') {
			next.ManagerStatus = { Reachability: 'reachable', Addr: `${n.Status.Addr}:2377` };
		} else delete next.ManagerStatus;
		return next;
	});
	ctx.kernel.emit(
		'swarm.node.role',
		`node/${node.Description.Hostname}`,
		`Node ${node.Description.Hostname} is now a ${role}.`
	);
	// The API only sets the desired role; the role manager changes the Raft membership, one
	// change at a time, trying again while Raft is busy (manager/role_manager.go).
	// An old identity of a machine (listed Down under its ID) holds no Raft membership.
	if (nodeKey(ctx.kernel, node) === node.Description.Hostname) {
		swarm.roles.request(node.Description.Hostname);
	}
	return undefined;
}

function promoteDemote(
	ctx: CommandContext,
	swarm: SwarmCluster,
	words: readonly string[],
	role: 'manager' | 'worker'
): CommandResult {
	const command = role === 'manager' ? 'promote' : 'demote';
	const usage = `docker node ${command} NODE [NODE...]`;
	const parsed = parseFlags(words, [{ long: 'help', bool: true }]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, `docker node ${command}`, usage));
	if (parsed.args.length === 0) {
		return fail(
			`docker: 'docker node ${command}' requires at least 1 argument\n\nUsage:  ${usage}\n\nSee 'docker node ${command} --help' for more information\n`
		);
	}
	let out = '';
	let changed = false;
	for (const ref of parsed.args) {
		const node = findNode(ctx, swarm, ref);
		if (node === undefined) return fail(`${DAEMON}node ${ref} not found\n`, out, changed);
		if (node.Spec.Role === role) {
			out += `Node ${node.ID} is already a ${role}.\n`;
			continue;
		}
		if (!swarm.hasQuorum()) return fail(`${DAEMON}${NO_LEADER_ERROR}\n`, out, changed);
		const err = setRole(ctx, swarm, node, role);
		if (err !== undefined) return fail(err, out, changed);
		changed = true;
		out +=
			role === 'manager'
				? `Node ${ref} promoted to a manager in the swarm.\n`
				: `Manager ${ref} demoted in the swarm.\n`;
	}
	return ok(out, changed);
}

export const dockerNodePromote = (
	ctx: CommandContext,
	swarm: SwarmCluster,
	words: readonly string[]
) => promoteDemote(ctx, swarm, words, 'manager');
export const dockerNodeDemote = (
	ctx: CommandContext,
	swarm: SwarmCluster,
	words: readonly string[]
) => promoteDemote(ctx, swarm, words, 'worker');

const RM_USAGE = 'docker node rm [OPTIONS] NODE [NODE...]';

export function dockerNodeRm(
	ctx: CommandContext,
	swarm: SwarmCluster,
	words: readonly string[]
): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'force', short: 'f', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker node rm', RM_USAGE));
	if (parsed.args.length === 0) {
		return fail(
			`docker: 'docker node rm' requires at least 1 argument\n\nUsage:  ${RM_USAGE}\n\nSee 'docker node rm --help' for more information\n`
		);
	}
	const force = boolFlag(parsed.flags, 'force');
	let out = '';
	const errs: string[] = [];
	for (const ref of parsed.args) {
		// daemon/cluster/helpers.go getNode: a name two nodes share (a machine that joined
		// again) is ambiguous.
		const named = ctx.kernel.store
			.list<SwarmNode>(SWARM_NODES)
			.filter((n) => n.Description.Hostname === ref && n.ID !== ref);
		if (named.length > 1) {
			errs.push(`${DAEMON}node ${ref} is ambiguous (${named.length} matches found)`);
			continue;
		}
		const node = findNode(ctx, swarm, ref);
		if (node === undefined) {
			errs.push(`${DAEMON}node ${ref} not found`);
			continue;
		}
		if (!swarm.hasQuorum()) {
			errs.push(DAEMON + NO_LEADER_ERROR);
			continue;
		}
		// controlapi/node.go RemoveNode.
		if (node.Spec.Role === 'manager' && isRaftMember(ctx.kernel, swarm, node)) {
			errs.push(
				`${DAEMON}rpc error: code = FailedPrecondition desc = node ${node.ID} is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal`
			);
			continue;
		}
		if (!force && node.Status.State === 'ready') {
			errs.push(
				`${DAEMON}rpc error: code = FailedPrecondition desc = node ${node.ID} is not down and can't be removed`
			);
			continue;
		}
		ctx.kernel.store.delete(SWARM_NODES, nodeKey(ctx.kernel, node));
		ctx.kernel.emit(
			'swarm.node.removed',
			`node/${node.Description.Hostname}`,
			`Node ${node.Description.Hostname} removed from the swarm.`
		);
		out += `${ref}\n`;
	}
	if (errs.length > 0) return fail(errs.join('\n') + '\n', out, out !== '');
	return ok(out, true);
}
