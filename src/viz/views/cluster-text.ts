/** The cluster view's words, in each language (ClusterNodes.svelte, and the lessons' first paints). */

/** Whole seconds as minutes and seconds once past a minute: 504 → [8, 24]. */
function minSec(s: number): [number, number] {
	return [Math.floor(s / 60), s % 60];
}

/**
 * A node button's verb, in each language: the button reads `${verb} ${name}`, and on a card too
 * narrow for both the verb gives way to an icon (nodeButtonFit in cluster-layout.ts).
 */
const VERB = {
	en: { stop: 'Stop', start: 'Start' },
	zh: { stop: '停止', start: '启动' }
} as const;

export const CLUSTER_TEXT = {
	en: {
		role: { 'control-plane': 'control plane', worker: 'worker', manager: 'manager' },
		powerOn: 'Power: on',
		powerOff: (s: number | undefined) => {
			if (s === undefined) return 'Power: off';
			const [m, sec] = minSec(s);
			return `Power: off for ${m === 0 ? `${sec} s` : `${m} min ${sec} s`}`;
		},
		verb: VERB.en,
		stop: (name: string) => `${VERB.en.stop} ${name}`,
		start: (name: string) => `${VERB.en.start} ${name}`,
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
		verb: VERB.zh,
		stop: (name: string) => `${VERB.zh.stop} ${name}`,
		start: (name: string) => `${VERB.zh.start} ${name}`,
		pods: (name: string) => `${name} 上的 Pod`,
		more: (n: number) => `另有 ${n} 个`,
		unscheduled: '尚未调度',
		node: '节点'
	}
};
