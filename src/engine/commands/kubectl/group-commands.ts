/**
 * `kubectl create` and `kubectl set` given a word that is none of their subcommands. cobra runs
 * the group's own Run (after parsing the group's own flags), and that answers with
 * cmdutil.DefaultSubCommandRun's usage error; `create` first says it has no -f
 * (pkg/cmd/create/create.go NewCmdCreate, pkg/cmd/set/set.go, pkg/cmd/util/helpers.go).
 */
import { fail, type CommandResult } from '../context';
import { parseFlags, type FlagSpec } from '../flags';
import { unknownFlag, unknownSubcommand } from './errors';

/** Every subcommand name and alias of `kubectl create` (create.go AddCommand). */
const CREATE_SUBCOMMANDS = [
	'clusterrole',
	'clusterrolebinding',
	'configmap',
	'cm',
	'cronjob',
	'cj',
	'deployment',
	'deploy',
	'ingress',
	'ing',
	'job',
	'namespace',
	'ns',
	'poddisruptionbudget',
	'pdb',
	'priorityclass',
	'pc',
	'quota',
	'resourcequota',
	'role',
	'rolebinding',
	'secret',
	'service',
	'svc',
	'serviceaccount',
	'sa',
	'token'
];

/** The flags `kubectl create` itself takes, with kubectl's global -n/--namespace. */
const CREATE_OWN_FLAGS: readonly FlagSpec[] = [
	{ long: 'filename', short: 'f', repeatable: true },
	{ long: 'kustomize', short: 'k' },
	{ long: 'output', short: 'o' },
	{ long: 'selector', short: 'l' },
	{ long: 'namespace', short: 'n' },
	{ long: 'recursive', short: 'R', bool: true },
	{ long: 'dry-run' },
	{ long: 'edit', bool: true },
	{ long: 'raw' },
	{ long: 'save-config', bool: true },
	{ long: 'show-managed-fields', bool: true },
	{ long: 'template' },
	{ long: 'validate' },
	{ long: 'windows-line-endings', bool: true },
	{ long: 'field-manager' },
	{ long: 'allow-missing-template-keys', bool: true }
];

/** `kubectl set` subcommands and aliases (set.go); `set` has no flags of its own. */
const SET_SUBCOMMANDS = [
	'env',
	'image',
	'resources',
	'selector',
	'serviceaccount',
	'sa',
	'subject'
];

/** kubectl's answer when `what` is not a `create` subcommand; undefined when it is one. */
export function unknownCreate(what: string, words: readonly string[]): CommandResult | undefined {
	if (CREATE_SUBCOMMANDS.includes(what)) return undefined;
	const own = parseFlags(words, CREATE_OWN_FLAGS);
	if (!own.ok) return fail(unknownFlag(own.error, 'create'));
	return fail('Error: must specify one of -f and -k\n\n' + unknownSubcommand('create', own.args));
}

/** kubectl's answer when `what` is not a `set` subcommand; undefined when it is one. */
export function unknownSet(what: string, words: readonly string[]): CommandResult | undefined {
	if (what.startsWith('-') || SET_SUBCOMMANDS.includes(what)) return undefined;
	const own = parseFlags(words, [{ long: 'namespace', short: 'n' }]);
	if (!own.ok) return fail(unknownFlag(own.error, 'set'));
	return fail(unknownSubcommand('set', own.args));
}
