/**
 * A kubectl line naming several objects, some of them missing: kubectl's resource builder visits
 * with ContinueOnError, so the objects found are deleted (labelled, annotated, scaled) and
 * printed, and the missing ones are reported after them on stderr, with exit code 1
 * (kubectl pkg/cmd/delete/delete.go DeleteResult, pkg/cmd/label/label.go RunLabel; cli-runtime
 * resource ContinueOnErrorVisitor; kubernetes PR #8628 "If deleting multiple resources, command
 * will continue on error and report not found resources at the end").
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import type { Lab } from '../../../src/engine/types';
import { fails, succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	'two.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers: [{name: c, image: nginx:1.27}]
---
apiVersion: v1
kind: Service
metadata:
  name: gone
spec:
  ports: [{port: 80}]
`
};

function lab(): Lab {
	const l = createLab({ seed: 11, readFile: (p) => FILES[p] });
	succeeds(l, 'kubectl run a --image=nginx:1.27');
	succeeds(l, 'kubectl run b --image=nginx:1.27');
	succeeds(l, 'kubectl create deployment web --image=nginx:1.27');
	l.advance(30_000);
	return l;
}

const names = (l: Lab, what: string) =>
	succeeds(l, `kubectl get ${what} -o jsonpath={.items[*].metadata.name}`).output;

describe('kubectl delete with names that are not there', () => {
	it('deletes the pods it finds and reports the missing one last, exit 1, no wait', () => {
		const l = lab();
		const r = l.exec('kubectl delete pod a nope');
		expect(r).toMatchObject({
			ok: false,
			output: 'pod "a" deleted from default namespace\n',
			error: 'Error from server (NotFound): pods "nope" not found\n'
		});
		// stdout first, the gathered errors after it (checkErr runs once the visit is over).
		expect(r.interleaved?.map((c) => c.stream)).toEqual(['stdout', 'stderr']);
		// DeleteResult returns the error before its wait: the pod is still terminating.
		expect(succeeds(l, 'kubectl get pod a').output).toMatch(/\ba\s+1\/1\s+Terminating/);
		l.advance(60_000);
		expect(l.exec('kubectl get pod a').error).toBe(
			'Error from server (NotFound): pods "a" not found\n'
		);
	});

	it('keeps the named order for errors whichever comes first, and mixes types with TYPE/NAME', () => {
		const l = lab();
		expect(l.exec('kubectl delete pod x b y --wait=false')).toMatchObject({
			ok: false,
			output: 'pod "b" deleted from default namespace\n',
			error:
				'Error from server (NotFound): pods "x" not found\n' +
				'Error from server (NotFound): pods "y" not found\n'
		});
		expect(l.exec('kubectl delete deploy/web svc/nope')).toMatchObject({
			ok: false,
			output: 'deployment.apps "web" deleted from default namespace\n',
			error: 'Error from server (NotFound): services "nope" not found\n'
		});
		expect(names(l, 'deploy')).toBe('');
	});

	it('changes nothing when every name is missing, and an unknown type still fails the line', () => {
		const l = lab();
		expect(fails(l, 'kubectl delete pod x y').error).toBe(
			'Error from server (NotFound): pods "x" not found\n' +
				'Error from server (NotFound): pods "y" not found\n'
		);
		fails(l, 'kubectl delete pod/a widget/w');
		expect(names(l, 'pods')).toMatch(/^a b web-/);
	});

	it('prints nothing at all for the names --ignore-not-found passes over', () => {
		const l = lab();
		const r = succeeds(l, 'kubectl delete pod x y --ignore-not-found');
		expect(r.output).toBe('');
		expect(r.error).toBeUndefined();
		expect(l.exec('kubectl delete pod a x --ignore-not-found --wait=false')).toMatchObject({
			ok: true,
			output: 'pod "a" deleted from default namespace\n'
		});
	});

	it('-f: deletes what the file names that is there, and names the file for the rest', () => {
		const l = lab();
		expect(l.exec('kubectl delete -f two.yaml --wait=false')).toMatchObject({
			ok: false,
			output: 'pod "a" deleted from default namespace\n',
			error:
				'Error from server (NotFound): error when deleting "two.yaml": services "gone" not found\n'
		});
	});

	it('namespaces: deletes the ones it may, refuses the others after them', () => {
		const l = lab();
		succeeds(l, 'kubectl create namespace team');
		expect(l.exec('kubectl delete namespace nope kube-system team')).toMatchObject({
			ok: false,
			output: 'namespace "team" deleted\n',
			error:
				'Error from server (NotFound): namespaces "nope" not found\n' +
				'Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted\n'
		});
		expect(succeeds(l, 'kubectl get ns team').output).toMatch(/team\s+Terminating/);
	});
});

describe('kubectl label and annotate with names that are not there or refused', () => {
	it('labels the objects found and reports the missing and the refused ones after them', () => {
		const l = lab();
		expect(l.exec('kubectl label pod a nope tier=web')).toMatchObject({
			ok: false,
			output: 'pod/a labeled\n',
			error: 'Error from server (NotFound): pods "nope" not found\n'
		});
		// b has no tier yet; a's would be overwritten: a is refused, b labelled.
		expect(l.exec('kubectl label pod a b tier=api')).toMatchObject({
			ok: false,
			output: 'pod/b labeled\n',
			error: "error: 'tier' already has a value (web), and --overwrite is false\n"
		});
		expect(
			succeeds(
				l,
				"kubectl get pods a b -o jsonpath='{range .items[*]}{.metadata.labels.tier} {end}'"
			).output
		).toBe('web api ');
		expect(l.exec('kubectl annotate deploy web nope note=x')).toMatchObject({
			ok: false,
			output: 'deployment.apps/web annotated\n',
			error: 'Error from server (NotFound): deployments.apps "nope" not found\n'
		});
	});
});

describe('node and env verbs with names that are not there', () => {
	const taints = (l: Lab) =>
		succeeds(
			l,
			"kubectl get nodes node-1 node-2 -o jsonpath='{range .items[*]}{.metadata.name}={.spec.taints[*].key} {end}'"
		).output;

	it('taint (ContinueOnError in taint.go Complete): taints the others, reports the rest last', () => {
		const l = lab();
		succeeds(l, 'kubectl taint nodes node-1 a=b:NoSchedule');
		expect(l.exec('kubectl taint nodes node-1 node-2 nope a=b:NoSchedule')).toMatchObject({
			ok: false,
			output: 'node/node-2 tainted\n',
			error:
				'node node-1 already has a taint(s) with same effect(s) and --overwrite is false\n' +
				'Error from server (NotFound): nodes "nope" not found\n'
		});
		expect(taints(l)).toBe('node-1=a node-2=a ');
	});

	it('cordon (drain.go Complete, no ContinueOnError): the first missing node alone, nothing cordoned', () => {
		const l = lab();
		expect(fails(l, 'kubectl cordon node-1 nope gone').error).toBe(
			'Error from server (NotFound): nodes "nope" not found\n'
		);
	});

	it('set env (set_env.go: Infos() first): every missing object, nothing changed', () => {
		const l = lab();
		expect(fails(l, 'kubectl set env deploy web nope gone X=1').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n' +
				'Error from server (NotFound): deployments.apps "gone" not found\n'
		);
	});
});
