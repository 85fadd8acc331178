/**
 * The cluster in one sentence, for the canvas renderer's accessible name (a canvas is one image
 * to a screen reader): how many nodes in each status and powered off, and how many pods in each
 * kubectl STATUS word, most common first. Also a node's state in words, for the node picker.
 */
import type { NodeView, UnitView } from '$engine/types';

type Lang = 'en' | 'zh';

/** Counts, most common first, ties in alphabetical order so the sentence is stable. */
function ranked(counts: Map<string, number>): [string, number][] {
	return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function bump(counts: Map<string, number>, key: string) {
	counts.set(key, (counts.get(key) ?? 0) + 1);
}

const number = { en: new Intl.NumberFormat('en'), zh: new Intl.NumberFormat('zh-CN') };

export function clusterSummary(
	nodes: readonly NodeView[],
	units: readonly UnitView[],
	lang: Lang
): string {
	const n = (x: number) => number[lang].format(x);
	// One pass over each list: a 10,000-pod lab re-labels its canvas on every snapshot.
	const nodeCounts = new Map<string, number>();
	let off = 0;
	for (const node of nodes) {
		bump(nodeCounts, node.status);
		if (!node.running) off++;
	}
	const podCounts = new Map<string, number>();
	let unscheduled = 0;
	for (const unit of units) {
		bump(podCounts, unit.status);
		if (unit.node === undefined) unscheduled++;
	}
	const statuses = ranked(nodeCounts).map(([s, c]) => `${n(c)} ${s}`);
	const pods = ranked(podCounts).map(([s, c]) => `${n(c)} ${s}`);
	if (lang === 'zh') {
		const nodePart = `${n(nodes.length)} 个节点：${statuses.join('，')}${off > 0 ? `，${n(off)} 个已关机` : ''}`;
		const podPart =
			units.length === 0
				? '没有 Pod'
				: `${n(units.length)} 个 Pod：${pods.join('，')}${unscheduled > 0 ? `，${n(unscheduled)} 个尚未调度` : ''}`;
		return `${nodePart}。${podPart}。`;
	}
	const nodePart = `${n(nodes.length)} ${nodes.length === 1 ? 'node' : 'nodes'}: ${statuses.join(', ')}${off > 0 ? `, ${n(off)} powered off` : ''}`;
	const podPart =
		units.length === 0
			? 'no pods'
			: `${n(units.length)} ${units.length === 1 ? 'pod' : 'pods'}: ${pods.join(', ')}${unscheduled > 0 ? `, ${n(unscheduled)} not scheduled yet` : ''}`;
	return `${nodePart}. ${podPart}.`;
}

/** `node-7: NotReady, powered off, 20 pods` — one node's state in words. */
export function describeNode(node: NodeView, pods: number, lang: Lang): string {
	if (lang === 'zh') {
		return `${node.name}：${node.status}${node.running ? '' : '，已关机'}，${pods} 个 Pod`;
	}
	return `${node.name}: ${node.status}${node.running ? '' : ', powered off'}, ${pods} ${pods === 1 ? 'pod' : 'pods'}`;
}
