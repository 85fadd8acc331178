/**
 * `docker images` / `docker image ls` (docker/cli cli/command/image/list.go, formatter/image.go):
 * `table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}`, newest first, a row
 * per tag and `<none>` rows for images no tag names. Also routes the image commands (build,
 * push, tag, images and their `docker image …` forms) to their files.
 */
import { imageSize, shortId, type Image } from '../../images/image';
import { localImages } from '../../images/local-store';
import { canonical, parseReference } from '../../registry/registries';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { dockerHumanDuration } from '../durations';
import { boolFlag, flag, parseFlags, type FlagSpec } from '../flags';
import { dockerJsonLine } from '../json';
import { LAB_EPOCH_MS } from '../../core/time';
import { DOCKER_TABLE, tabwrite } from '../tabwriter';
import { dockerBuild } from './build';
import { unknownCommand, unknownFlag } from './errors';
import { familiar, imageDaemon } from './image-daemon';
import { compileTemplate } from './template';
import { dockerPush } from './push';
import { dockerTag } from './tag';
import { ownValue } from '../../core/own-keys';

const USAGE = 'docker images [OPTIONS] [REPOSITORY[:TAG]]';

const FLAGS: FlagSpec[] = [
	{ long: 'all', short: 'a', bool: true },
	{ long: 'quiet', short: 'q', bool: true },
	{ long: 'no-trunc', bool: true },
	{ long: 'format' },
	{ long: 'help', bool: true }
];

/** formatter/image.go: the fields a `--format` may name, with their column titles. */
const HEADERS: Record<string, string> = {
	Containers: 'CONTAINERS',
	CreatedAt: 'CREATED AT',
	CreatedSince: 'CREATED',
	Digest: 'DIGEST',
	ID: 'IMAGE ID',
	Repository: 'REPOSITORY',
	SharedSize: 'SHARED SIZE',
	Size: 'SIZE',
	Tag: 'TAG',
	UniqueSize: 'UNIQUE SIZE',
	VirtualSize: 'VIRTUAL SIZE'
};

const DEFAULT_FORMAT = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';

type Run = (ctx: CommandContext, words: readonly string[]) => CommandResult;

const IMAGE_SUBCOMMANDS: Record<string, Run> = {
	build: dockerBuild,
	push: dockerPush,
	tag: dockerTag,
	ls: dockerImages,
	list: dockerImages
};

/** The image commands, or undefined when `command` is not one of them. */
export function dockerImageCommand(
	ctx: CommandContext,
	command: string,
	sub: string | undefined,
	rest: readonly string[]
): CommandResult | undefined {
	const words = sub === undefined ? rest : [sub, ...rest];
	switch (command) {
		case 'build':
			return dockerBuild(ctx, words);
		case 'push':
			return dockerPush(ctx, words);
		case 'tag':
			return dockerTag(ctx, words);
		case 'images':
			return dockerImages(ctx, words);
		case 'image': {
			const run = sub === undefined ? undefined : ownValue(IMAGE_SUBCOMMANDS, sub);
			if (run !== undefined) return run(ctx, rest);
			if (sub === undefined || sub === '--help') return ok(IMAGE_HELP);
			return fail(unknownCommand(`docker image ${sub}`, 'docker image COMMAND'));
		}
		default:
			return undefined;
	}
}

export function dockerImages(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker images', USAGE));
	const f = parsed.flags;
	if (boolFlag(f, 'help')) return ok(`\nUsage:  ${USAGE}\n\nList images\n`);
	if (parsed.args.length > 1) {
		return fail(
			`docker: 'docker images' requires at most 1 argument\n\nUsage:  ${USAGE}\n\nSee 'docker images --help' for more information\n`
		);
	}
	const daemon = imageDaemon(ctx);
	if (!daemon.ok) return fail(daemon.error);
	const held = localImages(ctx.kernel).of(daemon.host);
	const names = new Map<string, string[]>();
	for (const [name, id] of Object.entries(held.tags))
		names.set(id, [...(names.get(id) ?? []), name]);
	const filter = parsed.args[0] === undefined ? undefined : parseReference(parsed.args[0]);
	const filterTag = parsed.args[0]?.slice(parsed.args[0].lastIndexOf('/') + 1).includes(':');
	const rows: { repo: string; tag: string; image: Image }[] = [];
	const images = Object.values(held.images).sort(
		(a, b) => b.created - a.created || (a.id < b.id ? -1 : 1)
	);
	for (const image of images) {
		const tagged = (names.get(image.id) ?? []).sort();
		if (tagged.length === 0 && filter === undefined)
			rows.push({ repo: '<none>', tag: '<none>', image });
		for (const name of tagged) {
			const colon = name.lastIndexOf(':');
			const repo = name.slice(0, colon);
			if (filter !== undefined) {
				if (repo !== `${filter.host}/${filter.path}`) continue;
				if (filterTag === true && name !== canonical(filter)) continue;
			}
			rows.push({ repo: familiar(repo), tag: name.slice(colon + 1), image });
		}
	}
	const noTrunc = boolFlag(f, 'no-trunc');
	const id = (image: Image) => (noTrunc ? image.id : shortId(image.id));
	if (boolFlag(f, 'quiet')) return ok(rows.map((r) => `${id(r.image)}\n`).join(''));
	const now = ctx.kernel.now;
	const data = rows.map((r) => {
		const size = humanSize(imageSize(r.image));
		return {
			Containers: 'N/A',
			CreatedAt: goTime(r.image.created),
			CreatedSince: `${dockerHumanDuration(now - r.image.created)} ago`,
			Digest: '<none>',
			ID: id(r.image),
			Repository: r.repo,
			SharedSize: 'N/A',
			Size: size,
			Tag: r.tag,
			UniqueSize: 'N/A',
			VirtualSize: size
		};
	});
	const format = flag(f, 'format');
	if (format === 'json') return ok(data.map((d) => dockerJsonLine(d) + '\n').join(''));
	const template = compileTemplate(
		format === undefined || format === '' || format === 'table' ? DEFAULT_FORMAT : format,
		HEADERS
	);
	if (!template.ok) return fail(template.error);
	const lines = data.map((d) => template.render(d) + '\n');
	if (!template.table) return ok(lines.join(''));
	return ok(tabwrite([template.header + '\n', ...lines].join(''), DOCKER_TABLE));
}

/** Go's time.Time String() in UTC: `2026-01-05 09:00:00 +0000 UTC`. */
function goTime(t: number): string {
	return new Date(LAB_EPOCH_MS + t)
		.toISOString()
		.replace('T', ' ')
		.replace(/\.\d+Z$/, ' +0000 UTC');
}

/** go-units `HumanSizeWithPrecision(size, 3)`: `72.1MB`, `7.8MB`, `192MB`. */
export function humanSize(bytes: number): string {
	const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
	let v = bytes;
	let u = 0;
	while (v >= 1000 && u < units.length - 1) {
		v /= 1000;
		u++;
	}
	return `${Number(v.toPrecision(3))}${units[u]}`;
}

const IMAGE_HELP = `
Usage:  docker image COMMAND

Manage images

Commands:
  build       Build an image from a Dockerfile
  ls          List images
  push        Upload an image to a registry
  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

Run 'docker image COMMAND --help' for more information on a command.
`;
