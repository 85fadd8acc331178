/**
 * kubectl describe's writer (describe.go `tabbedString` + `prefixWriter`): every level indents
 * two spaces, fields are `Key:\tvalue`, and one text/tabwriter (minwidth 0, padding 2) aligns
 * each run of tabbed lines. A flush (before the Events table) starts the alignment afresh.
 */
import { MONTHS, WEEKDAYS } from '../../core/time';
import { KUBECTL_DESCRIBE, tabwrite } from '../tabwriter';

export class DescribeWriter {
	private done = '';
	private pending = '';

	/** Writes `text` at `level` (describe.go LEVEL_0…LEVEL_4: two spaces a level). */
	write(level: number, text: string): void {
		this.pending += '  '.repeat(level) + text;
	}

	/** Aligns what was written so far on its own (tabwriter.Flush). */
	flush(): void {
		this.done += tabwrite(this.pending, KUBECTL_DESCRIBE);
		this.pending = '';
	}

	toString(): string {
		this.flush();
		return this.done;
	}

	/**
	 * What was written, unaligned: a bare prefixWriter over a buffer, as `rollout history
	 * --revision` prints a pod template (polymorphichelpers/history.go printTemplate), tabs and all.
	 */
	unaligned(): string {
		return this.done + this.pending;
	}
}

/** `Mon, 12 Jan 2026 09:14:03 +0000`: Go's time.RFC1123Z of an API timestamp, in UTC. */
export function rfc1123z(timestamp: string | undefined): string {
	if (timestamp === undefined) return '<unset>';
	const d = new Date(Date.parse(timestamp));
	const day = WEEKDAYS[d.getUTCDay()];
	const month = MONTHS[d.getUTCMonth()];
	const two = (n: number) => String(n).padStart(2, '0');
	return `${day}, ${two(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/**
 * printLabelsMultiline: the first `k=v` after the title, the others on continuation lines
 * aligned under it, keys sorted; `<none>` when empty. `indent` prefixes a nested title
 * (`  Labels` in a pod template).
 */
export function writeLabels(
	w: DescribeWriter,
	title: string,
	labels: Readonly<Record<string, string>> | undefined
): void {
	writeList(
		w,
		title,
		Object.keys(labels ?? {})
			.sort()
			.map((k) => `${k}=${labels![k]}`)
	);
}

/** A titled list whose items align under the first one (labels, taints, tolerations). */
export function writeList(w: DescribeWriter, title: string, items: readonly string[]): void {
	w.write(0, `${title}:\t`);
	if (items.length === 0) {
		w.write(0, '<none>\n');
		return;
	}
	items.forEach((item, i) => w.write(0, `${i === 0 ? '' : '\t'}${item}\n`));
}

const MAX_ANNOTATION_LEN = 140;
/** kubectl.kubernetes.io/last-applied-configuration is never shown (describe.go skipAnnotations). */
const HIDDEN_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** printAnnotationsMultiline: `k: v`, long or multi-line values on their own lines. */
export function writeAnnotations(
	w: DescribeWriter,
	title: string,
	annotations: Readonly<Record<string, string>> | undefined
): void {
	const keys = Object.keys(annotations ?? {})
		.filter((k) => !HIDDEN_ANNOTATIONS.has(k))
		.sort();
	w.write(0, `${title}:\t`);
	if (keys.length === 0) {
		w.write(0, '<none>\n');
		return;
	}
	keys.forEach((k, i) => {
		if (i !== 0) w.write(0, '\t');
		const value = annotations![k]!;
		if (k.length + value.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
			w.write(0, `${k}:\n`);
			for (const line of value.split('\n')) {
				const cut = line.length > MAX_ANNOTATION_LEN - 2 ? line.slice(0, 138) + '...' : line;
				w.write(0, `\t  ${cut}\n`);
			}
		} else w.write(0, `${k}: ${value}\n`);
	});
}
