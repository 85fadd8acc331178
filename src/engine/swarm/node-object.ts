/** Swarm nodes in the shape the Docker Engine API returns them (`docker node inspect`). */
import { nodeAddress } from '../core/addresses';
import { rfc3339 } from '../core/time';
import { ENGINE_VERSION } from './defaults';
import type { TLSInfo } from './root-ca';

export const SWARM_NODES = 'swarm/nodes';

export type SwarmNodeState = 'unknown' | 'down' | 'ready' | 'disconnected';
export type Reachability = 'unknown' | 'unreachable' | 'reachable';

export interface SwarmNode {
	ID: string;
	Version: { Index: number };
	CreatedAt: string;
	UpdatedAt: string;
	Spec: { Labels: Record<string, string>; Role: 'manager' | 'worker'; Availability: string };
	Description: {
		Hostname: string;
		Platform: { Architecture: string; OS: string };
		Resources: { NanoCPUs: number; MemoryBytes: number };
		Engine: { EngineVersion: string; Plugins?: { Type: string; Name: string }[] };
		TLSInfo?: TLSInfo;
	};
	Status: { State: SwarmNodeState; Addr: string; Message?: string };
	ManagerStatus?: { Leader?: boolean; Reachability: Reachability; Addr: string };
}

/**
 * The plugins a node's daemon reports (moby daemon/cluster/executor/container/executor.go
 * Describe): its v1 Volume, Network (with the builtin `overlay` added) and Log plugins, those of
 * `docker info` (../commands/docker/info.ts), sorted by type, then name (sortedPlugins).
 */
const ENGINE_PLUGINS: readonly { Type: string; Name: string }[] = [
	...'awslogs fluentd gcplogs gelf journald json-file local splunk syslog'
		.split(' ')
		.map((Name) => ({ Type: 'Log', Name })),
	...'bridge host ipvlan macvlan null overlay'
		.split(' ')
		.map((Name) => ({ Type: 'Network', Name })),
	{ Type: 'Volume', Name: 'local' }
];

export function buildSwarmNode(
	id: string,
	hostname: string,
	role: 'manager' | 'worker',
	index: number,
	leader: boolean,
	revision: number,
	tls?: TLSInfo
): SwarmNode {
	const addr = nodeAddress(index);
	return {
		ID: id,
		Version: { Index: revision },
		CreatedAt: rfc3339(0),
		UpdatedAt: rfc3339(0),
		Spec: { Labels: {}, Role: role, Availability: 'active' },
		Description: {
			Hostname: hostname,
			Platform: { Architecture: 'x86_64', OS: 'linux' },
			Resources: { NanoCPUs: 4_000_000_000, MemoryBytes: 8_343_900_160 },
			Engine: { EngineVersion: ENGINE_VERSION, Plugins: ENGINE_PLUGINS.map((p) => ({ ...p })) },
			...(tls !== undefined ? { TLSInfo: tls } : {})
		},
		Status: { State: 'ready', Addr: addr },
		...(role === 'manager'
			? {
					ManagerStatus: {
						...(leader ? { Leader: true } : {}),
						Reachability: 'reachable' as const,
						Addr: `${addr}:2377`
					}
				}
			: {})
	};
}
