const isDigit = (c: string) => c >= '0' && c <= '9';

/**
 * github.com/fvbommel/sortorder NaturalLess: byte order (so `UPPER` before `lower`, `-` before
 * `_`), digit runs compared as numbers, digits before other characters.
 */
export function naturalLess(a: string, b: string): boolean {
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		const c1 = a.charAt(i);
		const c2 = b.charAt(j);
		const d1 = isDigit(c1);
		const d2 = isDigit(c2);
		if (d1 !== d2) return d1;
		if (!d1) {
			if (c1 !== c2) return c1 < c2;
			i++;
			j++;
			continue;
		}
		while (i < a.length && a.charAt(i) === '0') i++;
		while (j < b.length && b.charAt(j) === '0') j++;
		const start1 = i;
		const start2 = j;
		while (i < a.length && isDigit(a.charAt(i))) i++;
		while (j < b.length && isDigit(b.charAt(j))) j++;
		if (i - start1 !== j - start2) return i - start1 < j - start2;
		const n1 = a.slice(start1, i);
		const n2 = b.slice(start2, j);
		if (n1 !== n2) return n1 < n2;
		if (start1 !== start2) return start1 < start2;
	}
	return a.length < b.length;
}

/**
 * Natural order, as docker sorts names (`node-2` before `node-10`): the docker CLI sorts every
 * list with sortorder.NaturalLess (service/list.go, node/list.go, task/print.go, secret/ls.go,
 * network/list.go, volume/list.go, stack/list.go).
 */
export function naturalCompare(a: string, b: string): number {
	return naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0;
}
