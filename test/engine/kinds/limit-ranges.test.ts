// LimitRange (v1) from the Kubernetes tasks "Configure Default Memory Requests and Limits for a
// Namespace" (admin/resource/memory-defaults.yaml, memory-defaults-pod*.yaml) and "Configure
// Minimum and Maximum CPU Constraints for a Namespace" (cpu-constraints.yaml,
// cpu-constraints-pod-2.yaml): the API server's defaults and validation, kubectl's table and
// describe, and the LimitRanger admission plugin — defaults filled into pods (files, `kubectl
// run`, a Deployment's pods) before ResourceQuota counts them, and min/max/ratio refusals.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	'memory-defaults.yaml': `apiVersion: v1
kind: LimitRange
metadata:
  name: mem-limit-range
spec:
  limits:
  - default:
      memory: 512Mi
    defaultRequest:
      memory: 256Mi
    type: Container
`,
	'memory-defaults-pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: default-mem-demo
spec:
  containers:
  - name: default-mem-demo-ctr
    image: nginx
`,
	'memory-defaults-pod-2.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: default-mem-demo-2
spec:
  containers:
  - name: default-mem-demo-2-ctr
    image: nginx
    resources:
      limits:
        memory: "1Gi"
`,
	'cpu-constraints.yaml': `apiVersion: v1
kind: LimitRange
metadata:
  name: cpu-min-max-demo-lr
spec:
  limits:
  - max:
      cpu: "800m"
    min:
      cpu: "200m"
    type: Container
`,
	'cpu-constraints-pod-2.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: constraints-cpu-demo-2
spec:
  containers:
  - name: constraints-cpu-demo-2-ctr
    image: nginx
    resources:
      limits:
        cpu: "1.5"
      requests:
        cpu: "500m"
`,
	'ratio.yaml': `apiVersion: v1
kind: LimitRange
metadata:
  name: ratio
spec:
  limits:
  - type: Container
    maxLimitRequestRatio:
      memory: "2"
    min:
      memory: 100Mi
`,
	'ratio-pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: greedy
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        memory: 50Mi
      limits:
        memory: 400Mi
`,
	'bad-range.yaml': `apiVersion: v1
kind: LimitRange
metadata:
  name: bad
spec:
  limits:
  - type: Container
    min:
      cpu: "1"
    max:
      cpu: 500m
  - type: Pod
    default:
      cpu: 100m
  - type: Container
`
};

function lab(): Lab {
	return createLab({ seed: 11, readFile: (p) => FILES[p] });
}

function resources(l: Lab, pod: string): unknown {
	return JSON.parse(
		succeeds(l, `kubectl get pod ${pod} -o jsonpath={.spec.containers[0].resources}`).output
	);
}

describe('LimitRange', () => {
	it('fills in default requests and limits as the docs show, and says so on the pod', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f memory-defaults.yaml');
		succeeds(l, 'kubectl apply -f memory-defaults-pod.yaml');
		expect(resources(l, 'default-mem-demo')).toEqual({
			limits: { memory: '512Mi' },
			requests: { memory: '256Mi' }
		});
		const annotations = JSON.parse(
			succeeds(l, 'kubectl get pod default-mem-demo -o jsonpath={.metadata.annotations}').output
		) as Record<string, string>;
		expect(annotations['kubernetes.io/limit-ranger']).toBe(
			'LimitRanger plugin set: memory request for container default-mem-demo-ctr; memory limit for container default-mem-demo-ctr'
		);
		// A limit without a request: the API server's defaulting already made the request equal.
		succeeds(l, 'kubectl apply -f memory-defaults-pod-2.yaml');
		expect(resources(l, 'default-mem-demo-2')).toEqual({
			limits: { memory: '1Gi' },
			requests: { memory: '1Gi' }
		});
		succeeds(l, 'kubectl run solo --image=nginx');
		expect(resources(l, 'solo')).toEqual({
			limits: { memory: '512Mi' },
			requests: { memory: '256Mi' }
		});
		expect(succeeds(l, 'kubectl get limits').output).toBe(
			'NAME              CREATED AT\nmem-limit-range   2026-01-05T09:00:00Z\n'
		);
		expect(succeeds(l, 'kubectl describe limitrange mem-limit-range').output).toBe(
			'Name:       mem-limit-range\n' +
				'Namespace:  default\n' +
				'Type        Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio\n' +
				'----        --------  ---  ---  ---------------  -------------  -----------------------\n' +
				'Container   memory    -    -    256Mi            512Mi          -\n'
		);
	});

	it("gives a Deployment's pods the defaults before ResourceQuota counts them", () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f memory-defaults.yaml');
		succeeds(l, 'kubectl create quota mem --hard=requests.memory=1Gi,limits.memory=2Gi');
		succeeds(l, 'kubectl create deployment web --image=nginx --replicas=5');
		succeeds(l, 'sim advance 5s');
		// 4 × 256Mi fill requests.memory=1Gi; the fifth pod is refused.
		expect(succeeds(l, 'kubectl get pods -o name').output.trim().split('\n')).toHaveLength(4);
		expect(succeeds(l, 'kubectl get quota mem').output).toContain(
			'requests.memory: 1Gi/1Gi   limits.memory: 2Gi/2Gi'
		);
		expect(succeeds(l, 'kubectl get pods -o jsonpath={.items[0].status.qosClass}').output).toBe(
			'Burstable'
		);
	});

	it('defaults the max as the default limit and refuses a pod outside min and max', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f cpu-constraints.yaml');
		const range = JSON.parse(
			succeeds(l, 'kubectl get limitrange cpu-min-max-demo-lr -o jsonpath={.spec.limits[0]}').output
		) as unknown;
		expect(range).toEqual({
			default: { cpu: '800m' },
			defaultRequest: { cpu: '800m' },
			max: { cpu: '800m' },
			min: { cpu: '200m' },
			type: 'Container'
		});
		expect(fails(l, 'kubectl apply -f cpu-constraints-pod-2.yaml').error).toBe(
			'Error from server (Forbidden): error when creating "cpu-constraints-pod-2.yaml": pods "constraints-cpu-demo-2" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m\n'
		);
	});

	it('refuses a limit far above the request, with every violation listed', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f ratio.yaml');
		expect(fails(l, 'kubectl apply -f ratio-pod.yaml').error).toBe(
			'Error from server (Forbidden): error when creating "ratio-pod.yaml": pods "greedy" is forbidden: [minimum memory usage per Container is 100Mi, but request is 50Mi, memory max limit to request ratio per Container is 2, but provided ratio is 8.000000]\n'
		);
	});

	it('validates a LimitRange as the API server does', () => {
		expect(fails(lab(), 'kubectl apply -f bad-range.yaml').error).toBe(
			'The LimitRange "bad" is invalid: \n' +
				'* spec.limits[0].min[cpu]: Invalid value: "1": min value 1 is greater than max value 500m\n' +
				'* spec.limits[0].defaultRequest[cpu]: Invalid value: "500m": min value 1 is greater than default request value 500m\n' +
				'* spec.limits[0].default[cpu]: Invalid value: "1": min value 1 is greater than default value 500m\n' +
				"* spec.limits[1].default: Forbidden: may not be specified when `type` is 'Pod'\n" +
				'* spec.limits[2].type: Duplicate value: "Container"\n'
		);
	});
});
