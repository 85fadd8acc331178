/**
 * Names and connections from inside pods as a real cluster answers them, with the Kubernetes
 * docs as the reference: the StatefulSet Basics tutorial (basic-stateful-set.md: `nslookup
 * web-0.nginx` from busybox:1.28 through the headless Service that governs the set), "DNS for
 * Services and Pods" (hostname + subdomain pods), "Debugging DNS Resolution" (busybox 1.28's
 * `nslookup kubernetes.default` and its `can't resolve` failure), and a pod reaching its own
 * server over loopback.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { hasProgram, imageTools } from '../../../src/engine/images/executables';
import { nginxVersion } from '../../../src/engine/commands/kubectl/exec-servers';
import { fails, succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	// basic-stateful-set.md's web.yaml without its volumeClaimTemplates (no provisioner here).
	'web.yaml': `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
          name: web
`,
	'clients.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: old
spec:
  containers:
  - name: busybox
    image: busybox:1.28
    command: ["sleep", "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: new
spec:
  containers:
  - name: busybox
    image: busybox:1.36
    command: ["sleep", "3600"]
`,
	// dns-pod-service.md's "Pod's hostname and subdomain fields" example.
	'subdomain.yaml': `apiVersion: v1
kind: Service
metadata:
  name: busybox-subdomain
spec:
  selector:
    name: busybox
  clusterIP: None
  ports:
  - name: foo
    port: 1234
---
apiVersion: v1
kind: Pod
metadata:
  name: busybox1
  labels:
    name: busybox
spec:
  hostname: busybox-1
  subdomain: busybox-subdomain
  containers:
  - image: busybox:1.28
    command: ["sleep", "3600"]
    name: busybox
---
apiVersion: v1
kind: Pod
metadata:
  name: busybox2
  labels:
    name: busybox
spec:
  hostname: busybox-2
  subdomain: other
  containers:
  - image: busybox:1.28
    command: ["sleep", "3600"]
    name: busybox
`,
	'sidecar.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: site
spec:
  containers:
  - name: nginx
    image: nginx:1.27
  - name: shell
    image: busybox:1.36
    command: ["sleep", "3600"]
`
};

function lab(...files: string[]): Lab {
	const l = createLab({ seed: 3, readFile: (p) => FILES[p] });
	for (const f of files) succeeds(l, `kubectl apply -f ${f}`);
	l.advance(90_000);
	return l;
}

function podIp(l: Lab, pod: string): string {
	return succeeds(l, `kubectl get pod ${pod} -o jsonpath='{.status.podIP}'`).output;
}

/** busybox 1.28's server lines: `%-10s %s`, then `Address 1:` with the PTR name (kube-dns). */
const OLD_SERVER =
	'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n';

describe('StatefulSet pods through their headless Service', () => {
	it("busybox:1.28 resolves web-0.nginx as the tutorial shows, the PTR naming the pod's record", () => {
		const l = lab('web.yaml', 'clients.yaml');
		const [ip0, ip1] = [podIp(l, 'web-0'), podIp(l, 'web-1')];
		expect(succeeds(l, 'kubectl exec old -- nslookup web-0.nginx').output).toBe(
			`${OLD_SERVER}Name:      web-0.nginx\nAddress 1: ${ip0} web-0.nginx.default.svc.cluster.local\n`
		);
		expect(succeeds(l, 'kubectl exec old -- nslookup web-1.nginx').output).toBe(
			`${OLD_SERVER}Name:      web-1.nginx\nAddress 1: ${ip1} web-1.nginx.default.svc.cluster.local\n`
		);
		// The headless Service's own name: every ready pod (A records), no ClusterIP.
		const all = succeeds(l, 'kubectl exec old -- nslookup nginx').output;
		expect(all.startsWith(`${OLD_SERVER}Name:      nginx\n`)).toBe(true);
		const answers = all.slice(OLD_SERVER.length);
		const listed = [...answers.matchAll(/^Address \d: (\S+) (\S+)$/gm)].map(
			(m) => `${m[1]} ${m[2]}`
		);
		expect(listed.sort()).toEqual(
			[
				`${ip0} web-0.nginx.default.svc.cluster.local`,
				`${ip1} web-1.nginx.default.svc.cluster.local`
			].sort()
		);
	});

	it('the EndpointSlice and Endpoints name each pod by its hostname (ShouldSetHostname)', () => {
		const l = lab('web.yaml');
		const slice = succeeds(
			l,
			"kubectl get endpointslices -l kubernetes.io/service-name=nginx -o jsonpath='{.items[0].endpoints[*].hostname}'"
		).output;
		expect(slice.split(' ').sort()).toEqual(['web-0', 'web-1']);
		const endpoints = succeeds(
			l,
			"kubectl get endpoints nginx -o jsonpath='{.subsets[0].addresses[*].hostname}'"
		).output;
		expect(endpoints.split(' ').sort()).toEqual(['web-0', 'web-1']);
	});

	it('busybox 1.36 answers the full name; getaddrinfo (wget) finds the short one by search', () => {
		const l = lab('web.yaml', 'clients.yaml');
		const ip0 = podIp(l, 'web-0');
		expect(
			succeeds(l, 'kubectl exec new -- nslookup web-0.nginx.default.svc.cluster.local').output
		).toBe(
			`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb-0.nginx.default.svc.cluster.local\nAddress: ${ip0}\n\n\n`
		);
		// 1.29+ asks a dotted name as it is (add_query_with_search): no such TLD upstream.
		const short = fails(l, 'kubectl exec new -- nslookup web-0.nginx');
		expect(short.output).toBe(
			"Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find web-0.nginx: NXDOMAIN\n\n** server can't find web-0.nginx: NXDOMAIN\n\n"
		);
		expect(succeeds(l, 'kubectl exec new -- wget -qO- web-0.nginx').output).toContain(
			'<title>Welcome to nginx!</title>'
		);
		expect(succeeds(l, 'kubectl exec new -- wget -O- web-1.nginx').error).toContain(
			`Connecting to web-1.nginx (${podIp(l, 'web-1')}:80)\n`
		);
	});

	it("busybox 1.36 asks an address's PTR: CoreDNS names ClusterIPs and endpoints", () => {
		const l = lab('web.yaml', 'clients.yaml');
		const ip0 = podIp(l, 'web-0');
		const head = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';
		expect(succeeds(l, 'kubectl exec new -- nslookup 10.96.0.1').output).toBe(
			`${head}1.0.96.10.in-addr.arpa\tname = kubernetes.default.svc.cluster.local\n\n`
		);
		const ptr = ip0.split('.').reverse().join('.');
		expect(succeeds(l, `kubectl exec new -- nslookup ${ip0}`).output).toBe(
			`${head}${ptr}.in-addr.arpa\tname = web-0.nginx.default.svc.cluster.local\n\n`
		);
		// A pod behind no Service has no record (the upstream has no private reverse zone).
		const own = podIp(l, 'new');
		const mine = own.split('.').reverse().join('.');
		expect(fails(l, `kubectl exec new -- nslookup ${own}`).output).toBe(
			`${head}** server can't find ${mine}.in-addr.arpa: NXDOMAIN\n\n`
		);
	});

	it('an endpoint without a hostname is named by its dashed address; a deleted pod leaves DNS', () => {
		const l = lab('web.yaml', 'clients.yaml');
		const ip0 = podIp(l, 'web-0');
		// CoreDNS endpointHostname: the hostname wins, so the dashed name of web-0 is no record.
		const dashed = `${ip0.replace(/\./g, '-')}.nginx.default.svc.cluster.local`;
		expect(fails(l, `kubectl exec old -- nslookup ${dashed}`).error).toBe(
			`nslookup: can't resolve '${dashed}'\ncommand terminated with exit code 1\n`
		);
		succeeds(l, 'kubectl scale statefulset web --replicas=1');
		l.advance(60_000);
		expect(fails(l, 'kubectl exec old -- nslookup web-1.nginx').error).toBe(
			"nslookup: can't resolve 'web-1.nginx'\ncommand terminated with exit code 1\n"
		);
	});

	it('a pod with hostname + subdomain is published only under the headless Service it names', () => {
		const l = lab('subdomain.yaml', 'clients.yaml');
		const [ip1, ip2] = [podIp(l, 'busybox1'), podIp(l, 'busybox2')];
		expect(succeeds(l, 'kubectl exec old -- nslookup busybox-1.busybox-subdomain').output).toBe(
			`${OLD_SERVER}Name:      busybox-1.busybox-subdomain\nAddress 1: ${ip1} busybox-1.busybox-subdomain.default.svc.cluster.local\n`
		);
		// busybox2's subdomain is another name: its endpoint has no hostname (ShouldSetHostname).
		expect(fails(l, 'kubectl exec old -- nslookup busybox-2.busybox-subdomain').error).toBe(
			"nslookup: can't resolve 'busybox-2.busybox-subdomain'\ncommand terminated with exit code 1\n"
		);
		const dashed = `${ip2.replace(/\./g, '-')}.busybox-subdomain`;
		expect(succeeds(l, `kubectl exec old -- nslookup ${dashed}`).output).toBe(
			`${OLD_SERVER}Name:      ${dashed}\nAddress 1: ${ip2} ${dashed}.default.svc.cluster.local\n`
		);
	});
});

describe('nslookup kubernetes.default (Debugging DNS Resolution)', () => {
	it('busybox:1.28 walks the search path to the kubernetes Service', () => {
		const l = lab('clients.yaml');
		expect(succeeds(l, 'kubectl exec old -- nslookup kubernetes.default').output).toBe(
			`${OLD_SERVER}Name:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n`
		);
		expect(succeeds(l, 'kubectl exec old -- nslookup kubernetes').output).toBe(
			`${OLD_SERVER}Name:      kubernetes\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n`
		);
	});

	it('busybox 1.36 asks kubernetes.default as given and gets NXDOMAIN (why the docs pin 1.28)', () => {
		const l = lab('clients.yaml');
		expect(fails(l, 'kubectl exec new -- nslookup kubernetes.default').output).toBe(
			"Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find kubernetes.default: NXDOMAIN\n\n** server can't find kubernetes.default: NXDOMAIN\n\n"
		);
	});

	it("a name nobody has, and DNS down: busybox 1.28's can't resolve, after the server lines", () => {
		const l = lab('clients.yaml');
		const miss = fails(l, 'kubectl exec old -- nslookup nosuch');
		expect(miss.output).toBe(OLD_SERVER);
		expect(miss.error).toBe(
			"nslookup: can't resolve 'nosuch'\ncommand terminated with exit code 1\n"
		);
		succeeds(l, 'kubectl scale deployment coredns -n kube-system --replicas=0');
		l.advance(30_000);
		// The docs' first failure form: no PTR answer for the server either.
		const down = fails(l, 'kubectl exec old -- nslookup kubernetes.default');
		expect(down.output).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\n');
		expect(down.error).toBe(
			"nslookup: can't resolve 'kubernetes.default'\ncommand terminated with exit code 1\n"
		);
	});
});

describe("a pod's own loopback", () => {
	it("curl and wget reach the pod's own nginx on localhost / 127.0.0.1, no kube-proxy involved", () => {
		const l = lab('sidecar.yaml');
		expect(succeeds(l, 'kubectl exec site -c nginx -- curl -s http://localhost/').output).toContain(
			'<h1>Welcome to nginx!</h1>'
		);
		const plain = succeeds(l, 'kubectl exec site -c nginx -- curl http://127.0.0.1/');
		expect(plain.output).toMatch(/^<!DOCTYPE html>\n/);
		expect(plain.error).toContain('100   615  100   615');
		// The busybox sidecar shares the pod's network namespace.
		expect(succeeds(l, 'kubectl exec site -c shell -- wget -qO- localhost').output).toContain(
			'<h1>Welcome to nginx!</h1>'
		);
		expect(succeeds(l, 'kubectl exec site -c shell -- wget -O- localhost').error).toContain(
			'Connecting to localhost (127.0.0.1:80)\n'
		);
	});

	it('a port nobody listens on is refused, in each tool’s words', () => {
		const l = lab('sidecar.yaml');
		expect(fails(l, 'kubectl exec site -c nginx -- curl -sS localhost:81').error).toBe(
			"curl: (7) Failed to connect to localhost port 81 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n"
		);
		expect(fails(l, 'kubectl exec site -c shell -- wget -qO- 127.0.0.1:8080').error).toBe(
			"wget: can't connect to remote host (127.0.0.1): Connection refused\ncommand terminated with exit code 1\n"
		);
	});
});

describe('server images hold their server', () => {
	it('the runtime finds nginx, redis-server, httpd, postgres in their images', () => {
		expect(hasProgram(imageTools('nginx:1.27'), 'nginx')).toBe(true);
		expect(hasProgram(imageTools('nginx:1.27-alpine'), '/usr/sbin/nginx')).toBe(true);
		expect(hasProgram(imageTools('redis:7'), 'redis-server')).toBe(true);
		expect(hasProgram(imageTools('httpd:2.4'), 'httpd')).toBe(true);
		expect(hasProgram(imageTools('postgres:17'), 'psql')).toBe(true);
		// …and not each other's.
		expect(hasProgram(imageTools('redis:7'), 'nginx')).toBe(false);
		expect(hasProgram(imageTools('busybox:1.36'), 'nginx')).toBe(false);
		const l = lab('sidecar.yaml');
		// No longer runc's "executable file not found": the program exists in the image.
		expect(l.exec('kubectl exec site -c nginx -- nginx -v').error ?? '').not.toContain(
			'executable file not found'
		);
	});

	it('nginx -v prints its version on stderr; -t checks the image configuration', () => {
		const l = createLab({ seed: 3 });
		succeeds(l, 'kubectl run web --image=nginx:1.27');
		succeeds(l, 'kubectl run old --image=nginx:1.25.4-alpine');
		succeeds(l, 'kubectl run edge --image=nginx:stable');
		l.advance(30_000);
		const v = succeeds(l, 'kubectl exec web -- nginx -v');
		expect([v.output, v.error]).toEqual(['', 'nginx version: nginx/1.27.3\n']);
		expect(succeeds(l, 'kubectl exec old -- nginx -v').error).toBe('nginx version: nginx/1.25.4\n');
		expect(succeeds(l, 'kubectl exec web -- /usr/sbin/nginx -t').error).toBe(
			'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n'
		);
		// A moving tag of another line: the lab cannot say which version it holds.
		expect(fails(l, 'kubectl exec edge -- nginx -v').error).toContain('not simulated');
		expect(nginxVersion('nginx:stable')).toBeUndefined();
	});
});
