/**
 * Ingress routing (docs: services-networking/ingress.md path types and host wildcards) and the
 * ingress-nginx addon: backends read once a second, round-robin, and the next upstream tried
 * when one refuses (ingress-nginx defaults), so a stopped pod costs retries, not errors.
 */
import { describe, expect, it } from 'vitest';
import type { Ingress } from 'kubernetes-types/networking/v1';
import { matchIngress } from '../../../../src/engine/kubernetes/services/ingress-rules';
import { usableEndpoints } from '../../../../src/engine/kubernetes/services/proxy-view';
import { deployment, harness, service } from './harness';

function ingress(spec: Ingress['spec']): Ingress {
	return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec };
}

const backend = (name: string) => ({ service: { name, port: { number: 80 } } });

describe('ingress rules', () => {
	const ing = ingress({
		defaultBackend: backend('fallback'),
		rules: [
			{
				host: 'foo.bar.com',
				http: {
					paths: [
						{ path: '/', pathType: 'Prefix', backend: backend('root') },
						{ path: '/foo', pathType: 'Prefix', backend: backend('foo-prefix') },
						{ path: '/foo', pathType: 'Exact', backend: backend('foo-exact') },
						{ path: '/foo/bar', pathType: 'ImplementationSpecific', backend: backend('foo-bar') }
					]
				}
			},
			{
				host: '*.example.com',
				http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('wild') }] }
			}
		]
	});
	const to = (host: string, path: string) => {
		const m = matchIngress(ing, host, path);
		return 'backend' in m ? m.backend.service!.name : '404';
	};

	it('takes the longest match, Exact before Prefix, whole path elements only', () => {
		expect(to('foo.bar.com', '/foo')).toBe('foo-exact');
		expect(to('foo.bar.com', '/foo/')).toBe('foo-prefix');
		expect(to('foo.bar.com', '/foo/baz')).toBe('foo-prefix');
		expect(to('foo.bar.com', '/foo/bar/baz')).toBe('foo-bar');
		expect(to('foo.bar.com', '/foobar')).toBe('root');
	});

	it('matches a wildcard host on exactly one label, and falls back to defaultBackend', () => {
		expect(to('a.example.com', '/x')).toBe('wild');
		expect(to('a.b.example.com', '/x')).toBe('fallback');
		expect(to('example.com', '/x')).toBe('fallback');
		expect(to('other.com', '/')).toBe('fallback');
		const bare = ingress({ rules: ing.spec!.rules });
		expect('defaultBackend' in matchIngress(bare, 'other.com', '/')).toBe(true);
	});
});

describe('ingress-nginx addon', () => {
	const ingYaml = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
`;

	it('reads backends once a second and retries the next upstream, so a stopped pod costs no errors', () => {
		const h = harness(6, 3, {
			'd.yaml': deployment('web', 2),
			's.yaml': service('web'),
			'i.yaml': ingYaml,
			'bare.yaml': ingYaml.replace(
				'name: web\nspec:\n  ingressClassName: nginx\n',
				'name: bare\nspec:\n'
			)
		});
		h.exec('kubectl apply -f d.yaml');
		h.exec('kubectl apply -f s.yaml');
		h.exec('kubectl apply -f i.yaml');
		h.advance(20_000);
		// The project's bare-metal install, applied as kubectl apply prints it.
		const install = h.exec('sim addon ingress-nginx').output;
		expect(install).toContain('namespace/ingress-nginx created\n');
		expect(install).toContain('service/ingress-nginx-controller created\n');
		expect(install).toContain('deployment.apps/ingress-nginx-controller created\n');
		expect(install).toContain('ingressclass.networking.k8s.io/nginx created\n');
		expect(h.exec('sim addon ingress-nginx').error).toBe(
			'sim: ingress-nginx is already installed\n'
		);
		h.advance(30_000); // the controller pod pulls, starts, and passes its readiness probe
		// An Ingress without a class is not this controller's (no --watch-ingress-without-class).
		h.exec('kubectl apply -f bare.yaml');
		expect(h.exec('sim traffic bare 10/s --via ingress').error).toContain(
			'has no ingressClassName'
		);
		expect(h.exec('kubectl get ing').output).toMatch(/^bare\s+<none>\s+\*\s+80\s+0s$/m);
		expect(h.exec('sim traffic web 100/s --via ingress').ok).toBe(true);
		h.advance(3_001); // just after the backend sync at 53 s
		const pods = h.exec('kubectl get pods -o name').output.trim().split('\n');
		const victim = pods[0]!.slice('pod/'.length);
		h.exec(`kubectl delete pod ${victim} --wait=false`);
		h.advance(600); // the container has stopped (500 ms); nginx still lists it until 54 s
		const held = () =>
			usableEndpoints(h.cluster.services.ingress.view.get('default/web')!.ports[0]!).map(
				(e) => e.pod
			);
		expect(held()).toContain(victim);
		h.advance(1_000);
		expect(held()).not.toContain(victim);
		h.advance(2_000);
		const s = h.traffic.list()[0]!;
		expect(s.sent).toBeGreaterThan(600);
		expect(s.failed).toBe(0);
		// The victim answered until its deletion; the retries covered the rest.
		expect(Object.keys(s.hits)).toContain(victim);
	});

	it('answers 503 while the Service has no endpoints, and 502 when every upstream refuses', () => {
		const h = harness(6, 3, {
			'd.yaml': deployment('web', 1),
			's.yaml': service('web'),
			'i.yaml': ingYaml
		});
		h.exec('kubectl apply -f s.yaml');
		h.exec('kubectl apply -f i.yaml');
		h.exec('sim addon ingress-nginx');
		h.advance(30_000);
		h.exec('sim traffic web 10/s --via ingress');
		h.advance(2_000);
		expect(h.traffic.list()[0]!.failures).toEqual({ '503 Service Temporarily Unavailable': 21 });
		h.exec('kubectl apply -f d.yaml');
		h.advance(20_000);
		const pod = h.exec('kubectl get pods -o name').output.trim().slice('pod/'.length);
		h.advance(1); // just after nginx's backend sync at 52 s
		h.exec(`kubectl delete pod ${pod} --wait=false`);
		// Its container stops 500 ms later; nginx still holds it as the one upstream until 53 s.
		h.advance(999);
		const s = h.traffic.list()[0]!;
		expect(s.failures['502 Bad Gateway'] ?? 0).toBeGreaterThan(0);
	});

	it('is a Deployment of one pod: its node dies, ingress fails until the pod is replaced elsewhere', () => {
		const h = harness(6, 3, {
			'd.yaml': deployment('web', 2),
			's.yaml': service('web'),
			'i.yaml': ingYaml
		});
		for (const f of ['d', 's', 'i']) h.exec(`kubectl apply -f ${f}.yaml`);
		h.exec('sim addon ingress-nginx');
		h.advance(70_000); // Ready after its probe's 10 s delay; published at the next sync
		const controller = () =>
			(
				JSON.parse(h.exec('kubectl get pods -n ingress-nginx -o json').output) as {
					items: { metadata: { name: string }; spec: { nodeName: string } }[];
				}
			).items;
		const [first] = controller();
		const address = () =>
			/^web\s+nginx\s+\*\s+(\S*)\s+80/m.exec(h.exec('kubectl get ing').output)?.[1];
		const ipOf = (node: string) => `172.18.0.${Number(node.slice('node-'.length)) + 2}`;
		expect(address()).toBe(ipOf(first!.spec.nodeName));
		h.exec('sim traffic web 20/s --via ingress');
		h.advance(10_000);
		expect(h.traffic.list()[0]!.failed).toBe(0);
		h.exec(`sim node stop ${first!.spec.nodeName}`);
		h.advance(60_000);
		// Its NodePort endpoint stays until the node is NotReady: connections to it time out;
		// then the Service has no endpoint at all.
		const failures = h.traffic.list()[0]!.failures;
		expect(failures['timeout']).toBeGreaterThan(0);
		expect(failures['no endpoints']).toBeGreaterThan(0);
		// The old address stays published: no leader runs to change it.
		expect(address()).toBe(ipOf(first!.spec.nodeName));
		// Evicted after the 300 s toleration, recreated on a live node, Ready, leading: it syncs.
		h.advance(300_000);
		const replacement = controller().find((p) => p.metadata.name !== first!.metadata.name);
		expect(replacement?.spec.nodeName).toBeDefined();
		expect(replacement!.spec.nodeName).not.toBe(first!.spec.nodeName);
		// Its first sync, before it is Ready, clears the address; the next publishes its own.
		expect(address()).toBe('');
		h.advance(70_000);
		expect(address()).toBe(ipOf(replacement!.spec.nodeName));
		const before = h.traffic.list()[0]!.succeeded;
		h.advance(5_000);
		expect(h.traffic.list()[0]!.succeeded - before).toBeGreaterThan(0);
	});
});
