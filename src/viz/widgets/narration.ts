/**
 * The narration with every language's tellings, imported statically: what Node callers (tests)
 * get. The site's widgets import ./narration-core.ts and load a language when a lab needs it
 * (./narration-langs.ts), as the engine's flavours are loaded (src/engine/flavors/load.ts).
 */
import './narration-zh';

export * from './narration-core';
