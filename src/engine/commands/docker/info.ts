/**
 * `docker info` (docker/cli cli/command/system/info.go prettyPrintInfo, printSwarmInfo): the
 * daemon of the console's machine, its containers and images, and above all its view of the
 * swarm. A manager prints the cluster's spec (Raft, dispatcher, CA); a worker only its node ID
 * and the managers it knows; a manager that cannot reach a leader prints the error instead.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags } from '../flags';
import { dockerHumanDuration } from '../durations';
import { SWARMKIT } from '../../raft/defaults';
import { SWARM_NODES, type SwarmNode } from '../../swarm/node-object';
import { SWARM_TASKS, stateValue, type SwarmTask } from '../../swarm/objects';
import {
	CONTAINERD_COMMIT,
	DATA_PATH_PORT,
	DEFAULT_ADDR_POOL,
	DEFAULT_SUBNET_SIZE,
	DOCKER_INIT_COMMIT,
	RAFT_LOG_ENTRIES_FOR_SLOW_FOLLOWERS,
	RUNC_COMMIT
} from '../../swarm/defaults';
import { NODE_KERNEL_VERSION, NODE_OS_IMAGE } from '../../kubernetes/defaults';
import { sha256Hex } from '../../images/sha256';
import { localImages } from '../../images/local-store';
import { WORKSTATION } from '../../images/defaults';
import { DAEMON_DOWN, NO_LEADER, unknownFlag } from './errors';
import { containerCounts } from './containers';
import { engineVersionOf } from './version';
import { compileGoTemplate, TemplateError } from './go-template';

const USAGE = 'docker info [OPTIONS]';

/** go-units BytesSize: binary units, 4 significant digits (`%.4g`). */
function bytesSize(bytes: number): string {
	const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
	let size = bytes;
	let i = 0;
	while (size >= 1024 && i < units.length - 1) {
		size /= 1024;
		i++;
	}
	return `${Number(size.toPrecision(4))}${units[i]}`;
}

/** Base 36 of a hex digest, as swarmkit prints IDs, cut to `length`. */
function base36Of(hex: string, length: number): string {
	return BigInt(`0x${hex}`).toString(36).padStart(length, '0').slice(0, length);
}

/** A daemon's ID is a random UUID; the lab derives it from the machine's name. */
function daemonId(host: string): string {
	const h = sha256Hex(`daemon/${host}`);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

interface SwarmInfo {
	NodeID: string;
	NodeAddr: string;
	LocalNodeState: 'inactive' | 'active';
	ControlAvailable: boolean;
	Error: string;
	RemoteManagers: { NodeID: string; Addr: string }[] | null;
	Nodes?: number;
	Managers?: number;
	Cluster?: ClusterInfo;
}

/** moby api/types/swarm ClusterInfo, as much of it as the lab keeps (Go's field order). */
interface ClusterInfo {
	ID: string;
	Spec: {
		Name: string;
		Labels: Record<string, string>;
		Orchestration: { TaskHistoryRetentionLimit: number };
		Raft: {
			SnapshotInterval: number;
			KeepOldSnapshots: number;
			LogEntriesForSlowFollowers: number;
			ElectionTick: number;
			HeartbeatTick: number;
		};
		/** Go time.Duration values: nanoseconds. */
		Dispatcher: { HeartbeatPeriod: number };
		CAConfig: { NodeCertExpiry: number };
		TaskDefaults: Record<string, never>;
		EncryptionConfig: { AutoLockManagers: boolean };
	};
	RootRotationInProgress: boolean;
	DefaultAddrPool: string[];
	SubnetSize: number;
	DataPathPort: number;
}

/** What the daemon's Info call returns about the swarm (moby daemon/cluster/swarm.go Info). */
function swarmInfo(ctx: CommandContext): SwarmInfo {
	const inactive: SwarmInfo = {
		NodeID: '',
		NodeAddr: '',
		LocalNodeState: 'inactive',
		ControlAvailable: false,
		Error: '',
		RemoteManagers: null
	};
	const swarm = ctx.swarm;
	if (swarm === undefined) return inactive;
	const host = swarm.self;
	const nodeId = swarm.membership.nodeIdOf(host);
	if (swarm.membership.status(host) === 'none' || nodeId === undefined) return inactive;
	const nodes = ctx.kernel.store.list<SwarmNode>(SWARM_NODES);
	const self = ctx.kernel.store.get<SwarmNode>(SWARM_NODES, host);
	const managers = nodes.filter((n) => n.ManagerStatus !== undefined);
	const info: SwarmInfo = {
		NodeID: nodeId,
		// daemon/cluster Info: NodeAddr is GetAdvertiseAddress(), the host of the address the
		// manager advertises (`swarm init --advertise-addr`), else the node's own address.
		NodeAddr:
			self?.ManagerStatus?.Addr.replace(/^\[?(.*?)\]?:\d+$/, '$1') ?? self?.Status.Addr ?? '',
		LocalNodeState: 'active',
		ControlAvailable: self?.Spec.Role === 'manager',
		Error: '',
		RemoteManagers: managers.map((m) => ({ NodeID: m.ID, Addr: m.ManagerStatus!.Addr }))
	};
	if (!info.ControlAvailable) return info;
	if (swarm.locate.leader() === undefined) {
		// The cluster lookup fails; the CLI prints the error and skips the cluster section.
		return { ...info, Error: NO_LEADER.replace('Error response from daemon: ', '').trimEnd() };
	}
	return {
		...info,
		Nodes: nodes.length,
		Managers: managers.length,
		Cluster: clusterInfo(swarm.membership)
	};
}

/** The cluster object's view (`docker swarm init|update` set its spec; membership.ts keeps it). */
function clusterInfo(membership: NonNullable<CommandContext['swarm']>['membership']): ClusterInfo {
	const settings = membership.settings;
	return {
		// The lab keeps no cluster object; its ID is derived from the root CA digest, which
		// identifies the swarm (a new `docker swarm init` draws a new one).
		ID: base36Of(sha256Hex(`cluster/${membership.digest}`), 25),
		Spec: {
			Name: 'default',
			Labels: {},
			Orchestration: { TaskHistoryRetentionLimit: settings.taskHistoryLimit },
			Raft: {
				SnapshotInterval: settings.snapshotInterval,
				KeepOldSnapshots: settings.keepOldSnapshots,
				LogEntriesForSlowFollowers: RAFT_LOG_ENTRIES_FOR_SLOW_FOLLOWERS,
				ElectionTick: SWARMKIT.electionMinMs / SWARMKIT.tickMs,
				HeartbeatTick: SWARMKIT.heartbeatMs / SWARMKIT.tickMs
			},
			Dispatcher: { HeartbeatPeriod: settings.heartbeatPeriodMs * 1e6 },
			CAConfig: { NodeCertExpiry: settings.certExpiryMs * 1e6 },
			TaskDefaults: {},
			EncryptionConfig: { AutoLockManagers: membership.unlockKey !== undefined }
		},
		RootRotationInProgress: false,
		DefaultAddrPool: [DEFAULT_ADDR_POOL],
		SubnetSize: DEFAULT_SUBNET_SIZE,
		DataPathPort: DATA_PATH_PORT
	};
}

function printSwarm(s: SwarmInfo): string {
	let out = ` Swarm: ${s.LocalNodeState}\n`;
	if (s.LocalNodeState === 'inactive') return out;
	out += `  NodeID: ${s.NodeID}\n`;
	if (s.Error !== '') out += `  Error: ${s.Error}\n`;
	out += `  Is Manager: ${s.ControlAvailable}\n`;
	if (s.Cluster !== undefined && s.ControlAvailable && s.Error === '') {
		const spec = s.Cluster.Spec;
		out +=
			`  ClusterID: ${s.Cluster.ID}\n` +
			`  Managers: ${s.Managers ?? 0}\n` +
			`  Nodes: ${s.Nodes ?? 0}\n` +
			// info.go writes each pool followed by two spaces.
			`  Default Address Pool: ${DEFAULT_ADDR_POOL}  \n` +
			`  SubnetSize: ${DEFAULT_SUBNET_SIZE}\n` +
			`  Data Path Port: ${DATA_PATH_PORT}\n` +
			'  Orchestration:\n' +
			`   Task History Retention Limit: ${spec.Orchestration.TaskHistoryRetentionLimit}\n` +
			'  Raft:\n' +
			`   Snapshot Interval: ${spec.Raft.SnapshotInterval}\n` +
			`   Number of Old Snapshots to Retain: ${spec.Raft.KeepOldSnapshots}\n` +
			`   Heartbeat Tick: ${spec.Raft.HeartbeatTick}\n` +
			`   Election Tick: ${spec.Raft.ElectionTick}\n` +
			'  Dispatcher:\n' +
			`   Heartbeat Period: ${dockerHumanDuration(spec.Dispatcher.HeartbeatPeriod / 1e6)}\n` +
			'  CA Configuration:\n' +
			`   Expiry Duration: ${dockerHumanDuration(spec.CAConfig.NodeCertExpiry / 1e6)}\n` +
			'   Force Rotate: 0\n' +
			`  Autolock Managers: ${spec.EncryptionConfig.AutoLockManagers}\n` +
			'  Root Rotation In Progress: false\n';
	}
	out += `  Node Address: ${s.NodeAddr}\n`;
	const addrs = (s.RemoteManagers ?? []).map((m) => m.Addr).sort();
	if (addrs.length > 0) out += '  Manager Addresses:\n' + addrs.map((a) => `   ${a}\n`).join('');
	return out;
}

/** Images on the machine: built or tagged here, or pulled for a task that ran here. */
function imageCount(ctx: CommandContext, host: string): number {
	const local = Object.keys(localImages(ctx.kernel).of(host).images);
	const nodeId = ctx.swarm?.membership.nodeIdOf(host);
	const pulled = new Set(
		ctx.kernel.store
			.list<SwarmTask>(SWARM_TASKS)
			.filter((t) => t.NodeID === nodeId && stateValue(t.Status.State) >= stateValue('ready'))
			.map((t) => t.Spec.ContainerSpec.Image)
	);
	return local.length + pulled.size;
}

const CLIENT = `Client: Docker Engine - Community
 Version:    %VERSION%
 Context:    default
 Debug Mode: false
`;

export function dockerInfo(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'format', short: 'f' },
		{ long: 'help', bool: true }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker info', USAGE));
	if (boolFlag(parsed.flags, 'help')) {
		return ok(
			`\nUsage:  ${USAGE}\n\nDisplay system-wide information\n\nAliases:\n  docker system info, docker info\n`
		);
	}
	if (parsed.args.length > 0) {
		return fail(
			`"docker info" accepts no arguments.\n\nUsage:  ${USAGE}\n\nRun 'docker info --help' for more information\n`
		);
	}
	const version = engineVersionOf(ctx);
	const client = CLIENT.replace('%VERSION%', version);
	const host = ctx.swarm?.self ?? WORKSTATION;
	const up = ctx.swarm === undefined || ctx.swarm.hosts.isRunning(host);
	if (!up) {
		return fail(`ERROR: ${DAEMON_DOWN}errors pretty printing info\n`, `${client}\nServer:\n`);
	}
	const node = ctx.kernel.store.get<SwarmNode>(SWARM_NODES, host);
	const counts = containerCounts(ctx);
	const swarm = swarmInfo(ctx);
	const images = imageCount(ctx, host);
	const cpus = (node?.Description.Resources.NanoCPUs ?? 4e9) / 1e9;
	const memory = node?.Description.Resources.MemoryBytes ?? 8_343_900_160;
	const format = flag(parsed.flags, 'format');
	if (format !== undefined && format !== '') {
		const data = {
			ID: daemonId(host),
			Containers: counts.running + counts.stopped,
			ContainersRunning: counts.running,
			ContainersPaused: 0,
			ContainersStopped: counts.stopped,
			Images: images,
			Driver: 'overlay2',
			ServerVersion: version,
			OperatingSystem: NODE_OS_IMAGE,
			KernelVersion: NODE_KERNEL_VERSION,
			OSType: 'linux',
			Architecture: 'x86_64',
			NCPU: cpus,
			MemTotal: memory,
			Name: host,
			DockerRootDir: '/var/lib/docker',
			Swarm: swarm
		};
		let out: string;
		try {
			out = compileGoTemplate(format === 'json' ? '{{json .}}' : format)(data) + '\n';
		} catch (e) {
			if (e instanceof TemplateError) return fail(`template parsing error: ${e.message}\n`);
			throw e;
		}
		return ok(out);
	}
	const server =
		'Server:\n' +
		` Containers: ${counts.running + counts.stopped}\n` +
		`  Running: ${counts.running}\n` +
		'  Paused: 0\n' +
		`  Stopped: ${counts.stopped}\n` +
		` Images: ${images}\n` +
		` Server Version: ${version}\n` +
		' Storage Driver: overlay2\n' +
		'  Backing Filesystem: extfs\n' +
		'  Supports d_type: true\n' +
		'  Using metacopy: false\n' +
		'  Native Overlay Diff: true\n' +
		'  userxattr: false\n' +
		' Logging Driver: json-file\n' +
		' Cgroup Driver: systemd\n' +
		' Cgroup Version: 2\n' +
		' Plugins:\n' +
		'  Volume: local\n' +
		'  Network: bridge host ipvlan macvlan null overlay\n' +
		'  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog\n' +
		' CDI spec directories:\n' +
		'  /etc/cdi\n' +
		'  /var/run/cdi\n' +
		printSwarm(swarm) +
		' Runtimes: io.containerd.runc.v2 runc\n' +
		' Default Runtime: runc\n' +
		' Init Binary: docker-init\n' +
		` containerd version: ${CONTAINERD_COMMIT}\n` +
		` runc version: ${RUNC_COMMIT}\n` +
		` init version: ${DOCKER_INIT_COMMIT}\n` +
		' Security Options:\n' +
		'  apparmor\n' +
		'  seccomp\n' +
		'   Profile: builtin\n' +
		'  cgroupns\n' +
		` Kernel Version: ${NODE_KERNEL_VERSION}\n` +
		` Operating System: ${NODE_OS_IMAGE}\n` +
		' OSType: linux\n' +
		' Architecture: x86_64\n' +
		` CPUs: ${cpus}\n` +
		` Total Memory: ${bytesSize(memory)}\n` +
		` Name: ${host}\n` +
		` ID: ${daemonId(host)}\n` +
		' Docker Root Dir: /var/lib/docker\n' +
		' Debug Mode: false\n' +
		' Experimental: false\n' +
		' Insecure Registries:\n' +
		'  ::1/128\n' +
		'  127.0.0.0/8\n' +
		' Live Restore Enabled: false\n' +
		'\n';
	return ok(`${client}\n${server}`);
}
