/**
 * A column of strings drawn from a few values (the Events' subject namespaces): each row holds
 * a four-byte id in a typed array, the values are kept once. A 150,000-pod cluster's subjects
 * are nearly all in one namespace; a reference per row would be eight bytes of the JS heap.
 */
import { IntColumn } from '../../core/columns';

export class InternedColumn {
	private readonly ids = new IntColumn(Uint32Array);
	private readonly values: string[] = [];
	private readonly idOf = new Map<string, number>();

	get(row: number): string {
		return this.values[this.ids.get(row)]!;
	}

	set(row: number, value: string): void {
		let id = this.idOf.get(value);
		if (id === undefined) this.idOf.set(value, (id = this.values.push(value) - 1));
		this.ids.set(row, id);
	}

	/** Lets go of the rows from `rows` on (the values stay: a later row may use them again). */
	truncate(rows: number): void {
		this.ids.truncate(rows);
	}
}
