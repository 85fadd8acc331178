/**
 * `kubectl create cronjob NAME --image=I --schedule=S [--restart=R] [-- COMMAND…]` and
 * `kubectl create job NAME (--image=I [-- COMMAND…] | --from=cronjob/NAME)` (kubectl
 * pkg/cmd/create/create_cronjob.go, create_job.go). The object goes through the API server's
 * defaults and validation like a manifest; the server's refusal comes back wrapped, as these
 * commands wrap it (`error: failed to create cronjob: …`).
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import { fail, type CommandContext, type CommandResult } from '../context';
import { flag, parseFlags, type FlagSpec, type FlagValues } from '../flags';
import { CRONJOBS, JOBS } from '../../kubernetes/api/collections';
import { applyDefaults } from '../../manifests/defaults';
import { validateObject } from '../../manifests/validate';
import { fieldErrorText } from '../../manifests/field-errors';
import type { KubeObject } from '../../manifests/types';
import { namespaceExists, terminatingRefusal } from './apply';
import { notFound, unknownFlag } from './errors';
import {
	PRINT_FLAGS,
	printed,
	printingFor,
	serverDryRunObject,
	withBareDryRun,
	type Printing
} from './dry-run';
import { createAdmission } from './create-admission';
import { contextNamespace } from './kubeconfig-state';

/** The arguments before `--` and the command after it. */
function splitCommand(words: readonly string[], args: readonly string[]) {
	const dashes = words.indexOf('--');
	const command = dashes >= 0 ? words.slice(dashes + 1) : [];
	const positional = dashes >= 0 ? args.slice(0, args.length - command.length) : args;
	return { command, positional };
}

function nameRequired(verb: string, got: number): CommandResult {
	return fail(
		`error: exactly one NAME is required, got ${got}\nSee 'kubectl create ${verb} -h' for help and examples\n`
	);
}

/**
 * The API server's create: defaults, validation, namespace and name checks, then the write (or
 * for a server dry run, the answer alone). A refusal prints as `failed to create <what>:
 * <StatusError>`.
 */
function serverCreate(
	ctx: CommandContext,
	what: 'cronjob' | 'job',
	collection: string,
	object: CronJob | Job,
	namespace: string,
	printing: Printing
): CommandResult {
	const kind = object.kind!;
	const name = object.metadata!.name!;
	const failed = (message: string) => fail(`error: failed to create ${what}: ${message}\n`);
	applyDefaults(object as KubeObject, namespace, true);
	const causes = validateObject(object as KubeObject, true);
	if (causes.length > 0) {
		// errors.NewInvalid: `<Kind>.<group> "<name>" is invalid: <aggregate>`.
		const texts = [...new Set(causes.map(fieldErrorText))];
		const aggregate = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
		return failed(`${kind}.batch ${JSON.stringify(name)} is invalid: ${aggregate}`);
	}
	if (!namespaceExists(ctx, namespace)) return failed(`namespaces "${namespace}" not found`);
	const terminating = terminatingRefusal(ctx, namespace, `${what}s.batch`, name);
	if (terminating !== undefined) return failed(terminating);
	const api = ctx.kubernetes!.apiServer;
	if (api.get(collection, namespace, name) !== undefined)
		return failed(`${what}s.batch "${name}" already exists`);
	const refused = createAdmission(ctx, object);
	if (refused !== undefined) return failed(refused);
	const answer =
		printing.strategy === 'server'
			? { ...serverDryRunObject(ctx, object, namespace), status: {} }
			: api.create(collection, object);
	return printed(printing, answer, `${what}.batch/${name}`);
}

/**
 * Sends the generated object: a client dry run prints it as kubectl built it (the namespace
 * only with -n; the empty pod template metadata, container resources and status structs as
 * `{}`), else the API server answers (./dry-run.ts).
 */
function send(
	ctx: CommandContext,
	what: 'cronjob' | 'job',
	collection: string,
	object: CronJob | Job,
	flags: FlagValues,
	printing: Printing,
	asBuilt: object
): CommandResult {
	const namespace = flag(flags, 'namespace');
	if (printing.strategy === 'client') {
		const built = asBuilt as { metadata: Record<string, unknown> };
		const metadata = { ...built.metadata };
		if (namespace === undefined) delete metadata.namespace;
		return printed(
			printing,
			{ ...built, metadata, status: {} },
			`${what}.batch/${object.metadata!.name!}`
		);
	}
	return serverCreate(ctx, what, collection, object, namespace ?? contextNamespace(ctx), printing);
}

/** A generated pod template as Go encodes it before defaults: empty structs print as `{}`. */
function builtTemplate(containers: readonly object[], restartPolicy: string): object {
	return {
		metadata: {},
		spec: { containers: containers.map((c) => ({ ...c, resources: {} })), restartPolicy }
	};
}

const CRONJOB_FLAGS: readonly FlagSpec[] = [
	{ long: 'image' },
	{ long: 'schedule' },
	{ long: 'restart' },
	{ long: 'namespace', short: 'n' },
	...PRINT_FLAGS
];

export function createCronJob(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(withBareDryRun(words), CRONJOB_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'create cronjob'));
	const { command, positional } = splitCommand(words, parsed.args);
	const missing = ['image', 'schedule'].filter((f) => flag(parsed.flags, f) === undefined);
	// cobra's MarkFlagRequired check comes before the NAME check.
	if (missing.length > 0)
		return fail(`error: required flag(s) ${missing.map((f) => `"${f}"`).join(', ')} not set\n`);
	if (positional.length !== 1) return nameRequired('cronjob', positional.length);
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return fail(printing.error);
	const name = positional[0]!;
	const image = flag(parsed.flags, 'image')!;
	const schedule = flag(parsed.flags, 'schedule')!;
	if (image === '') return fail('error: --image must be specified\n');
	if (schedule === '') return fail('error: --schedule must be specified\n');
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	// createCronJob: the job template is named after the CronJob too; restart OnFailure.
	const cronJob: CronJob = {
		apiVersion: 'batch/v1',
		kind: 'CronJob',
		metadata: { name, namespace },
		spec: {
			schedule,
			jobTemplate: {
				metadata: { name },
				spec: {
					template: {
						spec: {
							containers: [{ name, image, ...(command.length > 0 ? { command } : {}) }],
							restartPolicy: flag(parsed.flags, 'restart') ?? 'OnFailure'
						}
					}
				}
			}
		}
	};
	const spec = cronJob.spec!;
	const built = {
		...cronJob,
		spec: {
			jobTemplate: {
				metadata: { name },
				spec: {
					template: builtTemplate(
						spec.jobTemplate.spec!.template.spec!.containers,
						spec.jobTemplate.spec!.template.spec!.restartPolicy!
					)
				}
			},
			schedule
		}
	};
	return send(ctx, 'cronjob', CRONJOBS, cronJob, parsed.flags, printing, built);
}

const JOB_FLAGS: readonly FlagSpec[] = [
	{ long: 'image' },
	{ long: 'from' },
	{ long: 'namespace', short: 'n' },
	...PRINT_FLAGS
];

export function createJob(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(withBareDryRun(words), JOB_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'create job'));
	const { command, positional } = splitCommand(words, parsed.args);
	if (positional.length !== 1) return nameRequired('job', positional.length);
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return fail(printing.error);
	const name = positional[0]!;
	const image = flag(parsed.flags, 'image') ?? '';
	const from = flag(parsed.flags, 'from') ?? '';
	if ((image === '') === (from === ''))
		return fail('error: either --image or --from must be specified\n');
	if (command.length > 0 && from !== '') return fail('error: cannot specify --from and command\n');
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	let job: Job;
	if (from === '') {
		job = {
			apiVersion: 'batch/v1',
			kind: 'Job',
			metadata: { name, namespace },
			spec: {
				template: {
					spec: {
						containers: [{ name, image, ...(command.length > 0 ? { command } : {}) }],
						restartPolicy: 'Never'
					}
				}
			}
		};
	} else {
		const slash = from.indexOf('/');
		const type = slash < 0 ? from : from.slice(0, slash);
		const source = slash < 0 ? '' : from.slice(slash + 1);
		if (source === '')
			return fail(`error: arguments in resource/name form must have a single resource and name\n`);
		if (!['cronjob', 'cronjobs', 'cj', 'cronjob.batch', 'cronjobs.batch'].includes(type))
			return fail(`error: from must be an existing cronjob: ${from}\n`);
		const cronJob = ctx.kubernetes!.apiServer.get<CronJob>(CRONJOBS, namespace, source);
		if (cronJob === undefined) return fail(notFound('cronjobs.batch', source));
		job = jobFromCronJob(cronJob, name, namespace);
	}
	// From a CronJob the spec is the stored, defaulted template, copied as it is.
	const built =
		from === ''
			? {
					...job,
					spec: { template: builtTemplate(job.spec!.template.spec!.containers, 'Never') }
				}
			: job;
	return send(ctx, 'job', JOBS, job, parsed.flags, printing, built);
}

/**
 * createJobFromCronJob: the template's spec and labels, its annotations plus
 * `cronjob.kubernetes.io/instantiate: manual`, and a controller reference to the CronJob
 * (without blockOwnerDeletion, which would need the cronjobs/finalizers permission).
 */
function jobFromCronJob(cronJob: CronJob, name: string, namespace: string): Job {
	const template = cronJob.spec!.jobTemplate;
	return {
		apiVersion: 'batch/v1',
		kind: 'Job',
		metadata: {
			name,
			namespace,
			annotations: {
				'cronjob.kubernetes.io/instantiate': 'manual',
				...template.metadata?.annotations
			},
			...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
			ownerReferences: [
				{
					apiVersion: 'batch/v1',
					kind: 'CronJob',
					name: cronJob.metadata!.name!,
					uid: cronJob.metadata!.uid!,
					controller: true
				}
			]
		},
		spec: JSON.parse(JSON.stringify(template.spec)) as Job['spec']
	};
}
