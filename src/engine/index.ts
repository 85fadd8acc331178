/** The engine's one import surface for views, the CLI and tests. */
// Both flavours, statically, so that createLab works at once here. The site's pages import
// createLab from ./lab and await flavors/load's loadFlavors instead: one flavour per page.
import './flavors/all';
export { createLab, MAX_NODES } from './lab';
export type * from './types';
