/**
 * `kubectl delete` waits (--wait=true by default, delete.go) until every object it deleted is
 * gone: a pod until its kubelet has stopped the containers, an owner at once (background
 * propagation). --wait=false returns at once; --timeout ends a wait that cannot finish (a pod on
 * a stopped node) with wait's error; --now, --grace-period and --force follow Complete/Validate.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import type { Lab } from '../../../src/engine/types';
import { CONTAINER_STOP_MS } from '../../../src/engine/kubernetes/defaults';
import { LAB_WAIT_LIMIT_MS } from '../../../src/engine/commands/kubectl/lab-wait';
import { fails, succeeds } from '../lab-helpers';

function labWithPod(): Lab {
	const lab = createLab({ flavor: 'kubernetes', seed: 3 });
	succeeds(lab, 'kubectl run web --image=nginx');
	succeeds(lab, 'sim advance 30s');
	expect(succeeds(lab, 'kubectl get pod web').output).toMatch(/web +1\/1 +Running/);
	return lab;
}

function nodeOf(lab: Lab, pod: string): string {
	return succeeds(lab, `kubectl get pod ${pod} -o jsonpath={.spec.nodeName}`).output;
}

describe('kubectl delete waits until the object is gone', () => {
	it('returns once the kubelet has stopped a running pod, long before its grace period', () => {
		const lab = labWithPod();
		const started = lab.now();
		const r = succeeds(lab, 'kubectl delete pod web');
		expect(r.output).toBe('pod "web" deleted from default namespace\n');
		const waited = lab.now() - started;
		expect(waited).toBeGreaterThanOrEqual(CONTAINER_STOP_MS);
		expect(waited).toBeLessThan(30_000);
		expect(lab.exec('kubectl get pod web').error).toBe(
			'Error from server (NotFound): pods "web" not found\n'
		);
	});

	it('returns at once with --wait=false, the pod still Terminating', () => {
		const lab = labWithPod();
		const started = lab.now();
		succeeds(lab, 'kubectl delete pod web --wait=false');
		expect(lab.now()).toBe(started);
		expect(succeeds(lab, 'kubectl get pod web').output).toMatch(/web +1\/1 +Terminating/);
	});

	it('does not wait for the pods of a deleted Deployment (background propagation)', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 3 });
		succeeds(lab, 'kubectl create deployment web --image=nginx --replicas=2');
		succeeds(lab, 'sim advance 30s');
		const started = lab.now();
		succeeds(lab, 'kubectl delete deployment web');
		expect(lab.now()).toBe(started);
		expect(succeeds(lab, 'kubectl get pods').output).toMatch(/Terminating/);
	});

	it('times out on a pod whose node is stopped, as --timeout says, and the pod stays', () => {
		const lab = labWithPod();
		succeeds(lab, `sim node stop ${nodeOf(lab, 'web')}`);
		const started = lab.now();
		const r = lab.exec('kubectl delete pod web --timeout=20s');
		expect(r.ok).toBe(false);
		expect(r.output).toBe('pod "web" deleted from default namespace\n');
		expect(r.error).toBe('error: timed out waiting for the condition on pods/web\n');
		expect(lab.now() - started).toBe(20_000);
		expect(succeeds(lab, 'kubectl get pod web').output).toMatch(/Terminating/);
	});

	it('stops waiting after the lab limit when kubectl would wait for a week', () => {
		const lab = labWithPod();
		succeeds(lab, `sim node stop ${nodeOf(lab, 'web')}`);
		const started = lab.now();
		const r = lab.exec('kubectl delete pod web');
		expect(r.error).toBe('error: timed out waiting for the condition on pods/web\n');
		expect(lab.now() - started).toBe(LAB_WAIT_LIMIT_MS);
	});

	it('force-deletes a pod from a stopped node at once, warning first', () => {
		const lab = labWithPod();
		succeeds(lab, `sim node stop ${nodeOf(lab, 'web')}`);
		const started = lab.now();
		const r = succeeds(lab, 'kubectl delete pod web --force');
		expect(r.interleaved).toEqual([
			{
				stream: 'stderr',
				text: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n'
			},
			{ stream: 'stdout', text: 'pod "web" force deleted from default namespace\n' }
		]);
		expect(lab.now()).toBe(started);
		expect(lab.exec('kubectl get pod web').ok).toBe(false);
	});

	it('gives the pod the grace period asked for, and --now means one second', () => {
		const lab = labWithPod();
		succeeds(lab, 'kubectl delete pod web --grace-period=7 --wait=false');
		expect(
			succeeds(lab, 'kubectl get pod web -o jsonpath={.metadata.deletionGracePeriodSeconds}').output
		).toBe('7');
		const other = labWithPod();
		succeeds(other, 'kubectl delete pod web --now --wait=false');
		expect(
			succeeds(other, 'kubectl get pod web -o jsonpath={.metadata.deletionGracePeriodSeconds}')
				.output
		).toBe('1');
	});

	it('prints resource/name with -o name, and nothing at all for a name --ignore-not-found passes over', () => {
		const lab = labWithPod();
		expect(succeeds(lab, 'kubectl delete pod web -o name').output).toBe('pod/web\n');
		// delete.go counts a named object as found before its DELETE answers NotFound (the builder
		// does no GET: RequireObject(false)), so "No resources found" is not printed.
		const r = succeeds(lab, 'kubectl delete pod web --ignore-not-found');
		expect(r.output).toBe('');
		expect(r.error).toBeUndefined();
	});

	it('refuses contradictory or malformed flags as kubectl does, changing nothing', () => {
		const lab = labWithPod();
		expect(fails(lab, 'kubectl delete pod web --now --grace-period=3').error).toBe(
			'error: --now and --grace-period cannot be specified together\n'
		);
		expect(fails(lab, 'kubectl delete pod web --force --grace-period=5').error).toBe(
			'error: --force and --grace-period greater than 0 cannot be specified together\n'
		);
		expect(fails(lab, 'kubectl delete pod web --grace-period=soon').error).toBe(
			'error: invalid argument "soon" for "--grace-period" flag: strconv.ParseInt: parsing "soon": invalid syntax\nSee \'kubectl delete --help\' for usage.\n'
		);
		expect(fails(lab, 'kubectl delete pod web -o yaml').error).toBe(
			"error: unexpected -o output mode: yaml. We only support '-o name'\n"
		);
		expect(fails(lab, 'kubectl delete pods --all -l run=web').error).toBe(
			'error: cannot set --all and --selector at the same time\n'
		);
	});
});
