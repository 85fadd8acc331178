/**
 * kubectl rollout on a kind it has no helper for refuses it in kubectl's words (1.35
 * polymorphichelpers: objectrestarter.go / objectpauser.go / objectresumer.go → `restarting|
 * pausing|resuming is not supported`, printed by rollout_restart|pause|resume.go as
 * `error: RESOURCE "NAME" …`; history.go, rollback.go and rollout_status.go name the GroupKind,
 * as `kubectl rollout history rs/x` → `error: no history viewer has been implemented for
 * "ReplicaSet.apps"`). The objects named alongside are still acted on; nothing else changes.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

function lab() {
	const l = createLab({ flavor: 'kubernetes', workers: 1, seed: 1 });
	succeeds(l, 'kubectl run x --image=nginx:1.27');
	succeeds(l, 'kubectl create deployment web --image=nginx:1.27');
	succeeds(l, 'sim advance 10s');
	return l;
}

describe('kubectl rollout on kinds it cannot roll out', () => {
	it('refuses a Pod in each subcommand with kubectl words', () => {
		const l = lab();
		const cases: [string, string][] = [
			['restart pod/x', 'error: pods "x" restarting is not supported\n'],
			['pause pod x', 'error: pods "x" pausing is not supported\n'],
			['resume pod/x', 'error: pods "x" resuming is not supported\n'],
			['history pod/x', 'error: no history viewer has been implemented for "Pod"\n'],
			['undo pod/x', 'error: no rollbacker has been implemented for "Pod"\n'],
			['status pod/x', 'error: no status viewer has been implemented for Pod\n']
		];
		for (const [line, error] of cases)
			expect(fails(l, `kubectl rollout ${line}`).error).toBe(error);
	});

	it('names the group of a grouped kind, and restarts the Deployment named beside a Pod', () => {
		const l = lab();
		const rs = succeeds(l, 'kubectl get rs -o name').output.trim();
		expect(fails(l, `kubectl rollout history ${rs}`).error).toBe(
			'error: no history viewer has been implemented for "ReplicaSet.apps"\n'
		);
		expect(fails(l, `kubectl rollout status ${rs}`).error).toBe(
			'error: no status viewer has been implemented for ReplicaSet.apps\n'
		);
		const r = l.exec('kubectl rollout restart pod/x deployment/web');
		expect(r.ok).toBe(false);
		expect(r.output).toBe('deployment.apps/web restarted\n');
		expect(r.error).toBe('error: pods "x" restarting is not supported\n');
	});
});
