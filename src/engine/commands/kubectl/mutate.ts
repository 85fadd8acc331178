/**
 * kubectl commands that change workloads: `create deployment`, `scale`, `set image`
 * (create_deployment.go, scale.go, set_image.go; output per cli-formats.md §4). `delete` is in
 * ./delete.ts.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { DEPLOYMENTS, REPLICASETS, STATEFULSETS } from '../../kubernetes/api/collections';
import { unknownFlag } from './errors';
import { qualifiedPlural, qualifiedSingular, resolveType } from './resources';
import { namespaceExists, terminatingRefusal } from './apply';
import { PRINT_FLAGS, printed, printingFor, serverDryRunObject, withBareDryRun } from './dry-run';
import { createAdmission } from './create-admission';
import { contextNamespace } from './kubeconfig-state';
import { parseGoInt } from '../go-int';
import { intFlagError } from './int-flag';
import { resourceTargets } from './resource-targets';
import { checkErrors } from './check-errors';
import { readManifests } from '../../manifests/index';
import { fieldErrorText } from '../../manifests/field-errors';
import { goQuote } from '../../manifests/json';
import { fnv1a32, RandomStream } from '../../core/rng';
import { randomSuffix } from '../../kubernetes/api/names';

function api(ctx: CommandContext) {
	return ctx.kubernetes!.apiServer;
}

/**
 * `kubectl create deployment NAME --image=IMAGE [--replicas=N] [--port=P] [-- COMMAND…]`, with
 * `--dry-run` and `-o` (./dry-run.ts).
 */
export function createDeployment(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(withBareDryRun(words), [
		{ long: 'image', repeatable: true },
		{ long: 'replicas', short: 'r' },
		{ long: 'port' },
		{ long: 'namespace', short: 'n' },
		...PRINT_FLAGS
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'create deployment'));
	// `kubectl create deployment NAME --image=IMAGE -- COMMAND [ARGS…]`
	const dashes = words.indexOf('--');
	const command = dashes >= 0 ? words.slice(dashes + 1) : [];
	const positional =
		dashes >= 0 ? parsed.args.slice(0, parsed.args.length - command.length) : parsed.args;
	const [name, ...extra] = positional;
	if (name === undefined || extra.length > 0) {
		return fail(
			'error: exactly one NAME is required, got ' +
				parsed.args.length +
				"\nSee 'kubectl create deployment -h' for help and examples\n"
		);
	}
	const images = parsed.flags.get('image') ?? [];
	if (images.length === 0) return fail('error: required flag(s) "image" not set\n');
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return fail(printing.error);
	// Int32VarP: strconv.ParseInt(s, 0, 32); a negative count is the server's to refuse.
	const replicasText = flag(parsed.flags, 'replicas') ?? '1';
	const replicas = parseGoInt(replicasText, 32);
	if (typeof replicas === 'string')
		return fail(intFlagError(replicasText, '-r, --replicas', replicas, 'create deployment'));
	const portText = flag(parsed.flags, 'port');
	// Int32Var: strconv.ParseInt(s, 0, 32).
	const port = portText === undefined ? undefined : parseGoInt(portText, 32);
	if (typeof port === 'string')
		return fail(intFlagError(portText!, '--port', port, 'create deployment'));
	if (port !== undefined && (port < 1 || port > 65535)) {
		return fail(`error: invalid argument "${portText}" for "--port" flag\n`);
	}
	const namespaceFlag = flag(parsed.flags, 'namespace');
	const namespace = namespaceFlag ?? contextNamespace(ctx);
	const what = `deployment.apps/${name}`;
	const names = containerNames(ctx, images);
	// A client dry run prints what kubectl would send and asks the server nothing.
	if (printing.strategy === 'client')
		return printed(
			printing,
			clientDeployment(name, namespaceFlag, images, names, replicas, port, command),
			what
		);
	// create_deployment.go Run wraps every refusal: `failed to create deployment: %v`.
	const refused = (message: string) => fail(`error: failed to create deployment: ${message}\n`);
	if (!namespaceExists(ctx, namespace)) return refused(`namespaces "${namespace}" not found`);
	const terminating = terminatingRefusal(ctx, namespace, 'deployments.apps', name);
	if (terminating !== undefined) return refused(terminating);
	// Container names come from the image's last path element, without tag (create_deployment.go buildPodSpec).
	const containers = images.map((image, i) => ({
		name: names[i]!,
		image,
		...(command.length > 0 ? { command } : {}),
		// kubectl puts --port on the first container only (createDeployment).
		...(i === 0 && port !== undefined ? { ports: [{ containerPort: port, protocol: 'TCP' }] } : {}),
		resources: {},
		terminationMessagePath: '/dev/termination-log',
		terminationMessagePolicy: 'File',
		imagePullPolicy: /:[^/]+$/.test(image) && !image.endsWith(':latest') ? 'IfNotPresent' : 'Always'
	}));
	const labels = { app: name };
	const deployment: Deployment = {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: { name, namespace, labels },
		spec: {
			replicas,
			selector: { matchLabels: labels },
			strategy: {
				type: 'RollingUpdate',
				rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }
			},
			revisionHistoryLimit: 10,
			progressDeadlineSeconds: 600,
			template: {
				metadata: { labels },
				spec: {
					containers,
					restartPolicy: 'Always',
					terminationGracePeriodSeconds: 30,
					dnsPolicy: 'ClusterFirst',
					securityContext: {},
					schedulerName: 'default-scheduler'
				}
			}
		}
	};
	// The API server's order: NamespaceLifecycle (above), the strategy's validation, validating
	// admission (quota), then storage's AlreadyExists.
	const invalid = invalidText(deployment, namespace);
	if (invalid !== undefined) return refused(invalid);
	const overQuota = createAdmission(ctx, { kind: 'Deployment', metadata: { name, namespace } });
	if (overQuota !== undefined) return refused(overQuota);
	if (api(ctx).get(DEPLOYMENTS, namespace, name) !== undefined)
		return refused(`deployments.apps "${name}" already exists`);
	if (printing.strategy === 'server')
		return printed(
			printing,
			{ ...serverDryRunObject(ctx, deployment, namespace), status: {} },
			what
		);
	return printed(printing, api(ctx).create<Deployment>(DEPLOYMENTS, deployment), what);
}

/**
 * The API server's Invalid error for the object, as its Go error's %v (apimachinery NewInvalid:
 * `Deployment.apps "x" is invalid: <cause>`, several causes as `[a, b]`), or undefined.
 */
function invalidText(object: Deployment, namespace: string): string | undefined {
	const read = readManifests(JSON.stringify(object), '', { namespace });
	const error = read.entries[0]?.error;
	if (error === undefined || error.stage !== 'invalid') return undefined;
	const causes = [...new Set(error.causes.map(fieldErrorText))];
	const kind = error.group ? `${error.kind}.${error.group}` : error.kind;
	const listed = causes.length === 1 ? causes[0]! : `[${causes.join(', ')}]`;
	return `${kind} ${goQuote(error.name)} is invalid: ${listed}`;
}

/**
 * buildPodSpec: each image's last path element without its tag or digest; sanitizeAndUniquify
 * turns `_` and `.` into `-` and appends `-` and utilrand.String(5), drawn here from a stream
 * of the lab's seed and clock so that the kernel's own random streams are left alone.
 */
function containerNames(ctx: CommandContext, images: readonly string[]): string[] {
	const random = new RandomStream(
		fnv1a32(
			`kubectl create deployment ${ctx.kernel.now} ${images.join(' ')}`,
			fnv1a32(String(ctx.seed))
		)
	);
	return images.map((image) => {
		const name = image.split('/').pop()!.split(':')[0]!.split('@')[0]!;
		if (!/[_.]/.test(name)) return name;
		return `${name.replace(/[_.]/g, '-')}-${randomSuffix(random)}`;
	});
}

/**
 * createDeployment as kubectl builds it before sending: no server defaults, so the empty
 * structs print as `{}`; the namespace only with -n (EnforceNamespace); the port on the first
 * container only. A zero creationTimestamp is omitted since apimachinery's omitzero change
 * (kubernetes PR #130989, "Omit null creationTimestamp").
 */
function clientDeployment(
	name: string,
	namespace: string | undefined,
	images: readonly string[],
	names: readonly string[],
	replicas: number,
	port: number | undefined,
	command: readonly string[]
): object {
	const labels = { app: name };
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: { labels, name, ...(namespace !== undefined ? { namespace } : {}) },
		spec: {
			replicas,
			selector: { matchLabels: labels },
			strategy: {},
			template: {
				metadata: { labels },
				spec: {
					containers: images.map((image, i) => ({
						...(command.length > 0 ? { command: [...command] } : {}),
						image,
						name: names[i]!,
						...(i === 0 && port !== undefined ? { ports: [{ containerPort: port }] } : {}),
						resources: {}
					}))
				}
			}
		},
		status: {}
	};
}

/**
 * `kubectl scale TYPE NAME… --replicas=N [--current-replicas=M] [--resource-version=RV]` (also
 * `TYPE/NAME…`, `TYPE -l SELECTOR`, `TYPE --all`; scale.go ScaleFlags, Validate, RunScale). The preconditions are checked against
 * the scale subresource as kubectl's scaler does (pkg/scale/scale.go ScalePrecondition.validate,
 * PreconditionError: `Expected %s to be %s, was %s`).
 */
export function scale(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'replicas' },
		{ long: 'current-replicas' },
		{ long: 'resource-version' },
		{ long: 'namespace', short: 'n' },
		{ long: 'selector', short: 'l' },
		{ long: 'all', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'scale'));
	// pflag's IntVar for both counts, then cobra's MarkFlagRequired("replicas").
	const counts: Record<string, number> = { replicas: 0, 'current-replicas': -1 };
	for (const name of Object.keys(counts)) {
		const text = flag(parsed.flags, name);
		if (text === undefined) continue;
		const value = parseGoInt(text, 64);
		if (typeof value === 'string') return fail(intFlagError(text, `--${name}`, value, 'scale'));
		counts[name] = value;
	}
	if (flag(parsed.flags, 'replicas') === undefined)
		return fail('error: required flag(s) "replicas" not set\n');
	const replicas = counts.replicas!;
	const currentReplicas = counts['current-replicas']!;
	if (replicas < 0)
		return fail(
			'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n'
		);
	if (currentReplicas < -1)
		return fail('error: The --current-replicas must specify an integer of -1 or greater\n');
	const t = resourceTargets(ctx, 'scale', parsed.args, {
		namespace: flag(parsed.flags, 'namespace') ?? contextNamespace(ctx),
		selector: flag(parsed.flags, 'selector'),
		all: boolFlag(parsed.flags, 'all')
	});
	if (typeof t === 'string') return fail(t);
	const resourceVersion = flag(parsed.flags, 'resource-version') ?? '';
	// RunScale takes r.Infos(): the objects found, and the gathered NotFound errors (infoErr),
	// which it returns only after scaling the others, or at once when nothing was found.
	type Found = Exclude<(typeof t)[number], { missing: string }>;
	const found = t.filter((target): target is Found => !('missing' in target));
	const infoErr = t.flatMap((target) => ('missing' in target ? [target.missing] : []));
	if (resourceVersion !== '' && found.length > 1)
		return fail('error: cannot use --resource-version with multiple resources\n');
	if (found.length === 0)
		return fail(infoErr.length > 0 ? checkErrors(infoErr) : 'error: no objects passed to scale\n');
	// Each object in turn; the first that cannot be scaled ends the line with its error, the
	// ones before it scaled (scale.go: `return err` inside the loop).
	let output = '';
	let scaled = false;
	for (const target of found) {
		const { object } = target;
		let error: string | undefined;
		if (!SCALABLE.has(target.collection))
			error = `error: no scaler has been implemented for {"" "${target.type.kind}"}\n`;
		else {
			// The scale subresource reports spec.replicas (defaulted to 1) and the object's version.
			const actual = (object as Deployment).spec?.replicas ?? 1;
			const current = object.metadata?.resourceVersion ?? '';
			if (currentReplicas !== -1 && actual !== currentReplicas)
				error = `error: Expected replicas to be ${currentReplicas}, was ${actual}\n`;
			else if (resourceVersion !== '' && current !== resourceVersion)
				error = `error: Expected resource version to be ${resourceVersion}, was ${current}\n`;
		}
		if (error !== undefined) return fail(error, output, scaled);
		const workload = object as Deployment | ReplicaSet;
		api(ctx).update(
			target.collection,
			{ ...workload, spec: { ...workload.spec!, replicas } },
			true
		);
		scaled = true;
		output += `${qualifiedSingular(target.type)}/${object.metadata?.name ?? ''} scaled\n`;
	}
	if (infoErr.length > 0) return fail(checkErrors(infoErr), output, true);
	return ok(output, true);
}

/** The workloads with a scale subresource the lab serves. */
const SCALABLE = new Set([DEPLOYMENTS, REPLICASETS, STATEFULSETS]);

export type Target =
	| {
			plural: string;
			kind: string;
			name: string;
			qualifiedPlural: string;
			qualifiedSingular: string;
	  }
	| { error: string };

/** A TYPE NAME that resolved to a resource the lab serves. */
export type NamedTarget = Exclude<Target, { error: string }>;

export function typeAndName(args: readonly string[]): Target {
	let typeWord: string | undefined;
	let name: string | undefined;
	if (args.length === 1 && args[0]!.includes('/')) [typeWord, name] = args[0]!.split('/', 2);
	else [typeWord, name] = args;
	if (typeWord === undefined || name === undefined || name === '') {
		return { error: 'error: resource(s) were provided, but no name was specified\n' };
	}
	const type = resolveType(typeWord);
	if (type === undefined)
		return { error: `error: the server doesn't have a resource type "${typeWord}"\n` };
	return {
		plural: type.plural,
		kind: type.kind,
		name,
		qualifiedPlural: qualifiedPlural(type),
		qualifiedSingular: qualifiedSingular(type)
	};
}
