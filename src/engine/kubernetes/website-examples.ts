/**
 * The kubernetes/website examples that the kubernetes.io tutorials apply with
 * `kubectl apply -f https://k8s.io/examples/<path>`, by their path under content/en/examples/.
 *
 * © The Kubernetes Authors, Kubernetes Documentation, https://kubernetes.io/, CC BY 4.0
 * (https://creativecommons.org/licenses/by/4.0/). Texts unmodified, byte for byte as stored at the
 * commit named (read with the search index's read_file); `blob` is the git blob of that text, so
 * `git rev-parse <commit>:<path>` in a clone of kubernetes/website must print it.
 *
 * The index holds no default-branch copy of most of these files: what it stores for
 * content/en/examples/ comes largely from two unmerged pull-request branches, the
 * "recommended labels" one (#53389: `app.kubernetes.io/name` where main has `app`/`run`) and the
 * KYAML one (#56914/#56915: main's files mechanically rewritten to flow style, data and comments
 * kept). `match` says how close each text is to what k8s.io serves from main:
 * - `main`: main's text. Evidence: byte-identical to the recommended-labels branch's file once
 *   its label key is reverted back to `app` (minimal-ingress: a file that branch does not touch),
 *   and the same data as the KYAML rendering where that was read.
 * - `same-data`: block-style YAML with main's data and key order, from a localisation's copy
 *   (`path`); comments, the final newline or document markers may differ (`differs`).
 * - `kyaml`: the KYAML branch's rendering of main as of that branch: main's data and comments,
 *   in flow style. No stored block-style copy carries main's data (they have other labels or older
 *   images).
 * Every text holds main's data and key order (as far as the KYAML branch shows them), so kubectl
 * applies it as it applies main's; only reading the text shows a difference. Per-file provenance
 * and the other stored versions: the examples helper's REPORT.md.
 */

/** How a text compares with what k8s.io serves from kubernetes/website's main branch. */
export type WebsiteExampleMatch = 'main' | 'same-data' | 'kyaml';

export interface WebsiteExample {
	readonly text: string;
	/** The kubernetes/website commit the text was read at. */
	readonly commit: string;
	/** The file read, when not content/en/examples/<key> (a localisation's copy of it). */
	readonly path?: string;
	/** git blob SHA-1 of `text`. */
	readonly blob: string;
	readonly match: WebsiteExampleMatch;
	/** What differs from main's text, when `match` is not `main`. */
	readonly differs?: string;
}

/** By path under content/en/examples/ (e.g. 'application/deployment.yaml'). */
export const WEBSITE_EXAMPLES: Readonly<Record<string, WebsiteExample>> = {
	'admin/resource/quota-mem-cpu.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: 'a265228a5afa464c589d77a18863049039c63d06',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data, flow style; the file has no comments); only this rendering is stored.',
		text: `---
{
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: {
    name: "mem-cpu-demo",
  },
  spec: {
    hard: {
      requests.cpu: "1",
      requests.memory: "1Gi",
      limits.cpu: "2",
      limits.memory: "2Gi",
    },
  },
}
`
	},
	'application/deployment-scale.yaml': {
		commit: 'a8d117f46542fafbd995a77dd95ca39538aefad8',
		path: 'content/ja/examples/application/deployment-scale.yaml',
		blob: 'd1ba11ee8116d7205c3638b3259b0aa4f16878d4',
		match: 'same-data',
		differs:
			"The Japanese localisation's copy: same data and key order as main, but its first line keeps the comment `# for versions before 1.9.0 use apps/v1beta2`, which main no longer has.",
		text: `apiVersion: apps/v1 # for versions before 1.9.0 use apps/v1beta2
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  selector:
    matchLabels:
      app: nginx
  replicas: 4 # Update the replicas from 2 to 4
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.16.1
        ports:
        - containerPort: 80
`
	},
	'application/deployment-update.yaml': {
		commit: '9c0d60908fdfbc448645f07c24a208cf212815be',
		path: 'content/ja/examples/application/deployment-update.yaml',
		blob: '18e8be65fbd717867070950442b0d0a89e7cac7f',
		match: 'same-data',
		differs:
			"The Japanese localisation's copy: same data and key order as main, but its first line keeps the comment `# for versions before 1.9.0 use apps/v1beta2`, which main no longer has.",
		text: `apiVersion: apps/v1 # for versions before 1.9.0 use apps/v1beta2
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  selector:
    matchLabels:
      app: nginx
  replicas: 2
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.16.1 # Update the version of nginx from 1.14.2 to 1.16.1
        ports:
        - containerPort: 80
`
	},
	'application/deployment.yaml': {
		commit: '8be25924fa58a7ca47d8ef2cee52538c5e948b7f',
		blob: 'dbed8bc72b9fcf63b0acd3605e575508e2f43bf2',
		match: 'main',
		text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  selector:
    matchLabels:
      app: nginx
  replicas: 2 # tells deployment to run 2 pods matching the template
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`
	},
	'application/guestbook/frontend-deployment.yaml': {
		commit: '5712187312b318c7223635333cee02d5e22cf8ae',
		blob: '9ddfcb8d850dc911df49ee9d8d9c2e1bbe98f930',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data and comments, flow style); the stored block-style copies use older images (gcr.io/google_samples, docker.io/corelab).',
		text: `---
{
  # SOURCE: https://cloud.google.com/kubernetes-engine/docs/tutorials/guestbook
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "frontend",
  },
  spec: {
    replicas: 3,
    selector: {
      matchLabels: {
        app: "guestbook",
        tier: "frontend",
      },
    },
    template: {
      metadata: {
        labels: {
          app: "guestbook",
          tier: "frontend",
        },
      },
      spec: {
        containers: [{
          name: "php-redis",
          image: "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5",
          env: [{
            name: "GET_HOSTS_FROM",
            value: "dns",
          }],
          resources: {
            requests: {
              cpu: "100m",
              memory: "100Mi",
            },
          },
          ports: [{
            containerPort: 80,
          }],
        }],
      },
    },
  },
}
`
	},
	'application/guestbook/frontend-service.yaml': {
		commit: '16a985010c3d9d1aa2ae973eb82d69ed6585105e',
		path: 'content/zh-cn/examples/application/guestbook/frontend-service.yaml',
		blob: '6688f3b0c03f9124529ad482756c3919b566d6d9',
		match: 'same-data',
		differs:
			"The zh-cn localisation's copy: same data and key order as main, but its comments are translated (the two-line LoadBalancer comment is one line) and the file has no final newline.",
		text: `# 来源：https://cloud.google.com/kubernetes-engine/docs/tutorials/guestbook
apiVersion: v1
kind: Service
metadata:
  name: frontend
  labels:
    app: guestbook
    tier: frontend
spec:
  # 如果你的集群支持，请取消注释以下内容以自动为前端服务创建一个外部负载均衡 IP。
  # type: LoadBalancer
  #type: LoadBalancer
  ports:
    # 此服务应使用的端口
  - port: 80
  selector:
    app: guestbook
    tier: frontend`
	},
	'application/guestbook/redis-follower-deployment.yaml': {
		commit: '0a59de21d83672d2eeb5220f12f306f2c29cadf7',
		path: 'content/zh-cn/examples/application/guestbook/redis-follower-deployment.yaml',
		blob: 'bdcd3e510deffceac1aa6847c48e097c24bd7ad9',
		match: 'same-data',
		differs:
			"The zh-cn localisation's copy: same data and key order as main, but the `# SOURCE:` comment is translated and the file has no final newline.",
		text: `# 来源：https://cloud.google.com/kubernetes-engine/docs/tutorials/guestbook
apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis-follower
  labels:
    app: redis
    role: follower
    tier: backend
spec:
  replicas: 2
  selector:
    matchLabels:
      app: redis
  template:
    metadata:
      labels:
        app: redis
        role: follower
        tier: backend
    spec:
      containers:
      - name: follower
        image: us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower:v2
        resources:
          requests:
            cpu: 100m
            memory: 100Mi
        ports:
        - containerPort: 6379`
	},
	'application/guestbook/redis-follower-service.yaml': {
		commit: '52b8c8f7b70d92a17805cc91dc29d35ee9fa13c5',
		path: 'content/ko/examples/application/guestbook/redis-follower-service.yaml',
		blob: '53283d35c423ed213d72b2b4d2860cbf0270bb44',
		match: 'same-data',
		differs:
			"The Korean localisation's copy: same data, key order and (English) comments as main; it has no final newline, which main probably has.",
		text: `# SOURCE: https://cloud.google.com/kubernetes-engine/docs/tutorials/guestbook
apiVersion: v1
kind: Service
metadata:
  name: redis-follower
  labels:
    app: redis
    role: follower
    tier: backend
spec:
  ports:
    # the port that this service should serve on
  - port: 6379
  selector:
    app: redis
    role: follower
    tier: backend`
	},
	'application/guestbook/redis-leader-deployment.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: 'd75b66c1d4b014f853e875fcc704465c7b44b8cf',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data and comments, flow style); the stored block-style copies use other labels or the old docker.io/redis:6.0.5 image.',
		text: `---
{
  # SOURCE: https://cloud.google.com/kubernetes-engine/docs/tutorials/guestbook
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "redis-leader",
    labels: {
      app: "redis",
      role: "leader",
      tier: "backend",
    },
  },
  spec: {
    replicas: 1,
    selector: {
      matchLabels: {
        app: "redis",
      },
    },
    template: {
      metadata: {
        labels: {
          app: "redis",
          role: "leader",
          tier: "backend",
        },
      },
      spec: {
        containers: [{
          name: "leader",
          image: "registry.k8s.io/redis@sha256:cb111d1bd870a6a471385a4a69ad17469d326e9dd91e0e455350cacf36e1b3ee",
          resources: {
            requests: {
              cpu: "100m",
              memory: "100Mi",
            },
          },
          ports: [{
            containerPort: 6379,
          }],
        }],
      },
    },
  },
}
`
	},
	'application/guestbook/redis-leader-service.yaml': {
		commit: '23009a516ff325a0d551d0f69de43ceeeac60d65',
		path: 'content/zh-cn/examples/application/guestbook/redis-leader-service.yaml',
		blob: '386f79e4f37c7fb3fada147ae82b9d06fe01b521',
		match: 'same-data',
		differs:
			"The zh-cn localisation's copy: same data and key order as main, but the `# SOURCE:` comment is translated and the file has no final newline.",
		text: `# 来源：https://cloud.google.com/kubernetes-engine/docs/tutorials/guestbook
apiVersion: v1
kind: Service
metadata:
  name: redis-leader
  labels:
    app: redis
    role: leader
    tier: backend
spec:
  ports:
  - port: 6379
    targetPort: 6379
  selector:
    app: redis
    role: leader
    tier: backend`
	},
	'application/job/cronjob.yaml': {
		commit: '81dca134e217806c3f4f0dff1365514bce01829c',
		blob: '2d7491943f847a2c32e7bf59c3a5748dd0f66265',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data, flow style; the file has no comments); the block-style en version stored (d2a0eb5) is the old batch/v1beta1 one (`*/1 * * * *`, untagged busybox, `args`).',
		text: `---
{
  apiVersion: "batch/v1",
  kind: "CronJob",
  metadata: {
    name: "hello",
  },
  spec: {
    schedule: "* * * * *",
    jobTemplate: {
      spec: {
        template: {
          spec: {
            containers: [{
              name: "hello",
              image: "busybox:1.28",
              imagePullPolicy: "IfNotPresent",
              command: [
                "/bin/sh",
                "-c",
                "date; echo Hello from the Kubernetes cluster",
              ],
            }],
            restartPolicy: "OnFailure",
          },
        },
      },
    },
  },
}
`
	},
	'application/nginx-app.yaml': {
		commit: '52b8c8f7b70d92a17805cc91dc29d35ee9fa13c5',
		path: 'content/zh-cn/examples/application/nginx-app.yaml',
		blob: 'd00682e1fcbba6125903a5f71b0b6194fc184e03',
		match: 'main',
		text: `apiVersion: v1
kind: Service
metadata:
  name: my-nginx-svc
  labels:
    app: nginx
spec:
  type: LoadBalancer
  ports:
  - port: 80
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-nginx
  labels:
    app: nginx
spec:
  replicas: 3
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
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`
	},
	'application/php-apache.yaml': {
		commit: '81dca134e217806c3f4f0dff1365514bce01829c',
		blob: 'dfb4f682a13eabc35a8c9de770e52c682a21c598',
		match: 'kyaml',
		differs:
			"KYAML rendering of main (same data and comments, flow style); no block-style copy with main's `run: php-apache` labels is stored.",
		text: `---
{
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "php-apache",
  },
  spec: {
    selector: {
      matchLabels: {
        run: "php-apache",
      },
    },
    template: {
      metadata: {
        labels: {
          run: "php-apache",
        },
      },
      spec: {
        containers: [{
          name: "php-apache",
          image: "registry.k8s.io/hpa-example",
          ports: [{
            containerPort: 80,
          }],
          resources: {
            limits: {
              cpu: "500m",
            },
            requests: {
              cpu: "200m",
            },
          },
        }],
      },
    },
  },
}
---
{
  apiVersion: "v1",
  kind: "Service",
  metadata: {
    name: "php-apache",
    labels: {
      run: "php-apache",
    },
  },
  spec: {
    ports: [{
      port: 80,
    }],
    selector: {
      run: "php-apache",
    },
  },
}
`
	},
	'application/zookeeper/zookeeper.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: '1a3c012c77c3192cd68a03f80d52bc110d5ea34b',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data, flow style); the stored block-style copies use other labels or policy/v1beta1 and k8s.gcr.io.',
		text: `---
{
  apiVersion: "v1",
  kind: "Service",
  metadata: {
    name: "zk-hs",
    labels: {
      app: "zk",
    },
  },
  spec: {
    ports: [{
      port: 2888,
      name: "server",
    }, {
      port: 3888,
      name: "leader-election",
    }],
    clusterIP: "None",
    selector: {
      app: "zk",
    },
  },
}
---
{
  apiVersion: "v1",
  kind: "Service",
  metadata: {
    name: "zk-cs",
    labels: {
      app: "zk",
    },
  },
  spec: {
    ports: [{
      port: 2181,
      name: "client",
    }],
    selector: {
      app: "zk",
    },
  },
}
---
{
  apiVersion: "policy/v1",
  kind: "PodDisruptionBudget",
  metadata: {
    name: "zk-pdb",
  },
  spec: {
    selector: {
      matchLabels: {
        app: "zk",
      },
    },
    maxUnavailable: 1,
  },
}
---
{
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: {
    name: "zk",
  },
  spec: {
    selector: {
      matchLabels: {
        app: "zk",
      },
    },
    serviceName: "zk-hs",
    replicas: 3,
    updateStrategy: {
      type: "RollingUpdate",
    },
    podManagementPolicy: "OrderedReady",
    template: {
      metadata: {
        labels: {
          app: "zk",
        },
      },
      spec: {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{
              labelSelector: {
                matchExpressions: [{
                  key: "app",
                  operator: "In",
                  values: [
                    "zk",
                  ],
                }],
              },
              topologyKey: "kubernetes.io/hostname",
            }],
          },
        },
        containers: [{
          name: "kubernetes-zookeeper",
          imagePullPolicy: "Always",
          image: "registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10",
          resources: {
            requests: {
              memory: "1Gi",
              cpu: "0.5",
            },
          },
          ports: [{
            containerPort: 2181,
            name: "client",
          }, {
            containerPort: 2888,
            name: "server",
          }, {
            containerPort: 3888,
            name: "leader-election",
          }],
          command: [
            "sh",
            "-c",
            "start-zookeeper --servers=3 --data_dir=/var/lib/zookeeper/data --data_log_dir=/var/lib/zookeeper/data/log --conf_dir=/opt/zookeeper/conf --client_port=2181 --election_port=3888 --server_port=2888 --tick_time=2000 --init_limit=10 --sync_limit=5 --heap=512M --max_client_cnxns=60 --snap_retain_count=3 --purge_interval=12 --max_session_timeout=40000 --min_session_timeout=4000 --log_level=INFO",
          ],
          readinessProbe: {
            exec: {
              command: [
                "sh",
                "-c",
                "zookeeper-ready 2181",
              ],
            },
            initialDelaySeconds: 10,
            timeoutSeconds: 5,
          },
          livenessProbe: {
            exec: {
              command: [
                "sh",
                "-c",
                "zookeeper-ready 2181",
              ],
            },
            initialDelaySeconds: 10,
            timeoutSeconds: 5,
          },
          volumeMounts: [{
            name: "datadir",
            mountPath: "/var/lib/zookeeper",
          }],
        }],
        securityContext: {
          runAsUser: 1000,
          fsGroup: 1000,
        },
      },
    },
    volumeClaimTemplates: [{
      metadata: {
        name: "datadir",
      },
      spec: {
        accessModes: [
          "ReadWriteOnce",
        ],
        resources: {
          requests: {
            storage: "10Gi",
          },
        },
      },
    }],
  },
}
`
	},
	'controllers/daemonset.yaml': {
		commit: '5712187312b318c7223635333cee02d5e22cf8ae',
		blob: 'd0dbccb592a18d4a72b7c3c19000a32aca5024f9',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data and comments, flow style); the stored block-style copies are older (k8s.gcr.io or fluentd v2.5.2, the master toleration only).',
		text: `---
{
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: {
    name: "fluentd-elasticsearch",
    namespace: "kube-system",
    labels: {
      k8s-app: "fluentd-logging",
    },
  },
  spec: {
    selector: {
      matchLabels: {
        name: "fluentd-elasticsearch",
      },
    },
    template: {
      metadata: {
        labels: {
          name: "fluentd-elasticsearch",
        },
      },
      spec: {
        tolerations: [
          # these tolerations are to have the daemonset runnable on control plane nodes
          # remove them if your control plane nodes should not run pods
          {
            key: "node-role.kubernetes.io/control-plane",
            operator: "Exists",
            effect: "NoSchedule",
          },
          {
            key: "node-role.kubernetes.io/master",
            operator: "Exists",
            effect: "NoSchedule",
          },
        ],
        containers: [{
          name: "fluentd-elasticsearch",
          image: "quay.io/fluentd_elasticsearch/fluentd:v5.0.1",
          resources: {
            limits: {
              memory: "200Mi",
            },
            requests: {
              cpu: "100m",
              memory: "200Mi",
            },
          },
          volumeMounts: [{
            name: "varlog",
            mountPath: "/var/log",
          }],
        }],
        # it may be desirable to set a high priority class to ensure that a DaemonSet Pod
        # preempts running Pods
        # priorityClassName: important
        terminationGracePeriodSeconds: 30,
        volumes: [{
          name: "varlog",
          hostPath: {
            path: "/var/log",
          },
        }],
      },
    },
  },
}
`
	},
	'controllers/fluentd-daemonset.yaml': {
		commit: '5712187312b318c7223635333cee02d5e22cf8ae',
		blob: '37acc40e6f3116ba78c5130e2d47413c97c23d66',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data and comments, flow style); the block-style en version stored (8dda686) has the older image quay.io/fluentd_elasticsearch/fluentd:v2.5.2 where main has v5.0.1.',
		text: `---
{
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: {
    name: "fluentd-elasticsearch",
    namespace: "kube-system",
    labels: {
      k8s-app: "fluentd-logging",
    },
  },
  spec: {
    selector: {
      matchLabels: {
        name: "fluentd-elasticsearch",
      },
    },
    updateStrategy: {
      type: "RollingUpdate",
      rollingUpdate: {
        maxUnavailable: 1,
      },
    },
    template: {
      metadata: {
        labels: {
          name: "fluentd-elasticsearch",
        },
      },
      spec: {
        tolerations: [
          # these tolerations are to have the daemonset runnable on control plane nodes
          # remove them if your control plane nodes should not run pods
          {
            key: "node-role.kubernetes.io/control-plane",
            operator: "Exists",
            effect: "NoSchedule",
          },
          {
            key: "node-role.kubernetes.io/master",
            operator: "Exists",
            effect: "NoSchedule",
          },
        ],
        containers: [{
          name: "fluentd-elasticsearch",
          image: "quay.io/fluentd_elasticsearch/fluentd:v5.0.1",
          volumeMounts: [{
            name: "varlog",
            mountPath: "/var/log",
          }, {
            name: "varlibdockercontainers",
            mountPath: "/var/lib/docker/containers",
            readOnly: true,
          }],
        }],
        terminationGracePeriodSeconds: 30,
        volumes: [{
          name: "varlog",
          hostPath: {
            path: "/var/log",
          },
        }, {
          name: "varlibdockercontainers",
          hostPath: {
            path: "/var/lib/docker/containers",
          },
        }],
      },
    },
  },
}
`
	},
	'controllers/frontend.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: '5b6a05caa32ae3b3bfbb8388c5f013ddc831791e',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data and comment, flow style); the stored block-style copies use other labels or older images.',
		text: `---
{
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: {
    name: "frontend",
    labels: {
      app: "guestbook",
      tier: "frontend",
    },
  },
  spec: {
    # modify replicas according to your case
    replicas: 3,
    selector: {
      matchLabels: {
        tier: "frontend",
      },
    },
    template: {
      metadata: {
        labels: {
          tier: "frontend",
        },
      },
      spec: {
        containers: [{
          name: "php-redis",
          image: "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5",
        }],
      },
    },
  },
}
`
	},
	'controllers/job.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: '876453feef5041b7e1b63b4ba89a482f924aa90f',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data, flow style); the stored block-style copies are older (`image: perl`, bpi(1000) or a mis-quoted command).',
		text: `---
{
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: {
    name: "pi",
  },
  spec: {
    template: {
      spec: {
        containers: [{
          name: "pi",
          image: "perl:5.34.0",
          command: [
            "perl",
            "-Mbignum=bpi",
            "-wle",
            "print bpi(2000)",
          ],
        }],
        restartPolicy: "Never",
      },
    },
    backoffLimit: 4,
  },
}
`
	},
	'controllers/nginx-deployment.yaml': {
		commit: '81dca134e217806c3f4f0dff1365514bce01829c',
		blob: '95c9403460ba485679e9df59df6f3f5625cc82dc',
		match: 'kyaml',
		differs:
			"KYAML rendering of main (same data, flow style); the only stored block-style copy uses the recommended-labels branch's `app.kubernetes.io/name`.",
		text: `---
{
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "nginx-deployment",
    labels: {
      app: "nginx",
    },
  },
  spec: {
    replicas: 3,
    selector: {
      matchLabels: {
        app: "nginx",
      },
    },
    template: {
      metadata: {
        labels: {
          app: "nginx",
        },
      },
      spec: {
        containers: [{
          name: "nginx",
          image: "nginx:1.14.2",
          ports: [{
            containerPort: 80,
          }],
        }],
      },
    },
  },
}
`
	},
	'controllers/replicaset.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: '41df79a3c838a01d208bdafd923db198c7e70d6d',
		match: 'kyaml',
		differs: 'KYAML rendering of main (same data, flow style); no block-style copy is stored.',
		text: `---
{
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: {
    name: "my-repset",
  },
  spec: {
    replicas: 3,
    selector: {
      matchLabels: {
        pod-is-for: "garbage-collection-example",
      },
    },
    template: {
      metadata: {
        labels: {
          pod-is-for: "garbage-collection-example",
        },
      },
      spec: {
        containers: [{
          name: "nginx",
          image: "nginx",
        }],
      },
    },
  },
}
`
	},
	'pods/commands.yaml': {
		commit: '6ef03d7b2ee2ed72e19467509e800a35efe37a90',
		blob: '571c2c53110257fcc388f8f1f701fec23852f477',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data, flow style; the file has no comments); only this rendering is stored.',
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "command-demo",
    labels: {
      purpose: "demonstrate-command",
    },
  },
  spec: {
    containers: [{
      name: "command-demo-container",
      image: "debian",
      command: [
        "printenv",
      ],
      args: [
        "HOSTNAME",
        "KUBERNETES_PORT",
      ],
    }],
    restartPolicy: "OnFailure",
  },
}
`
	},
	'pods/init-containers.yaml': {
		commit: '5712187312b318c7223635333cee02d5e22cf8ae',
		blob: '0ab6f8fcee733a8d7c87906f9553bafbb633fb09',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data and comment, flow style); the block-style en version stored (a2659dc) has the untagged `busybox` image where main has busybox:1.28.',
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "init-demo",
  },
  spec: {
    containers: [{
      name: "nginx",
      image: "nginx",
      ports: [{
        containerPort: 80,
      }],
      volumeMounts: [{
        name: "workdir",
        mountPath: "/usr/share/nginx/html",
      }],
    }],
    # These containers are run during pod initialization
    initContainers: [{
      name: "install",
      image: "busybox:1.28",
      command: [
        "wget",
        "-O",
        "/work-dir/index.html",
        "http://info.cern.ch",
      ],
      volumeMounts: [{
        name: "workdir",
        mountPath: "/work-dir",
      }],
    }],
    dnsPolicy: "Default",
    volumes: [{
      name: "workdir",
      emptyDir: {},
    }],
  },
}
`
	},
	'pods/inject/envars.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: 'c66d06a813b8ff595bf18ac7de9181974ba5f7f5',
		match: 'kyaml',
		differs:
			"KYAML rendering of main (same data, flow style; the file has no comments); the only block-style copy, ko's, has the older image gcr.io/google-samples/node-hello:1.0.",
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "envar-demo",
    labels: {
      purpose: "demonstrate-envars",
    },
  },
  spec: {
    containers: [{
      name: "envar-demo-container",
      image: "gcr.io/google-samples/hello-app:2.0",
      env: [{
        name: "DEMO_GREETING",
        value: "Hello from the environment",
      }, {
        name: "DEMO_FAREWELL",
        value: "Such a sweet sorrow",
      }],
    }],
  },
}
`
	},
	'pods/pod-nginx-preferred-affinity.yaml': {
		commit: '89ce7eec9d6452eae7061696d2bf786ac42c7845',
		path: 'content/id/examples/pods/pod-nginx-preferred-affinity.yaml',
		blob: 'f169576bc2b0cab754e97e3600e26d82183745dd',
		match: 'same-data',
		differs:
			"The Indonesian localisation's copy (the file has no comments): main's data and key order, and the trailing spaces after `- ssd` that copies of the kubernetes.io page show; it ends with an empty line, which main may not have.",
		text: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 1
        preference:
          matchExpressions:
          - key: disktype
            operator: In
            values:
            - ssd          
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent

`
	},
	'pods/pod-nginx-required-affinity.yaml': {
		commit: '6789ca6a179ba8d514e33313197068e340d0c455',
		path: 'content/ko/examples/pods/pod-nginx-required-affinity.yaml',
		blob: 'a3805eaa8d9c991a7ea06d0347c5afeb145a37fa',
		match: 'same-data',
		differs:
			"The Korean localisation's copy (the file has no comments): main's data and key order, and the trailing spaces after `- ssd` that copies of the kubernetes.io page show; no en block-style version is stored to confirm the bytes.",
		text: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: disktype
            operator: In
            values:
            - ssd            
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent
`
	},
	'pods/pod-nginx-specific-node.yaml': {
		commit: '079d6e3aecbada946971ef7d66f039d3dfd19071',
		path: 'content/fr/examples/pods/pod-nginx-specific-node.yaml',
		blob: '5923400d645345b1af90814af044f1e08f640e43',
		match: 'same-data',
		differs:
			"The French localisation's copy, block style with main's data, key order and English comment (the KYAML rendering's comment, word for word); no en block-style version is stored, so its whitespace is not confirmed against main.",
		text: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  nodeName: foo-node # schedule pod to specific node
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent
`
	},
	'pods/pod-nginx.yaml': {
		commit: '81dca134e217806c3f4f0dff1365514bce01829c',
		blob: '2fd1b6a3967f702fc92689259deb994fe51a9f7e',
		match: 'kyaml',
		differs: 'KYAML rendering of main (same data, flow style); no block-style copy is stored.',
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "nginx",
    labels: {
      env: "test",
    },
  },
  spec: {
    containers: [{
      name: "nginx",
      image: "nginx",
      imagePullPolicy: "IfNotPresent",
    }],
    nodeSelector: {
      disktype: "ssd",
    },
  },
}
`
	},
	'pods/pod-with-node-affinity.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: 'f0f389186fa58a15959a7746ccee149c82ca9eca',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data, flow style); the stored block-style copies are older (k8s.gcr.io/pause:2.0, one of them invalid).',
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "with-node-affinity",
  },
  spec: {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{
            matchExpressions: [{
              key: "topology.kubernetes.io/zone",
              operator: "In",
              values: [
                "antarctica-east1",
                "antarctica-west1",
              ],
            }],
          }],
        },
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 1,
          preference: {
            matchExpressions: [{
              key: "another-node-label-key",
              operator: "In",
              values: [
                "another-node-label-value",
              ],
            }],
          },
        }],
      },
    },
    containers: [{
      name: "with-node-affinity",
      image: "registry.k8s.io/pause:3.8",
    }],
  },
}
`
	},
	'pods/pod-with-toleration.yaml': {
		commit: '81dca134e217806c3f4f0dff1365514bce01829c',
		blob: 'b7d5b96e6cf342f56068ee6a6ba854e3aabe286f',
		match: 'kyaml',
		differs: 'KYAML rendering of main (same data, flow style); no block-style copy is stored.',
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "nginx",
    labels: {
      env: "test",
    },
  },
  spec: {
    containers: [{
      name: "nginx",
      image: "nginx",
      imagePullPolicy: "IfNotPresent",
    }],
    tolerations: [{
      key: "example-key",
      operator: "Exists",
      effect: "NoSchedule",
    }],
  },
}
`
	},
	'pods/probe/exec-liveness.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: 'e058435ef005bda0233d74ba5778672032271d8e',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data, flow style); the stored block-style copy is older (k8s.gcr.io/busybox).',
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    labels: {
      test: "liveness",
    },
    name: "liveness-exec",
  },
  spec: {
    containers: [{
      name: "liveness",
      image: "registry.k8s.io/busybox:1.27.2",
      args: [
        "/bin/sh",
        "-c",
        "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600",
      ],
      livenessProbe: {
        exec: {
          command: [
            "cat",
            "/tmp/healthy",
          ],
        },
        initialDelaySeconds: 5,
        periodSeconds: 5,
      },
    }],
  },
}
`
	},
	'pods/probe/grpc-liveness.yaml': {
		commit: '6ef03d7b2ee2ed72e19467509e800a35efe37a90',
		blob: 'ef75777c9c84c11c960677d40961d7f49a3e61aa',
		match: 'kyaml',
		differs:
			"KYAML rendering of main (same data, flow style; the file has no comments); the block-style copies (en ef66685, zh-cn 52b8c8f) have k8s.gcr.io/etcd, and en's the old `gRPC:` key.",
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "etcd-with-grpc",
  },
  spec: {
    containers: [{
      name: "etcd",
      image: "registry.k8s.io/etcd:3.5.1-0",
      command: [
        "/usr/local/bin/etcd",
        "--data-dir",
        "/var/lib/etcd",
        "--listen-client-urls",
        "http://0.0.0.0:2379",
        "--advertise-client-urls",
        "http://127.0.0.1:2379",
        "--log-level",
        "debug",
      ],
      ports: [{
        containerPort: 2379,
      }],
      livenessProbe: {
        grpc: {
          port: 2379,
        },
        initialDelaySeconds: 10,
      },
    }],
  },
}
`
	},
	'pods/probe/http-liveness.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: 'f1765734f1bebde2b50a9dc4b43572e97937e5ec',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data, flow style); the stored block-style copies are older (the liveness /server image).',
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    labels: {
      test: "liveness",
    },
    name: "liveness-http",
  },
  spec: {
    containers: [{
      name: "liveness",
      image: "registry.k8s.io/e2e-test-images/agnhost:2.40",
      args: [
        "liveness",
      ],
      livenessProbe: {
        httpGet: {
          path: "/healthz",
          port: 8080,
          httpHeaders: [{
            name: "Custom-Header",
            value: "Awesome",
          }],
        },
        initialDelaySeconds: 3,
        periodSeconds: 3,
      },
    }],
  },
}
`
	},
	'pods/probe/pod-with-http-healthcheck.yaml': {
		commit: '81dca134e217806c3f4f0dff1365514bce01829c',
		blob: 'bdd8ef58b5d38bf00aad6ee38f4cb8cc14063a0b',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data and comments, flow style); the block-style copies (zh-cn, ko) have translated comments.',
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "pod-with-http-healthcheck",
  },
  spec: {
    containers: [{
      name: "nginx",
      image: "nginx",
      # defines the health checking
      livenessProbe: {
        # an http probe
        httpGet: {
          path: "/_status/healthz",
          port: 80,
        },
        # length of time to wait for a pod to initialize
        # after pod startup, before applying health checking
        initialDelaySeconds: 30,
        timeoutSeconds: 1,
      },
      ports: [{
        containerPort: 80,
      }],
    }],
  },
}
`
	},
	'pods/probe/tcp-liveness-readiness.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: '1de1ee0445519754806207863761de7853c14294',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data, flow style); the stored block-style copies use other labels or an older liveness period (20 s).',
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "goproxy",
    labels: {
      app: "goproxy",
    },
  },
  spec: {
    containers: [{
      name: "goproxy",
      image: "registry.k8s.io/goproxy:0.1",
      ports: [{
        containerPort: 8080,
      }],
      readinessProbe: {
        tcpSocket: {
          port: 8080,
        },
        initialDelaySeconds: 15,
        periodSeconds: 10,
      },
      livenessProbe: {
        tcpSocket: {
          port: 8080,
        },
        initialDelaySeconds: 15,
        periodSeconds: 10,
      },
    }],
  },
}
`
	},
	'pods/qos/qos-pod.yaml': {
		commit: '5712187312b318c7223635333cee02d5e22cf8ae',
		blob: 'c5fc32eca0f347e7fc74ce90f54c1d877ceb88b8',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data, flow style; the file has no comments); only this rendering is stored.',
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "qos-demo",
    namespace: "qos-example",
  },
  spec: {
    containers: [{
      name: "qos-demo-ctr",
      image: "nginx",
      resources: {
        limits: {
          memory: "200Mi",
          cpu: "700m",
        },
        requests: {
          memory: "200Mi",
          cpu: "700m",
        },
      },
    }],
  },
}
`
	},
	'pods/resource/memory-request-limit-2.yaml': {
		commit: '5712187312b318c7223635333cee02d5e22cf8ae',
		blob: 'c557165542071e48f8cbb8be2e8d828e54f7411c',
		match: 'kyaml',
		differs: 'KYAML rendering of main (same data, flow style); no block-style copy is stored.',
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "memory-demo-2",
    namespace: "mem-example",
  },
  spec: {
    containers: [{
      name: "memory-demo-2-ctr",
      image: "polinux/stress",
      resources: {
        requests: {
          memory: "50Mi",
        },
        limits: {
          memory: "100Mi",
        },
      },
      command: [
        "stress",
      ],
      args: [
        "--vm",
        "1",
        "--vm-bytes",
        "250M",
        "--vm-hang",
        "1",
      ],
    }],
  },
}
`
	},
	'pods/resource/memory-request-limit-3.yaml': {
		commit: '50cfc51fc9c4173ffff4d382c63554f8b8ab7ab4',
		path: 'content/zh-cn/examples/pods/resource/memory-request-limit-3.yaml',
		blob: 'd816393986621cdcca022e73e4866f11588233d2',
		match: 'same-data',
		differs:
			"The zh-cn localisation's copy of a file without comments: same data and key order as main, very likely byte-identical (not checkable here).",
		text: `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo-3
  namespace: mem-example
spec:
  containers:
  - name: memory-demo-3-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "1000Gi"
      limits:
        memory: "1000Gi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]
`
	},
	'pods/resource/memory-request-limit.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: '7d066e2c04039ed75933e605e28fe0376f735dcd',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data, flow style); the stored block-style copy (ja) lists limits before requests.',
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "memory-demo",
    namespace: "mem-example",
  },
  spec: {
    containers: [{
      name: "memory-demo-ctr",
      image: "polinux/stress",
      resources: {
        requests: {
          memory: "100Mi",
        },
        limits: {
          memory: "200Mi",
        },
      },
      command: [
        "stress",
      ],
      args: [
        "--vm",
        "1",
        "--vm-bytes",
        "150M",
        "--vm-hang",
        "1",
      ],
    }],
  },
}
`
	},
	'pods/security/security-context.yaml': {
		commit: '52704c9bebb5742f8a3f4e35efc82399da55575e',
		path: 'content/zh-cn/examples/pods/security/security-context.yaml',
		blob: 'aeeaebb92d57b45053cd669e2303e40af471924c',
		match: 'same-data',
		differs:
			"The Chinese localisation's copy (the file has no comments): main's data and key order as the KYAML rendering shows them, very likely main's bytes, but no en block-style version with main's data is stored to confirm it (en 67b6569 is the old node-hello version).",
		text: `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    fsGroup: 2000
    supplementalGroups: [4000]
  volumes:
  - name: sec-ctx-vol
    emptyDir: {}
  containers:
  - name: sec-ctx-demo
    image: busybox:1.28
    command: [ "sh", "-c", "sleep 1h" ]
    volumeMounts:
    - name: sec-ctx-vol
      mountPath: /data/demo
    securityContext:
      allowPrivilegeEscalation: false
`
	},
	'pods/simple-pod.yaml': {
		commit: '6ef03d7b2ee2ed72e19467509e800a35efe37a90',
		blob: '1ff1c949404b32aab79e711a9f6e7f6e10328f6e',
		match: 'kyaml',
		differs: 'KYAML rendering of main (same data, flow style); no block-style copy is stored.',
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "nginx",
  },
  spec: {
    containers: [{
      name: "nginx",
      image: "nginx:1.14.2",
      ports: [{
        containerPort: 80,
      }],
    }],
  },
}
`
	},
	'pods/storage/pv-claim.yaml': {
		commit: '2ac7fa4450682c7c958ba5cfbbdc8beb7e964e58',
		path: 'content/pt-br/examples/pods/storage/pv-claim.yaml',
		blob: 'b33f6faa4cbbbcb937d1160e8936bc4d904e3e6a',
		match: 'same-data',
		differs:
			"The Brazilian Portuguese localisation's copy (the file has no comments): main's data and key order as the KYAML rendering shows them; no en block-style version with that order is stored (en 018c6fb has sorted keys), so the bytes are not confirmed.",
		text: `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: task-pv-claim
spec:
  storageClassName: manual
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 3Gi
`
	},
	'pods/storage/pv-pod.yaml': {
		commit: '2b6185c476a486531ba0de50d242d6d78728d22f',
		blob: 'a2eddcf0886f4e28eb435b1549a92b4c4577466b',
		match: 'main',
		text: `apiVersion: v1
kind: Pod
metadata:
  name: task-pv-pod
spec:
  volumes:
    - name: task-pv-storage
      persistentVolumeClaim:
        claimName: task-pv-claim
  containers:
    - name: task-pv-container
      image: nginx
      ports:
        - containerPort: 80
          name: "http-server"
      volumeMounts:
        - mountPath: "/usr/share/nginx/html"
          name: task-pv-storage


`
	},
	'pods/storage/pv-volume.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: 'ecf9a6a0922f024c1bbbaa3e8c0b2653b1fc9f5e',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data, flow style; the file has no comments); the block-style versions stored have another key order (en 273b803: sorted keys; ja 0637786: kind before apiVersion).',
		text: `---
{
  apiVersion: "v1",
  kind: "PersistentVolume",
  metadata: {
    name: "task-pv-volume",
    labels: {
      type: "local",
    },
  },
  spec: {
    storageClassName: "manual",
    capacity: {
      storage: "10Gi",
    },
    accessModes: [
      "ReadWriteOnce",
    ],
    hostPath: {
      path: "/mnt/data",
    },
  },
}
`
	},
	'pods/storage/redis.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: '1be5ed5cbb1f0a9b32c5488914e00915ff4eecc8',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data, flow style; the file has no comments); the block-style en version stored (018c6fb) has its keys in another order (image before name, emptyDir before name).',
		text: `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "redis",
  },
  spec: {
    containers: [{
      name: "redis",
      image: "redis",
      volumeMounts: [{
        name: "redis-storage",
        mountPath: "/data/redis",
      }],
    }],
    volumes: [{
      name: "redis-storage",
      emptyDir: {},
    }],
  },
}
`
	},
	'pods/topology-spread-constraints/one-constraint.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: '2b85344d66c7084a1c4ca2f31cc4de2c7b6a5bc2',
		match: 'kyaml',
		differs:
			'KYAML rendering of main (same data, flow style); the stored block-style copies use k8s.gcr.io/pause:3.1.',
		text: `---
{
  kind: "Pod",
  apiVersion: "v1",
  metadata: {
    name: "mypod",
    labels: {
      foo: "bar",
    },
  },
  spec: {
    topologySpreadConstraints: [{
      maxSkew: 1,
      topologyKey: "zone",
      whenUnsatisfiable: "DoNotSchedule",
      labelSelector: {
        matchLabels: {
          foo: "bar",
        },
      },
    }],
    containers: [{
      name: "pause",
      image: "registry.k8s.io/pause:3.1",
    }],
  },
}
`
	},
	'policy/zookeeper-pod-disruption-budget-minavailable.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: '5be0c52bdcbae4b09e417a0f659026bc1c7accb7',
		match: 'kyaml',
		differs:
			"KYAML rendering of main (same data, flow style); the only stored block-style copy uses the recommended-labels branch's `app.kubernetes.io/name`.",
		text: `---
{
  apiVersion: "policy/v1",
  kind: "PodDisruptionBudget",
  metadata: {
    name: "zk-pdb",
  },
  spec: {
    minAvailable: 2,
    selector: {
      matchLabels: {
        app: "zookeeper",
      },
    },
  },
}
`
	},
	'service/access/backend-deployment.yaml': {
		commit: '23009a516ff325a0d551d0f69de43ceeeac60d65',
		path: 'content/pt-br/examples/service/access/backend-deployment.yaml',
		blob: '1e5aa1acf523872aee7c8c83c3dedb5bb75e5911',
		match: 'same-data',
		differs:
			"The pt-br localisation's copy: same data and key order as main; it ends `...` plus a final newline, where the English file (as the recommended-labels branch shows it) ends at `...`.",
		text: `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: backend
spec:
  selector:
    matchLabels:
      app: hello
      tier: backend
      track: stable
  replicas: 3
  template:
    metadata:
      labels:
        app: hello
        tier: backend
        track: stable
    spec:
      containers:
        - name: hello
          image: "gcr.io/google-samples/hello-go-gke:1.0"
          ports:
            - name: http
              containerPort: 80
...
`
	},
	'service/access/backend-service.yaml': {
		commit: '055a3b7e54086cc0fe13820ff835ce00bb16f752',
		path: 'content/zh-cn/examples/service/access/backend-service.yaml',
		blob: '9262d29bb8de9e6902fe90dcb7f478b7e0c5018b',
		match: 'main',
		text: `---
apiVersion: v1
kind: Service
metadata:
  name: hello
spec:
  selector:
    app: hello
    tier: backend
  ports:
  - protocol: TCP
    port: 80
    targetPort: http
...`
	},
	'service/access/hello-application.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: '1e54a746bf42ac7fe8a9220a4380a558835e1bc5',
		match: 'kyaml',
		differs:
			"KYAML rendering of main (same data, flow style; the file has no comments); the only block-style copy, ko's, has the older image gcr.io/google-samples/node-hello:1.0.",
		text: `---
{
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "hello-world",
  },
  spec: {
    selector: {
      matchLabels: {
        run: "load-balancer-example",
      },
    },
    replicas: 2,
    template: {
      metadata: {
        labels: {
          run: "load-balancer-example",
        },
      },
      spec: {
        containers: [{
          name: "hello-world",
          image: "us-docker.pkg.dev/google-samples/containers/gke/hello-app:2.0",
          ports: [{
            containerPort: 8080,
            protocol: "TCP",
          }],
        }],
      },
    },
  },
}
`
	},
	'service/networking/example-ingress.yaml': {
		commit: 'ca510574479caa23b6be56fdb8a0f6d05aced400',
		blob: '59ea3881e091786674920a5b943c39760b50dea8',
		match: 'main',
		text: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: example-ingress
spec:
  ingressClassName: nginx
  rules:
    - host: hello-world.example
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 8080`
	},
	'service/networking/minimal-ingress.yaml': {
		commit: '01a801ef0e36cf664d916bb89ef59ce805a25ff1',
		blob: '47c3b34e908bcb3303c7082e5109d8eefd07885a',
		match: 'main',
		text: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: minimal-ingress
spec:
  ingressClassName: nginx-example
  rules:
  - http:
      paths:
      - path: /testpath
        pathType: Prefix
        backend:
          service:
            name: test
            port:
              number: 80
`
	},
	'service/networking/nginx-svc.yaml': {
		commit: '055a3b7e54086cc0fe13820ff835ce00bb16f752',
		path: 'content/zh-cn/examples/service/networking/nginx-svc.yaml',
		blob: '12fcd5d0bfe2bdfc95f896a2df6b01c8b1f20be0',
		match: 'same-data',
		differs:
			"The zh-cn localisation's copy of a file without comments: same data and key order as main, very likely byte-identical (not checkable here).",
		text: `apiVersion: v1
kind: Service
metadata:
  name: my-nginx
  labels:
    run: my-nginx
spec:
  ports:
  - port: 80
    protocol: TCP
  selector:
    run: my-nginx
`
	},
	'service/networking/run-my-nginx.yaml': {
		commit: '7a090ad7363dc8f01a2304c43a0fa3d27b25b540',
		blob: 'fb492432b9b17c7b1140f693c3c0eb55b2693a1b',
		match: 'kyaml',
		differs: 'KYAML rendering of main (same data, flow style); no block-style copy is stored.',
		text: `---
{
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "my-nginx",
  },
  spec: {
    selector: {
      matchLabels: {
        run: "my-nginx",
      },
    },
    replicas: 2,
    template: {
      metadata: {
        labels: {
          run: "my-nginx",
        },
      },
      spec: {
        containers: [{
          name: "my-nginx",
          image: "nginx",
          ports: [{
            containerPort: 80,
          }],
        }],
      },
    },
  },
}
`
	},
	'service/nginx-service.yaml': {
		commit: '23009a516ff325a0d551d0f69de43ceeeac60d65',
		path: 'content/zh-cn/examples/service/nginx-service.yaml',
		blob: 'e158e0e4b78ed26990eb6d7be623c8d08750a05a',
		match: 'same-data',
		differs:
			"The zh-cn localisation's copy: same data and key order as main, but its comments are translated and regrouped.",
		text: `apiVersion: v1
kind: Service
metadata:
  name: nginx-service
spec:
  ports:
  - port: 8000 # 在每个 Pod 的容器上要使用的端口；
    # 服务将在此端口上运行，接受连接。
    # 端口可以是一个名称（例如：“www”）或一个数字（例如：80）
    targetPort: 80
    protocol: TCP
  # 就像 Deployment 中的选择算符，
  # 但这里用于识别要对流量进行负载均衡的 Pod 集合。
  selector:
    app: nginx
`
	}
};
