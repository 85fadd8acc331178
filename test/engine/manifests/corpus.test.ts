// Every real manifest of the shared corpus (shared/corpus/SOURCES.md) is read without error into
// the right objects, and carries the API server's defaults (pkg/apis/*/v1/defaults.go, cited in
// src/engine/manifests/defaults.ts; facts.md §1.3, §1.5, §1.6).
import { describe, expect, it } from 'vitest';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { DaemonSet, Deployment, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { readManifests } from '../../../src/engine/manifests/index';
import type { KubeObject } from '../../../src/engine/manifests/index';
import { corpusAvailable, corpusFiles, SKIP_REASON } from './corpus';

const EXPECTED: Record<string, string[]> = {
	'daemonset.yaml': ['DaemonSet kube-system/fluentd-elasticsearch'],
	'daemonset.zh-cn.yaml': ['DaemonSet kube-system/fluentd-elasticsearch'],
	'deployment-scale.yaml': ['Deployment default/nginx-deployment'],
	'deployment-update.yaml': ['Deployment default/nginx-deployment'],
	'deployment.yaml': ['Deployment default/nginx-deployment'],
	'exec-liveness.yaml': ['Pod default/liveness-exec'],
	'frontend.yaml': ['ReplicaSet default/frontend'],
	'http-liveness.yaml': ['Pod default/liveness-http'],
	'job.yaml': ['Job default/pi'],
	'memory-request-limit-3.yaml': ['Pod mem-example/memory-demo-3'],
	'minimal-ingress.yaml': ['Ingress default/minimal-ingress'],
	'nginx-app.yaml': ['Service default/my-nginx-svc', 'Deployment default/my-nginx'],
	'nginx-service.yaml': ['Service default/nginx-service'],
	'one-constraint.yaml': ['Pod default/mypod'],
	'pod-with-node-affinity.yaml': ['Pod default/with-node-affinity'],
	'pod-with-toleration.yaml': ['Pod default/nginx'],
	'zookeeper-pod-disruption-budget-minavailable.yaml': ['PodDisruptionBudget default/zk-pdb'],
	'zookeeper.yaml': [
		'Service default/zk-hs',
		'Service default/zk-cs',
		'PodDisruptionBudget default/zk-pdb',
		'StatefulSet default/zk'
	]
};

const files = corpusFiles();

function read(name: string): KubeObject[] {
	const file = files.find((f) => f.name === name);
	if (!file) throw new Error(`corpus file ${name} missing`);
	const result = readManifests(file.text, file.name);
	if (!result.ok) throw new Error(result.error);
	return result.objects;
}

describe.skipIf(!corpusAvailable)(
	`corpus (${corpusAvailable ? 'shared/corpus' : SKIP_REASON})`,
	() => {
		it('holds exactly the files this test knows', () => {
			expect(files.map((f) => f.name)).toEqual(Object.keys(EXPECTED).sort());
		});

		it.each(Object.entries(EXPECTED))('%s reads without error into %j', (name, expected) => {
			const summary = read(name).map(
				(o) => `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`
			);
			expect(summary).toEqual(expected);
		});

		it('defaults a Deployment like the API server (apps/v1 and core/v1 defaults.go)', () => {
			const [deployment] = read('deployment.yaml') as [Deployment];
			expect(deployment.spec?.strategy).toEqual({
				type: 'RollingUpdate',
				rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }
			});
			expect(deployment.spec?.revisionHistoryLimit).toBe(10);
			expect(deployment.spec?.progressDeadlineSeconds).toBe(600);
			const pod = deployment.spec?.template.spec;
			expect(pod).toMatchObject({
				restartPolicy: 'Always',
				terminationGracePeriodSeconds: 30,
				dnsPolicy: 'ClusterFirst',
				schedulerName: 'default-scheduler',
				securityContext: {}
			});
			// enableServiceLinks and requests-from-limits are SetDefaults_Pod: Pods only, not templates.
			expect(pod?.enableServiceLinks).toBeUndefined();
			expect(pod?.containers[0]).toEqual({
				name: 'nginx',
				image: 'nginx:1.14.2',
				imagePullPolicy: 'IfNotPresent',
				ports: [{ containerPort: 80, protocol: 'TCP' }],
				resources: {},
				terminationMessagePath: '/dev/termination-log',
				terminationMessagePolicy: 'File'
			});
		});

		it('defaults Services: targetPort = port, TCP, None affinity, LoadBalancer extras', () => {
			const [lb] = read('nginx-app.yaml') as [Service];
			expect(lb.spec).toMatchObject({
				type: 'LoadBalancer',
				sessionAffinity: 'None',
				externalTrafficPolicy: 'Cluster',
				internalTrafficPolicy: 'Cluster',
				allocateLoadBalancerNodePorts: true,
				ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }]
			});
			const [svc] = read('nginx-service.yaml') as [Service];
			expect(svc.spec?.type).toBe('ClusterIP');
			expect(svc.spec?.ports).toEqual([{ port: 8000, targetPort: 80, protocol: 'TCP' }]);
			expect(svc.spec?.externalTrafficPolicy).toBeUndefined();
			const [headless] = read('zookeeper.yaml') as [Service];
			expect(headless.spec?.clusterIP).toBe('None');
		});

		it('defaults a Job: completions and parallelism 1, its own backoffLimit kept', () => {
			const [job] = read('job.yaml') as [Job];
			expect(job.spec).toMatchObject({
				completions: 1,
				parallelism: 1,
				backoffLimit: 4,
				completionMode: 'NonIndexed',
				suspend: false
			});
			// `image: perl` has no tag, so the pull policy is Always.
			expect(job.spec?.template.spec?.containers[0]?.imagePullPolicy).toBe('Always');
			expect(job.spec?.template.spec?.restartPolicy).toBe('Never');
		});

		it('keeps a toleration without operator as written (empty means Equal; no default is stored)', () => {
			const [ds] = read('daemonset.yaml') as [DaemonSet];
			expect(ds.spec?.template.spec?.tolerations).toEqual([
				{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }
			]);
			expect(ds.spec?.updateStrategy).toEqual({
				type: 'RollingUpdate',
				rollingUpdate: { maxUnavailable: 1, maxSurge: 0 }
			});
			expect(ds.spec?.template.spec?.volumes?.[0]).toEqual({
				name: 'varlog',
				hostPath: { path: '/var/log', type: '' }
			});
		});

		it('defaults probes (periodSeconds 10, timeoutSeconds 1, thresholds 1 and 3)', () => {
			const [exec] = read('exec-liveness.yaml') as [Pod];
			expect(exec.spec?.containers[0]?.livenessProbe).toEqual({
				exec: { command: ['cat', '/tmp/healthy'] },
				initialDelaySeconds: 5,
				periodSeconds: 5,
				timeoutSeconds: 1,
				successThreshold: 1,
				failureThreshold: 3
			});
			const [http] = read('http-liveness.yaml') as [Pod];
			expect(http.spec?.containers[0]?.livenessProbe?.httpGet).toEqual({
				path: '/healthz',
				port: 8080,
				scheme: 'HTTP',
				httpHeaders: [{ name: 'Custom-Header', value: 'Awesome' }]
			});
		});

		it('admits Pods: service account, priority and the 300 s not-ready/unreachable tolerations', () => {
			const [pod] = read('pod-with-toleration.yaml') as [Pod];
			expect(pod.spec).toMatchObject({
				enableServiceLinks: true,
				serviceAccountName: 'default',
				priority: 0,
				preemptionPolicy: 'PreemptLowerPriority'
			});
			expect(pod.spec?.containers[0]?.imagePullPolicy).toBe('IfNotPresent');
			expect(pod.spec?.tolerations?.map((t) => `${t.key}:${t.tolerationSeconds ?? '-'}`)).toEqual([
				'example-key:-',
				'node.kubernetes.io/not-ready:300',
				'node.kubernetes.io/unreachable:300'
			]);
		});

		it('stores quantities in canonical form, with requests defaulted from limits on Pods', () => {
			const [pod] = read('memory-request-limit-3.yaml') as [Pod];
			expect(pod.spec?.containers[0]?.resources).toEqual({
				requests: { memory: '1000Gi' },
				limits: { memory: '1000Gi' }
			});
			const sts = read('zookeeper.yaml')[3] as StatefulSet;
			expect(sts.spec?.template.spec?.containers[0]?.resources?.requests).toEqual({
				cpu: '500m',
				memory: '1Gi'
			});
		});

		it('defaults a StatefulSet and its volume claim templates', () => {
			const sts = read('zookeeper.yaml')[3] as StatefulSet;
			expect(sts.spec).toMatchObject({
				podManagementPolicy: 'OrderedReady',
				updateStrategy: { type: 'RollingUpdate' },
				revisionHistoryLimit: 10,
				persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' }
			});
			expect(sts.spec?.volumeClaimTemplates?.[0]).toMatchObject({
				apiVersion: 'v1',
				kind: 'PersistentVolumeClaim',
				spec: { volumeMode: 'Filesystem', resources: { requests: { storage: '10Gi' } } },
				status: { phase: 'Pending' }
			});
			const pdb = read('zookeeper.yaml')[2] as PodDisruptionBudget;
			expect(pdb.spec?.maxUnavailable).toBe(1);
		});
	}
);
