/**
 * The heavy half of the element, fetched only once it comes near the viewport (./chunk-loader.ts):
 * the Svelte lab widget (or the side-by-side pair), with the engine core, the views and d3. The
 * engine flavours are chunks of their own, loaded by `loadFlavors` (only those a lab runs).
 * Mounted inside the shadow root, so Svelte's injected component styles land there too (Svelte
 * appends them to the root node of the target).
 */
import { mount, unmount } from 'svelte';
import LabWidget from '$viz/widgets/LabWidget.svelte';
import SideBySide from '$viz/widgets/SideBySide.svelte';
import type { ElementConfig } from './attributes';

export { loadFlavors } from '$engine/flavors/load';

/** Mounts a widget for `config` into `target`; returns how to take it away again. */
export function mountWidget(target: HTMLElement, config: ElementConfig): () => void {
	const widget =
		config.layout === 'side-by-side'
			? mount(SideBySide, {
					target,
					props: {
						scenario: config.scenario,
						lang: config.lang,
						seed: config.seed,
						headingLevel: config.headingLevel,
						embedded: true
					}
				})
			: mount(LabWidget, {
					target,
					props: {
						scenario: config.scenario,
						flavor: config.flavor,
						views: config.views,
						lang: config.lang,
						seed: config.seed,
						headingLevel: config.headingLevel,
						narrated: config.narrated === true,
						// Inside someone else's page an Embed button would only embed itself.
						embedded: true
					}
				});
	return () => {
		void unmount(widget);
	};
}
