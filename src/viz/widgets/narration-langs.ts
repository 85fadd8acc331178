/**
 * Loads the narration's tellings for a lab's language before it mounts (./narration-core.ts):
 * Chinese is a chunk of its own, fetched only for a Chinese lab; English is built in.
 */
import type { NarrationLang } from './narration-core';

export async function loadNarration(lang: NarrationLang | undefined): Promise<void> {
	if (lang === 'zh') await import('./narration-zh');
}
