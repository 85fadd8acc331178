/**
 * `kubectl create quota NAME [--hard=cpu=1,memory=1G,pods=2] [--scopes=BestEffort,…]`
 * (kubectl pkg/cmd/create/create_quota.go): --hard is read by populateResourceListV1 (`key=value`
 * pairs, each value a resource.Quantity), --scopes split on commas; the object then goes through
 * the API server's decode, validation and admission like a file's.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { flag, parseFlags } from '../flags';
import { readManifests } from '../../manifests/index';
import { parseQuantity } from '../../manifests/quantity';
import { namespaceExists, terminatingRefusal } from './apply';
import { unknownFlag } from './errors';
import { PRINT_FLAGS, printed, printingFor, serverDryRunObject, withBareDryRun } from './dry-run';
import { QUOTAS } from '../../kubernetes/controllers/resource-quota-controller';
import { createAdmission } from './create-admission';
import { contextNamespace } from './kubeconfig-state';

/** populateResourceListV1: the hard limits, or kubectl's error. */
function hardList(spec: string): Record<string, string> | string {
	const hard: Record<string, string> = {};
	if (spec === '') return hard;
	for (const statement of spec.split(',')) {
		const parts = statement.split('=');
		if (parts.length !== 2)
			return `error: Invalid argument syntax ${statement}, expected <resource>=<value>\n`;
		const parsed = parseQuantity(parts[1]!);
		if ('error' in parsed) return `error: ${parsed.error}\n`;
		hard[parts[0]!] = parts[1]!;
	}
	return hard;
}

export function createQuota(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(withBareDryRun(words), [
		...PRINT_FLAGS,
		{ long: 'namespace', short: 'n' },
		{ long: 'hard' },
		{ long: 'scopes' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'create quota'));
	if (parsed.args.length !== 1)
		return fail(
			`error: exactly one NAME is required, got ${parsed.args.length}\nSee 'kubectl create quota -h' for help and examples\n`
		);
	const name = parsed.args[0]!;
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return fail(printing.error);
	const namespaceFlag = flag(parsed.flags, 'namespace');
	const namespace = namespaceFlag ?? contextNamespace(ctx);
	const hard = hardList(flag(parsed.flags, 'hard') ?? '');
	if (typeof hard === 'string') return fail(hard);
	const scopesText = flag(parsed.flags, 'scopes') ?? '';
	const scopes = scopesText === '' ? [] : scopesText.split(',');
	const built = {
		apiVersion: 'v1',
		kind: 'ResourceQuota',
		metadata: { name },
		spec: { hard, ...(scopes.length > 0 ? { scopes } : {}) }
	};
	const what = `resourcequota/${name}`;
	// create_quota.go: the namespace only with -n; ResourceQuotaStatus prints as `{}`.
	if (printing.strategy === 'client') {
		const metadata = { name, ...(namespaceFlag !== undefined ? { namespace } : {}) };
		return printed(printing, { ...built, metadata, status: {} }, what);
	}
	const read = readManifests(JSON.stringify(built), '', { namespace });
	const object = read.objects[0];
	if (!read.ok || object === undefined) return fail(read.ok ? '' : read.error);
	if (!namespaceExists(ctx, namespace))
		return fail(`Error from server (NotFound): namespaces "${namespace}" not found\n`);
	const terminating = terminatingRefusal(ctx, namespace, 'resourcequotas', name);
	if (terminating !== undefined) return fail(`Error from server (Forbidden): ${terminating}\n`);
	const api = ctx.kubernetes!.apiServer;
	if (api.get(QUOTAS, namespace, name) !== undefined)
		return fail(`Error from server (AlreadyExists): resourcequotas "${name}" already exists\n`);
	const refused = createAdmission(ctx, object);
	if (refused !== undefined) return fail(`Error from server (Forbidden): ${refused}\n`);
	if (printing.strategy === 'server')
		return printed(printing, serverDryRunObject(ctx, object, namespace), what);
	return printed(printing, api.create(QUOTAS, object), what);
}
