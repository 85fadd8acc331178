/** Natural order, as docker sorts names (`node-2` before `node-10`). */
export function naturalCompare(a: string, b: string): number {
	return a.localeCompare(b, 'en', { numeric: true });
}
