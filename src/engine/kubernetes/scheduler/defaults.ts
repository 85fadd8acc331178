/**
 * kube-scheduler v1.35 default-profile constants. Each names the upstream identifier it copies
 * (kubernetes/kubernetes unless said otherwise); shared/facts.md §1.4 lists the same values.
 */

/** kube-scheduler framework/interface.go MaxNodeScore = 100 (facts.md §1.4). */
export const MAX_NODE_SCORE = 100;

/**
 * Score weights of the default profile: pkg/scheduler/apis/config/v1/default_plugins.go
 * getDefaultPlugins (facts.md §1.4). Plugins without a weight have no Score extension.
 */
export const SCORE_WEIGHTS = {
	TaintToleration: 3,
	NodeAffinity: 2,
	NodeResourcesFit: 1,
	PodTopologySpread: 2,
	InterPodAffinity: 2,
	NodeResourcesBalancedAllocation: 1,
	ImageLocality: 1
} as const;

export type ScorePluginName = keyof typeof SCORE_WEIGHTS;

/** Score plugins in the order the default profile runs them (same file). */
export const SCORE_PLUGINS: readonly ScorePluginName[] = [
	'TaintToleration',
	'NodeAffinity',
	'NodeResourcesFit',
	'PodTopologySpread',
	'InterPodAffinity',
	'NodeResourcesBalancedAllocation',
	'ImageLocality'
];

/** pkg/scheduler/util/pod_resources.go DefaultMilliCPURequest = 100 (0.1 core), scoring only. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;

/** pkg/scheduler/util/pod_resources.go DefaultMemoryRequest = 200 * 1024 * 1024 (200 MiB). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** plugins/imagelocality/image_locality.go: mb = 1024 * 1024 (a mebibyte, despite the name). */
const MB = 1024 * 1024;
/** image_locality.go minThreshold = 23 * mb: smaller image totals score 0. */
export const IMAGE_MIN_THRESHOLD = 23 * MB;
/** image_locality.go maxContainerThreshold = 1000 * mb, per container of the pod. */
export const IMAGE_MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** pkg/scheduler/schedule_one.go minFeasibleNodesToFind = 100 (the docs' "50" is stale). */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** schedule_one.go minFeasibleNodesPercentageToFind = 5. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
/** schedule_one.go numFeasibleNodesToFind: adaptive percentage = 50 - numAllNodes/125. */
export const BASE_PERCENTAGE_OF_NODES_TO_SCORE = 50;
/** kube-scheduler config/v1 types.go PercentageOfNodesToScore: default 0, meaning adaptive. */
export const DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE = 0;

/** kube-scheduler config/v1 DefaultPreemptionArgs MinCandidateNodesPercentage = 10. */
export const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
/** kube-scheduler config/v1 DefaultPreemptionArgs MinCandidateNodesAbsolute = 100. */
export const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

/**
 * core/v1 types.go PodReasonPreemptionByScheduler: the DisruptionTarget reason a victim gets
 * (framework/preemption/executor.go PreemptPod), with the message
 * "<schedulerName>: preempting to accommodate a higher priority pod".
 */
export const PREEMPTION_BY_SCHEDULER = 'PreemptionByScheduler';
export const PREEMPTION_MESSAGE = ': preempting to accommodate a higher priority pod';

/** kube-scheduler config/v1 defaults.go InterPodAffinityArgs HardPodAffinityWeight = 1. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

/**
 * plugins/podtopologyspread/plugin.go systemDefaultConstraints (DefaultingType "System"):
 * soft spreading for pods selected by a Service, ReplicaSet, StatefulSet or RC.
 */
export const SYSTEM_DEFAULT_SPREAD = [
	{ topologyKey: 'kubernetes.io/hostname', maxSkew: 3 },
	{ topologyKey: 'topology.kubernetes.io/zone', maxSkew: 5 }
] as const;

/** k8s.io/api core/v1 well_known_labels.go LabelHostname. */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';

/** core/v1 well_known_labels.go LabelTopologyZone. */
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

/** core/v1 well_known_taints.go TaintNodeUnschedulable, tolerated by NodeUnschedulable. */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** The label the API server puts on every Namespace (NamespaceDefaultLabelName, v1.22+). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Filter reasons, verbatim from each plugin's ErrReason constants. */
export const REASON = {
	/** nodeunschedulable/node_unschedulable.go ErrReasonUnschedulable */
	unschedulable: 'node(s) were unschedulable',
	/** nodename/node_name.go ErrReason */
	nodeName: "node(s) didn't match the requested node name",
	/** nodeaffinity/node_affinity.go ErrReasonPod */
	nodeAffinity: "node(s) didn't match Pod's node affinity/selector",
	/** nodeaffinity/node_affinity.go errReasonConflict (a PreFilter rejection) */
	nodeAffinityConflict: 'pod affinity terms conflict',
	/** nodeports/node_ports.go ErrReason */
	nodePorts: "node(s) didn't have free ports for the requested pod ports",
	/** noderesources/fit.go fitsRequest */
	tooManyPods: 'Too many pods',
	/** podtopologyspread/plugin.go ErrReasonConstraintsNotMatch */
	spread: "node(s) didn't match pod topology spread constraints",
	/** podtopologyspread/plugin.go ErrReasonNodeLabelNotMatch */
	spreadLabel: "node(s) didn't match pod topology spread constraints (missing required label)",
	/** interpodaffinity/filtering.go ErrReasonAffinityRulesNotMatch */
	affinity: "node(s) didn't match pod affinity rules",
	/** interpodaffinity/filtering.go ErrReasonAntiAffinityRulesNotMatch */
	antiAffinity: "node(s) didn't match pod anti-affinity rules",
	/** interpodaffinity/filtering.go ErrReasonExistingAntiAffinityRulesNotMatch */
	existingAntiAffinity: "node(s) didn't satisfy existing pods anti-affinity rules",
	/** framework/preemption/preemption.go Preempt: status of nodes preemption cannot help */
	preemptionNotHelpful: 'Preemption is not helpful for scheduling',
	/** plugins/defaultpreemption/default_preemption.go SelectVictimsOnNode */
	noVictims: 'No preemption victims found for incoming pod',
	/** default_preemption.go PodEligibleToPreemptOthers */
	preemptNever: 'not eligible due to preemptionPolicy=Never.',
	/** default_preemption.go PodEligibleToPreemptOthers: a victim still terminating */
	terminatingOnNominated: 'not eligible due to a terminating pod on the nominated node.',
	/**
	 * plugins/dynamicresources/dynamicresources.go PostFilter for a pod with no claims. The DRA
	 * plugin runs before DefaultPreemption (default_plugins.go applyFeatureGates) and is on in
	 * v1.35 (DynamicResourceAllocation GA and locked), so its reason leads the PostFilter text.
	 */
	noClaims: 'no new claims to deallocate'
} as const;
