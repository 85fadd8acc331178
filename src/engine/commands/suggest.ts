/** Cobra's "Did you mean this?" suggestions (command.go SuggestionsFor, distance 2). */

export function levenshtein(a: string, b: string): number {
	const s = a.toLowerCase();
	const t = b.toLowerCase();
	let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
	for (let i = 1; i <= s.length; i++) {
		const row = [i];
		for (let j = 1; j <= t.length; j++) {
			const cost = s[i - 1] === t[j - 1] ? 0 : 1;
			row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
		}
		prev = row;
	}
	return prev[t.length]!;
}

/** Commands within edit distance 2 of what was typed, or that it is a prefix of. */
export function suggestionsFor(typed: string, commands: readonly string[]): string[] {
	if (typed.length > 200) return [];
	return commands.filter(
		(c) => levenshtein(typed, c) <= 2 || c.toLowerCase().startsWith(typed.toLowerCase())
	);
}
