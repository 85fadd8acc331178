/**
 * Which events count as "the same event again" (and so become one Event whose count grows).
 *
 * client-go's EventCorrelator (tools/record/events_cache.go `getEventKey`) keys an event by
 * Source.Component, Source.Host, the involvedObject's Kind, Namespace, Name, FieldPath, UID and
 * APIVersion, Type, Reason and Message. A bare pod deleted and created again under its name has
 * another uid: its events are new Events with counts of their own, and the old pod's stay (until
 * the --event-ttl runs out). kubectl describe lists a pod's events by the field selector
 * involvedObject name, namespace, kind and uid (kubectl describe.go `searchEvents`), so the new
 * pod shows only its own.
 */
import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const RUN = 'kubectl run web --image=nginx:1.27-typo';

function events(lab: Lab): Event[] {
	return (JSON.parse(succeeds(lab, 'kubectl get events -o json').output) as { items: Event[] })
		.items;
}

function uidOf(lab: Lab): string {
	return succeeds(lab, "kubectl get pod web -o jsonpath='{.metadata.uid}'").output.trim();
}

/** The Events section of `kubectl describe pod web`, header included. */
function describedEvents(lab: Lab): string {
	const out = succeeds(lab, 'kubectl describe pod web').output;
	return out.slice(out.indexOf('Events:'));
}

/** One worker: the new pod lands on the old one's node, so only its uid tells them apart. */
function recreated(): { lab: Lab; oldUid: string; newUid: string } {
	const lab = createLab({ flavor: 'kubernetes', workers: 1, seed: 5 });
	succeeds(lab, RUN);
	lab.advance(90_000);
	const oldUid = uidOf(lab);
	succeeds(lab, 'kubectl delete pod web');
	lab.advance(30_000);
	succeeds(lab, RUN);
	lab.advance(90_000);
	return { lab, oldUid, newUid: uidOf(lab) };
}

describe('event identity (client-go getEventKey)', () => {
	it("keeps a re-created pod's events apart from the deleted pod's, each with its own count", () => {
		const { lab, oldUid, newUid } = recreated();
		expect(newUid).not.toBe(oldUid);
		const all = events(lab);
		const about = (uid: string, reason: string) =>
			all.filter((e) => e.involvedObject.uid === uid && e.reason === reason);
		for (const uid of [oldUid, newUid]) {
			// One Scheduled each (a pod is bound once), and one counted Pulling each.
			expect(about(uid, 'Scheduled')).toHaveLength(1);
			expect(about(uid, 'Scheduled')[0]!.count).toBe(1);
			expect(about(uid, 'Pulling')).toHaveLength(1);
		}
		// Both pods pulled on the same node from the same container: only the uid differs.
		const [oldPull, newPull] = [about(oldUid, 'Pulling')[0]!, about(newUid, 'Pulling')[0]!];
		expect(newPull.source).toEqual(oldPull.source);
		expect(newPull.involvedObject.fieldPath).toBe(oldPull.involvedObject.fieldPath);
		expect(newPull.message).toBe(oldPull.message);
		expect(newPull.metadata!.name).not.toBe(oldPull.metadata!.name);
		// The old pod's event stopped counting when it was deleted.
		expect(Date.parse(oldPull.lastTimestamp!)).toBeLessThan(Date.parse(newPull.firstTimestamp!));

		const table = succeeds(lab, 'kubectl get events').output.split('\n');
		expect(table.filter((l) => / Scheduled +pod\/web /.test(l))).toHaveLength(2);
		expect(table.filter((l) => / Pulling +pod\/web /.test(l))).toHaveLength(2);
	});

	it('describes the re-created pod with its own events only, as a first pod of its age', () => {
		const { lab } = recreated();
		const fresh = createLab({ flavor: 'kubernetes', workers: 1, seed: 5 });
		succeeds(fresh, RUN);
		fresh.advance(90_000);
		const own = describedEvents(lab);
		expect(own).toContain('Normal   Scheduled  90s ');
		expect(own).not.toMatch(/over [2-9]m/);
		expect(own).toBe(describedEvents(fresh));
	});

	it('counts the same event from the same pod again', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 1, seed: 5 });
		succeeds(lab, RUN);
		lab.advance(180_000);
		const pulling = events(lab).filter((e) => e.reason === 'Pulling');
		expect(pulling).toHaveLength(1);
		expect(pulling[0]!.count).toBeGreaterThan(1);
	});
});
