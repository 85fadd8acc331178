/**
 * PersistentVolume (v1, cluster-scoped): its field schema (k8s.io/api core/v1 types.go
 * PersistentVolumeSpec), what the API server adds on create and its create validation:
 * - pkg/apis/core/v1/defaults.go SetDefaults_PersistentVolume (persistentVolumeReclaimPolicy
 *   Retain, volumeMode Filesystem) and SetDefaults_HostPathVolumeSource (type "");
 * - pkg/registry/core/persistentvolume/strategy.go PrepareForCreate: status reset, phase Pending
 *   (the PV controller then makes it Available);
 * - plugin/pkg/admission/storage/storageobjectinuseprotection: the `kubernetes.io/pv-protection`
 *   finalizer;
 * - pkg/apis/core/validation/validation.go ValidatePersistentVolume / ValidatePersistentVolumeSpec
 *   for the mistakes people make by hand: no capacity, a capacity other than storage, no access
 *   modes, no volume source or more than one, a bad reclaim policy or volume mode, a hostPath or
 *   local path that is missing, an NFS volume without server or absolute path, a local volume
 *   without node affinity.
 *
 * Binding it to claims is kubernetes/storage/persistent-volume-controller.ts's job.
 */
import type {
	PersistentVolume,
	PersistentVolumeSpec,
	PersistentVolumeStatus
} from 'kubernetes-types/core/v1';
import type { Schema } from './schema-base';
import { arr, bool, obj, open, resourceList, str, strings, topLevel } from './schema-base';
import type { ErrorList } from './field-errors';
import {
	child,
	forbidden,
	invalid,
	isDNS1123Subdomain,
	key,
	notSupported,
	required
} from './field-errors';
import { validateObjectMeta } from './validate-meta';
import { sortedMap } from './json';
import { compareQuantities, parseQuantity } from './quantity';

export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

const hostPath = obj('v1', 'HostPathVolumeSource', () => ({
	path: str(),
	type: str('v1.HostPathType')
}));

const nodeSelectorTerm = obj('v1', 'NodeSelectorTerm', () => ({
	matchExpressions: arr(open('v1', 'NodeSelectorRequirement')),
	matchFields: arr(open('v1', 'NodeSelectorRequirement'))
}));

/** Every in-tree and CSI source of PersistentVolumeSpec, by JSON name. */
const OTHER_SOURCES = [
	['gcePersistentDisk', 'GCEPersistentDiskVolumeSource'],
	['awsElasticBlockStore', 'AWSElasticBlockStoreVolumeSource'],
	['glusterfs', 'GlusterfsPersistentVolumeSource'],
	['flocker', 'FlockerVolumeSource'],
	['rbd', 'RBDPersistentVolumeSource'],
	['quobyte', 'QuobyteVolumeSource'],
	['cephfs', 'CephFSPersistentVolumeSource'],
	['iscsi', 'ISCSIPersistentVolumeSource'],
	['cinder', 'CinderPersistentVolumeSource'],
	['fc', 'FCVolumeSource'],
	['flexVolume', 'FlexPersistentVolumeSource'],
	['azureFile', 'AzureFilePersistentVolumeSource'],
	['vsphereVolume', 'VsphereVirtualDiskVolumeSource'],
	['photonPersistentDisk', 'PhotonPersistentDiskVolumeSource'],
	['portworxVolume', 'PortworxVolumeSource'],
	['azureDisk', 'AzureDiskVolumeSource'],
	['scaleIO', 'ScaleIOPersistentVolumeSource'],
	['storageos', 'StorageOSPersistentVolumeSource'],
	['csi', 'CSIPersistentVolumeSource']
] as const;

export const PV_SCHEMAS: Record<'PersistentVolume', Schema> = {
	PersistentVolume: topLevel('PersistentVolume', 'v1', {
		spec: obj('v1', 'PersistentVolumeSpec', () => ({
			accessModes: arr(str('v1.PersistentVolumeAccessMode')),
			capacity: resourceList,
			claimRef: open('v1', 'ObjectReference'),
			hostPath,
			local: obj('v1', 'LocalVolumeSource', () => ({ fsType: str(), path: str() })),
			mountOptions: strings,
			nfs: obj('v1', 'NFSVolumeSource', () => ({ path: str(), readOnly: bool, server: str() })),
			nodeAffinity: obj('v1', 'VolumeNodeAffinity', () => ({
				required: obj('v1', 'NodeSelector', () => ({ nodeSelectorTerms: arr(nodeSelectorTerm) }))
			})),
			persistentVolumeReclaimPolicy: str('v1.PersistentVolumeReclaimPolicy'),
			storageClassName: str(),
			volumeAttributesClassName: str(),
			volumeMode: str('v1.PersistentVolumeMode'),
			...Object.fromEntries(OTHER_SOURCES.map(([name, struct]) => [name, open('v1', struct)]))
		}))
	})
};

/** supportedAccessModes, supportedReclaimPolicy, supportedVolumeModes (sets.List: sorted). */
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];

export function defaultPersistentVolume(pv: PersistentVolume): void {
	const spec = ((pv as { spec?: PersistentVolumeSpec }).spec ??= {});
	spec.persistentVolumeReclaimPolicy ||= 'Retain';
	spec.volumeMode ??= 'Filesystem';
	if (spec.hostPath) spec.hostPath.type ??= '';
	const meta = (pv.metadata ??= {});
	const finalizers = meta.finalizers ?? [];
	if (!finalizers.includes(PV_PROTECTION_FINALIZER))
		meta.finalizers = [...finalizers, PV_PROTECTION_FINALIZER];
	(pv as { status?: PersistentVolumeStatus }).status = { phase: 'Pending' };
}

/** The volume sources a spec names, in ValidatePersistentVolumeSpec's order. */
function sourcesOf(spec: PersistentVolumeSpec): string[] {
	const order = [
		'hostPath',
		'gcePersistentDisk',
		'awsElasticBlockStore',
		'glusterfs',
		'flocker',
		'nfs',
		'rbd',
		'quobyte',
		'cephfs',
		'iscsi',
		'cinder',
		'fc',
		'flexVolume',
		'azureFile',
		'vsphereVolume',
		'photonPersistentDisk',
		'portworxVolume',
		'azureDisk',
		'scaleIO',
		'local',
		'storageos',
		'csi'
	];
	const given = spec as Record<string, unknown>;
	return order.filter((name) => given[name] !== undefined && given[name] !== null);
}

/** The checks of the three sources people write by hand (validateHostPathVolumeSource, …). */
function validateSource(spec: PersistentVolumeSpec, name: string): ErrorList {
	const errs: ErrorList = [];
	const at = child('spec', name);
	if (name === 'hostPath') {
		const path = spec.hostPath?.path ?? '';
		if (path === '') errs.push(required(child(at, 'path')));
		else if (path.split('/').includes('..'))
			errs.push(invalid(child(at, 'path'), path, "must not contain '..'"));
	} else if (name === 'local') {
		const path = spec.local?.path ?? '';
		if (path === '') errs.push(required(child(at, 'path')));
		else if (!path.startsWith('/'))
			errs.push(invalid(child(at, 'path'), path, 'must be an absolute path'));
		if (spec.nodeAffinity === undefined)
			errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
	} else if (name === 'nfs') {
		if (!spec.nfs?.server) errs.push(required(child(at, 'server')));
		const path = spec.nfs?.path ?? '';
		if (path === '') errs.push(required(child(at, 'path')));
		else if (!path.startsWith('/'))
			errs.push(invalid(child(at, 'path'), path, 'must be an absolute path'));
	}
	return errs;
}

export function validatePersistentVolume(pv: PersistentVolume): ErrorList {
	// ValidatePersistentVolumeName is NameIsDNSSubdomain.
	const errs = validateObjectMeta(pv.metadata, false, isDNS1123Subdomain);
	const spec = pv.spec ?? {};
	const modes = spec.accessModes ?? [];
	if (modes.length === 0) errs.push(required('spec.accessModes'));
	for (const mode of modes)
		if (!ACCESS_MODES.includes(mode))
			errs.push(notSupported('spec.accessModes', mode, ACCESS_MODES));
	const onePod = modes.includes('ReadWriteOncePod');
	if (onePod && modes.some((m) => m !== 'ReadWriteOncePod' && ACCESS_MODES.includes(m)))
		errs.push(
			forbidden('spec.accessModes', 'may not use ReadWriteOncePod with other access modes')
		);
	const capacity = spec.capacity ?? {};
	const names = Object.keys(capacity);
	if (names.length === 0) errs.push(required('spec.capacity'));
	if (!names.includes('storage') || names.length > 1)
		// The value is the ResourceList, marshalled as JSON (a Go map: keys sorted; nil: null).
		errs.push(
			notSupported('spec.capacity', spec.capacity === undefined ? null : sortedMap(capacity), [
				'storage'
			])
		);
	for (const name of names) {
		const value = capacity[name]!;
		if (!('error' in parseQuantity(value)) && compareQuantities(value, '0') <= 0)
			errs.push(invalid(key('spec.capacity', name), value, 'must be greater than zero'));
	}
	const policy = spec.persistentVolumeReclaimPolicy ?? '';
	if (policy !== '' && !RECLAIM_POLICIES.includes(policy))
		errs.push(notSupported('spec.persistentVolumeReclaimPolicy', policy, RECLAIM_POLICIES));
	if (spec.nodeAffinity !== undefined && spec.nodeAffinity.required === undefined)
		errs.push(required('spec.nodeAffinity.required', 'must specify required node constraints'));
	const sources = sourcesOf(spec);
	sources.forEach((name, i) => {
		if (i === 0) errs.push(...validateSource(spec, name));
		// The one source whose error path is spelled differently from its JSON name.
		else
			errs.push(
				forbidden(
					child('spec', name === 'cephfs' ? 'cephFS' : name),
					'may not specify more than 1 volume type'
				)
			);
	});
	if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
	if (spec.storageClassName)
		for (const msg of isDNS1123Subdomain(spec.storageClassName))
			errs.push(invalid('spec.storageClassName', spec.storageClassName, msg));
	if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(spec.volumeMode))
		errs.push(notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
	return errs;
}
