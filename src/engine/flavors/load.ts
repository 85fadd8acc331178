/**
 * The browser's way in: loads only the flavours a lab needs, each as its own chunk, before
 * `createLab` (which is synchronous and only looks flavours up, ./registry.ts).
 */
import type { Flavor } from '../types';
import { isFlavorLoaded } from './registry';

const IMPORTS: Record<Flavor, () => Promise<unknown>> = {
	kubernetes: () => import('./kubernetes'),
	swarm: () => import('./swarm')
};

export async function loadFlavors(flavors: Iterable<Flavor>): Promise<void> {
	const missing = [...new Set(flavors)].filter((f) => !isFlavorLoaded(f));
	await Promise.all(missing.map((f) => IMPORTS[f]()));
}
