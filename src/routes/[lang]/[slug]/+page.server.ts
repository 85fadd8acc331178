/**
 * Each lab's first paint, rendered at build time: the lab as it stands at 00:00, drawn by the
 * widget's own code (src/viz/embed/first-paint.ts), so that a lesson shows its labs without
 * their code. LazyLab loads a lab's engine and views only when the reader acts on it (issue 5:
 * JavaScript per lesson page), and the live lab then takes the first paint's place.
 *
 * The widget's stylesheets are linked up front for the same reason (lazy-stylesheets.ts).
 */
import { dev } from '$app/environment';
import { renderLabFirstPaint, renderPairFirstPaint } from '$viz/embed/first-paint';
import { firstPaintKey, lessonLabs } from '$viz/embed/lesson-labs';
import { lazyStylesheets } from '$viz/embed/lazy-stylesheets';
import type { PageServerLoad } from './$types';

const sources = import.meta.glob<string>(
	['$lessons/{en,zh}/*.md', '$lessons/exercises/{en,zh}/*.md'],
	{ query: '?raw', import: 'default' }
);

export const load: PageServerLoad = async ({ params }) => {
	const source = Object.entries(sources).find(([path]) =>
		path.endsWith(`/${params.lang}/${params.slug}.md`)
	)?.[1];
	const labs = source ? lessonLabs(await source()) : [];
	// `vite dev` has no client manifest for the stylesheets: labs load as the reader reaches them.
	if (dev || labs.length === 0) return { firstPaints: {}, stylesheets: [] };
	const firstPaints: Record<string, string> = {};
	for (const lab of labs) {
		const key = firstPaintKey(lab);
		if (key in firstPaints) continue;
		// Numbered, so that no two first paints of the page share an id or a cluster rule.
		const paint = Object.keys(firstPaints).length;
		firstPaints[key] =
			lab.layout === 'side-by-side'
				? await renderPairFirstPaint({ scenario: lab.scenario, lang: lab.lang }, paint)
				: await renderLabFirstPaint(
						{
							scenario: lab.scenario,
							flavor: lab.flavor,
							views: lab.views,
							lang: lab.lang,
							narrated: lab.narrated
						},
						paint
					);
	}
	return {
		firstPaints,
		stylesheets: lazyStylesheets('src/routes/[lang]/[slug]/+page.server.ts', (source) =>
			source.startsWith('src/lessons/')
		)
	};
};
