/**
 * What the scheduler view says, worked out from plain engine data: which pod to show by
 * default, the picker's options, each cell's words, and the one-line verdict. No DOM here, so
 * the wording is unit-tested (test/viz/scheduler-table.test.ts).
 */
import type {
	SchedulingDecision,
	SchedulingFilterCell,
	SchedulingNodeRow,
	SchedulingScoreCell,
	UnitView
} from '$engine/types';

export type Lang = 'en' | 'zh';

export const podKey = (namespace: string, name: string) => `${namespace}/${name}`;

export interface PodOption {
	key: string;
	namespace: string;
	name: string;
	/** What the option reads: the pod, then where it is or its status. */
	label: string;
}

/** The pods to pick from: every pod of the snapshot, in its order (namespace/name). */
export function podOptions(units: readonly UnitView[], lang: Lang): PodOption[] {
	return units.map((u) => {
		const where = u.node ?? u.status;
		const name = u.namespace === 'default' ? u.name : `${u.namespace}/${u.name}`;
		return {
			key: podKey(u.namespace, u.name),
			namespace: u.namespace,
			name: u.name,
			label: lang === 'zh' ? `${name}（${where}）` : `${name} (${where})`
		};
	});
}

/**
 * The most pods the picker lists at once. A lab of 10,000 pods made a `<select>` of 10,000
 * options: 850 KB of a page's HTML and a long task on every update. Beyond this many, a filter
 * field narrows the list by name.
 */
export const MAX_LISTED_PODS = 200;

/**
 * The options the picker lists: every pod up to MAX_LISTED_PODS; beyond, the first of those whose
 * name holds `filter` (any case), and always the one shown, so that the select shows it.
 */
export function listedPods(
	options: readonly PodOption[],
	filter: string,
	shown: string | undefined
): readonly PodOption[] {
	if (options.length <= MAX_LISTED_PODS) return options;
	const wanted = filter.trim().toLowerCase();
	const listed: PodOption[] = [];
	for (const option of options) {
		if (listed.length === MAX_LISTED_PODS) break;
		if (wanted === '' || option.name.toLowerCase().includes(wanted)) listed.push(option);
	}
	const current = options.find((o) => o.key === shown);
	if (current !== undefined && !listed.includes(current)) listed.unshift(current);
	return listed;
}

/**
 * The pod shown when the learner has picked none (or picked one that is gone): the one the
 * scheduler tried last, else the last pod listed.
 */
export function defaultPod(
	decisions: readonly SchedulingDecision[],
	options: readonly PodOption[]
): string | undefined {
	const keys = new Set(options.map((o) => o.key));
	for (let i = decisions.length - 1; i >= 0; i--) {
		const d = decisions[i] as SchedulingDecision;
		const k = podKey(d.namespace, d.pod);
		if (keys.has(k)) return k;
	}
	return options[options.length - 1]?.key;
}

/** The pod to show: the learner's pick while it exists, else the default. */
export function shownPod(
	picked: string | undefined,
	decisions: readonly SchedulingDecision[],
	options: readonly PodOption[]
): string | undefined {
	if (picked !== undefined && options.some((o) => o.key === picked)) return picked;
	return defaultPod(decisions, options);
}

const WORDS = {
	en: {
		pass: 'pass',
		skipped: 'not run',
		chosen: 'chosen',
		feasible: 'passed filters',
		rejected: 'rejected',
		notChecked: 'not checked',
		percentage: (found: number) =>
			`Not checked: the search stopped once it had found ${found} feasible nodes (percentageOfNodesToScore).`,
		preFilter: 'Not checked: a PreFilter turned the pod away before any node was tried.',
		narrowed: 'Not checked: a PreFilter (NodeAffinity on metadata.name) left only other nodes.',
		notScored: 'not scored',
		raw: 'raw',
		weight: 'weight'
	},
	zh: {
		pass: '通过',
		skipped: '未运行',
		chosen: '被选中',
		feasible: '通过过滤',
		rejected: '被排除',
		notChecked: '未检查',
		percentage: (found: number) =>
			`未检查：找到 ${found} 个可行节点后搜索就停止了（percentageOfNodesToScore）。`,
		preFilter: '未检查：在尝试任何节点之前，一个 PreFilter 插件就拒绝了这个 Pod。',
		narrowed: '未检查：一个 PreFilter（按 metadata.name 的 NodeAffinity）只留下了其他节点。',
		notScored: '未打分',
		raw: '原始',
		weight: '权重'
	}
} as const;

/**
 * A plugin name cut where its words start (`NodeResources`, `Balanced`, `Allocation`), so a
 * column header can wrap there instead of widening the whole table.
 */
export function nameParts(name: string): string[] {
	return name.split(/(?<=[a-z])(?=[A-Z][a-z])/);
}

/** A filter cell's text: pass, the rejection in the scheduler's words, or not run. */
export function filterText(cell: SchedulingFilterCell, lang: Lang): string {
	if (cell.result === 'pass') return WORDS[lang].pass;
	if (cell.result === 'skipped') return WORDS[lang].skipped;
	return cell.reasons.join(', ');
}

/**
 * One cell for all the filters of a node (the compact table): every filter passed, or the
 * filter that said no and its reasons.
 */
export function filterSummary(
	row: SchedulingNodeRow,
	lang: Lang
): { result: 'pass' | 'fail'; plugin?: string; text: string } {
	const failed = row.filters.find((f) => f.result === 'fail');
	if (failed !== undefined)
		return { result: 'fail', plugin: failed.plugin, text: failed.reasons.join(', ') };
	const n = row.filters.length;
	return { result: 'pass', text: lang === 'zh' ? `${n} 个全部通过` : `all ${n} passed` };
}

/** The outcome word of a node row. */
export function outcomeText(row: SchedulingNodeRow, lang: Lang): string {
	const w = WORDS[lang];
	if (row.outcome === 'chosen') return w.chosen;
	if (row.outcome === 'feasible') return w.feasible;
	if (row.outcome === 'rejected') return w.rejected;
	return w.notChecked;
}

/** Why a row was never evaluated, as one sentence. */
export function notEvaluatedText(
	row: SchedulingNodeRow,
	decision: SchedulingDecision,
	lang: Lang
): string {
	const w = WORDS[lang];
	if (row.notEvaluated === 'percentageOfNodesToScore') return w.percentage(decision.feasible);
	return decision.evaluated === 0 ? w.preFilter : w.narrowed;
}

/** The small print under a weighted score: `raw 1 → 0 × 3`. */
export function scoreDetail(cell: SchedulingScoreCell, lang: Lang): string {
	return `${WORDS[lang].raw} ${cell.raw} → ${cell.normalized} × ${cell.weight}`;
}

/** The same, spelled out for screen readers. */
export function scoreLabel(cell: SchedulingScoreCell, lang: Lang): string {
	return lang === 'zh'
		? `${cell.weighted} 分：原始分 ${cell.raw}，归一化后 ${cell.normalized}，权重 ${cell.weight}`
		: `${cell.weighted} points: raw score ${cell.raw}, normalised ${cell.normalized}, weight ${cell.weight}`;
}

export function notScoredText(lang: Lang): string {
	return WORDS[lang].notScored;
}

/** The verdict above the table: where the pod went, and the deciding fact. */
export function verdict(d: SchedulingDecision, lang: Lang): string {
	const zh = lang === 'zh';
	if (d.node !== undefined) {
		if (!d.scored)
			return zh
				? `${d.pod} 被绑定到 ${d.node}：${d.numNodes} 个节点中只有它通过了过滤，所以不再打分。`
				: `${d.pod} was bound to ${d.node}: of ${d.numNodes} nodes only it passed the filters, so nothing was scored.`;
		const total = d.rows.find((r) => r.node === d.node)?.total;
		return zh
			? `${d.pod} 被绑定到 ${d.node}：${d.feasible} 个可行节点中它的总分最高（${total ?? '?'}）。`
			: `${d.pod} was bound to ${d.node}: it had the highest total (${total ?? '?'}) of ${d.feasible} feasible nodes.`;
	}
	if (d.preFilter !== undefined)
		return zh
			? `${d.pod} 无法调度：PreFilter 插件 ${d.preFilter.plugin} 拒绝了它（${d.preFilter.reason}）。`
			: `${d.pod} cannot be scheduled: the ${d.preFilter.plugin} PreFilter turned it away (${d.preFilter.reason}).`;
	return zh
		? `${d.pod} 无法调度：${d.numNodes} 个节点都没有通过过滤。`
		: `${d.pod} cannot be scheduled: none of the ${d.numNodes} nodes passed the filters.`;
}
