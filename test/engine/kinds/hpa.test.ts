// HorizontalPodAutoscaler (autoscaling/v2 and v1) on a kubeadm cluster, which runs no
// metrics-server: kubectl autoscale and the kubernetes.io walkthrough's manifest make one, the
// controller reconciles every 15 s — it enforces minReplicas/maxReplicas by rescaling the target,
// and otherwise reports FailedGetResourceMetric / FailedComputeMetricsReplicas without scaling —
// and kubectl prints it as v1.35 does (printHorizontalPodAutoscaler, describeHorizontalPodAutoscalerV2).
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

// https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale-walkthrough/
const V2 = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: php-apache
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: php-apache
  minReplicas: 1
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 50
`;

const V1 = `apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: legacy
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 1
  maxReplicas: 3
  targetCPUUtilizationPercentage: 70
`;

const FILES: Record<string, string> = {
	'hpa.yaml': V2,
	'v1.yaml': V1,
	'no-metrics.yaml': V2.replace(/ {2}metrics:[\s\S]*$/, ''),
	'min-zero.yaml': V2.replace('minReplicas: 1', 'minReplicas: 0'),
	'max-below-min.yaml': V2.replace('minReplicas: 1', 'minReplicas: 4').replace(
		'maxReplicas: 10',
		'maxReplicas: 2'
	),
	'no-target.yaml': V2.replace('    name: php-apache\n  minReplicas', '  minReplicas'),
	'zero-target.yaml': V2.replace('averageUtilization: 50', 'averageUtilization: 0'),
	'v1-field-in-v2.yaml': V2.replace(
		'maxReplicas: 10',
		'maxReplicas: 10\n  targetCPUUtilizationPercentage: 50'
	)
};

function lab(): Lab {
	return createLab({ seed: 21, readFile: (p) => FILES[p] });
}

const METRICS_ERROR =
	'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';

describe('kubectl autoscale and the HPA controller without metrics-server', () => {
	it('creates an autoscaling/v2 HPA whose targets are unknown, then enforces minReplicas', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27');
		expect(succeeds(l, 'kubectl autoscale deployment web --min=2 --max=5 --cpu=80%').output).toBe(
			'horizontalpodautoscaler.autoscaling/web autoscaled\n'
		);
		expect(succeeds(l, 'kubectl get hpa').output).toBe(
			'NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n' +
				'web    Deployment/web   cpu: <unknown>/80%   2         5         0          0s\n'
		);
		// Nothing happens before the first sync, one period after creation.
		succeeds(l, 'sim advance 14s');
		expect(succeeds(l, 'kubectl get deploy web -o jsonpath={.spec.replicas}').output).toBe('1');
		succeeds(l, 'sim advance 1s');
		expect(succeeds(l, 'kubectl get deploy web -o jsonpath={.spec.replicas}').output).toBe('2');
		expect(
			succeeds(l, 'kubectl get events --field-selector reason=SuccessfulRescale').output
		).toContain(
			'horizontalpodautoscaler/web   New size: 2; reason: Current number of replicas below Spec.MinReplicas'
		);
		succeeds(l, 'sim advance 45s');
		expect(succeeds(l, 'kubectl describe hpa web').output).toBe(
			'Name:                                                  web\n' +
				'Namespace:                                             default\n' +
				'Labels:                                                <none>\n' +
				'Annotations:                                           <none>\n' +
				'CreationTimestamp:                                     Mon, 05 Jan 2026 09:00:00 +0000\n' +
				'Reference:                                             Deployment/web\n' +
				'Metrics:                                               ( current / target )\n' +
				'  resource cpu on pods  (as a percentage of request):  <unknown> / 80%\n' +
				'Min replicas:                                          2\n' +
				'Max replicas:                                          5\n' +
				'Deployment pods:                                       2 current / 2 desired\n' +
				'Conditions:\n' +
				'  Type           Status  Reason                   Message\n' +
				'  ----           ------  ------                   -------\n' +
				"  AbleToScale    True    SucceededGetScale        the HPA controller was able to get the target's current scale\n" +
				`  ScalingActive  False   FailedGetResourceMetric  the HPA was unable to compute the replica count: ${METRICS_ERROR}\n` +
				'Events:\n' +
				'  Type     Reason                        Age               From                       Message\n' +
				'  ----     ------                        ----              ----                       -------\n' +
				'  Normal   SuccessfulRescale             45s               horizontal-pod-autoscaler  New size: 2; reason: Current number of replicas below Spec.MinReplicas\n' +
				`  Warning  FailedGetResourceMetric       0s (x3 over 30s)  horizontal-pod-autoscaler  ${METRICS_ERROR}\n` +
				'  Warning  FailedComputeMetricsReplicas  0s (x3 over 30s)  horizontal-pod-autoscaler  ' +
				`invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${METRICS_ERROR}\n`
		);
		expect(succeeds(l, 'kubectl get hpa web').output).toContain(
			'web    Deployment/web   cpu: <unknown>/80%   2         5         2          60s\n'
		);
		// The deployment stays at two: no metric, no scaling.
		expect(succeeds(l, 'kubectl get deploy web -o jsonpath={.spec.replicas}').output).toBe('2');
	});

	it('scales a target above maxReplicas back down', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=4');
		succeeds(l, 'kubectl autoscale deploy/web --max=3');
		succeeds(l, 'sim advance 15s');
		expect(succeeds(l, 'kubectl get deploy web -o jsonpath={.spec.replicas}').output).toBe('3');
		expect(succeeds(l, 'kubectl get hpa web -o jsonpath={.status.desiredReplicas}').output).toBe(
			'3'
		);
		expect(
			succeeds(
				l,
				'kubectl get events --field-selector reason=SuccessfulRescale -o jsonpath={.items[0].message}'
			).output
		).toBe('New size: 3; reason: Current number of replicas above Spec.MaxReplicas');
		// No --cpu: the API server's default metric, cpu at 80%.
		expect(succeeds(l, 'kubectl get hpa').output).toContain('cpu: <unknown>/80%   1         3');
	});

	it('prints the deprecation notice of --cpu-percent and checks --min/--max as kubectl does', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27');
		const r = succeeds(l, 'kubectl autoscale deployment web --max=5 --cpu-percent=50');
		expect(r.error).toBe(
			"Flag --cpu-percent has been deprecated, Use --cpu with percentage or resource quantity format (e.g., '70%' for utilization or '500m' for milliCPU).\n"
		);
		expect(succeeds(l, 'kubectl get hpa').output).toContain('cpu: <unknown>/50%');
		expect(fails(l, 'kubectl autoscale deployment web --min=3 --max=2').error).toBe(
			'error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 3\n'
		);
		expect(fails(l, 'kubectl autoscale deployment web --min=1').error).toBe(
			'error: required flag(s) "max" not set\n'
		);
		expect(fails(l, 'kubectl autoscale deployment nope --max=2').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n'
		);
		expect(fails(l, 'kubectl autoscale deployment web --max=4').error).toBe(
			'Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists\n'
		);
	});
});

describe('HorizontalPodAutoscaler manifests', () => {
	it('applies the walkthrough manifest; a missing target is a FailedGetScale', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl apply -f hpa.yaml').output).toBe(
			'horizontalpodautoscaler.autoscaling/php-apache created\n'
		);
		expect(succeeds(l, 'kubectl get hpa php-apache -o jsonpath={.status}').output).toBe(
			'{"desiredReplicas":0}'
		);
		succeeds(l, 'sim advance 15s');
		const described = succeeds(l, 'kubectl describe hpa php-apache').output;
		expect(described).toContain(
			'  AbleToScale  False   FailedGetScale  the HPA controller was unable to get the target\'s current scale: deployments.apps "php-apache" not found\n'
		);
		expect(described).toContain(
			'Warning  FailedGetScale  0s    horizontal-pod-autoscaler  deployments.apps "php-apache" not found\n'
		);
		expect(succeeds(l, 'kubectl api-resources --api-group autoscaling').output).toBe(
			'NAME                       SHORTNAMES   APIVERSION       NAMESPACED   KIND\n' +
				'horizontalpodautoscalers   hpa          autoscaling/v2   true         HorizontalPodAutoscaler\n'
		);
	});

	it('stores an autoscaling/v1 object as v2, its CPU target a Utilization metric', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27');
		succeeds(l, 'kubectl apply -f v1.yaml');
		const stored = JSON.parse(succeeds(l, 'kubectl get hpa legacy -o json').output) as {
			apiVersion: string;
			spec: Record<string, unknown>;
		};
		expect(stored.apiVersion).toBe('autoscaling/v2');
		expect(stored.spec.metrics).toEqual([
			{
				type: 'Resource',
				resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } }
			}
		]);
		expect('targetCPUUtilizationPercentage' in stored.spec).toBe(false);
		succeeds(l, 'kubectl apply -f no-metrics.yaml');
		expect(succeeds(l, 'kubectl get hpa php-apache').output).toContain('cpu: <unknown>/80%');
		expect(succeeds(l, 'kubectl delete -f v1.yaml').output).toBe(
			'horizontalpodautoscaler.autoscaling "legacy" deleted from default namespace\n'
		);
	});

	const refusals: [string, string][] = [
		[
			'min-zero.yaml',
			'The HorizontalPodAutoscaler "php-apache" is invalid: spec.minReplicas: Invalid value: 0: must be greater than or equal to 1\n'
		],
		[
			'max-below-min.yaml',
			'The HorizontalPodAutoscaler "php-apache" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`\n'
		],
		[
			'no-target.yaml',
			'The HorizontalPodAutoscaler "php-apache" is invalid: spec.scaleTargetRef.name: Required value\n'
		],
		[
			'zero-target.yaml',
			'The HorizontalPodAutoscaler "php-apache" is invalid: spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0\n'
		],
		[
			'v1-field-in-v2.yaml',
			'Error from server (BadRequest): error when creating "v1-field-in-v2.yaml": HorizontalPodAutoscaler in version "v2" cannot be handled as a HorizontalPodAutoscaler: strict decoding error: unknown field "spec.targetCPUUtilizationPercentage"\n'
		]
	];
	for (const [file, message] of refusals)
		it(`refuses ${file} and stores nothing`, () => {
			const l = lab();
			expect(fails(l, `kubectl apply -f ${file}`).error).toBe(message);
		});

	it('stops reconciling a deleted HPA, and replays the same after time travel', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27');
		succeeds(l, 'kubectl autoscale deployment web --min=2 --max=5');
		succeeds(l, 'sim advance 40s');
		const at40 = succeeds(l, 'kubectl describe hpa web').output;
		succeeds(l, 'sim advance 20s');
		l.seek(40_000);
		expect(succeeds(l, 'kubectl describe hpa web').output).toBe(at40);
		succeeds(l, 'kubectl delete hpa web');
		const events = () =>
			succeeds(
				l,
				'kubectl get events --field-selector involvedObject.kind=HorizontalPodAutoscaler -o jsonpath={.items[*].count}'
			).output;
		const before = events();
		expect(before).toBe('1 1 1');
		succeeds(l, 'sim advance 1m');
		expect(events()).toBe(before);
	});
});
