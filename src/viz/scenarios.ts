/**
 * Each scenario's lab: its cluster, seed, set-up lines and files, with its flavours and title
 * from ./scenario-catalog.ts (the whitelist of ids, which the pages and the element's loader
 * import without this data). Imported by what builds a lab, which is loaded with the lab.
 */
import type { Flavor } from '$engine/types';
import { CATALOG, type ScenarioEntry, type ScenarioId } from './scenario-catalog';

export {
	isScenarioId,
	isViewName,
	SCENARIO_IDS,
	VIEWS,
	type Lang,
	type ScenarioId,
	type ViewName
} from './scenario-catalog';

export interface Scenario extends ScenarioEntry {
	seed: number;
	workers: number;
	/** Swarm managers, or Kubernetes control-plane nodes (each with an etcd member); 1 if unset. */
	managers?: number;
	/** Command lines run at time 0, before the learner arrives. */
	setup: Readonly<Record<Flavor, readonly string[]>>;
	/** Files the set-up lines (and the learner) may name, e.g. in `kubectl apply -f FILE`. */
	files?: Readonly<Record<string, string>>;
}

/** A PriorityClass and a pod that must preempt to run (the scheduling lesson's last step). */
const SCHEDULING_RUSH = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: urgent
value: 1000000
description: "Pods that may evict less important pods to run."
---
apiVersion: v1
kind: Pod
metadata:
  name: rush
spec:
  priorityClassName: urgent
  containers:
  - name: rush
    image: nginx:1.27
    resources:
      requests:
        cpu: 3500m
        memory: 256Mi
`;

/** The `ingress-traffic` scenario's Ingress: /api to Service api, everything else to web. */
const SHOP_INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              number: 80
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
`;

/** The `scheduling` scenario's pods, one per scheduling story (see the scenario). */
const SCHEDULING_PODS = `apiVersion: v1
kind: Pod
metadata:
  name: batch
spec:
  nodeSelector:
    kubernetes.io/hostname: node-2
  containers:
    - name: batch
      image: busybox:1.36
      command: ["sleep", "86400"]
      resources:
        requests:
          cpu: "2"
          memory: 4Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      resources:
        requests:
          cpu: 500m
          memory: 512Mi
---
apiVersion: v1
kind: Pod
metadata:
  name: trainer
spec:
  tolerations:
    - key: dedicated
      operator: Equal
      value: gpu
      effect: NoSchedule
  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 50
          preference:
            matchExpressions:
              - key: accelerator
                operator: In
                values: ["gpu"]
  containers:
    - name: trainer
      image: busybox:1.36
      command: ["sleep", "86400"]
      resources:
        requests:
          cpu: "1"
          memory: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  nodeSelector:
    disktype: ssd
  containers:
    - name: db
      image: redis:7
      resources:
        requests:
          cpu: 250m
          memory: 256Mi
---
apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
    - name: huge
      image: nginx:1.27
      resources:
        requests:
          cpu: "6"
          memory: 2Gi
`;

/**
 * The five-steps lesson's build context and manifests: the same app as
 * test/scenarios/files/five-steps (a Dockerfile and its page), a Deployment + Service for
 * `kubectl apply -f`, and a stack file for `docker stack deploy -c`.
 */
/** The `ssd-only` scenario's Deployment: three nginx pods that may run only on SSD nodes. */
const SSD_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      nodeSelector:
        disktype: ssd
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`;

/** The `wrong-selector` scenario's Service: its selector names a label no pod carries. */
const FRONTEND_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: frontend
  ports:
  - port: 80
    targetPort: 80
`;

const FIVE_STEPS_FILES = {
	Dockerfile: `# The five steps' web app: one page served by nginx.
FROM nginx:1.27-alpine
COPY index.html /usr/share/nginx/html/index.html
EXPOSE 80
CMD ["nginx", "-g", "daemon off;"]
`,
	'index.html': `<!doctype html>
<html lang="en">
  <head><title>web</title></head>
  <body><h1>Hello from the lab registry</h1></body>
</html>
`,
	'web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: registry.lab:5000/web:1
          ports:
            - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
`,
	'stack.yml': `services:
  web:
    image: registry.lab:5000/web:1
    deploy:
      replicas: 3
    ports:
      - "8080:80"
`
};

/** The stateless-design lesson's database: a StatefulSet whose pods each claim a volume. */
const DB_STATEFULSET = `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
    - port: 3306
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: mysql
          image: mysql:8.4
          env:
            - name: MYSQL_ROOT_PASSWORD
              value: dev-only
          volumeMounts:
            - name: data
              mountPath: /var/lib/mysql
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
`;

/** Two hand-made volumes for the StatefulSet's claims (the stateless-design lesson). */
const DB_VOLUMES = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: data-1
spec:
  capacity:
    storage: 1Gi
  accessModes: ["ReadWriteOnce"]
  hostPath:
    path: /mnt/data-1
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: data-2
spec:
  capacity:
    storage: 1Gi
  accessModes: ["ReadWriteOnce"]
  hostPath:
    path: /mnt/data-2
`;

export const SCENARIOS = {
	'node-failure': {
		...CATALOG['node-failure'],
		seed: 7,
		workers: 3,
		setup: {
			kubernetes: ['kubectl create deployment web --image=nginx --replicas=3'],
			swarm: []
		}
	},
	// The same workload on both orchestrators, for the side-by-side widget: three nginx replicas,
	// one per worker, and in-cluster clients sending 10 requests/s. The Swarm manager is drained
	// so that, like kubeadm's tainted control plane, it runs no tasks.
	'node-failure-both': {
		...CATALOG['node-failure-both'],
		seed: 7,
		workers: 3,
		setup: {
			kubernetes: [
				'kubectl create deployment web --image=nginx --replicas=3',
				'kubectl expose deployment web --port=80',
				'sim traffic web 10/s'
			],
			swarm: [
				'docker node update --availability drain manager-1',
				'docker service create -d --name web --replicas 3 nginx',
				'sim traffic web 10/s --via vip'
			]
		}
	},
	// The architecture lesson's cluster: three control-plane nodes, each with an etcd member
	// (kubeadm's stacked HA topology), a Deployment of three behind a Service, and in-cluster
	// clients already getting answers, so that losing etcd's quorum visibly stops writes while
	// the pods keep serving.
	'control-plane-ha': {
		...CATALOG['control-plane-ha'],
		seed: 7,
		workers: 3,
		managers: 3,
		setup: {
			kubernetes: [
				'kubectl create deployment web --image=nginx --replicas=3',
				'kubectl expose deployment web --port=80',
				'sim advance 20s',
				'sim traffic web 10/s'
			],
			swarm: []
		}
	},
	// Why each pod landed where it did (the scheduler view): node-1 has a disktype=ssd label,
	// node-2 a PreferNoSchedule taint, node-3 a NoSchedule taint and an accelerator=gpu label,
	// and the batch pod pinned to node-2 leaves it the least room. web goes by score, trainer
	// tolerates the taint and prefers the gpu node, db fits only the ssd node, huge (6 CPUs)
	// fits nowhere, and the api Deployment's pods are spread by the default topology spread.
	scheduling: {
		...CATALOG['scheduling'],
		seed: 3,
		workers: 3,
		setup: {
			kubernetes: [
				'kubectl label nodes node-1 disktype=ssd',
				'kubectl label nodes node-3 accelerator=gpu',
				'kubectl taint nodes node-3 dedicated=gpu:NoSchedule',
				'kubectl taint nodes node-2 maintenance=soon:PreferNoSchedule',
				'kubectl apply -f pods.yaml',
				'kubectl create deployment api --image=nginx:1.27 --replicas=2'
			],
			swarm: []
		},
		files: { 'pods.yaml': SCHEDULING_PODS, 'rush.yaml': SCHEDULING_RUSH }
	},
	// The load balancer at work (the traffic view): 50 requests/s from outside through every
	// node's NodePort to a Deployment of three, 30 s in, as `kubectl set image` starts a rolling
	// update: old pods drain, new ones take their share. Stop a node to see requests time out.
	'rolling-update-traffic': {
		...CATALOG['rolling-update-traffic'],
		seed: 7,
		workers: 3,
		setup: {
			kubernetes: [
				'kubectl create deployment web --image=nginx:1.26 --replicas=3',
				'kubectl expose deployment web --port=80 --type=NodePort',
				'sim advance 20s',
				'sim traffic web 50/s --via nodeport',
				'sim advance 10s',
				'kubectl set image deployment/web nginx=nginx:1.27'
			],
			swarm: []
		}
	},
	// One front door for HTTP (the seed's Ingress): ingress-nginx installed as its bare-metal
	// manifest does (a one-pod controller Deployment behind a NodePort), an Ingress sending
	// shop.example.com/api to one Service and the rest to another, 30 requests/s to each path.
	// Stop a node with a backend (nginx retries the next pod), or the controller's (all fail).
	'ingress-traffic': {
		...CATALOG['ingress-traffic'],
		seed: 7,
		workers: 3,
		setup: {
			kubernetes: [
				'kubectl create deployment web --image=nginx:1.27 --replicas=2',
				'kubectl create deployment api --image=hashicorp/http-echo:1.0 --replicas=2 -- /http-echo -text=api',
				'kubectl expose deployment web --port=80',
				'kubectl expose deployment api --port=80 --target-port=5678',
				'sim addon ingress-nginx',
				'kubectl apply -f shop-ingress.yaml',
				'sim advance 40s',
				'sim traffic shop 30/s --via ingress --host shop.example.com --path /api',
				'sim traffic shop 30/s --via ingress --host shop.example.com --path /',
				'sim advance 10s'
			],
			swarm: []
		},
		files: { 'shop-ingress.yaml': SHOP_INGRESS }
	},
	// Swarm's routing mesh: a published port answers on every node, whose IPVS picks a task
	// round-robin wherever it runs.
	'routing-mesh': {
		...CATALOG['routing-mesh'],
		seed: 7,
		workers: 3,
		setup: {
			kubernetes: [],
			swarm: [
				'docker service create -d --name web --replicas 3 --publish 8080:80 nginx:1.27',
				'sim advance 20s',
				'sim traffic web 50/s --via mesh'
			]
		}
	},
	// Raft among five swarm managers (the Raft view). One-way latency is raised to 50 ms, as
	// between distant data centres, so that messages stay on screen long enough to follow; two
	// client writes are in the leader's log, not yet committed, when the learner arrives.
	'raft-election': {
		...CATALOG['raft-election'],
		seed: 5,
		workers: 0,
		managers: 5,
		setup: {
			kubernetes: [],
			swarm: [
				'sim latency 50ms',
				'sim raft propose create-service-web',
				'sim raft propose scale-web-3'
			]
		}
	},
	// Views at scale (issue 5): 100 workers × 10 pods stays SVG; 500 workers × 20 pods is drawn
	// on a canvas. `kubectl create deployment` sets no requests, so every pod fits.
	'large-cluster': {
		...CATALOG['large-cluster'],
		seed: 11,
		workers: 100,
		setup: {
			kubernetes: ['kubectl create deployment web --image=nginx --replicas=1000'],
			swarm: []
		}
	},
	// Just past the cluster view's canvas threshold (cluster-layout.ts), and quick to set up:
	// the canvas's browser test runs here rather than on 500 × 20.
	'big-cluster': {
		...CATALOG['big-cluster'],
		seed: 11,
		workers: 150,
		setup: {
			kubernetes: ['kubectl create deployment web --image=nginx --replicas=1500'],
			swarm: []
		}
	},
	'very-large-cluster': {
		...CATALOG['very-large-cluster'],
		seed: 11,
		workers: 500,
		setup: {
			kubernetes: ['kubectl create deployment web --image=nginx --replicas=10000'],
			swarm: []
		}
	},
	// Swarm's two roles (lesson swarm-and-raft): three managers keep the cluster state with Raft,
	// three workers run the tasks (the constraint keeps tasks off the managers, as draining them
	// would). Stop the leader for an election; stop a second manager and the quorum is gone.
	'swarm-managers': {
		...CATALOG['swarm-managers'],
		seed: 5,
		workers: 3,
		managers: 3,
		setup: {
			kubernetes: [],
			swarm: [
				'docker service create -d --name web --replicas 3 --constraint node.role==worker nginx:1.27'
			]
		}
	},
	// The seed's five steps, typed by the learner (lesson five-steps): a Dockerfile to build, the
	// lab registry to push to, and on Swarm machines that form no swarm until `docker swarm init`.
	'five-steps': {
		...CATALOG['five-steps'],
		seed: 5,
		workers: 2,
		setup: { kubernetes: [], swarm: [] },
		files: FIVE_STEPS_FILES
	},
	// Self-healing and state (lesson stateless-design): three stateless replicas to crash or
	// delete, and a StatefulSet manifest whose volume claims the lab, like a bare kubeadm
	// cluster, has no StorageClass to provision, until the volumes are made by hand.
	'self-healing': {
		...CATALOG['self-healing'],
		seed: 3,
		workers: 3,
		setup: {
			kubernetes: ['kubectl create deployment web --image=nginx:1.27 --replicas=3'],
			swarm: []
		},
		files: { 'db.yaml': DB_STATEFULSET, 'volumes.yaml': DB_VOLUMES }
	},
	// The exercises' starting points (src/viz/exercises/catalog.ts). A Deployment of three whose
	// second rollout names a tag nginx never had: its first pod waits in ImagePullBackOff while
	// the three old ones keep serving (maxUnavailable 25% of 3 rounds down to 0).
	'bad-rollout': {
		...CATALOG['bad-rollout'],
		seed: 4,
		workers: 3,
		setup: {
			kubernetes: [
				'kubectl create deployment web --image=nginx:1.27 --replicas=3',
				'sim advance 30s',
				'kubectl set image deployment/web nginx=nginx:1.277',
				'sim advance 1m'
			],
			swarm: []
		}
	},
	// Four replicas over three workers (two share node-2), and kubeadm's kube-proxy DaemonSet.
	'node-maintenance': {
		...CATALOG['node-maintenance'],
		seed: 4,
		workers: 3,
		setup: {
			kubernetes: [
				'kubectl create deployment web --image=nginx:1.27 --replicas=4',
				'sim advance 30s'
			],
			swarm: []
		}
	},
	'swarm-maintenance': {
		...CATALOG['swarm-maintenance'],
		seed: 4,
		workers: 3,
		setup: {
			kubernetes: [],
			swarm: ['docker service create -d --name web --replicas 3 nginx:1.27', 'sim advance 30s']
		}
	},
	// manager-2's machine is gone: the swarm keeps its quorum (2 of 3) but cannot lose another.
	'lost-manager': {
		...CATALOG['lost-manager'],
		seed: 5,
		workers: 3,
		managers: 3,
		setup: {
			kubernetes: [],
			swarm: [
				'docker service create -d --name web --replicas 3 --constraint node.role==worker nginx:1.27',
				'sim advance 20s',
				'sim node stop manager-2',
				'sim advance 1m'
			]
		}
	},
	// A Deployment whose pods must land on nodes labelled disktype=ssd, which no node is yet:
	// all three stay Pending with the scheduler's FailedScheduling message.
	'ssd-only': {
		...CATALOG['ssd-only'],
		seed: 6,
		workers: 3,
		setup: { kubernetes: ['kubectl apply -f web.yaml', 'sim advance 1m'], swarm: [] },
		files: { 'web.yaml': SSD_DEPLOYMENT }
	},
	// Three healthy pods labelled app=web behind a Service that selects app=frontend: no
	// endpoints, so every request through it fails.
	'wrong-selector': {
		...CATALOG['wrong-selector'],
		seed: 6,
		workers: 3,
		setup: {
			kubernetes: [
				'kubectl create deployment web --image=nginx:1.27 --replicas=3',
				'kubectl apply -f service.yaml',
				'sim advance 30s',
				'sim traffic web 10/s',
				'sim advance 10s'
			],
			swarm: []
		},
		files: { 'service.yaml': FRONTEND_SERVICE }
	},
	// A service constrained to node.labels.zone==east before any node carries the label: its
	// tasks wait in Pending, "no suitable node".
	'east-only': {
		...CATALOG['east-only'],
		seed: 6,
		workers: 3,
		setup: {
			kubernetes: [],
			swarm: [
				'docker service create -d --name web --replicas 2 --constraint node.labels.zone==east nginx:1.27',
				'sim advance 30s'
			]
		}
	},
	'empty-cluster': {
		...CATALOG['empty-cluster'],
		seed: 1,
		workers: 3,
		setup: { kubernetes: [], swarm: [] }
	}
} as const satisfies Record<ScenarioId, Scenario>;

export function scenario(id: ScenarioId): Scenario {
	return SCENARIOS[id];
}
