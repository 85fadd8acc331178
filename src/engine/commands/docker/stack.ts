/**
 * What only a swarm manager does for `docker stack …` (docker/cli cli/command/stack/swarm,
 * docker CLI 28; cli-formats §6.7): deploy a loaded stack, and `ls`, `ps`, `services`, `rm`.
 * The Swarm flavour brings this module (./swarm-verbs.ts); the CLI side, which every lab
 * answers, is ./stack-cli.ts. Deploy does what cli/command/stack/swarm/deploy_composefile.go
 * does, in its order: external networks checked, networks, secrets and configs created, the
 * services' secret and config references checked, services created or updated. Like the real
 * command it stops at the first error, keeping what it already created. Inside each group
 * docker's order is Go map order; the lab uses name order.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { serviceFilter, taskFilter } from './stack-filters';
import { dockerJsonLine } from '../json';
import { DOCKER_TABLE, tabwrite } from '../tabwriter';
import { base64Utf8 } from '../../manifests/base64';
import {
	createConfig,
	createNetwork,
	createSecret,
	createService,
	listNamed,
	listNetworks,
	listServices,
	listTasks,
	networkExists,
	removeConfig,
	removeNetwork,
	removeSecret,
	removeService,
	updateService
} from '../../swarm/control';
import type { SwarmService } from '../../swarm/objects';
import { STACK_NAMESPACE_LABEL, type ServiceSpec } from '../../swarm/spec';
import { STACK_IMAGE_LABEL, type LoadedStack, type StackFileObject } from '../../swarm/stack';
import { unknownFlag } from './errors';
import { renderServices } from './service-ls';
import { renderTasks, taskRows } from './tasks-table';
import { compileTemplate } from './template';
import { waitOnService } from './service-progress';
import { resolveReferences } from './references';
import { sentImage } from './service-image';
import { naturalLess } from '../../swarm/natural';
import {
	acceptsNoArgs,
	invalidStackName,
	requiresAtLeast,
	requiresExactly,
	type Transcript
} from './stack-cli';
import type { SwarmVerb } from './swarm-verbs';

/** The label filter docker lists a stack's objects with (getStackFilter). */
function stackFilterLabel(stack: string) {
	return { key: STACK_NAMESPACE_LABEL, value: stack };
}

function stackServices(ctx: CommandContext, stack: string): SwarmService[] {
	return listServices(ctx, stackFilterLabel(stack));
}

/**
 * deployServices (cli/command/stack/swarm/deploy_composefile.go): a new service queries the
 * registry unless `--resolve-image never`; an update with `always`, or with `changed` when the
 * image differs from the one deployed before (its `com.docker.stack.image` label). An update
 * that does not query, of an unchanged image, keeps the image (digest and all) deployed before.
 */
function imageToSend(
	ctx: CommandContext,
	spec: ServiceSpec,
	found: SwarmService | undefined,
	resolve: string
): { image: string; warning: string } {
	const image = spec.TaskTemplate.ContainerSpec.Image;
	if (found === undefined) return sentImage(ctx.kernel, image, resolve !== 'never');
	const unchanged = image === found.Spec.Labels?.[STACK_IMAGE_LABEL];
	if (resolve === 'always' || !unchanged) {
		return sentImage(ctx.kernel, image, resolve === 'always' || resolve === 'changed');
	}
	return sentImage(ctx.kernel, found.Spec.TaskTemplate.ContainerSpec.Image, false);
}

/** The service's compose name, as convert.Services names it in `service <name>: …`. */
function composeName(spec: ServiceSpec, stack: string): string {
	return spec.Name.startsWith(`${stack}_`) ? spec.Name.slice(stack.length + 1) : spec.Name;
}

/**
 * convertServiceSecrets / convertServiceConfigs (servicecli.ParseSecrets / ParseConfigs): one
 * target per file name, every object existing; the spec gets the references with their IDs.
 */
function resolveServiceReferences(
	ctx: CommandContext,
	spec: ServiceSpec,
	stack: string
): ServiceSpec | string {
	const container = { ...spec.TaskTemplate.ContainerSpec };
	for (const kind of ['secret', 'config'] as const) {
		const key = kind === 'secret' ? 'Secrets' : 'Configs';
		const refs = container[key];
		if (refs === undefined) continue;
		const resolved = resolveReferences(ctx, refs, kind);
		if (!resolved.ok) return `service ${composeName(spec, stack)}: ${resolved.error}`;
		container[key] = resolved.refs;
	}
	return { ...spec, TaskTemplate: { ...spec.TaskTemplate, ContainerSpec: container } };
}

/** createSecrets / createConfigs: new ones are created, existing ones may only keep their data. */
function createFileObjects(
	ctx: CommandContext,
	kind: 'secret' | 'config',
	objects: readonly StackFileObject[],
	log: Transcript
): string | undefined {
	const wanted = objects.filter((o) => o.External !== true);
	// convert.Secrets reads every file before any is created.
	for (const object of wanted) {
		if (object.Driver === undefined && object.Data === undefined) {
			return `open ${object.File ?? ''}: no such file or directory`;
		}
	}
	const existing = new Map(listNamed(ctx, kind).map((o) => [o.Spec.Name, o]));
	for (const object of wanted) {
		const data = base64Utf8(object.Data ?? '');
		const found = existing.get(object.Name);
		if (found !== undefined) {
			// swarmkit controlapi UpdateSecret/UpdateConfig: only labels may change.
			if ((found.Spec.Data ?? '') !== data) {
				return `failed to update ${kind} ${object.Name}: Error response from daemon: rpc error: code = InvalidArgument desc = only updates to Labels are allowed`;
			}
			continue;
		}
		log.print(`Creating ${kind} ${object.Name}`);
		const spec = { Name: object.Name, Labels: object.Labels, Data: data };
		const made = kind === 'secret' ? createSecret(ctx, spec) : createConfig(ctx, spec);
		if (!made.ok) return `failed to create ${kind} ${object.Name}: ${made.error}`;
		log.wrote = true;
	}
	return undefined;
}

const BUILTIN_NETWORKS = ['default', 'bridge', 'host', 'none'];

/** How `docker stack deploy` waits, from its flags. */
export interface DeployWait {
	detach: boolean;
	quiet: boolean;
	resolveImage: string;
}

/**
 * `docker stack deploy` once the CLI (./stack-cli.ts) has loaded the files and found a manager
 * with a leader: what deploy_composefile.go does with them.
 */
export function deployLoaded(
	ctx: CommandContext,
	stack: string,
	loaded: LoadedStack,
	prune: boolean,
	log: Transcript,
	wait: DeployWait
): CommandResult {
	if (prune) {
		const keep = new Set(loaded.services.map((s) => s.Name));
		const stale = stackServices(ctx, stack).filter((s) => !keep.has(s.Spec.Name));
		for (const service of stale) {
			log.print(`Removing service ${service.Spec.Name}`);
			const removed = removeService(ctx, service.ID);
			if (removed.ok) log.wrote = true;
			else log.warn(`Failed to remove service ${service.ID}: ${removed.error}`);
		}
	}
	// validateExternalNetworks: only user-defined names are looked up.
	for (const network of loaded.networks.filter((n) => n.External === true)) {
		if (BUILTIN_NETWORKS.includes(network.Name) || network.Name.startsWith('container:')) continue;
		if (!networkExists(ctx, network.Name)) {
			return log.fail(
				`network ${JSON.stringify(network.Name)} is declared as external, but could not be found. You need to create a swarm-scoped network before the stack is deployed`
			);
		}
	}
	// createNetworks: networks this stack already made (by label) are kept.
	const existing = new Set(
		listNetworks(ctx)
			.filter((n) => n.Spec.Labels?.[STACK_NAMESPACE_LABEL] === stack)
			.map((n) => n.Spec.Name)
	);
	for (const network of loaded.networks.filter((n) => n.External !== true)) {
		if (existing.has(network.Name)) continue;
		log.print(`Creating network ${network.Name}`);
		const made = createNetwork(ctx, network, network.IPAM?.[0]);
		if (!made.ok) return log.fail(`failed to create network ${network.Name}: ${made.error}`);
		log.wrote = true;
	}
	const secretError = createFileObjects(ctx, 'secret', loaded.secrets, log);
	if (secretError !== undefined) return log.fail(secretError);
	const configError = createFileObjects(ctx, 'config', loaded.configs, log);
	if (configError !== undefined) return log.fail(configError);
	const specs: ServiceSpec[] = [];
	for (const spec of loaded.services) {
		const resolved = resolveServiceReferences(ctx, spec, stack);
		if (typeof resolved === 'string') return log.fail(resolved);
		specs.push(resolved);
	}
	// deployServices.
	const current = new Map(stackServices(ctx, stack).map((s) => [s.Spec.Name, s]));
	const deployed: string[] = [];
	for (const spec of specs) {
		const found = current.get(spec.Name);
		const sent = imageToSend(ctx, spec, found, wait.resolveImage);
		const container = { ...spec.TaskTemplate.ContainerSpec, Image: sent.image };
		const toSend = { ...spec, TaskTemplate: { ...spec.TaskTemplate, ContainerSpec: container } };
		if (found !== undefined) {
			log.print(`Updating service ${spec.Name} (id: ${found.ID})`);
			// Stack deploy has no --force: the existing ForceUpdate is kept so tasks stay.
			const forceUpdate = found.Spec.TaskTemplate.ForceUpdate;
			const next: ServiceSpec = {
				...toSend,
				TaskTemplate: {
					...toSend.TaskTemplate,
					...(forceUpdate !== undefined ? { ForceUpdate: forceUpdate } : {})
				}
			};
			const updated = updateService(ctx, found.ID, next);
			if (!updated.ok) return log.fail(`failed to update service ${spec.Name}: ${updated.error}`);
			deployed.push(found.ID);
		} else {
			log.print(`Creating service ${spec.Name}`);
			const created = createService(ctx, toSend);
			if (!created.ok) return log.fail(`failed to create service ${spec.Name}: ${created.error}`);
			deployed.push(created.id);
		}
		// The response's warnings (stderr), after the line: an image the registry cannot resolve.
		log.warn(sent.warning);
		log.wrote = true;
	}
	if (wait.detach) return log.done();
	// deploy_composefile.go waitOnServices: each service in turn, by its full ID; errors are
	// collected as `<id>: <error>` and fail the command once all were waited on.
	const errors: string[] = [];
	for (const id of deployed) {
		const waited = waitOnService(ctx, id, wait.quiet);
		log.out(waited.output);
		if (waited.error !== undefined) errors.push(`${id}: ${waited.error}`);
	}
	return errors.length > 0 ? log.fail(errors.join('\n')) : log.done();
}

// --- docker stack ls ------------------------------------------------------------------------

// `docker stack ls` sorts its names as every docker list does (../../swarm/natural.ts).
export { naturalLess };

const LS_USAGE = 'docker stack ls [OPTIONS]';

function dockerStackLs(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [{ long: 'format' }, { long: 'help', bool: true }]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker stack ls', LS_USAGE));
	if (boolFlag(parsed.flags, 'help')) {
		return ok(
			`\nUsage:  ${LS_USAGE}\n\nList stacks\n\nAliases:\n  docker stack ls, docker stack list\n`
		);
	}
	if (parsed.args.length > 0) return fail(acceptsNoArgs('docker stack ls', LS_USAGE));
	const counts = new Map<string, number>();
	for (const service of listServices(ctx)) {
		const stack = service.Spec.Labels?.[STACK_NAMESPACE_LABEL];
		if (stack !== undefined) counts.set(stack, (counts.get(stack) ?? 0) + 1);
	}
	const rows = [...counts]
		.sort(([a], [b]) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0))
		.map(([Name, n]) => ({ Name, Services: String(n) }));
	const format = flag(parsed.flags, 'format');
	if (format === 'json') return ok(rows.map((r) => dockerJsonLine(r) + '\n').join(''));
	const text =
		format === undefined || format === '' || format === 'table'
			? 'table {{.Name}}\t{{.Services}}'
			: format;
	const template = compileTemplate(text, { Name: 'NAME', Services: 'SERVICES' });
	if (!template.ok) return fail(template.error);
	const lines = rows.map((r) => template.render(r));
	if (!template.table) return ok(lines.map((l) => l + '\n').join(''));
	return ok(tabwrite([template.header, ...lines].map((l) => l + '\n').join(''), DOCKER_TABLE));
}

// --- docker stack services / ps -------------------------------------------------------------

const SERVICES_USAGE = 'docker stack services [OPTIONS] STACK';

function dockerStackServices(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'filter', short: 'f', repeatable: true },
		{ long: 'format' },
		{ long: 'quiet', short: 'q', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker stack services', SERVICES_USAGE));
	if (boolFlag(parsed.flags, 'help'))
		return ok(`\nUsage:  ${SERVICES_USAGE}\n\nList the services in the stack\n`);
	if (parsed.args.length !== 1)
		return fail(requiresExactly('docker stack services', SERVICES_USAGE));
	const stack = parsed.args[0]!;
	const badName = invalidStackName(stack);
	if (badName !== undefined) return fail(badName);
	const filter = serviceFilter(parsed.flags.get('filter') ?? [], SERVICES_USAGE);
	if (!filter.ok) return fail(filter.error);
	const services = stackServices(ctx, stack).filter(filter.keep);
	// services.go: an empty stack is reported on stderr, and the command still succeeds.
	if (services.length === 0)
		return { ok: true, output: '', error: `Nothing found in stack: ${stack}\n` };
	return renderServices(
		ctx.kernel,
		services,
		flag(parsed.flags, 'format'),
		boolFlag(parsed.flags, 'quiet')
	);
}

const PS_USAGE = 'docker stack ps [OPTIONS] STACK';

function dockerStackPs(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'filter', short: 'f', repeatable: true },
		{ long: 'format' },
		{ long: 'no-resolve', bool: true },
		{ long: 'no-trunc', bool: true },
		{ long: 'quiet', short: 'q', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker stack ps', PS_USAGE));
	if (boolFlag(parsed.flags, 'help'))
		return ok(`\nUsage:  ${PS_USAGE}\n\nList the tasks in the stack\n`);
	if (parsed.args.length !== 1) return fail(requiresExactly('docker stack ps', PS_USAGE));
	const stack = parsed.args[0]!;
	const badName = invalidStackName(stack);
	if (badName !== undefined) return fail(badName);
	const filter = taskFilter(ctx.kernel, parsed.flags.get('filter') ?? [], PS_USAGE);
	if (!filter.ok) return fail(filter.error);
	const tasks = stackServices(ctx, stack)
		.flatMap((s) => listTasks(ctx, s.ID))
		.filter(filter.keep);
	if (tasks.length === 0) return fail(`nothing found in stack: ${stack}`);
	const rows = taskRows(ctx.kernel, tasks, boolFlag(parsed.flags, 'no-trunc'));
	const rendered = renderTasks(rows, flag(parsed.flags, 'format'), boolFlag(parsed.flags, 'quiet'));
	return rendered.ok ? ok(rendered.output) : fail(rendered.error);
}

// --- docker stack rm ------------------------------------------------------------------------

const RM_USAGE = 'docker stack rm [OPTIONS] STACK [STACK...]';

function dockerStackRm(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'detach', short: 'd', bool: true },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker stack rm', RM_USAGE));
	if (boolFlag(parsed.flags, 'help')) {
		return ok(
			`\nUsage:  ${RM_USAGE}\n\nRemove one or more stacks\n\nAliases:\n  docker stack rm, docker stack remove, docker stack down\n`
		);
	}
	if (parsed.args.length === 0) return fail(requiresAtLeast('docker stack rm', RM_USAGE));
	for (const stack of parsed.args) {
		const badName = invalidStackName(stack);
		if (badName !== undefined) return fail(badName);
	}
	let out = '';
	let err = '';
	let wrote = false;
	const failed: string[] = [];
	const byName = <T extends { Spec: { Name: string } }>(a: T, b: T) =>
		a.Spec.Name < b.Spec.Name ? -1 : a.Spec.Name > b.Spec.Name ? 1 : 0;
	const ofStack = (stack: string) => (o: { Spec: { Labels?: Record<string, string> } }) =>
		o.Spec.Labels?.[STACK_NAMESPACE_LABEL] === stack;
	for (const stack of parsed.args) {
		const services = stackServices(ctx, stack).sort(byName);
		const networks = listNetworks(ctx).filter(ofStack(stack)).sort(byName);
		const secrets = listNamed(ctx, 'secret').filter(ofStack(stack)).sort(byName);
		const configs = listNamed(ctx, 'config').filter(ofStack(stack)).sort(byName);
		if (services.length + networks.length + secrets.length + configs.length === 0) {
			err += `Nothing found in stack: ${stack}\n`;
			continue;
		}
		let hasError = false;
		const remove = (
			kind: string,
			name: string,
			id: string,
			result: { ok: boolean; error?: string }
		) => {
			out += `Removing ${kind} ${name}\n`;
			if (result.ok) wrote = true;
			else {
				hasError = true;
				err += `Failed to remove ${kind} ${id}: ${result.error ?? ''}`;
			}
		};
		// remove.go: services, then secrets, then configs, then networks.
		for (const s of services) remove('service', s.Spec.Name, s.ID, removeService(ctx, s.ID));
		for (const s of secrets) remove('secret', s.Spec.Name, s.ID, removeSecret(ctx, s.ID));
		for (const c of configs) remove('config', c.Spec.Name, c.ID, removeConfig(ctx, c.ID));
		for (const n of networks) remove('network', n.Spec.Name, n.ID, removeNetwork(ctx, n.ID));
		if (hasError) failed.push(`failed to remove some resources from stack: ${stack}`);
	}
	if (failed.length > 0) return fail(err + failed.join('\n'), out, wrote);
	return { ok: true, output: out, error: err === '' ? undefined : err, mutates: wrote };
}

/** `docker stack <sub>`, once the CLI (./stack-cli.ts) has found a manager with a leader. */
export const STACK_VERBS: Readonly<Record<string, SwarmVerb>> = {
	ls: (ctx, _swarm, words) => dockerStackLs(ctx, words),
	list: (ctx, _swarm, words) => dockerStackLs(ctx, words),
	ps: (ctx, _swarm, words) => dockerStackPs(ctx, words),
	services: (ctx, _swarm, words) => dockerStackServices(ctx, words),
	rm: (ctx, _swarm, words) => dockerStackRm(ctx, words),
	remove: (ctx, _swarm, words) => dockerStackRm(ctx, words),
	down: (ctx, _swarm, words) => dockerStackRm(ctx, words)
};
