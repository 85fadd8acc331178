/**
 * The kube-webhook-certgen image (registry.k8s.io/ingress-nginx/kube-webhook-certgen; before it
 * docker.io/jettech/kube-webhook-certgen), which ingress-nginx's and other charts' Jobs run once
 * at install. Its two sub-commands, from kubernetes/ingress-nginx images/kube-webhook-certgen/
 * rootfs/cmd (create.go, patch.go, root.go) and pkg/k8s/k8s.go:
 * - `create --host=… --namespace=NS --secret-name=NAME [--cert-name=cert] [--key-name=key]`:
 *   when the Secret is absent, generates a CA and a serving certificate for the hosts and saves
 *   the Secret with the keys `ca`, CERT-NAME and KEY-NAME (SaveCertsToSecret); when it exists
 *   ("secret already exists") changes nothing. Exits 0.
 * - `patch --webhook-name=NAME --namespace=NS --secret-name=NAME [--patch-validating=true]
 *   [--patch-mutating=true] [--patch-failure-policy=Fail|Ignore]`: reads `ca` from the Secret
 *   (GetCaFromSecret; none: log.Fatalf, exit 1, and the Job's pod retries) and sets it as every
 *   webhook's clientConfig.caBundle of the named configurations, with the failure policy when
 *   one is given (PatchWebhookConfigurations; a configuration it cannot get: log.Fatal, exit 1).
 *
 * It talks to the API server as the pod's ServiceAccount; the lab models no RBAC denial (its
 * kubectl is cluster-admin and the manifests that run this image grant what it needs), so its
 * writes go through. The certificates are random-looking PEM text drawn from the lab's seed: the
 * lab does no cryptography. Its log lines are not modelled (nothing is printed).
 */
import type { Container, Pod, Secret } from 'kubernetes-types/core/v1';
import type {
	MutatingWebhookConfiguration,
	ValidatingWebhookConfiguration
} from 'kubernetes-types/admissionregistration/v1';
import type { Kernel } from '../../core/kernel';
import type { RandomStream } from '../../core/rng';
import type { ApiServer } from '../api/api-server';
import { MUTATING_WEBHOOKS, SECRETS, VALIDATING_WEBHOOKS } from '../api/collections';
import { base64Utf8 } from '../../manifests/base64';
import type { ClientRun } from './container-clients';
import { containerEnv } from './container-env';

/** The argv[0] container-program.ts gives the image's program, so the client runner knows it. */
export const CERTGEN_PROGRAM = 'kube-webhook-certgen';

/** Whether an image (its repository, without tag or digest) is kube-webhook-certgen. */
export function isCertgenImage(repository: string): boolean {
	return /(^|\/)kube-webhook-certgen$/.test(repository);
}

/** `--name=value` and `--name value` (cobra/pflag), the last one winning. */
function flags(args: readonly string[]): Map<string, string> {
	const out = new Map<string, string>();
	for (let i = 0; i < args.length; i++) {
		const a = args[i]!;
		if (!a.startsWith('--')) continue;
		const eq = a.indexOf('=');
		if (eq >= 0) out.set(a.slice(2, eq), a.slice(eq + 1));
		else if (i + 1 < args.length && !args[i + 1]!.startsWith('--')) out.set(a.slice(2), args[++i]!);
		else out.set(a.slice(2), 'true');
	}
	return out;
}

const OK: ClientRun = { lines: [], code: 0 };
const FATAL: ClientRun = { lines: [], code: 1 };

/** Runs `kube-webhook-certgen ARGS` for the pod; undefined for a sub-command it does not model. */
export function runCertgen(
	kernel: Kernel,
	api: ApiServer,
	pod: Pod,
	container: Container,
	args: readonly string[]
): ClientRun | undefined {
	// The kubelet expands `$(POD_NAMESPACE)` in args from the container's environment (its
	// fieldRefs known now that the pod runs); `$$` stays a `$`.
	const env = new Map(
		containerEnv(kernel.store, pod, container, kernel.now).map((line) => {
			const eq = line.indexOf('=');
			return [line.slice(0, eq), line.slice(eq + 1)] as const;
		})
	);
	const expanded = args.map((a) =>
		a.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string | undefined) =>
			name === undefined ? '$' : (env.get(name) ?? whole)
		)
	);
	const [sub, ...rest] = expanded;
	const f = flags(rest);
	const namespace = f.get('namespace') ?? pod.metadata?.namespace ?? 'default';
	const secretName = f.get('secret-name') ?? '';
	if (sub === 'create') return create(kernel, api, namespace, secretName, f);
	if (sub === 'patch') return patch(api, namespace, secretName, f);
	return undefined;
}

function create(
	kernel: Kernel,
	api: ApiServer,
	namespace: string,
	name: string,
	f: Map<string, string>
): ClientRun {
	if (api.get<Secret>(SECRETS, namespace, name) !== undefined) return OK; // secret already exists
	const random = kernel.rng.stream('kubernetes/webhook-certgen');
	const secret: Secret = {
		apiVersion: 'v1',
		kind: 'Secret',
		metadata: { name, namespace },
		data: {
			ca: base64Utf8(pem('CERTIFICATE', 560, random)),
			[f.get('cert-name') ?? 'cert']: base64Utf8(pem('CERTIFICATE', 720, random)),
			[f.get('key-name') ?? 'key']: base64Utf8(pem('EC PRIVATE KEY', 160, random))
		},
		type: 'Opaque'
	};
	api.create(SECRETS, secret);
	return OK;
}

function patch(
	api: ApiServer,
	namespace: string,
	secretName: string,
	f: Map<string, string>
): ClientRun {
	const policy = f.get('patch-failure-policy') ?? '';
	if (policy !== '' && policy !== 'Fail' && policy !== 'Ignore') return FATAL;
	const validating = f.get('patch-validating') !== 'false';
	const mutating = f.get('patch-mutating') !== 'false';
	if (!validating && !mutating) return FATAL;
	const ca = api.get<Secret>(SECRETS, namespace, secretName)?.data?.ca;
	if (ca === undefined) return FATAL; // no secret with '…' in '…'
	const name = f.get('webhook-name') ?? '';
	const targets = [
		...(validating ? [VALIDATING_WEBHOOKS] : []),
		...(mutating ? [MUTATING_WEBHOOKS] : [])
	];
	for (const collection of targets) {
		const config = api.get<ValidatingWebhookConfiguration | MutatingWebhookConfiguration>(
			collection,
			'',
			name
		);
		if (config === undefined) return FATAL; // failed getting … webhook
		// CABundle is a []byte: the Secret's `ca` bytes, which JSON carries base64-encoded as the
		// Secret's data does.
		const webhooks = (config.webhooks ?? []).map((hook) => ({
			...hook,
			clientConfig: { ...hook.clientConfig, caBundle: ca },
			...(policy !== '' ? { failurePolicy: policy } : {})
		}));
		api.update(collection, { ...config, webhooks }, true);
	}
	return OK;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A PEM block of `length` base64 characters drawn from the stream (no real key material). */
function pem(type: string, length: number, random: RandomStream): string {
	let body = '';
	for (let i = 0; i < length; i++) body += B64[Math.floor(random.next() * 64)];
	const lines: string[] = [];
	for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
	return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}
