/** Swarm nodes in the shape the Docker Engine API returns them (`docker node inspect`). */
import { rfc3339 } from '../core/time';
import { ENGINE_VERSION } from './defaults';

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
		Engine: { EngineVersion: string };
	};
	Status: { State: SwarmNodeState; Addr: string; Message?: string };
	ManagerStatus?: { Leader?: boolean; Reachability: Reachability; Addr: string };
}

export function buildSwarmNode(
	id: string,
	hostname: string,
	role: 'manager' | 'worker',
	index: number,
	leader: boolean,
	revision: number
): SwarmNode {
	const addr = `172.18.0.${index + 2}`;
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
			Engine: { EngineVersion: ENGINE_VERSION }
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
