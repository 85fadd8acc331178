/**
 * The lesson catalogue: every `src/lessons/{en,zh}/*.md` file is a lesson, and every
 * `src/lessons/exercises/{en,zh}/*.md` an interview exercise, each addressed as `/{lang}/{slug}`
 * (slugs are unique across both). They are compiled by mdsvex and export their frontmatter as
 * `metadata`.
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

export type LessonKind = 'lesson' | 'exercise';

export interface LessonRef {
	lang: Lang;
	slug: string;
	kind: LessonKind;
}

export function isLang(value: string): value is Lang {
	return (LANGS as readonly string[]).includes(value);
}

/**
 * Parses a lesson file path such as `/src/lessons/zh/why-orchestration.md`, or an exercise's
 * such as `/src/lessons/exercises/en/roll-back.md`.
 */
export function refFromPath(path: string): LessonRef | undefined {
	const match = /\/lessons\/(exercises\/)?(en|zh)\/([^/]+)\.md$/.exec(path);
	if (!match || !match[2] || !match[3] || !isLang(match[2])) return undefined;
	return { lang: match[2], slug: match[3], kind: match[1] ? 'exercise' : 'lesson' };
}

export function lessonHref(ref: Pick<LessonRef, 'lang' | 'slug'>): `/${string}` {
	return `/${ref.lang}/${ref.slug}`;
}

const loaders = import.meta.glob<LessonModule>([
	'$lessons/{en,zh}/*.md',
	'$lessons/exercises/{en,zh}/*.md'
]);

/** Every lesson file, lazily loadable. */
export const lessonFiles: ReadonlyArray<LessonRef & { load: () => Promise<LessonModule> }> =
	Object.entries(loaders).flatMap(([path, load]) => {
		const ref = refFromPath(path);
		return ref ? [{ ...ref, load }] : [];
	});

export function findLesson(lang: string, slug: string) {
	return lessonFiles.find((file) => file.lang === lang && file.slug === slug);
}
