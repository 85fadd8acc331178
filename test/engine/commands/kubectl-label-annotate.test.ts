/**
 * `kubectl label` and `kubectl annotate` on any object (label.go, annotate.go): kubectl's lines,
 * its refusals (a clash without --overwrite, a bad key or value, an object not there) changing
 * nothing, and the cluster reacting to new labels as a real one does: a pod relabelled out of
 * its ReplicaSet's selector is orphaned and replaced, and leaves its Service's endpoints.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import type { Lab } from '../../../src/engine/types';
import { fails, succeeds } from '../lab-helpers';

function lab(): Lab {
	const l = createLab({ seed: 4 });
	succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
	succeeds(l, 'kubectl expose deployment web --port=80');
	l.advance(30_000);
	return l;
}

const pods = (l: Lab) =>
	l
		.exec('kubectl get pods --no-headers')
		.output.trim()
		.split('\n')
		.map((line) => line.split(/\s+/)[0]!);

describe('kubectl label', () => {
	it('labels, relabels with --overwrite, unlabels, and says "not labeled" for no change', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl label deployment web tier=frontend').output).toBe(
			'deployment.apps/web labeled\n'
		);
		expect(fails(l, 'kubectl label deploy/web tier=backend').error).toBe(
			"error: 'tier' already has a value (frontend), and --overwrite is false\n"
		);
		expect(succeeds(l, 'kubectl label deploy/web tier=backend --overwrite').output).toBe(
			'deployment.apps/web labeled\n'
		);
		// label.go validateNoOverwrites: a key the object has is a clash even with the same value.
		expect(fails(l, 'kubectl label deploy/web tier=backend').error).toBe(
			"error: 'tier' already has a value (backend), and --overwrite is false\n"
		);
		expect(succeeds(l, 'kubectl label deploy/web tier=backend --overwrite').output).toBe(
			'deployment.apps/web not labeled\n'
		);
		expect(l.exec('kubectl get deploy web --show-labels').output).toMatch(/app=web,tier=backend/);
		expect(succeeds(l, 'kubectl label deployment web tier-').output).toBe(
			'deployment.apps/web unlabeled\n'
		);
		expect(succeeds(l, 'kubectl label node node-1 disk=ssd').output).toBe('node/node-1 labeled\n');
	});

	it('names each removed label the object did not have (label.go: `label %q not found.`)', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl label deployment web nope-').output).toBe(
			'label "nope" not found.\ndeployment.apps/web not labeled\n'
		);
		expect(succeeds(l, 'kubectl label deployment web app- gone-').output).toBe(
			'label "gone" not found.\ndeployment.apps/web unlabeled\n'
		);
	});

	it("--list prints the labels, with the line's changes made but not written", () => {
		const l = lab();
		succeeds(l, 'kubectl run a --image=nginx --labels=tier=x,app=a');
		expect(succeeds(l, 'kubectl label pod a --list').output).toBe('app=a\ntier=x\n');
		expect(succeeds(l, 'kubectl label pod/a zone=z1 --list').output).toBe(
			'app=a\ntier=x\nzone=z1\n'
		);
		expect(l.exec('kubectl get pod a --show-labels --no-headers').output).not.toContain('zone');
		// Several objects: a heading each (Kind.group/name) and indented labels.
		expect(succeeds(l, 'kubectl label deployments --all --list').output).toBe(
			'Listing labels for Deployment.apps/web:\n app=web\n'
		);
		expect(fails(l, 'kubectl label pod a tier=y --list').error).toBe(
			"error: 'tier' already has a value (x), and --overwrite is false\n"
		);
	});

	it('labels objects of several types named TYPE/NAME in one line', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl label deploy/web svc/web tier=web').output).toBe(
			'deployment.apps/web labeled\nservice/web labeled\n'
		);
		expect(succeeds(l, 'kubectl get svc web --show-labels --no-headers').output).toContain(
			'tier=web'
		);
	});

	it('refuses bad keys and values and missing objects, changing nothing', () => {
		const l = lab();
		expect(fails(l, 'kubectl label deployment web bad_key!=x').error).toBe(
			'error: invalid label spec: bad_key!=x\n'
		);
		expect(fails(l, 'kubectl label deployment web tier=-x').error).toMatch(
			/^error: invalid label value: "tier=-x"/
		);
		expect(fails(l, 'kubectl label deployment nope a=b').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n'
		);
		expect(fails(l, 'kubectl label deployment web').error).toBe(
			'error: at least one label update is required\n'
		);
	});

	it('a pod relabelled out of the selector is orphaned, replaced, and gets no more traffic', () => {
		const l = lab();
		const [first] = pods(l);
		succeeds(l, `kubectl label pod ${first} app=debug --overwrite`);
		l.advance(30_000);
		const now = pods(l);
		expect(now).toHaveLength(3);
		expect(now).toContain(first);
		expect(l.exec('kubectl get rs --no-headers').output).toMatch(/\s2\s+2\s+2\s/);
		const ip = l.exec(`kubectl get pod ${first} -o wide --no-headers`).output.split(/\s+/)[5]!;
		expect(l.exec('kubectl get endpointslices').output).not.toContain(ip);
	});
});

describe('kubectl annotate', () => {
	it('moves a Deployment’s generation (its annotations go to its ReplicaSets); labels do not', () => {
		const l = lab();
		const generations = () =>
			succeeds(
				l,
				"kubectl get deploy web -o jsonpath='{.metadata.generation} {.status.observedGeneration}'"
			).output;
		l.advance(10_000);
		const [before] = generations().split(' ').map(Number);
		// deployment strategy.go PrepareForUpdate: spec or annotations changed → generation + 1.
		succeeds(l, 'kubectl annotate deployment web kubernetes.io/change-cause=first');
		expect(generations()).toBe(`${before! + 1} ${before}`);
		succeeds(l, 'kubectl label deployment web tier=web');
		expect(generations().split(' ')[0]).toBe(String(before! + 1));
		l.advance(5_000);
		// The controller sees the new generation and copies the annotation to the ReplicaSet.
		expect(generations()).toBe(`${before! + 1} ${before! + 1}`);
		expect(succeeds(l, 'kubectl rollout history deployment/web').output).toContain(
			'1         first'
		);
	});

	it('annotates, refuses a clash without --overwrite, removes with k-', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl annotate deployment web team=blue').output).toBe(
			'deployment.apps/web annotated\n'
		);
		expect(fails(l, 'kubectl annotate deployment web team=red').error).toBe(
			"error: --overwrite is false but found the following declared annotation(s): 'team' already has a value (blue)\n"
		);
		// Even with the value it has; several clashes are joined with "; " (annotate.go).
		succeeds(l, 'kubectl annotate deployment web owner=ops --overwrite');
		expect(fails(l, 'kubectl annotate deployment web team=blue owner=ops').error).toBe(
			"error: --overwrite is false but found the following declared annotation(s): 'team' already has a value (blue); 'owner' already has a value (ops)\n"
		);
		// The change-cause may always be rewritten.
		succeeds(l, 'kubectl annotate deployment web kubernetes.io/change-cause=one');
		succeeds(l, 'kubectl annotate deployment web kubernetes.io/change-cause=two');
		expect(succeeds(l, 'kubectl annotate deployment web --list').output).toContain(
			'kubernetes.io/change-cause=two\nowner=ops\nteam=blue\n'
		);
		succeeds(l, 'kubectl annotate deployment web team=red --overwrite');
		expect(l.exec('kubectl get deploy web -o json').output).toContain('"team": "red"');
		succeeds(l, 'kubectl annotate deployment web team-');
		expect(l.exec('kubectl get deploy web -o json').output).not.toContain('"team"');
		// Values are free text: annotations are not labels.
		succeeds(l, 'kubectl annotate svc web "note=anything, goes: here"');
	});
});
