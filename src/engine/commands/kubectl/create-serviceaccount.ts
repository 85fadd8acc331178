/**
 * `kubectl create serviceaccount NAME` (kubectl pkg/cmd/create/create_serviceaccount.go): the
 * object goes through the manifest pipeline like a file's, and every API error comes back as
 * `error: failed to create serviceaccount: <the server's message>`.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { flag, parseFlags } from '../flags';
import { readManifests } from '../../manifests/index';
import { namespaceExists, terminatingRefusal } from './apply';
import { unknownFlag } from './errors';
import { PRINT_FLAGS, printed, printingFor, serverDryRunObject, withBareDryRun } from './dry-run';
import { SERVICEACCOUNTS } from './builtin-kind-printers';
import { serviceAccountExists } from './service-accounts';
import { createAdmission } from './create-admission';
import { contextNamespace } from './kubeconfig-state';

const failed = (message: string) =>
	fail(
		`error: failed to create serviceaccount: ${message.replace(/^The /, '').replace(/\n$/, '')}\n`
	);

export function createServiceAccount(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(withBareDryRun(words), [
		{ long: 'namespace', short: 'n' },
		...PRINT_FLAGS
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'create serviceaccount'));
	if (parsed.args.length !== 1)
		return fail(
			`error: exactly one NAME is required, got ${parsed.args.length}\nSee 'kubectl create serviceaccount -h' for help and examples\n`
		);
	const name = parsed.args[0]!;
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return fail(printing.error);
	const namespaceFlag = flag(parsed.flags, 'namespace');
	const namespace = namespaceFlag ?? contextNamespace(ctx);
	const what = `serviceaccount/${name}`;
	// create_serviceaccount.go: the name, and the namespace only with -n.
	if (printing.strategy === 'client')
		return printed(
			printing,
			{
				apiVersion: 'v1',
				kind: 'ServiceAccount',
				metadata: { name, ...(namespaceFlag !== undefined ? { namespace } : {}) }
			},
			what
		);
	const read = readManifests(
		JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } }),
		'',
		{ namespace }
	);
	const object = read.objects[0];
	if (!read.ok || object === undefined) return failed(read.ok ? '' : read.error);
	if (!namespaceExists(ctx, namespace)) return failed(`namespaces "${namespace}" not found`);
	const terminating = terminatingRefusal(ctx, namespace, 'serviceaccounts', name);
	if (terminating !== undefined) return failed(terminating);
	if (serviceAccountExists(ctx, namespace, name))
		return failed(`serviceaccounts "${name}" already exists`);
	const refused = createAdmission(ctx, object);
	if (refused !== undefined) return failed(refused);
	if (printing.strategy === 'server')
		return printed(printing, serverDryRunObject(ctx, object, namespace), what);
	return printed(printing, ctx.kubernetes!.apiServer.create(SERVICEACCOUNTS, object), what);
}
