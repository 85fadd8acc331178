/**
 * Every create meets the same admission (kube-apiserver's ServiceAccount, Priority, LimitRanger
 * and ResourceQuota plugins), whichever kubectl command sends it, and a server dry run meets it
 * too (KEP 576: dry run runs admission, it skips only the write). A refusal is the API server's
 * Forbidden, wrapped as each command wraps errors: create job/cronjob/deployment/service
 * `failed to create …: ` (create_job.go, create_cronjob.go, create_deployment.go,
 * create_service.go), expose and run as the StatusError itself.
 */
import { describe, expect, it } from 'vitest';
import { corpusAvailable, SKIP_REASON } from '../../manifests/corpus';
import { fails, succeeds } from '../../lab-helpers';
import { labWith } from './lab-files';

const POD_WITH_ACCOUNT = `apiVersion: v1
kind: Pod
metadata:
  name: p1
spec:
  serviceAccountName: robot
  containers:
  - name: c
    image: nginx
`;

const exceeded = (what: string, name: string, used: string, limited: string) =>
	`${what} is forbidden: exceeded quota: q, requested: ${name}=1, used: ${name}=${used}, limited: ${name}=${limited}`;

describe('ResourceQuota on the create generators', () => {
	it('counts jobs and cron jobs (count/jobs.batch, count/cronjobs.batch)', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl create quota q --hard=count/jobs.batch=1,count/cronjobs.batch=0');
		succeeds(lab, 'kubectl create job j1 --image=busybox');
		const j2 = `error: failed to create job: ${exceeded('jobs.batch "j2"', 'count/jobs.batch', '1', '1')}\n`;
		expect(fails(lab, 'kubectl create job j2 --image=busybox').error).toBe(j2);
		expect(fails(lab, 'kubectl create job j2 --image=busybox --dry-run=server').error).toBe(j2);
		expect(
			fails(lab, 'kubectl create cronjob c1 --image=busybox --schedule="*/1 * * * *"').error
		).toBe(
			`error: failed to create cronjob: ${exceeded('cronjobs.batch "c1"', 'count/cronjobs.batch', '0', '0')}\n`
		);
	});

	it('counts services, node ports and load balancers for create service and expose', () => {
		const lab = labWith();
		// The default namespace's `kubernetes` Service counts towards services.
		succeeds(
			lab,
			'kubectl create quota q --hard=services=2,services.nodeports=0,services.loadbalancers=0'
		);
		expect(fails(lab, 'kubectl create service nodeport np --tcp=80').error).toBe(
			`error: failed to create NodePort service: ${exceeded('services "np"', 'services.nodeports', '0', '0')}\n`
		);
		expect(fails(lab, 'kubectl create service loadbalancer lb --tcp=80').error).toMatch(
			/^error: failed to create LoadBalancer service: services "lb" is forbidden: exceeded quota: q, requested: services.loadbalancers=1,services.nodeports=1, /
		);
		succeeds(lab, 'kubectl create deployment web --image=nginx --port=80');
		succeeds(lab, 'kubectl expose deployment web');
		expect(fails(lab, 'kubectl expose deployment web --name=web2').error).toBe(
			`Error from server (Forbidden): ${exceeded('services "web2"', 'services', '2', '2')}\n`
		);
		expect(fails(lab, 'kubectl create service clusterip c --tcp=80').error).toBe(
			`error: failed to create ClusterIP service: ${exceeded('services "c"', 'services', '2', '2')}\n`
		);
	});

	it('counts service accounts and autoscalers', () => {
		const lab = labWith();
		// The namespace's `default` ServiceAccount counts.
		succeeds(
			lab,
			'kubectl create quota q --hard=count/serviceaccounts=1,count/horizontalpodautoscalers.autoscaling=0'
		);
		expect(fails(lab, 'kubectl create serviceaccount bot').error).toBe(
			`error: failed to create serviceaccount: ${exceeded('serviceaccounts "bot"', 'count/serviceaccounts', '1', '1')}\n`
		);
		succeeds(lab, 'kubectl create deployment web --image=nginx');
		expect(fails(lab, 'kubectl autoscale deployment web --max=3').error).toContain(
			`Error from server (Forbidden): ${exceeded('horizontalpodautoscalers.autoscaling "web"', 'count/horizontalpodautoscalers.autoscaling', '0', '0')}\n`
		);
	});
});

describe.skipIf(!corpusAvailable)(
	`server dry runs admit as real creates (${corpusAvailable ? 'corpus' : SKIP_REASON})`,
	() => {
		it('apply --dry-run=server meets the quota and the ServiceAccount plugin', () => {
			const lab = labWith({ 'pod-sa.yaml': POD_WITH_ACCOUNT });
			succeeds(lab, 'kubectl create quota q --hard=count/deployments.apps=0');
			expect(fails(lab, 'kubectl apply -f deployment.yaml --dry-run=server').error).toBe(
				`Error from server (Forbidden): error when creating "deployment.yaml": ${exceeded('deployments.apps "nginx-deployment"', 'count/deployments.apps', '0', '0')}\n`
			);
			// diff's MERGED is the same dry-run create; its error is the server's, unwrapped.
			expect(fails(lab, 'kubectl diff -f deployment.yaml').error).toBe(
				`Error from server (Forbidden): ${exceeded('deployments.apps "nginx-deployment"', 'count/deployments.apps', '0', '0')}\n`
			);
			const account =
				'pods "p1" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found';
			expect(fails(lab, 'kubectl apply -f pod-sa.yaml --dry-run=server').error).toBe(
				`Error from server (Forbidden): error when creating "pod-sa.yaml": ${account}\n`
			);
			expect(fails(lab, 'kubectl create -f pod-sa.yaml --dry-run=server').error).toBe(
				`Error from server (Forbidden): error when creating "pod-sa.yaml": ${account}\n`
			);
		});

		it('run meets the ServiceAccount plugin', () => {
			const lab = labWith();
			expect(
				fails(
					lab,
					`kubectl run p --image=nginx --overrides='{"spec":{"serviceAccountName":"robot"}}'`
				).error
			).toBe(
				'Error from server (Forbidden): pods "p" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found\n'
			);
		});
	}
);
