/**
 * `kubectl rollout status`'s watch (kubectl pkg/cmd/rollout/rollout_status.go Run:
 * watchtools.UntilWithSync over the one object): the status of the object as it is, then the
 * status after each change to it, printed the moment the change happens, until the status
 * viewer says done, the object is deleted or the deadline passes.
 *
 * kubectl prints a line for every Added/Modified event, so a line repeats when the object
 * changes in a way the message does not show. How often a real controller rewrites its status
 * is not something a learner can predict (cli-formats.md §8 lists repeated lines among what the
 * simulator decides): the lab prints a message once, and again only after a different one.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../context';
import type { KubeObject } from '../../kubernetes/api/api-server';
import { key } from '../../kubernetes/api/collections';
import { runUntilDone } from './lab-wait';

/** What a status viewer says: a line to print, whether the rollout is done, or an error. */
export interface StatusLine {
	done: boolean;
	text: string;
	error?: string;
}

export interface WatchedRollout {
	collection: string;
	object: KubeObject;
	/** The kind's StatusViewer.Status. */
	view: (object: KubeObject) => StatusLine;
	/** `--watch=false`: print the status once and return, done or not. */
	watch: boolean;
}

/** UntilWithSync's answer to a Deleted event: it aborts rather than watch a new object. */
const DELETED = 'error: object has been deleted\n';
/** wait.ErrWaitTimeout, what UntilWithSync returns when --timeout ends the watch. */
const TIMED_OUT = 'error: timed out waiting for the condition\n';

export function watchRollout(
	ctx: CommandContext,
	target: WatchedRollout,
	giveUp: number,
	/** What is said when `giveUp` is the lab's limit rather than --timeout. */
	labStop?: string
): CommandResult {
	const meta = target.object.metadata!;
	const objectKey = key(meta.namespace!, meta.name!);
	const seen: (StatusLine | 'gone')[] = [target.view(target.object)];
	// Every write the watch would deliver, in order, including several at one instant.
	const stop = ctx.kernel.store.watch<KubeObject>(target.collection, (e) => {
		if (e.key === objectKey) seen.push(e.type === 'DELETED' ? 'gone' : target.view(e.object));
	});
	let out = '';
	let last = '';
	try {
		for (let i = 0; ;) {
			for (; i < seen.length; i++) {
				const line = seen[i]!;
				if (line === 'gone') return fail(DELETED, out);
				if (line.error !== undefined) return { ok: false, output: out, error: line.error };
				if (line.text !== last) out += line.text + '\n';
				last = line.text;
				if (line.done || !target.watch) return ok(out);
			}
			const seenSoFar = seen.length;
			if (!runUntilDone(ctx, () => seen.length > seenSoFar, giveUp))
				return { ok: false, output: out, error: labStop ?? TIMED_OUT };
		}
	} finally {
		stop();
	}
}
