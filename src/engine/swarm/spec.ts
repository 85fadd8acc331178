/**
 * The shape of a Swarm service as the Docker Engine API (v1.51, Engine 28) keeps it: what
 * `docker service create` and `docker stack deploy` produce, what the orchestrator reads and what
 * `docker service inspect` prints. Keys keep the API's Go spelling so inspect needs no mapping.
 * Durations are nanoseconds and CPUs NanoCPUs, as in the API; absent fields mean the defaults
 * of swarm/defaults.ts.
 */
import type { IpamConfig } from './ipam';

export type RestartCondition = 'none' | 'on-failure' | 'any';
export type FailureAction = 'pause' | 'continue' | 'rollback';
export type UpdateOrder = 'stop-first' | 'start-first';

export interface ResourceSpec {
	NanoCPUs?: number;
	MemoryBytes?: number;
	/** Limits only (swarm.Limit, `--limit-pids`); the daemon keeps it as ContainerSpec.PidsLimit. */
	Pids?: number;
}

export interface ContainerSpec {
	Image: string;
	Labels?: Record<string, string>;
	/** Replaces the image's ENTRYPOINT (compose `entrypoint`). */
	Command?: string[];
	/** Replaces the image's CMD (compose `command`, `docker service create IMAGE ARGS…`). */
	Args?: string[];
	Env?: string[];
	Hostname?: string;
	User?: string;
	Dir?: string;
	/** A stack's service sends an empty one (convert.Service); the daemon keeps it. */
	Privileges?: {
		CredentialSpec: null;
		SELinuxContext: null;
		NoNewPrivileges: boolean;
	};
	/** `docker service create` sends its `--init` flag's value, false by default. */
	Init?: boolean;
	StopSignal?: string;
	TTY?: boolean;
	OpenStdin?: boolean;
	ReadOnly?: boolean;
	Mounts?: Mount[];
	/** Nanoseconds from SIGTERM to SIGKILL. */
	StopGracePeriod?: number;
	Healthcheck?: HealthConfig;
	/** Extra /etc/hosts lines, `IP host` (compose `extra_hosts`). */
	Hosts?: string[];
	/** `docker service create` sends an empty one (its --dns* flags). */
	DNSConfig?: { Nameservers?: string[]; Search?: string[]; Options?: string[] };
	Secrets?: ReferenceSpec[];
	Configs?: ReferenceSpec[];
	/** The daemon reads back `default` when none was asked for (IsolationFromGRPC). */
	Isolation?: string;
	Sysctls?: Record<string, string>;
	CapabilityAdd?: string[];
	CapabilityDrop?: string[];
	Ulimits?: Ulimit[];
	OomScoreAdj?: number;
}

/** container.Ulimit (go-units): its JSON order is Name, Hard, Soft. */
export interface Ulimit {
	Name: string;
	Hard: number;
	Soft: number;
}

/** swarm.Driver: a task's log driver (compose `logging`). */
export interface LogDriver {
	Name?: string;
	Options?: Record<string, string>;
}

export interface Mount {
	Type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster';
	Source?: string;
	Target: string;
	ReadOnly?: boolean;
	VolumeOptions?: {
		DriverConfig?: { Name?: string; Options?: Record<string, string> };
		/** `nocopy`: do not copy the image's files into a new volume. */
		NoCopy?: boolean;
		/** Labels given to a volume the mount creates (a stack's get its namespace label). */
		Labels?: Record<string, string>;
	};
	BindOptions?: { Propagation?: string };
	TmpfsOptions?: { SizeBytes?: number };
}

export interface HealthConfig {
	Test?: string[];
	/** All durations in nanoseconds. */
	Interval?: number;
	Timeout?: number;
	StartPeriod?: number;
	StartInterval?: number;
	Retries?: number;
}

/** swarm.SecretReference / ConfigReference; the CLI resolves the name to the ID it sends. */
export interface ReferenceSpec {
	File?: { Name: string; UID?: string; GID?: string; Mode?: number };
	SecretID?: string;
	SecretName?: string;
	ConfigID?: string;
	ConfigName?: string;
}

export interface RestartPolicy {
	Condition?: RestartCondition;
	Delay?: number;
	MaxAttempts?: number;
	Window?: number;
}

export interface Placement {
	/** `node.role == manager`, `node.labels.zone!=east` … ANDed. */
	Constraints?: string[];
	Preferences?: { Spread: { SpreadDescriptor: string } }[];
	/** `--replicas-max-per-node`; 0 = unlimited. */
	MaxReplicas?: number;
}

export interface TaskSpec {
	ContainerSpec: ContainerSpec;
	Resources?: { Limits?: ResourceSpec; Reservations?: ResourceSpec };
	RestartPolicy?: RestartPolicy;
	Placement?: Placement;
	Networks?: { Target: string; Aliases?: string[]; DriverOpts?: Record<string, string> }[];
	LogDriver?: LogDriver;
	/** Bumped by `docker service update --force` to replace every task. */
	ForceUpdate?: number;
	/** Always `container` as the daemon reads a task spec back (taskSpecFromGRPC). */
	Runtime?: 'container';
}

export interface UpdateConfig {
	Parallelism?: number;
	Delay?: number;
	FailureAction?: FailureAction;
	Monitor?: number;
	MaxFailureRatio?: number;
	Order?: UpdateOrder;
}

export interface PortConfig {
	Name?: string;
	Protocol?: 'tcp' | 'udp' | 'sctp';
	TargetPort: number;
	/** Absent: the manager picks one from 30000–32767. */
	PublishedPort?: number;
	PublishMode?: 'ingress' | 'host';
}

export interface EndpointSpec {
	Mode?: 'vip' | 'dnsrr';
	Ports?: PortConfig[];
}

export type ServiceMode =
	| { Replicated: { Replicas?: number } }
	| { Global: Record<string, never> }
	| { ReplicatedJob: { MaxConcurrent?: number; TotalCompletions?: number } }
	| { GlobalJob: Record<string, never> };

export interface ServiceSpec {
	Name: string;
	/** `com.docker.stack.namespace` marks a stack's services. */
	Labels?: Record<string, string>;
	TaskTemplate: TaskSpec;
	Mode: ServiceMode;
	UpdateConfig?: UpdateConfig;
	RollbackConfig?: UpdateConfig;
	EndpointSpec?: EndpointSpec;
}

/** A network a stack declares (or names as external). */
export interface NetworkSpec {
	Name: string;
	Driver: string;
	Labels?: Record<string, string>;
	Attachable?: boolean;
	/** `internal: true`: no route to the outside. */
	Internal?: boolean;
	Options?: Record<string, string>;
	/** Declared `external: true`: must already exist; never created by the stack. */
	External?: boolean;
	/** A stack network's `ipam.config` pools (the network is made from the first). */
	IPAM?: IpamConfig[];
}

export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace';
