/**
 * Interpolation over the whole compose dict (docker/cli cli/compose/interpolation/
 * interpolation.go), with the loader's type casts (cli/compose/loader/interpolate.go): a string
 * that changed under substitution at, say, `services.*.deploy.replicas` becomes an int.
 */
import { goQuote } from '../../manifests/json';
import { InvalidTemplateError, substitute, type Lookup } from './template';
import { StackError, type Dict, type Value } from './types';

type Cast = (value: string) => Value;

class CastError extends Error {}

/** strconv.Atoi (int64 on the 64-bit platforms docker ships for). */
function toInt(value: string): Value {
	if (!/^[+-]?[0-9]+$/.test(value)) {
		throw new CastError(`strconv.Atoi: parsing ${goQuote(value)}: invalid syntax`);
	}
	const n = BigInt(value);
	if (n > 9223372036854775807n || n < -9223372036854775808n) {
		throw new CastError(`strconv.Atoi: parsing ${goQuote(value)}: value out of range`);
	}
	return Number(n);
}

/** strconv.ParseFloat(value, 64), for the decimal forms compose files use. */
function toFloat(value: string): Value {
	const text = value.replace(/_/g, '');
	if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text) || text !== value) {
		if (/^[+-]?(?:inf|infinity)$/i.test(value) || /^nan$/i.test(value)) return Number(value);
		throw new CastError(`strconv.ParseFloat: parsing ${goQuote(value)}: invalid syntax`);
	}
	const n = Number(text);
	if (!Number.isFinite(n)) {
		throw new CastError(`strconv.ParseFloat: parsing ${goQuote(value)}: value out of range`);
	}
	return n;
}

/** "should match http://yaml.org/type/bool.html" (interpolate.go toBoolean). */
function toBoolean(value: string): Value {
	switch (value.toLowerCase()) {
		case 'y':
		case 'yes':
		case 'true':
		case 'on':
			return true;
		case 'n':
		case 'no':
		case 'false':
		case 'off':
			return false;
		default:
			throw new CastError(`invalid boolean: ${value}`);
	}
}

const service = (...parts: string[]) => ['services', '*', ...parts].join('.');

// interpolateTypeCastMapping, in loader/interpolate.go.
const CASTS: [string, Cast][] = [
	[service('configs', '[]', 'mode'), toInt],
	[service('secrets', '[]', 'mode'), toInt],
	[service('healthcheck', 'retries'), toInt],
	[service('healthcheck', 'disable'), toBoolean],
	[service('deploy', 'replicas'), toInt],
	[service('deploy', 'update_config', 'parallelism'), toInt],
	[service('deploy', 'update_config', 'max_failure_ratio'), toFloat],
	[service('deploy', 'rollback_config', 'parallelism'), toInt],
	[service('deploy', 'rollback_config', 'max_failure_ratio'), toFloat],
	[service('deploy', 'restart_policy', 'max_attempts'), toInt],
	[service('deploy', 'placement', 'max_replicas_per_node'), toInt],
	[service('ports', '[]', 'target'), toInt],
	[service('ports', '[]', 'published'), toInt],
	[service('ulimits', '*'), toInt],
	[service('ulimits', '*', 'hard'), toInt],
	[service('ulimits', '*', 'soft'), toInt],
	[service('privileged'), toBoolean],
	[service('read_only'), toBoolean],
	[service('stdin_open'), toBoolean],
	[service('tty'), toBoolean],
	[service('volumes', '[]', 'read_only'), toBoolean],
	[service('volumes', '[]', 'volume', 'nocopy'), toBoolean],
	['networks.*.external', toBoolean],
	['networks.*.internal', toBoolean],
	['networks.*.attachable', toBoolean],
	['volumes.*.external', toBoolean],
	['secrets.*.external', toBoolean],
	['configs.*.external', toBoolean]
];

/** Path.matches: same number of dotted parts, `*` matching any one part. */
function matches(path: string, pattern: string): boolean {
	const parts = path.split('.');
	const patternParts = pattern.split('.');
	if (parts.length !== patternParts.length) return false;
	return parts.every((part, i) => patternParts[i] === '*' || patternParts[i] === part);
}

function pathError(path: string, error: Error): StackError {
	if (error instanceof InvalidTemplateError) {
		return new StackError(
			`invalid interpolation format for ${path}: ${goQuote(error.template)}; you may need to escape any $ with another $`
		);
	}
	return new StackError(`error while interpolating ${path}: ${error.message}`);
}

function interpolateValue(value: Value, path: string, lookup: Lookup): Value {
	if (typeof value === 'string') {
		const result = substitute(value, lookup);
		if (result.error) throw pathError(path, result.error);
		if (result.value === value) return value;
		const cast = CASTS.find(([pattern]) => matches(path, pattern))?.[1];
		if (cast === undefined) return result.value;
		try {
			return cast(result.value);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			throw pathError(path, new Error(`failed to cast to expected type: ${message}`));
		}
	}
	if (Array.isArray(value))
		return value.map((item) => interpolateValue(item, `${path}.[]`, lookup));
	if (value !== null && typeof value === 'object') {
		const out: Dict = Object.create(null) as Dict;
		for (const [key, item] of Object.entries(value)) {
			out[key] = interpolateValue(item, `${path}.${key}`, lookup);
		}
		return out;
	}
	return value;
}

export function interpolateConfig(config: Dict, lookup: Lookup): Dict {
	const out: Dict = Object.create(null) as Dict;
	for (const [key, value] of Object.entries(config))
		out[key] = interpolateValue(value, key, lookup);
	return out;
}
