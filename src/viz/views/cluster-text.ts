/** The cluster view's words, in each language (ClusterNodes.svelte, and the lessons' first paints). */

/** Whole seconds as minutes and seconds once past a minute: 504 → [8, 24]. */
function minSec(s: number): [number, number] {
	return [Math.floor(s / 60), s % 60];
}
export const CLUSTER_TEXT = {
	en: {
		role: { 'control-plane': 'control plane', worker: 'worker', manager: 'manager' },
		powerOn: 'Power: on',
		powerOff: (s: number | undefined) => {
			if (s === undefined) return 'Power: off';
			const [m, sec] = minSec(s);
			return `Power: off for ${m === 0 ? `${sec} s` : `${m} min ${sec} s`}`;
		},
		stop: (name: string) => `Stop ${name}`,
		start: (name: string) => `Start ${name}`,
		pods: (name: string) => `Pods on ${name}`,
		more: (n: number) => `+${n} more`,
		unscheduled: 'Not scheduled yet',
		node: 'Node'
	},
	zh: {
		role: { 'control-plane': '控制平面', worker: '工作节点', manager: '管理节点' },
		powerOn: '电源：开',
		powerOff: (s: number | undefined) => {
			if (s === undefined) return '电源：关';
			const [m, sec] = minSec(s);
			return `电源：关（${m === 0 ? `${sec} 秒` : `${m} 分 ${sec} 秒`}）`;
		},
		stop: (name: string) => `停止 ${name}`,
		start: (name: string) => `启动 ${name}`,
		pods: (name: string) => `${name} 上的 Pod`,
		more: (n: number) => `另有 ${n} 个`,
		unscheduled: '尚未调度',
		node: '节点'
	}
};
