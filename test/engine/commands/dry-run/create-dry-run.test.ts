/**
 * `--dry-run` and `-o` on kubectl's generators (create deployment|job|cronjob|service|namespace|
 * configmap|secret generic|serviceaccount|quota|priorityclass, run, expose). Expected objects
 * follow kubectl's generators (staging/src/k8s.io/kubectl/pkg/cmd/create/*.go, run/run.go,
 * expose/expose.go): no server defaults, empty structs as `{}`, the namespace only with -n, and
 * no `creationTimestamp: null` since apimachinery's omitzero change (kubernetes PR #130989).
 * The flag and suffixes: cmd/util/helpers.go GetDryRunStrategy, PrintFlagsWithDryRunStrategy.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../../src/engine/index';
import { fails, state, succeeds } from '../../lab-helpers';

/** Runs a line that must succeed without changing the lab's state, clock or trace. */
function dryRun(lab: Lab, line: string) {
	const before = state(lab);
	const r = succeeds(lab, line);
	expect(state(lab)).toEqual(before);
	return r;
}

describe('kubectl create deployment --dry-run', () => {
	it('prints what kubectl would send, and stores nothing', () => {
		const lab = createLab({ seed: 1 });
		const r = dryRun(lab, 'kubectl create deployment nginx --image=nginx --dry-run=client -o yaml');
		expect(r.output).toBe(
			[
				'apiVersion: apps/v1',
				'kind: Deployment',
				'metadata:',
				'  labels:',
				'    app: nginx',
				'  name: nginx',
				'spec:',
				'  replicas: 1',
				'  selector:',
				'    matchLabels:',
				'      app: nginx',
				'  strategy: {}',
				'  template:',
				'    metadata:',
				'      labels:',
				'        app: nginx',
				'    spec:',
				'      containers:',
				'      - image: nginx',
				'        name: nginx',
				'        resources: {}',
				'status: {}',
				''
			].join('\n')
		);
		expect(lab.exec('kubectl get deployments').output).toBe('');
	});

	it('puts the port on the first container only and the namespace only with -n', () => {
		const lab = createLab({ seed: 1 });
		const r = dryRun(
			lab,
			'kubectl create deployment web -n kube-system --image=nginx --image=redis --port=80 --dry-run=client -o json'
		);
		const d = JSON.parse(r.output) as {
			metadata: { namespace?: string };
			spec: { template: { spec: { containers: { name: string; ports?: unknown }[] } } };
		};
		expect(d.metadata.namespace).toBe('kube-system');
		expect(d.spec.template.spec.containers).toEqual([
			{ image: 'nginx', name: 'nginx', ports: [{ containerPort: 80 }], resources: {} },
			{ image: 'redis', name: 'redis', resources: {} }
		]);
	});

	it('says "(dry run)" or "(server dry run)", and -o name prints the name alone', () => {
		const lab = createLab({ seed: 1 });
		expect(dryRun(lab, 'kubectl create deployment web --image=nginx --dry-run=client').output).toBe(
			'deployment.apps/web created (dry run)\n'
		);
		expect(dryRun(lab, 'kubectl create deployment web --image=nginx --dry-run=server').output).toBe(
			'deployment.apps/web created (server dry run)\n'
		);
		// --dry-run=none is a real create.
		expect(
			succeeds(lab, 'kubectl create deployment web --image=nginx --dry-run=none -o name').output
		).toBe('deployment.apps/web\n');
		expect(lab.exec('kubectl get deploy -o name').output).toBe('deployment.apps/web\n');
	});

	it('takes a bare --dry-run as client, with klog’s deprecation warning', () => {
		const lab = createLab({ seed: 1 });
		const r = dryRun(lab, 'kubectl create deployment web --image=nginx --dry-run');
		expect(r.output).toBe('deployment.apps/web created (dry run)\n');
		expect(r.error).toBe('--dry-run is deprecated and can be replaced with --dry-run=client.\n');
	});

	it('refuses an unknown strategy and an output format create has no printer for', () => {
		const lab = createLab({ seed: 1 });
		expect(fails(lab, 'kubectl create deployment web --image=nginx --dry-run=maybe').error).toBe(
			'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n'
		);
		expect(fails(lab, 'kubectl create deployment web --image=nginx -o wide').error).toBe(
			'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n'
		);
	});

	it('a server dry run gets the server’s defaults and errors; a client one does not ask', () => {
		const lab = createLab({ seed: 1 });
		const server = JSON.parse(
			dryRun(lab, 'kubectl create deployment web --image=nginx --dry-run=server -o json').output
		) as { metadata: Record<string, unknown>; spec: { strategy: { type: string } } };
		expect(server.spec.strategy.type).toBe('RollingUpdate');
		expect(server.metadata.namespace).toBe('default');
		expect(server.metadata.creationTimestamp).toBeDefined();
		expect(server.metadata.uid).toBeUndefined();
		succeeds(lab, 'kubectl create deployment web --image=nginx');
		expect(fails(lab, 'kubectl create deployment web --image=nginx --dry-run=server').error).toBe(
			'error: failed to create deployment: deployments.apps "web" already exists\n'
		);
		dryRun(lab, 'kubectl create deployment web --image=nginx --dry-run=client');
	});

	it('prints YAML that kubectl apply -f then creates', () => {
		const files: Record<string, string> = {};
		const lab = createLab({ seed: 1, readFile: (p) => files[p] });
		files['d.yaml'] = dryRun(
			lab,
			'kubectl create deployment nginx --image=nginx --replicas=2 --dry-run=client -o yaml'
		).output;
		expect(succeeds(lab, 'kubectl apply -f d.yaml').output).toBe('deployment.apps/nginx created\n');
		const d = JSON.parse(lab.exec('kubectl get deployment nginx -o json').output) as {
			spec: { replicas: number };
		};
		expect(d.spec.replicas).toBe(2);
	});

	it('a real create also puts --port on the first container only', () => {
		const lab = createLab({ seed: 1 });
		succeeds(lab, 'kubectl create deployment web --image=nginx --image=redis --port=80');
		const d = JSON.parse(lab.exec('kubectl get deploy web -o json').output) as {
			spec: { template: { spec: { containers: { ports?: unknown }[] } } };
		};
		expect(d.spec.template.spec.containers.map((c) => c.ports)).toEqual([
			[{ containerPort: 80, protocol: 'TCP' }],
			undefined
		]);
	});

	it('prints the stored object with -o and no dry run', () => {
		const lab = createLab({ seed: 1 });
		const r = succeeds(lab, 'kubectl create deployment web --image=nginx -o json');
		const d = JSON.parse(r.output) as { metadata: { uid?: string } };
		expect(d.metadata.uid).toBeDefined();
		expect(lab.exec('kubectl get deploy web -o name').output).toBe('deployment.apps/web\n');
	});
});

describe('kubectl run --dry-run', () => {
	it('prints the Pod run.go generates', () => {
		const lab = createLab({ seed: 1 });
		expect(dryRun(lab, 'kubectl run nginx --image=nginx --dry-run=client -o yaml').output).toBe(
			[
				'apiVersion: v1',
				'kind: Pod',
				'metadata:',
				'  labels:',
				'    run: nginx',
				'  name: nginx',
				'spec:',
				'  containers:',
				'  - image: nginx',
				'    name: nginx',
				'    resources: {}',
				'  dnsPolicy: ClusterFirst',
				'  restartPolicy: Always',
				'status: {}',
				''
			].join('\n')
		);
	});

	it('takes --restart, --command and --overrides (a JSON merge patch)', () => {
		const lab = createLab({ seed: 1 });
		const pod = JSON.parse(
			dryRun(
				lab,
				`kubectl run bb --image=busybox --restart=Never --overrides='{"spec":{"nodeName":"node-1"}}' --dry-run=client -o json --command -- sleep 3600`
			).output
		) as { spec: { restartPolicy: string; nodeName: string; containers: { command: string[] }[] } };
		expect(pod.spec.restartPolicy).toBe('Never');
		expect(pod.spec.nodeName).toBe('node-1');
		expect(pod.spec.containers[0]!.command).toEqual(['sleep', '3600']);
	});

	it('reads a bare --dry-run as taking the next word (run declares a plain string flag)', () => {
		const lab = createLab({ seed: 1 });
		expect(fails(lab, 'kubectl run nginx --image=nginx --dry-run -o yaml').error).toBe(
			'error: Invalid dry-run value (-o). Must be "none", "server", or "client".\n'
		);
	});

	it('gives run.go’s errors for the attach flags', () => {
		const lab = createLab({ seed: 1 });
		expect(fails(lab, 'kubectl run bb --image=busybox --rm').error).toBe(
			'error: --rm should only be used for attached containers\n'
		);
		expect(fails(lab, 'kubectl run bb --image=busybox -t').error).toBe(
			'error: -i/--stdin is required for containers with -t/--tty=true\n'
		);
		expect(fails(lab, 'kubectl run -it bb --image=busybox --dry-run=client').error).toBe(
			"error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\n"
		);
		expect(fails(lab, 'kubectl run -it bb --image=busybox --restart=Never').error).toMatch(
			/not simulated/
		);
	});
});

describe('kubectl expose and create service --dry-run', () => {
	it('prints the generated Service with its empty load-balancer status', () => {
		const lab = createLab({ seed: 1 });
		succeeds(lab, 'kubectl create deployment nginx --image=nginx');
		expect(
			dryRun(lab, 'kubectl expose deployment nginx --port 80 --dry-run=client -o yaml').output
		).toBe(
			[
				'apiVersion: v1',
				'kind: Service',
				'metadata:',
				'  labels:',
				'    app: nginx',
				'  name: nginx',
				'spec:',
				'  ports:',
				'  - port: 80',
				'    protocol: TCP',
				'    targetPort: 80',
				'  selector:',
				'    app: nginx',
				'status:',
				'  loadBalancer: {}',
				''
			].join('\n')
		);
	});

	it('a server dry run allocates for its answer only: the real create gets the same IP', () => {
		const lab = createLab({ seed: 1 });
		const dry = JSON.parse(
			dryRun(lab, 'kubectl create service clusterip db --tcp=5432 --dry-run=server -o json').output
		) as { spec: { clusterIP: string } };
		succeeds(lab, 'kubectl create service clusterip db --tcp=5432');
		const real = JSON.parse(lab.exec('kubectl get svc db -o json').output) as {
			spec: { clusterIP: string };
		};
		expect(dry.spec.clusterIP).toBe(real.spec.clusterIP);
	});
});

describe('the other generators with --dry-run=client -o yaml', () => {
	const cases: [string, string[]][] = [
		[
			'kubectl create job my-job --image=busybox --dry-run=client -o yaml -- date',
			[
				'apiVersion: batch/v1',
				'kind: Job',
				'metadata:',
				'  name: my-job',
				'spec:',
				'  template:',
				'    metadata: {}',
				'    spec:',
				'      containers:',
				'      - command:',
				'        - date',
				'        image: busybox',
				'        name: my-job',
				'        resources: {}',
				'      restartPolicy: Never',
				'status: {}'
			]
		],
		[
			'kubectl create namespace dev --dry-run=client -o yaml',
			['apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: dev', 'spec: {}', 'status: {}']
		],
		[
			'kubectl create configmap cfg --from-literal=a=b --dry-run=client -o yaml',
			['apiVersion: v1', 'data:', '  a: b', 'kind: ConfigMap', 'metadata:', '  name: cfg']
		],
		[
			'kubectl create secret generic s --from-literal=user=admin --dry-run=client -o yaml',
			['apiVersion: v1', 'data:', '  user: YWRtaW4=', 'kind: Secret', 'metadata:', '  name: s']
		],
		[
			'kubectl create serviceaccount bot --dry-run=client -o yaml',
			['apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: bot']
		],
		[
			'kubectl create quota q --hard=pods=2 --dry-run=client -o yaml',
			[
				'apiVersion: v1',
				'kind: ResourceQuota',
				'metadata:',
				'  name: q',
				'spec:',
				'  hard:',
				'    pods: "2"',
				'status: {}'
			]
		],
		[
			'kubectl create priorityclass high --value=1000 --dry-run=client -o yaml',
			[
				'apiVersion: scheduling.k8s.io/v1',
				'kind: PriorityClass',
				'metadata:',
				'  name: high',
				'preemptionPolicy: PreemptLowerPriority',
				'value: 1000'
			]
		]
	];
	for (const [line, expected] of cases) {
		it(line, () => {
			const lab = createLab({ seed: 1 });
			expect(dryRun(lab, line).output).toBe(expected.join('\n') + '\n');
		});
	}

	it('each names its object with the dry-run suffix', () => {
		const lab = createLab({ seed: 1 });
		expect(
			dryRun(lab, 'kubectl create cronjob c --image=busybox --schedule=@hourly --dry-run=client')
				.output
		).toBe('cronjob.batch/c created (dry run)\n');
		expect(dryRun(lab, 'kubectl create ns dev --dry-run=server').output).toBe(
			'namespace/dev created (server dry run)\n'
		);
		expect(dryRun(lab, 'kubectl create pc high --value=5 --dry-run=server').output).toBe(
			'priorityclass.scheduling.k8s.io/high created (server dry run)\n'
		);
	});
});
