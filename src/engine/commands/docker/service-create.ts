/**
 * `docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]` (docker/cli
 * cli/command/service/create.go). Flags stop at the image: what follows is the command.
 *
 * Like docker 28 it prints the daemon's warnings (stderr), the new service's ID, and then,
 * unless `-d/--detach`, waits for the service to converge and draws the progress display
 * (./service-progress.ts): the lab's clock runs while it waits.
 */
import { sentImage } from './service-image';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { afterWrite } from './service-progress';
import { mountsError, parseMountValues } from './mount-flag';
import { referencesFromFlag } from './references';
import { boolFlag, flag, parseFlags, type FlagSpec } from '../flags';
import { createService } from '../../swarm/control';
import type { ServiceSpec } from '../../swarm/spec';
import { STOP_GRACE_PERIOD_MS } from '../../swarm/defaults';
import { defaultRestartPolicy, defaultUpdateConfig } from './service-defaults';
import { serviceMode } from './service-mode';
import { msToNs } from '../../swarm/service-spec';
import { unknownFlag } from './errors';
import { applyContainerFlags } from './service-container-flags';
import { serviceEnv } from './service-env';
import { keyValues } from './key-values';
import { shellEnv } from '../shell-env';
import {
	CREATE_FLAGS,
	applySharedFlags,
	flagValueError,
	parseNetwork,
	parsePublish,
	parseTimeValueError,
	type NetworkAttachment,
	placementPref
} from './service-flags';

const USAGE = 'docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]';

/** Splits words at the first positional argument (pflag SetInterspersed(false)). */
export function splitAtImage(words: readonly string[], specs: readonly FlagSpec[]): number {
	const takesValue = new Set(specs.filter((s) => !s.bool).map((s) => `--${s.long}`));
	const shortValue = new Set(specs.filter((s) => !s.bool && s.short).map((s) => s.short!));
	for (let i = 0; i < words.length; i++) {
		const w = words[i]!;
		if (w === '--') return i + 1;
		if (!w.startsWith('-') || w === '-') return i;
		if (w.startsWith('--')) {
			if (!w.includes('=') && takesValue.has(w)) i++;
			continue;
		}
		// A shorthand cluster: its last letter may take the next word as value.
		const last = w[w.length - 1]!;
		if (w.length === 2 && shortValue.has(last)) i++;
	}
	return words.length;
}

export function dockerServiceCreate(ctx: CommandContext, words: readonly string[]): CommandResult {
	const cut = splitAtImage(words, CREATE_FLAGS);
	const parsed = parseFlags(words.slice(0, cut), CREATE_FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker service create', USAGE));
	if (boolFlag(parsed.flags, 'help')) return ok(`\nUsage:  ${USAGE}\n\nCreate a new service\n`);
	const rest = words.slice(cut);
	const [image, ...args] = [...parsed.args, ...rest];
	if (image === undefined) {
		return fail(
			`docker: 'docker service create' requires at least 1 argument\n\nUsage:  ${USAGE}\n\nSee 'docker service create --help' for more information\n`
		);
	}
	const f = parsed.flags;
	const early = parseTimeValueError(f, false);
	if (early !== undefined) return fail(flagValueError(early, 'docker service create', USAGE));
	// opts.go ToService reads the environment (makeEnv) before anything else.
	const env = serviceEnv(ctx, f.get('env-file') ?? [], f.get('env') ?? []);
	if (typeof env === 'string') return fail(env);
	// --mode is a plain string flag; opts.go ToServiceMode refuses other words after parsing.
	const mode = serviceMode(f);
	if (typeof mode === 'string') return fail(flagValueError(mode, 'docker service create', USAGE));
	const job = 'ReplicatedJob' in mode || 'GlobalJob' in mode;
	const name = flag(f, 'name') ?? generatedName(ctx);
	// The CLI sends its flags' defaults (opts.go defaultFlagValues), so `inspect` shows them.
	const spec: ServiceSpec = {
		Name: name,
		TaskTemplate: {
			ContainerSpec: {
				Image: image,
				...(args.length > 0 ? { Args: args } : {}),
				// Init and DNSConfig come from applyContainerFlags, always sent.
				StopGracePeriod: msToNs(STOP_GRACE_PERIOD_MS)
			},
			Resources: { Limits: {}, Reservations: {} },
			RestartPolicy: defaultRestartPolicy(),
			Placement: {},
			ForceUpdate: 0
		},
		Mode: mode,
		// Jobs take no update or rollback config (swarmkit controlapi validateJob).
		...(job ? {} : { UpdateConfig: defaultUpdateConfig(), RollbackConfig: defaultUpdateConfig() }),
		EndpointSpec: { Mode: 'vip' }
	};
	const labels = keyValues(f.get('label') ?? []);
	if (Object.keys(labels).length > 0) spec.Labels = labels;
	const containerLabels = keyValues(f.get('container-label') ?? []);
	if (Object.keys(containerLabels).length > 0)
		spec.TaskTemplate.ContainerSpec.Labels = containerLabels;
	if (env.length > 0) spec.TaskTemplate.ContainerSpec.Env = env;
	// A job's --replicas went into its mode already.
	const sharedFlags = job ? new Map([...f].filter(([k]) => k !== 'replicas')) : f;
	const shared = applySharedFlags(spec, sharedFlags);
	if (shared !== undefined) return fail(flagValueError(shared, 'docker service create', USAGE));
	applyContainerFlags(spec, f, shellEnv(ctx.kernel).vars, false);
	const constraints = f.get('constraint') ?? [];
	const prefs = [];
	for (const p of f.get('placement-pref') ?? []) {
		const pref = placementPref(p);
		if (typeof pref === 'string') return fail(flagValueError(pref, 'docker service create', USAGE));
		prefs.push(pref);
	}
	if (constraints.length > 0 || prefs.length > 0) {
		spec.TaskTemplate.Placement = {
			...(spec.TaskTemplate.Placement ?? {}),
			...(constraints.length > 0 ? { Constraints: constraints } : {}),
			...(prefs.length > 0 ? { Preferences: prefs } : {})
		};
	}
	const ports = [];
	for (const p of f.get('publish') ?? []) {
		const port = parsePublish(p);
		if (typeof port === 'string') return fail(flagValueError(port, 'docker service create', USAGE));
		ports.push(...port);
	}
	if (ports.length > 0) spec.EndpointSpec = { ...(spec.EndpointSpec ?? {}), Ports: ports };
	// Each value parsed already (parseTimeValueError), so only attachments come back here.
	const networks = (f.get('network') ?? []).map((n) => parseNetwork(n) as NetworkAttachment);
	if (networks.length > 0) spec.TaskTemplate.Networks = networks;
	const parsedMounts = parseMountValues(f.get('mount') ?? [], 'mount');
	if (!parsedMounts.ok)
		return fail(flagValueError(parsedMounts.error, 'docker service create', USAGE));
	const mounts = parsedMounts.mounts;
	const badMount = mountsError(mounts);
	if (badMount !== undefined) return fail(badMount);
	if (mounts.length > 0) spec.TaskTemplate.ContainerSpec.Mounts = mounts;
	// create.go runCreate: ParseSecrets, then setConfigs, after the other options.
	for (const kind of ['secret', 'config'] as const) {
		const refs = referencesFromFlag(ctx, f.get(kind) ?? [], kind, kind);
		if (!refs.ok) return fail(flagValueError(refs.error, 'docker service create', USAGE));
		if (refs.refs.length > 0) {
			spec.TaskTemplate.ContainerSpec[kind === 'secret' ? 'Secrets' : 'Configs'] = refs.refs;
		}
	}
	// create.go: the client queries the registry unless --no-resolve-image.
	const sent = sentImage(ctx.kernel, image, !boolFlag(f, 'no-resolve-image'));
	spec.TaskTemplate.ContainerSpec.Image = sent.image;
	const created = createService(ctx, spec);
	if (!created.ok) return fail(created.error + '\n');
	return afterWrite(ctx, {
		warning: sent.warning,
		line: `${created.id}\n`,
		ref: created.id,
		detach: boolFlag(f, 'detach'),
		quiet: boolFlag(f, 'quiet')
	});
}

/** Docker names an unnamed service with a random adjective_surname (namesgenerator). */
const ADJECTIVES = ['admiring', 'brave', 'clever', 'eager', 'focused', 'gifted', 'happy', 'keen'];
const SURNAMES = ['hopper', 'lovelace', 'turing', 'curie', 'shannon', 'ritchie', 'knuth', 'liskov'];

/**
 * Picked from the store's revision rather than a random stream: a line that then fails must
 * leave every stream where it was, or a replay would draw different numbers.
 */
function generatedName(ctx: CommandContext): string {
	const n = ctx.kernel.store.currentRevision;
	return `${ADJECTIVES[n % ADJECTIVES.length]}_${SURNAMES[Math.floor(n / ADJECTIVES.length) % SURNAMES.length]}`;
}
