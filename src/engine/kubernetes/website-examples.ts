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
