// `kubectl get controllerrevisions` (printers.go printControllerRevision), `kubectl rollout
// history KIND/NAME --revision=N` (polymorphichelpers/history.go printTemplate: a bare
// prefixWriter, so the pod template keeps its tabs) and `kubectl describe job`
// (describe.go describeJob).
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';
import { AGENT_DAEMONSET } from './agent-daemonset';

const FILES: Record<string, string> = {
	'agent.yaml': AGENT_DAEMONSET,
	'job.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  completions: 3
  parallelism: 2
  backoffLimit: 4
  activeDeadlineSeconds: 600
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: busybox:1.36
        command: ["sh", "-c", "sleep 10"]
`
};

function lab(): Lab {
	return createLab({ seed: 41, readFile: (p) => FILES[p] });
}

/** DaemonSet agent at revision 2 (nginx:1.27) after revision 1 (nginx:1.26). */
function revisedLab(): Lab {
	const l = lab();
	succeeds(l, 'kubectl apply -f agent.yaml');
	succeeds(l, 'sim advance 1m');
	succeeds(l, 'kubectl set image ds/agent agent=nginx:1.27');
	succeeds(l, 'sim advance 2m');
	return l;
}

describe('kubectl get controllerrevisions', () => {
	it('lists one revision per template, with its owner as kind.group/name', () => {
		const out = succeeds(revisedLab(), 'kubectl get controllerrevisions').output;
		const [header, ...rows] = out.trimEnd().split('\n');
		expect(header).toMatch(/^NAME +CONTROLLER +REVISION +AGE$/);
		expect(rows).toHaveLength(2);
		const cells = rows.map((r) => r.split(/\s+/));
		for (const c of cells) {
			expect(c[0]).toMatch(/^agent-[a-z0-9]+$/);
			expect(c[1]).toBe('daemonset.apps/agent');
		}
		expect(cells.map((c) => c[2]).sort()).toEqual(['1', '2']);
		// The first revision is the older one.
		const first = cells.find((c) => c[2] === '1')!;
		expect(first[3]).toBe('3m');
	});
});

describe('kubectl rollout history --revision', () => {
	it('prints that revision’s pod template, unaligned, after "with revision #N"', () => {
		const r = succeeds(revisedLab(), 'kubectl rollout history ds/agent --revision=1');
		expect(r.output).toBe(
			'daemonset.apps/agent with revision #1\n' +
				'Pod Template:\n' +
				'  Labels:\tapp=agent\n' +
				'  Containers:\n' +
				'   agent:\n' +
				'    Image:\tnginx:1.26\n' +
				'    Port:\t<none>\n' +
				'    Host Port:\t<none>\n' +
				'    Environment:\t<none>\n' +
				'    Mounts:\t<none>\n' +
				'  Volumes:\t<none>\n' +
				'  Node-Selectors:\t<none>\n' +
				'  Tolerations:\t<none>\n' +
				'\n'
		);
	});

	it('shows a Deployment revision from its ReplicaSet, pod-template-hash label included', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27');
		succeeds(l, 'sim advance 30s');
		succeeds(l, 'kubectl set image deployment/web nginx=nginx:1.28');
		succeeds(l, 'sim advance 1m');
		const out = succeeds(l, 'kubectl rollout history deployment/web --revision=2').output;
		expect(out).toMatch(
			/^deployment\.apps\/web with revision #2\nPod Template:\n {2}Labels:\tapp=web\n\tpod-template-hash=[a-z0-9]+\n/
		);
		expect(out).toContain('    Image:\tnginx:1.28\n');
		expect(out.endsWith('\n\n')).toBe(true);
	});

	it("answers kubectl's errors for a revision that is not there or not a number", () => {
		const l = revisedLab();
		expect(fails(l, 'kubectl rollout history ds/agent --revision=7').error).toBe(
			'error: unable to find the specified revision\n'
		);
		expect(fails(l, 'kubectl rollout history ds/agent --revision=two').error).toBe(
			// templater.go FlagErrorFunc adds the usage hint to every flag error.
			'error: invalid argument "two" for "--revision" flag: strconv.ParseInt: parsing "two": invalid syntax\nSee \'kubectl rollout history --help\' for usage.\n'
		);
	});

	it('without --revision still lists every revision', () => {
		const out = succeeds(revisedLab(), 'kubectl rollout history ds/agent').output;
		expect(out).toBe(
			'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n'
		);
	});
});

describe('kubectl describe job', () => {
	it('prints the counts, the run times and the pods’ statuses before the template', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f job.yaml');
		succeeds(l, 'sim advance 2m');
		const out = succeeds(l, 'kubectl describe job pi').output;
		const lines = out.split('\n');
		const keys = lines.filter((x) => /^[A-Z][^:]*:/.test(x)).map((x) => x.split(':')[0]);
		// completionMode is defaulted (NonIndexed), so it prints.
		expect(keys.slice(0, 14)).toEqual([
			'Name',
			'Namespace',
			'Selector',
			'Labels',
			'Annotations',
			'Parallelism',
			'Completions',
			'Completion Mode',
			'Suspend',
			'Backoff Limit',
			'Start Time',
			'Completed At',
			'Duration',
			'Active Deadline Seconds'
		]);
		expect(out).toMatch(/\nParallelism: +2\nCompletions: +3\nCompletion Mode: +NonIndexed\n/);
		expect(out).toMatch(/\nActive Deadline Seconds: +600s\n/);
		expect(out).toMatch(/\nPods Statuses: +0 Active (\(0 Ready\) )?\/ 3 Succeeded \/ 0 Failed\n/);
		expect(out).toMatch(/\nPod Template:\n {2}Labels: +batch\.kubernetes\.io\/controller-uid=/);
		expect(out).toMatch(/\nEvents:\n {2}Type +Reason +Age +From +Message\n/);
		expect(out).toContain('Created pod: pi-');
	});

	it('says NotFound for a job that does not exist', () => {
		expect(fails(lab(), 'kubectl describe job nope').error).toBe(
			'Error from server (NotFound): jobs.batch "nope" not found\n'
		);
	});
});

describe('kubectl rollout undo of a Deployment', () => {
	it("takes the revision's annotations, keeping only the Deployment's own bookkeeping (rollback.go)", () => {
		const lab = createLab({ seed: 12 });
		succeeds(lab, 'kubectl create deployment nginx --image=nginx:1.14.2');
		lab.advance(20_000);
		succeeds(lab, 'kubectl set image deployment/nginx nginx=nginx:1.16.1');
		lab.advance(30_000);
		succeeds(lab, 'kubectl set image deployment/nginx nginx=nginx:1.17');
		lab.advance(30_000);
		succeeds(
			lab,
			'kubectl annotate deployment/nginx kubernetes.io/change-cause="image updated to 1.17"'
		);
		lab.advance(5_000);
		succeeds(lab, 'kubectl rollout undo deployment/nginx');
		lab.advance(30_000);
		expect(succeeds(lab, 'kubectl rollout history deployment/nginx').output).toBe(
			'deployment.apps/nginx \nREVISION  CHANGE-CAUSE\n1         <none>\n3         image updated to 1.17\n4         <none>\n\n'
		);
		const annotations = JSON.parse(
			succeeds(lab, "kubectl get deployment nginx -o jsonpath='{.metadata.annotations}'").output
		) as Record<string, string>;
		expect(annotations).toEqual({ 'deployment.kubernetes.io/revision': '4' });
	});
});
