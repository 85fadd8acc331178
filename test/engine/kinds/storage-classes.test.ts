// StorageClass (storage.k8s.io/v1) from real manifests (the local-path-provisioner's class, the
// kubernetes.io "Storage Classes" local example): stored, printed and described as kubectl v1.35
// does, refused with the API server's messages, and seen by the PersistentVolume controller — a
// kubeadm cluster runs no provisioner, so a claim of a class waits, saying for whom; a default
// class is given retroactively to claims that name none.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

// rancher/local-path-provisioner deploy/local-path-storage.yaml.
const LOCAL_PATH = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-path
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
reclaimPolicy: Delete
`;

// https://kubernetes.io/docs/concepts/storage/storage-classes/#local
const LOCAL = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-storage
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
`;

const EXTERNAL = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: ebs.csi.aws.com
parameters:
  type: gp3
allowVolumeExpansion: true
`;

const CLAIM = (name: string, cls?: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
${cls === undefined ? '' : `  storageClassName: ${cls}\n`}  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
`;

const FILES: Record<string, string> = {
	'local-path.yaml': LOCAL_PATH,
	'local.yaml': LOCAL,
	'fast.yaml': EXTERNAL,
	'fast-retain.yaml': EXTERNAL.replace('allowVolumeExpansion: true', 'reclaimPolicy: Retain'),
	'claim.yaml': CLAIM('data'),
	'fast-claim.yaml': CLAIM('fast-data', 'fast'),
	'local-claim.yaml': CLAIM('local-data', 'local-storage'),
	'immediate-local.yaml': LOCAL.replace('WaitForFirstConsumer', 'Immediate'),
	'bad.yaml': `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: bad
reclaimPolicy: Recycle
volumeBindingMode: Later
`
};

function lab(): Lab {
	return createLab({ seed: 5, readFile: (p) => FILES[p] });
}

/** The claim's events as `type/reason/message` lines, oldest first. */
function events(l: Lab, claim: string): string {
	const list = JSON.parse(
		succeeds(l, `kubectl get events --field-selector involvedObject.name=${claim} -o json`).output
	) as { items: { type: string; reason: string; message: string }[] };
	return list.items.map((e) => `${e.type}/${e.reason}/${e.message}\n`).join('');
}

describe('StorageClass', () => {
	it('is listed with its default marker and described as kubectl prints it', () => {
		const l = lab();
		expect(fails(l, 'kubectl get sc nope').error).toBe(
			'Error from server (NotFound): storageclasses.storage.k8s.io "nope" not found\n'
		);
		succeeds(l, 'kubectl create -f local-path.yaml');
		succeeds(l, 'kubectl apply -f fast.yaml');
		succeeds(l, 'sim advance 2m');
		expect(succeeds(l, 'kubectl get storageclass').output).toBe(
			'NAME                   PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n' +
				'fast                   ebs.csi.aws.com         Delete          Immediate              true                   2m\n' +
				'local-path (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  2m\n'
		);
		expect(succeeds(l, 'kubectl describe sc local-path').output).toBe(
			'Name:                  local-path\n' +
				'IsDefaultClass:        Yes\n' +
				'Annotations:           storageclass.kubernetes.io/is-default-class=true\n' +
				'Provisioner:           rancher.io/local-path\n' +
				'Parameters:            <none>\n' +
				'AllowVolumeExpansion:  <unset>\n' +
				'MountOptions:          <none>\n' +
				'ReclaimPolicy:         Delete\n' +
				'VolumeBindingMode:     WaitForFirstConsumer\n' +
				'Events:                <none>\n'
		);
		expect(succeeds(l, 'kubectl get sc fast -o jsonpath={.parameters.type}').output).toBe('gp3');
		expect(succeeds(l, 'kubectl api-resources --api-group storage.k8s.io').output).toBe(
			'NAME             SHORTNAMES   APIVERSION          NAMESPACED   KIND\n' +
				'storageclasses   sc           storage.k8s.io/v1   false        StorageClass\n'
		);
	});

	it('refuses a bad class and a change of reclaimPolicy, and deletes one', () => {
		const l = lab();
		expect(fails(l, 'kubectl apply -f bad.yaml').error).toBe(
			'The StorageClass "bad" is invalid: \n' +
				'* provisioner: Required value\n' +
				'* reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"\n' +
				'* volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"\n'
		);
		succeeds(l, 'kubectl apply -f fast.yaml');
		expect(fails(l, 'kubectl apply -f fast-retain.yaml').error).toContain(
			'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.'
		);
		expect(succeeds(l, 'kubectl delete sc fast').output).toBe(
			'storageclass.storage.k8s.io "fast" deleted\n'
		);
		expect(l.exec('kubectl get sc').error).toBe('No resources found\n');
	});
});

describe('claims of a StorageClass on a cluster without provisioners', () => {
	it('waits for the external provisioner, and the claim says which', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f fast.yaml');
		succeeds(l, 'kubectl apply -f fast-claim.yaml');
		succeeds(l, 'sim advance 30s');
		expect(succeeds(l, 'kubectl get pvc fast-data -o jsonpath={.status.phase}').output).toBe(
			'Pending'
		);
		expect(events(l, 'fast-data')).toBe(
			"Normal/ExternalProvisioning/Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.\n"
		);
		const claim = JSON.parse(succeeds(l, 'kubectl get pvc fast-data -o json').output) as {
			metadata: { annotations: Record<string, string> };
		};
		expect(claim.metadata.annotations['volume.kubernetes.io/storage-provisioner']).toBe(
			'ebs.csi.aws.com'
		);
		expect(claim.metadata.annotations['volume.beta.kubernetes.io/storage-provisioner']).toBe(
			'ebs.csi.aws.com'
		);
	});

	it('waits for a consumer, or finds no plugin for kubernetes.io/no-provisioner', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f local.yaml');
		succeeds(l, 'kubectl apply -f claim.yaml');
		// A claim without a class, and no default class: nothing to do.
		expect(events(l, 'data')).toBe(
			'Normal/FailedBinding/no persistent volumes available for this claim and no storage class is set\n'
		);
		const other = lab();
		succeeds(other, 'kubectl apply -f immediate-local.yaml');
		succeeds(other, 'kubectl apply -f local-claim.yaml');
		expect(events(other, 'local-data')).toBe(
			'Warning/ProvisioningFailed/no volume plugin matched name: kubernetes.io/no-provisioner\n'
		);
	});

	it('gives a claim that names no class the default class once there is one', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f claim.yaml');
		succeeds(l, 'kubectl apply -f local-path.yaml');
		succeeds(l, 'sim advance 15s');
		expect(succeeds(l, 'kubectl get pvc data -o jsonpath={.spec.storageClassName}').output).toBe(
			'local-path'
		);
		expect(events(l, 'data')).toContain(
			'Normal/WaitForFirstConsumer/waiting for first consumer to be created before binding\n'
		);
	});
});
