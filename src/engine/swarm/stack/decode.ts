/**
 * What mapstructure (the loader's `Transform`) adds after schema validation: unsigned fields
 * refuse negative numbers and decode hooks (sizes, ports, volume specs, commands) may fail.
 * mapstructure names the field by its Go path (`Deploy.Replicas`, `Ports[0].Target`) and
 * collects errors as `1 error(s) decoding:\n\n* …`.
 */
import { StackError, type Value } from './types';

export function decodeError(message: string): StackError {
	return new StackError(`1 error(s) decoding:\n\n* ${message}`);
}

/** A decode hook's failure: `error decoding 'Name': <err>`. */
export function hookError(name: string, message: string): StackError {
	return decodeError(`error decoding '${name}': ${message}`);
}

/** decodeUint: a negative int or float cannot fill a Go uint. */
export function toUint(name: string, value: Value | undefined): number | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number') return undefined;
	if (value < 0) {
		const shown = Number.isInteger(value) ? String(value) : value.toFixed(6);
		throw decodeError(`cannot parse '${name}', ${shown} overflows uint`);
	}
	return Math.trunc(value);
}
