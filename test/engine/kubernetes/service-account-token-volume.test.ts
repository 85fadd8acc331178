// The ServiceAccount admission plugin mounts a projected token volume, `kube-api-access-` and
// 5 random characters, in every pod (plugin/pkg/admission/serviceaccount/admission.go
// mountServiceAccountToken and TokenVolumeSource), unless the pod or its ServiceAccount says
// automountServiceAccountToken: false; mirror pods are left alone. kubectl describe prints it
// as describe.go describeContainerVolumes and printProjectedVolumeSource do (v1.35: `Optional:`).
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

const FILES: Record<string, string> = {
	'no-automount.yaml': `apiVersion: v1
kind: Pod
metadata: { name: quiet }
spec:
  automountServiceAccountToken: false
  containers:
  - { name: web, image: nginx }
`,
	'robot.yaml': `apiVersion: v1
kind: ServiceAccount
metadata: { name: robot }
automountServiceAccountToken: false
`,
	'robot-pod.yaml': `apiVersion: v1
kind: Pod
metadata: { name: robotic }
spec:
  serviceAccountName: robot
  containers:
  - { name: web, image: nginx }
`,
	'own-mount.yaml': `apiVersion: v1
kind: Pod
metadata: { name: own }
spec:
  initContainers:
  - { name: init, image: busybox, command: ["true"] }
  containers:
  - name: mine
    image: nginx
    volumeMounts:
    - { name: scratch, mountPath: ${SA_DIR} }
  - { name: side, image: busybox, command: ["sleep", "3600"] }
  volumes:
  - { name: scratch, emptyDir: {} }
`
};

function lab(): Lab {
	return createLab({ seed: 7, workers: 2, readFile: (p) => FILES[p] });
}

function pod(l: Lab, name: string, namespace = 'default'): Pod {
	return JSON.parse(succeeds(l, `kubectl get pod ${name} -n ${namespace} -o json`).output) as Pod;
}

const tokenVolumes = (p: Pod) =>
	(p.spec?.volumes ?? []).filter((v) => v.name.startsWith('kube-api-access-'));

describe('the service account token volume', () => {
	it('is mounted read-only in a bare pod, as describe and -o yaml show it', () => {
		const l = lab();
		succeeds(l, 'kubectl run web --image=nginx');
		succeeds(l, 'sim advance 10s');
		const [volume] = tokenVolumes(pod(l, 'web'));
		expect(volume?.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
		const name = volume!.name;
		const described = succeeds(l, 'kubectl describe pod web').output;
		expect(described).toContain(`    Mounts:\n      ${SA_DIR} from ${name} (ro)\n`);
		expect(described).toContain(
			'Volumes:\n' +
				`  ${name}:\n` +
				'    Type:                    Projected (a volume that contains injected data from multiple sources)\n' +
				'    TokenExpirationSeconds:  3607\n' +
				'    ConfigMapName:           kube-root-ca.crt\n' +
				'    Optional:                false\n' +
				'    DownwardAPI:             true\n' +
				'QoS Class:                   BestEffort\n'
		);
		const yaml = succeeds(l, 'kubectl get pod web -o yaml').output;
		expect(yaml).toContain(
			'    volumeMounts:\n' +
				`    - mountPath: ${SA_DIR}\n` +
				`      name: ${name}\n` +
				'      readOnly: true\n'
		);
		expect(yaml).toContain(
			'  volumes:\n' +
				`  - name: ${name}\n` +
				'    projected:\n' +
				'      defaultMode: 420\n' +
				'      sources:\n' +
				'      - serviceAccountToken:\n' +
				'          expirationSeconds: 3607\n' +
				'          path: token\n' +
				'      - configMap:\n' +
				'          items:\n' +
				'          - key: ca.crt\n' +
				'            path: ca.crt\n' +
				'          name: kube-root-ca.crt\n' +
				'      - downwardAPI:\n' +
				'          items:\n' +
				'          - fieldRef:\n' +
				'              apiVersion: v1\n' +
				'              fieldPath: metadata.namespace\n' +
				'            path: namespace\n' +
				'status:\n'
		);
	});

	it('gives each pod admitted on its own a name of its own', () => {
		const l = lab();
		succeeds(l, 'kubectl run a --image=nginx');
		succeeds(l, 'kubectl run b --image=nginx');
		expect(tokenVolumes(pod(l, 'a'))[0]!.name).not.toBe(tokenVolumes(pod(l, 'b'))[0]!.name);
	});

	it('is left out when the pod or its ServiceAccount turns automounting off', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f no-automount.yaml');
		succeeds(l, 'kubectl apply -f robot.yaml');
		succeeds(l, 'kubectl apply -f robot-pod.yaml');
		succeeds(l, 'sim advance 10s');
		for (const name of ['quiet', 'robotic']) {
			const p = pod(l, name);
			expect(p.spec?.volumes).toBeUndefined();
			expect(p.spec?.containers[0]?.volumeMounts).toBeUndefined();
			const described = succeeds(l, `kubectl describe pod ${name}`).output;
			expect(described).toContain('    Mounts:         <none>\n');
			expect(described).toContain('\nVolumes:                      <none>\n');
		}
	});

	it('is not mounted in a container that already mounts the path, and is in init containers', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f own-mount.yaml');
		const p = pod(l, 'own');
		const [volume] = tokenVolumes(p);
		const token = { mountPath: SA_DIR, name: volume!.name, readOnly: true };
		expect(p.spec?.initContainers?.[0]?.volumeMounts).toEqual([token]);
		expect(p.spec?.containers[0]?.volumeMounts).toEqual([{ mountPath: SA_DIR, name: 'scratch' }]);
		expect(p.spec?.containers[1]?.volumeMounts).toEqual([token]);
		expect(p.spec?.volumes?.map((v) => v.name)).toEqual(['scratch', volume!.name]);
	});

	it('holds ca.crt, namespace and token, as exec shows', () => {
		const l = lab();
		succeeds(l, 'kubectl create namespace team');
		succeeds(l, 'kubectl run web --image=nginx -n team');
		succeeds(l, 'sim advance 10s');
		expect(succeeds(l, `kubectl exec web -n team -- ls ${SA_DIR}`).output).toBe(
			'ca.crt\nnamespace\ntoken\n'
		);
		expect(succeeds(l, `kubectl exec web -n team -- cat ${SA_DIR}/namespace`).output).toMatch(
			/^team\n?$/
		);
	});

	it('is in a ReplicaSet pod, with enableServiceLinks as every pod has it', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment d --image=nginx --replicas=2');
		succeeds(l, 'sim advance 10s');
		const items = (
			JSON.parse(succeeds(l, 'kubectl get pods -l app=d -o json').output) as { items: Pod[] }
		).items;
		expect(items).toHaveLength(2);
		for (const p of items) {
			expect(tokenVolumes(p)).toHaveLength(1);
			// SetDefaults_Pod (pkg/apis/core/v1/defaults.go) sets it on every pod created.
			expect(p.spec?.enableServiceLinks).toBe(true);
		}
	});

	it('gets the same names when time travel replays the pods’ creation', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment d --image=nginx --replicas=0');
		succeeds(l, 'sim advance 2m');
		const before = l.now();
		succeeds(l, 'sim advance 1s');
		succeeds(l, 'kubectl scale deployment d --replicas=2');
		succeeds(l, 'sim advance 2s');
		succeeds(l, 'kubectl run web --image=nginx');
		succeeds(l, 'sim advance 3s');
		const names = () =>
			succeeds(
				l,
				'kubectl get pods -o custom-columns=NAME:.metadata.name,VOLUME:.spec.volumes[0].name'
			).output;
		const first = names();
		const end = l.now();
		l.seek(before);
		l.seek(end);
		expect(names()).toBe(first);
	});

	it('is in the add-on pods but not in the static pods’ mirrors', () => {
		const l = lab();
		const system = (
			JSON.parse(succeeds(l, 'kubectl get pods -n kube-system -o json').output) as {
				items: Pod[];
			}
		).items;
		for (const p of system) {
			const mirror = p.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined;
			expect(tokenVolumes(p), p.metadata?.name).toHaveLength(mirror ? 0 : 1);
		}
		expect(system.some((p) => p.metadata?.name?.startsWith('coredns-'))).toBe(true);
	});
});
