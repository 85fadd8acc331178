/** The engine's one import surface for views, the CLI and tests. */
export { createLab, MAX_NODES } from './lab';
export type * from './types';
