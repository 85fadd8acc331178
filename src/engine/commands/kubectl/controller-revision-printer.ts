/**
 * `kubectl get controllerrevisions` (kubernetes pkg/printers/internalversion/printers.go
 * controllerRevisionColumnDefinitions, printControllerRevision): the owner is printed as
 * `<kind>.<group>/<name>` (formatResourceName with the controller's GroupKind), `<none>`
 * without one.
 */
import type { ControllerRevision } from 'kubernetes-types/apps/v1';
import { ageOf } from './node-printer';
import type { Printer } from './workload-printers';

export const CONTROLLER_REVISION_PRINTER: Printer<ControllerRevision> = {
	columns: ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
	wide: [],
	row(r, now) {
		const owner = r.metadata?.ownerReferences?.find((o) => o.controller === true);
		let controller = '<none>';
		if (owner !== undefined) {
			const slash = owner.apiVersion.indexOf('/');
			const group = slash < 0 ? '' : owner.apiVersion.slice(0, slash);
			const kind = owner.kind.toLowerCase();
			controller = `${group === '' ? kind : `${kind}.${group}`}/${owner.name}`;
		}
		return [
			r.metadata?.name ?? '',
			controller,
			String(r.revision),
			ageOf(r.metadata?.creationTimestamp, now)
		];
	}
};
