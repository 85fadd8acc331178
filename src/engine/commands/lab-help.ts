/**
 * The lab's own programs' help (`help`, `sim help`), in the page's language (LabOptions.lang).
 * kubectl's and docker's help stay English, as the real tools print it. The commands and their
 * arguments are typed as they are, so only the words beside them are translated; the Chinese
 * follows the site's lessons (src/lessons/zh: 实验, 模拟, 节点, 任务, 探针, 领导者, 日志…).
 */
import type { LabLang } from '../types';

/** `sim traffic`, `sim kube-proxy`, `sim addon`: the traffic verbs (./sim-traffic.ts). */
const TRAFFIC_HELP: Record<LabLang, string> = {
	en: `  sim traffic NAME 100/s         send steady requests to a service (--via clusterip|nodeport|ingress,
                                 --port P, -n NS, --clients N, --host H --path /p for an ingress)
  sim traffic                    counters: sent, succeeded, failed, stale, hits per pod
  sim traffic stop [NAME]        stop one stream, or all of them
  sim kube-proxy mode ipvs       switch every kube-proxy between iptables (default) and ipvs
  sim addon ingress-nginx        install an ingress controller (--class NAME, default nginx)
`,
	zh: `  sim traffic NAME 100/s         向一个 Service 持续发送请求（--via clusterip|nodeport|ingress，
                                 --port P、-n NS、--clients N；Ingress 再加 --host H --path /p）
  sim traffic                    计数：已发送、成功、失败、过期，以及每个 Pod 的应答数
  sim traffic stop [NAME]        停止一个请求流，或者全部停止
  sim kube-proxy mode ipvs       让所有 kube-proxy 在 iptables（默认）和 ipvs 之间切换
  sim addon ingress-nginx        安装一个 Ingress 控制器（--class NAME，默认 nginx）
`
};

const SIM_HELP: Record<LabLang, string> = {
	en: `sim drives the simulation itself:
  sim advance DURATION           run time forward (Go durations: 250ms, 30s, 5m, 1h30m)
  sim time                       print the simulated time
  sim node stop|start|restart N  power a machine off, on, or both
  sim crash pod NAME             make the pod's containers exit with status 1
  sim unhealthy pod NAME         make the pod's probes fail from now on
  sim crash task NAME            make a swarm task's container exit with status 1
  sim unhealthy task NAME        make a swarm task's healthchecks fail from now on
  sim partition A,B / C          cut the network between the groups
  sim heal                       restore every link
  sim latency DURATION           set the one-way network latency
  sim loss PERCENT               drop that share of messages
  sim raft [-o json]             print the Raft members and their logs
  sim raft propose DATA          append a client write to the leader's log
  sim raft duplicate|reorder X   duplicate (10%) or delay (50ms) Raft messages
  sim events [--since 1m]        print the trace
${TRAFFIC_HELP.en}  sim seed [N]                   print the seed, or start again with seed N
`,
	zh: `sim 操控模拟本身：
  sim advance DURATION           让时间向前走（Go 的时长写法：250ms、30s、5m、1h30m）
  sim time                       显示模拟时间
  sim node stop|start|restart N  关闭、打开或重启一台机器的电源
  sim crash pod NAME             让这个 Pod 的容器以状态码 1 退出
  sim unhealthy pod NAME         让这个 Pod 的探针从现在起一直失败
  sim crash task NAME            让一个 Swarm 任务的容器以状态码 1 退出
  sim unhealthy task NAME        让一个 Swarm 任务的健康检查从现在起一直失败
  sim partition A,B / C          切断这几组机器之间的网络
  sim heal                       恢复所有网络连接
  sim latency DURATION           设置网络的单向延迟
  sim loss PERCENT               按这个比例丢弃消息
  sim raft [-o json]             显示 Raft 成员和它们的日志
  sim raft propose DATA          向领导者的日志追加一次客户端写入
  sim raft duplicate|reorder X   让 Raft 消息重复（10%）或推迟（50ms）送达
  sim events [--since 1m]        显示事件记录
${TRAFFIC_HELP.zh}  sim seed [N]                   显示种子，或者用种子 N 从头开始
`
};

/** `sim`, `sim help`, `sim --help`. */
export function simHelp(lang: LabLang = 'en'): string {
	return SIM_HELP[lang];
}

/** `help`: the console's three programs, then sim's verbs. */
export function labHelp(lang: LabLang = 'en'): string {
	const head =
		lang === 'zh'
			? `Orchestra Lab 控制台。这个实验由三个程序来操作：
  kubectl ...   Kubernetes 的命令行工具（kubectl help）
  docker ...    Docker 的命令行工具：镜像，以及 Swarm 模式（docker help）
  sim ...       模拟本身（见下）
`
			: `Orchestra Lab console. Three programs drive the lab:
  kubectl ...   the Kubernetes CLI (kubectl help)
  docker ...    the Docker CLI: images, and swarm mode (docker help)
  sim ...       the simulation itself (below)
`;
	return `${head}\n${simHelp(lang)}`;
}
