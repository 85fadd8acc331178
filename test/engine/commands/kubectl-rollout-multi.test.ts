/**
 * `kubectl rollout` naming several objects (kubectl pkg/cmd/rollout, v1.35): restart, pause and
 * resume patch every object named (`TYPE/NAME…`, `TYPE NAME…`), selected (`-l`) or, for a bare
 * type, every one in the namespace, one line each in order; NotFound and refused patches are
 * reported after, as one aggregate (checkErr / MultipleErrors), exit 1. history and undo visit
 * each in turn; status takes exactly one object.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import type { Lab } from '../../../src/engine/types';
import { fails, succeeds } from '../lab-helpers';

function lab(): Lab {
	const l = createLab({ seed: 5 });
	for (const name of ['a', 'b', 'c'])
		succeeds(l, `kubectl create deployment ${name} --image=nginx:1.27`);
	succeeds(l, 'kubectl label deployment a b tier=web');
	l.advance(30_000);
	return l;
}

/** The template's `kubectl.kubernetes.io/restartedAt`, or '' when it has none. */
const restartedAt = (l: Lab, name: string) =>
	/"kubectl\.kubernetes\.io\/restartedAt":"([^"]+)"/.exec(
		succeeds(l, `kubectl get deployment ${name} -o jsonpath={.spec.template.metadata}`).output
	)?.[1] ?? '';

describe('kubectl rollout restart with several objects', () => {
	it('restarts each TYPE/NAME in order, one line each', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl rollout restart deployment/b deployment/a').output).toBe(
			'deployment.apps/b restarted\ndeployment.apps/a restarted\n'
		);
		expect(restartedAt(l, 'a')).toBe(restartedAt(l, 'b'));
		expect(restartedAt(l, 'a')).not.toBe('');
		expect(restartedAt(l, 'c')).toBe('');
	});

	it('restarts the ones found and reports a missing one after them, exit 1', () => {
		const l = lab();
		const r = l.exec('kubectl rollout restart deployment a nope b');
		expect(r).toMatchObject({
			ok: false,
			output: 'deployment.apps/a restarted\ndeployment.apps/b restarted\n',
			error: 'Error from server (NotFound): deployments.apps "nope" not found\n'
		});
		expect(r.interleaved?.map((c) => c.stream) ?? ['stdout', 'stderr']).toEqual([
			'stdout',
			'stderr'
		]);
		expect(restartedAt(l, 'b')).not.toBe('');
	});

	it('a bare type restarts every one, -l the matching ones, in name order', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl rollout restart deployment').output).toBe(
			'deployment.apps/a restarted\ndeployment.apps/b restarted\ndeployment.apps/c restarted\n'
		);
		l.advance(1_000);
		expect(succeeds(l, 'kubectl rollout restart deploy -l tier=web').output).toBe(
			'deployment.apps/a restarted\ndeployment.apps/b restarted\n'
		);
		l.advance(1_000);
		expect(succeeds(l, 'kubectl rollout restart deployment --selector=tier=none')).toMatchObject({
			output: '',
			error: 'No resources found in default namespace.\n'
		});
	});

	it('refuses a second restart within the same second (an empty patch), changing nothing', () => {
		const l = lab();
		succeeds(l, 'kubectl rollout restart deployment/a');
		expect(fails(l, 'kubectl rollout restart deployment/a').error).toBe(
			'error: failed to create patch for a: if restart has already been triggered within the past second, please wait before attempting to trigger another\n'
		);
		l.advance(1_000);
		succeeds(l, 'kubectl rollout restart deployment/a');
	});

	it('prints several errors as MultipleErrors does: NotFound first, as one aggregate', () => {
		const l = lab();
		succeeds(l, 'kubectl rollout pause deployment/a');
		expect(fails(l, 'kubectl rollout restart deployment nope1 a nope2').error).toBe(
			'[deployments.apps "nope1" not found, deployments.apps "nope2" not found]\n' +
				`error: deployments.apps "a" can't restart paused deployment (run rollout resume first)\n`
		);
		expect(fails(l, 'kubectl rollout restart deployment nope1 nope2').error).toBe(
			'Error from server (NotFound): deployments.apps "nope1" not found\n' +
				'Error from server (NotFound): deployments.apps "nope2" not found\n'
		);
	});

	it('refuses names with a selector, as the builder does, changing nothing', () => {
		const l = lab();
		expect(fails(l, 'kubectl rollout restart deployment/a -l tier=web').error).toBe(
			'error: selectors and the all flag cannot be used when passing resource/name arguments\n'
		);
		expect(fails(l, 'kubectl rollout restart deployment a -l tier=web').error).toBe(
			'error: name cannot be provided when a selector is specified\n'
		);
		expect(fails(l, 'kubectl rollout restart').error).toBe(
			'error: required resource not specified\n'
		);
		expect(fails(l, 'kubectl rollout restart deployment --all').error).toBe(
			"error: unknown flag: --all\nSee 'kubectl rollout restart --help' for usage.\n"
		);
	});
});

describe('kubectl rollout pause and resume with several objects', () => {
	it('pauses the others and reports the one already paused (the pauser refuses it)', () => {
		const l = lab();
		succeeds(l, 'kubectl rollout pause deployment/a');
		const r = l.exec('kubectl rollout pause deployment a c');
		expect(r).toMatchObject({
			ok: false,
			output: 'deployment.apps/c paused\n',
			error: 'error: deployments.apps "a" is already paused\n'
		});
		expect(l.exec('kubectl rollout resume -l tier=web deployment')).toMatchObject({
			ok: false,
			output: 'deployment.apps/a resumed\n',
			error: 'error: deployments.apps "b" is not paused\n'
		});
	});

	it('resumes every paused one a bare type names, refusing those not paused', () => {
		const l = lab();
		succeeds(l, 'kubectl rollout pause deployment -l tier=web');
		const r = l.exec('kubectl rollout resume deployment');
		expect(r).toMatchObject({
			ok: false,
			output: 'deployment.apps/a resumed\ndeployment.apps/b resumed\n',
			error: 'error: deployments.apps "c" is not paused\n'
		});
	});
});

describe('kubectl rollout status, history and undo with several objects', () => {
	it('status watches exactly one object', () => {
		const l = lab();
		expect(fails(l, 'kubectl rollout status deployment a b').error).toBe(
			'error: rollout status is only supported on individual resources and resource collections - 2 resources were found\n'
		);
		expect(fails(l, 'kubectl rollout status deployment -l tier=web').error).toBe(
			'error: rollout status is only supported on individual resources and resource collections - 2 resources were found\n'
		);
		expect(fails(l, 'kubectl rollout status deployment a nope').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n'
		);
		expect(fails(l, 'kubectl rollout status deployments,daemonsets a').error).toBe(
			'error: you may only specify a single resource type\n'
		);
		expect(succeeds(l, 'kubectl rollout status deployment -l app=c').output).toBe(
			'deployment "c" successfully rolled out\n'
		);
	});

	it('history prints each one found, then the missing one', () => {
		const l = lab();
		const r = l.exec('kubectl rollout history deployment a nope b');
		const table = (n: string) =>
			`deployment.apps/${n} \nREVISION  CHANGE-CAUSE\n1         <none>\n\n`;
		expect(r).toMatchObject({
			ok: false,
			output: table('a') + table('b'),
			error: 'Error from server (NotFound): deployments.apps "nope" not found\n'
		});
	});

	it('undo rolls back each one it can; several errors lose their error: prefix', () => {
		const l = lab();
		succeeds(l, 'kubectl set image deployment a b nginx=nginx:1.28');
		l.advance(60_000);
		const r = l.exec('kubectl rollout undo deployment a nope c');
		expect(r).toMatchObject({
			ok: false,
			output: 'deployment.apps/a rolled back\n',
			error:
				'Error from server (NotFound): deployments.apps "nope" not found\n' +
				'no rollout history found for deployment "c"\n'
		});
		expect(l.exec('kubectl rollout undo deployment c b')).toMatchObject({
			ok: false,
			output: 'deployment.apps/b rolled back\n',
			error: 'error: no rollout history found for deployment "c"\n'
		});
	});
});
