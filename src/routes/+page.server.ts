import { LANGS, refFromPath, type Lang, type LessonKind, type LessonMeta } from './lessons';
import type { PageServerLoad } from './$types';

export const prerender = true;

// Only the frontmatter is needed here; a server load keeps the lesson code out of the home page.
const metadata = import.meta.glob<LessonMeta>(
	['$lessons/{en,zh}/*.md', '$lessons/exercises/{en,zh}/*.md'],
	{ eager: true, import: 'metadata' }
);

export interface LessonListItem extends LessonMeta {
	lang: Lang;
	slug: string;
	kind: LessonKind;
}

export const load: PageServerLoad = () => {
	const items: LessonListItem[] = Object.entries(metadata).flatMap(([path, meta]) => {
		const ref = refFromPath(path);
		return ref ? [{ ...meta, ...ref }] : [];
	});
	items.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
	const byLang = (kind: LessonKind) =>
		Object.fromEntries(
			LANGS.map((lang) => [lang, items.filter((item) => item.lang === lang && item.kind === kind)])
		) as Record<Lang, LessonListItem[]>;
	return { lang: 'en' as Lang, lessons: byLang('lesson'), exercises: byLang('exercise') };
};
