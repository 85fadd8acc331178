/**
 * `docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]` (docker/cli cli/command/image/tag.go):
 * another name for an image this daemon holds — how a local build gets a registry's name.
 */
import { localImages } from '../../images/local-store';
import { canonical, parseReference } from '../../registry/registries';
import { parseNormalizedNamed } from '../../registry/reference';
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import { familiar, imageDaemon } from './image-daemon';

const USAGE = 'docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]';

export function dockerTag(ctx: CommandContext, words: readonly string[]): CommandResult {
	if (words.length === 1 && (words[0] === '--help' || words[0] === '-h')) {
		return ok(`\nUsage:  ${USAGE}\n\nCreate a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n`);
	}
	if (words.length !== 2) {
		return fail(
			`docker: 'docker tag' requires 2 arguments\n\nUsage:  ${USAGE}\n\nSee 'docker tag --help' for more information\n`
		);
	}
	const [source, target] = words as [string, string];
	// client/image_tag.go: the target through ParseNormalizedNamed (its error wrapped), and
	// never a digest.
	const parsed = parseNormalizedNamed(target);
	if (!parsed.ok) {
		return fail(
			`Error parsing reference: ${JSON.stringify(target)} is not a valid repository/tag: ${parsed.error}\n`
		);
	}
	if (parsed.ref.digest !== undefined)
		return fail('refusing to create a tag with a digest reference\n');
	const dst = parseReference(target)!;
	const daemon = imageDaemon(ctx);
	if (!daemon.ok) return fail(daemon.error);
	const store = localImages(ctx.kernel);
	const found = store.find(daemon.host, source);
	if (found === undefined) {
		const src = parseReference(source);
		const shown = src === undefined ? source : familiar(canonical(src));
		return fail(`Error response from daemon: No such image: ${shown}\n`);
	}
	const changed = store.tag(daemon.host, found.image, [canonical(dst)]);
	return ok('', changed);
}
