/**
 * Kubernetes v1.35 defaults used by the lab. Every value names its source; the facts sheet
 * (shared/facts.md §1) lists them with the snapshot commits they were read from.
 */

/** kubernetes/kubelet config/v1beta1/types.go NodeStatusUpdateFrequency ("Default: 10s"). */
export const NODE_STATUS_UPDATE_FREQUENCY_MS = 10_000;

/** kubernetes/kubelet config/v1beta1/types.go NodeStatusReportFrequency (default 5m). */
export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60_000;

/** kubernetes/kubelet config/v1beta1/types.go NodeStatusMaxImages (default 50). */
export const NODE_STATUS_MAX_IMAGES = 50;

/** pkg/kubelet/nodestatus/setters.go MaxNamesPerImageInNodeStatus. */
export const MAX_NAMES_PER_IMAGE_IN_NODE_STATUS = 5;

/**
 * pkg/kubelet/images/image_gc_manager.go Start: the image cache the node status reads is
 * refreshed from the runtime's ListImages every 30 s (wait.Until, first at kubelet start).
 */
export const IMAGE_CACHE_REFRESH_MS = 30_000;

/** kubernetes/kubelet config/v1beta1/types.go NodeLeaseDurationSeconds (default 40). */
export const NODE_LEASE_DURATION_SECONDS = 40;

/** pkg/kubelet/kubelet.go nodeLeaseRenewIntervalFraction = 0.25 → renew every 10 s. */
export const NODE_LEASE_RENEW_INTERVAL_MS = NODE_LEASE_DURATION_SECONDS * 1000 * 0.25;

/** component-helpers apimachinery/lease/controller.go: wait.JitterUntil(…, renewInterval, 0.04, …). */
export const NODE_LEASE_RENEW_JITTER = 0.04;

/** pkg/controller/apis/config/v1alpha1/defaults.go NodeMonitorPeriod = 5s. */
export const NODE_MONITOR_PERIOD_MS = 5_000;

/**
 * The pod garbage collector's loop (pkg/controller/podgc/gc_controller.go gcCheckPeriod = 20 s)
 * and how long it waits for a node its pods are bound to to show up before it deletes them as
 * orphans (quarantineTime = 40 s).
 */
export const POD_GC_CHECK_PERIOD_MS = 20_000;
export const POD_GC_QUARANTINE_MS = 40_000;

/** --node-monitor-grace-period: 50s since v1.32 (CHANGELOG-1.32, kubernetes/kubernetes#126287). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;

/** nodelifecycle config/v1alpha1/defaults.go NodeStartupGracePeriod = 60s. */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;

/** Taints the node lifecycle controller adds (docs: taint-and-toleration.md, taint-based evictions). */
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';

/** kubeadm's control-plane role label and taint (kubeadm ≥ 1.24). */
export const CONTROL_PLANE_ROLE_LABEL = 'node-role.kubernetes.io/control-plane';
export const CONTROL_PLANE_TAINT = 'node-role.kubernetes.io/control-plane';

/** kubernetes/kubelet config/v1beta1/types.go MaxPods (default 110). */
export const MAX_PODS = 110;

/** The version every simulated node reports (the lab models Kubernetes v1.35; facts.md header). */
export const KUBELET_VERSION = 'v1.35.0';

/** What a kind/kubeadm node on Debian reports (cli-formats.md §2.1 sample). */
export const NODE_OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
export const NODE_KERNEL_VERSION = '6.8.0-60-generic';
export const NODE_CONTAINER_RUNTIME = 'containerd://2.1.3';

/**
 * The add-ons a kubeadm cluster runs in kube-system (./system-addons). Images: kubeadm v1.35's
 * cmd/kubeadm/app/constants/constants.go (CoreDNSVersion v1.13.1, DefaultEtcdVersion 3.6.6-0;
 * the control-plane images carry the cluster's version). Requests: kubeadm's manifests —
 * phases/controlplane/manifests.go (kube-apiserver 250m, kube-controller-manager 200m,
 * kube-scheduler 100m CPU), phases/etcd/local.go (100m CPU, 100Mi), phases/addons/dns
 * (CoreDNS 100m CPU, 70Mi, limit 170Mi, 2 replicas); kube-proxy asks for nothing.
 */
export const KUBE_PROXY_IMAGE = `registry.k8s.io/kube-proxy:${KUBELET_VERSION}`;
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.13.1';
export const ETCD_IMAGE = 'registry.k8s.io/etcd:3.6.6-0';
export const CONTROL_PLANE_IMAGE = (component: string): string =>
	`registry.k8s.io/${component}:${KUBELET_VERSION}`;
export const COREDNS_REPLICAS = 2;
/** kubeadm's DNS Service address: the tenth address of the service range (constants.GetDNSIP). */
export const KUBE_DNS_SERVICE_IP = '10.96.0.10';

/** The API server's address as kubectl sees it (kubeadm's default bind port 6443). */
export const API_SERVER_PORT = 6443;

/** A simulated node's size: 4 CPUs, 8 GiB (a stated lab default, not a Kubernetes default). */
export const NODE_CPU = '4';
export const NODE_MEMORY = '8148340Ki';
export const NODE_EPHEMERAL_STORAGE = '102626232Ki';

/**
 * The kubelet's default hard eviction thresholds that Node Allocatable holds back:
 * `memory.available<100Mi` and `nodefs.available<10%` (kubelet config/v1beta1 types.go
 * EvictionHard; facts.md). Allocatable = Capacity − kube-reserved − system-reserved −
 * hard eviction threshold (kubernetes.io docs/tasks/administer-cluster/
 * reserve-compute-resources "Node Allocatable"; kubelet pkg/kubelet/cm
 * node_container_manager_linux.go hardEvictionReservation). kind and kubeadm reserve nothing
 * for kube or the system, so only the thresholds are subtracted.
 */
export const EVICTION_HARD_MEMORY_AVAILABLE = '100Mi';
/** nodefs.available<10%: a percentage of the node's ephemeral-storage capacity. */
export const EVICTION_HARD_NODEFS_AVAILABLE_PERCENT = 10;

/** Network latency between simulated hosts in one data centre (a stated lab default). */
export const NETWORK_LATENCY_MS = 1;
export const NETWORK_JITTER_MS = 2;

/**
 * DefaultTolerationSeconds admission: `--default-not-ready-toleration-seconds` and
 * `--default-unreachable-toleration-seconds`, 300 each
 * (plugin/pkg/admission/defaulttolerationseconds/admission.go; facts.md §1.1).
 */
export const DEFAULT_TOLERATION_SECONDS = 300;

/**
 * kube-apiserver `--event-ttl`, default 1h0m0s: "Amount of time to retain events" (kube-apiserver
 * flags reference, kubernetes/website content/en/docs/reference/command-line-tools-reference/
 * kube-apiserver.md). An Event is kept that long after its last write.
 */
export const EVENT_TTL_MS = 60 * 60 * 1000;

/*
 * client-go's EventCorrelator (staging/src/k8s.io/client-go/tools/record/events_cache.go, the
 * constants NewEventCorrelatorWithOptions's populateDefaults applies), used by every core/v1
 * EventRecorder: the kubelet's and each kube-controller-manager controller's broadcaster.
 */
/**
 * defaultAggregateMaxEvents = 10: once an aggregate key (source, involved object, type, reason)
 * has this many distinct messages, the next new ones are one combined event.
 */
export const EVENT_AGGREGATE_MAX_EVENTS = 10;
/**
 * defaultAggregateIntervalInSeconds = 600: an aggregate record older than this since the last
 * similar event starts over (compared with `>`).
 */
export const EVENT_AGGREGATE_INTERVAL_MS = 600 * 1000;
/** EventAggregatorByReasonMessageFunc's prefix of a combined event's message. */
export const AGGREGATED_EVENT_PREFIX = '(combined from similar events): ';
/**
 * defaultSpamBurst = 25: EventSourceObjectSpamFilter's token bucket per source and involved
 * object (getSpamKey: component, host, kind, namespace, name, uid, apiVersion; no reason).
 */
export const EVENT_SPAM_BURST = 25;
/**
 * defaultSpamQPS = 1/300: the bucket's refill, one event every 5 minutes. A float32 in
 * client-go (CorrelatorOptions.QPS), hence the fround.
 */
export const EVENT_SPAM_QPS = Math.fround(1 / 300);

/** Graceful termination: DefaultTerminationGracePeriodSeconds = 30 (k8s.io/api core/v1 types.go). */
export const TERMINATION_GRACE_PERIOD_SECONDS = 30;

/** The pod-template-hash label (apps/v1 DefaultDeploymentUniqueLabelKey). */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/**
 * The revision a Deployment's controller writes on it and its ReplicaSets
 * (pkg/controller/deployment/util: RevisionAnnotation), which `rollout history|undo` read.
 */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** How long creating a container takes once its image is on the node (a stated lab default). */
export const CONTAINER_START_MS = 1_000;

/** Image pull bandwidth of a simulated node (a stated lab default: 25 MB/s). */
export const PULL_BYTES_PER_MS = 25_000;

/**
 * How long a pull of an image whose layers the node holds takes: the registry is asked for the
 * manifest, no layer is fetched (imagePullPolicy Always, or a pull queued behind one of the same
 * image). A stated lab default; clusters report such pulls in a few hundred milliseconds.
 */
export const PRESENT_IMAGE_PULL_MS = 500;

/** kube-scheduler podInitialBackoffSeconds = 1, podMaxBackoffSeconds = 10 (KubeSchedulerConfiguration v1 defaults). */
export const POD_INITIAL_BACKOFF_MS = 1_000;
export const POD_MAX_BACKOFF_MS = 10_000;

/** scheduling queue podMaxInUnschedulablePodsDuration = 5 min (pkg/scheduler/internal/queue). */
export const POD_MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;

/** kubelet.go initialCrashLoopBackOff = 10s (facts.md §1.2). */
export const CRASH_BACKOFF_INITIAL_MS = 10_000;
/** MaxContainerBackOff = 300s (kubelet config v1beta1; facts.md §1.2). */
export const CRASH_BACKOFF_MAX_MS = 300_000;
/** The back-off resets after 10 minutes of running without problems (HasExpiredFunc: 600 s). */
export const CRASH_BACKOFF_RESET_MS = 600_000;

/** kubelet.go imageBackOffPeriod = 10s, MaxImageBackOff = 300s (facts.md §1.2). */
export const IMAGE_BACKOFF_INITIAL_MS = 10_000;
export const IMAGE_BACKOFF_MAX_MS = 300_000;

/** Probe defaults: periodSeconds 10, failureThreshold 3 (k8s.io/api core/v1 Probe; facts.md §1.3). */
export const PROBE_PERIOD_SECONDS = 10;
export const PROBE_FAILURE_THRESHOLD = 3;

/** How long stopping a server container takes after SIGTERM (a stated lab default). */
export const CONTAINER_STOP_MS = 500;
/** How long a registry takes to answer that an image does not exist (a stated lab default). */
export const IMAGE_RESOLVE_MS = 1_000;
/** The kubelet's next look at a pod after a failed pull (a stated lab default). */
export const POD_SYNC_MS = 1_000;
/** An inline program (`perl -e`, `python -c`) runs this long before it exits 0 (a stated lab default). */
export const INLINE_PROGRAM_MS = 5_000;
/**
 * An init container's commands the lab cannot interpret (`wget`, `cp`, `chown`, `nslookup`…)
 * succeed, taking this long in all (a stated lab default: init containers are one-shot tasks).
 */
export const INIT_TASK_MS = 1_000;
/** How often an init container's DNS wait loop without a `sleep` tries again (a stated lab default). */
export const DNS_RETRY_MS = 1_000;

// ---------------------------------------------------------------------------------------------
// Services, EndpointSlices, kube-proxy, Ingress (src/engine/kubernetes/services; facts.md §1.6)
// ---------------------------------------------------------------------------------------------

/** kubeadm DefaultServicesSubnet = "10.96.0.0/12" (cmd/kubeadm/app/apis/kubeadm/v1beta4/defaults.go). */
export const SERVICE_CIDR = { base: '10.96.0.0', prefix: 12 };
/**
 * The `kubernetes` Service takes the range's first address, 10.96.0.1 (the API server's
 * bootstrap controller; docs: services-networking/cluster-ip-allocation.md).
 */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
/**
 * How often the API server's kubernetesservice controller makes sure the `kubernetes` Service
 * exists, creating it again when deleted (pkg/controlplane/instance.go
 * DefaultEndpointReconcilerInterval = 10 * time.Second, the controller's loop period).
 */
export const KUBERNETES_SERVICE_RECONCILE_MS = 10_000;
/**
 * ServiceIPStaticSubrange (GA v1.26): dynamic ClusterIPs come from the upper band first; the
 * lower band, min(max(16, size/16), 256) addresses, is kept for static ones
 * (docs: cluster-ip-allocation.md "Avoiding collisions").
 */
export const SERVICE_IP_STATIC_BAND = (size: number): number =>
	Math.min(Math.max(16, Math.floor(size / 16)), 256);
/** --service-node-port-range 30000-32767 (facts.md §1.6). */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
/**
 * ServiceNodePortStaticSubrange (GA v1.29): the lower band min(max(16, size/32), 128) ports is
 * kept for static node ports (docs: services-networking/service.md "Reserve Nodeport ranges").
 */
export const NODE_PORT_STATIC_BAND = (size: number): number =>
	Math.min(Math.max(16, Math.floor(size / 32)), 128);
/** ClientIP session affinity timeout: DefaultClientIPServiceAffinitySeconds = 10800 (facts.md §1.6). */
export const CLIENT_IP_AFFINITY_SECONDS = 10_800;
/** --max-endpoints-per-slice default 100 (endpointslice config v1alpha1 defaults.go; facts.md §1.6). */
export const MAX_ENDPOINTS_PER_SLICE = 100;
/**
 * --endpointslice-updates-batch-period: not defaulted, so 0 — every pod change triggers a sync
 * (pkg/controller/endpointslice/config/v1alpha1/defaults.go sets only ConcurrentServiceEndpointSyncs
 * and MaxEndpointsPerSlice; kube-controller-manager flag dump: endpointsliceUpdatesBatchPeriod 0s).
 */
export const ENDPOINTSLICE_UPDATES_BATCH_PERIOD_MS = 0;
/** kube-proxy iptables minSyncPeriod 1s, syncPeriod 30s (docs: virtual-ips.md; facts.md §1.6). */
export const KUBE_PROXY_MIN_SYNC_PERIOD_MS = 1_000;
export const KUBE_PROXY_SYNC_PERIOD_MS = 30_000;
/** kube-proxy's default mode on Linux is iptables; IPVS schedules round-robin (facts.md §1.6). */
export const KUBE_PROXY_DEFAULT_MODE = 'iptables';
/**
 * How long a request to a backend that does not answer waits before it counts as a timeout
 * (a stated lab default; curl's own connect timeout is far longer).
 */
export const REQUEST_TIMEOUT_MS = 1_000;
/** ingress-nginx's nginx reloads its backends every second (rootfs/etc/nginx/lua/balancer.lua BACKENDS_SYNC_INTERVAL = 1). */
export const INGRESS_BACKENDS_SYNC_MS = 1_000;
/** ingress-nginx proxy-next-upstream "error timeout", proxy-next-upstream-tries 3 (controller/config/config.go NewDefault). */
export const INGRESS_NEXT_UPSTREAM_TRIES = 3;
/** The ingress-nginx addon's controller class (kubernetes/ingress-nginx: "k8s.io/ingress-nginx"). */
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
/**
 * The controller release `sim addon ingress-nginx` installs: v1.14.3, the last the project's
 * release pull requests show (kubernetes/ingress-nginx#14510, 2026-02-02) before its retirement
 * in March 2026 (kubernetes.io blog, "Ingress NGINX Retirement", 2025-11-11).
 */
export const INGRESS_NGINX_VERSION = '1.14.3';
/**
 * The leader's status sync publishes the controller pods' node addresses on every Ingress when
 * it starts leading, then once a minute (internal/ingress/status/status.go UpdateInterval = 60).
 */
export const INGRESS_STATUS_SYNC_MS = 60_000;
/**
 * How long a controller pod's leader lease lasts unrenewed before another pod takes it
 * (ingress-nginx `--election-ttl`, 30 s: cmd/nginx/flags.go, checked by flags_test.go).
 */
export const INGRESS_ELECTION_TTL_MS = 30_000;

// ── Workload controllers: DaemonSet, Job, StatefulSet, PodDisruptionBudget, PVCs (issue 3) ──

/**
 * The tolerations the DaemonSet controller adds to every daemon pod
 * (pkg/controller/daemon/util/daemonset_util.go AddOrUpdateDaemonPodTolerations): not-ready and
 * unreachable NoExecute with no tolerationSeconds (never evicted), the TaintNodesByCondition
 * NoSchedule taints, and network-unavailable for hostNetwork pods only.
 */
export const DAEMON_POD_NO_EXECUTE_TOLERATIONS = [TAINT_NOT_READY, TAINT_UNREACHABLE];
export const DAEMON_POD_NO_SCHEDULE_TOLERATIONS = [
	'node.kubernetes.io/disk-pressure',
	'node.kubernetes.io/memory-pressure',
	'node.kubernetes.io/pid-pressure',
	'node.kubernetes.io/unschedulable'
];
export const DAEMON_POD_HOST_NETWORK_TOLERATION = 'node.kubernetes.io/network-unavailable';

/** apps/v1 DefaultDaemonSetUniqueLabelKey and DaemonSetTemplateGenerationKey (extensions/v1beta1). */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
export const DAEMONSET_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/** apps/v1 StatefulSetPodNameLabel and PodIndexLabel (PodIndexLabel GA in v1.32). */
export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const STATEFULSET_POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/**
 * pkg/controller/job/job_controller.go DefaultJobPodFailureBackOff = 10s and
 * MaxJobPodFailureBackOff = 10 * time.Minute: a Job waits 10 s, 20 s, 40 s … before it
 * replaces a failed pod. (The Job docs say "capped at six minutes"; the code says 10 min and
 * wins.)
 */
export const JOB_POD_FAILURE_BACKOFF_MS = 10_000;
export const JOB_MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

/**
 * apps/v1 SetDefaults_DaemonSet / SetDefaults_StatefulSet: revisionHistoryLimit 10 (also in
 * manifests/defaults.ts); the ControllerRevisions kept besides the live ones.
 */
export const REVISION_HISTORY_LIMIT = 10;

/**
 * batch/v1 JobCompletionIndexAnnotation / JobCompletionIndexEnvName (pkg/apis/batch/types.go;
 * Job docs, "Completion mode"): an Indexed Job's pods carry their index as an annotation, a
 * label (PodIndexLabel, GA in v1.32) and the JOB_COMPLETION_INDEX variable.
 */
export const JOB_COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
export const JOB_COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';

/**
 * kube-controller-manager --pvclaimbinder-sync-period (default 15s): how often the
 * PersistentVolume controller looks again at an unbound claim, and repeats its FailedBinding
 * event (pkg/controller/volume/persistentvolume/config/v1alpha1/defaults.go PVClaimBinderSyncPeriod).
 */
export const PV_CLAIM_BINDER_SYNC_PERIOD_MS = 15_000;

/** kubectl drain (pkg/drain evictPods): a refused (429) eviction is retried after 5 s. */
export const EVICTION_RETRY_MS = 5_000;

// ── Probes, describe and logs (kubelet probers, kubectl describe/logs) ──────────────────────────

/**
 * The other Probe defaults (k8s.io/api core/v1 types.go Probe; facts.md §1.3): timeoutSeconds 1,
 * successThreshold 1, initialDelaySeconds 0 (no default given, so 0).
 */
export const PROBE_TIMEOUT_SECONDS = 1;
export const PROBE_SUCCESS_THRESHOLD = 1;
export const PROBE_INITIAL_DELAY_SECONDS = 0;

// ── CronJobs (pkg/apis/batch/v1/defaults.go SetDefaults_CronJob; pkg/controller/cronjob) ────────

/**
 * SetDefaults_CronJob (pkg/apis/batch/v1/defaults.go): concurrencyPolicy Allow, suspend false,
 * successfulJobsHistoryLimit 3, failedJobsHistoryLimit 1; startingDeadlineSeconds stays unset
 * (k8s.io/api batch/v1 types.go CronJobSpec docs: "Defaults to 3" / "Defaults to 1").
 */
export const CRONJOB_CONCURRENCY_POLICY = 'Allow';
export const CRONJOB_SUCCESSFUL_JOBS_HISTORY_LIMIT = 3;
export const CRONJOB_FAILED_JOBS_HISTORY_LIMIT = 1;

/**
 * pkg/controller/cronjob/cronjob_controllerv2.go nextScheduleDelta = 100 * time.Millisecond:
 * the controller syncs a CronJob 100 ms after each scheduled time.
 */
export const CRONJOB_NEXT_SCHEDULE_DELTA_MS = 100;

/**
 * pkg/controller/cronjob/utils.go mostRecentScheduleTime: more than 100 missed start times
 * records TooManyMissedTimes ("I've somewhat arbitrarily picked 100").
 */
export const CRONJOB_TOO_MANY_MISSED = 100;

/** batch/v1 CronJobScheduledTimestampAnnotation, set on every Job the controller creates. */
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION =
	'batch.kubernetes.io/cronjob-scheduled-timestamp';

/**
 * pkg/apis/batch/validation ValidateCronJobCreate: a CronJob's name is at most 63 − 11 = 52
 * characters, so that `<name>-<minutes since epoch>` still makes a valid Job name.
 */
export const CRONJOB_MAX_NAME_LENGTH = 52;

/**
 * NetworkPolicy is stored and printed but never enforced: the lab's pod network is flannel's
 * (one 10.244.N.0/24 per node, node-object.ts), and flannel does not implement NetworkPolicy —
 * its README: "Flannel is focused on networking. For network policy, other projects such as
 * Calico can be used." A kubeadm cluster with flannel accepts the objects and lets all traffic
 * through, exactly as the lab does.
 */
export const NETWORK_POLICY_ENFORCED = false;

// ── Admission and controller retries ────────────────────────────────────────────────────────────

/**
 * The two PriorityClasses every cluster has (pkg/apis/scheduling/types.go: HighestUserDefinable
 * Priority = 1000000000, SystemCriticalPriority = 2 * HighestUserDefinablePriority; v1/helpers.go
 * systemPriorityClasses: system-node-critical = SystemCriticalPriority + 1000, both with
 * preemptionPolicy PreemptLowerPriority).
 */
export const SYSTEM_CLUSTER_CRITICAL_PRIORITY = 2_000_000_000;
export const SYSTEM_NODE_CRITICAL_PRIORITY = SYSTEM_CLUSTER_CRITICAL_PRIORITY + 1000;

// ── HorizontalPodAutoscaler ─────────────────────────────────────────────────────────────────────

/**
 * kube-controller-manager --horizontal-pod-autoscaler-sync-period, 15 s
 * (pkg/controller/podautoscaler/config/v1alpha1/defaults.go RecommendedDefaultHPAControllerConfiguration):
 * how often the HPA controller reconciles every autoscaler.
 */
export const HPA_SYNC_PERIOD_MS = 15_000;

/**
 * autoscaling.DefaultCPUUtilization (pkg/apis/autoscaling/v2 defaults.go): the cpu Utilization
 * target of an autoscaler that names no metric.
 */
export const HPA_DEFAULT_CPU_UTILIZATION = 80;

/**
 * What the resource metrics client gets back without metrics-server, which kubeadm does not
 * install: the metrics.k8s.io API is not served (pkg/controller/podautoscaler/metrics/client.go
 * GetResourceMetric wraps it as "unable to fetch metrics from resource metrics API: %v"; the
 * client error is the discovery NotFound of pods.metrics.k8s.io).
 */
export const METRICS_API_MISSING =
	'unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';

/** scheduling.HighestUserDefinablePriority: the largest value a user's PriorityClass may have. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

/**
 * The system classes' descriptions (pkg/apis/scheduling/v1/helpers.go systemPriorityClasses),
 * as `kubectl describe pc` prints them.
 */
export const SYSTEM_PRIORITY_CLASS_DESCRIPTIONS: Readonly<Record<string, string>> = {
	'system-node-critical':
		'Used for system critical pods that must not be moved from their current node.',
	'system-cluster-critical':
		'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'
};

/**
 * serviceaccount.DefaultServiceAccountName: the account a pod that names none runs as, which
 * kube-controller-manager's serviceaccounts controller keeps in every active namespace
 * (pkg/controller/serviceaccount/serviceaccounts_controller.go DefaultServiceAccountsControllerOptions).
 */
export const DEFAULT_SERVICE_ACCOUNT = 'default';

/**
 * The ServiceAccount admission plugin's token volume (plugin/pkg/admission/serviceaccount/
 * admission.go): named ServiceAccountVolumeName + "-" + 5 random characters
 * (names.SimpleNameGenerator), mounted read-only at DefaultAPITokenMountPath in every container.
 */
export const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
/** The ConfigMap it takes ca.crt from, which rootcacertpublisher keeps in every namespace. */
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The token's expirationSeconds in that volume: serviceaccount.WarnOnlyBoundTokenExpirationSeconds
 * (pkg/serviceaccount/claims.go, 1 h 7 s, so that the API server can tell an admission-made
 * token from one a client asked for).
 */
export const BOUND_TOKEN_EXPIRATION_SECONDS = 3607;

/** corev1.ProjectedVolumeSourceDefaultMode (0644), which TokenVolumeSource sets explicitly. */
export const PROJECTED_VOLUME_DEFAULT_MODE = 420;

/**
 * client-go util/workqueue default_rate_limiters.go DefaultControllerRateLimiter: a key whose
 * sync failed is requeued after 5 ms · 2^(failures so far), at most 1000 s
 * (ItemExponentialFailureRateLimiter(5*time.Millisecond, 1000*time.Second)), until a sync
 * succeeds (Forget). The ReplicaSet, DaemonSet and StatefulSet controllers use it
 * (replica_set.go NewBaseController: workqueue.DefaultControllerRateLimiter()). Its other half,
 * an overall 10 qps / burst 100 token bucket, never binds for the lab's few failing keys.
 */
export const CONTROLLER_RETRY_BASE_MS = 5;
export const CONTROLLER_RETRY_MAX_MS = 1000 * 1000;

/**
 * pkg/controller/job/job_controller.go DefaultJobApiBackOff = time.Second, MaxJobApiBackOff =
 * time.Minute: the Job controller's own queue (NewTypedItemExponentialFailureRateLimiter) retries
 * a failed sync after 1 s, 2 s, 4 s … at most 60 s.
 */
export const JOB_API_BACKOFF_MS = 1000;
export const JOB_MAX_API_BACKOFF_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// Containers' own behaviour in the kubelet (src/engine/kubernetes/kubelet)
// ---------------------------------------------------------------------------------------------

/**
 * From a memory hog's start to the OOM kill when it needs more than its limit (a stated lab
 * default): stress mallocs its `--vm-bytes` at once and touches every page (stress.c hogvm),
 * so the cgroup reaches memory.max within a fraction of a second of the worker's fork.
 */
export const OOM_KILL_MS = 100;

/**
 * kuberuntime_container.go killContainer: "always give containers a minimal shutdown window to
 * avoid unnecessary SIGKILLs" — minimumGracePeriodInSeconds = 2.
 */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;

/**
 * kubelet.go backOffPeriod = 10 s: after a sync that finds a container in its restart back-off
 * (an error, CrashLoopBackOff), the pod worker syncs the pod again this much later
 * (pod_workers.go completeWork). The status written when the container exited (its terminated
 * state: Error, Completed, OOMKilled) shows until that sync writes `CrashLoopBackOff`.
 */
export const POD_SYNC_RETRY_MS = 10_000;

/** pod_workers.go completeWork: the retry after a failed sync is wait.Jitter(backOffPeriod, 0.5). */
export const POD_SYNC_RETRY_JITTER = 0.5;

/**
 * A failed volume mount is tried again after 500 ms, doubling up to 2m2s
 * (pkg/util/goroutinemap/exponentialbackoff initialDurationBeforeRetry, maxDurationBeforeRetry),
 * at the volume reconciler's next pass (volume_manager.go reconcilerLoopSleepPeriod = 100 ms).
 */
export const MOUNT_RETRY_INITIAL_MS = 500;
export const MOUNT_RETRY_MAX_MS = 122_000;
export const VOLUME_RECONCILER_LOOP_MS = 100;
/**
 * volume_manager.go podAttachAndMountRetryInterval = 300 ms: the pod worker checks its mounts
 * this often, for at most podAttachAndMountTimeout = 2m3s a sync.
 */
export const POD_MOUNT_POLL_MS = 300;
export const POD_MOUNT_TIMEOUT_MS = 123_000;

/**
 * The PATH a container's process gets when its image sets none: containerd's oci.WithDefaultPathEnv
 * (oci/spec.go defaultUnixEnv); busybox's image sets the same.
 */
export const DEFAULT_PATH_ENV = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

// ---------------------------------------------------------------------------------------------
// Inside a pod: DNS and connections as `kubectl exec` sees them (commands/kubectl/exec*.ts)
// ---------------------------------------------------------------------------------------------

/** kubeadm's default `networking.dnsDomain` (cmd/kubeadm/app/apis/kubeadm/v1beta4 DefaultServiceDNSDomain). */
export const CLUSTER_DOMAIN = 'cluster.local';

/** The kubelet's resolv.conf options for ClusterFirst pods (pkg/kubelet/network/dns/dns.go defaultDNSOptions). */
export const POD_DNS_NDOTS = 5;

/** The kubelet's serving port, which the API server dials for exec (ports.KubeletPort). */
export const KUBELET_PORT = 10250;

/**
 * How long a TCP connect to an address that never answers takes to fail: Linux's
 * tcp_syn_retries = 6, i.e. 1+2+4+8+16+32+64 s (Documentation/networking/ip-sysctl.rst).
 */
export const TCP_CONNECT_TIMEOUT_MS = 127_000;

// ---------------------------------------------------------------------------------------------
// ServiceAccount tokens (TokenRequest): `kubectl create token` (commands/kubectl/create-token.ts)
// ---------------------------------------------------------------------------------------------

/**
 * kubeadm's `--service-account-issuer` (cmd/kubeadm/app/phases/controlplane/manifests.go:
 * `https://kubernetes.default.svc.` + the DNS domain); with no `--api-audiences`, the API server's
 * audiences are the issuer, which a TokenRequest without audiences gets.
 */
export const SERVICE_ACCOUNT_ISSUER = `https://kubernetes.default.svc.${CLUSTER_DOMAIN}`;

/** SetDefaults_TokenRequestSpec (pkg/apis/authentication/v1/defaults.go): one hour. */
export const TOKEN_DEFAULT_EXPIRATION_SECONDS = 3600;

/** ValidateTokenRequest (pkg/apis/authentication/validation): 10 minutes to 2^32 seconds. */
export const TOKEN_MIN_EXPIRATION_SECONDS = 600;
export const TOKEN_MAX_EXPIRATION_SECONDS = 2 ** 32;
