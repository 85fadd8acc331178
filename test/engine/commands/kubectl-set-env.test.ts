// `kubectl set env` (kubectl pkg/cmd/set/set_env.go, set/env/env_parse.go, set/helper.go
// updateEnv): the pod template's environment changes and the Deployment rolls it out.
import { describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

function lab(): Lab {
	const l = createLab({ flavor: 'kubernetes', seed: 3 });
	succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
	succeeds(
		l,
		'kubectl create configmap app --from-literal=log.level=debug --from-literal=MODE=fast'
	);
	succeeds(l, 'kubectl create secret generic db --from-literal=password=s3cr3t');
	l.advance(10_000);
	return l;
}

const env = (l: Lab) =>
	(JSON.parse(l.exec('kubectl get deployment web -o json').output) as Deployment).spec!.template
		.spec!.containers[0]!.env;

describe('kubectl set env', () => {
	it('sets, replaces and removes variables, and the Deployment rolls the template out', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl set env deployment/web FOO=bar').output).toBe(
			'deployment.apps/web env updated\n'
		);
		expect(env(l)).toEqual([{ name: 'FOO', value: 'bar' }]);
		// The same value again is no patch at all: kubectl prints nothing.
		expect(succeeds(l, 'kubectl set env deployment/web FOO=bar').output).toBe('');
		succeeds(l, 'kubectl set env deploy web FOO=baz BAR=1');
		expect(env(l)).toEqual([
			{ name: 'FOO', value: 'baz' },
			{ name: 'BAR', value: '1' }
		]);
		succeeds(l, 'kubectl set env deployment/web FOO-');
		expect(env(l)).toEqual([{ name: 'BAR', value: '1' }]);
		l.advance(60_000);
		expect(succeeds(l, 'kubectl exec deploy/web -- printenv BAR').output).toBe('1\n');
		expect(succeeds(l, 'kubectl rollout history deployment/web').output).toContain(
			'\n2         <none>'
		);
	});

	it('imports a ConfigMap or Secret as references, renaming keys as kubectl warns', () => {
		const l = lab();
		const r = succeeds(l, 'kubectl set env deployment/web --from=configmap/app');
		expect(r.error).toBe('Warning: key log.level transferred to LOG_LEVEL\n');
		succeeds(l, 'kubectl set env deployment/web --from=secret/db --prefix=DB_');
		expect(succeeds(l, 'kubectl set env deployment/web --list').output).toBe(
			[
				'# Deployment web, container nginx',
				'# MODE from configmap app, key MODE',
				'# LOG_LEVEL from configmap app, key log.level',
				'# DB_PASSWORD from secret db, key password',
				''
			].join('\n')
		);
		expect(succeeds(l, 'kubectl set env deployment/web --list --resolve').output).toBe(
			[
				'# Deployment web, container nginx',
				'MODE=fast',
				'LOG_LEVEL=debug',
				'DB_PASSWORD=s3cr3t',
				''
			].join('\n')
		);
		l.advance(60_000);
		expect(succeeds(l, 'kubectl exec deploy/web -- printenv LOG_LEVEL DB_PASSWORD').output).toBe(
			'debug\ns3cr3t\n'
		);
	});

	it('selects several objects with --all or -l, and --list changes nothing', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment api --image=nginx:1.27');
		succeeds(l, 'kubectl set env deploy -l app=api B=2');
		expect(succeeds(l, 'kubectl set env deploy --all C=3').output).toBe(
			'deployment.apps/api env updated\ndeployment.apps/web env updated\n'
		);
		const before = l.traceHash();
		expect(succeeds(l, 'kubectl set env deploy --all --list D=4').output).toBe(
			'# Deployment api, container nginx\nB=2\nC=3\nD=4\n# Deployment web, container nginx\nC=3\nD=4\n'
		);
		expect(l.traceHash()).toBe(before);
	});

	it("refuses bad input with kubectl's messages and leaves the lab as it was", () => {
		const l = lab();
		succeeds(l, 'kubectl set env deployment/web FOO=bar');
		expect(fails(l, 'kubectl set env deployment/web FOO=baz --overwrite=false').error).toBe(
			"error: deployments/web 'FOO' already has a value (bar), and --overwrite is false\n"
		);
		expect(fails(l, 'kubectl set env deployment/web 1X=2').error).toMatch(
			/^error: "1X" is not a valid key name: a valid environment variable name must consist of alphabetic characters/
		);
		expect(fails(l, 'kubectl set env deployment/web X=1 web').error).toBe(
			'error: all resources must be specified before environment changes: deployment/web X=1 web\n'
		);
		expect(fails(l, 'kubectl set env deployment/web A=1 A-').error).toBe(
			'error: can not both modify and remove the same environment variable in the same command\n'
		);
		expect(fails(l, 'kubectl set env deployment/nope Y=1').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n'
		);
		expect(fails(l, 'kubectl set env deployment/web --from=configmap/missing').error).toBe(
			'Error from server (NotFound): configmaps "missing" not found\n'
		);
		expect(fails(l, 'kubectl set env deployment/web --keys=x').error).toBe(
			'error: when specifying --keys, a configmap or secret must be provided with --from\n'
		);
		expect(fails(l, 'kubectl set env deployment/web --list -o yaml').error).toBe(
			'error: --list and --output may not be specified together\n'
		);
	});

	it('prints a dry run without changing the Deployment', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl set env deployment/web Z=1 --dry-run=client').output).toBe(
			'deployment.apps/web env updated (dry run)\n'
		);
		expect(env(l)).toBeUndefined();
	});
});
