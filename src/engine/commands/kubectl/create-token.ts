/**
 * `kubectl create token SA [--duration=D] [--audience=A]… [--bound-object-kind=Pod|Secret|Node
 * --bound-object-name=N [--bound-object-uid=U]]` (kubectl pkg/cmd/create/create_token.go, v1.35):
 * a TokenRequest for the ServiceAccount's `token` subresource, whose answer's JWT kubectl prints
 * (with a newline, on a terminal), or the whole TokenRequest with `-o`.
 *
 * The API server's side (pkg/registry/core/serviceaccount/storage/token.go Create): the account
 * is looked up first (`serviceaccounts "x" not found`), then the request validated (10 minutes
 * to 2^32 seconds, an Invalid error naming no object: `TokenRequest.authentication.k8s.io ""`),
 * then the bound object. The claims are pkg/serviceaccount/claims.go's: iss, sub
 * `system:serviceaccount:NS:NAME`, aud, iat = nbf = now, exp = now + expirationSeconds, a jti,
 * and `kubernetes.io` with the namespace, the account (and the bound object, and a pod's node);
 * go-jose writes them as a map, keys sorted.
 *
 * The lab has no signing key, so it cannot sign: the token's header and claims are what the API
 * server would write, but its signature part is plainly a placeholder, which no verifier accepts.
 * A TokenRequest is not stored; its jti comes from a stream of its own, so the line is recorded
 * for time travel (`mutates`) to draw the same ids on replay.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { flag, parseFlags } from '../flags';
import { parseDuration } from '../durations';
import { goJson } from '../../manifests/json';
import type { JsonObject } from '../../manifests/types';
import { base64Utf8 } from '../../manifests/base64';
import { LAB_EPOCH_MS, rfc3339 } from '../../core/time';
import { uuid } from '../../core/ids';
import { fnv1a32, RandomStream } from '../../core/rng';
import { NODES } from '../../kubernetes/node-object';
import { PODS, SECRETS, SERVICEACCOUNTS } from '../../kubernetes/api/collections';
import {
	SERVICE_ACCOUNT_ISSUER,
	TOKEN_DEFAULT_EXPIRATION_SECONDS,
	TOKEN_MAX_EXPIRATION_SECONDS,
	TOKEN_MIN_EXPIRATION_SECONDS
} from '../../kubernetes/defaults';
import { unknownFlag } from './errors';
import { PRINT_FLAGS, printed, printingFor } from './dry-run';
import { nameCountError } from './create-generated';
import { contextNamespace } from './kubeconfig-state';
import { hasOwnKey } from '../../core/own-keys';

/** create_token.go boundObjectKinds, and where the lab keeps each (namespaced or not). */
const BOUND_KINDS: Readonly<Record<string, { collection: string; namespaced: boolean }>> = {
	Node: { collection: NODES, namespaced: false },
	Pod: { collection: PODS, namespaced: true },
	Secret: { collection: SECRETS, namespaced: true }
};

/** The bytes the lab puts where an RS256 signature goes: readable, and never a valid one. */
const PLACEHOLDER_SIGNATURE = 'orchestra-lab: simulated token, not signed by any key';

interface Meta {
	name?: string;
	uid?: string;
}

function base64Url(text: string): string {
	return base64Utf8(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The key id kube-apiserver puts in the header: base64url of the SHA-256 of its public key
 * (pkg/serviceaccount/jwt.go keyIDFromPublicKey), 43 characters. The lab has no key, so the id
 * is drawn from the lab's seed: the same for every token of one cluster, as a real one is.
 */
function keyId(seed: number): string {
	const random = new RandomStream(fnv1a32(`service-account-key/${seed}`));
	const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
	let id = '';
	for (let i = 0; i < 43; i++) id += ALPHABET[random.int(0, 63)];
	return id;
}

/** Validate (create_token.go): the client's own checks, or their error. */
function validate(
	seconds: number | undefined,
	audiences: readonly string[],
	kind: string,
	name: string,
	uid: string
): string | undefined {
	if (seconds !== undefined && seconds < 0) return '--duration must be greater than or equal to 0';
	if (seconds !== undefined && !Number.isInteger(seconds))
		return '--duration cannot be expressed in units less than seconds';
	if (audiences.some((a) => a === '')) return '--audience must not be an empty string';
	if (kind === '') {
		if (name !== '')
			return '--bound-object-name can only be set if --bound-object-kind is provided';
		if (uid !== '') return '--bound-object-uid can only be set if --bound-object-kind is provided';
		return undefined;
	}
	if (!hasOwnKey(BOUND_KINDS, kind))
		return `supported --bound-object-kind values are ${Object.keys(BOUND_KINDS).join(', ')}`;
	if (name === '') return '--bound-object-name is required if --bound-object-kind is provided';
	return undefined;
}

export function createToken(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		...PRINT_FLAGS.filter((f) => f.long !== 'dry-run'),
		{ long: 'namespace', short: 'n' },
		{ long: 'audience', repeatable: true },
		{ long: 'duration' },
		{ long: 'bound-object-kind' },
		{ long: 'bound-object-name' },
		{ long: 'bound-object-uid' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'create token'));
	const durationText = flag(parsed.flags, 'duration');
	const duration =
		durationText === undefined ? { ok: true as const, ms: 0 } : parseDuration(durationText);
	if (!duration.ok)
		return fail(
			unknownFlag(
				`invalid argument ${JSON.stringify(durationText)} for "--duration" flag: ${duration.error}`,
				'create token'
			)
		);
	const count = nameCountError(parsed.args, 'token');
	if (count !== undefined) return fail(count);
	const name = parsed.args[0]!;
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return fail(printing.error);
	const audiences = parsed.flags.get('audience') ?? [];
	const kind = flag(parsed.flags, 'bound-object-kind') ?? '';
	const boundName = flag(parsed.flags, 'bound-object-name') ?? '';
	const boundUid = flag(parsed.flags, 'bound-object-uid') ?? '';
	// Duration's own precision is the nanosecond; the lab's durations are whole milliseconds.
	const seconds = durationText === undefined || duration.ms === 0 ? undefined : duration.ms / 1000;
	const invalid = validate(seconds, audiences, kind, boundName, boundUid);
	if (invalid !== undefined) return fail(`error: ${invalid}\n`);
	const failed = (message: string) => fail(`error: failed to create token: ${message}\n`);
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	const store = ctx.kernel.store;
	const account = store.get<{ metadata?: Meta }>(SERVICEACCOUNTS, `${namespace}/${name}`);
	if (account === undefined) return failed(`serviceaccounts "${name}" not found`);
	const expiration = seconds ?? TOKEN_DEFAULT_EXPIRATION_SECONDS;
	const tooShort = expiration < TOKEN_MIN_EXPIRATION_SECONDS;
	if (tooShort || expiration > TOKEN_MAX_EXPIRATION_SECONDS)
		return failed(
			`TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: ${expiration}: may not specify a duration ${tooShort ? 'less than 10 minutes' : 'larger than 2^32 seconds'}`
		);
	const bound: JsonObject = {};
	if (kind !== '') {
		const where = BOUND_KINDS[kind]!;
		const object = store.get<{ metadata?: Meta; spec?: Pod['spec'] }>(
			where.collection,
			where.namespaced ? `${namespace}/${boundName}` : boundName
		);
		const plural = `${kind.toLowerCase()}s`;
		if (object === undefined) return failed(`${plural} "${boundName}" not found`);
		if (kind === 'Pod' && (object.spec?.serviceAccountName ?? 'default') !== name)
			return failed(
				`cannot bind token for serviceaccount "${name}" to pod running with different serviceaccount name.`
			);
		const uid = object.metadata?.uid ?? '';
		if (boundUid !== '' && boundUid !== uid)
			return failed(
				`Operation cannot be fulfilled on ${kind} "${boundName}": the UID in the bound object reference (${boundUid}) does not match the UID in record. The object might have been deleted and then recreated`
			);
		bound[kind.toLowerCase()] = { name: boundName, uid };
		const nodeName = kind === 'Pod' ? object.spec?.nodeName : undefined;
		if (nodeName !== undefined) {
			const node = store.get<{ metadata?: Meta }>(NODES, nodeName);
			bound.node = { name: nodeName, ...(node?.metadata?.uid ? { uid: node.metadata.uid } : {}) };
		}
	}
	const now = ctx.kernel.now;
	// JWT NumericDates: Unix seconds of the lab's wall clock.
	const iat = Math.floor((LAB_EPOCH_MS + now) / 1000);
	const auds = audiences.length > 0 ? [...audiences] : [SERVICE_ACCOUNT_ISSUER];
	const claims: JsonObject = {
		aud: auds,
		exp: iat + expiration,
		iat,
		iss: SERVICE_ACCOUNT_ISSUER,
		jti: uuid(ctx.kernel.rng.stream('apiserver/token-jti')),
		'kubernetes.io': {
			namespace,
			...bound,
			serviceaccount: { name, uid: account.metadata?.uid ?? '' }
		},
		nbf: iat,
		sub: `system:serviceaccount:${namespace}:${name}`
	};
	const header = { alg: 'RS256', kid: keyId(ctx.seed) };
	const token = [
		base64Url(goJson(header, true)),
		base64Url(goJson(claims, true)),
		base64Url(PLACEHOLDER_SIGNATURE)
	].join('.');
	if (printing.format === '') return ok(`${token}\n`, true);
	// authenticationv1.TokenRequest as the server answers it; metadata.uid is the account's
	// (kubernetes PR #132803, v1.34).
	const request = {
		kind: 'TokenRequest',
		apiVersion: 'authentication.k8s.io/v1',
		metadata: {
			name,
			namespace,
			uid: account.metadata?.uid ?? '',
			creationTimestamp: rfc3339(now)
		},
		spec: {
			audiences: auds,
			expirationSeconds: expiration,
			boundObjectRef:
				kind === ''
					? null
					: {
							kind,
							apiVersion: 'v1',
							name: boundName,
							...(boundUid !== '' ? { uid: boundUid } : {})
						}
		},
		status: { token, expirationTimestamp: rfc3339(now + expiration * 1000) }
	};
	return {
		...printed(printing, request, `tokenrequest.authentication.k8s.io/${name}`),
		mutates: true
	};
}
