/**
 * The lesson catalogue: every `src/lessons/{en,zh}/*.md` file is a lesson, addressed as
 * `/{lang}/{slug}`. Lessons are compiled by mdsvex and export their frontmatter as `metadata`.
 */
import type { Component } from 'svelte';

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** The BCP 47 tag written into `lang` attributes (screen readers pick a voice from it). */
export const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-CN' };

/** The name of each language, written in that language (for the language switch). */
export const LANG_NAME: Record<Lang, string> = { en: 'English', zh: '中文' };

export interface LessonMeta {
	title: string;
	summary: string;
	order: number;
}

export interface LessonModule {
	default: Component;
	metadata: LessonMeta;
}

export interface LessonRef {
	lang: Lang;
	slug: string;
}

export function isLang(value: string): value is Lang {
	return (LANGS as readonly string[]).includes(value);
}

/** Parses a lesson file path such as `/src/lessons/zh/why-orchestration.md`. */
export function refFromPath(path: string): LessonRef | undefined {
	const match = /\/(en|zh)\/([^/]+)\.md$/.exec(path);
	if (!match || !match[1] || !match[2] || !isLang(match[1])) return undefined;
	return { lang: match[1], slug: match[2] };
}

export function lessonHref(ref: LessonRef): `/${string}` {
	return `/${ref.lang}/${ref.slug}`;
}

const loaders = import.meta.glob<LessonModule>('$lessons/{en,zh}/*.md');

/** Every lesson file, lazily loadable. */
export const lessonFiles: ReadonlyArray<LessonRef & { load: () => Promise<LessonModule> }> =
	Object.entries(loaders).flatMap(([path, load]) => {
		const ref = refFromPath(path);
		return ref ? [{ ...ref, load }] : [];
	});

export function findLesson(lang: string, slug: string) {
	return lessonFiles.find((file) => file.lang === lang && file.slug === slug);
}
