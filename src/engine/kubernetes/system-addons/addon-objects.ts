/**
 * Which objects are the cluster's own add-ons (./install.ts) rather than the learner's: the
 * lab's views leave them out, as a dashboard opens on the learner's namespace — kubectl still
 * lists them with `-n kube-system` or `-A`. A learner's own object in kube-system (a log
 * collector DaemonSet, say) is still the learner's.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { KUBE_DNS_LABELS, KUBE_PROXY_LABELS, SYSTEM } from './addon-manifests';
import { MIRROR_ANNOTATION } from './static-pods';

const ADDON_APPS = new Set([KUBE_PROXY_LABELS['k8s-app'], KUBE_DNS_LABELS['k8s-app']]);

export function isClusterAddon(object: { metadata?: ObjectMeta }): boolean {
	const meta = object.metadata;
	if (meta?.namespace !== SYSTEM) return false;
	const app = meta.labels?.['k8s-app'];
	return (
		(app !== undefined && ADDON_APPS.has(app)) ||
		meta.annotations?.[MIRROR_ANNOTATION] !== undefined
	);
}
