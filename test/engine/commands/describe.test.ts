/**
 * `kubectl describe` in kubectl v1.35's layout (cli-formats.md §3: describe.go tabbedString
 * with minwidth 0 / padding 2, field order, `<none>`, Conditions cells ending in a space, the
 * Events table with `(xN over …)` aggregation), reading only what the lab's store holds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { Kernel } from '../../../src/engine/core/kernel';
import { LAB_EPOCH_MS } from '../../../src/engine/core/time';
import { EVENTS, PODS } from '../../../src/engine/kubernetes/api/collections';
import { LEASES } from '../../../src/engine/kubernetes/node-object';
import { describeNode } from '../../../src/engine/commands/kubectl/describe-node';
import { describePod } from '../../../src/engine/commands/kubectl/describe-pod';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';
import { corpusFiles } from '../manifests/corpus';

const corpus = new Map(corpusFiles().map((f) => [f.name, f.text]));

const FILES: Record<string, string> = {
	'sized.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: sized
spec:
  replicas: 1
  selector:
    matchLabels:
      app: sized
  template:
    metadata:
      labels:
        app: sized
    spec:
      nodeSelector:
        kubernetes.io/hostname: node-2
      containers:
      - name: app
        image: nginx:1.27
        resources:
          requests:
            cpu: 500m
            memory: 256Mi
          limits:
            cpu: "1"
            memory: 512Mi
`,
	'big.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        memory: 1000Gi
`
};

function lab(): Lab {
	return createLab({ seed: 5, readFile: (p) => FILES[p] ?? corpus.get(p) });
}

function podNames(l: Lab): string[] {
	const items = (JSON.parse(l.exec('kubectl get pods -o json').output) as { items: Pod[] }).items;
	return items.map((p) => p.metadata!.name!).sort();
}

/** The column at which the values of a run of `Key:  value` lines start. */
function valueColumn(lines: string[], keys: string[]): number[] {
	return keys.map((k) => {
		const line = lines.find((l) => l.startsWith(`${k}:`));
		expect(line, k).toBeDefined();
		return line!.length - line!.slice(k.length + 1).trimStart().length;
	});
}

describe('kubectl describe pod', () => {
	it('prints a deployment pod in describe.go order, aligned, with the scheduler and kubelet events', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f deployment.yaml');
		l.advance(60_000);
		const name = podNames(l)[0]!;
		const text = succeeds(l, `kubectl describe pod ${name}`).output;
		const lines = text.split('\n');
		const titles = lines.filter((x) => /^[A-Z][^:]*:/.test(x)).map((x) => x.split(':')[0]);
		expect(titles).toEqual([
			'Name',
			'Namespace',
			'Priority',
			'Service Account',
			'Node',
			'Start Time',
			'Labels',
			'Annotations',
			'Status',
			'IP',
			'IPs',
			'Controlled By',
			'Containers',
			'Conditions',
			'Volumes',
			'QoS Class',
			'Node-Selectors',
			'Tolerations',
			'Events'
		]);
		// One tabwriter block from Name to IPs: every value starts in the same column (longest
		// key `Service Account:` + 2 spaces; the ServiceAccount admission names `default`).
		const cols = valueColumn(lines, ['Name', 'Namespace', 'Node', 'Start Time', 'Status', 'IP']);
		expect(new Set(cols)).toEqual(new Set(['Service Account:  '.length]));
		expect(text).toMatch(/^Service Account: {2}default$/m);
		// The Priority admission plugin gives a pod of no class priority 0.
		expect(text).toMatch(/^Priority: {9}0$/m);
		expect(text).toMatch(/^Status: {11}Running$/m);
		expect(text).toMatch(/^Start Time: {7}Mon, 05 Jan 2026 09:00:0\d \+0000$/m);
		expect(text).toMatch(/^Controlled By: {2}ReplicaSet\/nginx-deployment-[a-z0-9]+$/m);
		expect(text).toMatch(/^ {4}Image: +nginx:1\.14\.2$/m);
		expect(text).toMatch(/^ {4}Port: +80\/TCP$/m);
		expect(text).toMatch(/^ {4}State: +Running$/m);
		expect(text).toMatch(/^ {4}Container ID: +containerd:\/\/[0-9a-f]{64}$/m);
		expect(text).toMatch(/^ {4}Image ID: +docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/m);
		// Conditions: PodReadyToStartContainers first, every row ending in one space.
		const at = lines.indexOf('Conditions:');
		expect(lines[at + 1]).toMatch(/^ {2}Type +Status$/);
		expect(lines.slice(at + 2, at + 7)).toEqual([
			'  PodReadyToStartContainers   True ',
			'  Initialized                 True ',
			'  Ready                       True ',
			'  ContainersReady             True ',
			'  PodScheduled                True '
		]);
		// The service account token volume (ServiceAccount admission), mounted read-only; its
		// lines and QoS Class … Tolerations form one block, as wide as `    TokenExpirationSeconds:` + 2.
		const volume = /^ {2}(kube-api-access-[a-z0-9]{5}):$/m.exec(text)?.[1];
		expect(volume).toBeDefined();
		expect(text).toContain(
			`    Mounts:\n      /var/run/secrets/kubernetes.io/serviceaccount from ${volume} (ro)\n`
		);
		expect(text).toContain('    TokenExpirationSeconds:  3607\n');
		const wide = '    TokenExpirationSeconds:'.length + 2;
		expect(text).toContain(
			`${'Tolerations:'.padEnd(wide)}node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n` +
				`${''.padEnd(wide)}node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n`
		);
		expect(text).toMatch(/^QoS Class: +BestEffort$/m);
		expect(text).toMatch(
			/^Events:\n {2}Type {4}Reason +Age +From +Message\n {2}---- {4}------ +---- +---- +-------\n/m
		);
		expect(text).toMatch(
			new RegExp(
				`^ {2}Normal {2}Scheduled +\\d+s +default-scheduler +Successfully assigned default/${name} to node-\\d$`,
				'm'
			)
		);
		expect(text).toMatch(
			/^ {2}Normal {2}Started +\d+s +kubelet +spec\.containers\{nginx\}: Container started$/m
		);
		expect(text.endsWith('\n')).toBe(true);
	});

	it('shows restarts, the last termination, the probe and aggregated events of exec-liveness.yaml', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f exec-liveness.yaml');
		// Each kill takes the 30 s grace period (`sh` ignores SIGTERM): restarts at ≈75 s and ≈160 s.
		l.advance(200_000);
		const text = succeeds(l, 'kubectl describe pod liveness-exec').output;
		expect(text).toContain(
			'    Args:\n      /bin/sh\n      -c\n      touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600\n'
		);
		expect(text).toMatch(
			/^ {4}Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}137\n/m
		);
		expect(text).toMatch(/^ {4}Restart Count: {2}[23]$/m);
		expect(text).toMatch(
			/^ {4}Liveness: {7}exec \[cat \/tmp\/healthy\] delay=5s timeout=1s period=5s #success=1 #failure=3$/m
		);
		expect(text).toMatch(
			/^ {2}Warning {2}Unhealthy +\d+s \(x\d+ over (?:\d+m)?\d+s\) +kubelet +spec\.containers\{liveness\}: Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory$/m
		);
		expect(text).toMatch(/Killing .*Container liveness failed liveness probe, will be restarted$/m);
		// Events sorted by the time last seen: the ages (before any "(xN over …)") never grow.
		const rows = text.slice(text.indexOf('Events:')).split('\n').slice(3, -1);
		const seconds = rows.map((r) => {
			const m = /^ {2}\w+ +\w+ +(?:(\d+)m)?(?:(\d+)s)? /.exec(r)!;
			return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
		});
		expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
		expect(rows.length).toBeGreaterThanOrEqual(8);
	});

	it('shows a pod no node can take: Node <none>, Pending and the FailedScheduling event', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f big.yaml');
		l.advance(5_000);
		const text = succeeds(l, 'kubectl describe pod big').output;
		expect(text).toMatch(/^Node: +<none>$/m);
		expect(text).toMatch(/^Status: +Pending$/m);
		expect(text).toMatch(/^IPs: +<none>$/m);
		expect(text).toMatch(
			/^ {2}Warning {2}FailedScheduling +\d+s(?: \(x\d+ over \d+s\))? +default-scheduler +0\/4 nodes are available: .*Insufficient memory/m
		);
		expect(text).toMatch(/^QoS Class: +Burstable$/m);
		expect(text).toMatch(/^ {4}Requests:\n {6}memory: +1000Gi$/m);
	});
});

describe('kubectl describe node', () => {
	it('prints the cordoned worker of cli-formats.md §3.3 with its pods, requests and percentages', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f sized.yaml');
		l.advance(30_000);
		succeeds(l, 'kubectl cordon node-2');
		succeeds(l, 'kubectl taint node node-2 dedicated=lab:NoSchedule');
		succeeds(l, 'kubectl taint node node-2 gpu:NoExecute');
		const text = succeeds(l, 'kubectl describe node node-2').output;
		const titles = text
			.split('\n')
			.filter((x) => /^[A-Z][^:]*:/.test(x))
			.map((x) => x.split(':')[0]);
		expect(titles).toEqual([
			'Name',
			'Roles',
			'Labels',
			'Annotations',
			'CreationTimestamp',
			'Taints',
			'Unschedulable',
			'Lease',
			'Conditions',
			'Addresses',
			'Capacity',
			'Allocatable',
			'System Info',
			'PodCIDR',
			'PodCIDRs',
			'ProviderID',
			'Non-terminated Pods',
			'Allocated resources',
			'Events'
		]);
		expect(text).toContain('Roles:              <none>\n');
		// Sorted by effect, then key; `key=value:Effect` or `key:Effect`.
		expect(text).toContain(
			'Taints:             gpu:NoExecute\n                    dedicated=lab:NoSchedule\nUnschedulable:      true\n'
		);
		expect(text).toContain('Lease:\n  HolderIdentity:  node-2\n  AcquireTime:     <unset>\n');
		expect(text).toMatch(/^ {2}Ready {12}True {4}\w{3}, \d\d \w{3} 2026 [\d:]{8} \+0000 {3}/m);
		expect(text).toContain('Addresses:\n  InternalIP:  172.18.0.4\n  Hostname:    node-2\n');
		// System Info and the pods table share one block: Namespace is 30 wide.
		expect(text).toContain('  Kube-Proxy Version:         \n');
		// Its pod, and kube-proxy's, which every node runs (cli-formats.md §3.3 lists it too).
		expect(text).toContain('Non-terminated Pods:          (2 in total)\n');
		expect(text).toMatch(/\n {2}kube-system {17}kube-proxy-[a-z0-9]{5} {4}/);
		// Each value starts under its title; 500m of 4 CPUs is 12 %, 256Mi of the 8045940Ki allocatable is 3 %.
		const lines = text.split('\n');
		const header = lines.find((x) => x.startsWith('  Namespace'))!;
		const row = lines.find((x) => x.startsWith('  default '))!;
		const cells = ['default', 'sized-', '500m (12%)', '1 (25%)', '256Mi (3%)', '512Mi (6%)'];
		const columns = [
			'Namespace',
			'Name',
			'CPU Requests',
			'CPU Limits',
			'Memory Requests',
			'Memory Limits'
		];
		const column = (title: string) => header.indexOf(` ${title} `) + 1;
		cells.forEach((c, i) => expect(row.indexOf(c), c).toBe(column(columns[i]!)));
		expect(column('Name')).toBe('  Container Runtime Version:  '.length);
		expect(text).toContain(
			'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n' +
				'  Resource           Requests    Limits\n' +
				'  --------           --------    ------\n' +
				'  cpu                500m (12%)  1 (25%)\n' +
				'  memory             256Mi (3%)  512Mi (6%)\n' +
				'  ephemeral-storage  0 (0%)      0 (0%)\n' +
				'  hugepages-1Gi      0 (0%)      0 (0%)\n' +
				'  hugepages-2Mi      0 (0%)      0 (0%)\n'
		);
	});

	it('names the control plane role and its taint', () => {
		const text = succeeds(lab(), 'kubectl describe node control-plane').output;
		expect(text).toContain('Roles:              control-plane\n');
		expect(text).toContain(
			'Taints:             node-role.kubernetes.io/control-plane:NoSchedule\n'
		);
	});
});

describe('kubectl describe deployment and replicaset', () => {
	it('shows replicas, strategy, the pod template and old/new replica sets after an update', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f deployment.yaml');
		l.advance(30_000);
		succeeds(l, 'kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1');
		l.advance(60_000);
		const text = succeeds(l, 'kubectl describe deployment nginx-deployment').output;
		expect(text).toContain(
			'Selector:               app.kubernetes.io/name=nginx\n' +
				'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable\n' +
				'StrategyType:           RollingUpdate\n' +
				'MinReadySeconds:        0\n' +
				'RollingUpdateStrategy:  25% max unavailable, 25% max surge\n' +
				'Pod Template:\n' +
				'  Labels:  app.kubernetes.io/name=nginx\n' +
				'  Containers:\n' +
				'   nginx:\n' +
				'    Image:         nginx:1.16.1\n' +
				'    Port:          80/TCP\n' +
				'    Host Port:     0/TCP\n' +
				'    Environment:   <none>\n' +
				'    Mounts:        <none>\n' +
				'  Volumes:         <none>\n' +
				'  Node-Selectors:  <none>\n' +
				'  Tolerations:     <none>\n'
		);
		expect(text).toMatch(
			/^OldReplicaSets: +nginx-deployment-[a-z0-9]+ \(0\/0 replicas created\)$/m
		);
		expect(text).toMatch(/^NewReplicaSet: +nginx-deployment-[a-z0-9]+ \(2\/2 replicas created\)$/m);
		expect(text).toMatch(
			/^ {2}Normal {2}ScalingReplicaSet +\d+s +deployment-controller +Scaled up replica set nginx-deployment-[a-z0-9]+ from 0 to 2$/m
		);
	});

	it('describes a replica set with its controller and pod counts', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f deployment.yaml');
		l.advance(30_000);
		const text = succeeds(l, 'kubectl describe rs').output;
		expect(text).toMatch(/^Controlled By: {2}Deployment\/nginx-deployment$/m);
		expect(text).toMatch(/^Replicas: +2 current \/ 2 desired$/m);
		expect(text).toMatch(/^Pods Status: +2 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed$/m);
		expect(text).toMatch(
			/^ {2}Normal {2}SuccessfulCreate +\d+s +replicaset-controller +Created pod: nginx-deployment-/m
		);
	});
});

describe('kubectl describe service', () => {
	it('lists ready endpoints, three at most, then + N more...', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f deployment.yaml');
		succeeds(l, 'kubectl apply -f nginx-service.yaml');
		succeeds(l, 'kubectl scale deployment nginx-deployment --replicas=5');
		l.advance(60_000);
		const text = succeeds(l, 'kubectl describe svc nginx-service').output;
		expect(text).toMatch(/^Name: {21}nginx-service$/m);
		expect(text).toMatch(/^Selector: +app\.kubernetes\.io\/name=nginx$/m);
		expect(text).toMatch(/^Port: +<unset> {2}8000\/TCP$/m);
		expect(text).toMatch(/^TargetPort: +80\/TCP$/m);
		expect(text).toMatch(
			/^Endpoints: +(10\.244\.\d+\.\d+:80,){2}10\.244\.\d+\.\d+:80 \+ 2 more\.\.\.$/m
		);
		expect(text).toMatch(/^Session Affinity: +None$/m);
		expect(text).toMatch(/^Events: +<none>$/m);
	});
});

describe('kubectl describe: selection and errors', () => {
	it('describes every object of a type, two blank lines apart, and by name prefix', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f deployment.yaml');
		l.advance(20_000);
		const all = succeeds(l, 'kubectl describe pods').output;
		expect(all.split('\n\n\nName:')).toHaveLength(2);
		expect(succeeds(l, 'kubectl describe pods nginx-deploy').output).toBe(all);
		expect(succeeds(l, 'kubectl describe pods -l app.kubernetes.io/name=nginx').output).toBe(all);
		const one = podNames(l)[1]!;
		expect(succeeds(l, `kubectl describe pod/${one}`).output).toBe(
			succeeds(l, `kubectl describe po ${one}`).output
		);
		const quiet = succeeds(l, `kubectl describe pod ${one} --show-events=false`).output;
		expect(quiet).not.toContain('Events:');
		expect(succeeds(l, `kubectl describe pod ${one}`).output.startsWith(quiet)).toBe(true);
		expect(succeeds(l, 'kubectl describe pods -n kube-public').error).toBe(
			'No resources found in kube-public namespace.\n'
		);
	});

	it('answers like kubectl and changes nothing', () => {
		const l = lab();
		expect(fails(l, 'kubectl describe pod nope').error).toBe(
			'Error from server (NotFound): pods "nope" not found\n'
		);
		expect(fails(l, 'kubectl describe deployment nope').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n'
		);
		expect(fails(l, 'kubectl describe').error).toBe(
			'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n'
		);
		expect(fails(l, 'kubectl describe foos').error).toBe(
			'error: the server doesn\'t have a resource type "foos"\n'
		);
		expect(fails(l, 'kubectl describe pods --bogus').error).toBe(
			"error: unknown flag: --bogus\nSee 'kubectl describe --help' for usage.\n"
		);
	});
});

const FORMATS = join(import.meta.dirname, '../../../../shared/cli-formats.md');

/** A ```-fenced sample of cli-formats.md that follows `marker`. */
function sample(marker: string): string | undefined {
	if (!existsSync(FORMATS)) return undefined;
	const text = readFileSync(FORMATS, 'utf8');
	const at = text.indexOf(marker);
	if (at < 0) return undefined;
	const start = text.indexOf('```\n', at) + 4;
	return text.slice(start, text.indexOf('\n```', start) + 1);
}

describe('kubectl describe node, byte for byte', () => {
	const expected = sample('[src] A cordoned worker on v1.35:');
	it.skipIf(expected === undefined)(
		'rebuilds the cordoned-worker sample of cli-formats.md §3.3',
		() => {
			// The sample's objects, put straight into a store: describe reads nothing else.
			const kernel = new Kernel(1, { latencyMs: 1, jitterMs: 0, loss: 0 });
			const at = (t: string) => `2026-01-12T${t}Z`;
			kernel.now = Date.parse(at('09:16:22')) - LAB_EPOCH_MS;
			const resources = {
				cpu: '4',
				'ephemeral-storage': '102626232Ki',
				'hugepages-2Mi': '0',
				memory: '8148656Ki',
				pods: '110'
			};
			const condition = (type: string, status: string, reason: string, message: string) => ({
				type,
				status,
				reason,
				message,
				lastHeartbeatTime: at('09:16:02'),
				lastTransitionTime: at(type === 'Ready' ? '08:50:40' : '08:50:12')
			});
			const node: Node = {
				metadata: {
					name: 'node-1',
					creationTimestamp: at('08:50:12'),
					labels: {
						'beta.kubernetes.io/arch': 'amd64',
						'beta.kubernetes.io/os': 'linux',
						'kubernetes.io/arch': 'amd64',
						'kubernetes.io/hostname': 'node-1',
						'kubernetes.io/os': 'linux'
					},
					annotations: {
						'node.alpha.kubernetes.io/ttl': '0',
						'volumes.kubernetes.io/controller-managed-attach-detach': 'true'
					}
				},
				spec: {
					unschedulable: true,
					taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
					podCIDR: '10.244.1.0/24',
					podCIDRs: ['10.244.1.0/24'],
					providerID: 'kind://docker/lab/node-1'
				},
				status: {
					capacity: resources,
					allocatable: resources,
					conditions: [
						condition(
							'MemoryPressure',
							'False',
							'KubeletHasSufficientMemory',
							'kubelet has sufficient memory available'
						),
						condition(
							'DiskPressure',
							'False',
							'KubeletHasNoDiskPressure',
							'kubelet has no disk pressure'
						),
						condition(
							'PIDPressure',
							'False',
							'KubeletHasSufficientPID',
							'kubelet has sufficient PID available'
						),
						condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')
					],
					addresses: [
						{ type: 'InternalIP', address: '172.18.0.3' },
						{ type: 'Hostname', address: 'node-1' }
					],
					nodeInfo: {
						machineID: '3a1b5c0e9f2d4a6b8c7d1e2f3a4b5c6d',
						systemUUID: '3a1b5c0e-9f2d-4a6b-8c7d-1e2f3a4b5c6d',
						bootID: '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
						kernelVersion: '6.8.0-60-generic',
						osImage: 'Debian GNU/Linux 12 (bookworm)',
						operatingSystem: 'linux',
						architecture: 'amd64',
						containerRuntimeVersion: 'containerd://2.1.3',
						kubeletVersion: 'v1.35.0',
						kubeProxyVersion: ''
					}
				}
			};
			kernel.store.put(LEASES, 'node-1', () => ({
				spec: { holderIdentity: 'node-1', renewTime: `${at('09:16:21').slice(0, -1)}.123456Z` }
			}));
			const pod = (ns: string, name: string, created: string, resources?: object): Pod => ({
				metadata: { namespace: ns, name, creationTimestamp: at(created) },
				spec: { nodeName: 'node-1', containers: [{ name: 'c', resources }] },
				status: { phase: 'Running' }
			});
			for (const p of [
				pod('kube-system', 'kube-proxy-5tq9w', '08:50:22'),
				pod('default', 'nginx-deployment-647677fc66-6hx9p', '09:14:12'),
				pod('kube-system', 'fluentd-elasticsearch-8m2kx', '08:56:22', {
					requests: { cpu: '100m', memory: '200Mi' },
					limits: { memory: '200Mi' }
				})
			])
				kernel.store.put(PODS, `${p.metadata!.namespace}/${p.metadata!.name}`, () => p);
			kernel.store.put(EVENTS, 'default/node-1.1', () => ({
				metadata: { name: 'node-1.1', namespace: 'default' },
				involvedObject: { kind: 'Node', name: 'node-1' },
				reason: 'NodeNotSchedulable',
				message: 'Node node-1 status is now: NodeNotSchedulable',
				source: { component: 'kubelet' },
				firstTimestamp: at('09:16:08'),
				lastTimestamp: at('09:16:08'),
				count: 1,
				type: 'Normal'
			}));
			expect(describeNode(kernel, node)).toBe(expected);
		}
	);
});

describe('kubectl describe pod, byte for byte', () => {
	const expected = sample('[src] A Deployment Pod on v1.35:');
	it.skipIf(expected === undefined)(
		'rebuilds the Deployment Pod sample of cli-formats.md §3.2',
		() => {
			const kernel = new Kernel(1, { latencyMs: 1, jitterMs: 0, loss: 0 });
			const at = (t: string) => `2026-01-12T${t}Z`;
			kernel.now = Date.parse(at('09:16:13')) - LAB_EPOCH_MS;
			const name = 'nginx-deployment-647677fc66-6hx9p';
			const pod: Pod = {
				metadata: {
					name,
					namespace: 'default',
					uid: 'u1',
					labels: { 'app.kubernetes.io/name': 'nginx', 'pod-template-hash': '647677fc66' },
					ownerReferences: [
						{
							apiVersion: 'apps/v1',
							kind: 'ReplicaSet',
							name: 'nginx-deployment-647677fc66',
							uid: 'rs',
							controller: true
						}
					]
				},
				spec: {
					priority: 0,
					serviceAccountName: 'default',
					nodeName: 'node-1',
					containers: [
						{
							name: 'nginx',
							image: 'nginx:1.16.1',
							ports: [{ containerPort: 80, protocol: 'TCP' }],
							volumeMounts: [
								{
									name: 'kube-api-access-x7l2k',
									mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
									readOnly: true
								}
							]
						}
					],
					volumes: [
						{
							name: 'kube-api-access-x7l2k',
							projected: {
								sources: [
									{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
									{ configMap: { name: 'kube-root-ca.crt' } },
									{ downwardAPI: {} }
								]
							}
						}
					],
					tolerations: [
						{
							key: 'node.kubernetes.io/not-ready',
							operator: 'Exists',
							effect: 'NoExecute',
							tolerationSeconds: 300
						},
						{
							key: 'node.kubernetes.io/unreachable',
							operator: 'Exists',
							effect: 'NoExecute',
							tolerationSeconds: 300
						}
					]
				},
				status: {
					phase: 'Running',
					hostIP: '172.18.0.3',
					podIP: '10.244.1.4',
					podIPs: [{ ip: '10.244.1.4' }],
					startTime: at('09:14:03'),
					conditions: [
						'PodReadyToStartContainers',
						'Initialized',
						'Ready',
						'ContainersReady',
						'PodScheduled'
					].map((type) => ({ type, status: 'True' })),
					containerStatuses: [
						{
							name: 'nginx',
							image: 'docker.io/library/nginx:1.16.1',
							imageID:
								'docker.io/library/nginx@sha256:d20aa6d1cae56fd17cd458f4807e0de462caf2336f0b70b5eeb69fcaaf30dd9c',
							containerID:
								'containerd://5403af59a2b46ee5a23fb0ae4b1e077f7ca5c5fb7af16e1ab21c00e0e616462a',
							ready: true,
							restartCount: 0,
							state: { running: { startedAt: at('09:14:08') } }
						}
					]
				}
			};
			const event = (
				n: number,
				t: string,
				reason: string,
				from: string,
				message: string,
				path?: string
			) =>
				kernel.store.put(EVENTS, `default/${name}.${n}`, () => ({
					metadata: { name: `${name}.${n}`, namespace: 'default' },
					involvedObject: {
						kind: 'Pod',
						name,
						namespace: 'default',
						uid: 'u1',
						...(path ? { fieldPath: path } : {})
					},
					reason,
					message,
					source: { component: from },
					firstTimestamp: at(t),
					lastTimestamp: at(t),
					count: 1,
					type: 'Normal'
				}));
			const c = 'spec.containers{nginx}';
			event(
				1,
				'09:14:03',
				'Scheduled',
				'default-scheduler',
				`Successfully assigned default/${name} to node-1`
			);
			event(2, '09:14:04', 'Pulling', 'kubelet', 'Pulling image "nginx:1.16.1"', c);
			event(
				3,
				'09:14:08',
				'Pulled',
				'kubelet',
				'Successfully pulled image "nginx:1.16.1" in 3.912s (3.912s including waiting). Image size: 44735225 bytes.',
				c
			);
			event(4, '09:14:08', 'Created', 'kubelet', 'Container created', c);
			event(5, '09:14:08', 'Started', 'kubelet', 'Container started', c);
			expect(describePod(kernel, pod)).toBe(expected);
		}
	);
});
