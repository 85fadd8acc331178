/**
 * Prerendered pages get the right `<html lang>` in their HTML, before any script runs, so that
 * screen readers and search engines read the Chinese lessons as Chinese.
 */
import type { Handle } from '@sveltejs/kit';

export const handle: Handle = ({ event, resolve }) => {
	const lang = event.url.pathname.startsWith('/zh') ? 'zh-CN' : 'en';
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', lang) });
};
