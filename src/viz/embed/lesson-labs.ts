/**
 * The labs a lesson holds, read from its markdown's `<LazyLab …/>` tags, and the key that names
 * one lab's first paint. The lesson route renders each lab's first paint at build time
 * (first-paint.ts) from these, and LazyLab finds its own by the same key built from its props:
 * the tag and the component see the same attributes, so the first paint is the lab they ask for.
 *
 * Only the attributes lessons use are read; any other makes the build fail rather than paint a
 * lab that differs from the live one.
 */
import type { Flavor } from '$engine/types';
import {
	isScenarioId,
	isViewName,
	type Lang,
	type ScenarioId,
	type ViewName
} from '../scenario-catalog';

export interface LessonLab {
	scenario: ScenarioId;
	layout: 'single' | 'side-by-side';
	flavor?: Flavor;
	lang?: Lang;
	/** As the tag lists them (LabWidget's default, every view, when absent). */
	views?: ViewName[];
	narrated: boolean;
}

const READ = new Set(['scenario', 'layout', 'flavor', 'lang', 'views', 'narrated']);

/** `<LazyLab …/>` tags in a lesson's source, in page order. Throws on an attribute it cannot read. */
export function lessonLabs(source: string): LessonLab[] {
	return [...source.matchAll(/<LazyLab\b([^>]*?)\/?>/g)].map((tag) => readTag(tag[1] ?? ''));
}

function readTag(attributes: string): LessonLab {
	const names = [...attributes.matchAll(/([A-Za-z]+)(?==|\s|$)/g)].map((m) => m[1]!);
	const unread = names.filter((n) => !READ.has(n));
	if (unread.length > 0) throw new Error(`LazyLab: cannot read attribute ${unread.join(', ')}`);
	const text = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1];

	const scenario = text('scenario') ?? '';
	if (!isScenarioId(scenario)) throw new Error(`LazyLab: unknown scenario "${scenario}"`);
	const layout = text('layout') ?? 'single';
	if (layout !== 'single' && layout !== 'side-by-side') {
		throw new Error(`LazyLab: unknown layout "${layout}"`);
	}
	const flavor = text('flavor');
	if (flavor !== undefined && flavor !== 'kubernetes' && flavor !== 'swarm') {
		throw new Error(`LazyLab: unknown flavor "${flavor}"`);
	}
	const lang = text('lang');
	if (lang !== undefined && lang !== 'en' && lang !== 'zh') {
		throw new Error(`LazyLab: unknown lang "${lang}"`);
	}
	let views: ViewName[] | undefined;
	if (names.includes('views')) {
		const list = /\bviews=\{\[([^\]]*)\]\}/.exec(attributes)?.[1];
		const named = [...(list ?? '').matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]!);
		const bad = named.find((v) => !isViewName(v));
		if (list === undefined || bad !== undefined) {
			throw new Error(`LazyLab: cannot read views ${list === undefined ? '' : `"${bad}"`}`);
		}
		views = named.filter(isViewName);
	}
	return {
		scenario,
		layout,
		...(flavor === undefined ? {} : { flavor }),
		...(lang === undefined ? {} : { lang }),
		...(views === undefined ? {} : { views }),
		narrated: /(^|\s)narrated(?=\s|\/|$)/.test(attributes)
	};
}

/** What names a lab's first paint: the props that change what the widget draws at 00:00. */
export interface PaintedProps {
	scenario: string;
	layout?: 'single' | 'side-by-side';
	flavor?: Flavor;
	lang?: Lang;
	views?: readonly string[];
	narrated?: boolean;
}

export function firstPaintKey(props: PaintedProps): string {
	return JSON.stringify([
		props.scenario,
		props.layout ?? 'single',
		props.flavor ?? '',
		props.lang ?? '',
		props.views ?? null,
		props.narrated === true
	]);
}
