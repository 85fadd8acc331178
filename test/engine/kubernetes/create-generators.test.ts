/**
 * `kubectl create role|clusterrole|rolebinding|clusterrolebinding|pdb|ingress|token`, as kubectl
 * v1.35 builds, validates and prints them (staging/src/k8s.io/kubectl/pkg/cmd/create/
 * create_role.go, create_clusterrole.go, create_rolebinding.go, create_clusterrolebinding.go,
 * create_pdb.go, create_ingress.go, create_token.go), and what the objects then do in the lab.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, state, succeeds } from '../lab-helpers';

const yaml = (lines: string[]) => lines.join('\n') + '\n';

/** A client dry run: printed, and nothing in the lab changes. */
function dryRun(lab: Lab, line: string): string {
	const before = state(lab);
	const out = succeeds(lab, line).output;
	expect(state(lab)).toEqual(before);
	return out;
}

describe('kubectl create role', () => {
	it('maps short names and groups through discovery: one rule per API group, groups sorted', () => {
		const lab = createLab({ seed: 1 });
		const out = dryRun(
			lab,
			'kubectl create role pod-reader --verb=get,list --verb=watch --verb=get --resource=deployments.apps,po,pods/log --dry-run=client -o yaml'
		);
		expect(out).toBe(
			yaml([
				'apiVersion: rbac.authorization.k8s.io/v1',
				'kind: Role',
				'metadata:',
				'  name: pod-reader',
				'rules:',
				'- apiGroups:',
				'  - ""',
				'  resources:',
				'  - pods',
				'  - pods/log',
				'  verbs:',
				'  - get',
				'  - list',
				'  - watch',
				'- apiGroups:',
				'  - apps',
				'  resources:',
				'  - deployments',
				'  verbs:',
				'  - get',
				'  - list',
				'  - watch'
			])
		);
	});

	it('keeps resource names, puts the namespace in only with -n, and `*` stands for every verb', () => {
		const lab = createLab({ seed: 1 });
		const role = JSON.parse(
			dryRun(
				lab,
				'kubectl create role r -n kube-system --verb=get --verb=* --resource=secrets --resource-name=a --resource-name=b --resource-name=a --dry-run=client -o json'
			)
		) as { metadata: { namespace?: string }; rules: unknown[] };
		expect(role.metadata.namespace).toBe('kube-system');
		expect(role.rules).toEqual([
			{ apiGroups: [''], resourceNames: ['a', 'b'], resources: ['secrets'], verbs: ['*'] }
		]);
	});

	it('is created, listed and described with its rule', () => {
		const lab = createLab({ seed: 1 });
		expect(
			succeeds(lab, 'kubectl create role pod-reader --verb=get,list --resource=pods').output
		).toBe('role.rbac.authorization.k8s.io/pod-reader created\n');
		expect(succeeds(lab, 'kubectl get roles').output).toMatch(
			/^NAME\s+CREATED AT\npod-reader\s+2026-/
		);
		expect(succeeds(lab, 'kubectl describe role pod-reader').output).toBe(
			yaml([
				'Name:         pod-reader',
				'Labels:       <none>',
				'Annotations:  <none>',
				'PolicyRule:',
				'  Resources  Non-Resource URLs  Resource Names  Verbs',
				'  ---------  -----------------  --------------  -----',
				'  pods       []                 []              [get list]'
			])
		);
		// Role errors are the API server's own, unwrapped.
		expect(fails(lab, 'kubectl create role pod-reader --verb=get --resource=pods').error).toBe(
			'Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "pod-reader" already exists\n'
		);
		expect(fails(lab, 'kubectl create role r --verb=get --resource=pods -n nope').error).toBe(
			'Error from server (NotFound): namespaces "nope" not found\n'
		);
	});

	it('warns about a verb outside the standard list but creates the role (PR #92492)', () => {
		const lab = createLab({ seed: 1 });
		const r = succeeds(lab, 'kubectl create role r --verb=foo --resource=pods');
		expect(r.error).toBe("Warning: 'foo' is not a standard resource verb\n");
		expect(r.output).toBe('role.rbac.authorization.k8s.io/r created\n');
	});

	it('refuses what create_role.go refuses, and changes nothing', () => {
		const lab = createLab({ seed: 1 });
		const error = (line: string) => fails(lab, line).error;
		expect(error('kubectl create role r --resource=pods')).toBe(
			'error: at least one verb must be specified\n'
		);
		expect(error('kubectl create role r --verb=get')).toBe(
			'error: at least one resource must be specified\n'
		);
		// The RESTMapper's NoResourceMatchError: CheckErr prints it without `error: `.
		expect(error('kubectl create role r --verb=get --resource=foo')).toBe(
			'the server doesn\'t have a resource type "foo"\n'
		);
		expect(error('kubectl create role r --verb=get --resource=deployments.extensions')).toBe(
			'the server doesn\'t have a resource type "deployments" in group "extensions"\n'
		);
		expect(error('kubectl create role r --verb=use --resource=pods')).toBe(
			"error: can not perform 'use' on 'pods' in group ''\n"
		);
		expect(error('kubectl create role r --verb=get --resource=.apps')).toBe(
			'error: resource must be specified if apiGroup/subresource specified\n'
		);
		expect(error('kubectl create role --verb=get --resource=pods')).toBe(
			"error: exactly one NAME is required, got 0\nSee 'kubectl create role -h' for help and examples\n"
		);
		// The warning comes first even when the command then fails.
		expect(error('kubectl create role r --verb=foo --resource=nothing')).toBe(
			"Warning: 'foo' is not a standard resource verb\nthe server doesn't have a resource type \"nothing\"\n"
		);
	});
});

describe('kubectl create clusterrole', () => {
	it('adds a rule for non-resource URLs, and an aggregated role has `rules: null`', () => {
		const lab = createLab({ seed: 1 });
		expect(
			dryRun(
				lab,
				'kubectl create clusterrole cr --verb=get --resource=nodes --non-resource-url=/healthz,/logs/* --dry-run=client -o yaml'
			)
		).toBe(
			yaml([
				'apiVersion: rbac.authorization.k8s.io/v1',
				'kind: ClusterRole',
				'metadata:',
				'  name: cr',
				'rules:',
				'- apiGroups:',
				'  - ""',
				'  resources:',
				'  - nodes',
				'  verbs:',
				'  - get',
				'- nonResourceURLs:',
				'  - /healthz',
				'  - /logs/*',
				'  verbs:',
				'  - get'
			])
		);
		expect(
			dryRun(
				lab,
				'kubectl create clusterrole monitoring --aggregation-rule=rbac.example.com/aggregate-to-monitoring=true --dry-run=client -o yaml'
			)
		).toBe(
			yaml([
				'aggregationRule:',
				'  clusterRoleSelectors:',
				'  - matchLabels:',
				'      rbac.example.com/aggregate-to-monitoring: "true"',
				'apiVersion: rbac.authorization.k8s.io/v1',
				'kind: ClusterRole',
				'metadata:',
				'  name: monitoring',
				'rules: null'
			])
		);
	});

	it('is stored cluster-wide; `get clusterrole NAME` and describe answer for it', () => {
		const lab = createLab({ seed: 1 });
		expect(succeeds(lab, 'kubectl create clusterrole cr --verb=get --resource=nodes').output).toBe(
			'clusterrole.rbac.authorization.k8s.io/cr created\n'
		);
		expect(succeeds(lab, 'kubectl get clusterrole cr -o name').output).toBe(
			'clusterrole.rbac.authorization.k8s.io/cr\n'
		);
		expect(succeeds(lab, 'kubectl describe clusterrole cr').output).toContain(
			'  nodes      []                 []              [get]\n'
		);
	});

	it('refuses what create_clusterrole.go refuses, and meets the bootstrap roles', () => {
		const lab = createLab({ seed: 1 });
		const error = (line: string) => fails(lab, line).error;
		expect(error('kubectl create clusterrole cr --verb=get')).toBe(
			'error: one of resource or nonResourceURL must be specified\n'
		);
		expect(error('kubectl create clusterrole cr --verb=watch --non-resource-url=/x')).toBe(
			"error: invalid verb: 'watch' for nonResourceURL\n"
		);
		expect(error('kubectl create clusterrole cr --verb=get --non-resource-url=healthz')).toBe(
			'error: nonResourceURL should start with /\n'
		);
		expect(error('kubectl create clusterrole cr --verb=get --non-resource-url=/a*/b')).toBe(
			"error: nonResourceURL only supports wildcard matches when '*' is at the end\n"
		);
		expect(error('kubectl create clusterrole cr --aggregation-rule=a=b --verb=get')).toBe(
			'error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames\n'
		);
		expect(error('kubectl create clusterrole cr --aggregation-rule=ab')).toBe(
			'error: invalid argument "ab" for "--aggregation-rule" flag: malformed pair, expect string=string\n' +
				"See 'kubectl create clusterrole --help' for usage.\n"
		);
		// kube-apiserver's bootstrap policy always has `view` (the lab lists no such roles).
		expect(error('kubectl create clusterrole view --verb=get --resource=pods')).toBe(
			'Error from server (AlreadyExists): clusterroles.rbac.authorization.k8s.io "view" already exists\n'
		);
	});
});

describe('kubectl create rolebinding and clusterrolebinding', () => {
	it('binds users, groups and service accounts, in that order', () => {
		const lab = createLab({ seed: 1 });
		expect(
			dryRun(
				lab,
				'kubectl create rolebinding rb --role=pod-reader --serviceaccount=dev:app --group=devs --user=alice --dry-run=client -o yaml'
			)
		).toBe(
			yaml([
				'apiVersion: rbac.authorization.k8s.io/v1',
				'kind: RoleBinding',
				'metadata:',
				'  name: rb',
				'roleRef:',
				'  apiGroup: rbac.authorization.k8s.io',
				'  kind: Role',
				'  name: pod-reader',
				'subjects:',
				'- apiGroup: rbac.authorization.k8s.io',
				'  kind: User',
				'  name: alice',
				'- apiGroup: rbac.authorization.k8s.io',
				'  kind: Group',
				'  name: devs',
				'- kind: ServiceAccount',
				'  name: app',
				'  namespace: dev'
			])
		);
	});

	it('is listed with its role and subjects; server errors come wrapped', () => {
		const lab = createLab({ seed: 1 });
		expect(
			succeeds(lab, 'kubectl create rolebinding rb --clusterrole=view --serviceaccount=default:app')
				.output
		).toBe('rolebinding.rbac.authorization.k8s.io/rb created\n');
		expect(succeeds(lab, 'kubectl get rolebinding rb -o wide').output).toMatch(
			/^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\nrb\s+ClusterRole\/view\s+0s\s+default\/app\n$/
		);
		expect(fails(lab, 'kubectl create rolebinding rb --role=r').error).toBe(
			'error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "rb" already exists\n'
		);
		expect(fails(lab, 'kubectl create rolebinding a%b --role=r').error).toBe(
			`error: failed to create rolebinding: RoleBinding.rbac.authorization.k8s.io "a%b" is invalid: metadata.name: Invalid value: "a%b": may not contain '%'\n`
		);
	});

	it('refuses a binding without exactly one role, or a service account without its namespace', () => {
		const lab = createLab({ seed: 1 });
		const exactlyOne = 'error: exactly one of clusterrole or role must be specified\n';
		expect(fails(lab, 'kubectl create rolebinding rb --user=u').error).toBe(exactlyOne);
		expect(fails(lab, 'kubectl create rolebinding rb --role=r --clusterrole=view').error).toBe(
			exactlyOne
		);
		expect(fails(lab, 'kubectl create rolebinding rb --role=r --serviceaccount=app').error).toBe(
			'error: serviceaccount must be <namespace>:<name>\n'
		);
		expect(fails(lab, 'kubectl create clusterrolebinding crb --user=u').error).toBe(
			'error: required flag(s) "clusterrole" not set\n'
		);
	});

	it('a ClusterRoleBinding has no namespace; a server dry run answers without storing', () => {
		const lab = createLab({ seed: 1 });
		const answer = JSON.parse(
			dryRun(
				lab,
				'kubectl create clusterrolebinding crb -n dev --clusterrole=view --user=u --dry-run=server -o json'
			)
		) as { metadata: Record<string, unknown> };
		expect(answer.metadata.namespace).toBeUndefined();
		expect(answer.metadata.creationTimestamp).toBe('2026-01-05T09:00:00Z');
		expect(succeeds(lab, 'kubectl create clusterrolebinding crb --clusterrole=view').output).toBe(
			'clusterrolebinding.rbac.authorization.k8s.io/crb created\n'
		);
	});

	it('--save-config keeps the object as built for a later apply', () => {
		const lab = createLab({ seed: 1 });
		succeeds(lab, 'kubectl create clusterrolebinding crb --clusterrole=view --save-config');
		const saved = JSON.parse(
			succeeds(lab, 'kubectl get clusterrolebinding crb -o json').output
		) as { metadata: { annotations: Record<string, string> } };
		expect(saved.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
			'{"kind":"ClusterRoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"crb"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"}}\n'
		);
	});
});

describe('kubectl create poddisruptionbudget', () => {
	it('prints the budget with its selector and zero status', () => {
		const lab = createLab({ seed: 1 });
		expect(
			dryRun(
				lab,
				'kubectl create pdb web --selector="app=web,tier in (b,a)" --min-available=50% --dry-run=client -o yaml'
			)
		).toBe(
			yaml([
				'apiVersion: policy/v1',
				'kind: PodDisruptionBudget',
				'metadata:',
				'  name: web',
				'spec:',
				'  minAvailable: 50%',
				'  selector:',
				'    matchExpressions:',
				'    - key: tier',
				'      operator: In',
				'      values:',
				'      - a',
				'      - b',
				'    matchLabels:',
				'      app: web',
				'status:',
				'  currentHealthy: 0',
				'  desiredHealthy: 0',
				'  disruptionsAllowed: 0',
				'  expectedPods: 0'
			])
		);
		const max = JSON.parse(
			dryRun(
				lab,
				'kubectl create pdb web --selector=app=web --max-unavailable=1 --dry-run=client -o json'
			)
		) as { spec: Record<string, unknown> };
		expect(max.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } });
	});

	it('refuses what create_pdb.go refuses', () => {
		const lab = createLab({ seed: 1 });
		const error = (line: string) => fails(lab, line).error;
		expect(error('kubectl create pdb web --min-available=1')).toBe(
			'error: a selector must be specified\n'
		);
		expect(error('kubectl create pdb web --selector=app=web')).toBe(
			'error: one of min-available or max-unavailable must be specified\n'
		);
		expect(
			error('kubectl create pdb web --selector=app=web --min-available=1 --max-unavailable=1')
		).toBe('error: min-available and max-unavailable cannot be both specified\n');
		expect(error('kubectl create pdb web --selector=app=web --max-unavailable=1Gi')).toBe(
			'error: invalid format specified for max-unavailable\n'
		);
		expect(error('kubectl create pdb web --selector=app!=web --min-available=1')).toBe(
			'error: "!=" is not a valid label selector operator\n'
		);
		expect(error('kubectl create pdb web --selector=app=web --min-available=150%')).toBe(
			'error: failed to create poddisruptionbudgets: PodDisruptionBudget.policy "web" is invalid: spec.minAvailable: Invalid value: "150%": must not be greater than 100%\n'
		);
	});

	it('blocks a drain that would take the pods below the budget', () => {
		const lab = createLab({ seed: 6 });
		succeeds(lab, 'kubectl create deployment zk --image=nginx:1.27 --replicas=3');
		expect(succeeds(lab, 'kubectl create pdb zk --selector=app=zk --min-available=3').output).toBe(
			'poddisruptionbudget.policy/zk created\n'
		);
		lab.advance(30_000);
		expect(succeeds(lab, 'kubectl get pdb zk').output).toMatch(/^zk\s+3\s+N\/A\s+0\s+30s$/m);
		const pod = JSON.parse(succeeds(lab, 'kubectl get pods -o json').output) as {
			items: { metadata: { name: string }; spec: { nodeName: string } }[];
		};
		const { nodeName } = pod.items[0]!.spec;
		const r = lab.exec(`kubectl drain ${nodeName} --ignore-daemonsets --timeout=6s`);
		expect(r.ok).toBe(false);
		expect(r.error).toContain(
			"(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n"
		);
	});
});

describe('kubectl create ingress', () => {
	it('builds rules, TLS and backends the way create_ingress.go parses them', () => {
		const lab = createLab({ seed: 1 });
		expect(
			dryRun(
				lab,
				'kubectl create ingress multi --class=nginx --rule=foo.com/=svc:http --rule=foo.com/admin/*=admin:8080,tls=cert --rule=bar.com/*=other:80,tls=cert --default-backend=fallback:80 --annotation=b=2 --annotation=a=1 --dry-run=client -o yaml'
			)
		).toBe(
			yaml([
				'apiVersion: networking.k8s.io/v1',
				'kind: Ingress',
				'metadata:',
				'  annotations:',
				'    a: "1"',
				'    b: "2"',
				'  name: multi',
				'spec:',
				'  defaultBackend:',
				'    service:',
				'      name: fallback',
				'      port:',
				'        number: 80',
				'  ingressClassName: nginx',
				'  rules:',
				'  - host: foo.com',
				'    http:',
				'      paths:',
				'      - backend:',
				'          service:',
				'            name: svc',
				'            port:',
				'              name: http',
				'        path: /',
				'        pathType: Exact',
				'      - backend:',
				'          service:',
				'            name: admin',
				'            port:',
				'              number: 8080',
				'        path: /admin/',
				'        pathType: Prefix',
				'  - host: bar.com',
				'    http:',
				'      paths:',
				'      - backend:',
				'          service:',
				'            name: other',
				'            port:',
				'              number: 80',
				'        path: /',
				'        pathType: Prefix',
				'  tls:',
				'  - hosts:',
				'    - foo.com',
				'    - bar.com',
				'    secretName: cert',
				'status:',
				'  loadBalancer: {}'
			])
		);
	});

	it('refuses what create_ingress.go refuses', () => {
		const lab = createLab({ seed: 1 });
		const error = (line: string) => fails(lab, line).error;
		expect(error('kubectl create ingress web')).toBe(
			'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n'
		);
		expect(error('kubectl create ingress web --rule=foo.com=svc:80')).toBe(
			'error: rule foo.com=svc:80 is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n'
		);
		expect(error('kubectl create ingress web --rule=/=svc:80 --annotation=nokey')).toBe(
			'error: annotation nokey is invalid and should be in format key=[value]\n'
		);
		expect(error('kubectl create ingress web --default-backend=svc')).toBe(
			'error: default-backend should be in format servicename:serviceport\n'
		);
		expect(error('kubectl create ingress web --rule=under_score.com/=svc:80')).toMatch(
			/^error: failed to create ingress: Ingress\.networking\.k8s\.io "web" is invalid: spec\.rules\[0\]\.host: Invalid value: "under_score\.com": a lowercase RFC 1123 subdomain/
		);
	});

	it('routes traffic through ingress-nginx', () => {
		const lab = createLab({ seed: 3 });
		succeeds(lab, 'kubectl create deployment web --image=nginx --replicas=2');
		succeeds(lab, 'kubectl expose deployment web --port=80');
		succeeds(lab, 'sim addon ingress-nginx');
		expect(succeeds(lab, 'kubectl create ingress web --class=nginx --rule=/*=web:80').output).toBe(
			'ingress.networking.k8s.io/web created\n'
		);
		lab.advance(30_000);
		succeeds(lab, 'sim traffic web 10/s --via ingress');
		lab.advance(5_000);
		expect(succeeds(lab, 'sim traffic').output).toMatch(
			/^ingress\/web \/\s+ingress\s+10\/s\s+(\d+)\s+\1\s+0\s+0\s+<none>$/m
		);
	});
});

/** The JSON of one base64url part of a JWT. */
function decodePart(part: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('kubectl create token', () => {
	it('prints a JWT with the claims the API server writes, and a signature that is not one', () => {
		const lab = createLab({ seed: 1 });
		lab.advance(60_000);
		const out = succeeds(lab, 'kubectl create token default --audience=vault').output;
		expect(out.endsWith('\n')).toBe(true);
		const [header, claims, signature] = out.trim().split('.') as [string, string, string];
		expect(decodePart(header)).toMatchObject({ alg: 'RS256' });
		const sa = JSON.parse(succeeds(lab, 'kubectl get sa default -o json').output) as {
			metadata: { uid: string };
		};
		// 2026-01-05T09:01:00Z: the lab's clock, one minute in.
		const now = Date.UTC(2026, 0, 5, 9, 1, 0) / 1000;
		expect(decodePart(claims)).toEqual({
			aud: ['vault'],
			exp: now + 3600,
			iat: now,
			iss: 'https://kubernetes.default.svc.cluster.local',
			jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
			'kubernetes.io': {
				namespace: 'default',
				serviceaccount: { name: 'default', uid: sa.metadata.uid }
			},
			nbf: now,
			sub: 'system:serviceaccount:default:default'
		});
		expect(Buffer.from(signature, 'base64url').toString('utf8')).toContain('not signed');
	});

	it('answers the TokenRequest with -o, defaulting the audience and the hour', () => {
		const lab = createLab({ seed: 1 });
		const request = JSON.parse(succeeds(lab, 'kubectl create token default -o json').output) as {
			spec: Record<string, unknown>;
			status: { expirationTimestamp: string };
		};
		expect(request.spec).toEqual({
			audiences: ['https://kubernetes.default.svc.cluster.local'],
			boundObjectRef: null,
			expirationSeconds: 3600
		});
		expect(request.status.expirationTimestamp).toBe('2026-01-05T10:00:00Z');
	});

	it('fails for a missing account or a lifetime the server refuses', () => {
		const lab = createLab({ seed: 1 });
		expect(fails(lab, 'kubectl create token nope').error).toBe(
			'error: failed to create token: serviceaccounts "nope" not found\n'
		);
		expect(fails(lab, 'kubectl create token default --duration=5m').error).toBe(
			'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n'
		);
		expect(fails(lab, 'kubectl create token default --duration=90m500ms').error).toBe(
			'error: --duration cannot be expressed in units less than seconds\n'
		);
		expect(
			fails(lab, 'kubectl create token default --bound-object-kind=Job --bound-object-name=j').error
		).toBe('error: supported --bound-object-kind values are Node, Pod, Secret\n');
	});
});
