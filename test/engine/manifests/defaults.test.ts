// The API server's defaulting beyond what the corpus shows (pkg/apis/core|apps|batch/v1/
// defaults.go, cited in src/engine/manifests/defaults.ts), the canonical quantity form
// (apimachinery pkg/api/resource), admission, and the Job strategy's generated selector.
import { describe, expect, it } from 'vitest';
import type { ConfigMap, Namespace, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import type { Deployment, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import {
	canonicalQuantity,
	generateJobSelector,
	imageTag,
	readManifests
} from '../../../src/engine/manifests/index';
import type { KubeObject } from '../../../src/engine/manifests/index';

function one<T extends KubeObject>(text: string, namespace?: string): T {
	const result = readManifests(text, 'x.yaml', namespace ? { namespace } : {});
	if (!result.ok) throw new Error(result.error);
	return result.objects[0] as T;
}

const POD = (containers: string, extra = '') =>
	`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${containers}${extra}`;

describe('defaults', () => {
	it('picks imagePullPolicy from the tag: Always for latest or none, else IfNotPresent', () => {
		expect(imageTag('nginx')).toBe('latest');
		expect(imageTag('nginx:1.25')).toBe('1.25');
		expect(imageTag('nginx@sha256:abc')).toBe('');
		expect(imageTag('registry.lab:5000/app')).toBe('latest');
		const pod = one<Pod>(
			POD('  - {name: a, image: "nginx:latest"}\n  - {name: b, image: "nginx@sha256:abc"}\n')
		);
		expect(pod.spec?.containers.map((c) => c.imagePullPolicy)).toEqual(['Always', 'IfNotPresent']);
	});

	it('fills the namespace kubectl would, and clears it on cluster-scoped kinds', () => {
		const cm = one<ConfigMap>('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n', 'team-a');
		expect(cm.metadata?.namespace).toBe('team-a');
		const ns = one<Namespace>(
			'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n  namespace: x\n'
		);
		expect(ns.metadata).toEqual({ name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev' } });
		expect(ns.spec?.finalizers).toEqual(['kubernetes']);
		expect(ns.status?.phase).toBe('Active');
	});

	it('defaults a Job with no backoffLimit to 6', () => {
		const job = one<Job>(
			'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    metadata:\n      labels: {app: j}\n    spec:\n      restartPolicy: OnFailure\n      containers: [{name: a, image: b}]\n'
		);
		expect(job.spec).toMatchObject({
			backoffLimit: 6,
			completions: 1,
			parallelism: 1,
			manualSelector: false,
			podReplacementPolicy: 'TerminatingOrFailed'
		});
		expect(job.metadata?.labels).toEqual({ app: 'j' });
		generateJobSelector(job, 'uid-1');
		expect(job.spec?.selector).toEqual({
			matchLabels: { 'batch.kubernetes.io/controller-uid': 'uid-1' }
		});
		expect(job.spec?.template.metadata?.labels).toEqual({
			app: 'j',
			'job-name': 'j',
			'batch.kubernetes.io/job-name': 'j',
			'controller-uid': 'uid-1',
			'batch.kubernetes.io/controller-uid': 'uid-1'
		});
	});

	it('defaults Service details: ClientIP timeout, NodePort traffic policy', () => {
		const svc = one<Service>(
			'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: NodePort\n  sessionAffinity: ClientIP\n  ports:\n  - {port: 80, targetPort: http}\n'
		);
		expect(svc.spec).toMatchObject({
			sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
			externalTrafficPolicy: 'Cluster',
			ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }]
		});
	});

	it('defaults volumes, probes, field refs and a Secret', () => {
		const pod = one<Pod>(
			POD(
				'  - name: a\n    image: b\n    readinessProbe: {httpGet: {port: 80}}\n    env:\n    - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}\n',
				'  volumes:\n  - name: scratch\n  - name: s\n    secret: {secretName: x}\n'
			)
		);
		expect(pod.spec?.volumes).toEqual([
			{ name: 'scratch', emptyDir: {} },
			{ name: 's', secret: { secretName: 'x', defaultMode: 420 } }
		]);
		expect(pod.spec?.containers[0]?.readinessProbe).toEqual({
			httpGet: { port: 80, path: '/', scheme: 'HTTP' },
			timeoutSeconds: 1,
			periodSeconds: 10,
			successThreshold: 1,
			failureThreshold: 3
		});
		expect(pod.spec?.containers[0]?.env?.[0]?.valueFrom?.fieldRef?.apiVersion).toBe('v1');
		const secret = one<Secret>(
			'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: "pässword"\n'
		);
		expect(secret).toMatchObject({ type: 'Opaque', data: { password: 'cMOkc3N3b3Jk' } });
		expect(secret.stringData).toBeUndefined();
	});

	it('creates Pods Pending with their QoS class, whatever status the file holds', () => {
		const limits = '    resources: {limits: {cpu: 500m, memory: 128Mi}}\n';
		const guaranteed = one<Pod>(
			POD(`  - name: a\n    image: b\n${limits}`, 'status: {phase: Running}\n')
		);
		expect(guaranteed.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
		expect(guaranteed.spec?.containers[0]?.resources?.requests).toEqual({
			cpu: '500m',
			memory: '128Mi'
		});
		const burstable = one<Pod>(
			POD('  - name: a\n    image: b\n    resources: {requests: {cpu: 1}}\n')
		);
		expect(burstable.status?.qosClass).toBe('Burstable');
		expect(one<Pod>(POD('  - {name: a, image: b}\n')).status?.qosClass).toBe('BestEffort');
		const deployment = one<Deployment>(
			'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: a, image: b}]}\nstatus: {replicas: 9}\n'
		);
		expect(deployment.status).toBeUndefined();
	});

	it('fills in a missing spec the way Go zero values do', () => {
		const result = readManifests(
			'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n',
			'x.yaml'
		);
		expect(result.ok ? '' : result.error).toBe(
			'The Deployment "d" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`\n* spec.template.spec.containers: Required value\n'
		);
		const sts = readManifests(
			'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec:\n  selector: {matchLabels: {a: b}}\n  template: {metadata: {labels: {a: b}}}\n',
			'x.yaml'
		);
		// A StatefulSet's pod spec is only checked when its Pods are created.
		const object = sts.objects[0] as StatefulSet | undefined;
		expect(object?.spec?.updateStrategy).toEqual({
			type: 'RollingUpdate',
			rollingUpdate: { partition: 0 }
		});
	});

	it('leaves an explicit Recreate strategy without rollingUpdate', () => {
		const deployment = one<Deployment>(
			'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  strategy: {type: Recreate}\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: a, image: b}]}\n'
		);
		expect(deployment.spec?.strategy).toEqual({ type: 'Recreate' });
		expect(deployment.spec?.replicas).toBe(1);
	});
});

describe('quantities (resource.Quantity canonical form)', () => {
	it.each([
		['0.5', '500m'],
		['1.5', '1500m'],
		['1000', '1k'],
		['1500', '1500'],
		['1.5Gi', '1536Mi'],
		['0.5Gi', '512Mi'],
		['1024', '1024'],
		['1024Mi', '1Gi'],
		['1000Gi', '1000Gi'],
		['100m', '100m'],
		['0.1m', '1m'],
		['1e3', '1e3'],
		['0', '0'],
		['+2', '2'],
		['128974848', '128974848'],
		['129e6', '129e6'],
		['123Mi', '123Mi']
	])('%s is stored as %s', (input, canonical) => {
		expect(canonicalQuantity(input)).toEqual({ value: canonical });
	});

	it.each(['', 'abc', '1Q', '1.2.3', '--1'])('refuses %j', (input) => {
		expect('error' in canonicalQuantity(input)).toBe(true);
	});
});
