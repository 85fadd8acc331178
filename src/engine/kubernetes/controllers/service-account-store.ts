/**
 * Where the ServiceAccounts live: a collection of the store kept in a map of its own, so that
 * the `default` accounts of the four namespaces the API server makes at start-up (kubectl's
 * namespaces.ts draws those namespaces, rv 1–4, without taking store revisions) can be there
 * from the first instant without taking revisions either — every later resourceVersion stays
 * what it was before the accounts were stored. Every other write (`kubectl create
 * serviceaccount`, apply, delete, the serviceaccounts controller) goes through the store as
 * usual and takes the next revision.
 */
import type { CollectionView } from '../../core/store';
import type { Component } from '../../core/kernel';

interface Entry {
	readonly object: unknown;
	readonly revision: number;
}

export class ServiceAccountStore implements CollectionView, Component {
	readonly name = 'serviceaccount-store';
	private entries = new Map<string, Entry>();
	/** Keys in order, dropped when a key comes or goes (lists are rarer than gets). */
	private sorted: string[] | undefined;

	get(key: string): unknown {
		return this.entries.get(key)?.object;
	}

	list(): unknown[] {
		this.sorted ??= [...this.entries.keys()].sort();
		return this.sorted.map((k) => this.entries.get(k)!.object);
	}

	size(): number {
		return this.entries.size;
	}

	revisionOf(key: string): number | undefined {
		return this.entries.get(key)?.revision;
	}

	put(key: string, object: unknown, revision: number): void {
		if (!this.entries.has(key)) this.sorted = undefined;
		this.entries.set(key, { object, revision });
	}

	delete(key: string): unknown {
		const entry = this.entries.get(key);
		if (entry === undefined) return undefined;
		this.entries.delete(key);
		this.sorted = undefined;
		return entry.object;
	}

	/** An object the API server has from its start, at the revision it was made with. */
	seed(key: string, object: unknown, revision: number): void {
		this.put(key, object, revision);
	}

	save(): Map<string, Entry> {
		// Entries are never changed in place: a checkpoint shares them.
		return new Map(this.entries);
	}

	load(state: unknown): void {
		this.entries = new Map(state as Map<string, Entry>);
		this.sorted = undefined;
	}
}
