/**
 * intstr.GetScaledValueFromIntOrPercent: `25%` of 10 is 2.5, rounded up for maxSurge and
 * down for maxUnavailable (deployment util ResolveFenceposts).
 */
export function resolveIntOrPercent(
	value: number | string,
	total: number,
	roundUp: boolean
): number {
	if (typeof value === 'number') return value;
	const m = /^(\d+)%$/.exec(value);
	if (m === null) return Number(value) || 0;
	const exact = (Number(m[1]) * total) / 100;
	return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
