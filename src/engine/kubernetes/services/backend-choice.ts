/**
 * How a proxy picks one endpoint for a new connection.
 *
 * iptables (pkg/proxy/iptables/proxier.go writeServiceToEndpointRules): one rule per endpoint,
 * rule i matching with probability 1/(n−i) (`-m statistic --mode random --probability`), the
 * last rule always — every endpoint ends up with 1/n. IPVS (`rr`, the default scheduler):
 * strict rotation. Both facts: facts.md §1.6.
 */
import type { RandomStream } from '../../core/rng';

/** The index the iptables chain picks, walking its rules with the real probabilities. */
export function iptablesPick(n: number, random: RandomStream): number {
	for (let i = 0; i < n - 1; i++) if (random.next() < 1 / (n - i)) return i;
	return n - 1;
}

/** The index round-robin picks, and the cursor for the next connection. */
export function roundRobinPick(n: number, cursor: number): { index: number; next: number } {
	const index = ((cursor % n) + n) % n;
	return { index, next: index + 1 };
}
