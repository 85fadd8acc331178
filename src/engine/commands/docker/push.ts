/**
 * `docker push [OPTIONS] NAME[:TAG]` (docker/cli cli/command/image/push.go, moby
 * distribution/push_v2.go). Off a terminal the progress prints its status lines only
 * (jsonmessage `Display`: progress bars are dropped): `<layer>: Preparing`, `Waiting` beyond
 * the five concurrent uploads, then `Pushed`, `Layer already exists` or `Mounted from …`, top
 * layer first, then `<tag>: digest: sha256:… size: N`. Only the lab's registry takes pushes:
 * Docker Hub refuses an anonymous push (`denied: requested access to the resource is denied`),
 * other public registries ask for a login.
 */
import { MAX_CONCURRENT_UPLOADS } from '../../images/defaults';
import { shortId, type Image } from '../../images/image';
import { localImages } from '../../images/local-store';
import { labRegistry, type LayerOutcome } from '../../registry/lab-registry';
import { LAB_REGISTRIES, isPublicHost, parseReference } from '../../registry/registries';
import { parseNormalizedNamed } from '../../registry/reference';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { boolFlag, parseFlags, type FlagSpec } from '../flags';
import { unknownFlag } from './errors';
import { familiar, imageDaemon } from './image-daemon';

const USAGE = 'docker push [OPTIONS] NAME[:TAG]';

const FLAGS: FlagSpec[] = [
	{ long: 'all-tags', short: 'a', bool: true },
	{ long: 'quiet', short: 'q', bool: true },
	{ long: 'platform' },
	{ long: 'disable-content-trust', bool: true },
	{ long: 'help', bool: true }
];

export function dockerPush(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, FLAGS);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'docker push', USAGE));
	const f = parsed.flags;
	if (boolFlag(f, 'help')) return ok(`\nUsage:  ${USAGE}\n\nUpload an image to a registry\n`);
	if (parsed.args.length !== 1) {
		return fail(
			`docker: 'docker push' requires 1 argument\n\nUsage:  ${USAGE}\n\nSee 'docker push --help' for more information\n`
		);
	}
	const name = parsed.args[0]!;
	// push.go: reference.ParseNormalizedNamed, its error as it is.
	const named = parseNormalizedNamed(name);
	if (!named.ok) return fail(`${named.error}\n`);
	const ref = parseReference(name)!;
	const all = boolFlag(f, 'all-tags');
	// A tag is a `:` after the last `/` (a registry's port comes before it).
	const nameOnly = !name.slice(name.lastIndexOf('/') + 1).includes(':') && ref.digest === undefined;
	if (all && !nameOnly) return fail("tag can't be used with --all-tags/-a\n");
	const daemon = imageDaemon(ctx);
	if (!daemon.ok) return fail(daemon.error);
	const quiet = boolFlag(f, 'quiet');
	let out = nameOnly && !all && !quiet ? 'Using default tag: latest\n' : '';
	const repository = `${ref.host}/${ref.path}`;
	const progress = `The push refers to repository [${repository}]\n`;
	out += quiet ? '' : progress;
	const store = localImages(ctx.kernel);
	if (!store.hasRepository(daemon.host, repository)) {
		return fail(`An image does not exist locally with the tag: ${familiar(repository)}\n`, out);
	}
	const tags = Object.keys(store.of(daemon.host).tags)
		.filter((t) => t.slice(0, t.lastIndexOf(':')) === repository)
		.map((t) => t.slice(t.lastIndexOf(':') + 1))
		.filter((t) => all || t === ref.tag)
		.sort();
	if (tags.length === 0) {
		return fail(`tag does not exist: ${familiar(repository)}:${ref.tag}\n`, out);
	}
	const imageOf = (tag: string): Image => store.find(daemon.host, `${repository}:${tag}`)!.image;
	if (!LAB_REGISTRIES.includes(ref.host)) {
		const host = ref.host.split(':')[0]!;
		if (!isPublicHost(ref.host)) {
			return fail(`Get "https://${ref.host}/v2/": dial tcp: lookup ${host}: no such host\n`, out);
		}
		if (!quiet) out += preparing(imageOf(tags[0]!));
		const refused =
			ref.host === 'docker.io'
				? 'denied: requested access to the resource is denied'
				: 'unauthorized: authentication required';
		return fail(`${refused}\n`, out);
	}
	const registry = labRegistry(ctx.kernel);
	let changed = false;
	for (const tag of tags) {
		const image = imageOf(tag);
		const report = registry.push(ref.path, tag, image);
		changed ||= report.changed;
		if (quiet) continue;
		if (tag !== tags[0]) out += progress;
		out += preparing(image);
		const top = [...image.layers].reverse();
		out += top.map((l, i) => `${shortId(l.diffId)}: ${outcome(report.layers[i]!)}\n`).join('');
		out += `${tag}: digest: ${report.manifest.digest} size: ${report.manifest.size}\n`;
	}
	if (changed) {
		ctx.kernel.emit(
			'image.pushed',
			`image/${repository}`,
			`${daemon.host} pushed ${repository}:${tags.join(', :')} to the lab registry.`
		);
	}
	if (quiet) out += `${repository}${all ? '' : `:${ref.tag}`}\n`;
	return ok(out, changed);
}

/** Every layer's `Preparing`, then `Waiting` for those beyond the concurrent uploads. */
function preparing(image: Image): string {
	const top = [...image.layers].reverse().map((l) => shortId(l.diffId));
	return (
		top.map((id) => `${id}: Preparing\n`).join('') +
		top
			.slice(MAX_CONCURRENT_UPLOADS)
			.map((id) => `${id}: Waiting\n`)
			.join('')
	);
}

function outcome(o: LayerOutcome): string {
	if (o.status === 'pushed') return 'Pushed';
	if (o.status === 'exists') return 'Layer already exists';
	return `Mounted from ${o.from}`;
}
