/**
 * `kubectl create cronjob NAME --image=I --schedule=S [--restart=R] [-- COMMAND…]` and
 * `kubectl create job NAME (--image=I [-- COMMAND…] | --from=cronjob/NAME)` (kubectl
 * pkg/cmd/create/create_cronjob.go, create_job.go). The object goes through the API server's
 * defaults and validation like a manifest; the server's refusal comes back wrapped, as these
 * commands wrap it (`error: failed to create cronjob: …`).
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { flag, parseFlags, type FlagSpec } from '../flags';
import { CRONJOBS, JOBS } from '../../kubernetes/api/collections';
import { applyDefaults } from '../../manifests/defaults';
import { validateObject } from '../../manifests/validate';
import { fieldErrorText } from '../../manifests/field-errors';
import type { KubeObject } from '../../manifests/types';
import { namespaceExists, terminatingRefusal } from './apply';
import { notFound, unknownFlag } from './errors';

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
 * The API server's create: defaults, validation, namespace and name checks. Returns the
 * error kubectl prints (`failed to create <what>: <StatusError>`), or undefined once stored.
 */
function serverCreate(
	ctx: CommandContext,
	what: 'cronjob' | 'job',
	collection: string,
	object: CronJob | Job,
	namespace: string
): string | undefined {
	const kind = object.kind!;
	const name = object.metadata!.name!;
	const failed = (message: string) => `error: failed to create ${what}: ${message}\n`;
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
	api.create(collection, object);
	return undefined;
}

const CRONJOB_FLAGS: readonly FlagSpec[] = [
	{ long: 'image' },
	{ long: 'schedule' },
	{ long: 'restart' },
	{ long: 'namespace', short: 'n' }
];

export function createCronJob(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, CRONJOB_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'create cronjob'));
	const { command, positional } = splitCommand(words, parsed.args);
	const missing = ['image', 'schedule'].filter((f) => flag(parsed.flags, f) === undefined);
	// cobra's MarkFlagRequired check comes before the NAME check.
	if (missing.length > 0)
		return fail(`error: required flag(s) ${missing.map((f) => `"${f}"`).join(', ')} not set\n`);
	if (positional.length !== 1) return nameRequired('cronjob', positional.length);
	const name = positional[0]!;
	const image = flag(parsed.flags, 'image')!;
	const schedule = flag(parsed.flags, 'schedule')!;
	if (image === '') return fail('error: --image must be specified\n');
	if (schedule === '') return fail('error: --schedule must be specified\n');
	const namespace = flag(parsed.flags, 'namespace') ?? 'default';
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
	const error = serverCreate(ctx, 'cronjob', CRONJOBS, cronJob, namespace);
	if (error !== undefined) return fail(error);
	return ok(`cronjob.batch/${name} created\n`, true);
}

const JOB_FLAGS: readonly FlagSpec[] = [
	{ long: 'image' },
	{ long: 'from' },
	{ long: 'namespace', short: 'n' }
];

export function createJob(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, JOB_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'create job'));
	const { command, positional } = splitCommand(words, parsed.args);
	if (positional.length !== 1) return nameRequired('job', positional.length);
	const name = positional[0]!;
	const image = flag(parsed.flags, 'image') ?? '';
	const from = flag(parsed.flags, 'from') ?? '';
	if ((image === '') === (from === ''))
		return fail('error: either --image or --from must be specified\n');
	if (command.length > 0 && from !== '') return fail('error: cannot specify --from and command\n');
	const namespace = flag(parsed.flags, 'namespace') ?? 'default';
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
	const error = serverCreate(ctx, 'job', JOBS, job, namespace);
	if (error !== undefined) return fail(error);
	return ok(`job.batch/${name} created\n`, true);
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
