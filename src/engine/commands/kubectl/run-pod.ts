/**
 * `kubectl run NAME --image=IMAGE [--restart=…] [--labels=…] [--port=…] [--env=…] [--command]
 * [-- ARGS…]`: one bare Pod, as kubectl v1.35 builds it (kubernetes/kubectl pkg/cmd/run/run.go:
 * createPod, Complete, Validate). The Pod goes through the same decoding, defaulting and
 * validation as `kubectl create -f` (../../manifests), so a bad name fails the same way. With
 * -i or --attach, ./run-attach.ts waits for it and shows what it prints.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags, type FlagSpec } from '../flags';
import { PODS } from '../../kubernetes/api/collections';
import { describeError, readManifests } from '../../manifests/index';
import { priorityClassesOf } from './priority-class-admission';
import type { JsonObject, JsonValue } from '../../manifests/types';
import { namespaceExists, terminatingRefusal } from './apply';
import { notSimulated, unknownFlag } from './errors';
import {
	PRINT_FLAGS,
	printed,
	printingFor,
	serverDryRunObject,
	type DryRunStrategy
} from './dry-run';
import { isImageReference } from './image-reference';
import type { Pod } from 'kubernetes-types/core/v1';
import { createAdmission } from './create-admission';
import { attachToPod, INTERACTIVE_NOTE, interactiveShell } from './run-attach';
import { sendService } from './expose';
import type { KubeObject } from '../../manifests/types';
import { contextNamespace } from './kubeconfig-state';
import { mergePatch } from './patch-apply';
import { putOwn } from '../../core/own-keys';

const RUN_FLAGS: readonly FlagSpec[] = [
	{ long: 'image' },
	{ long: 'restart' },
	{ long: 'labels', short: 'l' },
	{ long: 'port' },
	{ long: 'env', repeatable: true },
	{ long: 'annotations', repeatable: true },
	{ long: 'command', bool: true },
	{ long: 'image-pull-policy' },
	{ long: 'namespace', short: 'n' },
	{ long: 'stdin', short: 'i', bool: true },
	{ long: 'tty', short: 't', bool: true },
	{ long: 'attach', bool: true },
	{ long: 'rm', bool: true },
	{ long: 'quiet', short: 'q', bool: true },
	{ long: 'expose', bool: true },
	{ long: 'overrides' },
	{ long: 'override-type' },
	// run declares --dry-run as a plain string flag (run.go addRunFlags), without AddDryRunFlag's
	// NoOptDefVal: a bare `--dry-run` takes the next word as its value.
	...PRINT_FLAGS
];

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function runPod(ctx: CommandContext, words: readonly string[]): CommandResult {
	// Words after `--` are the container's arguments, never flags (cobra ArgsLenAtDash).
	const dash = words.indexOf('--');
	const before = dash < 0 ? words : words.slice(0, dash);
	const after = dash < 0 ? [] : words.slice(dash + 1);
	const parsed = parseFlags(before, RUN_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'run'));
	const image = flag(parsed.flags, 'image');
	// cobra checks required flags before the command runs.
	if (image === undefined) return fail('error: required flag(s) "image" not set\n');
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return fail(printing.error);
	const plan = planPod(parsed.flags, parsed.args, after, image);
	if (typeof plan === 'string') return fail(plan);
	const refusal = attachRefusal(parsed.flags, printing.strategy);
	if (refusal !== undefined) return fail(refusal);
	const expose = boolFlag(parsed.flags, 'expose');
	if (expose && (flag(parsed.flags, 'port') ?? '') === '')
		return fail('error: --port must be set when exposing a service\n');
	const attach = attaches(parsed.flags);
	const argv = [...parsed.args.slice(1), ...after];
	if (attach && boolFlag(parsed.flags, 'stdin') && interactiveShell(argv, image))
		return fail(INTERACTIVE_NOTE);
	const overridden = applyOverrides(plan.pod, parsed.flags);
	if (typeof overridden === 'string') return fail(overridden);
	const namespaceFlag = flag(parsed.flags, 'namespace');
	const namespace = namespaceFlag ?? contextNamespace(ctx);
	const { name } = plan;
	const what = `pod/${name}`;
	// A client dry run prints the generated Pod, with the namespace only when -n names one
	// (run.go createGeneratedObject), and asks the server nothing.
	// --expose: run.go generateService makes and prints the Service after the Pod is created
	// and before the Pod is printed; its failure is reported after (an aggregate error).
	const service = (): CommandResult | undefined =>
		expose
			? sendService(
					ctx,
					printing,
					runService(plan.pod, name, flag(parsed.flags, 'port')!),
					namespace,
					'kubectl run',
					'created'
				)
			: undefined;
	if (printing.strategy === 'client')
		return withService(
			service(),
			printed(printing, withNamespace({ ...overridden, status: {} }, namespaceFlag), what),
			printing.format
		);
	if (!namespaceExists(ctx, namespace))
		return fail(`Error from server (NotFound): namespaces "${namespace}" not found\n`);
	const terminating = terminatingRefusal(ctx, namespace, 'pods', name);
	if (terminating !== undefined) return fail(`Error from server (Forbidden): ${terminating}\n`);
	// The API server's side, as for `create -f`: decode, default, admit, validate.
	const read = readManifests(JSON.stringify(overridden), 'run', {
		namespace,
		priorityClasses: priorityClassesOf(ctx)
	});
	const entry = read.entries[0];
	if (entry?.object === undefined) {
		if (entry?.error !== undefined) return fail(describeError(entry.error, 'run').standalone);
		return fail(read.ok ? 'error: no objects passed to run\n' : read.error);
	}
	const api = ctx.kubernetes!.apiServer;
	if (api.get(PODS, namespace, name) !== undefined)
		return fail(`Error from server (AlreadyExists): pods "${name}" already exists\n`);
	const overQuota = createAdmission(ctx, entry.object);
	if (overQuota !== undefined) return fail(`Error from server (Forbidden): ${overQuota}\n`);
	if (printing.strategy === 'server') {
		const dry = printed(printing, serverDryRunObject(ctx, entry.object, namespace), what);
		return withService(service(), dry, printing.format);
	}
	const created = api.create(PODS, entry.object, true);
	const exposed = service();
	if (!attach) return withService(exposed, printed(printing, created, what), printing.format);
	const attached = attachToPod(ctx, {
		namespace,
		name,
		restartPolicy: String((overridden.spec as JsonObject | undefined)?.restartPolicy ?? 'Always'),
		remove: boolFlag(parsed.flags, 'rm'),
		ttyNote: boolFlag(parsed.flags, 'tty'),
		quiet: boolFlag(parsed.flags, 'quiet')
	});
	return withService(exposed, attached, '');
}

/**
 * The Service `run --expose` generates (generate/versioned/service.go ServiceGeneratorV2 with
 * run's parameters): named after the Pod, selecting the Pod's labels (run=NAME without -l),
 * labelled with -l's labels, one TCP port whose targetPort is the same number.
 */
function runService(pod: JsonObject, name: string, port: string): KubeObject {
	const podLabels = ((pod.metadata as JsonObject | undefined)?.labels ?? {}) as Record<
		string,
		string
	>;
	const labelled = podLabels.run === name && Object.keys(podLabels).length === 1;
	return {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: { name, ...(labelled ? {} : { labels: { ...podLabels } }) },
		spec: {
			ports: [{ port: Number(port), protocol: 'TCP', targetPort: Number(port) }],
			selector: { ...podLabels }
		}
	} as KubeObject;
}

/** The Service's lines, then the Pod's (a `---` between YAML documents), then its error. */
function withService(
	service: CommandResult | undefined,
	pod: CommandResult,
	format: unknown
): CommandResult {
	if (service === undefined) return pod;
	const between = format === 'yaml' && service.ok ? '---\n' : '';
	const output = (service.ok ? service.output + between : '') + pod.output;
	const error = (pod.error ?? '') + (service.ok ? '' : (service.error ?? ''));
	return {
		ok: pod.ok && service.ok,
		output,
		...(error !== '' ? { error } : {}),
		mutates: pod.mutates === true || service.mutates === true
	};
}

function withNamespace(object: JsonObject, namespace: string | undefined): JsonObject {
	if (namespace === undefined) return object;
	return { ...object, metadata: { ...(object.metadata as JsonObject), namespace } };
}

/**
 * run.go Validate on the attach flags: -t needs -i, --rm needs an attached container, and a
 * dry run cannot attach.
 */
function attachRefusal(flags: Map<string, string[]>, strategy: DryRunStrategy): string | undefined {
	const stdin = boolFlag(flags, 'stdin');
	// --attach defaults to true with -i (its help text).
	const attach = flag(flags, 'attach') === undefined ? stdin : boolFlag(flags, 'attach');
	if (boolFlag(flags, 'tty') && !stdin)
		return 'error: -i/--stdin is required for containers with -t/--tty=true\n';
	if (!attach && boolFlag(flags, 'rm'))
		return 'error: --rm should only be used for attached containers\n';
	if (attach && strategy !== 'none')
		return "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\n";
	return undefined;
}

/** --attach, which -i turns on unless it is given (its help text). */
function attaches(flags: Map<string, string[]>): boolean {
	return flag(flags, 'attach') === undefined ? boolFlag(flags, 'stdin') : boolFlag(flags, 'attach');
}

/**
 * `--overrides`: a JSON merge patch (RFC 7396) over the generated Pod, the default
 * --override-type=merge (kubectl cmdutil.Overrider, helpers.go Merge).
 */
function applyOverrides(pod: JsonObject, flags: Map<string, string[]>): JsonObject | string {
	const text = flag(flags, 'overrides');
	if (text === undefined) return pod;
	const type = flag(flags, 'override-type') ?? 'merge';
	if (type !== 'merge') return notSimulated(`run --override-type=${type}`);
	let patch: JsonValue;
	try {
		patch = JSON.parse(text) as JsonValue;
	} catch {
		return notSimulated('run --overrides with text that is not JSON');
	}
	const merged = mergePatch(pod, patch);
	return merged !== null && typeof merged === 'object' && !Array.isArray(merged) ? merged : pod;
}

/** Complete and Validate: the checks kubectl makes before it sends the Pod. */
function planPod(
	flags: Map<string, string[]>,
	args: readonly string[],
	afterDash: readonly string[],
	image: string
): { name: string; pod: JsonObject } | string {
	const labels = parseLabels(flag(flags, 'labels') ?? '');
	if (typeof labels === 'string') return labels;
	const env: JsonObject[] = [];
	for (const e of flags.get('env') ?? []) {
		const eq = e.indexOf('=');
		const key = eq < 0 ? '' : e.slice(0, eq);
		if (eq <= 0 || !ENV_NAME.test(key)) return `error: invalid env: ${e}\n`;
		env.push({ name: key, value: e.slice(eq + 1) });
	}
	const annotations: Record<string, string> = {};
	for (const a of flags.get('annotations') ?? []) {
		const eq = a.indexOf('=');
		if (eq <= 0) return `error: invalid annotations: ${a}\n`;
		putOwn(annotations, a.slice(0, eq), a.slice(eq + 1));
	}
	// getRestartPolicy: OnFailure by default for an interactive Pod, else Always.
	const restart = flag(flags, 'restart') ?? (boolFlag(flags, 'stdin') ? 'OnFailure' : 'Always');
	if (!RESTART_POLICIES.includes(restart))
		return `error: invalid restart policy: ${restart}, valid values are: Always, OnFailure, Never\n`;
	const pullPolicy = flag(flags, 'image-pull-policy') ?? '';
	if (pullPolicy !== '' && !PULL_POLICIES.includes(pullPolicy))
		return `error: invalid image pull policy: ${pullPolicy}\n`;
	const [name, ...rest] = args;
	if (name === undefined) return 'error: NAME is required for run\n';
	if (image === '') return 'error: --image is required\n';
	if (!isImageReference(image))
		return `error: invalid image name ${JSON.stringify(image)}: invalid reference format\n`;
	const port = flag(flags, 'port') ?? '';
	if (port !== '' && !/^[-+]?\d+$/.test(port)) return 'error: --port must be a number\n';
	const containerArgs = [...rest, ...afterDash];
	const container: JsonObject = {
		name,
		image,
		...(containerArgs.length > 0
			? { [boolFlag(flags, 'command') ? 'command' : 'args']: containerArgs }
			: {}),
		...(port !== '' ? { ports: [{ containerPort: Number(port) }] } : {}),
		...(env.length > 0 ? { env } : {}),
		...(pullPolicy !== '' ? { imagePullPolicy: pullPolicy } : {}),
		resources: {},
		// BasicPod: Stdin, StdinOnce (stdin and not --leave-stdin-open) and TTY from the flags.
		...(boolFlag(flags, 'stdin') ? { stdin: true, stdinOnce: true } : {}),
		...(boolFlag(flags, 'tty') ? { tty: true } : {})
	};
	const pod: Pod = {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name,
			// Without --labels the Pod is labelled run=NAME.
			labels: Object.keys(labels).length > 0 ? labels : { run: name },
			...(Object.keys(annotations).length > 0 ? { annotations } : {})
		},
		spec: {
			containers: [container as unknown as NonNullable<Pod['spec']>['containers'][number]],
			dnsPolicy: 'ClusterFirst',
			restartPolicy: restart
		}
	};
	return { name, pod: pod as unknown as JsonObject };
}

/** run.go parseLabels: `k=v` pairs joined by commas, each with exactly one `=`. */
function parseLabels(text: string): Record<string, string> | string {
	const labels: Record<string, string> = {};
	if (text === '') return labels;
	for (const spec of text.split(',')) {
		const parts = spec.split('=');
		if (parts.length !== 2) return `error: unexpected label spec: ${spec}\n`;
		if (parts[0] === '') return 'error: unexpected empty label key\n';
		putOwn(labels, parts[0]!, parts[1]!);
	}
	return labels;
}
