/**
 * Moving an SVG path by rewriting its coordinates rather than with a `transform`. In Chromium
 * every SVG element with a transform gets a transform node of its own and splits the paint into
 * chunks around it; with a hundred cards of eight pods, each with a translated icon, the
 * compositor's re-layering (PaintArtifactCompositor::Update) took 10–19 ms a frame while
 * anything moved or faded. Paths placed by their coordinates cost it about 2 ms.
 */

/** Parameters each path command takes, in order; `[x]`/`[y]` mark the absolute coordinates. */
const PARAMS: Record<string, readonly ('x' | 'y' | '-')[]> = {
	M: ['x', 'y'],
	L: ['x', 'y'],
	T: ['x', 'y'],
	H: ['x'],
	V: ['y'],
	C: ['x', 'y', 'x', 'y', 'x', 'y'],
	S: ['x', 'y', 'x', 'y'],
	Q: ['x', 'y', 'x', 'y'],
	A: ['-', '-', '-', '-', '-', 'x', 'y'],
	Z: []
};

const TOKEN = /([MLTHVCSQAZmltvhcsqaz])|([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/g;

/** A tidy number: no float noise (0.1 + 5 = 5.1, not 5.1000000000000005). */
function format(n: number): string {
	return String(Math.round(n * 1000) / 1000);
}

/**
 * `d` moved by (dx, dy): absolute commands' coordinates shift, relative ones stay (a path's
 * opening `m` is absolute too). Repeated parameter groups repeat the command's pattern.
 */
export function translatePath(d: string, dx: number, dy: number): string {
	let out = '';
	let command = '';
	let params: readonly ('x' | 'y' | '-')[] = [];
	let index = 0;
	let first = true;
	for (const [, letter, number] of d.matchAll(TOKEN)) {
		if (letter !== undefined) {
			command = letter;
			const absolute = letter === letter.toUpperCase() || (first && letter === 'm');
			params = absolute ? (PARAMS[letter.toUpperCase()] ?? []) : [];
			index = 0;
			first = false;
			out += letter;
			continue;
		}
		const value = Number(number);
		// After an opening `m`, further pairs are relative line-tos.
		if (command === 'm' && index >= 2) params = [];
		const kind = params.length === 0 ? '-' : params[index % params.length];
		const moved = kind === 'x' ? value + dx : kind === 'y' ? value + dy : value;
		// A space before each number but the first after a letter, as the shapes are written.
		out += (index === 0 ? '' : ' ') + format(moved);
		index++;
	}
	return out;
}

const cache = new Map<string, string>();

/** translatePath, remembered: the views place the same few shapes at the same few offsets. */
export function placedPath(d: string, dx: number, dy: number): string {
	const key = `${dx},${dy},${d}`;
	let placed = cache.get(key);
	if (placed === undefined) {
		placed = translatePath(d, dx, dy);
		if (cache.size > 2_000) cache.clear();
		cache.set(key, placed);
	}
	return placed;
}
