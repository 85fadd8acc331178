/**
 * `docker build` as BuildKit (docker driver) runs it, and the plain progress it prints: docker
 * CLI 28 builds with buildx, which prints plain progress whenever stderr is not a terminal
 * (docker/buildx commands/build.go: `#0 building with "default" instance using docker driver`,
 * then one `#N` block per vertex) — a lab console is not a terminal. Steps do not run: the lab
 * knows what each instruction leaves in the image (layers, ENTRYPOINT, CMD, EXPOSE …), and a
 * build is instant, so every step reports `DONE 0.0s`. A step this daemon ran before, on the
 * same parent, reports `CACHED`, as BuildKit's cache does.
 */
import { canonical, parseReference, type Resolution } from '../registry/registries';
import { BUILDER_NAME, COPY_LAYER_BYTES, RUN_LAYER_BYTES } from './defaults';
import { commandForm, parseDockerfile, quoteSource, type Instruction } from './dockerfile';
import { makeImage, stepLayer, type Image, type ImageConfig, type Layer } from './image';
import { digestOf } from './sha256';
import { ownValue, putOwn } from '../core/own-keys';

/** A base image as the daemon finds it: local, in the lab registry, or a public one. */
export type BaseLookup =
	| { ok: true; image: Image; /** manifest digest, when it came from a registry */ digest?: string }
	| { ok: false; resolution: Extract<Resolution, { ok: false }> };

export interface BuildRequest {
	/** The Dockerfile's text, or undefined when it could not be read. */
	dockerfile: string | undefined;
	/** The name the progress shows: `Dockerfile`, or the base name given with `-f`. */
	dockerfileName: string;
	/** Reads a file of the build context (for COPY sizes); undefined when it cannot. */
	readContext(path: string): string | undefined;
	buildArgs: Record<string, string>;
	target?: string;
	/** Canonical names to tag the result with (`docker.io/library/web:1`). */
	tags: readonly string[];
	/** Cache keys of steps this daemon already ran. */
	cache: ReadonlySet<string>;
	noCache: boolean;
	findBase(ref: string): BaseLookup;
	now: number;
}

export type BuildResult =
	| { ok: true; image: Image; progress: string; steps: string[] }
	| { ok: false; progress: string; error: string };

interface Stage {
	name?: string;
	index: number;
	from: string;
	fromIns: Instruction;
	body: Instruction[];
}

interface Built {
	image: Image;
	/** Cache key of the stage's last step. */
	key: string;
}

const FAILED = 'ERROR: failed to build: failed to solve: ';

export function build(req: BuildRequest): BuildResult {
	let out = `#0 building with "${BUILDER_NAME}" instance using docker driver\n`;
	let n = 0;
	const vertex = (name: string, lines: string[], end = 'DONE 0.0s') => {
		n++;
		out += `\n#${n} ${name}\n` + [...lines, end].map((l) => `#${n} ${l}\n`).join('');
	};
	const text = req.dockerfile ?? '';
	vertex(`[internal] load build definition from ${req.dockerfileName}`, [
		`transferring dockerfile: ${transferSize(req.dockerfile === undefined ? 2 : byteLength(text))} done`
	]);
	const fail = (message: string, at?: { line?: number; endLine?: number }) => {
		const quote =
			at?.line === undefined ? '' : quoteSource(req.dockerfileName, text, at.line, at.endLine!);
		return { ok: false as const, progress: out, error: `${quote}${FAILED}${message}\n` };
	};
	if (req.dockerfile === undefined) {
		return fail(`failed to read dockerfile: open ${req.dockerfileName}: no such file or directory`);
	}
	const parsed = parseDockerfile(text);
	if (!parsed.ok) return fail(parsed.error.message, parsed.error);

	// Global ARGs (before the first FROM) and --build-arg values substitute into FROM lines.
	const args: Record<string, string> = {};
	const stages: Stage[] = [];
	for (const ins of parsed.instructions) {
		if (ins.keyword === 'FROM') {
			const [ref, , name] = ins.rest.split(/\s+/);
			stages.push({
				...(name !== undefined ? { name: name.toLowerCase() } : {}),
				index: stages.length,
				from: substitute(ref!, { ...args, ...req.buildArgs }),
				fromIns: ins,
				body: []
			});
		} else if (stages.length === 0) {
			const m = /^([^=\s]+)(?:=(.*))?$/.exec(ins.rest.trim());
			if (m !== null) putOwn(args, m[1]!, ownValue(req.buildArgs, m[1]!) ?? unquote(m[2] ?? ''));
		} else stages[stages.length - 1]!.body.push(ins);
	}
	const stageOf = (ref: string) =>
		stages.find((s) => s.name === ref.toLowerCase()) ??
		(/^\d+$/.test(ref) ? stages[Number(ref)] : undefined);
	let target = stages[stages.length - 1]!;
	if (req.target !== undefined) {
		const t = stages.find((s) => s.name === req.target!.toLowerCase());
		if (t === undefined) return fail(`target stage "${req.target}" could not be found`);
		target = t;
	}
	const needed = neededStages(target, stageOf);
	const multi = stages.length > 1;

	// Base images: one metadata vertex each, before anything else runs.
	const bases = new Map<string, BaseLookup>();
	for (const s of stages.filter((st) => needed.has(st.index))) {
		if (stageOf(s.from) !== undefined && stageOf(s.from)!.index < s.index) continue;
		if (s.from === 'scratch' || bases.has(s.from)) continue;
		const ref = parseReference(s.from);
		if (ref === undefined) {
			return fail(`failed to parse stage name "${s.from}": invalid reference format`, s.fromIns);
		}
		const name = canonical(ref);
		const found = req.findBase(s.from);
		bases.set(s.from, found);
		if (!found.ok) {
			const reason = metadataError(name, ref.host, ref.path, ref.tag, found.resolution);
			vertex(`[internal] load metadata for ${name}`, [], `ERROR: ${reason}`);
			out += `------\n > [internal] load metadata for ${name}:\n------\n`;
			return fail(`${s.from}: failed to resolve source metadata for ${name}: ${reason}`, s.fromIns);
		}
		vertex(`[internal] load metadata for ${name}`, []);
	}
	vertex('[internal] load .dockerignore', ['transferring context: 2B done']);

	const built = new Map<number, Built>();
	const steps: string[] = [];
	let contextLoaded = false;
	for (const stage of stages.filter((s) => needed.has(s.index))) {
		const total = 1 + stage.body.filter((i) => VERTEX.has(i.keyword)).length;
		const width = String(total).length;
		const label = (k: number) =>
			`[${multi ? `${stage.name ?? `stage-${stage.index}`} ` : ''}${String(k).padStart(width)}/${total}]`;
		let image: Image;
		let key: string;
		const parent = stageOf(stage.from);
		if (parent !== undefined && parent.index < stage.index) {
			({ image, key } = built.get(parent.index)!);
		} else if (stage.from === 'scratch') {
			image = makeImage([], emptyConfig('scratch'), req.now);
			key = digestOf('scratch');
		} else {
			const base = bases.get(stage.from) as Extract<BaseLookup, { ok: true }>;
			image = base.image;
			key = base.image.id;
			const ref = canonical(parseReference(stage.from)!);
			vertex(`${label(1)} FROM ${ref}${base.digest === undefined ? '' : `@${base.digest}`}`, []);
		}
		const layers: Layer[] = [...image.layers];
		const config: ImageConfig = { ...image.config, env: [...image.config.env] };
		let cmdSet = false;
		let k = 1;
		for (const ins of stage.body) {
			if (!VERTEX.has(ins.keyword)) {
				applyConfig(config, ins, () => (cmdSet = true), cmdSet);
				continue;
			}
			k++;
			const step = `${ins.keyword} ${ins.args}`;
			let size = 0;
			if (ins.keyword === 'RUN') size = RUN_LAYER_BYTES;
			else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
				const from = ins.flags.from;
				if (from === undefined && !contextLoaded) {
					contextLoaded = true;
					const bytes = contextBytes(stages, needed, req.readContext);
					vertex('[internal] load build context', [
						`transferring context: ${transferSize(bytes)} done`
					]);
				}
				// What another stage built is not read: a stated size stands for it.
				size = from === undefined ? copyBytes(ins, req.readContext) : COPY_LAYER_BYTES;
			} else if (ins.keyword === 'WORKDIR') {
				config.workdir = ins.rest.startsWith('/')
					? ins.rest
					: `${config.workdir ?? '/'}`.replace(/\/?$/, '/') + ins.rest;
			}
			key = digestOf(`${key}\n${step}\n${size}`);
			const cached = !req.noCache && req.cache.has(key);
			steps.push(key);
			vertex(`${label(k)} ${step}`, [], cached ? 'CACHED' : 'DONE 0.0s');
			if (size > 0) layers.push(stepLayer(key, step, size));
		}
		built.set(stage.index, { image: makeImage(layers, config, req.now), key });
	}
	const result = built.get(target.index)!.image;
	const fresh = steps.some((s) => req.noCache || !req.cache.has(s));
	vertex('exporting to image', [
		`exporting layers ${fresh ? '0.0s ' : ''}done`,
		`writing image ${result.id} done`,
		...req.tags.map((t) => `naming to ${t} done`)
	]);
	return { ok: true, image: result, progress: out, steps };
}

/** Instructions that are a build step (a vertex); the others only change the config. */
const VERTEX = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

function emptyConfig(base: string): ImageConfig {
	return { env: [], exposedPorts: [], labels: {}, base };
}

/** What config instructions leave in the image (dockerfile2llb dispatch). */
function applyConfig(
	config: ImageConfig,
	ins: Instruction,
	markCmd: () => void,
	cmdSet: boolean
): void {
	switch (ins.keyword) {
		case 'CMD':
			config.cmd = commandForm(ins.rest);
			markCmd();
			break;
		case 'ENTRYPOINT':
			config.entrypoint = commandForm(ins.rest);
			// An inherited CMD is reset by a new ENTRYPOINT (dispatchEntrypoint: `if !d.cmdSet`).
			if (!cmdSet) delete config.cmd;
			break;
		case 'EXPOSE':
			for (const p of ins.rest.split(/\s+/).filter((w) => w !== '')) {
				const port = p.includes('/') ? p.toLowerCase() : `${p}/tcp`;
				if (!config.exposedPorts.includes(port))
					config.exposedPorts = [...config.exposedPorts, port];
			}
			break;
		case 'ENV':
			for (const [k, v] of keyValues(ins.rest)) {
				config.env = [...config.env.filter((e) => !e.startsWith(`${k}=`)), `${k}=${v}`];
			}
			break;
		case 'LABEL':
			config.labels = { ...config.labels, ...Object.fromEntries(keyValues(ins.rest)) };
			break;
		case 'USER':
			config.user = ins.rest.trim();
			break;
	}
}

/** `K=V K2="v 2"`, or the old `K value with spaces` form. */
function keyValues(rest: string): [string, string][] {
	const text = rest.trim();
	if (!/^[^\s=]+=/.test(text)) {
		const m = /^(\S+)\s*(.*)$/.exec(text);
		return m === null ? [] : [[m[1]!, m[2]!]];
	}
	const out: [string, string][] = [];
	for (const m of text.matchAll(/([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
		out.push([m[1]!, unquote(m[2]!)]);
	}
	return out;
}

function unquote(v: string): string {
	if (/^"[\s\S]*"$/.test(v)) return v.slice(1, -1).replace(/\\(.)/g, '$1');
	if (/^'[\s\S]*'$/.test(v)) return v.slice(1, -1);
	return v;
}

function substitute(text: string, vars: Record<string, string>): string {
	return text.replace(
		/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g,
		(_, a?: string, def?: string, b?: string) => {
			const v = ownValue(vars, (a ?? b)!);
			return v !== undefined && v !== '' ? v : (def ?? '');
		}
	);
}

/** The target stage and the stages it needs (its FROM stage, COPY --from stages). */
function neededStages(target: Stage, stageOf: (ref: string) => Stage | undefined): Set<number> {
	const needed = new Set<number>();
	const visit = (s: Stage) => {
		if (needed.has(s.index)) return;
		needed.add(s.index);
		const parent = stageOf(s.from);
		if (parent !== undefined && parent.index < s.index) visit(parent);
		for (const ins of s.body) {
			const from = ins.flags.from;
			const src = from === undefined ? undefined : stageOf(from);
			if (src !== undefined && src.index < s.index) visit(src);
		}
	};
	visit(target);
	return needed;
}

/** Sources of a COPY/ADD from the context (flags removed, destination dropped). */
function sources(ins: Instruction): string[] {
	if (ins.rest.startsWith('[')) {
		const list = commandForm(ins.rest);
		return list[0] === '/bin/sh' ? [] : list.slice(0, -1);
	}
	return ins.rest
		.split(/\s+/)
		.filter((w) => w !== '')
		.slice(0, -1);
}

/** A source that names one file the lab can read (not `.`, a folder or a pattern). */
function readableSource(src: string): boolean {
	return !/[*?[]/.test(src) && !src.endsWith('/') && src !== '.' && !/^https?:\/\//.test(src);
}

function copyBytes(ins: Instruction, read: (path: string) => string | undefined): number {
	let bytes = 0;
	for (const src of sources(ins)) {
		const text = readableSource(src) ? read(src) : undefined;
		bytes += text === undefined ? COPY_LAYER_BYTES : byteLength(text);
	}
	return bytes;
}

function contextBytes(
	stages: readonly Stage[],
	needed: ReadonlySet<number>,
	read: (path: string) => string | undefined
): number {
	let bytes = 0;
	for (const s of stages.filter((st) => needed.has(st.index))) {
		for (const ins of s.body) {
			if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && ins.flags.from === undefined) {
				bytes += copyBytes(ins, read);
			}
		}
	}
	return bytes;
}

function byteLength(text: string): number {
	let n = 0;
	for (const ch of text) {
		const cp = ch.codePointAt(0)!;
		n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	}
	return n;
}

/** BuildKit's progress sizes: `797B`, `1.78kB`, `39.29kB`, `3.75MB`. */
export function transferSize(bytes: number): string {
	if (bytes < 1000) return `${bytes}B`;
	const units = ['kB', 'MB', 'GB', 'TB'];
	let v = bytes / 1000;
	let u = 0;
	while (v >= 1000 && u < units.length - 1) {
		v /= 1000;
		u++;
	}
	return `${v.toFixed(2)}${units[u]}`;
}

/** The innermost error of a failed base-image lookup, as BuildKit's resolver words it. */
function metadataError(
	name: string,
	host: string,
	path: string,
	tag: string,
	r: Extract<Resolution, { ok: false }>
): string {
	if (r.reason === 'no-such-host') {
		return `failed to do request: Head "https://${host}/v2/${path}/manifests/${tag}": dial tcp: lookup ${host.split(':')[0]}: no such host`;
	}
	if (r.reason === 'invalid') return 'invalid reference format';
	return `${name}: not found`;
}
