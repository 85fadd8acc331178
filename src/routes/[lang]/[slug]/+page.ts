import { error } from '@sveltejs/kit';
import { HTML_LANG, LANGS, findLesson, isLang, lessonFiles } from '../../lessons';
import type { EntryGenerator, PageLoad } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => lessonFiles.map(({ lang, slug }) => ({ lang, slug }));

export const load: PageLoad = async ({ params, data }) => {
	const { lang, slug } = params;
	const file = findLesson(lang, slug);
	if (!file || !isLang(lang)) error(404, 'No such lesson');
	const module = await file.load();
	const translations = LANGS.filter((other) => other !== lang && findLesson(other, slug)).map(
		(other) => ({ lang: other, htmlLang: HTML_LANG[other], slug })
	);
	return {
		...data,
		lang,
		slug,
		meta: module.metadata,
		component: module.default,
		translations
	};
};
