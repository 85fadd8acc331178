// PersistentVolume (v1, cluster-scoped) from the Kubernetes task "Configure a Pod to Use a
// PersistentVolume for Storage" (pods/storage/pv-volume.yaml, pv-claim.yaml, pv-pod.yaml):
// stored, printed and described as kubectl v1.35 does, refused with the API server's messages,
// bound to claims by the PV controller (smallest fitting volume, class "" with "", pre-binding),
// released or reclaimed when the claim goes, and kept Terminating by pv-protection while bound.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const PV = (name: string, size: string, extra = '', cls = 'manual') => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
  labels:
    type: local
spec:
  storageClassName: ${JSON.stringify(cls)}
  capacity:
    storage: ${size}
  accessModes:
    - ReadWriteOnce
  hostPath:
    path: "/mnt/data"
${extra}`;

const CLAIM = (name: string, size: string, extra = '', cls = 'manual') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  storageClassName: ${JSON.stringify(cls)}
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: ${size}
${extra}`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: task-pv-pod
spec:
  volumes:
    - name: task-pv-storage
      persistentVolumeClaim:
        claimName: task-pv-claim
  containers:
    - name: task-pv-container
      image: nginx
      ports:
        - containerPort: 80
          name: "http-server"
      volumeMounts:
        - mountPath: "/usr/share/nginx/html"
          name: task-pv-storage
`;

const FILES: Record<string, string> = {
	'pv-volume.yaml': PV('task-pv-volume', '10Gi'),
	'pv-claim.yaml': CLAIM('task-pv-claim', '3Gi'),
	'pv-pod.yaml': POD,
	'small.yaml': PV('small', '5Gi'),
	'tiny.yaml': PV('tiny', '1Gi'),
	'big-claim.yaml': CLAIM('big', '20Gi'),
	'named-claim.yaml': CLAIM('named', '20Gi', '  volumeName: task-pv-volume\n'),
	'classless.yaml': PV('classless', '1Gi', '', ''),
	'classless-claim.yaml': CLAIM('classless-claim', '1Gi', '', ''),
	'tmp-delete.yaml': PV('scratch', '1Gi', '  persistentVolumeReclaimPolicy: Delete\n', '').replace(
		'/mnt/data',
		'/tmp/scratch'
	),
	'mnt-delete.yaml': PV('kept', '1Gi', '  persistentVolumeReclaimPolicy: Delete\n', ''),
	// https://kubernetes.io/docs/concepts/storage/volumes/#local
	'local-pv.yaml': `apiVersion: v1
kind: PersistentVolume
metadata:
  name: example-pv
spec:
  capacity:
    storage: 100Gi
  volumeMode: Filesystem
  accessModes:
  - ReadWriteOnce
  persistentVolumeReclaimPolicy: Delete
  storageClassName: local-storage
  local:
    path: /mnt/disks/ssd1
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - key: kubernetes.io/hostname
          operator: In
          values:
          - node-2
`,
	'local-claim.yaml': CLAIM('task-pv-claim', '10Gi', '', 'local-storage'),
	'no-capacity.yaml': `apiVersion: v1
kind: PersistentVolume
metadata:
  name: broken
spec:
  hostPath:
    path: /mnt/data
`,
	'two-sources.yaml': `apiVersion: v1
kind: PersistentVolume
metadata:
  name: broken
spec:
  capacity:
    storage: 0
  accessModes: [ReadWriteOnce, ReadWriteOncePod]
  persistentVolumeReclaimPolicy: Keep
  hostPath:
    path: /mnt/data
  nfs:
    server: nfs.example.com
    path: /exports
`,
	'no-source.yaml': `apiVersion: v1
kind: PersistentVolume
metadata:
  name: broken
spec:
  capacity:
    storage: 1Gi
    cpu: "1"
  accessModes: [ReadWriteOnce]
`,
	'bad-quantity.yaml': `apiVersion: v1
kind: PersistentVolume
metadata:
  name: broken
spec:
  capacity:
    storage: 10GB
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /mnt/data
`
};

function lab(workers?: number): Lab {
	return createLab({ seed: 7, readFile: (p) => FILES[p], ...(workers ? { workers } : {}) });
}

function json<T>(l: Lab, line: string): T {
	return JSON.parse(succeeds(l, line).output) as T;
}

describe('PersistentVolume', () => {
	it('runs the "Configure a Pod to Use a PersistentVolume" task as the docs show it', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl apply -f pv-volume.yaml').output).toBe(
			'persistentvolume/task-pv-volume created\n'
		);
		expect(succeeds(l, 'kubectl get pv task-pv-volume').output).toBe(
			'NAME             CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n' +
				'task-pv-volume   10Gi       RWO            Retain           Available           manual         <unset>                          0s\n'
		);
		succeeds(l, 'kubectl apply -f pv-claim.yaml');
		expect(succeeds(l, 'kubectl get pv').output).toContain(
			'task-pv-volume   10Gi       RWO            Retain           Bound    default/task-pv-claim   manual'
		);
		expect(succeeds(l, 'kubectl get pvc task-pv-claim').output).toBe(
			'NAME            STATUS   VOLUME           CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n' +
				'task-pv-claim   Bound    task-pv-volume   10Gi       RWO            manual         <unset>                 0s\n'
		);
		const claim = json<{
			metadata: { annotations: Record<string, string>; finalizers: string[] };
			status: { capacity: Record<string, string>; accessModes: string[] };
		}>(l, 'kubectl get pvc task-pv-claim -o json');
		expect(claim.metadata.annotations).toMatchObject({
			'pv.kubernetes.io/bind-completed': 'yes',
			'pv.kubernetes.io/bound-by-controller': 'yes'
		});
		expect(claim.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
		expect(claim.status).toMatchObject({
			capacity: { storage: '10Gi' },
			accessModes: ['ReadWriteOnce']
		});
		const pv = json<{ spec: { claimRef: Record<string, string> } }>(
			l,
			'kubectl get pv task-pv-volume -o json'
		);
		expect(pv.spec.claimRef).toMatchObject({
			kind: 'PersistentVolumeClaim',
			namespace: 'default',
			name: 'task-pv-claim'
		});
		succeeds(l, 'kubectl apply -f pv-pod.yaml');
		succeeds(l, 'sim advance 30s');
		expect(succeeds(l, 'kubectl get pod task-pv-pod -o jsonpath={.status.phase}').output).toBe(
			'Running'
		);
		expect(succeeds(l, 'kubectl describe pv task-pv-volume').output).toBe(
			'Name:            task-pv-volume\n' +
				'Labels:          type=local\n' +
				'Annotations:     pv.kubernetes.io/bound-by-controller: yes\n' +
				'Finalizers:      [kubernetes.io/pv-protection]\n' +
				'StorageClass:    manual\n' +
				'Status:          Bound\n' +
				'Claim:           default/task-pv-claim\n' +
				'Reclaim Policy:  Retain\n' +
				'Access Modes:    RWO\n' +
				'VolumeMode:      Filesystem\n' +
				'Capacity:        10Gi\n' +
				'Node Affinity:   <none>\n' +
				'Message:         \n' +
				'Source:\n' +
				'    Type:          HostPath (bare host directory volume)\n' +
				'    Path:          /mnt/data\n' +
				'    HostPathType:  \n' +
				'Events:            <none>\n'
		);
		expect(succeeds(l, 'kubectl get pv -o wide').output.split('\n')[0]).toMatch(
			/REASON {3}AGE {3}VOLUMEMODE$/
		);
	});

	it('refuses the common mistakes with the API server messages and stores nothing', () => {
		const l = lab();
		expect(fails(l, 'kubectl apply -f no-capacity.yaml').error).toBe(
			'The PersistentVolume "broken" is invalid: \n' +
				'* spec.accessModes: Required value\n' +
				'* spec.capacity: Required value\n' +
				'* spec.capacity: Unsupported value: null: supported values: "storage"\n'
		);
		expect(fails(l, 'kubectl apply -f two-sources.yaml').error).toBe(
			'The PersistentVolume "broken" is invalid: \n' +
				'* spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes\n' +
				'* spec.capacity[storage]: Invalid value: "0": must be greater than zero\n' +
				'* spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"\n' +
				'* spec.nfs: Forbidden: may not specify more than 1 volume type\n'
		);
		expect(fails(l, 'kubectl apply -f no-source.yaml').error).toBe(
			'The PersistentVolume "broken" is invalid: \n' +
				'* spec.capacity: Unsupported value: {"cpu":"1","storage":"1Gi"}: supported values: "storage"\n' +
				'* spec: Required value: must specify a volume type\n'
		);
		expect(fails(l, 'kubectl apply -f bad-quantity.yaml').error).toContain(
			'PersistentVolume in version "v1" cannot be handled as a PersistentVolume: quantities must match the regular expression'
		);
		expect(l.exec('kubectl get pv').error).toBe('No resources found\n');
	});

	it('binds the smallest volume that fits, a named volume, and "" to ""', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f pv-volume.yaml');
		succeeds(l, 'kubectl apply -f small.yaml');
		succeeds(l, 'kubectl apply -f tiny.yaml');
		succeeds(l, 'kubectl apply -f pv-claim.yaml');
		expect(succeeds(l, 'kubectl get pvc task-pv-claim -o jsonpath={.spec.volumeName}').output).toBe(
			'small'
		);
		// Too big for every volume: it waits, and says so on every resync.
		succeeds(l, 'kubectl apply -f big-claim.yaml');
		expect(succeeds(l, 'kubectl get pvc big -o jsonpath={.status.phase}').output).toBe('Pending');
		// A claim that names a volume too small for it.
		succeeds(l, 'kubectl apply -f named-claim.yaml');
		expect(succeeds(l, 'kubectl describe pvc named').output).toContain(
			'Cannot bind to requested volume "task-pv-volume": requested PV is too small'
		);
		succeeds(l, 'kubectl apply -f classless.yaml');
		succeeds(l, 'kubectl apply -f classless-claim.yaml');
		expect(
			succeeds(l, 'kubectl get pvc classless-claim -o jsonpath={.spec.volumeName}').output
		).toBe('classless');
	});

	it('binds a claim made first on the next resync', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f pv-claim.yaml');
		succeeds(l, 'kubectl apply -f pv-volume.yaml');
		expect(succeeds(l, 'kubectl get pvc task-pv-claim -o jsonpath={.status.phase}').output).toBe(
			'Pending'
		);
		succeeds(l, 'sim advance 15s');
		expect(succeeds(l, 'kubectl get pvc task-pv-claim -o jsonpath={.status.phase}').output).toBe(
			'Bound'
		);
	});

	it('stays Terminating while bound, and is Released, deleted or Failed when the claim goes', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f pv-volume.yaml');
		succeeds(l, 'kubectl apply -f pv-claim.yaml');
		expect(succeeds(l, 'kubectl delete pv task-pv-volume --wait=false').output).toBe(
			'persistentvolume "task-pv-volume" deleted\n'
		);
		expect(succeeds(l, 'kubectl get pv task-pv-volume').output).toContain(' Terminating ');
		succeeds(l, 'kubectl delete pvc task-pv-claim');
		expect(l.exec('kubectl get pv').error).toBe('No resources found\n');

		// Retain: Released, still naming its claim.
		succeeds(l, 'kubectl apply -f pv-volume.yaml');
		succeeds(l, 'kubectl apply -f pv-claim.yaml');
		succeeds(l, 'kubectl delete pvc task-pv-claim');
		expect(succeeds(l, 'kubectl get pv task-pv-volume').output).toContain(
			'Retain           Released   default/task-pv-claim'
		);

		// Delete: the hostPath deleter removes /tmp/… volumes, and fails on any other path.
		succeeds(l, 'kubectl apply -f tmp-delete.yaml');
		succeeds(l, 'kubectl apply -f classless-claim.yaml');
		succeeds(l, 'kubectl delete pvc classless-claim');
		expect(l.exec('kubectl get pv scratch').error).toBe(
			'Error from server (NotFound): persistentvolumes "scratch" not found\n'
		);
		succeeds(l, 'kubectl apply -f mnt-delete.yaml');
		succeeds(l, 'kubectl apply -f classless-claim.yaml');
		succeeds(l, 'kubectl delete pvc classless-claim');
		const described = succeeds(l, 'kubectl describe pv kept').output;
		expect(described).toContain('Status:          Failed\n');
		expect(described).toContain(
			'Message:         host_path deleter only supports /tmp/.+ but received provided /mnt/data\n'
		);
		expect(described).toContain(
			'Warning  VolumeFailedDelete  0s    persistentvolume-controller  host_path deleter only supports /tmp/.+ but received provided /mnt/data'
		);
	});

	it('puts a pod on the node its local volume is pinned to, and says why not elsewhere', () => {
		const l = lab(3);
		succeeds(l, 'kubectl apply -f local-pv.yaml');
		succeeds(l, 'kubectl apply -f local-claim.yaml');
		succeeds(l, 'kubectl apply -f pv-pod.yaml');
		succeeds(l, 'sim advance 10s');
		expect(succeeds(l, 'kubectl get pod task-pv-pod -o jsonpath={.spec.nodeName}').output).toBe(
			'node-2'
		);
		expect(succeeds(l, 'kubectl describe pv example-pv').output).toContain(
			'Node Affinity:     \n' +
				'  Required Terms:  \n' +
				'    Term 0:        kubernetes.io/hostname in [node-2]\n'
		);
		succeeds(l, 'kubectl cordon node-2');
		succeeds(l, 'kubectl delete pod task-pv-pod');
		succeeds(l, 'kubectl apply -f pv-pod.yaml');
		succeeds(l, 'sim advance 10s');
		expect(succeeds(l, 'kubectl describe pod task-pv-pod').output).toContain(
			'0/4 nodes are available: 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable, 2 node(s) had volume node affinity conflict.'
		);
	});
});
