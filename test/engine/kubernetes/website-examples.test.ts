// The kubernetes.io examples the lab serves at https://k8s.io/examples/<path>
// (src/engine/kubernetes/website-examples.ts): each reads with the lab's manifest reader, applies
// to a fresh 1 + 3 node lab as kubectl answers it, and keeps the properties it was chosen for —
// the labels the tutorials select on and main's current images, not the recommended-labels or
// older variants the search index also stores.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type {
	PersistentVolume,
	PersistentVolumeClaim,
	Pod,
	ResourceQuota,
	Service
} from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { readManifests, type KubeObject } from '../../../src/engine/manifests/index';
import { WEBSITE_EXAMPLES } from '../../../src/engine/kubernetes/website-examples';

const paths = Object.keys(WEBSITE_EXAMPLES);

function text(path: string): string {
	const example = WEBSITE_EXAMPLES[path];
	if (!example) throw new Error(`no example ${path}`);
	return example.text;
}

function read(path: string): KubeObject[] {
	const result = readManifests(text(path), path);
	if (!result.ok) throw new Error(result.error);
	return result.objects;
}

/** The file's own data, before the lab's reader fills in API defaults (single-document files). */
function raw<T>(path: string): T {
	return parse(text(path)) as T;
}

function lab(): Lab {
	return createLab({
		flavor: 'kubernetes',
		workers: 3,
		readFile: (path) => WEBSITE_EXAMPLES[path]?.text
	});
}

/** What `kubectl apply -f <path>` prints on a fresh cluster (namespace created first if named). */
const APPLY: Record<string, string> = {
	'admin/resource/quota-mem-cpu.yaml': 'resourcequota/mem-cpu-demo created\n',
	'application/deployment-scale.yaml': 'deployment.apps/nginx-deployment created\n',
	'application/deployment-update.yaml': 'deployment.apps/nginx-deployment created\n',
	'application/deployment.yaml': 'deployment.apps/nginx-deployment created\n',
	'application/guestbook/frontend-deployment.yaml': 'deployment.apps/frontend created\n',
	'application/guestbook/frontend-service.yaml': 'service/frontend created\n',
	'application/guestbook/redis-follower-deployment.yaml':
		'deployment.apps/redis-follower created\n',
	'application/guestbook/redis-follower-service.yaml': 'service/redis-follower created\n',
	'application/guestbook/redis-leader-deployment.yaml': 'deployment.apps/redis-leader created\n',
	'application/guestbook/redis-leader-service.yaml': 'service/redis-leader created\n',
	'application/job/cronjob.yaml': 'cronjob.batch/hello created\n',
	'application/nginx-app.yaml': 'service/my-nginx-svc created\ndeployment.apps/my-nginx created\n',
	'application/php-apache.yaml': 'deployment.apps/php-apache created\nservice/php-apache created\n',
	'application/zookeeper/zookeeper.yaml':
		'service/zk-hs created\nservice/zk-cs created\npoddisruptionbudget.policy/zk-pdb created\nstatefulset.apps/zk created\n',
	'controllers/daemonset.yaml': 'daemonset.apps/fluentd-elasticsearch created\n',
	'controllers/fluentd-daemonset.yaml': 'daemonset.apps/fluentd-elasticsearch created\n',
	'controllers/frontend.yaml': 'replicaset.apps/frontend created\n',
	'controllers/job.yaml': 'job.batch/pi created\n',
	'controllers/nginx-deployment.yaml': 'deployment.apps/nginx-deployment created\n',
	'controllers/replicaset.yaml': 'replicaset.apps/my-repset created\n',
	'pods/commands.yaml': 'pod/command-demo created\n',
	'pods/init-containers.yaml': 'pod/init-demo created\n',
	'pods/inject/envars.yaml': 'pod/envar-demo created\n',
	'pods/pod-nginx-preferred-affinity.yaml': 'pod/nginx created\n',
	'pods/pod-nginx-required-affinity.yaml': 'pod/nginx created\n',
	'pods/pod-nginx-specific-node.yaml': 'pod/nginx created\n',
	'pods/pod-nginx.yaml': 'pod/nginx created\n',
	'pods/pod-with-node-affinity.yaml': 'pod/with-node-affinity created\n',
	'pods/pod-with-toleration.yaml': 'pod/nginx created\n',
	'pods/probe/exec-liveness.yaml': 'pod/liveness-exec created\n',
	'pods/probe/grpc-liveness.yaml': 'pod/etcd-with-grpc created\n',
	'pods/probe/http-liveness.yaml': 'pod/liveness-http created\n',
	'pods/probe/pod-with-http-healthcheck.yaml': 'pod/pod-with-http-healthcheck created\n',
	'pods/probe/tcp-liveness-readiness.yaml': 'pod/goproxy created\n',
	'pods/qos/qos-pod.yaml': 'pod/qos-demo created\n',
	'pods/resource/memory-request-limit-2.yaml': 'pod/memory-demo-2 created\n',
	'pods/resource/memory-request-limit-3.yaml': 'pod/memory-demo-3 created\n',
	'pods/resource/memory-request-limit.yaml': 'pod/memory-demo created\n',
	'pods/security/security-context.yaml': 'pod/security-context-demo created\n',
	'pods/simple-pod.yaml': 'pod/nginx created\n',
	'pods/storage/pv-claim.yaml': 'persistentvolumeclaim/task-pv-claim created\n',
	'pods/storage/pv-pod.yaml': 'pod/task-pv-pod created\n',
	'pods/storage/pv-volume.yaml': 'persistentvolume/task-pv-volume created\n',
	'pods/storage/redis.yaml': 'pod/redis created\n',
	'pods/topology-spread-constraints/one-constraint.yaml': 'pod/mypod created\n',
	'policy/zookeeper-pod-disruption-budget-minavailable.yaml':
		'poddisruptionbudget.policy/zk-pdb created\n',
	'service/access/backend-deployment.yaml': 'deployment.apps/backend created\n',
	'service/access/backend-service.yaml': 'service/hello created\n',
	'service/access/hello-application.yaml': 'deployment.apps/hello-world created\n',
	'service/networking/example-ingress.yaml': 'ingress.networking.k8s.io/example-ingress created\n',
	'service/networking/minimal-ingress.yaml': 'ingress.networking.k8s.io/minimal-ingress created\n',
	'service/networking/nginx-svc.yaml': 'service/my-nginx created\n',
	'service/networking/run-my-nginx.yaml': 'deployment.apps/my-nginx created\n',
	'service/nginx-service.yaml': 'service/nginx-service created\n'
};

describe('kubernetes.io examples (k8s.io/examples)', () => {
	it('holds every example the tutorials apply, and no other', () => {
		expect(paths.sort()).toEqual(Object.keys(APPLY).sort());
	});

	it.each(paths)('%s: its blob is the git blob of its text', (path) => {
		const bytes = Buffer.from(text(path), 'utf8');
		const blob = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
		expect(blob).toBe(WEBSITE_EXAMPLES[path]!.blob);
	});

	it.each(paths)('%s: provenance is stated, and any difference from main explained', (path) => {
		const e = WEBSITE_EXAMPLES[path]!;
		expect(e.commit).toMatch(/^[0-9a-f]{40}$/);
		if (e.path) expect(e.path).toMatch(new RegExp(`^content/[a-z-]+/examples/${path}$`));
		expect(e.match === 'main').toBe(e.differs === undefined);
		if (e.match === 'same-data') expect(e.path).toBeDefined();
		if (e.match === 'kyaml') expect(text(path)).toMatch(/^---\n\{\n/);
		// Never the recommended-labels branch's text (kubernetes/website PR #53389, not merged).
		expect(text(path)).not.toContain('app.kubernetes.io/name');
	});

	it.each(paths)('%s applies to a fresh lab as kubectl answers', (path) => {
		const l = lab();
		// Examples that name their namespace (memory-request-limit*, qos-pod) need it to exist;
		// on a fresh cluster apply answers NotFound (checked below).
		const ns = /\bnamespace: "?([a-z-]+)"?/.exec(text(path))?.[1];
		if (ns !== undefined && ns !== 'kube-system') {
			expect(l.exec(`kubectl create namespace ${ns}`).output).toBe(`namespace/${ns} created\n`);
		}
		const r = l.exec(`kubectl apply -f ${path}`);
		expect(r.error).toBeUndefined();
		expect(r.output).toBe(APPLY[path]);
	});

	it('deployment.yaml → deployment-update.yaml → deployment-scale.yaml configure one Deployment (selector app=nginx)', () => {
		const l = lab();
		l.exec('kubectl apply -f application/deployment.yaml');
		l.advance(20_000);
		expect(l.exec('kubectl get pods -l app=nginx -o name').output.trim().split('\n')).toHaveLength(
			2
		);
		expect(l.exec('kubectl apply -f application/deployment-update.yaml').output).toBe(
			'deployment.apps/nginx-deployment configured\n'
		);
		l.advance(30_000);
		expect(l.exec('kubectl apply -f application/deployment-scale.yaml').output).toBe(
			'deployment.apps/nginx-deployment configured\n'
		);
		l.advance(20_000);
		const pods = (
			JSON.parse(l.exec('kubectl get pods -l app=nginx -o json').output) as {
				items: Pod[];
			}
		).items;
		expect(pods.map((p) => p.spec!.containers[0]!.image)).toEqual(Array(4).fill('nginx:1.16.1'));
	});

	it('the nginx examples select app=nginx with the images the tutorials name', () => {
		const steps: [string, number, string][] = [
			['application/deployment.yaml', 2, 'nginx:1.14.2'],
			['application/deployment-update.yaml', 2, 'nginx:1.16.1'],
			['application/deployment-scale.yaml', 4, 'nginx:1.16.1'],
			['controllers/nginx-deployment.yaml', 3, 'nginx:1.14.2']
		];
		for (const [path, replicas, image] of steps) {
			const [d] = read(path) as [Deployment];
			expect(d.spec!.selector.matchLabels).toEqual({ app: 'nginx' });
			expect(d.spec!.template.metadata!.labels).toEqual({ app: 'nginx' });
			expect(d.spec!.replicas).toBe(replicas);
			expect(d.spec!.template.spec!.containers[0]!.image).toBe(image);
		}
		const [svc] = read('service/nginx-service.yaml') as [Service];
		expect(svc.spec!.selector).toEqual({ app: 'nginx' });
		expect(svc.spec!.ports).toEqual([
			expect.objectContaining({ port: 8000, targetPort: 80, protocol: 'TCP' })
		]);
		const [appSvc, app] = read('application/nginx-app.yaml') as [Service, Deployment];
		expect(appSvc.spec!.type).toBe('LoadBalancer');
		expect(app.spec!.selector.matchLabels).toEqual({ app: 'nginx' });
	});

	it('the guestbook selects app=redis / app=guestbook with its current images', () => {
		const [leader] = read('application/guestbook/redis-leader-deployment.yaml') as [Deployment];
		expect(leader.spec!.selector.matchLabels).toEqual({ app: 'redis' });
		expect(leader.spec!.template.spec!.containers[0]!.image).toMatch(
			/^registry\.k8s\.io\/redis@sha256:/
		);
		const [follower] = read('application/guestbook/redis-follower-deployment.yaml') as [Deployment];
		expect(follower.spec!.template.metadata!.labels).toEqual({
			app: 'redis',
			role: 'follower',
			tier: 'backend'
		});
		expect(follower.spec!.template.spec!.containers[0]!.image).toBe(
			'us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower:v2'
		);
		for (const [path, role] of [
			['application/guestbook/redis-leader-service.yaml', 'leader'],
			['application/guestbook/redis-follower-service.yaml', 'follower']
		]) {
			const [s] = read(path!) as [Service];
			expect(s.spec!.selector).toEqual({ app: 'redis', role, tier: 'backend' });
		}
		const [frontend] = read('application/guestbook/frontend-deployment.yaml') as [Deployment];
		expect(frontend.spec!.selector.matchLabels).toEqual({ app: 'guestbook', tier: 'frontend' });
		expect(frontend.spec!.template.spec!.containers[0]!.image).toBe(
			'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5'
		);
		const [frontendSvc] = read('application/guestbook/frontend-service.yaml') as [Service];
		expect(frontendSvc.spec!.type).toBe('ClusterIP'); // LoadBalancer stays commented out
		expect(frontendSvc.spec!.selector).toEqual({ app: 'guestbook', tier: 'frontend' });
		const [rs] = read('controllers/frontend.yaml') as [ReplicaSet];
		expect(rs.metadata!.labels).toEqual({ app: 'guestbook', tier: 'frontend' });
		expect(rs.spec!.template!.spec!.containers[0]!.image).toBe(
			'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5'
		);
	});

	it('controllers and probes carry main’s images and settings', () => {
		const [ds] = read('controllers/daemonset.yaml') as [DaemonSet];
		expect(ds.spec!.template.spec!.tolerations!.map((t) => t.key)).toEqual([
			'node-role.kubernetes.io/control-plane',
			'node-role.kubernetes.io/master'
		]);
		expect(ds.spec!.template.spec!.containers[0]!.image).toBe(
			'quay.io/fluentd_elasticsearch/fluentd:v5.0.1'
		);
		const [job] = read('controllers/job.yaml') as [Job];
		const pi = job.spec!.template.spec!.containers[0]!;
		expect([pi.image, pi.command]).toEqual([
			'perl:5.34.0',
			['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)']
		]);
		const image = (path: string) => (read(path)[0] as Pod).spec!.containers[0]!.image;
		expect(image('pods/probe/exec-liveness.yaml')).toBe('registry.k8s.io/busybox:1.27.2');
		expect(image('pods/probe/http-liveness.yaml')).toBe(
			'registry.k8s.io/e2e-test-images/agnhost:2.40'
		);
		expect(image('pods/pod-with-node-affinity.yaml')).toBe('registry.k8s.io/pause:3.8');
		expect(image('pods/topology-spread-constraints/one-constraint.yaml')).toBe(
			'registry.k8s.io/pause:3.1'
		);
		const [goproxy] = read('pods/probe/tcp-liveness-readiness.yaml') as [Pod];
		expect(goproxy.metadata!.labels).toEqual({ app: 'goproxy' });
		expect(goproxy.spec!.containers[0]!.livenessProbe!.periodSeconds).toBe(10);
		const [, , zkPdb, zk] = read('application/zookeeper/zookeeper.yaml') as [
			Service,
			Service,
			PodDisruptionBudget,
			StatefulSet
		];
		expect(zkPdb.apiVersion).toBe('policy/v1');
		expect(zk.spec!.selector.matchLabels).toEqual({ app: 'zk' });
		expect(zk.spec!.podManagementPolicy).toBe('OrderedReady');
		expect(zk.spec!.template.spec!.containers[0]!.image).toBe(
			'registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10'
		);
		const [pdb] = read('policy/zookeeper-pod-disruption-budget-minavailable.yaml') as [
			PodDisruptionBudget
		];
		expect(pdb.spec!.selector!.matchLabels).toEqual({ app: 'zookeeper' });
	});

	it('assign-pods-nodes: nodeName foo-node; disktype In [ssd], required and preferred (weight 1)', () => {
		const specific = raw<Pod>('pods/pod-nginx-specific-node.yaml');
		expect(specific.spec!.nodeName).toBe('foo-node');
		expect(specific.spec!.affinity).toBeUndefined();
		const term = { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] };
		const required = raw<Pod>('pods/pod-nginx-required-affinity.yaml');
		expect(required.spec!.affinity!.nodeAffinity).toEqual({
			requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] }
		});
		const preferred = raw<Pod>('pods/pod-nginx-preferred-affinity.yaml');
		expect(preferred.spec!.affinity!.nodeAffinity).toEqual({
			preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: term }]
		});
		for (const pod of [specific, required, preferred]) {
			expect(pod.metadata!.name).toBe('nginx');
			expect(pod.spec!.containers).toEqual([
				{ name: 'nginx', image: 'nginx', imagePullPolicy: 'IfNotPresent' }
			]);
		}
		// The tutorial's steps: label one node disktype=ssd, apply, and the Pod runs there.
		for (const path of [
			'pods/pod-nginx-required-affinity.yaml',
			'pods/pod-nginx-preferred-affinity.yaml'
		]) {
			const l = lab();
			expect(l.exec('kubectl label nodes node-2 disktype=ssd').output).toBe(
				'node/node-2 labeled\n'
			);
			l.exec(`kubectl apply -f ${path}`);
			l.advance(30_000);
			const pod = JSON.parse(l.exec('kubectl get pod nginx -o json').output) as Pod;
			expect([path, pod.spec!.nodeName, pod.status!.phase]).toEqual([path, 'node-2', 'Running']);
		}
	});

	it('hello-application: 2 replicas run=load-balancer-example, hello-app:2.0 on 8080/TCP', () => {
		const d = raw<Deployment>('service/access/hello-application.yaml');
		expect(d.metadata!.name).toBe('hello-world');
		expect(d.spec!.selector.matchLabels).toEqual({ run: 'load-balancer-example' });
		expect(d.spec!.template.metadata!.labels).toEqual({ run: 'load-balancer-example' });
		expect(d.spec!.replicas).toBe(2);
		expect(d.spec!.template.spec!.containers).toEqual([
			{
				name: 'hello-world',
				image: 'us-docker.pkg.dev/google-samples/containers/gke/hello-app:2.0',
				ports: [{ containerPort: 8080, protocol: 'TCP' }]
			}
		]);
		const l = lab();
		l.exec('kubectl apply -f service/access/hello-application.yaml');
		l.advance(30_000);
		expect(
			l.exec('kubectl get pods -l run=load-balancer-example -o name').output.trim().split('\n')
		).toHaveLength(2);
	});

	it('probe pages: gRPC liveness on etcd 3.5.1-0 port 2379, HTTP /_status/healthz on 80', () => {
		const grpc = raw<Pod>('pods/probe/grpc-liveness.yaml');
		const etcd = grpc.spec!.containers[0]!;
		expect(etcd.image).toBe('registry.k8s.io/etcd:3.5.1-0');
		expect(etcd.command).toEqual([
			'/usr/local/bin/etcd',
			'--data-dir',
			'/var/lib/etcd',
			'--listen-client-urls',
			'http://0.0.0.0:2379',
			'--advertise-client-urls',
			'http://127.0.0.1:2379',
			'--log-level',
			'debug'
		]);
		// `grpc`, not the `gRPC` key an older revision had (which the API server would drop).
		expect(etcd.livenessProbe).toEqual({ grpc: { port: 2379 }, initialDelaySeconds: 10 });
		const http = raw<Pod>('pods/probe/pod-with-http-healthcheck.yaml');
		const nginx = http.spec!.containers[0]!;
		expect(nginx.image).toBe('nginx');
		expect(nginx.livenessProbe).toEqual({
			httpGet: { path: '/_status/healthz', port: 80 },
			initialDelaySeconds: 30,
			timeoutSeconds: 1
		});
		expect(nginx.ports).toEqual([{ containerPort: 80 }]);
	});

	it('qos-pod names namespace qos-example: on a fresh cluster apply answers NotFound', () => {
		const r = lab().exec('kubectl apply -f pods/qos/qos-pod.yaml');
		expect(r.output).toBe('');
		expect(r.error).toBe(
			'Error from server (NotFound): error when creating "pods/qos/qos-pod.yaml": namespaces "qos-example" not found\n'
		);
	});

	it('task pages: the data each tutorial reads back', () => {
		const commands = raw<Pod>('pods/commands.yaml').spec!;
		expect(commands.restartPolicy).toBe('OnFailure');
		expect(commands.containers[0]).toMatchObject({
			image: 'debian',
			command: ['printenv'],
			args: ['HOSTNAME', 'KUBERNETES_PORT']
		});
		expect(raw<Pod>('pods/inject/envars.yaml').spec!.containers[0]).toMatchObject({
			image: 'gcr.io/google-samples/hello-app:2.0',
			env: [
				{ name: 'DEMO_GREETING', value: 'Hello from the environment' },
				{ name: 'DEMO_FAREWELL', value: 'Such a sweet sorrow' }
			]
		});
		const qos = raw<Pod>('pods/qos/qos-pod.yaml');
		expect(qos.metadata!.namespace).toBe('qos-example');
		const guaranteed = { memory: '200Mi', cpu: '700m' };
		expect(qos.spec!.containers[0]!.resources).toEqual({
			limits: guaranteed,
			requests: guaranteed
		});
		const sc = raw<Pod>('pods/security/security-context.yaml').spec!;
		expect(sc.securityContext).toEqual({
			runAsUser: 1000,
			runAsGroup: 3000,
			fsGroup: 2000,
			supplementalGroups: [4000]
		});
		expect(sc.containers[0]).toMatchObject({
			image: 'busybox:1.28',
			command: ['sh', '-c', 'sleep 1h'],
			securityContext: { allowPrivilegeEscalation: false }
		});
		const init = raw<Pod>('pods/init-containers.yaml').spec!;
		expect(init.dnsPolicy).toBe('Default');
		expect(init.initContainers![0]).toMatchObject({
			image: 'busybox:1.28',
			command: ['wget', '-O', '/work-dir/index.html', 'http://info.cern.ch']
		});
		expect(raw<Pod>('pods/storage/redis.yaml').spec!.volumes).toEqual([
			{ name: 'redis-storage', emptyDir: {} }
		]);
		expect(raw<ResourceQuota>('admin/resource/quota-mem-cpu.yaml').spec!.hard).toEqual({
			'requests.cpu': '1',
			'requests.memory': '1Gi',
			'limits.cpu': '2',
			'limits.memory': '2Gi'
		});
		const cron = raw<CronJob>('application/job/cronjob.yaml');
		expect(cron.apiVersion).toBe('batch/v1');
		expect(cron.spec!.schedule).toBe('* * * * *');
		expect(cron.spec!.jobTemplate.spec!.template.spec!.containers[0]).toMatchObject({
			image: 'busybox:1.28',
			command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster']
		});
		const fluentd = raw<DaemonSet>('controllers/fluentd-daemonset.yaml');
		expect(fluentd.metadata!.namespace).toBe('kube-system');
		expect(fluentd.spec!.template.spec!.containers[0]!.image).toBe(
			'quay.io/fluentd_elasticsearch/fluentd:v5.0.1'
		);
		expect(fluentd.spec!.template.spec!.tolerations!.map((t) => t.key)).toEqual([
			'node-role.kubernetes.io/control-plane',
			'node-role.kubernetes.io/master'
		]);
		const ingress = raw<Ingress>('service/networking/example-ingress.yaml').spec!;
		expect(ingress.ingressClassName).toBe('nginx');
		expect(ingress.rules).toEqual([
			{
				host: 'hello-world.example',
				http: {
					paths: [
						{
							path: '/',
							pathType: 'Prefix',
							backend: { service: { name: 'web', port: { number: 8080 } } }
						}
					]
				}
			}
		]);
	});

	it('PV → PVC → Pod: task-pv-claim binds task-pv-volume (manual, 10Gi, RWO) and the Pod runs', () => {
		const pv = raw<PersistentVolume>('pods/storage/pv-volume.yaml');
		expect(pv.spec).toEqual({
			storageClassName: 'manual',
			capacity: { storage: '10Gi' },
			accessModes: ['ReadWriteOnce'],
			hostPath: { path: '/mnt/data' }
		});
		const pvc = raw<PersistentVolumeClaim>('pods/storage/pv-claim.yaml');
		expect(pvc.spec).toEqual({
			storageClassName: 'manual',
			accessModes: ['ReadWriteOnce'],
			resources: { requests: { storage: '3Gi' } }
		});
		expect(raw<Pod>('pods/storage/pv-pod.yaml').spec!.volumes).toEqual([
			{ name: 'task-pv-storage', persistentVolumeClaim: { claimName: 'task-pv-claim' } }
		]);
		const l = lab();
		for (const path of [
			'pods/storage/pv-volume.yaml',
			'pods/storage/pv-claim.yaml',
			'pods/storage/pv-pod.yaml'
		]) {
			expect(l.exec(`kubectl apply -f ${path}`).output).toBe(APPLY[path]);
		}
		l.advance(30_000);
		expect(
			l.exec('kubectl get pvc task-pv-claim -o jsonpath={.status.phase}/{.spec.volumeName}').output
		).toBe('Bound/task-pv-volume');
		expect(l.exec('kubectl get pod task-pv-pod -o jsonpath={.status.phase}').output).toBe(
			'Running'
		);
	});

	it('fluentd-daemonset runs one Pod in kube-system on every node, the control plane included', () => {
		const l = lab();
		l.exec('kubectl apply -f controllers/fluentd-daemonset.yaml');
		l.advance(30_000);
		const pods = (
			JSON.parse(
				l.exec('kubectl get pods -n kube-system -l name=fluentd-elasticsearch -o json').output
			) as { items: Pod[] }
		).items;
		expect(pods.map((p) => p.spec!.nodeName).sort()).toEqual([
			'control-plane',
			'node-1',
			'node-2',
			'node-3'
		]);
	});
});
