// A pod that refers to a ConfigMap or Secret that does not exist, as the kubelet treats it:
// - env/envFrom (kubelet_pods.go makeEnvironmentVariables; kuberuntime_container.go
//   startContainer): the container is not created, CreateContainerConfigError, a Warning Failed
//   `Error: <message>` event, retried at the pod worker's next sync (10 s + up to 50 % jitter).
// - configMap/secret/projected volumes (pkg/volume/configmap, secret, projected; volumemanager):
//   the pod stays ContainerCreating with FailedMount events, retried with the exponential
//   back-off of 500 ms doubling to 2m2s.
// - `optional: true` references are fine when missing.
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

/** kubernetes/website content/en/examples/pods/inject/pod-single-secret-env-variable.yaml */
const SECRET_ENV = `apiVersion: v1
kind: Pod
metadata:
  name: env-single-secret
spec:
  containers:
  - name: envars-test-container
    image: nginx
    env:
    - name: SECRET_USERNAME
      valueFrom:
        secretKeyRef:
          name: backend-user
          key: backend-username
`;

const ENV_FROM = `apiVersion: v1
kind: Pod
metadata:
  name: from-cm
spec:
  containers:
  - name: app
    image: nginx:1.27
    envFrom:
    - configMapRef:
        name: app-settings
    - secretRef:
        name: maybe-creds
        optional: true
    env:
    - name: LEVEL
      valueFrom:
        configMapKeyRef:
          name: maybe-levels
          key: level
          optional: true
`;

const MISSING_KEY = `apiVersion: v1
kind: Pod
metadata:
  name: missing-key
spec:
  containers:
  - name: app
    image: nginx:1.27
    env:
    - name: MODE
      valueFrom:
        configMapKeyRef:
          name: settings
          key: mode
`;

/** kubernetes/website's configmap volume example, with a server so that it keeps running. */
const CONFIGMAP_VOLUME = `apiVersion: v1
kind: Pod
metadata:
  name: with-volume
spec:
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - name: config-volume
      mountPath: /etc/config
  volumes:
  - name: config-volume
    configMap:
      name: special-config
`;

const OTHER_VOLUMES = `apiVersion: v1
kind: Pod
metadata:
  name: volumes
spec:
  containers:
  - name: web
    image: nginx:1.27
  volumes:
  - name: keys
    configMap:
      name: settings
      items:
      - key: missing
        path: missing.conf
  - name: tls
    secret:
      secretName: tls-certs
  - name: all-in-one
    projected:
      sources:
      - configMap:
          name: absent-cm
      - secret:
          name: absent-secret
  - name: optional
    configMap:
      name: nowhere
      optional: true
`;

/** A pod with a volume of the `assets` ConfigMap's `keys`, each a file of its name. */
function assetsPod(name: string, keys: readonly string[]): string {
	const items = keys.map((k) => `      - key: ${k}\n        path: ${k}\n`).join('');
	return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: web
    image: nginx:1.27
  volumes:
  - name: assets
    configMap:
      name: assets
      items:
${items}`;
}

/**
 * A ConfigMap volume picking a key of the object's binaryData and one of its data, and one
 * picking a key of neither (pkg/volume/configmap MakePayload looks in both maps).
 */
const BINARY_KEYS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: assets
data:
  index.html: hello
binaryData:
  logo.png: aGVsbG8=
---
${assetsPod('both-maps', ['logo.png', 'index.html'])}---
${assetsPod('neither-map', ['favicon.ico'])}`;

const INIT = `apiVersion: v1
kind: Pod
metadata:
  name: init-pod
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ["sh", "-c", "echo $MODE"]
    env:
    - name: MODE
      valueFrom:
        secretKeyRef:
          name: init-secret
          key: mode
  containers:
  - name: app
    image: nginx:1.27
`;

const FILES: Record<string, string> = {
	'secret-env.yaml': SECRET_ENV,
	'env-from.yaml': ENV_FROM,
	'missing-key.yaml': MISSING_KEY,
	'configmap-volume.yaml': CONFIGMAP_VOLUME,
	'other-volumes.yaml': OTHER_VOLUMES,
	'init.yaml': INIT,
	'binary-keys.yaml': BINARY_KEYS
};

function lab(): Lab {
	return createLab({ seed: 11, workers: 2, readFile: (p) => FILES[p] });
}

function pod(l: Lab, name: string): Pod {
	return JSON.parse(succeeds(l, `kubectl get pod ${name} -o json`).output) as Pod;
}

/** The `kubectl get pods` row of the pod, split into its columns. */
function row(l: Lab, name: string): string[] {
	const line = succeeds(l, 'kubectl get pods')
		.output.split('\n')
		.find((s) => s.startsWith(`${name} `));
	return (line ?? '').trim().split(/\s{2,}/);
}

/** The describe output's event line with this message, and its repeat count (1 without `xN`). */
function eventCount(l: Lab, name: string, message: string): number {
	const out = succeeds(l, `kubectl describe pod ${name}`).output;
	const line = out.split('\n').find((s) => s.endsWith(message));
	if (line === undefined) return 0;
	const n = /\(x(\d+) over /.exec(line);
	return n === null ? 1 : Number(n[1]);
}

describe('env from a missing Secret or ConfigMap', () => {
	it('is CreateContainerConfigError with the kubelet message until the Secret exists', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f secret-env.yaml');
		succeeds(l, 'sim advance 30s');
		// kubectl get pods: the waiting reason is the STATUS (printers.go printPod).
		expect(row(l, 'env-single-secret').slice(1, 4)).toEqual([
			'0/1',
			'CreateContainerConfigError',
			'0'
		]);
		const p = pod(l, 'env-single-secret');
		// getPhase: a container waiting, never created — Pending.
		expect(p.status?.phase).toBe('Pending');
		// watch_based_manager.go: apierrors.NewNotFound(corev1.Resource("secret"), name).
		expect(p.status?.containerStatuses?.[0]?.state).toEqual({
			waiting: { reason: 'CreateContainerConfigError', message: 'secret "backend-user" not found' }
		});
		const described = succeeds(l, 'kubectl describe pod env-single-secret').output;
		expect(described).toMatch(/State:\s+Waiting\n\s+Reason:\s+CreateContainerConfigError\n/);
		// startContainer: recordContainerEvent(Warning, FailedToCreateContainer, "Error: %v").
		expect(described).toMatch(
			/Warning +Failed +.*kubelet +spec\.containers\{envars-test-container\}: Error: secret "backend-user" not found\n/
		);
		// The pod worker retries the failed sync every 10-15 s (wait.Jitter(backOffPeriod, 0.5)).
		const failed = 'Error: secret "backend-user" not found';
		const before = eventCount(l, 'env-single-secret', failed);
		succeeds(l, 'sim advance 60s');
		const retries = eventCount(l, 'env-single-secret', failed) - before;
		expect(retries).toBeGreaterThanOrEqual(4);
		expect(retries).toBeLessThanOrEqual(6);
		// The Secret made, the next sync creates the container with the variable set.
		succeeds(
			l,
			'kubectl create secret generic backend-user --from-literal=backend-username=backend-admin'
		);
		succeeds(l, 'sim advance 16s');
		expect(row(l, 'env-single-secret').slice(1, 4)).toEqual(['1/1', 'Running', '0']);
		expect(pod(l, 'env-single-secret').status?.phase).toBe('Running');
		expect(
			succeeds(l, "kubectl exec env-single-secret -- sh -c 'echo $SECRET_USERNAME'").output
		).toBe('backend-admin\n');
	});

	it('names a missing envFrom ConfigMap, and lets optional references be missing', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f env-from.yaml');
		succeeds(l, 'sim advance 20s');
		expect(pod(l, 'from-cm').status?.containerStatuses?.[0]?.state?.waiting?.message).toBe(
			'configmap "app-settings" not found'
		);
		succeeds(l, 'kubectl create configmap app-settings --from-literal=COLOR=blue');
		succeeds(l, 'sim advance 16s');
		expect(row(l, 'from-cm')[2]).toBe('Running');
		// The optional Secret and key are left out, not failed on.
		const env = succeeds(l, 'kubectl exec from-cm -- printenv').output;
		expect(env).toContain('COLOR=blue\n');
		expect(env).not.toContain('LEVEL=');
	});

	it('names the missing key of a ConfigMap that exists', () => {
		const l = lab();
		succeeds(l, 'kubectl create configmap settings --from-literal=other=1');
		succeeds(l, 'kubectl apply -f missing-key.yaml');
		succeeds(l, 'sim advance 20s');
		// makeEnvironmentVariables: "couldn't find key %v in ConfigMap %v/%v".
		expect(pod(l, 'missing-key').status?.containerStatuses?.[0]?.state?.waiting?.message).toBe(
			"couldn't find key mode in ConfigMap default/settings"
		);
	});

	it('holds an init container the same way (Init:CreateContainerConfigError)', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f init.yaml');
		succeeds(l, 'sim advance 30s');
		expect(row(l, 'init-pod')[2]).toBe('Init:CreateContainerConfigError');
		const described = succeeds(l, 'kubectl describe pod init-pod').output;
		expect(described).toContain(
			'spec.initContainers{setup}: Error: secret "init-secret" not found'
		);
		succeeds(l, 'kubectl create secret generic init-secret --from-literal=mode=fast');
		succeeds(l, 'sim advance 30s');
		expect(row(l, 'init-pod').slice(1, 3)).toEqual(['1/1', 'Running']);
	});
});

describe('a ConfigMap or Secret volume whose object is missing', () => {
	it('keeps the pod ContainerCreating with FailedMount events until the ConfigMap exists', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f configmap-volume.yaml');
		succeeds(l, 'sim advance 2m');
		expect(row(l, 'with-volume').slice(1, 3)).toEqual(['0/1', 'ContainerCreating']);
		const p = pod(l, 'with-volume');
		expect(p.status?.phase).toBe('Pending');
		// No sandbox yet: the volumes come first (kubelet.go SyncPod).
		expect(p.status?.podIP).toBeUndefined();
		// Tries at 0, 0.6, 1.7, 3.8, 7.9, 16, 32.1 and 64.2 s; the next one is at 128.3 s.
		const message =
			'MountVolume.SetUp failed for volume "config-volume" : configmap "special-config" not found';
		expect(eventCount(l, 'with-volume', message)).toBe(8);
		expect(succeeds(l, 'kubectl describe pod with-volume').output).toMatch(
			/Warning +FailedMount +56s \(x8 over 2m\) +kubelet +MountVolume/
		);
		succeeds(l, 'kubectl create configmap special-config --from-literal=special.how=very');
		// Mounted at the 128.3 s try; the pod worker, past its 2m3s wait (podAttachAndMountTimeout),
		// goes on at its next sync 10-15 s later, then pulls the image (2.8 s) and starts it.
		succeeds(l, 'sim advance 14s');
		expect(row(l, 'with-volume')[2]).toBe('ContainerCreating');
		succeeds(l, 'sim advance 30s');
		expect(row(l, 'with-volume').slice(1, 3)).toEqual(['1/1', 'Running']);
		expect(eventCount(l, 'with-volume', message)).toBe(8);
	});

	it('reports missing keys, secrets and projected sources; an optional volume mounts', () => {
		const l = lab();
		succeeds(l, 'kubectl create configmap settings --from-literal=other=1');
		succeeds(l, 'kubectl apply -f other-volumes.yaml');
		succeeds(l, 'sim advance 10s');
		const out = succeeds(l, 'kubectl describe pod volumes').output;
		const lines = out.split('\n').filter((s) => s.includes('FailedMount'));
		const messages = lines.map((s) => s.slice(s.indexOf('MountVolume')));
		expect(messages).toEqual([
			// configmap.MakePayload, secret plugin SetUpAt, projected collectData's aggregate.
			'MountVolume.SetUp failed for volume "keys" : configmap references non-existent config key: missing',
			'MountVolume.SetUp failed for volume "tls" : secret "tls-certs" not found',
			'MountVolume.SetUp failed for volume "all-in-one" : [configmap "absent-cm" not found, secret "absent-secret" not found]'
		]);
	});
});

describe('a ConfigMap volume’s items', () => {
	it('finds keys in binaryData as in data; a key in neither fails the mount', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f binary-keys.yaml');
		succeeds(l, 'sim advance 30s');
		expect(row(l, 'both-maps').slice(1, 3)).toEqual(['1/1', 'Running']);
		expect(row(l, 'neither-map').slice(1, 3)).toEqual(['0/1', 'ContainerCreating']);
		const message =
			'MountVolume.SetUp failed for volume "assets" : configmap references non-existent config key: favicon.ico';
		expect(eventCount(l, 'neither-map', message)).toBeGreaterThan(0);
		expect(eventCount(l, 'both-maps', message)).toBe(0);
	});
});

describe('time travel', () => {
	it('replays the failures and the retries the same way', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f secret-env.yaml');
		succeeds(l, 'kubectl apply -f configmap-volume.yaml');
		succeeds(l, 'sim advance 40s');
		succeeds(l, 'kubectl create secret generic backend-user --from-literal=backend-username=x');
		succeeds(l, 'sim advance 50s');
		const at90 = () => ({
			pods: succeeds(l, 'kubectl get pods').output,
			events: succeeds(l, 'kubectl get events').output,
			hash: l.traceHash()
		});
		const first = at90();
		l.seek(25_000);
		expect(row(l, 'env-single-secret')[2]).toBe('CreateContainerConfigError');
		l.advance(65_000);
		expect(at90()).toEqual(first);
	});
});
