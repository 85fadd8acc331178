/**
 * `kubectl config view|current-context|get-contexts|get-clusters|get-users|use-context`
 * (kubectl pkg/cmd/config) over the kubeconfig the lab's kubectl uses: kubeadm's admin.conf
 * (cmd/kubeadm/app/phases/kubeconfig: cluster `kubernetes`, user `kubernetes-admin`, context
 * `kubernetes-admin@kubernetes`). Its certificates are not modelled, so `view` shows them as
 * kubectl does without `--raw` (DATA+OMITTED) and `--raw` says it is not simulated. Changing
 * the kubeconfig (set-context, use-context of another context) is not simulated either.
 */
import { stringify } from 'yaml';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { KUBECTL_GET, tabwrite } from '../tabwriter';
import { API_SERVER_PORT } from '../../kubernetes/defaults';
import { notSimulated, unknownFlag } from './errors';

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
		contexts: [{ name: CONTEXT, context: { cluster: CLUSTER, user: USER } }],
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

function table(header: string, rows: readonly string[]): string {
	return tabwrite([header, ...rows].map((r) => r + '\n').join(''), KUBECTL_GET);
}

const SUBCOMMANDS: Record<
	string,
	(ctx: CommandContext, words: readonly string[]) => CommandResult
> = {
	view,
	'current-context': () => ok(`${CONTEXT}\n`),
	'get-contexts': (_ctx, words) => {
		const parsed = parseFlags(words, [
			{ long: 'output', short: 'o' },
			{ long: 'no-headers', bool: true }
		]);
		if (!parsed.ok) return fail(unknownFlag(parsed.error, 'config get-contexts'));
		for (const name of parsed.args) {
			if (name !== CONTEXT) return fail(`error: context ${name} not found\n`);
		}
		if (flag(parsed.flags, 'output') === 'name') return ok(`${CONTEXT}\n`);
		const row = `*\t${CONTEXT}\t${CLUSTER}\t${USER}\t`;
		if (boolFlag(parsed.flags, 'no-headers')) return ok(tabwrite(row + '\n', KUBECTL_GET));
		return ok(table('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE', [row]));
	},
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
	const run = SUBCOMMANDS[sub];
	if (run !== undefined) return run(ctx, rest);
	return fail(notSimulated(`config ${sub}`));
}
