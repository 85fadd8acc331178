/**
 * Shapes of the stack loader: a compose file's plain data (what go-yaml hands docker's loader)
 * and what `loadStack` returns for `docker stack deploy`.
 */
import type { NetworkSpec, ServiceSpec } from '../spec';

/** A YAML value after docker's ParseYAML: string keys only, YAML 1.1 scalars. */
export type Value = string | number | boolean | null | Value[] | Dict;
export interface Dict {
	[key: string]: Value;
}

export function isDict(value: unknown): value is Dict {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A secret or config the stack declares (compose top-level `secrets:` / `configs:`). */
export interface StackFileObject {
	/** The compose key (`db_password`), used in error texts. */
	Key: string;
	/** The swarm name: `<stack>_<key>`, or `name:`, or the external name. */
	Name: string;
	Labels?: Record<string, string>;
	/** Declared `external: true`: must already exist; never created by the stack. */
	External?: boolean;
	/** The file the data comes from, resolved against the stack file's folder. */
	File?: string;
	/** The file's text, or undefined when the file could not be read (the deploy reports it). */
	Data?: string;
	Driver?: string;
}

/** A named volume the stack declares. */
export interface StackVolume {
	Key: string;
	Name: string;
	External?: boolean;
	Driver?: string;
	DriverOpts?: Record<string, string>;
	Labels?: Record<string, string>;
}

export interface StackFile {
	/** The path given with `-c`; relative paths in the file resolve against its folder. */
	path: string;
	text: string;
}

export interface LoadOptions {
	/** The stack (namespace) name: services become `<stack>_<service>`. */
	stackName: string;
	/** The client's environment, for `${VAR}` interpolation. */
	env?: Readonly<Record<string, string>>;
	/** Reads env_file, secret and config files; undefined when the file does not exist. */
	readFile?: (path: string) => string | undefined;
}

export interface LoadedStack {
	ok: true;
	services: ServiceSpec[];
	/** Networks the services use (declared, default or external), sorted by name. */
	networks: NetworkSpec[];
	secrets: StackFileObject[];
	configs: StackFileObject[];
	volumes: StackVolume[];
	/** What docker prints on stderr before deploying, each chunk with its own newlines. */
	warnings: string[];
}

export type LoadResult = LoadedStack | { ok: false; error: string };

/** An error with docker's exact text; the loader turns it into `{ ok: false }`. */
export class StackError extends Error {}
