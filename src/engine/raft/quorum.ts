/** Quorum arithmetic (facts.md §1.7, §2.2: quorum = ⌊n/2⌋ + 1). */

export function majority(voters: number): number {
	return Math.floor(voters / 2) + 1;
}

/**
 * The highest index that a majority of voters has stored: the match index at position
 * n − majority of the ascending order (etcd-raft quorum.MajorityConfig.CommittedIndex).
 */
export function majorityMatch(matchIndexes: readonly number[]): number {
	const n = matchIndexes.length;
	if (n === 0) return 0;
	// A typed array sorts numerically without a comparator call per pair.
	const sorted = Float64Array.from(matchIndexes).sort();
	return sorted[n - majority(n)]!;
}
