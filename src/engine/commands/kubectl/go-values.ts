/**
 * How Go prints decoded JSON values (map[string]interface{}, []interface{}, int64, float64),
 * for the texts kubectl builds with fmt and encoding/json: jsonpath results, custom-columns
 * cells and the `%#v` dump in a jsonpath error.
 */
import { escapeLikeGo, goQuote, sortKeysDeep as sortKeys } from '../../manifests/json';
import type { Json } from './jsonpath';

/**
 * fmt's %v of a number. Whole numbers are int64 in unstructured JSON and print in full; other
 * numbers are float64, which %v prints as %g with the shortest digits, switching to an
 * exponent when it is below -4 or at least 6 (strconv 'g' with the shortest digits uses
 * precision 6 for that choice: fmt.Println(1234567.5) prints 1.2345675e+06).
 */
export function goFloat(n: number): string {
	if (Number.isInteger(n)) return String(n);
	const exp = Math.floor(Math.log10(Math.abs(n)));
	if (exp < -4 || exp >= 6) {
		const [mantissa, e] = n.toExponential().split('e') as [string, string];
		const sign = e.startsWith('-') ? '-' : '+';
		const digits = e.replace(/^[+-]/, '').padStart(2, '0');
		return `${mantissa}e${sign}${digits}`;
	}
	return String(n);
}

/** json.Marshal of a decoded value: map keys sorted, compact. */
export function goJsonCompact(value: Json): string {
	return escapeLikeGo(JSON.stringify(sortKeys(value)));
}

/** json.MarshalIndent(value, "", "    "). */
export function goJsonIndent(value: Json): string {
	return escapeLikeGo(JSON.stringify(sortKeys(value), null, 4));
}

/** fmt's %#v of a decoded JSON value: `map[string]interface {}{"a":1, "b":[]interface {}{…}}`. */
export function goSharpV(value: Json): string {
	if (value === null) return 'interface {}(nil)';
	if (typeof value === 'string') return goQuote(value);
	if (typeof value === 'boolean') return String(value);
	if (typeof value === 'number') return goFloat(value);
	if (Array.isArray(value)) return `[]interface {}{${value.map(goSharpV).join(', ')}}`;
	const keys = Object.keys(value).sort();
	const body = keys.map((k) => `${goQuote(k)}:${goSharpV(value[k]!)}`).join(', ');
	return `map[string]interface {}{${body}}`;
}
