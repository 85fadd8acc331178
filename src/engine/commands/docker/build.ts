/**
 * `docker build [OPTIONS] PATH` — docker CLI 28 hands it to buildx (`docker buildx build`),
 * whose flags and errors these are (docker/buildx commands/build.go). The Dockerfile and the
 * files COPY names are read through the lab's file reader, relative to the script's folder.
 */
import { localImages } from '../../images/local-store';
import { build } from '../../images/builder';
import { canonical, parseReference } from '../../registry/registries';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, flag, parseFlags, type FlagSpec } from '../flags';
import { findImage, imageDaemon } from './image-daemon';
import { putOwn } from '../../core/own-keys';

const USAGE = 'docker buildx build [OPTIONS] PATH | URL | -';

const FLAGS: FlagSpec[] = [
	{ long: 'tag', short: 't', repeatable: true },
	{ long: 'file', short: 'f' },
	{ long: 'build-arg', repeatable: true },
	{ long: 'target' },
	{ long: 'quiet', short: 'q', bool: true },
	{ long: 'no-cache', bool: true },
	{ long: 'pull', bool: true },
	{ long: 'progress' },
	{ long: 'platform' },
	{ long: 'label', repeatable: true },
	{ long: 'load', bool: true },
	{ long: 'help', bool: true }
];

export function dockerBuild(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, FLAGS);
	if (!parsed.ok) {
		return fail(`ERROR: ${parsed.error}\nSee 'docker buildx build --help'.\n`);
	}
	const f = parsed.flags;
	if (boolFlag(f, 'help')) return ok(`\nUsage:  ${USAGE}\n\nStart a build\n`);
	if (parsed.args.length !== 1) {
		return fail(
			`ERROR: "docker buildx build" requires exactly 1 argument.\nSee 'docker buildx build --help'.\n\nUsage:  ${USAGE}\n\nStart a build\n`
		);
	}
	const tags: string[] = [];
	for (const t of f.get('tag') ?? []) {
		const ref = parseReference(t);
		if (ref === undefined || ref.digest !== undefined) {
			const why =
				parseReference(t.toLowerCase()) !== undefined
					? 'repository name must be lowercase'
					: 'invalid reference format';
			return fail(`ERROR: invalid tag ${JSON.stringify(t)}: ${why}\n`);
		}
		tags.push(canonical(ref));
	}
	const daemon = imageDaemon(ctx);
	if (!daemon.ok) return fail(daemon.error);
	const context = parsed.args[0]!;
	const file = flag(f, 'file');
	const dockerfilePath = file ?? join(context, 'Dockerfile');
	const store = localImages(ctx.kernel);
	const buildArgs: Record<string, string> = {};
	for (const a of f.get('build-arg') ?? []) {
		const eq = a.indexOf('=');
		if (eq > 0) putOwn(buildArgs, a.slice(0, eq), a.slice(eq + 1));
	}
	const target = flag(f, 'target');
	const result = build({
		dockerfile: read(ctx, dockerfilePath),
		dockerfileName: dockerfilePath.split('/').pop()!,
		readContext: (path) => read(ctx, join(context, path)),
		buildArgs,
		...(target !== undefined ? { target } : {}),
		tags,
		cache: new Set(store.of(daemon.host).cache),
		noCache: boolFlag(f, 'no-cache'),
		findBase: (ref) => findImage(ctx, daemon.host, ref),
		now: ctx.kernel.now
	});
	const quiet = boolFlag(f, 'quiet') || flag(f, 'progress') === 'quiet';
	if (!result.ok) return fail(result.error, quiet ? '' : result.progress);
	const changed = store.tag(daemon.host, result.image, tags, result.steps);
	if (changed) {
		ctx.kernel.emit(
			'image.built',
			`host/${daemon.host}`,
			`${daemon.host} built image ${result.image.id.slice(7, 19)}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}.`
		);
	}
	return ok(quiet ? `${result.image.id}\n` : result.progress, changed);
}

/** A path inside the build context (`.` is the script's folder). */
function join(dir: string, file: string): string {
	const rel = file.replace(/^\.\//, '');
	if (dir === '.' || dir === './' || dir === '') return rel;
	return `${dir.replace(/\/+$/, '')}/${rel}`;
}

/** A file of the context, or undefined; a folder in its place reads as no file. */
function read(ctx: CommandContext, path: string): string | undefined {
	try {
		return ctx.readFile(path);
	} catch {
		return undefined;
	}
}
