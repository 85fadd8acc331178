/**
 * Label selectors as `kubectl -l` takes them (apimachinery labels.Parse): `k=v`, `k==v`,
 * `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`, joined by commas.
 */

export type Requirement =
	| { key: string; op: 'eq' | 'neq'; values: [string] }
	| { key: string; op: 'in' | 'notin'; values: string[] }
	| { key: string; op: 'exists' | 'notexists' };

export type Selector = readonly Requirement[];

const KEY =
	/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits on commas that are not inside parentheses. */
function splitTop(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '(') depth++;
		else if (c === ')') depth--;
		else if (c === ',' && depth === 0) {
			parts.push(text.slice(start, i));
			start = i + 1;
		}
	}
	parts.push(text.slice(start));
	return parts;
}

export function parseSelector(
	text: string
): { ok: true; selector: Selector } | { ok: false; error: string } {
	const reqs: Requirement[] = [];
	if (text.trim() === '') return { ok: true, selector: reqs };
	for (const raw of splitTop(text)) {
		const part = raw.trim();
		const bad = (why: string) => ({
			ok: false as const,
			error: `unable to parse requirement: ${why}`
		});
		let m: RegExpMatchArray | null;
		if ((m = part.match(/^(\S+?)\s+(in|notin)\s+\(([^)]*)\)$/))) {
			const values = m[3]!.split(',').map((v) => v.trim());
			if (!KEY.test(m[1]!)) return bad(`invalid label key "${m[1]}"`);
			if (values.some((v) => !VALUE.test(v))) return bad(`invalid label value in "${part}"`);
			reqs.push({ key: m[1]!, op: m[2] as 'in' | 'notin', values });
		} else if ((m = part.match(/^([^=!\s]+)\s*(==|=|!=)\s*([^=!\s]*)$/))) {
			if (!KEY.test(m[1]!)) return bad(`invalid label key "${m[1]}"`);
			if (!VALUE.test(m[3]!)) return bad(`invalid label value: "${m[3]}"`);
			reqs.push({ key: m[1]!, op: m[2] === '!=' ? 'neq' : 'eq', values: [m[3]!] });
		} else if ((m = part.match(/^!\s*(\S+)$/))) {
			if (!KEY.test(m[1]!)) return bad(`invalid label key "${m[1]}"`);
			reqs.push({ key: m[1]!, op: 'notexists' });
		} else if (KEY.test(part)) {
			reqs.push({ key: part, op: 'exists' });
		} else {
			return bad(`found '${part}', expected: identifier`);
		}
	}
	return { ok: true, selector: reqs };
}

export function matches(
	selector: Selector,
	labels: Readonly<Record<string, string>> = {}
): boolean {
	return selector.every((r) => {
		const has = Object.prototype.hasOwnProperty.call(labels, r.key);
		const v = labels[r.key];
		switch (r.op) {
			case 'eq':
				return has && v === r.values[0];
			case 'neq':
				return !has || v !== r.values[0];
			case 'in':
				return has && r.values.includes(v!);
			case 'notin':
				return !has || !r.values.includes(v!);
			case 'exists':
				return has;
			case 'notexists':
				return !has;
		}
	});
}
