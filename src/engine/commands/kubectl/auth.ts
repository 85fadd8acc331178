/**
 * `kubectl auth can-i` and `kubectl auth whoami` (kubectl pkg/cmd/auth) as kubeadm's admin.conf
 * user: `kubernetes-admin` in the group `kubeadm:cluster-admins`, bound to cluster-admin, so
 * every request is allowed — what a real kubeadm cluster answers (kubeadm v1.29+).
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, parseFlags } from '../flags';
import { KUBECTL_GET, tabwrite } from '../tabwriter';
import { sha256Hex } from '../../images/sha256';
import { notSimulated, unknownFlag } from './errors';
import { resolveType } from './resources';

const CAN_I_USAGE =
	"error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n";

function canI(words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'namespace', short: 'n' },
		{ long: 'all-namespaces', short: 'A', bool: true },
		{ long: 'quiet', short: 'q', bool: true },
		{ long: 'list', bool: true },
		{ long: 'subresource' },
		{ long: 'as' },
		{ long: 'as-group', repeatable: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'auth can-i'));
	if (boolFlag(parsed.flags, 'list')) return fail(notSimulated('auth can-i --list'));
	// Impersonating another user needs the lab to evaluate RBAC, which it does not.
	if (parsed.flags.has('as') || parsed.flags.has('as-group'))
		return fail(notSimulated('auth can-i --as'));
	if (parsed.args.length !== 2) return fail(CAN_I_USAGE);
	const target = parsed.args[1]!;
	const quiet = boolFlag(parsed.flags, 'quiet');
	const answer = quiet ? '' : 'yes\n';
	// A non-resource URL (`/logs`) is not looked up; an unknown type is warned about, then asked.
	if (target.startsWith('/')) return ok(answer);
	const type = target.split('/')[0]!;
	if (resolveType(type) === undefined) {
		return {
			ok: true,
			output: answer,
			error: `Warning: the server doesn't have a resource type '${type}'\n`,
			interleaved: [
				{ stream: 'stderr', text: `Warning: the server doesn't have a resource type '${type}'\n` },
				{ stream: 'stdout', text: answer }
			]
		};
	}
	return ok(answer);
}

function whoami(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [{ long: 'output', short: 'o' }]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'auth whoami'));
	if (parsed.flags.has('output')) return fail(notSimulated('auth whoami -o'));
	// The client certificate's fingerprint: the lab's certificates are made up, one per seed.
	const fingerprint = sha256Hex(`kubernetes-admin.crt/${ctx.seed}`);
	const rows = [
		'ATTRIBUTE\tVALUE',
		'Username\tkubernetes-admin',
		'Groups\t[kubeadm:cluster-admins system:authenticated]',
		`Extra: authentication.kubernetes.io/credential-id\t[X509SHA256=${fingerprint}]`
	];
	return ok(tabwrite(rows.map((r) => r + '\n').join(''), KUBECTL_GET));
}

export function kubectlAuth(ctx: CommandContext, words: readonly string[]): CommandResult {
	const [sub, ...rest] = words;
	if (sub === 'can-i') return canI(rest);
	if (sub === 'whoami') return whoami(ctx, rest);
	return fail(notSimulated(sub === undefined ? 'auth' : `auth ${sub}`));
}
