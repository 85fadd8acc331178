/**
 * `docker service ps|inspect|scale|update|rollback|rm|logs` (docker/cli cli/command/service;
 * cli-formats §6.5, §6.6). Like `service create`, scale, update and rollback wait for the
 * service to converge and draw the progress unless `--detach` (./service-progress.ts).
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags, type FlagValues } from '../flags';
import {
	getService,
	listTasks,
	removeService,
	rollbackService,
	updateService
} from '../../swarm/control';
import {
	SWARM_NETWORKS,
	TASK_STATES,
	type SwarmNetwork,
	type SwarmService
} from '../../swarm/objects';
import type { Mount, ServiceSpec } from '../../swarm/spec';
import { unknownFlag } from './errors';
import { runInspect } from './inspect-output';
import { withInsertedDefaults } from './service-defaults';
import { servicePretty } from './inspect-pretty';
import { sentImage } from './service-image';
import { SERVICE_TYPE } from './go-types';
import { afterWrite, waitOnService } from './service-progress';
import { tokenize } from '../tokenizer';
import { numError, parseGoUint } from '../go-int';
import { referencesFromFlag } from './references';
import { mountsError, parseMountValues } from './mount-flag';
import {
	UPDATE_FLAGS,
	applySharedFlags,
	flagValueError,
	parseNetwork,
	parseTimeValueError,
	type NetworkAttachment,
	placementPref
} from './service-flags';
import { renderTasks, taskRows, TASK_LIST_FLAGS } from './tasks-table';
import { applyContainerFlags } from './service-container-flags';
import { validateEnv } from './service-flag-values';
import { shellEnv } from '../shell-env';
import { addKeyValues } from './key-values';
import { findNode } from './node-commands';
import { updatedPorts } from './update-ports';

function needsArgs(command: string, usage: string, min = 1): string {
	return `docker: '${command}' requires at least ${min} argument\n\nUsage:  ${usage}\n\nSee '${command} --help' for more information\n`;
}

function exactlyOne(command: string, usage: string): string {
	return `docker: '${command}' requires 1 argument\n\nUsage:  ${usage}\n\nSee '${command} --help' for more information\n`;
}

const PS_USAGE = 'docker service ps [OPTIONS] SERVICE [SERVICE...]';

export function dockerServicePs(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, TASK_LIST_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker service ps', PS_USAGE));
	if (boolFlag(parsed.flags, 'help'))
		return ok(`\nUsage:  ${PS_USAGE}\n\nList the tasks of one or more services\n`);
	if (parsed.args.length === 0) return fail(needsArgs('docker service ps', PS_USAGE));
	const services: SwarmService[] = [];
	const missing: string[] = [];
	for (const ref of parsed.args) {
		const s = getService(ctx, ref);
		if (s === undefined) missing.push(`no such service: ${ref}`);
		else services.push(s);
	}
	// ps.go createFilter/runPS: with no service found every miss is reported together and
	// nothing is printed; otherwise the found services' tasks are printed, then the misses.
	if (services.length === 0) return fail(missing.join('\n') + '\n');
	let tasks = services.flatMap((s) => listTasks(ctx, s.ID));
	for (const f of parsed.flags.get('filter') ?? []) {
		const [key, value = ''] = f.split('=');
		if (key === 'desired-state') {
			// moby daemon/cluster/filters.go: a task state name, matched exactly (so a task
			// waiting out its restart delay, desired Ready, is not `running`).
			if (!(TASK_STATES as readonly string[]).includes(value)) {
				return fail(`Error response from daemon: Invalid task desired state: ${value}\n`);
			}
			tasks = tasks.filter((t) => t.DesiredState === value);
		} else if (key === 'node') {
			// ps.go updateNodeFilter turns `self` into the local node's ID; the daemon
			// (daemon/cluster/tasks.go) finds the node as getNode does, or fails.
			const node = ctx.swarm === undefined ? undefined : findNode(ctx, ctx.swarm, value, true);
			if (node === undefined) return fail(`Error response from daemon: node ${value} not found\n`);
			tasks = tasks.filter((t) => t.NodeID === node.ID);
		} else if (key === 'id') tasks = tasks.filter((t) => t.ID.startsWith(value));
		else if (key === 'name')
			tasks = tasks.filter((t) => taskRows(ctx.kernel, [t])[0]!.name.startsWith(value));
		else return fail(`Error response from daemon: invalid filter '${key}'\n`);
	}
	const rows = taskRows(ctx.kernel, tasks, boolFlag(parsed.flags, 'no-trunc'));
	const r = renderTasks(rows, flag(parsed.flags, 'format'), boolFlag(parsed.flags, 'quiet'));
	if (!r.ok) return fail(r.error);
	return missing.length > 0 ? fail(missing.join('\n') + '\n', r.output) : ok(r.output);
}

const INSPECT_USAGE = 'docker service inspect [OPTIONS] SERVICE [SERVICE...]';

export function dockerServiceInspect(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'format', short: 'f' },
		{ long: 'pretty', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker service inspect', INSPECT_USAGE));
	if (parsed.args.length === 0) return fail(needsArgs('docker service inspect', INSPECT_USAGE));
	const pretty = boolFlag(parsed.flags, 'pretty');
	const format = flag(parsed.flags, 'format');
	if (pretty && (format ?? '') !== '') {
		return fail('--format is incompatible with human friendly format\n');
	}
	const networks = ctx.kernel.store.list<SwarmNetwork>(SWARM_NETWORKS);
	return runInspect({
		refs: parsed.args,
		// service/inspect.go asks with InsertDefaults: true (./service-defaults.ts).
		find: (ref) => {
			const found = getService(ctx, ref);
			return found === undefined ? undefined : withInsertedDefaults(found);
		},
		// service/inspect.go wraps a miss as "Error: no such service: %s".
		missing: (ref) => `Error: no such service: ${ref}`,
		format,
		goType: SERVICE_TYPE,
		...(pretty
			? {
					pretty: (s: SwarmService) =>
						servicePretty(s, {
							now: ctx.kernel.now,
							networkName: (id) => networks.find((n) => n.ID === id)?.Spec.Name
						})
				}
			: {})
	});
}

const SCALE_USAGE = 'docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]';

export function dockerServiceScale(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'detach', short: 'd', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker service scale', SCALE_USAGE));
	if (parsed.args.length === 0) return fail(needsArgs('docker service scale', SCALE_USAGE));
	for (const arg of parsed.args) {
		const m = /^([^=]+)=(.*)$/.exec(arg);
		if (m === null) {
			return fail(
				`invalid scale specifier '${arg}'.\nSee 'docker service scale --help'.\n\nUsage:  ${SCALE_USAGE}\n\nScale one or multiple replicated services\n`
			);
		}
	}
	let out = '';
	const errs: string[] = [];
	const scaled: string[] = [];
	let changed = false;
	for (const arg of parsed.args) {
		const [, name, countText] = /^([^=]+)=(.*)$/.exec(arg)!;
		// scale.go: strconv.ParseUint(scaleStr, 10, 64), base 10 (no 0x, no `_`).
		const count = parseGoUint(countText!, 64, 10);
		if (typeof count === 'string') {
			errs.push(
				`${name}: invalid replicas value ${countText}: ${numError('ParseUint', countText!, count)}`
			);
			continue;
		}
		const s = getService(ctx, name!);
		if (s === undefined) {
			errs.push(`${name}: Error response from daemon: service ${name} not found`);
			continue;
		}
		const mode = s.Spec.Mode;
		if (!('Replicated' in mode) && !('ReplicatedJob' in mode)) {
			errs.push(`${name}: scale can only be used with replicated or replicated-job mode`);
			continue;
		}
		// scale.go: a replicated job's scale is its TotalCompletions.
		const spec = cloneSpec(s.Spec);
		spec.Mode =
			'ReplicatedJob' in mode
				? { ReplicatedJob: { ...mode.ReplicatedJob, TotalCompletions: count } }
				: { Replicated: { Replicas: count } };
		const r = updateService(ctx, s.ID, spec);
		if (!r.ok) {
			errs.push(`${name}: ${r.error}`);
			continue;
		}
		changed = true;
		out += `${name} scaled to ${count}\n`;
		scaled.push(name!);
	}
	// scale.go: once every service is scaled, unless --detach, it waits on each in turn.
	if (!boolFlag(parsed.flags, 'detach')) {
		for (const name of scaled) {
			const waited = waitOnService(ctx, name, false);
			out += waited.output;
			if (waited.error !== undefined) errs.push(`${name}: ${waited.error}`);
		}
	}
	if (errs.length > 0) return fail(errs.join('\n') + '\n', out, changed);
	return ok(out, true);
}

const UPDATE_USAGE = 'docker service update [OPTIONS] SERVICE';

export function cloneSpec(spec: ServiceSpec): ServiceSpec {
	return JSON.parse(JSON.stringify(spec)) as ServiceSpec;
}

function removeKeys(
	list: readonly string[] | undefined,
	keys: readonly string[],
	key = (s: string) => s.split('=')[0]!
) {
	return (list ?? []).filter((e) => !keys.includes(key(e)));
}

export function dockerServiceUpdate(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, UPDATE_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker service update', UPDATE_USAGE));
	if (boolFlag(parsed.flags, 'help')) return ok(`\nUsage:  ${UPDATE_USAGE}\n\nUpdate a service\n`);
	if (parsed.args.length !== 1) return fail(exactlyOne('docker service update', UPDATE_USAGE));
	const ref = parsed.args[0]!;
	const f = parsed.flags;
	const early = parseTimeValueError(f, true);
	if (early !== undefined)
		return fail(flagValueError(early, 'docker service update', UPDATE_USAGE));
	const wait = { detach: boolFlag(f, 'detach'), quiet: boolFlag(f, 'quiet') };
	if (boolFlag(f, 'rollback')) return rollback(ctx, ref, wait);
	const current = getService(ctx, ref);
	if (current === undefined) return fail(`Error response from daemon: service ${ref} not found\n`);
	const spec = cloneSpec(current.Spec);
	const c = spec.TaskTemplate.ContainerSpec;
	const image = flag(f, 'image');
	if (image !== undefined) c.Image = image;
	const args = flag(f, 'args');
	if (args !== undefined) {
		// opts.ShellwordsOpt: the value is split as a shell would (go-shellwords), quotes kept whole.
		const words = tokenize(args);
		if (!words.ok) {
			return fail(
				flagValueError(
					`invalid argument "${args}" for "--args" flag: invalid command line string`,
					'docker service update',
					UPDATE_USAGE
				)
			);
		}
		c.Args = words.words;
	}
	if (boolFlag(f, 'force'))
		spec.TaskTemplate.ForceUpdate = (spec.TaskTemplate.ForceUpdate ?? 0) + 1;
	const shared = applySharedFlags(spec, f);
	if (shared !== undefined)
		return fail(flagValueError(shared, 'docker service update', UPDATE_USAGE));
	const clientEnv = shellEnv(ctx.kernel).vars;
	applyContainerFlags(spec, f, clientEnv, true);
	const placement = { ...(spec.TaskTemplate.Placement ?? {}) };
	// update.go updatePlacementConstraints, when either flag is given: the added ones are
	// appended, then the removed ones dropped (an added one too), and the list sorted.
	const constraintAdd = f.get('constraint-add') ?? [];
	const constraintRm = f.get('constraint-rm') ?? [];
	const constraints =
		constraintAdd.length > 0 || constraintRm.length > 0
			? removeKeys(
					[...(placement.Constraints ?? []), ...constraintAdd],
					constraintRm,
					(s) => s
				).sort()
			: [...(placement.Constraints ?? [])];
	const prefs = (placement.Preferences ?? []).filter(
		(p) => !(f.get('placement-pref-rm') ?? []).includes(`spread=${p.Spread.SpreadDescriptor}`)
	);
	for (const p of f.get('placement-pref-add') ?? []) {
		const pref = placementPref(p, 'placement-pref-add');
		if (typeof pref === 'string')
			return fail(flagValueError(pref, 'docker service update', UPDATE_USAGE));
		prefs.push(pref);
	}
	if (constraints.length > 0) placement.Constraints = constraints;
	else delete placement.Constraints;
	if (prefs.length > 0) placement.Preferences = prefs;
	else delete placement.Preferences;
	if (Object.keys(placement).length > 0) spec.TaskTemplate.Placement = placement;
	else delete spec.TaskTemplate.Placement;
	// opts.ValidateEnv: `--env-add NAME` takes the client's value when it has one; update.go
	// updateEnvironment keys the variables by name, so an added one replaces the old value.
	const env = removeKeys(c.Env, f.get('env-rm') ?? []);
	for (const value of f.get('env-add') ?? []) {
		const checked = validateEnv(value, clientEnv);
		const v = checked.ok ? checked.value : value;
		const key = v.split('=')[0]!;
		const at = env.findIndex((e) => e.split('=')[0] === key);
		if (at >= 0) env[at] = v;
		else env.push(v);
	}
	if (env.length > 0) c.Env = env;
	else delete c.Env;
	const labels = { ...(spec.Labels ?? {}) };
	for (const k of f.get('label-rm') ?? []) delete labels[k];
	addKeyValues(labels, f.get('label-add') ?? []);
	if (Object.keys(labels).length > 0) spec.Labels = labels;
	else delete spec.Labels;
	const add = f.get('publish-add') ?? [];
	const rm = f.get('publish-rm') ?? [];
	const had = spec.EndpointSpec?.Ports ?? [];
	const ports = add.length > 0 || rm.length > 0 ? updatedPorts(had, add, rm) : [...had];
	if (!Array.isArray(ports)) {
		return fail(flagValueError(ports.error, 'docker service update', UPDATE_USAGE));
	}
	if (ports.length > 0 || spec.EndpointSpec?.Ports !== undefined) {
		spec.EndpointSpec = { ...(spec.EndpointSpec ?? {}), Ports: ports };
	}
	const nets = updatedNetworks(ctx, spec.TaskTemplate.Networks ?? [], f);
	if (typeof nets === 'string') return fail(nets + '\n');
	if (nets.length > 0) spec.TaskTemplate.Networks = nets;
	else delete spec.TaskTemplate.Networks;
	// update.go updateMounts: --mount-add replaces the mount on its target, --mount-rm names
	// targets (added ones too); the result is sorted by source, then target.
	const added = parseMountValues(f.get('mount-add') ?? [], 'mount-add');
	if (!added.ok) return fail(flagValueError(added.error, 'docker service update', UPDATE_USAGE));
	const byTarget = new Map<string, Mount>();
	for (const mount of added.mounts) {
		if (byTarget.has(mount.Target)) return fail('duplicate mount target\n');
		byTarget.set(mount.Target, mount);
	}
	for (const m of c.Mounts ?? []) if (!byTarget.has(m.Target)) byTarget.set(m.Target, m);
	const toRemove = new Set(f.get('mount-rm') ?? []);
	const mounts = [...byTarget.values()]
		.filter((m) => !toRemove.has(m.Target))
		.sort((a, b) => {
			const sa = a.Source ?? '';
			const sb = b.Source ?? '';
			if (sa !== sb) return sa < sb ? -1 : 1;
			return a.Target < b.Target ? -1 : a.Target > b.Target ? 1 : 0;
		});
	const badMount = mountsError(mounts);
	if (badMount !== undefined) return fail(badMount + '\n');
	if (mounts.length > 0) c.Mounts = mounts;
	else delete c.Mounts;
	// update.go getUpdatedSecrets / getUpdatedConfigs: `-rm` drops references by name, `-add`
	// appends resolved ones.
	for (const kind of ['secret', 'config'] as const) {
		const key = kind === 'secret' ? 'Secrets' : 'Configs';
		const removed = new Set(f.get(`${kind}-rm`) ?? []);
		const kept = (c[key] ?? []).filter(
			(r) => !removed.has((kind === 'secret' ? r.SecretName : r.ConfigName) ?? '')
		);
		const added = referencesFromFlag(ctx, f.get(`${kind}-add`) ?? [], kind, `${kind}-add`);
		if (!added.ok) return fail(flagValueError(added.error, 'docker service update', UPDATE_USAGE));
		const refs = [...kept, ...added.refs];
		if (refs.length > 0) c[key] = refs;
		else delete c[key];
	}
	// update.go: the client queries the registry only for a changed --image.
	const sent = sentImage(
		ctx.kernel,
		c.Image,
		image !== undefined && !boolFlag(f, 'no-resolve-image')
	);
	c.Image = sent.image;
	const r = updateService(ctx, current.ID, spec);
	if (!r.ok) return fail(r.error + '\n');
	return afterWrite(ctx, {
		warning: sent.warning,
		line: `${ref}\n`,
		ref,
		...wait
	});
}

/**
 * update.go updateNetworks: the spec holds network IDs, so `--network-rm` and `--network-add`
 * names are looked up first (NetworkInspect, swarm scope); adding one already attached fails.
 */
function updatedNetworks(
	ctx: CommandContext,
	current: readonly NetworkAttachment[],
	f: FlagValues
): NetworkAttachment[] | string {
	const networks = ctx.kernel.store.list<SwarmNetwork>(SWARM_NETWORKS);
	const idOf = (ref: string) =>
		networks.find((n) => n.ID === ref && n.Spec.Scope === 'swarm') ??
		networks.find((n) => n.Spec.Name === ref && n.Spec.Scope === 'swarm');
	const removed = new Set<string>();
	for (const ref of f.get('network-rm') ?? []) {
		const net = idOf(ref);
		if (net === undefined) return `Error response from daemon: network ${ref} not found`;
		removed.add(net.ID);
	}
	const out = current.filter((n) => !removed.has(n.Target));
	const attached = new Set(out.map((n) => n.Target));
	for (const value of f.get('network-add') ?? []) {
		// Parsed already (parseTimeValueError): the long syntax names the target.
		const add = parseNetwork(value, 'network-add') as NetworkAttachment;
		const ref = add.Target;
		const net = idOf(ref);
		if (net === undefined) return `Error response from daemon: network ${ref} not found`;
		if (attached.has(net.ID)) return `service is already attached to network ${ref}`;
		attached.add(net.ID);
		out.push({ ...add, Target: net.ID });
	}
	return out;
}

function rollback(
	ctx: CommandContext,
	ref: string,
	wait: { detach: boolean; quiet: boolean }
): CommandResult {
	const s = getService(ctx, ref);
	if (s === undefined) return fail(`Error response from daemon: service ${ref} not found\n`);
	const r = rollbackService(ctx, s.ID);
	if (!r.ok) return fail(r.error + '\n');
	return afterWrite(ctx, { warning: '', line: `${ref}\n`, ref, ...wait });
}

const ROLLBACK_USAGE = 'docker service rollback [OPTIONS] SERVICE';

export function dockerServiceRollback(
	ctx: CommandContext,
	words: readonly string[]
): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'detach', short: 'd', bool: true },
		{ long: 'quiet', short: 'q', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker service rollback', ROLLBACK_USAGE));
	if (parsed.args.length !== 1) return fail(exactlyOne('docker service rollback', ROLLBACK_USAGE));
	return rollback(ctx, parsed.args[0]!, {
		detach: boolFlag(parsed.flags, 'detach'),
		quiet: boolFlag(parsed.flags, 'quiet')
	});
}

const RM_USAGE = 'docker service rm SERVICE [SERVICE...]';

export function dockerServiceRm(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [{ long: 'help', bool: true }]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker service rm', RM_USAGE));
	if (parsed.args.length === 0) return fail(needsArgs('docker service rm', RM_USAGE));
	let out = '';
	const errs: string[] = [];
	for (const ref of parsed.args) {
		const r = removeService(ctx, ref);
		if (r.ok) out += `${ref}\n`;
		else errs.push(r.error);
	}
	if (errs.length > 0) return fail(errs.join('\n') + '\n', out, out !== '');
	return ok(out, true);
}
