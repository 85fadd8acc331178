// A pod waiting for its claim is tried again when the claim is bound (VolumeBinding's cluster
// events: PersistentVolumeClaim and PersistentVolume add/update), not only after the
// unschedulable queue's 5-minute flush.
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	'claim.yaml': `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: db
    image: redis:7
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
`,
	'volume.yaml': `apiVersion: v1
kind: PersistentVolume
metadata:
  name: data-1
spec:
  capacity:
    storage: 1Gi
  accessModes: ["ReadWriteOnce"]
  hostPath:
    path: /mnt/data-1
`
};

describe('a pod waiting for its claim', () => {
	it('is scheduled soon after a volume is made and its claim bound', () => {
		const l = createLab({ seed: 8, workers: 2, readFile: (p) => FILES[p] });
		succeeds(l, 'kubectl apply -f claim.yaml');
		succeeds(l, 'sim advance 60s');
		const pod = () => JSON.parse(succeeds(l, 'kubectl get pod db -o json').output) as Pod;
		expect(pod().spec?.nodeName).toBeUndefined();
		succeeds(l, 'kubectl apply -f volume.yaml');
		// The PV controller's next resync (15 s) binds the claim; the scheduler follows at once,
		// well before the 5-minute flush of unschedulable pods.
		succeeds(l, 'sim advance 20s');
		expect(pod().spec?.nodeName).toMatch(/^node-\d$/);
	});
});
