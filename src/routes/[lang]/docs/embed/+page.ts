import { error } from '@sveltejs/kit';
import { LANGS, isLang } from '../../../lessons';
import type { EntryGenerator, PageLoad } from './$types';

// One prerendered page per language: /en/docs/embed and /zh/docs/embed.
export const prerender = true;

export const entries: EntryGenerator = () => LANGS.map((lang) => ({ lang }));

export const load: PageLoad = ({ params }) => {
	if (!isLang(params.lang)) error(404, 'No such page');
	return { lang: params.lang };
};
