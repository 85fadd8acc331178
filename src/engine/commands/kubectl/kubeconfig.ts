/**
 * `kubectl config view|current-context|get-contexts|get-clusters|get-users|use-context|set-context`
 * (kubectl pkg/cmd/config) over the kubeconfig the lab's kubectl uses: kubeadm's admin.conf
 * (cmd/kubeadm/app/phases/kubeconfig: cluster `kubernetes`, user `kubernetes-admin`, context
 * `kubernetes-admin@kubernetes`). Its certificates are not modelled, so `view` shows them as
 * kubectl does without `--raw` (DATA+OMITTED) and `--raw` says it is not simulated.
 * `set-context --current --namespace=NS` sets the context's namespace (./kubeconfig-state.ts);
 * other changes (new contexts, clusters, users) are not simulated.
 */
import { stringify } from 'yaml';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { KUBECTL_GET, tabwrite } from '../tabwriter';
import { API_SERVER_PORT } from '../../kubernetes/defaults';
import { notSimulated, unknownFlag } from './errors';
import { kubeconfigState } from './kubeconfig-state';
import { ownValue } from '../../core/own-keys';

const CLUSTER = 'kubernetes';
const USER = 'kubernetes-admin';
export const CONTEXT = `${USER}@${CLUSTER}`;
const OMITTED = 'DATA+OMITTED';

/** clientcmd/api/v1 Config, in its JSON field order; `yaml` output sorts the keys. */
function kubeconfig(ctx: CommandContext): Record<string, unknown> {
	return {
		kind: 'Config',
		apiVersion: 'v1',
		preferences: {},
		clusters: [
			{
				name: CLUSTER,
				cluster: {
					server: `https://${ctx.kubernetes!.controlPlanes[0]}:${API_SERVER_PORT}`,
					'certificate-authority-data': OMITTED
				}
			}
		],
		users: [
			{
				name: USER,
				user: { 'client-certificate-data': OMITTED, 'client-key-data': OMITTED }
			}
		],
		contexts: [{ name: CONTEXT, context: { cluster: CLUSTER, ...namespaced(ctx), user: USER } }],
		'current-context': CONTEXT
	};
}

/** sigs.k8s.io/yaml: JSON turned to YAML with every map's keys sorted. */
function sortedYaml(value: unknown): string {
	const sort = (v: unknown): unknown => {
		if (Array.isArray(v)) return v.map(sort);
		if (v !== null && typeof v === 'object') {
			const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
				a < b ? -1 : a > b ? 1 : 0
			);
			return Object.fromEntries(entries.map(([k, x]) => [k, sort(x)]));
		}
		return v;
	};
	return stringify(sort(value), { indentSeq: false });
}

function view(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'output', short: 'o' },
		{ long: 'minify', bool: true },
		{ long: 'flatten', bool: true },
		{ long: 'raw', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'config view'));
	if (boolFlag(parsed.flags, 'raw')) return fail(notSimulated('config view --raw'));
	const output = flag(parsed.flags, 'output') ?? 'yaml';
	if (output === 'json') return ok(JSON.stringify(kubeconfig(ctx), null, 4) + '\n');
	if (output !== 'yaml') return fail(notSimulated(`config view -o ${output}`));
	return ok(sortedYaml(kubeconfig(ctx)));
}

/** The context's namespace field, when the learner set one. */
function namespaced(ctx: CommandContext): { namespace?: string } {
	const namespace = kubeconfigState(ctx.kernel).namespace;
	return namespace === undefined ? {} : { namespace };
}

/**
 * `kubectl config set-context (--current | NAME) --namespace=NS` (create_context.go): the one
 * context's namespace, which later commands use without `-n`. kubectl writes the kubeconfig
 * and asks the cluster nothing, so a namespace that does not exist is taken as it is; an empty
 * value removes the field. Other contexts and fields are not simulated.
 */
function setContext(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'current', bool: true },
		{ long: 'namespace', short: 'n' },
		{ long: 'cluster' },
		{ long: 'user' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'config set-context'));
	const current = boolFlag(parsed.flags, 'current');
	const [name, ...extra] = parsed.args;
	if (current && name !== undefined)
		return fail('error: you cannot specify both a context name and --current\n');
	if (extra.length > 0) return fail(`error: unexpected args: [${extra.join(' ')}]\n`);
	if (!current && name === undefined)
		return fail('error: you must specify a non-empty context name or --current\n');
	if (name !== undefined && name !== CONTEXT)
		return fail(notSimulated('config set-context of another context'));
	if (flag(parsed.flags, 'cluster') !== undefined || flag(parsed.flags, 'user') !== undefined)
		return fail(notSimulated('config set-context --cluster/--user'));
	const namespace = flag(parsed.flags, 'namespace');
	if (namespace !== undefined)
		kubeconfigState(ctx.kernel).namespace = namespace === '' ? undefined : namespace;
	return ok(`Context "${CONTEXT}" modified.\n`, true);
}

function table(header: string, rows: readonly string[]): string {
	return tabwrite([header, ...rows].map((r) => r + '\n').join(''), KUBECTL_GET);
}

const SUBCOMMANDS: Record<
	string,
	(ctx: CommandContext, words: readonly string[]) => CommandResult
> = {
	view,
	'current-context': () => ok(`${CONTEXT}\n`),
	'get-contexts': (ctx, words) => {
		const parsed = parseFlags(words, [
			{ long: 'output', short: 'o' },
			{ long: 'no-headers', bool: true }
		]);
		if (!parsed.ok) return fail(unknownFlag(parsed.error, 'config get-contexts'));
		for (const name of parsed.args) {
			if (name !== CONTEXT) return fail(`error: context ${name} not found\n`);
		}
		if (flag(parsed.flags, 'output') === 'name') return ok(`${CONTEXT}\n`);
		const row = `*\t${CONTEXT}\t${CLUSTER}\t${USER}\t${kubeconfigState(ctx.kernel).namespace ?? ''}`;
		if (boolFlag(parsed.flags, 'no-headers')) return ok(tabwrite(row + '\n', KUBECTL_GET));
		return ok(table('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE', [row]));
	},
	'set-context': setContext,
	'get-clusters': () => ok(`NAME\n${CLUSTER}\n`),
	'get-users': () => ok(`NAME\n${USER}\n`),
	'use-context': (_ctx, words) => {
		const name = words[0];
		if (name === undefined) return fail('error: unexpected args: []\n');
		if (name !== CONTEXT) return fail(`error: no context exists with the name: "${name}"\n`);
		return ok(`Switched to context "${CONTEXT}".\n`);
	}
};

export function kubectlConfig(ctx: CommandContext, words: readonly string[]): CommandResult {
	const [sub, ...rest] = words;
	if (sub === undefined) return fail(notSimulated('config'));
	const run = ownValue(SUBCOMMANDS, sub);
	if (run !== undefined) return run(ctx, rest);
	return fail(notSimulated(`config ${sub}`));
}
