/**
 * The flavour-neutral contract between the traffic generator (`sim traffic`) and whatever
 * routes requests in a lab: Kubernetes (ClusterIP / NodePort through kube-proxy, or an Ingress
 * controller) or Swarm (the routing mesh, VIP load balancing). The generator owns rates,
 * clocks and counters; a target owns names, proxies and backends.
 *
 * A target answers two questions:
 *  - `resolve`: does this name exist for this way in, and where may requests enter?
 *  - `route`:   one request, at the current kernel time, entering at one node: which backend
 *               answers it, or why does it fail?
 * Both are called from queue entries, so they see the lab exactly as it is at that moment.
 * A target keeps its own per-request state (round-robin cursors, affinity tables) in a
 * registered kernel Component, so checkpoints restore it.
 */

/** How a request reaches the service. Each flavour supports its own subset. */
export type Via = 'clusterip' | 'nodeport' | 'ingress' | 'mesh' | 'vip';

/** One request, as the generator hands it to a target. */
export interface TrafficRequest {
	/** Sequence number of the request within its stream (0, 1, 2, …). */
	readonly seq: number;
	/** Simulated time the request is sent, in ms (equal to the kernel's `now` when routed). */
	readonly t: number;
	/** The client's address (session affinity keys on it). */
	readonly client: string;
	/** The node the request enters at: the client's node, or the node whose port it hits. */
	readonly entry: string;
	/** HTTP host and path, for ingress routing ('' and '/' when not given). */
	readonly host: string;
	readonly path: string;
}

/** Why a request failed, in words a learner recognises from curl. */
export type FailureReason =
	/** The chosen backend is not listening (container stopped, pod gone, node powered off). */
	| 'connection refused'
	/** No answer at all: the backend's node is unreachable or down. */
	| 'timeout'
	/** The service has no endpoints in the entry node's proxy view (iptables REJECT). */
	| 'no endpoints'
	/** An ingress controller answered with its default backend. */
	| '404 Not Found'
	/** An ingress controller found the rule but no endpoint behind it. */
	| '503 Service Temporarily Unavailable'
	/** An ingress controller tried its upstreams and none answered. */
	| '502 Bad Gateway'
	/** The entry node cannot take the request (stopped, or no such port on it). */
	| 'unreachable';

/** What happened to one request. `backend` names the pod or task the proxy chose, if any. */
export type RouteOutcome =
	| {
			readonly ok: true;
			readonly backend: string;
			readonly node: string;
			/** The node whose proxy made the choice (a stopped client node's requests move on). */
			readonly entry?: string;
	  }
	| {
			readonly ok: false;
			readonly reason: FailureReason;
			readonly entry?: string;
			readonly backend?: string;
			readonly node?: string;
			/**
			 * The backend was chosen from a proxy's view that was already out of date: the pod
			 * was terminating or gone. These are the failures a rolling update or a node loss shows.
			 */
			readonly stale?: boolean;
	  };

/** A name resolved for one way in. `key` identifies it in the generator's state. */
export interface ResolvedTarget {
	readonly key: string;
	/** Human name as the status table prints it (`service/web`, `ingress/minimal-ingress`). */
	readonly label: string;
	readonly via: Via;
	/** Nodes where requests enter, in a stable order; clients are spread over them. */
	readonly entries: readonly string[];
}

export type Resolution =
	| { readonly ok: true; readonly target: ResolvedTarget }
	| { readonly ok: false; readonly error: string };

export interface TrafficTarget {
	/** The ways in this flavour supports; the first is the default. */
	readonly vias: readonly Via[];
	/** `port`: which of the service's ports (a name or number); the first when undefined. */
	resolve(name: string, via: Via, namespace: string, port?: string): Resolution;
	/** Routes one request now. Must be deterministic (named rng streams only). */
	route(target: ResolvedTarget, request: TrafficRequest): RouteOutcome;
}
