// Column alignment the way kubectl and the docker CLI do it: both feed tab-separated cells into
// Go's text/tabwriter (or a fork of it), so byte-exact output needs the same algorithm, not an
// approximation. See cli-formats.md §1.1.

/** Settings for one tabwriter pass; mirrors the arguments of Go's `tabwriter.NewWriter`. */
export interface TabwriterOptions {
	/** Minimal column width, padding included. */
	minWidth: number;
	/** Spaces added to the widest cell of a column block. */
	padding: number;
	/** Cell width measure; Go's text/tabwriter counts runes, so the default counts code points. */
	width?: (s: string) => number;
}

/** Number of code points in `s`, which is what text/tabwriter (and so kubectl) measures. */
export function runeCount(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		// A valid surrogate pair is one rune; a lone surrogate still counts as one (Go would see
		// U+FFFD there).
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
			const d = s.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) i++;
		}
		n++;
	}
	return n;
}

// Sorted, non-overlapping inclusive ranges of East Asian Wide (W) and Fullwidth (F) code points,
// abridged from Unicode's EastAsianWidth.txt to the blocks a console is likely to meet.
const WIDE: readonly (readonly [number, number])[] = [
	[0x1100, 0x115f], // Hangul Jamo initial consonants
	[0x231a, 0x231b],
	[0x2329, 0x232a],
	[0x23e9, 0x23ec],
	[0x23f0, 0x23f0],
	[0x23f3, 0x23f3],
	[0x25fd, 0x25fe],
	[0x2614, 0x2615],
	[0x2648, 0x2653],
	[0x267f, 0x267f],
	[0x2693, 0x2693],
	[0x26a1, 0x26a1],
	[0x26aa, 0x26ab],
	[0x26bd, 0x26be],
	[0x26c4, 0x26c5],
	[0x26ce, 0x26ce],
	[0x26d4, 0x26d4],
	[0x26ea, 0x26ea],
	[0x26f2, 0x26f3],
	[0x26f5, 0x26f5],
	[0x26fa, 0x26fa],
	[0x26fd, 0x26fd],
	[0x2705, 0x2705],
	[0x270a, 0x270b],
	[0x2728, 0x2728],
	[0x274c, 0x274c],
	[0x274e, 0x274e],
	[0x2753, 0x2755],
	[0x2757, 0x2757],
	[0x2795, 0x2797],
	[0x27b0, 0x27b0],
	[0x27bf, 0x27bf],
	[0x2b1b, 0x2b1c],
	[0x2b50, 0x2b50],
	[0x2b55, 0x2b55],
	[0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
	[0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
	[0x3400, 0x4dbf], // CJK Unified Ideographs Extension A
	[0x4e00, 0x9fff], // CJK Unified Ideographs
	[0xa000, 0xa4cf], // Yi
	[0xa960, 0xa97f], // Hangul Jamo Extended-A
	[0xac00, 0xd7a3], // Hangul syllables
	[0xf900, 0xfaff], // CJK compatibility ideographs
	[0xfe10, 0xfe19], // vertical forms
	[0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
	[0xff00, 0xff60], // fullwidth forms
	[0xffe0, 0xffe6], // fullwidth signs
	[0x16fe0, 0x16fe4],
	[0x17000, 0x18cff], // Tangut
	[0x1b000, 0x1b2ff], // Kana supplement and extensions, Nushu
	[0x1f004, 0x1f004],
	[0x1f0cf, 0x1f0cf],
	[0x1f18e, 0x1f18e],
	[0x1f191, 0x1f19a],
	[0x1f200, 0x1f2ff], // enclosed ideographic supplement
	[0x1f300, 0x1f64f], // miscellaneous symbols and pictographs, emoticons
	[0x1f680, 0x1f6ff], // transport and map symbols
	[0x1f7e0, 0x1f7eb],
	[0x1f90c, 0x1f9ff], // supplemental symbols and pictographs
	[0x1fa70, 0x1faff], // symbols and pictographs extended-A
	[0x20000, 0x2fffd], // CJK Unified Ideographs Extension B and later
	[0x30000, 0x3fffd]
];

// Non-printing code points that go-runewidth measures as 0 besides combining marks.
const ZERO: readonly (readonly [number, number])[] = [
	[0x0000, 0x001f],
	[0x007f, 0x009f],
	[0x00ad, 0x00ad],
	[0x070f, 0x070f],
	[0x180b, 0x180e],
	[0x200b, 0x200f],
	[0x2028, 0x202e],
	[0x2060, 0x2064],
	[0x206a, 0x206f],
	[0xd800, 0xdfff],
	[0xfeff, 0xfeff],
	[0xfff9, 0xfffb]
];

function inRanges(cp: number, table: readonly (readonly [number, number])[]): boolean {
	let lo = 0;
	let hi = table.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const r = table[mid];
		if (r === undefined) return false;
		if (cp < r[0]) hi = mid - 1;
		else if (cp > r[1]) lo = mid + 1;
		else return true;
	}
	return false;
}

const COMBINING = /^[\p{Mn}\p{Me}]$/u;

/** Terminal columns one code point occupies: 0 (combining, control), 1, or 2 (wide). */
export function codePointWidth(cp: number): number {
	if (cp < 0x20) return 0;
	if (cp < 0x7f) return 1;
	if (inRanges(cp, ZERO)) return 0;
	if (cp < 0x300) return 1;
	// go-runewidth tests combining marks before wide ranges: the kana voicing marks U+3099/309A
	// sit inside a wide block but take no column.
	if (COMBINING.test(String.fromCodePoint(cp))) return 0;
	return inRanges(cp, WIDE) ? 2 : 1;
}

/**
 * Terminal display width of `s`, as docker's tabwriter fork measures it with go-runewidth:
 * East Asian wide and fullwidth characters (and most emoji) count 2, combining marks 0.
 */
export function displayWidth(s: string): number {
	let w = 0;
	// for…of walks code points; a lone surrogate comes out on its own and measures 0.
	for (const ch of s) {
		w += codePointWidth(ch.codePointAt(0) ?? 0);
	}
	return w;
}

/** kubectl `get` tables: `printers.GetNewTabWriter` (minwidth 6, padding 3, rune count). */
export const KUBECTL_GET: TabwriterOptions = { minWidth: 6, padding: 3 };

/** kubectl `describe` and `rollout history`: describe.go `tabbedString` (minwidth 0, padding 2). */
export const KUBECTL_DESCRIBE: TabwriterOptions = { minWidth: 0, padding: 2 };

/** docker `table` formats: formatter.go (minwidth 10, padding 3, display width). */
export const DOCKER_TABLE: TabwriterOptions = { minWidth: 10, padding: 3, width: displayWidth };

/**
 * Align `text` (cells separated by `\t`, lines ended by `\n`) exactly as Go's text/tabwriter
 * does with padchar ' ' and no flags, followed by a final Flush. A final `\n` is kept.
 */
export function tabwrite(text: string, opts: TabwriterOptions): string {
	const measure = opts.width ?? runeCount;
	const minWidth = opts.minWidth;
	const padding = opts.padding;
	// After a trailing '\n' Go holds one empty line that prints as nothing, so a plain split
	// followed by a join reproduces the final newline (or its absence) for free.
	const lines = text.split('\n').map((l) => l.split('\t'));
	// Each cell's width is needed once per enclosing block, so measure everything up front.
	const cellWidths = lines.map((cells) => cells.map((c) => measure(c)));
	const out: string[] = [];
	const widths: number[] = [];

	const emit = (a: number, b: number): void => {
		for (let i = a; i < b; i++) {
			const cells = lines[i] ?? [];
			const cw = cellWidths[i] ?? [];
			let s = '';
			for (let j = 0; j < cells.length; j++) {
				s += cells[j] ?? '';
				// The trailing cell has no width entry (it ends no column), so it stays unpadded.
				const w = widths[j];
				if (w !== undefined) s += ' '.repeat(Math.max(0, w - (cw[j] ?? 0)));
			}
			out.push(s);
		}
	};

	// Column blocks nest (a block of column k lives inside one block of column k-1), hence the
	// recursion; depth is bounded by the number of tabs on a line.
	const format = (line0: number, line1: number): void => {
		const column = widths.length;
		let a = line0;
		let i = line0;
		while (i < line1) {
			if ((lines[i]?.length ?? 0) - 1 <= column) {
				i++;
				continue;
			}
			// Lines before the block have nothing in this column: they are final now.
			emit(a, i);
			a = i;
			let width = minWidth;
			while (i < line1 && (lines[i]?.length ?? 0) - 1 > column) {
				width = Math.max(width, (cellWidths[i]?.[column] ?? 0) + padding);
				i++;
			}
			widths.push(width);
			format(a, i);
			widths.pop();
			a = i;
		}
		emit(a, line1);
	};

	format(0, lines.length);
	return out.join('\n');
}
