/**
 * `kubectl create ingress NAME [--class=C] --rule="host/path=svc:port[,tls[=secret]]" …
 * [--default-backend=svc:port] [--annotation=k=v]` (kubectl pkg/cmd/create/create_ingress.go,
 * v1.35). Each rule must match ruleRegex (which is anchored at the start only); the path is what
 * follows the host's first `/`, `Exact` unless it ends in `*`, which is dropped for `Prefix`;
 * rules of one host share its paths; a rule with `,tls` adds its host to the TLS entry of its
 * secret (each host once, an empty secret meaning the controller's default certificate). A port
 * that is a number is `port.number`, else `port.name`. Server errors are wrapped:
 * `failed to create ingress: …`.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { flag } from '../flags';
import type { JsonObject } from '../../manifests/types';
import { sendGenerated, startGenerator, withSaveConfig } from './create-generated';
import { sortedMap } from '../../manifests/json';
import { contextNamespace } from './kubeconfig-state';
import { putOwn } from '../../core/own-keys';

/** create_ingress.go ruleRegex (regexHostPathSvc + regexTLS); Go's and JS's `\w` agree. */
const RULE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?/;

/** buildIngressBackendSvc with parseServiceBackendPort (intstr.Parse of the port). */
function backend(service: string): JsonObject {
	const [name, port] = service.split(':') as [string, string];
	const number = /^[+-]?\d+$/.test(port) ? Number(port) : undefined;
	return {
		service: { name, port: number !== undefined ? { number } : { name: port } }
	};
}

/** buildHTTPIngressPath: `/` + what follows the host, `Prefix` when it ends in `*`. */
function httpPath(pathAndService: string): JsonObject {
	const [rest, service] = pathAndService.split('=') as [string, string];
	const path = '/' + rest;
	const prefix = path.endsWith('*');
	return {
		path: prefix ? path.slice(0, -1) : path,
		pathType: prefix ? 'Prefix' : 'Exact',
		backend: backend(service)
	};
}

/** buildIngressRules: one rule per host, in the order hosts first appear. */
function ingressRules(rules: readonly string[]): JsonObject[] {
	const out: { host: string; paths: JsonObject[] }[] = [];
	for (const rule of rules) {
		const noTls = rule.split(',')[0]!;
		const slash = noTls.indexOf('/');
		const host = noTls.slice(0, slash);
		const path = httpPath(noTls.slice(slash + 1));
		const same = out.find((r) => r.host === host);
		if (same !== undefined) same.paths.push(path);
		else out.push({ host, paths: [path] });
	}
	return out.map((r) => ({ ...(r.host !== '' ? { host: r.host } : {}), http: { paths: r.paths } }));
}

/** buildTLSRules: hosts grouped by secret, each host once. */
function tlsRules(rules: readonly string[]): JsonObject[] {
	const out: { hosts: string[]; secretName: string }[] = [];
	const seen = new Set<string>();
	for (const rule of rules) {
		const parts = rule.split(',');
		if (parts.length !== 2) continue;
		const host = rule.split('/')[0]!;
		const secret = parts[1]!.split('=')[1] ?? '';
		if (seen.has(host)) continue;
		seen.add(host);
		const same = out.find((t) => t.secretName === secret);
		if (same !== undefined) same.hosts.push(host);
		else if (host !== '' || secret !== '')
			out.push({ hosts: host !== '' ? [host] : [], secretName: secret });
	}
	// networkingv1.IngressTLS: both omitempty.
	return out.map((t) => ({
		...(t.hosts.length > 0 ? { hosts: t.hosts } : {}),
		...(t.secretName !== '' ? { secretName: t.secretName } : {})
	}));
}

/** Validate, or undefined. */
function invalid(
	rules: readonly string[],
	annotations: readonly string[],
	defaultBackend: string
): string | undefined {
	if (defaultBackend === '' && rules.length === 0)
		return 'not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)';
	const bad = rules.find((r) => !RULE.test(r));
	if (bad !== undefined)
		return `rule ${bad} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`;
	const note = annotations.find((a) => !a.includes('='));
	if (note !== undefined)
		return `annotation ${note} is invalid and should be in format key=[value]`;
	if (defaultBackend !== '' && defaultBackend.split(':').length !== 2)
		return 'default-backend should be in format servicename:serviceport';
	return undefined;
}

export function createIngress(ctx: CommandContext, words: readonly string[]): CommandResult {
	const started = startGenerator(
		ctx,
		words,
		[
			{ long: 'class' },
			{ long: 'rule', repeatable: true },
			{ long: 'default-backend' },
			{ long: 'annotation', repeatable: true }
		],
		'ingress'
	);
	if ('refused' in started) return started.refused;
	const { name, flags, printing } = started;
	const rules = flags.get('rule') ?? [];
	const annotationFlags = flags.get('annotation') ?? [];
	const defaultBackend = flag(flags, 'default-backend') ?? '';
	const refused = invalid(rules, annotationFlags, defaultBackend);
	if (refused !== undefined) return fail(`error: ${refused}\n`);
	const annotations: Record<string, string> = {};
	for (const a of annotationFlags) {
		const eq = a.indexOf('=');
		putOwn(annotations, a.slice(0, eq), a.slice(eq + 1));
	}
	const ingressClass = flag(flags, 'class') ?? '';
	const tls = tlsRules(rules);
	const ruleList = ingressRules(rules);
	const namespaceFlag = flag(flags, 'namespace');
	// networkingv1.Ingress field order; `status.loadBalancer` is a struct, so it is always written.
	const built = withSaveConfig(flags, {
		kind: 'Ingress',
		apiVersion: 'networking.k8s.io/v1',
		metadata: {
			name,
			...(namespaceFlag !== undefined ? { namespace: namespaceFlag } : {}),
			...(Object.keys(annotations).length > 0 ? { annotations: sortedMap(annotations) } : {})
		},
		spec: {
			...(ingressClass !== '' ? { ingressClassName: ingressClass } : {}),
			...(defaultBackend !== '' ? { defaultBackend: backend(defaultBackend) } : {}),
			...(tls.length > 0 ? { tls } : {}),
			...(ruleList.length > 0 ? { rules: ruleList } : {})
		},
		status: { loadBalancer: {} }
	});
	return sendGenerated(
		ctx,
		printing,
		{ built, namespace: namespaceFlag ?? contextNamespace(ctx), wrap: 'failed to create ingress' },
		`ingress.networking.k8s.io/${name}`
	);
}
