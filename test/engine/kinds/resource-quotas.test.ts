// ResourceQuota (v1) from the Kubernetes task "Configure Memory and CPU Quotas for a Namespace"
// (admin/resource/quota-mem-cpu.yaml, quota-mem-cpu-pod.yaml, quota-mem-cpu-pod-2.yaml) and
// `kubectl create quota`: the quota controller's status, kubectl's columns and describe table,
// and the ResourceQuota admission plugin's refusals — for files, `kubectl run`, `create
// deployment` and the pods a ReplicaSet makes (FailedCreate).
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const POD = (name: string, memLimit: string, memRequest: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: ${name}-ctr
    image: nginx
    resources:
      limits:
        memory: "${memLimit}"
        cpu: "800m"
      requests:
        memory: "${memRequest}"
        cpu: "400m"
`;

const FILES: Record<string, string> = {
	'quota-mem-cpu.yaml': `apiVersion: v1
kind: ResourceQuota
metadata:
  name: mem-cpu-demo
spec:
  hard:
    requests.cpu: "1"
    requests.memory: 1Gi
    limits.cpu: "2"
    limits.memory: 2Gi
`,
	'quota-mem-cpu-pod.yaml': POD('quota-mem-cpu-demo', '800Mi', '600Mi'),
	'quota-mem-cpu-pod-2.yaml': POD('quota-mem-cpu-demo-2', '1Gi', '700Mi'),
	'bare-pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: bare
spec:
  containers:
  - name: app
    image: nginx
  - name: sidecar
    image: busybox
    resources:
      requests:
        cpu: 100m
`,
	'bad-quota.yaml': `apiVersion: v1
kind: ResourceQuota
metadata:
  name: bad
spec:
  hard:
    limit.cpu: "1"
    pods: 1500m
    services: "-1"
`
};

const NS = '--namespace=quota-mem-cpu-example';

function lab(): Lab {
	const l = createLab({ seed: 3, readFile: (p) => FILES[p] });
	succeeds(l, 'kubectl create namespace quota-mem-cpu-example');
	return l;
}

describe('ResourceQuota', () => {
	it('runs the "Configure Memory and CPU Quotas" task as the docs show it', () => {
		const l = lab();
		succeeds(l, `kubectl apply -f quota-mem-cpu.yaml ${NS}`);
		const quota = () =>
			JSON.parse(succeeds(l, `kubectl get resourcequota mem-cpu-demo ${NS} -o json`).output) as {
				status: { hard: Record<string, string>; used: Record<string, string> };
			};
		expect(quota().status).toEqual({
			hard: {
				'limits.cpu': '2',
				'limits.memory': '2Gi',
				'requests.cpu': '1',
				'requests.memory': '1Gi'
			},
			used: { 'limits.cpu': '0', 'limits.memory': '0', 'requests.cpu': '0', 'requests.memory': '0' }
		});
		succeeds(l, `kubectl apply -f quota-mem-cpu-pod.yaml ${NS}`);
		expect(quota().status.used).toEqual({
			'limits.cpu': '800m',
			'limits.memory': '800Mi',
			'requests.cpu': '400m',
			'requests.memory': '600Mi'
		});
		expect(fails(l, `kubectl apply -f quota-mem-cpu-pod-2.yaml ${NS}`).error).toBe(
			'Error from server (Forbidden): error when creating "quota-mem-cpu-pod-2.yaml": pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi\n'
		);
		expect(succeeds(l, `kubectl get quota ${NS}`).output).toBe(
			'NAME           AGE   REQUEST                                            LIMIT\n' +
				'mem-cpu-demo   0s    requests.cpu: 400m/1, requests.memory: 600Mi/1Gi   limits.cpu: 800m/2, limits.memory: 800Mi/2Gi\n'
		);
		expect(succeeds(l, `kubectl describe quota mem-cpu-demo ${NS}`).output).toBe(
			'Name:            mem-cpu-demo\n' +
				'Namespace:       quota-mem-cpu-example\n' +
				'Resource         Used   Hard\n' +
				'--------         ----   ----\n' +
				'limits.cpu       800m   2\n' +
				'limits.memory    800Mi  2Gi\n' +
				'requests.cpu     400m   1\n' +
				'requests.memory  600Mi  1Gi\n'
		);
		// Deleting the pod gives the quota back.
		succeeds(l, `kubectl delete pod quota-mem-cpu-demo ${NS}`);
		expect(quota().status.used['requests.memory']).toBe('0');
	});

	it('refuses a pod that does not state what the quota limits, naming every container', () => {
		const l = lab();
		succeeds(l, `kubectl apply -f quota-mem-cpu.yaml ${NS}`);
		expect(fails(l, `kubectl apply -f bare-pod.yaml ${NS}`).error).toBe(
			'Error from server (Forbidden): error when creating "bare-pod.yaml": pods "bare" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: app,sidecar; limits.memory for: app,sidecar; requests.cpu for: app; requests.memory for: app,sidecar\n'
		);
		expect(fails(l, `kubectl run web --image=nginx ${NS}`).error).toBe(
			'Error from server (Forbidden): pods "web" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: web; limits.memory for: web; requests.cpu for: web; requests.memory for: web\n'
		);
	});

	it('is made by kubectl create quota and validated as the API server does', () => {
		const l = lab();
		expect(
			succeeds(l, 'kubectl create quota object-counts --hard=pods=2,count/deployments.apps=1')
				.output
		).toBe('resourcequota/object-counts created\n');
		expect(fails(l, 'kubectl create quota q --hard=cpu').error).toBe(
			'error: Invalid argument syntax cpu, expected <resource>=<value>\n'
		);
		expect(fails(l, 'kubectl apply -f bad-quota.yaml').error).toBe(
			'The ResourceQuota "bad" is invalid: \n' +
				'* spec.hard[limit.cpu]: Invalid value: "limit.cpu": must be a standard resource type or fully qualified\n' +
				'* spec.hard[limit.cpu]: Invalid value: "limit.cpu": must be a standard resource for quota\n' +
				'* spec.hard[pods]: Invalid value: "1500m": must be an integer\n' +
				'* spec.hard[services]: Invalid value: "-1": must be greater than or equal to 0\n'
		);
		expect(succeeds(l, 'kubectl api-resources --namespaced=true').output).toMatch(
			/\nresourcequotas +quota +v1 +true +ResourceQuota\n/
		);
	});

	it('stops a ReplicaSet at the pod count, with FailedCreate, and counts Deployments', () => {
		const l = lab();
		succeeds(l, 'kubectl create quota object-counts --hard=pods=2,count/deployments.apps=1');
		succeeds(l, 'kubectl create deployment web --image=nginx --replicas=3');
		succeeds(l, 'sim advance 5s');
		expect(succeeds(l, 'kubectl get pods -o name').output.trim().split('\n')).toHaveLength(2);
		expect(succeeds(l, 'kubectl get quota object-counts').output).toContain(
			'count/deployments.apps: 1/1, pods: 2/2'
		);
		const events = JSON.parse(
			succeeds(l, 'kubectl get events --field-selector reason=FailedCreate -o json').output
		) as { items: { message: string }[] };
		expect(events.items[0]?.message).toMatch(
			/^Error creating: pods "web-[a-z0-9]+-.*" is forbidden: exceeded quota: object-counts, requested: pods=1, used: pods=2, limited: pods=2$/
		);
		expect(fails(l, 'kubectl create deployment api --image=nginx').error).toBe(
			'error: failed to create deployment: deployments.apps "api" is forbidden: exceeded quota: object-counts, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1\n'
		);
	});

	it('appears in kubectl describe namespace', () => {
		const l = lab();
		succeeds(l, `kubectl apply -f quota-mem-cpu.yaml ${NS}`);
		succeeds(l, `kubectl apply -f quota-mem-cpu-pod.yaml ${NS}`);
		expect(succeeds(l, 'kubectl describe namespace quota-mem-cpu-example').output).toContain(
			'Resource Quotas\n' +
				'  Name:            mem-cpu-demo\n' +
				'  Resource         Used   Hard\n' +
				'  --------         ---    ---\n' +
				'  limits.cpu       800m   2\n' +
				'  limits.memory    800Mi  2Gi\n' +
				'  requests.cpu     400m   1\n' +
				'  requests.memory  600Mi  1Gi\n' +
				'\n' +
				'No LimitRange resource.\n'
		);
	});

	it('counts only the pods its scopes match, and refuses scopes that cannot apply', () => {
		const l = lab();
		succeeds(l, 'kubectl create quota best-effort --hard=pods=1 --scopes=BestEffort');
		expect(fails(l, 'kubectl create quota cpu --hard=cpu=1 --scopes=BestEffort').error).toBe(
			'The ResourceQuota "cpu" is invalid: spec.scopes: Invalid value: ["BestEffort"]: unsupported scope applied to resource\n'
		);
		succeeds(l, 'kubectl run first --image=nginx');
		expect(fails(l, 'kubectl run second --image=nginx').error).toBe(
			'Error from server (Forbidden): pods "second" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1\n'
		);
		// A pod with requests is not BestEffort: the quota does not see it.
		succeeds(l, 'kubectl apply -f quota-mem-cpu-pod.yaml');
		expect(succeeds(l, 'kubectl describe quota best-effort').output).toContain(
			'Scopes:     BestEffort\n' +
				' * Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.\n'
		);
	});
});
