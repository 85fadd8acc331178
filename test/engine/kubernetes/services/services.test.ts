/**
 * Services as the API server stores them and kubectl prints them: ClusterIP and node-port
 * allocation, headless and LoadBalancer Services, target ports, immutability, the built-in
 * `kubernetes` Service, EndpointSlices and Endpoints, and `kubectl expose`.
 */
import { describe, expect, it } from 'vitest';
import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { createLab, type Lab } from '../../../../src/engine/index';
import { fails, succeeds } from '../../lab-helpers';
import { deployment, service } from './harness';

function lab(files: Record<string, string>, seed = 5): Lab {
	return createLab({ seed, readFile: (p) => files[p] });
}

function items<T>(l: Lab, line: string): T[] {
	return (JSON.parse(succeeds(l, line).output) as { items: T[] }).items;
}

function ipNumber(ip: string): number {
	return ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
}

const RANGE_START = ipNumber('10.96.0.0');
const RANGE_END = ipNumber('10.111.255.255');

describe('the kubernetes Service', () => {
	it('exists from the start at 10.96.0.1:443, its endpoint the API server on 6443', () => {
		const l = createLab();
		expect(succeeds(l, 'kubectl get svc').output).toBe(
			'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' +
				'kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s\n'
		);
		const ep = succeeds(l, 'kubectl get endpoints');
		expect(ep.error).toBe(
			'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n'
		);
		expect(ep.output).toContain('kubernetes   172.18.0.2:6443   0s');
		expect(succeeds(l, 'kubectl get endpointslices').output).toContain(
			'kubernetes   IPv4          6443    172.18.0.2   0s'
		);
	});
});

describe('ClusterIP and NodePort allocation', () => {
	it('gives each Service a distinct address in 10.96.0.0/12, outside the static lower band', () => {
		const files: Record<string, string> = {};
		for (let i = 0; i < 12; i++) files[`s${i}.yaml`] = service(`svc-${i}`);
		const l = lab(files);
		for (let i = 0; i < 12; i++) succeeds(l, `kubectl apply -f s${i}.yaml`);
		const ips = items<Service>(l, 'kubectl get svc -o json')
			.filter((s) => s.metadata!.name !== 'kubernetes')
			.map((s) => s.spec!.clusterIP!);
		expect(new Set(ips).size).toBe(12);
		for (const ip of ips) {
			const n = ipNumber(ip);
			expect(n).toBeGreaterThan(RANGE_START + 255);
			expect(n).toBeLessThan(RANGE_END);
		}
	});

	it('gives NodePort and LoadBalancer ports a node port in 30000-32767; LoadBalancer stays <pending>', () => {
		const l = lab({
			'np.yaml': service('np', '  type: NodePort\n'),
			'lb.yaml': service('lb', '  type: LoadBalancer\n')
		});
		succeeds(l, 'kubectl apply -f np.yaml');
		succeeds(l, 'kubectl apply -f lb.yaml');
		const svcs = items<Service>(l, 'kubectl get svc -o json');
		for (const name of ['np', 'lb']) {
			const port = svcs.find((s) => s.metadata!.name === name)!.spec!.ports![0]!.nodePort!;
			expect(port).toBeGreaterThanOrEqual(30000);
			expect(port).toBeLessThanOrEqual(32767);
		}
		const table = succeeds(l, 'kubectl get svc').output;
		expect(table).toMatch(
			/^lb\s+LoadBalancer\s+10\.\d+\.\d+\.\d+\s+<pending>\s+80:3\d{4}\/TCP\s+0s$/m
		);
		expect(table).toMatch(/^np\s+NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+80:3\d{4}\/TCP\s+0s$/m);
	});

	it('refuses a node port already taken, in the API server words, and stores nothing', () => {
		const l = lab({
			'a.yaml': service('a', '  type: NodePort\n').replace('targetPort: http', 'nodePort: 30080'),
			'b.yaml': service('b', '  type: NodePort\n').replace('targetPort: http', 'nodePort: 30080')
		});
		succeeds(l, 'kubectl apply -f a.yaml');
		const r = fails(l, 'kubectl apply -f b.yaml');
		expect(r.error).toBe(
			'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n'
		);
		expect(succeeds(l, 'kubectl get svc -o name').output).not.toContain('service/b');
	});

	it('refuses a ClusterIP outside the range or already taken', () => {
		const l = lab({
			'out.yaml': service('out', '  clusterIP: 192.168.1.1\n'),
			'dup.yaml': service('dup', '  clusterIP: 10.96.0.1\n')
		});
		expect(fails(l, 'kubectl apply -f out.yaml').error).toBe(
			'The Service "out" is invalid: spec.clusterIPs: Invalid value: ["192.168.1.1"]: failed to allocate IP 192.168.1.1: the provided IP (192.168.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12\n'
		);
		expect(fails(l, 'kubectl apply -f dup.yaml').error).toBe(
			'The Service "dup" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.1"]: failed to allocate IP 10.96.0.1: provided IP is already allocated\n'
		);
	});

	it('keeps the ClusterIP and node port across re-applies, and refuses to change the ClusterIP', () => {
		const base = service('web', '  type: NodePort\n');
		const l = lab({
			'v1.yaml': base,
			'v2.yaml': base.replace('port: 80', 'port: 81'),
			'v3.yaml': base + '  clusterIP: 10.96.5.5\n'
		});
		succeeds(l, 'kubectl apply -f v1.yaml');
		const before = items<Service>(l, 'kubectl get svc -o json').find(
			(s) => s.metadata!.name === 'web'
		)!;
		expect(succeeds(l, 'kubectl apply -f v1.yaml').output).toBe('service/web unchanged\n');
		expect(succeeds(l, 'kubectl apply -f v2.yaml').output).toBe('service/web configured\n');
		const after = items<Service>(l, 'kubectl get svc -o json').find(
			(s) => s.metadata!.name === 'web'
		)!;
		expect(after.spec!.clusterIP).toBe(before.spec!.clusterIP);
		expect(after.spec!.ports![0]!.port).toBe(81);
		expect(fails(l, 'kubectl apply -f v3.yaml').error).toBe(
			`The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.5.5"]: may not change once set\n`
		);
	});

	it('headless Services show CLUSTER-IP None and get no proxy rules', () => {
		const l = lab({ 'h.yaml': service('h', '  clusterIP: None\n') });
		succeeds(l, 'kubectl apply -f h.yaml');
		expect(succeeds(l, 'kubectl get svc h').output).toMatch(
			/^h\s+ClusterIP\s+None\s+<none>\s+80\/TCP\s+0s$/m
		);
		expect(fails(l, 'sim traffic h 10/s').error).toContain('headless');
	});
});

describe('EndpointSlices and Endpoints', () => {
	it('list the ready pods at their resolved named target port; a not-ready pod is listed but not ready', () => {
		const l = lab({ 'd.yaml': deployment('web', 3), 's.yaml': service('web') });
		succeeds(l, 'kubectl apply -f d.yaml');
		succeeds(l, 'kubectl apply -f s.yaml');
		l.advance(20_000);
		const slices = items<EndpointSlice>(
			l,
			'kubectl get endpointslices -l kubernetes.io/service-name=web -o json'
		);
		expect(slices).toHaveLength(1);
		const slice = slices[0]!;
		expect(slice.metadata!.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
		expect(slice.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
		expect(slice.endpoints).toHaveLength(3);
		for (const e of slice.endpoints!) {
			expect(e.addresses[0]).toMatch(/^10\.244\.\d+\.\d+$/);
			expect(e.conditions).toEqual({ ready: true, serving: true, terminating: false });
			expect(e.targetRef?.kind).toBe('Pod');
			expect(e.nodeName).toMatch(/^node-\d$/);
		}
		// One named object prints as itself, not as a List.
		const one = JSON.parse(succeeds(l, 'kubectl get endpoints web -o json').output) as Endpoints;
		expect(one.subsets![0]!.addresses).toHaveLength(3);
		// A pod being deleted turns terminating at once, and leaves the Endpoints object.
		const pod = slice.endpoints![0]!.targetRef!.name!;
		succeeds(l, `kubectl delete pod ${pod} --wait=false`);
		l.advance(0); // the controller's sync, queued with the real batch period of 0
		const during = (
			JSON.parse(succeeds(l, 'kubectl get endpointslices -o json').output) as {
				items: EndpointSlice[];
			}
		).items.find((s) => s.metadata!.name === slice.metadata!.name)!;
		const gone = during.endpoints!.find((e) => e.targetRef!.name === pod)!;
		expect(gone.conditions).toEqual({ ready: false, serving: true, terminating: true });
		expect(succeeds(l, 'kubectl get ep web').output).not.toContain(gone.addresses[0] + ':');
	});

	it('print in kubectl columns, with at most 3 addresses then "+ N more..."', () => {
		const l = lab({ 'd.yaml': deployment('web', 5), 's.yaml': service('web') });
		succeeds(l, 'kubectl apply -f d.yaml');
		succeeds(l, 'kubectl apply -f s.yaml');
		l.advance(20_000);
		const ep = succeeds(l, 'kubectl get ep web').output.split('\n');
		expect(ep[0]).toMatch(/^NAME {3}ENDPOINTS {2,}AGE$/);
		expect(ep[1]).toMatch(
			/^web {4}(10\.244\.\d+\.\d+:8080,){2}10\.244\.\d+\.\d+:8080 \+ 2 more\.\.\. {3}20s$/
		);
		// The tabwriter pads the cell to the longest one plus 3.
		expect(ep[0]!.indexOf('AGE')).toBe(ep[1]!.indexOf('20s'));
		const es = succeeds(l, 'kubectl get endpointslices').output.split('\n');
		expect(es[0]).toMatch(/^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE$/);
		expect(es[2]).toMatch(
			/^web-\w{5}\s+IPv4\s+8080\s+(10\.244\.\d+\.\d+,){2}10\.244\.\d+\.\d+ \+ 2 more\.\.\.\s+20s$/
		);
	});

	it('a Service with no matching pods keeps one placeholder slice with no ports or endpoints, and Endpoints <none>', () => {
		const l = lab({ 's.yaml': service('lonely').replace('targetPort: http', 'targetPort: 9090') });
		succeeds(l, 'kubectl apply -f s.yaml');
		l.advance(1_000);
		expect(succeeds(l, 'kubectl get endpointslices').output).toMatch(
			/^lonely-\w{5}\s+IPv4\s+<unset>\s+<unset>\s+1s$/m
		);
		expect(succeeds(l, 'kubectl get ep lonely').output).toMatch(/^lonely\s+<none>\s+1s$/m);
	});

	it('deleting a Service removes its slices and Endpoints', () => {
		const l = lab({ 'd.yaml': deployment('web', 2), 's.yaml': service('web') });
		succeeds(l, 'kubectl apply -f d.yaml');
		succeeds(l, 'kubectl apply -f s.yaml');
		l.advance(10_000);
		expect(succeeds(l, 'kubectl delete svc web').output).toBe(
			'service "web" deleted from default namespace\n'
		);
		l.advance(100);
		expect(succeeds(l, 'kubectl get endpointslices -o name').output).toBe(
			'endpointslice.discovery.k8s.io/kubernetes\n'
		);
		expect(fails(l, 'kubectl get ep web').error).toContain(
			'Error from server (NotFound): endpoints "web" not found'
		);
	});
});

describe('kubectl expose', () => {
	it('makes a Service selecting the deployment pods, targetPort defaulting to the port', () => {
		const l = lab({ 'd.yaml': deployment('web', 2) });
		succeeds(l, 'kubectl apply -f d.yaml');
		expect(succeeds(l, 'kubectl expose deployment web --port=80 --type=NodePort').output).toBe(
			'service/web exposed\n'
		);
		const svc = JSON.parse(succeeds(l, 'kubectl get svc web -o json').output) as Service;
		expect(svc.spec!.selector).toEqual({ app: 'web' });
		expect(svc.spec!.ports![0]!).toMatchObject({ port: 80, targetPort: 80, protocol: 'TCP' });
		expect(svc.spec!.type).toBe('NodePort');
	});

	it('introspects the container ports when --port is missing, and fails without any', () => {
		const l = lab({
			'd.yaml': deployment('web', 1),
			'bare.yaml': deployment('bare', 1).replace(/ {8}ports:\n.*\n/, '')
		});
		succeeds(l, 'kubectl apply -f d.yaml');
		succeeds(l, 'kubectl apply -f bare.yaml');
		succeeds(l, 'kubectl expose deploy/web --name=web2');
		const svc = JSON.parse(succeeds(l, 'kubectl get svc web2 -o json').output) as Service;
		expect(svc.spec!.ports![0]!).toMatchObject({ port: 8080, targetPort: 8080 });
		expect(fails(l, 'kubectl expose deployment bare').error).toBe(
			"error: couldn't find port via --port flag or introspection\n"
		);
		expect(fails(l, 'kubectl expose deployment nope --port 80').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n'
		);
		expect(fails(l, 'kubectl expose deployment web --port 80 --name web2').error).toBe(
			'Error from server (AlreadyExists): services "web2" already exists\n'
		);
	});
});
