/**
 * Plain objects that keep in themselves only what is their own, and work the rest out when
 * read.
 *
 * A field computed from another field of the object (`status.podIPs` from `status.podIP`), or
 * from a value the object keeps hidden in compact form (`Packed`: `status.podIP` from its
 * code), is an own enumerable accessor here, with one getter function per field. V8 keeps an
 * accessor defined with the same getter on objects of one shape in that shape (the map's
 * descriptors), not in each object: such a field costs the object nothing. To every reader it
 * is the field it replaces: `Object.keys`, `for in`, spreads, `JSON.stringify`, YAML and deep
 * equality all see it, in its place in the key order, with its value. Only
 * `Object.getOwnPropertyDescriptor` could tell; stored objects are never written to in place,
 * so a getter without a setter changes nothing.
 *
 * Defining an accessor is a runtime call (about 0.3 µs): worth it only where a field costs
 * many bytes per object, on objects built a few times per pod.
 */

/**
 * Constructors whose objects are plain (their prototype is Object.prototype, as a literal's)
 * with exactly `n` in-object fields. V8 gives a constructor's first objects room for as many
 * fields as its body assigns to `this` (counted by the parser, reached or not), then shrinks
 * that to what the first few used (slack tracking): so the body names MAX_FIELDS fields it never
 * sets, and each constructor is run a few times with `n` fields when this module loads. With an
 * empty body the room stops at about ten, and a pod's spec spilled into a property array.
 */
export const MAX_FIELDS = 24;
/** Never true: it only keeps the parser's count of the fields below. */
let neverSet = false;
const SIZED: (new () => Record<string, unknown>)[] = [];
for (let n = 0; n <= MAX_FIELDS; n++) {
	const Sized = function (this: Record<string, unknown>) {
		if (neverSet) {
			this.f0 = this.f1 = this.f2 = this.f3 = this.f4 = this.f5 = this.f6 = this.f7 = 0;
			this.f8 = this.f9 = this.f10 = this.f11 = this.f12 = this.f13 = this.f14 = this.f15 = 0;
			this.f16 = this.f17 = this.f18 = this.f19 = this.f20 = this.f21 = this.f22 = this.f23 = 0;
		}
	} as unknown as new () => Record<string, unknown>;
	Sized.prototype = Object.prototype;
	for (let w = 0; w < 12; w++) {
		const o = new Sized();
		for (let k = 0; k < n; k++) o[`f${k}`] = 0;
	}
	SIZED.push(Sized);
}
neverSet = false;

/** A new plain object with room in itself for `n` fields (n ≤ MAX_FIELDS). */
export function sizedObject(n: number): Record<string, unknown> {
	return new SIZED[n]!();
}

/** An enumerable accessor with getter `get`, to define on objects of one shape. */
export function accessor(get: (this: Record<string, unknown>) => unknown): PropertyDescriptor {
	return { get, enumerable: true, configurable: true };
}

/** A class whose constructor returns the object it is given (see `Revision`). */
const Given = function (o: object) {
	return o;
} as unknown as new (o: object) => object;

/**
 * A number kept in an object where no reader can see it: a private field, stamped onto a plain
 * object by a constructor whose base returns that object (private fields are added to whatever
 * the base constructor returns). Spreads, keys and JSON skip it; a copy does not carry it; and
 * stamping is an ordinary field store, where defining a hidden property is a runtime call.
 */
export class Revision extends Given {
	#revision: number;
	private constructor(o: object, revision: number) {
		super(o);
		this.#revision = revision;
	}
	/** Stamps `revision` onto `o` (which must not have one yet). */
	static stamp(o: object, revision: number): void {
		new Revision(o, revision);
	}
	/** The revision stamped onto `o`, or undefined. */
	static of(o: object): number | undefined {
		return #revision in o ? (o as Revision).#revision : undefined;
	}
}

/**
 * A field's value kept in compact form where no reader can see it (as `Revision`, a slot of its
 * own): an accessor makes the field's value from it when read.
 */
export class Packed extends Given {
	#packed: number | string;
	private constructor(o: object, packed: number | string) {
		super(o);
		this.#packed = packed;
	}
	/** Stamps `packed` onto `o` (which must not have one yet). */
	static stamp(o: object, packed: number | string): void {
		new Packed(o, packed);
	}
	/** What is stamped onto `o`, which must have been stamped. */
	static of(o: object): number | string {
		return (o as Packed).#packed;
	}
}
