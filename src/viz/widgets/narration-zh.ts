/**
 * The Chinese retelling of the trace kinds (./narration-core.ts has the English ones), provided
 * to the narration when this module is imported: a Chinese lab loads it (./narration-langs.ts),
 * an English page never does. Nodes and pods, traffic, Raft, then workloads,
 * containers, images, Swarm nodes/services/tasks, Raft's quieter moments, the network's knobs.
 * Terms follow the Chinese Kubernetes/Docker docs and the zh lessons (Pod, 节点, 副本, 任务,
 * 服务, 管理节点, 工作节点); object names and state words (running, down, drain) stay as the
 * tools print them. Every value is read from the engine's English message; a message of another
 * shape gives undefined, and the reader sees the engine's own English instead of a wrong line.
 */
import type { TraceEvent } from '$engine/types';
import {
	evicted,
	provideNarration,
	taintOf,
	targetNode,
	termOf,
	trafficRate,
	trafficSent,
	type Tell
} from './narration-core';

/** ` (nodeport, 50/s)` → `（nodeport，50/s）`: Chinese text takes full-width brackets and commas. */
function fullWidth(aside: string): string {
	return aside === '' ? '' : `（${aside.trim().slice(1, -1).replace(/, /g, '，')}）`;
}

/** The groups of `re` in the event's message, or undefined when it does not match. */
function parts(event: TraceEvent, re: RegExp): string[] | undefined {
	const m = re.exec(event.message);
	return m === null ? undefined : m.slice(1).map((g) => g ?? '');
}

/** `manager`/`worker` as the Docker docs in Chinese say them. */
const ROLE: Record<string, string> = { manager: '管理节点', worker: '工作节点' };

/** The probe kinds as the Chinese Kubernetes docs name them. */
const PROBE: Record<string, string> = {
	liveness: '存活探针（liveness）',
	readiness: '就绪探针（readiness）',
	startup: '启动探针（startup）'
};

/** Why the dispatcher changed a Swarm node's state (swarmkit's own messages). */
const SWARM_NODE_WHY: Record<string, string> = {
	'heartbeat failure': '心跳超时',
	'Node moved to "unknown" state due to leadership change in cluster':
		'集群的领导者变了，新领导者还没收到它的心跳'
};

/** `Node worker-1 is now down (heartbeat failure).` in Chinese, or undefined for another reason. */
const swarmNodeState: Tell = (_name, event) => {
	const p = parts(event, /^Node (\S+) is now (\S+?)(?: \((.+)\))?\.$/);
	if (p === undefined) return undefined;
	const [host, state, why] = p as [string, string, string];
	if (why === '') return `节点 ${host} 现在处于 ${state} 状态。`;
	const reason = SWARM_NODE_WHY[why];
	return reason === undefined ? undefined : `节点 ${host} 现在处于 ${state} 状态（${reason}）。`;
};

/** `Task web.2 is failed: task: non-zero exit (137).` — the error stays as `docker service ps` prints it. */
const swarmTaskState: Tell = (_name, event) => {
	const p = parts(event, /^Task (\S+) is (\S+?)(?:: (.+))?\.$/);
	if (p === undefined) return undefined;
	const [task, state, err] = p as [string, string, string];
	return err === ''
		? `任务 ${task} 进入 ${state} 状态。`
		: `任务 ${task} 进入 ${state} 状态，错误：“${err}”。`;
};

export const ZH: Record<string, Tell> = {
	'node.stopped': (name) => `${name} 已关机。`,
	'node.started': (name) => `${name} 已开机。`,
	'node.notready': (name) => `控制平面把 ${name} 标记为 NotReady（未就绪）：宽限期内没有收到心跳。`,
	'node.ready': (name) => `${name} 已是 Ready（就绪）状态。`,
	'node.tainted': (name, event) => {
		// `Node node-3 tainted by kubectl.`: who, not which taint.
		const by = /tainted by (\S+?)\.$/.exec(event.message)?.[1];
		if (by !== undefined) return `${name} 被 ${by} 打上污点。`;
		return `${name} 被打上污点 ${taintOf(event) ?? ''}。`;
	},
	'node.untainted': (name) => `${name} 的污点已移除。`,
	'pod.scheduled': (name, event) => `Pod ${name} 被调度到 ${targetNode(event)}。`,
	'pod.failedscheduling': (name) => `Pod ${name} 暂时没有合适的节点（FailedScheduling）。`,
	'pod.running': (name, event) => {
		const node = / is running on (\S+?)\.$/.exec(event.message)?.[1];
		return node === undefined ? `Pod ${name} 已在运行。` : `Pod ${name} 已在 ${node} 上运行。`;
	},
	'pod.notready': (name, event) => {
		const node = /its node (\S+) is not ready/.exec(event.message)?.[1];
		return `Pod ${name} 被标记为未就绪：它所在的节点${node === undefined ? '' : ` ${node} `}未就绪。`;
	},
	'pod.terminating': (name, event) => {
		const from = /evicted by the taint eviction controller from (\S+?)\)/.exec(event.message)?.[1];
		if (from !== undefined) return `Pod ${name} 正在终止（污点驱逐控制器把它从 ${from} 上驱逐）。`;
		return `Pod ${name} 正在终止${evicted(event) ? '（被驱逐）' : ''}。`;
	},
	'traffic.started': (name, event) => `开始向 ${name} 发送流量${fullWidth(trafficRate(event))}。`,
	'traffic.stopped': (name, event) => `发往 ${name} 的流量已停止${fullWidth(trafficSent(event))}。`,
	'raft.propose': (name, event) => {
		const m = /^A client write ("[^"]*") is entry (\d+) in leader \S+ log \(term (\d+)\)\.$/.exec(
			event.message
		);
		return m === null
			? `一次客户端写入已追加到领导者 ${name} 的日志。`
			: `客户端写入 ${m[1]} 成为领导者 ${name} 日志中的第 ${m[2]} 条（任期 ${m[3]}）。`;
	},
	'raft.election': (name, event) => `${name} 发起任期 ${termOf(event)} 的选举，并投票给自己。`,
	'raft.prevote': (name, event) => {
		const ms = /heard no leader for (\d+) ms/.exec(event.message)?.[1];
		const quiet = ms === undefined ? '没有收到领导者的消息' : `${ms} 毫秒没有收到领导者的消息`;
		return `${name} ${quiet}，为任期 ${termOf(event)} 请求预投票。`;
	},
	'raft.leader': (name, event) => {
		const votes = /with votes from (.+) and leads\.$/.exec(event.message)?.[1];
		return votes === undefined
			? `${name} 赢得任期 ${termOf(event)} 的选举，成为领导者。`
			: `${name} 凭 ${votes.split(', ').join('、')} 的选票赢得任期 ${termOf(event)} 的选举，成为领导者。`;
	},
	'raft.leader.lost': (name) => `领导者 ${name} 已停止：在新的选举之前，集群没有领导者。`,
	'raft.leader.stepdown': (name, event) => `${name} 不再担任任期 ${termOf(event)} 的领导者。`,
	'raft.checkquorum': (name) =>
		`${name} 在一个选举超时内没有联系上多数成员，于是退位（CheckQuorum）。`,
	'raft.vote.granted': (name, event) =>
		`${name} 在任期 ${termOf(event)} 投票给 ${/ to (\S+) for term/.exec(event.message)?.[1] ?? '?'}。`,
	'raft.vote.denied': (name, event) =>
		`${name} 在任期 ${termOf(event)} 拒绝投票给 ${/ to (\S+) for term/.exec(event.message)?.[1] ?? '?'}。`,
	'raft.commit': (name, event) => {
		const m = / committed entr(?:y|ies) (\S+): a majority of (\d+) voters/.exec(event.message);
		return m === null
			? `${name} 提交了新的日志条目：多数成员已保存它。`
			: `${name} 提交了日志条目 ${m[1]}：${m[2]} 个投票成员中的多数已保存它。`;
	},
	'network.partition': (_name, event) =>
		`网络被分区：${/partitioned: (.+?)\.?$/.exec(event.message)?.[1] ?? ''}。`,
	'network.heal': () => '网络已恢复：所有链路都已连通。',
	'lab.created': (_name, event) => {
		const p = parts(event, /^A (kubernetes|swarm) lab with (\d+) nodes starts \(seed (\d+)\)\.$/);
		if (p === undefined) return undefined;
		const flavor = p[0] === 'swarm' ? 'Swarm' : 'Kubernetes';
		return `一个有 ${p[1]} 个节点的 ${flavor} 实验环境启动了（种子 ${p[2]}）。`;
	},
	'node.cordoned': (name) =>
		`节点 ${name} 已被标记为不可调度（cordon）：新的 Pod 不会再调度到它上面。`,
	'node.uncordoned': (name) => `节点 ${name} 已恢复为可调度（uncordon）。`,

	// Workloads and their pods.
	'deployment.scaled': (_name, event) => {
		const p = parts(event, /^Scaled (up|down) replica set (\S+) from (\d+) to (\d+)\.$/);
		if (p === undefined) return undefined;
		const verb = p[0] === 'up' ? '扩容' : '缩容';
		return `ReplicaSet ${p[1]} 从 ${p[2]} 个副本${verb}到 ${p[3]} 个。`;
	},
	'object.deleted': (_name, event) => {
		const p = parts(event, /^(\S+) (\S+) deleted\.$/);
		return p === undefined ? undefined : `${p[0]} ${p[1]} 已被删除。`;
	},
	'service.created': (name) => `Service ${name} 已由 kubectl expose 创建。`,
	'pod.created': (name, event) => {
		const p = parts(event, /^StatefulSet (\S+) created pod /);
		return p === undefined ? undefined : `StatefulSet ${p[0]} 创建了 Pod ${name}。`;
	},
	'pod.deleted': (name) => `Pod ${name} 已被删除。`,
	'pod.crash': (name) => `Pod ${name} 的容器以状态码 1 退出了（模拟崩溃）。`,
	'pod.unhealthy': (name) => `从现在起，Pod ${name} 的探针都会失败。`,
	'container.exited': (name, event) => {
		const p = parts(event, /^Container (\S+) of \S+ exited with status (\d+); restart in (\S+)\.$/);
		return p === undefined
			? undefined
			: `Pod ${name} 的容器 ${p[0]} 以状态码 ${p[1]} 退出，将在 ${p[2]} 后重启。`;
	},
	'container.unhealthy': (name, event) => {
		const p = parts(event, /^Container (\S+) failed (\S+) probe, will be restarted\.$/);
		const probe = p === undefined ? undefined : PROBE[p[1]!];
		return probe === undefined
			? undefined
			: `Pod ${name} 的容器 ${p![0]} 没有通过${probe}，将被重启。`;
	},
	'image.pullfailed': (name, event) => {
		const p = parts(event, /^Failed to pull image ("[^"]*"): not found\.$/);
		return p === undefined
			? undefined
			: `Pod ${name} 拉取镜像 ${p[0]} 失败：镜像仓库里没有这个镜像。`;
	},
	'job.completed': (name) => `Job ${name} 已完成。`,
	'job.failed': (name, event) => {
		// The reason is the Job's Failed condition message, as `kubectl describe job` shows it.
		const p = parts(event, /^Job \S+ failed: (.+)\.$/);
		return p === undefined ? undefined : `Job ${name} 失败了：“${p[0]}”。`;
	},
	'pvc.terminating': (name) =>
		`PersistentVolumeClaim ${name} 正在终止：还有 Pod 在使用它，要等它不再被使用。`,
	'addon.installed': (_name, event) => {
		const p = parts(
			event,
			/^ingress-nginx installed: its controller Deployment serves class (\S+?)\.$/
		);
		return p === undefined
			? undefined
			: `ingress-nginx 已安装：它的控制器 Deployment 负责 IngressClass ${p[0]}。`;
	},

	// Images (docker build / push).
	'image.built': (_name, event) => {
		const p = parts(event, /^(\S+) built image (\S+) \((\S+)\)\.$/);
		return p === undefined ? undefined : `${p[0]} 构建了镜像 ${p[1]}（${p[2]}）。`;
	},
	'image.pushed': (_name, event) => {
		const p = parts(event, /^(\S+) pushed (\S+) to the lab registry\.$/);
		return p === undefined ? undefined : `${p[0]} 把 ${p[1]} 推送到了实验环境的镜像仓库。`;
	},

	// The network's knobs and Raft's message faults.
	'network.latency': (_name, event) => {
		const p = parts(event, /^Network latency set to (\S+?)\.$/);
		return p === undefined ? undefined : `网络的单向延迟设为 ${p[0]}。`;
	},
	'network.loss': (_name, event) => {
		const p = parts(event, /^Network loss set to (\S+?)\.$/);
		return p === undefined ? undefined : `网络丢包率设为 ${p[0]}。`;
	},
	'raft.faults': (_name, event) => {
		const dup = parts(event, /^Raft messages are duplicated (\S+) of the time\.$/);
		if (dup !== undefined) return `Raft 消息有 ${dup[0]} 的概率被重复投递。`;
		const delay = parts(event, /^Raft messages get up to (\S+) of extra random delay\.$/);
		return delay === undefined ? undefined : `Raft 消息会额外随机延迟，最多 ${delay[0]}。`;
	},

	// Raft's quieter moments.
	'raft.term': (name, event) => {
		const p = parts(event, /moves to term (\d+)/);
		return p === undefined ? undefined : `${name} 进入任期 ${p[0]}。`;
	},
	'raft.follow': (name, event) => {
		const p = parts(event, /follows (\S+), leader of term (\d+)/);
		return p === undefined ? undefined : `${name} 跟随任期 ${p[1]} 的领导者 ${p[0]}。`;
	},
	'raft.vote.ignored': (name, event) => {
		const p = parts(
			event,
			/ignores (\S+)'s (pre-vote|vote) request for term (\d+): it heard from leader (\S+) within/
		);
		if (p === undefined) return undefined;
		const what = p[1] === 'pre-vote' ? '预投票' : '投票';
		return `${name} 忽略了 ${p[0]} 在任期 ${p[2]} 的${what}请求：它在一个选举超时内还收到过领导者 ${p[3]} 的消息。`;
	},
	'raft.force-new-cluster': (name) => `${name} 以自己为唯一的投票成员，启动了一个新的 Raft 集群。`,

	// Swarm membership.
	'swarm.init': (name) => `${name} 初始化了一个新的 swarm，是其中唯一的管理节点。`,
	'swarm.force-new-cluster': (name) =>
		`${name} 用自己保存的状态强制创建了新集群：它现在是 Raft 中唯一的管理节点。`,
	'swarm.node.joined': (name, event) => {
		const p = parts(event, /joined the swarm as a (manager|worker) \(node (\S+)\)\.$/);
		return p === undefined
			? undefined
			: `${name} 以${ROLE[p[0]!]}身份加入了 swarm（节点 ID ${p[1]}）。`;
	},
	'swarm.node.left': (name) => `${name} 离开了 swarm。`,
	'swarm.node.removed': (name) => `节点 ${name} 已从 swarm 中移除。`,
	'swarm.node.role': (name, event) => {
		const p = parts(event, /is now a (manager|worker)\.$/);
		return p === undefined ? undefined : `节点 ${name} 现在是${ROLE[p[0]!]}（${p[0]}）。`;
	},
	'swarm.node.availability': (name, event) => {
		const p = parts(event, /availability is now (\S+?)\.$/);
		return p === undefined ? undefined : `节点 ${name} 的可用性（availability）现在是 ${p[0]}。`;
	},
	'swarm.node.ready': swarmNodeState,
	'swarm.node.down': swarmNodeState,
	'swarm.node.unknown': swarmNodeState,
	'swarm.node.disconnected': swarmNodeState,
	'swarm.erased': () => '最后一个管理节点离开了：swarm 和它的全部状态都不复存在。',
	'swarm.token.rotated': (_name, event) => {
		const p = parts(event, /^The (manager|worker) join token was rotated\.$/);
		return p === undefined ? undefined : `${ROLE[p[0]!]}的加入令牌（join token）已轮换。`;
	},
	'swarm.network.created': (name) => `网络 ${name} 已创建。`,

	// Swarm services and their tasks.
	'swarm.service.created': (name) => `服务 ${name} 已创建。`,
	'swarm.service.removed': (name) => `服务 ${name} 已删除。`,
	'swarm.service.updated': (name, event) => {
		if (/^Service \S+ updated\.$/.test(event.message)) return `服务 ${name} 已更新。`;
		const p = parts(event, /^Service \S+: (update|rollback) completed\.$/);
		if (p === undefined) return undefined;
		return `服务 ${name} 的${p[0] === 'update' ? '滚动更新' : '回滚'}已完成。`;
	},
	'swarm.service.updating': (name, event) => {
		const p = parts(event, /update started \((\d+) tasks\)\.$/);
		return p === undefined ? undefined : `服务 ${name} 开始滚动更新（${p[0]} 个任务）。`;
	},
	'swarm.service.rollback': (name, event) => {
		const started = parts(event, /rollback started \((\d+) tasks\)\.$/);
		if (started !== undefined) return `服务 ${name} 开始回滚（${started[0]} 个任务）。`;
		const p = parts(
			event,
			/update rolled back due to failure or early termination of task (\S+?)\.$/
		);
		return p === undefined ? undefined : `服务 ${name} 的更新已回滚：任务 ${p[0]} 失败或过早退出。`;
	},
	'swarm.service.paused': (name, event) => {
		const p = parts(
			event,
			/(update|rollback) paused due to failure or early termination of task (\S+?)\.$/
		);
		if (p === undefined) return undefined;
		const what = p[0] === 'update' ? '更新' : '回滚';
		return `服务 ${name} 的${what}已暂停：任务 ${p[1]} 失败或过早退出。`;
	},
	'swarm.task.created': (name) => `任务 ${name} 已创建。`,
	'swarm.task.assigned': (name, event) => {
		const p = parts(event, /assigned to (\S+?)\.$/);
		return p === undefined ? undefined : `任务 ${name} 被分配到 ${p[0]}。`;
	},
	'swarm.task.running': swarmTaskState,
	'swarm.task.failed': swarmTaskState,
	'swarm.task.rejected': swarmTaskState,
	'swarm.task.complete': swarmTaskState,
	'swarm.task.shutdown': swarmTaskState
};

provideNarration('zh', ZH);
