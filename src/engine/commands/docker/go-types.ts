/**
 * The Go types `docker service inspect` and `docker node inspect` run a --format template on
 * (moby api/types/swarm service.go, task.go, container.go, network.go, node.go, common.go;
 * api/types/mount, container.HealthConfig). Those two commands give the template the typed
 * struct and no raw JSON to fall back on (docker/cli cli/command/service/inspect.go,
 * node/inspect.go: getRef returns a nil raw), so text/template's typed rules apply: a field
 * the struct lacks is `can't evaluate field X in type swarm.ServiceSpec`, a missing map key
 * prints `<no value>`, an unset pointer is `<nil>` (`null` through `json`), and a field of a
 * nil pointer is `nil pointer evaluating *swarm.X.Field`.
 */
import { goTypeName, type GoType } from './go-template';

const struct = (name: string, fields: Record<string, GoType>): GoType => ({
	kind: 'struct',
	name,
	fields
});
const ptr = (elem: GoType): GoType => ({ kind: 'ptr', elem });
const slice = (elem: GoType): GoType => ({ kind: 'slice', name: `[]${goTypeName(elem)}`, elem });
const scalar = (name: string, zero: string | number | boolean): GoType => ({
	kind: 'scalar',
	name,
	zero
});

const STRING = scalar('string', '');
const BOOL = scalar('bool', false);
const INT = scalar('int', 0);
const INT64 = scalar('int64', 0);
const UINT32 = scalar('uint32', 0);
const UINT64 = scalar('uint64', 0);
const FLOAT32 = scalar('float32', 0);
const DURATION = scalar('time.Duration', 0);
const TIME = scalar('time.Time', '0001-01-01T00:00:00Z');
const STRINGS = slice(STRING);
const STRING_MAP: GoType = { kind: 'map', name: 'map[string]string', elem: STRING };
const named = (name: string) => scalar(name, '');

// common.go: Meta and Annotations are embedded, so their fields are the outer struct's.
const META = {
	Version: struct('swarm.Version', { Index: UINT64 }),
	CreatedAt: TIME,
	UpdatedAt: TIME
};
const ANNOTATIONS = { Name: STRING, Labels: STRING_MAP };

const DRIVER = struct('swarm.Driver', { Name: STRING, Options: STRING_MAP });

const PORT_CONFIG = struct('swarm.PortConfig', {
	Name: STRING,
	Protocol: named('swarm.PortConfigProtocol'),
	TargetPort: UINT32,
	PublishedPort: UINT32,
	PublishMode: named('swarm.PortConfigPublishMode')
});

const ENDPOINT_SPEC = struct('swarm.EndpointSpec', {
	Mode: named('swarm.ResolutionMode'),
	Ports: slice(PORT_CONFIG)
});

const NETWORK_ATTACHMENT_CONFIG = struct('swarm.NetworkAttachmentConfig', {
	Target: STRING,
	Aliases: STRINGS,
	DriverOpts: STRING_MAP
});

const RESOURCES = struct('swarm.Resources', {
	NanoCPUs: INT64,
	MemoryBytes: INT64,
	GenericResources: slice(struct('swarm.GenericResource', {}))
});

const MOUNT = struct('mount.Mount', {
	Type: named('mount.Type'),
	Source: STRING,
	Target: STRING,
	ReadOnly: BOOL,
	Consistency: named('mount.Consistency'),
	BindOptions: ptr(struct('mount.BindOptions', { Propagation: named('mount.Propagation') })),
	VolumeOptions: ptr(
		struct('mount.VolumeOptions', {
			NoCopy: BOOL,
			Labels: STRING_MAP,
			Subpath: STRING,
			DriverConfig: ptr(struct('mount.Driver', { Name: STRING, Options: STRING_MAP }))
		})
	),
	TmpfsOptions: ptr(
		struct('mount.TmpfsOptions', { SizeBytes: INT64, Mode: scalar('os.FileMode', 0) })
	),
	ClusterOptions: ptr(struct('mount.ClusterOptions', {}))
});

const FILE_TARGET = (name: string) =>
	ptr(
		struct(name, {
			Name: STRING,
			UID: STRING,
			GID: STRING,
			Mode: scalar('os.FileMode', 0)
		})
	);

const CONTAINER_SPEC = struct('swarm.ContainerSpec', {
	Image: STRING,
	Labels: STRING_MAP,
	Command: STRINGS,
	Args: STRINGS,
	Hostname: STRING,
	Env: STRINGS,
	Dir: STRING,
	User: STRING,
	Groups: STRINGS,
	Privileges: ptr(
		struct('swarm.Privileges', {
			CredentialSpec: ptr(
				struct('swarm.CredentialSpec', { Config: STRING, File: STRING, Registry: STRING })
			),
			SELinuxContext: ptr(
				struct('swarm.SELinuxContext', {
					Disable: BOOL,
					User: STRING,
					Role: STRING,
					Type: STRING,
					Level: STRING
				})
			),
			Seccomp: ptr(
				struct('swarm.SeccompOpts', {
					Mode: named('swarm.SeccompMode'),
					Profile: slice(scalar('uint8', 0))
				})
			),
			AppArmor: ptr(struct('swarm.AppArmorOpts', { Mode: named('swarm.AppArmorMode') })),
			NoNewPrivileges: BOOL
		})
	),
	Init: ptr(BOOL),
	StopSignal: STRING,
	TTY: BOOL,
	OpenStdin: BOOL,
	ReadOnly: BOOL,
	Mounts: slice(MOUNT),
	StopGracePeriod: ptr(DURATION),
	Healthcheck: ptr(
		struct('container.HealthConfig', {
			Test: STRINGS,
			Interval: DURATION,
			Timeout: DURATION,
			StartPeriod: DURATION,
			StartInterval: DURATION,
			Retries: INT
		})
	),
	Hosts: STRINGS,
	DNSConfig: ptr(
		struct('swarm.DNSConfig', { Nameservers: STRINGS, Search: STRINGS, Options: STRINGS })
	),
	Secrets: slice(
		ptr(
			struct('swarm.SecretReference', {
				File: FILE_TARGET('swarm.SecretReferenceFileTarget'),
				SecretID: STRING,
				SecretName: STRING
			})
		)
	),
	Configs: slice(
		ptr(
			struct('swarm.ConfigReference', {
				File: FILE_TARGET('swarm.ConfigReferenceFileTarget'),
				Runtime: ptr(struct('swarm.ConfigReferenceRuntimeTarget', {})),
				ConfigID: STRING,
				ConfigName: STRING
			})
		)
	),
	Isolation: named('container.Isolation'),
	Sysctls: STRING_MAP,
	CapabilityAdd: STRINGS,
	CapabilityDrop: STRINGS,
	Ulimits: slice(ptr(struct('container.Ulimit', { Name: STRING, Hard: INT64, Soft: INT64 }))),
	OomScoreAdj: INT64
});

const TASK_SPEC = struct('swarm.TaskSpec', {
	ContainerSpec: ptr(CONTAINER_SPEC),
	PluginSpec: ptr(struct('runtime.PluginSpec', {})),
	NetworkAttachmentSpec: ptr(struct('swarm.NetworkAttachmentSpec', { ContainerID: STRING })),
	Resources: ptr(
		struct('swarm.ResourceRequirements', {
			Limits: ptr(struct('swarm.Limit', { NanoCPUs: INT64, MemoryBytes: INT64, Pids: INT64 })),
			Reservations: ptr(RESOURCES),
			SwapBytes: ptr(INT64),
			MemorySwappiness: ptr(INT64)
		})
	),
	RestartPolicy: ptr(
		struct('swarm.RestartPolicy', {
			Condition: named('swarm.RestartPolicyCondition'),
			Delay: ptr(DURATION),
			MaxAttempts: ptr(UINT64),
			Window: ptr(DURATION)
		})
	),
	Placement: ptr(
		struct('swarm.Placement', {
			Constraints: STRINGS,
			Preferences: slice(
				struct('swarm.PlacementPreference', {
					Spread: ptr(struct('swarm.SpreadOver', { SpreadDescriptor: STRING }))
				})
			),
			MaxReplicas: UINT64,
			Platforms: slice(struct('swarm.Platform', { Architecture: STRING, OS: STRING }))
		})
	),
	Networks: slice(NETWORK_ATTACHMENT_CONFIG),
	LogDriver: ptr(DRIVER),
	ForceUpdate: UINT64,
	Runtime: named('swarm.RuntimeType')
});

const UPDATE_CONFIG = struct('swarm.UpdateConfig', {
	Parallelism: UINT64,
	Delay: DURATION,
	FailureAction: STRING,
	Monitor: DURATION,
	MaxFailureRatio: FLOAT32,
	Order: STRING
});

const SERVICE_SPEC = struct('swarm.ServiceSpec', {
	...ANNOTATIONS,
	TaskTemplate: TASK_SPEC,
	Mode: struct('swarm.ServiceMode', {
		Replicated: ptr(struct('swarm.ReplicatedService', { Replicas: ptr(UINT64) })),
		Global: ptr(struct('swarm.GlobalService', {})),
		ReplicatedJob: ptr(
			struct('swarm.ReplicatedJob', { MaxConcurrent: ptr(UINT64), TotalCompletions: ptr(UINT64) })
		),
		GlobalJob: ptr(struct('swarm.GlobalJob', {}))
	}),
	UpdateConfig: ptr(UPDATE_CONFIG),
	RollbackConfig: ptr(UPDATE_CONFIG),
	Networks: slice(NETWORK_ATTACHMENT_CONFIG),
	EndpointSpec: ptr(ENDPOINT_SPEC)
});

/** swarm.Service. */
export const SERVICE_TYPE = struct('swarm.Service', {
	ID: STRING,
	...META,
	Spec: SERVICE_SPEC,
	PreviousSpec: ptr(SERVICE_SPEC),
	Endpoint: struct('swarm.Endpoint', {
		Spec: ENDPOINT_SPEC,
		Ports: slice(PORT_CONFIG),
		VirtualIPs: slice(struct('swarm.EndpointVirtualIP', { NetworkID: STRING, Addr: STRING }))
	}),
	UpdateStatus: ptr(
		struct('swarm.UpdateStatus', {
			State: named('swarm.UpdateState'),
			StartedAt: ptr(TIME),
			CompletedAt: ptr(TIME),
			Message: STRING
		})
	),
	ServiceStatus: ptr(
		struct('swarm.ServiceStatus', {
			RunningTasks: UINT64,
			DesiredTasks: UINT64,
			CompletedTasks: UINT64
		})
	),
	JobStatus: ptr(
		struct('swarm.JobStatus', {
			JobIteration: struct('swarm.Version', { Index: UINT64 }),
			LastExecution: TIME
		})
	)
});

/** swarm.Node. */
export const NODE_TYPE = struct('swarm.Node', {
	ID: STRING,
	...META,
	Spec: struct('swarm.NodeSpec', {
		...ANNOTATIONS,
		Role: named('swarm.NodeRole'),
		Availability: named('swarm.NodeAvailability')
	}),
	Description: struct('swarm.NodeDescription', {
		Hostname: STRING,
		Platform: struct('swarm.Platform', { Architecture: STRING, OS: STRING }),
		Resources: RESOURCES,
		Engine: struct('swarm.EngineDescription', {
			EngineVersion: STRING,
			Labels: STRING_MAP,
			Plugins: slice(struct('swarm.PluginDescription', { Type: STRING, Name: STRING }))
		}),
		TLSInfo: struct('swarm.TLSInfo', {
			TrustRoot: STRING,
			CertIssuerSubject: slice(scalar('uint8', 0)),
			CertIssuerPublicKey: slice(scalar('uint8', 0))
		}),
		CSIInfo: slice(struct('swarm.NodeCSIInfo', {}))
	}),
	Status: struct('swarm.NodeStatus', {
		State: named('swarm.NodeState'),
		Message: STRING,
		Addr: STRING
	}),
	ManagerStatus: ptr(
		struct('swarm.ManagerStatus', {
			Leader: BOOL,
			Reachability: named('swarm.Reachability'),
			Addr: STRING
		})
	)
});

const DRIVER_PTR = ptr(DRIVER);

/** swarm.Secret (secret.go). */
export const SECRET_TYPE = struct('swarm.Secret', {
	ID: STRING,
	...META,
	Spec: struct('swarm.SecretSpec', {
		...ANNOTATIONS,
		Data: slice(scalar('uint8', 0)),
		Driver: DRIVER_PTR,
		Templating: DRIVER_PTR
	})
});

/** swarm.Config (config.go). */
export const CONFIG_TYPE = struct('swarm.Config', {
	ID: STRING,
	...META,
	Spec: struct('swarm.ConfigSpec', {
		...ANNOTATIONS,
		Data: slice(scalar('uint8', 0)),
		Templating: DRIVER_PTR
	})
});
