/**
 * `kubectl diff -f FILE` (kubectl pkg/cmd/diff/diff.go): the live object and the API server's
 * answer to a dry run of the apply, written as YAML to /tmp/LIVE-N and /tmp/MERGED-N and
 * compared by `diff -u -N`; exit status 1 when they differ. Inputs: kubernetes/website
 * content/en/examples/application/deployment.yaml and deployment-update.yaml (shared/corpus).
 */
import { describe, expect, it } from 'vitest';
import { corpusAvailable, SKIP_REASON } from '../../manifests/corpus';
import { fails, state, succeeds } from '../../lab-helpers';
import { labWith } from './lab-files';

const SECRET = (value: string) =>
	`apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  user: admin\n  password: ${value}\n`;

const HEADER =
	/^diff -u -N \/tmp\/LIVE-(\d+)\/apps\.v1\.Deployment\.default\.nginx-deployment \/tmp\/MERGED-(\d+)\/apps\.v1\.Deployment\.default\.nginx-deployment\n--- \/tmp\/LIVE-\1\/apps\.v1\.Deployment\.default\.nginx-deployment\t2026-01-05 09:00:(\d\d)\.000000000 \+0000\n\+\+\+ \/tmp\/MERGED-\2\/apps\.v1\.Deployment\.default\.nginx-deployment\t2026-01-05 09:00:\3\.000000000 \+0000\n/;

describe.skipIf(!corpusAvailable)(
	`kubectl diff (${corpusAvailable ? 'corpus' : SKIP_REASON})`,
	() => {
		it('shows a new object against an empty live file, and changes nothing', () => {
			const lab = labWith();
			const before = state(lab);
			const r = lab.exec('kubectl diff -f deployment.yaml');
			expect(state(lab)).toEqual(before);
			expect(r.ok).toBe(false);
			expect(r.output).toMatch(HEADER);
			const body = r.output.split('\n').slice(3);
			expect(body[0]).toMatch(/^@@ -0,0 \+1,\d+ @@$/);
			expect(body).toContain('+  creationTimestamp: "2026-01-05T09:00:00Z"');
			expect(body).toContain('+  generation: 1');
			expect(body).toContain('+      - image: nginx:1.14.2');
			// DeploymentStatus{} from PrepareForCreate.
			expect(body[body.length - 2]).toBe('+status: {}');
			// A dry-run create sends the file as it is: no last-applied annotation yet.
			expect(r.output).not.toContain('last-applied-configuration');
		});

		it('shows nothing, exit 0, when the file is what was applied', () => {
			const lab = labWith();
			succeeds(lab, 'kubectl apply -f deployment.yaml');
			lab.advance(20_000);
			expect(lab.exec('kubectl diff -f deployment.yaml')).toMatchObject({ ok: true, output: '' });
		});

		it('shows an update: the image, the annotation and generation, not resourceVersion', () => {
			const lab = labWith();
			succeeds(lab, 'kubectl apply -f deployment.yaml');
			lab.advance(20_000);
			const r = lab.exec('kubectl diff -f deployment-update.yaml');
			expect(r.ok).toBe(false);
			expect(r.output).toMatch(HEADER);
			const changed = r.output
				.split('\n')
				.slice(3)
				.filter((l) => /^[-+]/.test(l));
			expect(changed).toEqual([
				expect.stringMatching(/^- {6}\{"apiVersion":"apps\/v1".*"image":"nginx:1\.14\.2"/),
				expect.stringMatching(/^\+ {6}\{"apiVersion":"apps\/v1".*"image":"nginx:1\.16\.1"/),
				'-  generation: 1',
				'+  generation: 2',
				'-      - image: nginx:1.14.2',
				'+      - image: nginx:1.16.1'
			]);
			expect(r.output).toMatch(/\n@@ -\d+,7 \+\d+,7 @@\n {9}app\.kubernetes\.io\/name: nginx\n/);
		});

		it('merges as apply --dry-run=server answers for a live object', () => {
			const lab = labWith();
			succeeds(lab, 'kubectl apply -f deployment.yaml');
			lab.advance(20_000);
			const live = JSON.parse(succeeds(lab, 'kubectl get deploy nginx-deployment -o json').output);
			const answer = JSON.parse(
				succeeds(lab, 'kubectl apply -f deployment-update.yaml --dry-run=server -o json').output
			);
			expect(answer.spec.template.spec.containers[0].image).toBe('nginx:1.16.1');
			expect(answer.metadata.generation).toBe(live.metadata.generation + 1);
			expect(answer.metadata.resourceVersion).toBe(live.metadata.resourceVersion);
			expect(answer.status).toEqual(live.status);
			expect(succeeds(lab, 'kubectl apply -f deployment-update.yaml --dry-run=server').output).toBe(
				'deployment.apps/nginx-deployment configured (server dry run)\n'
			);
		});

		it('names its directories from the lab seed: the same seed, the same numbers', () => {
			const dirs = (seed: number) =>
				labWith({}, seed).exec('kubectl diff -f deployment.yaml').output.split('\n')[0];
			expect(dirs(1)).toBe(dirs(1));
			expect(dirs(1)).not.toBe(dirs(2));
		});

		it("masks a Secret's values, marking the ones that change", () => {
			const lab = labWith({ 'old.yaml': SECRET('s3cret'), 'new.yaml': SECRET('n3w') });
			succeeds(lab, 'kubectl apply -f old.yaml');
			const r = lab.exec('kubectl diff -f new.yaml');
			expect(r.output).not.toMatch(/czNjcmV0|bjN3|YWRtaW4=/);
			// go-yaml single-quotes a string that cannot be plain (`*` starts an alias), as `oc diff`
			// shows: `-  DB_USER: '*** (before)'` / `+  DB_USER: '*** (after)'`.
			expect(r.output).toContain("\n-  password: '*** (before)'\n+  password: '*** (after)'\n");
			expect(r.output).toContain("\n   user: '***'\n");
		});

		it('refuses a missing path and a line without -f, changing nothing', () => {
			const lab = labWith();
			expect(fails(lab, 'kubectl diff -f missing.yaml').error).toBe(
				'error: the path "missing.yaml" does not exist\n'
			);
			expect(fails(lab, 'kubectl diff').error).toBe('error: must specify one of -f and -k\n');
		});
	}
);
