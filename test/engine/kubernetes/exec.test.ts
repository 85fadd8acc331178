/**
 * `kubectl exec`: kubectl's, the API server's, the kubelet's and the runtime's errors; what
 * commands print inside a container; and calls to Services from inside a pod, resolved by
 * cluster DNS and answered by one ready endpoint that kube-proxy's rules chose.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, state, succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	'web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: busybox
    image: busybox:1.36
    command: ["sleep", "3600"]
`,
	'two.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ["true"]
  containers:
  - name: app
    image: nginx:1.27
  - name: sidecar
    image: busybox:1.36
    command: ["sleep", "3600"]
`,
	'site.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: site
data:
  index.html: "<h1>Hello from a ConfigMap</h1>\\n"
---
apiVersion: v1
kind: Pod
metadata:
  name: site
  labels: {app: site}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  volumes:
  - name: html
    configMap:
      name: site
---
apiVersion: v1
kind: Service
metadata:
  name: site
spec:
  selector: {app: site}
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector: {app: web}
  ports:
  - port: 80
`,
	'echo.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: echo
  labels: {app: echo}
spec:
  containers:
  - name: echo
    image: hashicorp/http-echo:1.0
    args: ["-text=hello from echo", "-listen=:5678"]
    ports:
    - containerPort: 5678
---
apiVersion: v1
kind: Service
metadata:
  name: echo
spec:
  selector: {app: echo}
  ports:
  - port: 80
    targetPort: 5678
---
apiVersion: v1
kind: Service
metadata:
  name: wrong-port
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 8080
`
};

/** A lab with 3 nginx pods behind Service `web` and a busybox pod `client`, all running. */
function webLab(seed = 4): Lab {
	const lab = createLab({ seed, readFile: (p) => FILES[p] });
	succeeds(lab, 'kubectl apply -f web.yaml');
	lab.advance(60_000);
	return lab;
}

function podsOf(lab: Lab, app: string): string[] {
	return succeeds(lab, `kubectl get pods -l app=${app} -o name`)
		.output.trim()
		.split('\n')
		.map((l) => l.replace('pod/', ''));
}

describe('kubectl exec: inside the container', () => {
	it('hostname, /etc/hostname, env and the files the kubelet writes (hosts, resolv.conf)', () => {
		const lab = webLab();
		expect(succeeds(lab, 'kubectl exec client -- hostname').output).toBe('client\n');
		expect(succeeds(lab, 'kubectl exec client -- cat /etc/hostname').output).toBe('client\n');
		expect(succeeds(lab, 'kubectl exec client -- cat /etc/resolv.conf').output).toBe(
			'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n'
		);
		const ip = succeeds(lab, "kubectl get pod client -o jsonpath='{.status.podIP}'").output;
		expect(succeeds(lab, 'kubectl exec client -- cat /etc/hosts').output).toBe(
			'# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
				'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' +
				`${ip}\tclient\n`
		);
		expect(succeeds(lab, 'kubectl exec client -- hostname -i').output).toBe(`${ip}\n`);
		const env = succeeds(lab, 'kubectl exec client -- env').output;
		expect(env).toMatch(/^PATH=.*\nHOSTNAME=client\n/);
		expect(env).toMatch(/^WEB_SERVICE_HOST=10\.\d+\.\d+\.\d+$/m);
		expect(succeeds(lab, 'kubectl exec client -- printenv WEB_SERVICE_PORT').output).toBe('80\n');
		expect(
			succeeds(lab, 'kubectl exec client -- sh -c \'echo $HOSTNAME && echo "in $(hostname)"\'')
				.output
		).toBe('client\nin client\n');
	});

	it('a non-zero exit ends in "command terminated with exit code N"; the shell says what is missing', () => {
		const lab = webLab();
		const r = fails(lab, "kubectl exec client -- sh -c 'exit 3'");
		expect(r.error).toBe('command terminated with exit code 3\n');
		// busybox ash, Debian's dash and bash word "not found" each their own way (127).
		expect(fails(lab, "kubectl exec client -- sh -c 'curl web'").error).toBe(
			'sh: curl: not found\ncommand terminated with exit code 127\n'
		);
		expect(fails(lab, "kubectl exec deploy/web -- sh -c 'nslookup web'").error).toBe(
			'sh: 1: nslookup: not found\ncommand terminated with exit code 127\n'
		);
		expect(fails(lab, "kubectl exec deploy/web -- bash -c 'wget web'").error).toBe(
			'bash: line 1: wget: command not found\ncommand terminated with exit code 127\n'
		);
		expect(succeeds(lab, "kubectl exec client -- sh -c 'false || echo rescued'").output).toBe(
			'rescued\n'
		);
	});

	it('a program the image lacks fails in the runtime, before anything runs', () => {
		const lab = webLab();
		const bash = fails(lab, 'kubectl exec client -- bash').error!;
		expect(bash).toMatch(
			/^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/
		);
		expect(fails(lab, 'kubectl exec client -- /bin/bash -c true').error).toContain(
			'exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown\n'
		);
		// nginx's Debian image has bash and curl, but no wget.
		expect(fails(lab, 'kubectl exec deploy/web -- wget -qO- web').error).toContain(
			'exec: "wget": executable file not found in $PATH'
		);
	});

	it('an interactive shell is refused plainly; -it first says the console is no terminal', () => {
		const lab = webLab();
		const r = fails(lab, 'kubectl exec -it client -- sh');
		expect(r.error).toMatch(
			/^Unable to use a TTY - input is not a terminal or the right kind of file\nlab: interactive shells are not simulated/
		);
		// Without -i the shell reads end-of-file at once and exits 0, printing nothing (-t
		// without -i is dropped silently); a plain command with -it still runs.
		expect(succeeds(lab, 'kubectl exec -t client -- sh').output).toBe('');
		expect(succeeds(lab, 'kubectl exec client -- sh').output).toBe('');
		const it = succeeds(lab, 'kubectl exec -it client -- hostname');
		expect(it.output).toBe('client\n');
		expect(it.error).toBe(
			'Unable to use a TTY - input is not a terminal or the right kind of file\n'
		);
	});
});

describe('kubectl exec: errors', () => {
	it("kubectl's own checks", () => {
		const lab = webLab();
		expect(fails(lab, 'kubectl exec client').error).toBe(
			'error: you must specify at least one command for the container\n'
		);
		expect(fails(lab, 'kubectl exec client ls').error).toBe(
			"error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n"
		);
		expect(fails(lab, 'kubectl exec -- ls').error).toBe(
			'error: pod, type/name or --filename must be specified\n'
		);
		expect(fails(lab, 'kubectl exec nope -- ls').error).toBe(
			'Error from server (NotFound): pods "nope" not found\n'
		);
		expect(fails(lab, 'kubectl exec deploy/nope -- ls').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n'
		);
		expect(fails(lab, 'kubectl exec client --bogus -- ls').error).toBe(
			"error: unknown flag: --bogus\nSee 'kubectl exec --help' for usage.\n"
		);
	});

	it("the API server's and the kubelet's: unknown container, no host yet, not running yet", () => {
		const lab = createLab({ seed: 4, readFile: (p) => FILES[p] });
		succeeds(lab, 'kubectl apply -f web.yaml');
		// Just created: not scheduled, then scheduled but its container not started.
		expect(fails(lab, 'kubectl exec client -- ls').error).toBe(
			'Error from server (BadRequest): pod client does not have a host assigned\n'
		);
		lab.advance(1_000);
		expect(fails(lab, 'kubectl exec client -- ls').error).toBe(
			'error: unable to upgrade connection: container not found ("busybox")\n'
		);
		lab.advance(60_000);
		expect(fails(lab, 'kubectl exec client -c nginx -- ls').error).toBe(
			'Error from server (BadRequest): container nginx is not valid for pod client\n'
		);
	});

	it('a completed pod, and a pod whose node is down', () => {
		const lab = webLab();
		succeeds(lab, 'kubectl run done --image=busybox:1.36 --restart=Never -- true');
		lab.advance(30_000);
		expect(fails(lab, 'kubectl exec done -- ls').error).toBe(
			'error: cannot exec into a container in a completed pod; current phase is Succeeded\n'
		);
		const node = succeeds(lab, "kubectl get pod client -o jsonpath='{.spec.nodeName}'").output;
		const ip = succeeds(
			lab,
			`kubectl get node ${node} -o jsonpath='{.status.addresses[0].address}'`
		).output;
		// Cut off from the control plane, the kubelet is out of the API server's reach as well.
		succeeds(lab, `sim partition control-plane / ${node}`);
		expect(fails(lab, 'kubectl exec client -- ls').error).toBe(
			`Error from server: error dialing backend: dial tcp ${ip}:10250: i/o timeout\n`
		);
		succeeds(lab, 'sim heal');
		expect(succeeds(lab, 'kubectl exec client -- hostname').output).toBe('client\n');
		succeeds(lab, `sim node stop ${node}`);
		expect(fails(lab, 'kubectl exec client -- ls').error).toBe(
			`Error from server: error dialing backend: dial tcp ${ip}:10250: i/o timeout\n`
		);
	});

	it('the default container: the annotation, else the first, with a note naming the others', () => {
		const lab = webLab();
		succeeds(lab, 'kubectl apply -f two.yaml');
		lab.advance(60_000);
		const r = succeeds(lab, 'kubectl exec two -- hostname');
		expect(r.error).toBe('Defaulted container "app" out of: app, sidecar, setup (init)\n');
		expect(succeeds(lab, 'kubectl exec -q two -- hostname').error).toBeUndefined();
		expect(succeeds(lab, 'kubectl exec two -c sidecar -- hostname').error).toBeUndefined();
		succeeds(lab, 'kubectl annotate pod two kubectl.kubernetes.io/default-container=sidecar');
		// busybox's ls / (the sidecar), not Debian's (nginx).
		const ls = succeeds(lab, 'kubectl exec two -- ls /');
		expect(ls.error).toBeUndefined();
		expect(ls.output).not.toContain('boot');
	});

	it('a command the lab does not simulate says so and changes nothing', () => {
		const lab = webLab();
		expect(fails(lab, 'kubectl exec client -- touch /tmp/x').error).toMatch(
			/^error: "kubectl exec … -- touch \/tmp\/x" is not simulated in this lab yet\n/
		);
		// The shell runs the pipe; `ps` is the program the lab does not simulate.
		expect(fails(lab, "kubectl exec client -- sh -c 'ps | grep x'").error).toMatch(
			/"kubectl exec … -- ps" is not simulated/
		);
	});
});

describe('kubectl exec: Services from inside a pod', () => {
	it('wget and curl reach a Service by its names; nginx answers its default page', () => {
		const lab = webLab();
		const page = succeeds(lab, 'kubectl exec client -- wget -qO- http://web').output;
		expect(page).toContain('<title>Welcome to nginx!</title>');
		expect(new TextEncoder().encode(page).length).toBe(615);
		for (const name of ['web.default', 'web.default.svc', 'web.default.svc.cluster.local'])
			expect(succeeds(lab, `kubectl exec client -- wget -qO- ${name}`).output).toBe(page);
		const clusterIP = succeeds(lab, "kubectl get svc web -o jsonpath='{.spec.clusterIP}'").output;
		const loud = succeeds(lab, 'kubectl exec client -- wget -O- web');
		expect(loud.error).toBe(
			`Connecting to web (${clusterIP}:80)\nwriting to stdout\n` +
				'-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n'
		);
		expect(succeeds(lab, 'kubectl exec deploy/web -- curl -s web').output).toBe(page);
		// nginx's own 404; wget fails on it, curl prints it (or fails with -f).
		expect(fails(lab, 'kubectl exec client -- wget -qO- web/nope').error).toBe(
			'wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n'
		);
		expect(succeeds(lab, 'kubectl exec deploy/web -- curl -s web/nope').output).toContain(
			'<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/1.27.3</center>'
		);
		expect(fails(lab, 'kubectl exec deploy/web -- curl -sSf web/nope').error).toBe(
			'curl: (22) The requested URL returned error: 404\ncommand terminated with exit code 22\n'
		);
	});

	it('unknown names: busybox "bad address", curl (6); cluster DNS answers nslookup', () => {
		const lab = webLab();
		expect(fails(lab, 'kubectl exec client -- wget -qO- http://nope').error).toBe(
			"wget: bad address 'nope'\ncommand terminated with exit code 1\n"
		);
		expect(fails(lab, 'kubectl exec deploy/web -- curl -sS nope').error).toBe(
			'curl: (6) Could not resolve host: nope\ncommand terminated with exit code 6\n'
		);
		const ip = succeeds(lab, "kubectl get svc web -o jsonpath='{.spec.clusterIP}'").output;
		expect(
			succeeds(lab, 'kubectl exec client -- nslookup web.default.svc.cluster.local').output
		).toBe(
			`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${ip}\n\n\n`
		);
		// busybox asks a dotless name under every search domain: the misses make it exit 1.
		const short = fails(lab, 'kubectl exec client -- nslookup web');
		expect(short.output).toContain(`Name:\tweb.default.svc.cluster.local\nAddress: ${ip}\n`);
		expect(short.output).toContain("** server can't find web.svc.cluster.local: NXDOMAIN\n");
		expect(short.error).toBe('command terminated with exit code 1\n');
	});

	it('each connection goes to one endpoint kube-proxy chose: iptables at random, IPVS in turn', () => {
		const lab = createLab({ seed: 11 });
		succeeds(
			lab,
			'kubectl create deployment echo --image=registry.k8s.io/e2e-test-images/agnhost:2.39 --replicas=3 -- /agnhost serve-hostname'
		);
		succeeds(lab, 'kubectl expose deployment echo --port=80 --target-port=9376');
		succeeds(lab, 'kubectl run client --image=busybox:1.36 --restart=Never -- sleep 3600');
		lab.advance(60_000);
		const pods = podsOf(lab, 'echo');
		const loop =
			"kubectl exec client -- sh -c 'for i in $(seq 1 30); do wget -qO- echo; echo; done'";
		const random = succeeds(lab, loop).output.trim().split('\n');
		expect(random).toHaveLength(30);
		for (const name of random) expect(pods).toContain(name);
		expect(new Set(random).size).toBe(3);
		succeeds(lab, 'sim kube-proxy mode ipvs');
		lab.advance(5_000);
		const turns = succeeds(lab, loop).output.trim().split('\n');
		for (let i = 3; i < turns.length; i++) expect(turns[i]).toBe(turns[i - 3]);
		expect(new Set(turns.slice(0, 3)).size).toBe(3);
	});

	it('a Service without ready endpoints is refused; a port nobody listens on too', () => {
		const lab = webLab();
		succeeds(lab, 'kubectl scale deployment web --replicas=0');
		lab.advance(30_000);
		const ip = succeeds(lab, "kubectl get svc web -o jsonpath='{.spec.clusterIP}'").output;
		expect(fails(lab, 'kubectl exec client -- wget -qO- web').error).toBe(
			`wget: can't connect to remote host (${ip}): Connection refused\ncommand terminated with exit code 1\n`
		);
		succeeds(lab, 'kubectl scale deployment web --replicas=2');
		succeeds(lab, 'kubectl apply -f echo.yaml');
		lab.advance(60_000);
		const wrong = succeeds(
			lab,
			"kubectl get svc wrong-port -o jsonpath='{.spec.clusterIP}'"
		).output;
		// The endpoints are ready, but nginx listens on 80, not on the targetPort 8080.
		expect(fails(lab, 'kubectl exec client -- wget -qO- wrong-port').error).toBe(
			`wget: can't connect to remote host (${wrong}): Connection refused\ncommand terminated with exit code 1\n`
		);
		expect(succeeds(lab, 'kubectl exec client -- wget -qO- echo').output).toBe('hello from echo\n');
	});

	it('without CoreDNS no name resolves; a ClusterIP still answers', () => {
		const lab = webLab();
		succeeds(lab, 'kubectl scale deployment coredns -n kube-system --replicas=0');
		lab.advance(30_000);
		expect(fails(lab, 'kubectl exec client -- nslookup web').output).toBe(
			'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n;; connection timed out; no servers could be reached\n\n'
		);
		expect(fails(lab, 'kubectl exec client -- wget -qO- web').error).toBe(
			"wget: bad address 'web'\ncommand terminated with exit code 1\n"
		);
		const ip = succeeds(lab, "kubectl get svc web -o jsonpath='{.spec.clusterIP}'").output;
		expect(succeeds(lab, `kubectl exec client -- wget -qO- ${ip}`).output).toContain(
			'Welcome to nginx!'
		);
	});

	it('nginx serves the index a ConfigMap mounts; a headless Service resolves to its pods', () => {
		const lab = webLab();
		succeeds(lab, 'kubectl apply -f site.yaml');
		lab.advance(60_000);
		expect(succeeds(lab, 'kubectl exec client -- wget -qO- site').output).toBe(
			'<h1>Hello from a ConfigMap</h1>\n'
		);
		expect(succeeds(lab, 'kubectl exec site -- cat /usr/share/nginx/html/index.html').output).toBe(
			'<h1>Hello from a ConfigMap</h1>\n'
		);
		expect(fails(lab, 'kubectl exec site -- cat /usr/share/nginx/html/other.html').error).toBe(
			'cat: /usr/share/nginx/html/other.html: No such file or directory\ncommand terminated with exit code 1\n'
		);
		const ips = succeeds(lab, "kubectl get pods -l app=web -o jsonpath='{.items[*].status.podIP}'")
			.output.split(' ')
			.sort();
		const answer = succeeds(lab, 'kubectl exec client -- nslookup db.default.svc.cluster.local');
		const found = [...answer.output.matchAll(/^Address: (\S+)$/gm)].map((m) => m[1]).sort();
		expect(found).toEqual(ips);
	});

	it('works in another namespace (-n before the verb too), and time travel replays the choices', () => {
		const lab = webLab();
		succeeds(lab, 'kubectl create namespace other');
		succeeds(lab, 'kubectl run c2 -n other --image=busybox:1.36 --restart=Never -- sleep 3600');
		lab.advance(30_000);
		expect(succeeds(lab, 'kubectl -n other exec c2 -- cat /etc/resolv.conf').output).toMatch(
			/^search other\.svc\.cluster\.local /
		);
		expect(fails(lab, 'kubectl -n other exec c2 -- wget -qO- web').error).toContain(
			"bad address 'web'"
		);
		expect(succeeds(lab, 'kubectl exec -n other c2 -- wget -qO- web.default').output).toContain(
			'Welcome to nginx!'
		);
		// An exec that chose endpoints is recorded: seeking back and forth gives the same lab.
		const before = state(lab);
		lab.seek(0);
		lab.seek(before.now);
		expect(state(lab)).toEqual(before);
	});
});
